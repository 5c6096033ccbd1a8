"""Reads for meetings: roster counts and quorum, documents a user may fetch, repeated absences."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from renda.core import rules
from renda.core.models import Congress
from renda.core.permissions import STAFF, roles_of
from renda.meetings.models import Document, Meeting, RosterEntry
from renda.people import queries as people
from renda.people.models import Person


@dataclass
class Quorum:
    total: int
    present: int
    leave: int
    absent: int
    expected: int
    met: bool
    rule: str

    @property
    def line(self) -> str:
        """As the journal records it: 现有组成人员43人，出席36人，符合法定人数."""
        verdict = "符合法定人数" if self.met else "不足法定人数"
        return f"应到{self.total}人，出席{self.present}人，请假{self.leave}人，缺席{self.absent}人，{verdict}"


def quorum(meeting: Meeting) -> Quorum:
    counts = dict(
        RosterEntry.objects.in_congress(meeting.congress_id).filter(meeting=meeting, voting=True)
        .values_list("attendance").annotate(n=Count("id"))
    )
    total = sum(counts.values())
    present = counts.get(RosterEntry.Attendance.PRESENT, 0)
    return Quorum(total, present, counts.get(RosterEntry.Attendance.LEAVE, 0),
                  counts.get(RosterEntry.Attendance.ABSENT, 0), counts.get(RosterEntry.Attendance.EXPECTED, 0),
                  rules.meeting_quorum_met(meeting.congress, meeting.kind, present, total),
                  rules.quorum_rule_text(meeting.congress, meeting.kind))


def roster_entry(meeting: Meeting, user) -> RosterEntry | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return RosterEntry.objects.in_congress(meeting.congress_id).filter(meeting=meeting, person__user=user).first()


def is_staff(user, congress: Congress) -> bool:
    return bool(roles_of(user, congress) & STAFF)


_UNKNOWN = object()


def may_fetch(document: Document, user, now=None, *, staff: bool | None = None, entry=_UNKNOWN) -> bool:
    """Staff prepare documents and may always read them; the audience may only after release.
    A page listing a meeting's documents may pass what it already knows of this user: ``staff``
    (``is_staff`` in the document's congress) and ``entry`` (``roster_entry`` for the document's meeting)."""
    if staff is None:
        staff = is_staff(user, document.congress)
    if staff:
        return True
    if entry is _UNKNOWN:
        entry = roster_entry(document.meeting, user)
    return document_open(document, now or timezone.now(), staff=False,
                         roster="" if entry is None else "voting" if entry.voting else "attending")


def document_open(document: Document, now, *, staff: bool, roster: str) -> bool:
    """``may_fetch`` for a reader known by what decides it: staff of the congress, and their line on the
    meeting's roster ("" none, "voting" a member, "attending" 列席)."""
    if staff:
        return True
    if now < document.release_at:
        return False
    if document.audience == Document.Audience.PUBLIC:
        return True
    return roster == "voting" or (roster == "attending" and document.audience == Document.Audience.ATTENDEES)


def repeated_absences(congress: Congress, term) -> list[dict]:
    """Deputies absent without approved leave from at least N sessions of the congress this term
    (代表法 art. 62: two such absences end the mandate) — for staff to act on."""
    limit = rules.get(congress, "plenary.absences_without_leave")
    rows = (
        RosterEntry.objects.in_congress(congress)
        .filter(meeting__term=term, meeting__kind=Meeting.Kind.PLENARY, voting=True)
        .values("person_id", "person__name")
        .annotate(absent=Count("id", filter=Q(attendance=RosterEntry.Attendance.ABSENT)))
        .filter(absent__gte=limit)
        .order_by("-absent", "person__name")
    )
    return list(rows)


def desk_person(congress: Congress, meeting: Meeting, raw) -> Person | None:
    """The person a desk sign-in names by id: someone on this meeting's roster (an attendee entered by
    name included) or someone of this congress. An id of another congress's person answers None,
    exactly like one that does not exist (docs/tenancy.md)."""
    person_id = people.id_from(raw)
    if person_id is None:
        return None
    entry = (RosterEntry.objects.in_congress(congress).filter(meeting=meeting, person_id=person_id)
             .select_related("person").first())
    return entry.person if entry is not None else people.person_of(congress, person_id)
