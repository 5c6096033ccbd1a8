"""From the outbox (``proposals.Notice``) to people: plan deliveries, send them, retry, give up.

- ``plan``: one Delivery per notice, recipient and channel. A person's notice goes to their account;
  a unit's to each unit officer's account. The inbox always; an **urgent** notice also to every
  channel the recipient chose, an ordinary one to their first choice only (so a deputy is not
  texted and mailed about every routine step, yet cannot miss a meeting tomorrow or an overdue
  answer). Nobody has chosen anything until they say so: then the inbox only.
- ``attempt``: claim, send outside any transaction, record; failures wait
  ``delivery.retry_minutes`` × 2^(attempts-1) and after ``delivery.max_attempts`` become dead letters.
- ``announce``: after the notice's transaction commits (``transaction.on_commit``), plan and try at
  once — a ``Notice.objects.create`` does this by itself (post_save); writers that ``bulk_create``
  are picked up by the drain (``deliver_notices``) within ``delivery.pickup_days``.

These are the outbox's own machinery, not a person's action: no permission, no audit row (the
notice was the audited step); a person's choices and the office's retry are actions (actions.py).
"""

from __future__ import annotations

import datetime
import functools
import logging
from collections import Counter

from django.db import transaction
from django.db.models import Exists, F, OuterRef
from django.utils import timezone

from renda.core import rules, tallies, versioned
from renda.core.models import Congress, RoleGrant
from renda.core.roles import Role
from renda.core.tenancy import congress_scope
from renda.delivery import attendance, channels
from renda.delivery.models import Delivery, Preference
from renda.proposals.models import Notice

logger = logging.getLogger(__name__)
S = Delivery.Status
LEASE = datetime.timedelta(minutes=5)  # a claimed delivery whose sender died is due again after this
OVERDUE_KINDS = ("answer:", "opinion:", "commitment:", "rectification:")


def is_urgent(congress: Congress, notice: Notice) -> bool:
    """Urgent: a meeting notice sent within ``delivery.urgent_meeting_hours`` of the meeting, or a
    due-date reminder that says the answer, co-opinion, commitment or rectification is overdue."""
    parsed = attendance.parse_key(notice.key)
    if parsed is not None:
        from renda.meetings.models import Meeting

        starts = Meeting.objects.in_congress(congress).filter(pk=parsed[0]).values_list("starts_at", flat=True).first()
        made = notice.created_at or timezone.now()
        hours = rules.get(congress, "delivery.urgent_meeting_hours")
        return starts is not None and starts - made <= datetime.timedelta(hours=hours)
    return (notice.key or "").startswith(OVERDUE_KINDS) and "逾期" in notice.text


def recipients(congress: Congress, notices: list[Notice]) -> dict[int, list]:
    """notice id → the accounts it is for (a person's own; a unit's officers)."""
    from django.contrib.auth import get_user_model

    from renda.people.models import Person

    User = get_user_model()
    people = dict(Person.objects.filter(pk__in={n.person_id for n in notices if n.person_id},
                                        user__isnull=False).values_list("pk", "user_id"))
    officers: dict[int, list[int]] = {}
    for user_id, unit_id in (RoleGrant.objects.in_congress(congress)
                             .filter(role=Role.UNIT_OFFICER, organisation_id__in={n.unit_id for n in notices if n.unit_id})
                             .values_list("user_id", "organisation_id")):
        officers.setdefault(unit_id, []).append(user_id)
    wanted = set(people.values()) | {u for ids in officers.values() for u in ids}
    users = User.objects.filter(pk__in=wanted, is_active=True).select_related("person").in_bulk()
    found = {}
    for n in notices:
        ids = [people[n.person_id]] if n.person_id in people else officers.get(n.unit_id, []) if n.unit_id else []
        found[n.pk] = [users[i] for i in ids if i in users]
    return found


def address_for(channel: str, user, preference: Preference | None) -> str:
    if channel == "email":
        return (preference.email if preference else "") or user.email
    if channel == "webhook":
        person = getattr(user, "person", None)
        return (preference.mobile if preference else "") or (person.phone if person else "")
    return ""


