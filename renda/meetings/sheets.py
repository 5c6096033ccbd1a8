"""Paper for a meeting: the roster as the meeting page prints it, and the 签到表 — names, 代表团 and
an empty column for each member's signature, for the desk when members sign by hand (or as the
record kept beside the electronic sign-in). Printing is the browser's (print.css)."""

from __future__ import annotations

from django.shortcuts import render

from renda.core.views_helpers import requires
from renda.meetings.models import Meeting, RosterEntry
from renda.people.models import Mandate


def roster_rows(meeting: Meeting) -> list[dict]:
    """The roster in its order (members with a vote first, then those attending without one), each
    with the group it is read by: a member's 代表团 in the meeting's term, an attendee's 列席身份."""
    entries = list(RosterEntry.objects.in_congress(meeting.congress_id).filter(meeting=meeting)
                   .select_related("person").order_by("-voting", "id"))
    delegations = dict(Mandate.objects.in_congress(meeting.congress_id)
                       .filter(term_id=meeting.term_id, person_id__in=[e.person_id for e in entries],
                               delegation__isnull=False)
                       .values_list("person_id", "delegation__name"))
    return [{"entry": e, "group": delegations.get(e.person_id, "") if e.voting else f"列席：{e.post or '—'}"}
            for e in entries]


def roster_lines(meeting: Meeting) -> list[tuple[str, str, str]]:
    """The roster as the meeting page lists it, in ``roster_rows``'s order and groups: (name, group,
    attendance as shown), read as plain values (a plenary's roster is thousands of rows)."""
    labels = dict(RosterEntry.Attendance.choices)
    entries = list(RosterEntry.objects.in_congress(meeting.congress_id).filter(meeting=meeting)
                   .order_by("-voting", "id").values_list("person_id", "person__name", "voting", "post", "attendance"))
    delegations = dict(Mandate.objects.in_congress(meeting.congress_id)
                       .filter(term_id=meeting.term_id, delegation__isnull=False,
                               person_id__in=RosterEntry.objects.in_congress(meeting.congress_id)
                               .filter(meeting=meeting, voting=True).values("person_id"))
                       .values_list("person_id", "delegation__name"))
    return [(name, delegations.get(person_id, "") if voting else f"列席：{post or '—'}", labels.get(attendance, attendance))
            for person_id, name, voting, post, attendance in entries]


@requires("sign_in_at_desk")
def sign_in_sheet(request, congress_code, meeting_id):
    """签到表 to print: the meeting (time, place), then one row per person on the roster."""
    from renda.meetings.views import get_meeting_for_user

    meeting = get_meeting_for_user(request, meeting_id)
    rows = roster_rows(meeting)
    return render(request, "meetings/sign_in_sheet.html", {
        "meeting": meeting, "members": [r for r in rows if r["entry"].voting],
        "attendees": [r for r in rows if not r["entry"].voting]})
