"""What the agenda chain asks of the office today (see renda/core/inbox.py): proposed items waiting for
the directors' meeting's decision, and standing-committee sessions within the next days (rule-free:
DRAFT_HORIZON_DAYS) whose draft agenda has not been fixed."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from renda.agenda.models import DraftAgenda, ProposedItem
from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import OFFICE
from renda.meetings.models import AgendaItem, Meeting

DRAFT_HORIZON_DAYS = 14

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "agenda.DraftAgenda",
    "agenda.ProposedItem",
    "meetings.AgendaItem",
    "meetings.Meeting",
)


def tasks(ask: Ask) -> list[Task]:
    if not ask.has(*OFFICE):
        return []
    return _waiting(ask) + _sessions(ask)


def _waiting(ask: Ask) -> list[Task]:
    c = ask.congress
    waiting = ProposedItem.objects.in_congress(c).filter(status=ProposedItem.Status.PROPOSED).order_by("created_at", "id")
    count = waiting.count()
    if not count:
        return []
    items = [Item(i.title[:60], reverse("agenda_item", args=[c.code, i.pk]),
                  f"{i.created_at:%Y-%m-%d} 登记，待主任会议研究") for i in waiting[:SHOWN]]
    return [Task("agenda_waiting", "待主任会议研究的提请事项", count,
                 reverse("agenda_items", args=[c.code]) + "?status=proposed", items)]


def _sessions(ask: Ask) -> list[Task]:
    c = ask.congress
    start = timezone.make_aware(datetime.datetime.combine(ask.today, datetime.time.min))
    end = start + datetime.timedelta(days=DRAFT_HORIZON_DAYS + 1)
    fixed = DraftAgenda.objects.in_congress(c).values("session_id")
    sessions = (Meeting.objects.in_congress(c).filter(kind=Meeting.Kind.SC_SESSION, starts_at__gte=start,
                                                      starts_at__lt=end)
                .exclude(status=Meeting.Status.CLOSED).exclude(pk__in=fixed)
                # an agenda built on the meeting page, item by item, is an agenda too
                .exclude(pk__in=AgendaItem.objects.in_congress(c).values("meeting_id"))
                .select_related("term", "congress", "organisation").order_by("starts_at"))
    count = sessions.count()
    if not count:
        return []
    items = [Item(m.title, reverse("agenda_session", args=[c.code, m.pk]),
                  f"{timezone.localtime(m.starts_at):%m月%d日}举行，议程草案尚未确定",
                  late=(timezone.localdate(m.starts_at) - ask.today).days <= 3) for m in sessions[:SHOWN]]
    return [Task("agenda_no_draft", f"{DRAFT_HORIZON_DAYS} 天内举行、议程草案尚未确定的常委会会议", count,
                 reverse("agenda_items", args=[c.code]), items)]