def chosen_channels(congress: Congress, user, preference: Preference | None, urgent: bool) -> list[tuple[str, str]]:
    """(channel, address) the notice goes to besides the inbox."""
    usable = []
    for name in (preference.channels if preference else []):
        if name in channels.EXTERNAL and channels.get(name).available(congress):
            address = address_for(name, user, preference)
            if address:
                usable.append((name, address))
    return usable if urgent else usable[:1]


def plan(congress: Congress, notices: list[Notice], now=None) -> int:
    """Delivery rows for these notices; those already planned are left as they are. Two drains (or a
    drain and an after-commit attempt) may plan the same notice at the same moment: the unique
    constraint (notice, user, channel) drops the second's rows (ignore_conflicts), so none is doubled."""
    now = now or timezone.now()
    to = recipients(congress, notices)
    preferences = {p.user_id: p for p in Preference.objects.in_congress(congress)
                   .filter(user_id__in={u.pk for users in to.values() for u in users})}
    rows = []
    for n in notices:
        urgent = is_urgent(congress, n)
        for user in to.get(n.pk, []):
            rows.append(Delivery(congress=congress, notice=n, user=user, channel="inbox", urgent=urgent,
                                 status=S.SENT, attempts=1, next_attempt_at=now, sent_at=now))
            for name, address in chosen_channels(congress, user, preferences.get(user.pk), urgent):
                rows.append(Delivery(congress=congress, notice=n, user=user, channel=name, address=address,
                                     urgent=urgent, next_attempt_at=now))
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    _settle_notices(congress, [n.pk for n in notices], now)
    if rows:
        tallies.note_write(congress)  # the unread counts kept per data version (unread_for) are counted again
    return len(rows)


def unplanned(congress: Congress, now=None):
    """Recent notices with no delivery yet (those written by bulk_create, or while the sender was down)."""
    now = now or timezone.now()
    since = now - datetime.timedelta(days=rules.get(congress, "delivery.pickup_days"))
    planned = Delivery.objects.in_congress(congress).filter(notice=OuterRef("pk"))
    return (Notice.objects.in_congress(congress).filter(created_at__gte=since, sent_at__isnull=True)
            .filter(~Exists(planned)).order_by("id"))


def claim(delivery: Delivery, now) -> bool:
    """Take a due delivery for sending. Race: two drains running at once (or the drain and the
    after-commit attempt) both read the row as due; each then sends only if its conditional UPDATE
    (same attempts, still pending/failed and due) changes the row — the database lets one of them
    do so, the other finds it already taken (attempts moved on) and skips it. The claim pushes
    next_attempt_at a lease ahead, so a sender that dies mid-send leaves it due again later."""
    taken = (Delivery.objects.in_congress(delivery.congress_id)
             .filter(pk=delivery.pk, status__in=[S.PENDING, S.FAILED], attempts=delivery.attempts,
                     next_attempt_at__lte=now)
             .update(attempts=F("attempts") + 1, next_attempt_at=now + LEASE))
    if taken:
        delivery.attempts += 1
    return bool(taken)


def backoff(congress: Congress, attempts: int) -> datetime.timedelta:
    return datetime.timedelta(minutes=rules.get(congress, "delivery.retry_minutes") * 2 ** max(attempts - 1, 0))


def attempt(delivery: Delivery, now=None) -> str:
    """Claim, send and record one delivery: its new status, or "" when another sender had it."""
    now = now or timezone.now()
    with congress_scope(delivery.congress):
        return _attempt(delivery, now)


def _attempt(delivery: Delivery, now) -> str:
    if not claim(delivery, now):
        return ""
    congress = delivery.congress
    try:
        channels.get(delivery.channel).send(delivery)
    except Exception as error:  # any failure of the channel is retried, then handed to people
        dead = delivery.attempts >= rules.get(congress, "delivery.max_attempts")
        status = S.DEAD if dead else S.FAILED
        message = f"{type(error).__name__}: {error}"[:500]
        Delivery.objects.in_congress(congress).filter(pk=delivery.pk).update(
            status=status, last_error=message, next_attempt_at=now + backoff(congress, delivery.attempts))
        logger.warning("delivery %s (%s) failed, attempt %s: %s", delivery.pk, delivery.channel, delivery.attempts,
                       message)
        return status
    Delivery.objects.in_congress(congress).filter(pk=delivery.pk).update(status=S.SENT, sent_at=now, last_error="")
    _settle_notices(congress, [delivery.notice_id], now)
    return S.SENT


