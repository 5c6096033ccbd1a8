"""Routing, derived at read time: which committee faces a unit, which leader is in charge of a
committee, and everything that is a leader's (``work_of_leader``) on a given day."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet
from django.utils import timezone

from renda.core.models import Congress
from renda.people.models import Membership, Organisation, Person
from renda.portfolios.models import Liaison, Portfolio

LEADER_POSTS = (Membership.Post.CHAIR, Membership.Post.VICE_CHAIR, Membership.Post.SECRETARY_GENERAL)


def on(day: datetime.date) -> Q:
    """A period in force on ``day``: started by then, not ended before it (the end day still counts)."""
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def _day(day: datetime.date | None) -> datetime.date:
    return day or timezone.localdate()


def portfolios(congress: Congress | int, day: datetime.date | None = None) -> QuerySet[Portfolio]:
    return Portfolio.objects.in_congress(congress).filter(on(_day(day))).select_related("leader", "committee")


def liaisons(congress: Congress | int, day: datetime.date | None = None) -> QuerySet[Liaison]:
    return Liaison.objects.in_congress(congress).filter(on(_day(day))).select_related("committee", "unit")


def committee_for_unit(congress: Congress | int, unit: Organisation, day: datetime.date | None = None) -> Organisation | None:
    """The working committee facing ``unit`` on ``day`` (today by default), or None."""
    row = liaisons(congress, day).filter(unit=unit).order_by("start", "id").first()
    return row.committee if row else None


def leader_for_committee(congress: Congress | int, committee: Organisation,
                         day: datetime.date | None = None) -> Person | None:
    """The leader in charge of ``committee`` on ``day`` (today by default), or None."""
    row = portfolios(congress, day).filter(committee=committee).order_by("start", "id").first()
    return row.leader if row else None


def leader_for_unit(congress: Congress | int, unit: Organisation, day: datetime.date | None = None) -> Person | None:
    committee = committee_for_unit(congress, unit, day)
    return leader_for_committee(congress, committee, day) if committee else None


def committees_of(congress: Congress | int, person: Person, day: datetime.date | None = None) -> list[Organisation]:
    return [p.committee for p in portfolios(congress, day).filter(leader=person).order_by("committee__name")]


def units_of(congress: Congress | int, committees: list[Organisation],
             day: datetime.date | None = None) -> list[Organisation]:
    return [row.unit for row in liaisons(congress, day).filter(committee__in=committees).order_by("unit__name")]


def leaders(congress: Congress | int, day: datetime.date | None = None) -> list[Person]:
    """The people holding a leader's post (主任、副主任、秘书长) in the standing committee on ``day``."""
    day = _day(day)
    rows = (Membership.objects.in_congress(congress).filter(
        organisation__kind=Organisation.Kind.STANDING_COMMITTEE, post__in=LEADER_POSTS).filter(on(day))
        .select_related("person").order_by("post", "person__name"))
    order = {post: n for n, post in enumerate(LEADER_POSTS)}
    seen: dict[int, Person] = {}
    for m in sorted(rows, key=lambda m: order.get(m.post, 9)):
        seen.setdefault(m.person_id, m.person)
    return list(seen.values())


def is_leader(congress: Congress | int, person: Person, day: datetime.date) -> bool:
    return Membership.objects.in_congress(congress).filter(
        person=person, organisation__kind=Organisation.Kind.STANDING_COMMITTEE, post__in=LEADER_POSTS).filter(
        on(day)).exists()


@dataclass
class Work:
    """What is a leader's on a day, grouped; each group a queryset, counted on the page."""

    leader: Person
    day: datetime.date
    committees: list[Organisation] = field(default_factory=list)
    units: list[Organisation] = field(default_factory=list)
    groups: dict[str, Any] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {key: qs.count() for key, qs in self.groups.items()}


GROUPS = {
    "suggestions": "代表建议（对口部门承办、本人或分管委员会督办）",
    "plan_items": "监督工作计划项目（分管委员会牵头）",
    "activities": "调研、检查、视察（分管委员会牵头）",
    "livelihood": "民生实事项目（本人负责或对口部门牵头）",
    "rectification": "整改事项（对口部门负责，未销号）",
    "work_points": "工作要点事项（本人分管或分管委员会负责）",
}


def work_of_leader(congress: Congress, person: Person, day: datetime.date | None = None) -> Work:
    """Everything that is ``person``'s on ``day``: the committees in their charge, the units those
    committees face, and the suggestions, oversight plan items and activities, livelihood projects,
    rectification items and work points that route to them through that map."""
    from renda.livelihood.models import Proposal
    from renda.oversight.models import Activity, PlanItem
    from renda.proposals.models import Assignment, Suggestion
    from renda.rectification.models import RectificationItem

    day = _day(day)
    committees = committees_of(congress, person, day)
    units = units_of(congress, committees, day)
    committee_ids, unit_ids = [c.pk for c in committees], [u.pk for u in units]
    assigned = Assignment.objects.in_congress(congress).filter(unit_id__in=unit_ids, ended_on__isnull=True) \
        .values_list("suggestion_id", flat=True)
    groups: dict[str, Any] = {
        "suggestions": Suggestion.objects.in_congress(congress).filter(
            Q(pk__in=list(assigned)) | Q(supervising_leader=person) | Q(supervising_committee_id__in=committee_ids))
        .exclude(status__in=[Suggestion.Status.DRAFT, Suggestion.Status.WITHDRAWN]).order_by("-year", "number", "id"),
        "plan_items": PlanItem.objects.in_congress(congress).filter(lead_committee_id__in=committee_ids)
        .order_by("-id"),
        "activities": Activity.objects.in_congress(congress).filter(lead_committee_id__in=committee_ids)
        .order_by("-id"),
        "livelihood": Proposal.objects.in_congress(congress).filter(
            Q(leader_in_charge=person) | Q(lead_unit_id__in=unit_ids))
        .filter(status__in=[Proposal.Status.CANDIDATE, Proposal.Status.CHOSEN]).order_by("-id"),
        "rectification": RectificationItem.objects.in_congress(congress).filter(unit_id__in=unit_ids)
        .exclude(status=RectificationItem.Status.CLOSED).select_related("unit").order_by("due_on", "id"),
    }
    if apps.is_installed("renda.work_points"):
        from renda.work_points.models import WorkPoint

        groups["work_points"] = WorkPoint.objects.in_congress(congress).filter(
            Q(leader=person) | Q(owner_id__in=committee_ids)).order_by("due_on", "id")
    return Work(person, day, committees, units, groups)
