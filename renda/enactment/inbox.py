"""What bills on their way through the standing committee ask of people today (see
renda/core/inbox.py). The office: approval windows closing within 30 days (or past), filings due or
overdue, readings whose draft must reach the members within the rule's days before the session
(立法法第三十一条), announced votes not yet recorded. A standing-committee member: the drafts for
the coming sessions, to read before they sit."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from renda.core import rules
from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import OFFICE
from renda.core.roles import Role
from renda.enactment.models import Approval, BillVote, Filing, Reading
from renda.legislation.models import Bill
from renda.meetings.models import Meeting, RosterEntry
from renda.voting.models import Vote

WINDOW_DAYS = 30

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "core.Congress",
    "core.RuleSetting",
    "core.Term",
    "enactment.Approval",
    "enactment.BillVote",
    "enactment.Filing",
    "enactment.Promulgation",
    "enactment.Reading",
    "legislation.Bill",
    "meetings.Meeting",
    "meetings.RosterEntry",
    "voting.Vote",
)


def _url(code: str, bill_id: int) -> str:
    return reverse("enactment_bill", kwargs={"congress_code": code, "pk": bill_id})


def tasks(ask: Ask) -> list[Task]:
    found: list[Task] = []
    if ask.has(*OFFICE):
        found += _office(ask)
    if ask.has(Role.SC_MEMBER):
        found += _member(ask)
    return found


def _office(ask: Ask) -> list[Task]:
    c, code, today = ask.congress, ask.congress.code, ask.today
    found: list[Task] = []
    closing = (Approval.objects.in_congress(c).filter(decided_on__isnull=True,
                                                     due_on__lte=today + datetime.timedelta(days=WINDOW_DAYS))
               .select_related("bill").order_by("due_on"))
    rows = list(closing[:SHOWN])
    if rows:
        found.append(Task("enactment_approval_window", "批准期限临近或已过的报批法规", closing.count(),
                          reverse("enactment_list", kwargs={"congress_code": code}),
                          [Item(a.bill.title[:60], _url(code, a.bill_id),
                                f"{a.due_on:%Y-%m-%d}前批准" + ("，已超过四个月" if a.due_on < today else ""),
                                late=a.due_on < today) for a in rows],
                          late=any(a.due_on < today for a in rows)))
    filings = (Filing.objects.in_congress(c).filter(filed_on__isnull=True).select_related("promulgation__bill")
               .order_by("due_on"))
    rows = list(filings[:SHOWN])
    if rows:
        found.append(Task("enactment_filings", "待报送备案的法规", filings.count(),
                          reverse("enactment_list", kwargs={"congress_code": code}),
                          [Item(f"{x.promulgation.bill.title[:40]}：{x.body[:30]}", _url(code, x.promulgation.bill_id),
                                f"{x.due_on:%Y-%m-%d}前报送", late=x.due_on < today) for x in rows],
                          late=any(x.due_on < today for x in rows)))
    need = rules.get(c, "legislation.draft_to_members_days")
    now = timezone.now()
    pending = (Reading.objects.in_congress(c).filter(status=Reading.Status.SCHEDULED, distributed_at__gt=now)
               .select_related("bill", "meeting", "meeting__term", "meeting__congress").order_by("meeting__starts_at"))
    rows = [r for r in pending[:50] if (timezone.localdate(r.meeting.starts_at) - today).days <= need + 3]
    if rows:
        found.append(Task("enactment_distribution", f"须于会前{need}日发给组成人员的法规草案", len(rows),
                          reverse("enactment_list", kwargs={"congress_code": code}),
                          [Item(r.bill.title[:60], _url(code, r.bill_id),
                                f"{r.meeting}：{r.distributed_at:%Y-%m-%d}发出", late=False) for r in rows[:SHOWN]]))
    announced = (BillVote.objects.in_congress(c).filter(provision__isnull=True, vote__status=Vote.Status.ANNOUNCED,
                                                         bill__status=Bill.Status.UNDER_DELIBERATION)
                 .select_related("bill").order_by("id"))
    rows = list(announced[:SHOWN])
    if rows:
        found.append(Task("enactment_outcome", "表决结果已宣布、待记录的法规案", announced.count(),
                          reverse("enactment_list", kwargs={"congress_code": code}),
                          [Item(v.bill.title[:60], _url(code, v.bill_id), "请记录表决结果") for v in rows]))
    return found


def _member(ask: Ask) -> list[Task]:
    if ask.person is None:
        return []
    c, code = ask.congress, ask.congress.code
    mine = RosterEntry.objects.in_congress(c).filter(person=ask.person).values("meeting_id")
    drafts = (Reading.objects.in_congress(c).filter(status=Reading.Status.SCHEDULED, meeting_id__in=mine,
                                                    distributed_at__lte=timezone.now())
              .exclude(meeting__status=Meeting.Status.CLOSED)
              .select_related("bill", "meeting", "meeting__term", "meeting__congress").order_by("meeting__starts_at"))
    rows = list(drafts[:SHOWN])
    if not rows:
        return []
    return [Task("enactment_drafts", "下次会议审议的法规草案", drafts.count(),
                 reverse("enactment_list", kwargs={"congress_code": code}),
                 [Item(r.bill.title[:60], _url(code, r.bill_id), f"{r.meeting}，第{r.number}次审议") for r in rows],
                 todo=False)]
