"""Who is reading a meeting's page, as far as the page's sections care.

The lower part of the page (agenda, roster, reports, documents, votes, leave requests, attendees and
the office's forms) is the same for every reader with the same ``MeetingViewer``, so the page renders it
once per data version and viewer (``meetings.views``), not once per request. Every permission the
sections and their template tags read is a field here, and nothing else about the reader reaches them.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass

from renda.core.models import Congress
from renda.core.permissions import may
from renda.meetings import queries
from renda.meetings.models import Meeting, RosterEntry


@dataclass(frozen=True)
class MeetingViewer:
    staff: bool  # may run the meeting (open_meeting): the office's buttons, forms and the roster
    fetch_staff: bool  # staff of the congress: may read every document before its release
    roster: str  # this reader's line on the roster: "" none, "voting" a member, "attending" 列席
    decide_leave: bool  # the staff, or the member chairing this meeting
    view_agenda: bool
    view_bills: bool  # view_enactment: the bill an agenda item is about
    view_oversight: bool
    view_appointments: bool
    view_work_points: bool

    @classmethod
    def of(cls, user, congress: Congress, meeting: Meeting, entry: RosterEntry | None) -> MeetingViewer:
        staff = may(user, congress, "open_meeting")
        person_id = (entry.person_id if entry is not None  # else only a chaired meeting asks who the user is
                     else getattr(getattr(user, "person", None), "pk", None) if meeting.chair_id else None)
        return cls(
            staff=staff,
            fetch_staff=queries.is_staff(user, congress),
            roster="" if entry is None else "voting" if entry.voting else "attending",
            # The action says the same: the staff, or the member chairing this meeting.
            decide_leave=staff or (meeting.chair_id is not None and person_id == meeting.chair_id),
            view_agenda=may(user, congress, "view_agenda"),
            view_bills=may(user, congress, "view_enactment"),
            view_oversight=may(user, congress, "view_oversight"),
            view_appointments=may(user, congress, "view_appointments"),
            view_work_points=may(user, congress, "view_work_points"),
        )

    @property
    def key(self) -> str:
        return "".join(str(int(v)) if isinstance(v, bool) else v or "-" for v in astuple(self))

    def may_fetch(self, document, now) -> bool:
        return queries.document_open(document, now, staff=self.fetch_staff, roster=self.roster)
