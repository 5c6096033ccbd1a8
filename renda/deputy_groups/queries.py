"""Reads for deputy groups: the groups with their counts and leaders, a group's members with their
levels, its activities and the projects and items it watches; and the one cross-congress read, the
deputies of this congress's area (this congress, those above it and those below it) a group may hold."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from renda.core.models import Congress
from renda.core.tenancy import cross_congress_query
from renda.deputy_groups.models import GroupMember, GroupPlan, GroupPlanItem, GroupProfile, GroupWatch
from renda.people.models import Mandate, Organisation, Person


def area_congresses(congress: Congress) -> list[Congress]:
    """This congress, its ancestors and all its descendants: the levels whose deputies live in its area."""
    found = [congress, *congress.ancestors()]
    frontier = [congress]
    while frontier:
        children = list(Congress.objects.filter(parent__in=frontier))
        found.extend(children)
        frontier = children
    return found


def area_mandates(congress: Congress, person_ids, on: datetime.date | None = None) -> list[Mandate]:
    """The serving mandates (on ``on``, default today) of these people in any congress of this
    congress's area. Cross-congress read, listed as ``deputies_of_area``."""
    levels = {c.pk: c for c in area_congresses(congress)}
    with cross_congress_query("deputies_of_area"):
        rows = Mandate.unscoped.filter(congress_id__in=levels, person_id__in=list(person_ids),
                                       status=Mandate.Status.SERVING).select_related("person", "term")
        if on is not None:
            rows = rows.filter(elected_on__lte=on)
        found = list(rows.order_by("person_id", "id"))
    for m in found:
        m.congress = levels[m.congress_id]
    return found


def groups(congress: Congress) -> QuerySet[Organisation]:
    return Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.DEPUTY_GROUP)


def current_members(congress: Congress, group: Organisation | None = None) -> QuerySet[GroupMember]:
    rows = GroupMember.objects.in_congress(congress).filter(end__isnull=True)
    return rows.filter(group=group) if group is not None else rows


@dataclass
class GroupRow:
    group: Organisation
    profile: GroupProfile | None
    members: int
    leader: str


def group_rows(congress: Congress, *, basis: str = "", station: int | None = None, q: str = "") -> list[GroupRow]:
    """The groups list: each with its basis, member count and leader; filtered by basis, meeting
    station or a word of its name or area."""
    profiles = {p.group_id: p for p in GroupProfile.objects.in_congress(congress).select_related("station")}
    found = groups(congress).filter(active=True)
    if q:
        found = found.filter(Q(name__contains=q) | Q(pk__in=[g for g, p in profiles.items() if q in p.scope]))
    if basis:
        found = found.filter(pk__in=[g for g, p in profiles.items() if p.basis == basis])
    if station:
        found = found.filter(pk__in=[g for g, p in profiles.items() if p.station_id == station])
    counts = dict(current_members(congress).values("group_id").annotate(n=Count("id")).values_list("group_id", "n"))
    leaders: dict[int, list[str]] = {}
    for m in current_members(congress).filter(post=GroupMember.Post.LEADER).select_related("person"):
        leaders.setdefault(m.group_id, []).append(m.person.name)
    return [GroupRow(g, profiles.get(g.pk), counts.get(g.pk, 0), "、".join(leaders.get(g.pk, [])))
            for g in found.order_by("name")]


def profile_of(congress: Congress, group: Organisation) -> GroupProfile | None:
    return GroupProfile.objects.in_congress(congress).filter(group=group).select_related("station").first()


def members_of(congress: Congress, group: Organisation) -> list[GroupMember]:
    """Current members, leaders first, each with the congress they are a deputy of."""
    order: dict[str, int] = {GroupMember.Post.LEADER: 0, GroupMember.Post.DEPUTY_LEADER: 1, GroupMember.Post.MEMBER: 2}
    rows = list(current_members(congress, group).select_related("person", "as_deputy_of"))
    return sorted(rows, key=lambda m: (order.get(m.post, 3), m.as_deputy_of_id != congress.pk, m.person.name))


def plans_of(congress: Congress, group: Organisation) -> list[tuple[GroupPlan, list[GroupPlanItem]]]:
    plans = list(GroupPlan.objects.in_congress(congress).filter(group=group))
    items: dict[int, list[GroupPlanItem]] = {}
    for item in GroupPlanItem.objects.in_congress(congress).filter(plan__in=plans):
        items.setdefault(item.plan_id, []).append(item)
    return [(p, items.get(p.pk, [])) for p in plans]


def activities_of(congress: Congress, group: Organisation):
    """The group's activities (activities app), newest first; read-only here."""
    from renda.activities.models import Activity

    return Activity.objects.in_congress(congress).filter(deputy_group=group).order_by("-starts_at", "-id")


def watched_projects(congress: Congress, group: Organisation):
    """The livelihood projects the group watches (livelihood's own Watch rows), with their status."""
    from renda.livelihood.models import Watch

    return (Watch.objects.in_congress(congress).filter(group=group).select_related("proposal__call", "proposal__lead_unit")
            .order_by("proposal__call__year", "proposal__id"))


def watched_items(congress: Congress, group: Organisation):
    return (GroupWatch.objects.in_congress(congress).filter(group=group)
            .select_related("rectification_item", "rectification_item__unit").order_by("id"))


def groups_of_person(congress: Congress, person: Person) -> list[GroupMember]:
    return list(current_members(congress).filter(person=person).select_related("group"))


def mandate_by_number(congress: Congress, code: str, number: str) -> Mandate | None:
    """A serving deputy of a congress of this congress's area, by that congress's code (empty: this
    congress) and certificate number — how an import names deputies of other levels."""
    levels = {c.code: c for c in area_congresses(congress)}
    level = levels.get(code) if code else congress
    if level is None:
        return None
    with cross_congress_query("deputies_of_area"):
        found = (Mandate.unscoped.filter(congress_id=level.pk, number=number, status=Mandate.Status.SERVING)
                 .select_related("person").order_by("-id").first())
    if found is not None:
        found.congress = level
    return found
