"""What meetings ask of each person today (see renda/core/inbox.py)."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import OFFICE, STAFF, may
from renda.core.roles import Role
from renda.meetings.models import Document, LeaveRequest, Meeting, RosterEntry

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "core.Congress",
    "core.Term",
    "meetings.Document",
    "meetings.LeaveRequest",
    "meetings.Meeting",
    "meetings.RosterEntry",
)


def _meeting_item(ask: Ask, m: Meeting, note: str = "") -> Item:
    when = timezone.localtime(m.starts_at)
    return Item(m.title, reverse("meeting_detail", kwargs={"congress_code": ask.congress.code, "meeting_id": m.pk}),
                note or f"{when:%m月%d日 %H:%M}{' · ' + m.place if m.place else ''}")


def tasks(ask: Ask) -> list[Task]:
    congress = ask.congress
    meetings = Meeting.objects.in_congress(congress).select_related("term", "organisation")
    listing = reverse("meeting_list", kwargs={"congress_code": congress.code})
    found: list[Task] = []
    if ask.roles & OFFICE or (Role.SC_MEMBER in ask.roles and may(ask.user, congress, "decide_leave")):
        pending = (LeaveRequest.objects.in_congress(congress).filter(status=LeaveRequest.Status.PENDING)
                   .exclude(meeting__status=Meeting.Status.CLOSED).select_related("meeting__term", "meeting__organisation", "person"))
        if not ask.roles & OFFICE:  # a member decides leave only for meetings they chair
            pending = pending.filter(meeting__chair=ask.person) if ask.person else pending.none()
        found.append(Task("leave_requests", "待批准的请假", pending.count(), listing,
                          [Item(f"{r.person.name}：{r.reason}", _meeting_item(ask, r.meeting).url, r.meeting.title)
                           for r in pending[:SHOWN]]))
    monday, sunday = ask.week
    start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
    end = start + datetime.timedelta(days=7)
    if ask.roles & STAFF:
        this_week = meetings.filter(starts_at__gte=start, starts_at__lt=end).order_by("starts_at")
        found.append(Task("meetings_this_week", "本周会议", this_week.count(), listing,
                          [_meeting_item(ask, m) for m in this_week[:SHOWN]], todo=False))
    if ask.person is not None and ask.has(Role.DEPUTY, Role.SC_MEMBER):
        found.extend(_member_tasks(ask, meetings, listing))
    return found


def _member_tasks(ask: Ask, meetings, listing: str) -> list[Task]:
    congress, person = ask.congress, ask.person
    mine = RosterEntry.objects.in_congress(congress).filter(person=person)
    in_progress = (mine.filter(meeting__status=Meeting.Status.OPEN, signed_in_at__isnull=True)
                   .exclude(attendance=RosterEntry.Attendance.LEAVE).select_related("meeting__term", "meeting__organisation"))
    upcoming = (meetings.filter(pk__in=mine.values("meeting_id"), status=Meeting.Status.PLANNED,
                                starts_at__gte=timezone.now()).order_by("starts_at").first())
    found = [Task("sign_in", "会议正在进行，请签到", in_progress.count(), listing,
                  [_meeting_item(ask, e.meeting, "用手机签到") for e in in_progress[:SHOWN]])]
    if upcoming is not None:
        released = Document.objects.in_congress(congress).filter(meeting=upcoming, release_at__lte=timezone.now())
        n = released.count()
        found.append(Task("next_meeting", "下一次会议", 1, listing,
                          [_meeting_item(ask, upcoming, f"{timezone.localtime(upcoming.starts_at):%m月%d日 %H:%M}"
                                                       + (f" · 已发文件 {n} 份，请会前阅读" if n else ""))], todo=False))
    return found
