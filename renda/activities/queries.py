"""Reading activities and training: who may take part (deputies of the area, CPPCC members, staff),
who sees which activity, and the hours of training per person.

``deputies_of_area`` is the one cross-congress read of this app: it reads the mandates of this
congress, of the congresses above it (``Congress.parent`` chain) and of those below it, on one day.
"""

from __future__ import annotations

import datetime
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet

from renda.activities.models import Activity, Participant, TrainingCertificate, TrainingProgramme
from renda.core.models import Congress, RoleGrant
from renda.core.permissions import STAFF, may
from renda.core.tenancy import cross_congress_query
from renda.liaison.models import CppccMember
from renda.people.models import Mandate, Membership, Organisation, Person

# Bodies whose current members count as this congress's staff (人大干部), besides accounts with a staff role.
STAFF_BODIES = (Organisation.Kind.OFFICE, Organisation.Kind.WORKING_COMMITTEE, Organisation.Kind.SPECIAL_COMMITTEE,
                Organisation.Kind.STANDING_COMMITTEE)


def area_congresses(congress: Congress) -> list[Congress]:
    """This congress first, then those above it (nearest first), then those below it (level by
    level): the congresses of its area whose deputies may take part in its activities."""
    found = [congress, *congress.ancestors()]
    level = [congress.pk]
    while level:
        children = list(Congress.objects.filter(parent_id__in=level).order_by("id"))
        found.extend(children)
        level = [c.pk for c in children]
    return found


def serving_on(on: datetime.date) -> Q:
    """A mandate that was in force on ``on``: elected by then, not ended before it, not suspended."""
    return (Q(elected_on__lte=on) & ~Q(status=Mandate.Status.SUSPENDED)
            & (Q(status=Mandate.Status.SERVING, ended_on__isnull=True) | Q(ended_on__gte=on)))


def deputies_of_area(congress: Congress, on: datetime.date, people: Iterable[int] | None = None) -> dict[int, Congress]:
    """person id → the congress whose deputy they were on ``on``, for the deputies of this congress's
    area (this congress, its ancestors and its descendants), limited to ``people`` when given. One who
    sits at several levels is counted as this congress's deputy when they are one, else as the deputy
    of the nearest congress in ``area_congresses`` order."""
    congresses = area_congresses(congress)
    order = {c.pk: n for n, c in enumerate(congresses)}
    by_pk = {c.pk: c for c in congresses}
    with cross_congress_query("deputies_of_area"):
        mandates = Mandate.unscoped.filter(congress_id__in=list(order)).filter(serving_on(on))
        if people is not None:
            mandates = mandates.filter(person_id__in=list(people))
        rows = list(mandates.values_list("person_id", "congress_id"))
    found: dict[int, Congress] = {}
    for person_id, congress_id in sorted(rows, key=lambda row: order[row[1]]):
        found.setdefault(person_id, by_pk[congress_id])
    return found


def cppcc_people(congress: Congress, people: Iterable[int]) -> set[int]:
    return set(CppccMember.objects.in_congress(congress).filter(person_id__in=list(people), active=True)
               .values_list("person_id", flat=True))


def staff_people(congress: Congress, people: Iterable[int], on: datetime.date) -> set[int]:
    """Of these people, this congress's staff: an account with a staff role here, or a current post
    in one of its offices and committees."""
    ids = list(people)
    by_role = set(Person.objects.filter(pk__in=ids, user__isnull=False, user_id__in=RoleGrant.objects.in_congress(congress)
                                        .filter(role__in=[r.value for r in STAFF]).values("user_id"))
                  .values_list("pk", flat=True))
    by_post = set(Membership.objects.in_congress(congress).filter(person_id__in=ids, organisation__kind__in=STAFF_BODIES,
                                                                  start__lte=on)
                  .filter(Q(end__isnull=True) | Q(end__gte=on)).values_list("person_id", flat=True))
    return by_role | by_post


@dataclass
class Eligible:
    """Who of the people asked about may take part, and as whose deputy."""

    deputies: dict[int, Congress] = field(default_factory=dict)
    cppcc: set[int] = field(default_factory=set)
    staff: set[int] = field(default_factory=set)

    def allows(self, person_id: int) -> bool:
        return person_id in self.deputies or person_id in self.cppcc or person_id in self.staff