def _settle_notices(congress: Congress, notice_ids: list[int], now) -> None:
    """The outbox's ``sent_at``: set once every delivery of the notice has been sent."""
    open_ = Delivery.objects.in_congress(congress).filter(notice=OuterRef("pk")).exclude(status=S.SENT)
    planned = Delivery.objects.in_congress(congress).filter(notice=OuterRef("pk"))
    (Notice.objects.in_congress(congress).filter(pk__in=notice_ids, sent_at__isnull=True)
     .filter(Exists(planned)).filter(~Exists(open_)).update(sent_at=now))


def due(congress: Congress, now, limit: int = 500):
    return (Delivery.objects.in_congress(congress).filter(status__in=[S.PENDING, S.FAILED], next_attempt_at__lte=now)
            .select_related("notice", "congress", "user").order_by("next_attempt_at", "id")[:limit])


def drain(congress: Congress, now=None, limit: int = 500) -> Counter:
    """Plan what is unplanned and send what is due, in this congress. Safe to run twice at once."""
    now = now or timezone.now()
    counts: Counter = Counter()
    with congress_scope(congress):
        fresh = list(unplanned(congress, now)[:limit])
        if fresh:
            counts["planned"] += plan(congress, fresh, now)
        for delivery in list(due(congress, now, limit)):
            result = attempt(delivery, now)
            counts[result or "skipped"] += 1
    return counts


def drain_all(now=None, limit: int = 500) -> dict[str, Counter]:
    return {c.code: drain(c, now, limit) for c in Congress.objects.order_by("id")}


def deliver_now(congress_id: int, notice_ids: list[int]) -> None:
    """Plan and send these notices' deliveries now; any error is logged and left to the drain."""
    try:
        congress = Congress.objects.get(pk=congress_id)
        with congress_scope(congress):
            notices = list(Notice.objects.in_congress(congress).filter(pk__in=notice_ids))
            now = timezone.now()
            plan(congress, notices, now)
            for delivery in list(Delivery.objects.in_congress(congress)
                                 .filter(notice_id__in=notice_ids, status=S.PENDING, next_attempt_at__lte=now)
                                 .select_related("notice", "congress", "user")):
                attempt(delivery, now)
    except Exception:  # never let a mail server break the page that wrote the notice
        logger.exception("delivering notices %s right after commit failed; the drain will retry", notice_ids)


def announce(notices: list[Notice]) -> None:
    """Deliver these notices once the transaction that wrote them commits — never inside it (a
    rolled-back notice must not be sent, and a slow gateway must not hold the transaction open)."""
    by_congress: dict[int, list[int]] = {}
    for n in notices:
        if n.pk:
            by_congress.setdefault(n.congress_id, []).append(n.pk)
    for congress_id, ids in by_congress.items():
        transaction.on_commit(functools.partial(deliver_now, congress_id, ids))


def on_notice_saved(sender, instance: Notice, created: bool, raw: bool = False, **kwargs) -> None:
    if created and not raw:
        announce([instance])


def unread_count(congress: Congress, user) -> int:
    if not getattr(user, "is_authenticated", False):
        return 0
    return Delivery.objects.in_congress(congress).filter(user=user, channel="inbox", read_at__isnull=True).count()


def unread_for(request) -> int:
    """The header's number: the signed-in account's unread inbox notices in the request's congress,
    counted once per data version (planning a notice's deliveries and reading them both move it)."""
    congress = getattr(request, "congress", None)
    if congress is None or not request.user.is_authenticated:
        return 0
    return versioned.cached(congress, f"unread:{request.user.pk}", lambda: unread_count(congress, request.user))
