"""Reads: the register of appointed officials (任命人员名册) and who is shown as in office.

Where the rule ``appointments.oath_required`` is on, an appointee whose post has started is not
shown as in office until the oath is recorded: the register, the API and the person's page show
“待宣誓” instead."""

from __future__ import annotations

from dataclasses import dataclass

from renda.appointments.models import Nominee
from renda.core import rules
from renda.core.models import Congress

PENDING_OATH = "待宣誓"
IN_OFFICE = "在任"


@dataclass
class RegisterRow:
    nominee: Nominee
    sworn: bool
    in_office: bool

    @property
    def status(self) -> str:
        return IN_OFFICE if self.in_office else PENDING_OATH


def oath_required(congress: Congress) -> bool:
    return bool(rules.get(congress, "appointments.oath_required"))


def register(congress: Congress) -> list[RegisterRow]:
    """Appointees whose post (from an appointment of this congress) has not ended, by body and post."""
    required = oath_required(congress)
    nominees = (Nominee.objects.in_congress(congress)
                .filter(action=Nominee.Action.APPOINT, status=Nominee.Status.PASSED, membership__end__isnull=True)
                .select_related("person", "organisation", "membership", "bill", "oath__ceremony")
                .order_by("organisation__name", "post", "decided_on", "id"))
    rows = []
    for n in nominees:
        sworn = hasattr(n, "oath")
        rows.append(RegisterRow(n, sworn, sworn or not required))
    return rows


def pending_oath_membership_ids(congress: Congress) -> set[int]:
    """Memberships started by an appointment whose appointee has not yet sworn, where the rule
    requires the oath: other pages (a person's page, the people API) show them as “待宣誓”."""
    if not oath_required(congress):
        return set()
    return set(Nominee.objects.in_congress(congress)
               .filter(action=Nominee.Action.APPOINT, status=Nominee.Status.PASSED, oath__isnull=True,
                       membership__isnull=False).values_list("membership_id", flat=True))


def popolo_posts(congress: Congress) -> tuple[list[dict], dict[int, str], set[int]]:
    """For the Popolo export: the posts the standing committee fills by appointment (one per body and
    post), each membership's post id (membership id → post id), and the memberships not yet shown
    (appointees still to swear the oath where the rule requires it)."""
    posts: dict[str, dict] = {}
    membership_posts: dict[int, str] = {}
    nominees = (Nominee.objects.in_congress(congress).filter(status=Nominee.Status.PASSED, membership__isnull=False)
                .select_related("organisation").order_by("organisation_id", "post", "id"))
    for n in nominees:
        key = f"post-{n.organisation_id}-{n.post}"
        posts.setdefault(key, {"id": key, "label": f"{n.organisation.name}{n.post}", "role": n.post,
                               "organization_id": f"organization-{n.organisation_id}"})
        assert n.membership_id is not None
        membership_posts[n.membership_id] = key
    return list(posts.values()), membership_posts, pending_oath_membership_ids(congress)