def eligible(congress: Congress, people: Iterable[int], on: datetime.date) -> Eligible:
    ids = list(people)
    return Eligible(deputies_of_area(congress, on, ids), cppcc_people(congress, ids), staff_people(congress, ids, on))


def group_members(congress: Congress, group: Organisation, on: datetime.date) -> list[int]:
    """The people of a deputy group or a delegation of this congress, on the day."""
    mandates = Mandate.objects.in_congress(congress).filter(serving_on(on))
    if group.kind == Organisation.Kind.DELEGATION:
        mandates = mandates.filter(delegation=group)
    else:
        mandates = mandates.filter(deputy_group=group)
    return list(mandates.order_by("id").values_list("person_id", flat=True))


# ---------------------------------------------------------------- who sees what


def person_of(user) -> Person | None:
    return getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None


def sees_all(user, congress: Congress) -> bool:
    return may(user, congress, "view_activities")


def visible_activities(congress: Congress, user) -> QuerySet[Activity]:
    """Every activity for viewers (staff, standing-committee members); a participant's own activities
    for anyone else; none for visitors."""
    activities = Activity.objects.in_congress(congress).select_related("programme", "deputy_group", "organiser")
    if sees_all(user, congress):
        return activities
    person = person_of(user)
    if person is None:
        return activities.none()
    return activities.filter(pk__in=Participant.objects.in_congress(congress).filter(person=person).values("activity_id"))


def my_invitations(congress: Congress, person: Person | None) -> QuerySet[Participant]:
    if person is None:
        return Participant.objects.none()
    return (Participant.objects.in_congress(congress).filter(person=person)
            .select_related("activity", "activity__programme").order_by("-activity__starts_at"))


def awaiting_reply(congress: Congress, person: Person | None) -> QuerySet[Participant]:
    """A person's invitations to activities still to be held, not yet answered (one who has already
    signed in there has answered by coming)."""
    return (my_invitations(congress, person).filter(reply="", activity__status=Activity.Status.PLANNED)
            .exclude(attendance=Participant.Attendance.PRESENT))


# ---------------------------------------------------------------- training hours


def hours_of(participant: Participant) -> Decimal:
    """The hours a participant earned: the hours recorded for them, else the session's hours if they
    were present, else none."""
    if participant.hours is not None:
        return participant.hours
    if participant.attendance == Participant.Attendance.PRESENT and participant.activity.hours is not None:
        return participant.activity.hours
    return Decimal("0")


@dataclass
class Trainee:
    person: Person
    hours: Decimal = Decimal("0")
    sessions: int = 0
    present: int = 0
    certificate: TrainingCertificate | None = None
    as_deputy_of: Congress | None = None

    def completed(self, programme: TrainingProgramme) -> bool:
        return programme.required_hours is not None and self.hours >= programme.required_hours


def trainees(congress: Congress, programme: TrainingProgramme) -> list[Trainee]:
    """Each person invited to any session of the programme with their total hours (sessions held or
    not: hours only come from attendance), ordered by name."""
    rows = (Participant.objects.in_congress(congress).filter(activity__programme=programme)
            .exclude(activity__status=Activity.Status.CANCELLED)
            .select_related("activity", "person", "as_deputy_of").order_by("id"))
    found: dict[int, Trainee] = {}
    for row in rows:
        trainee = found.setdefault(row.person_id, Trainee(row.person, as_deputy_of=row.as_deputy_of))
        trainee.sessions += 1
        trainee.present += row.attendance == Participant.Attendance.PRESENT
        trainee.hours += hours_of(row)
    for cert in TrainingCertificate.objects.in_congress(congress).filter(programme=programme):
        if cert.person_id in found:
            found[cert.person_id].certificate = cert
    return sorted(found.values(), key=lambda t: (t.person.name, t.person.pk))


def hours_by_person(congress: Congress, year: int) -> dict[int, Decimal]:
    """person id → training hours earned in this congress's sessions of the year (for the records)."""
    totals: dict[int, Decimal] = defaultdict(Decimal)
    rows = (Participant.objects.in_congress(congress).filter(activity__kind=Activity.Kind.TRAINING,
                                                               activity__starts_at__year=year)
            .exclude(activity__status=Activity.Status.CANCELLED).select_related("activity"))
    for row in rows:
        totals[row.person_id] += hours_of(row)
    return dict(totals)
