"""What motions and suggestions ask of each person today (see renda/core/inbox.py)."""

from __future__ import annotations

import datetime

from django.db.models import Exists, OuterRef
from django.urls import reverse

from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import OFFICE, STAFF, may, organisations_of
from renda.core.roles import Role
from renda.proposals import tallies as kept
from renda.proposals.models import (
    Answer,
    Assignment,
    Author,
    Commitment,
    HandlingRequest,
    Notice,
    Rating,
    Suggestion,
)
from renda.proposals.queries import IN_HANDLING, lead_due_on

DUE_SOON_DAYS = 30

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "proposals.Answer",
    "proposals.Assignment",
    "proposals.Author",
    "proposals.Commitment",
    "proposals.HandlingRequest",
    "proposals.Notice",
    "proposals.Rating",
    "proposals.Suggestion",
)
# Kept figures these tasks read (core.tallies): their rows move only in the actions that write their source
# rows, in tables listed above, or in a rebuild, which redraws everything; so they need no stamp of their own.
KEPT_FIGURES = ("proposals.leads_in_handling",)


def _url(ask: Ask, name: str, **kwargs) -> str:
    return reverse(name, kwargs={"congress_code": ask.congress.code, **kwargs})


def _item(ask: Ask, s: Suggestion, note: str = "", late: bool = False) -> Item:
    title = f"{s.numbered} {s}".strip() if s.number else (str(s) or "（无标题）")
    return Item(title, _url(ask, "suggestion_detail", suggestion_id=s.pk), note, late)


def tasks(ask: Ask) -> list[Task]:
    found: list[Task] = []
    congress, today = ask.congress, ask.today
    if ask.roles & STAFF and may(ask.user, congress, "accept_suggestion"):
        waiting = Suggestion.objects.in_congress(congress).filter(status="submitted").order_by("submitted_at", "id")
        found.append(Task("suggestions_to_review", "待审查的议案建议", waiting.count(),
                          _url(ask, "suggestion_review") + "?status=submitted",
                          [_item(ask, s) for s in waiting[:SHOWN]]))
    if ask.roles & OFFICE:
        by_unit = kept.overdue_by_unit(congress, today)
        found.append(Task("units_overdue", "逾期未答复的承办单位", len(by_unit), _url(ask, "suggestion_supervision"),
                          [Item(name, _url(ask, "suggestion_supervision"), f"逾期 {n} 件", True)
                           for name, n in by_unit[:SHOWN]], late=True))
        pending = HandlingRequest.objects.in_congress(congress).filter(status="pending").select_related("suggestion", "unit")
        found.append(Task("handling_requests", "待决定的调整、延期申请", pending.count(), _url(ask, "suggestion_review"),
                          [_item(ask, r.suggestion, f"{r.unit.name}{r.get_kind_display()}") for r in pending[:SHOWN]]))
    if ask.has(Role.COMMITTEE_STAFF):
        committees = organisations_of(ask.user, congress, Role.COMMITTEE_STAFF)
        supervised = (Suggestion.objects.in_congress(congress)
                      .filter(key_supervision=True, supervising_committee_id__in=committees, status__in=IN_HANDLING)
                      .prefetch_related("assignments").order_by("id"))
        found.append(Task("committee_supervision", "本委员会督办的重点建议", supervised.count(),
                          _url(ask, "suggestion_supervision"),
                          [_item(ask, s, f"{due:%Y-%m-%d} 前答复" if (due := lead_due_on(s)) else "")
                           for s in supervised[:SHOWN]], todo=False))
    if ask.has(Role.DEPUTY, Role.SC_MEMBER) and ask.person is not None:
        found.extend(_deputy_tasks(ask))
    if ask.unit_ids:
        found.extend(_unit_tasks(ask))
    return found


def _deputy_tasks(ask: Ask) -> list[Task]:
    congress, person = ask.congress, ask.person
    mine = Author.objects.in_congress(congress).filter(person=person)
    to_confirm = mine.filter(confirmed=False).exclude(suggestion__status__in=["withdrawn", "merged"]).select_related("suggestion")
    rated = Rating.objects.in_congress(congress).filter(answer=OuterRef("pk"), person=person)
    to_rate = (Answer.objects.in_congress(congress)
               .filter(suggestion__in=mine.values("suggestion_id"), suggestion__status="answered")
               .filter(~Exists(rated)).select_related("suggestion").order_by("answered_on", "id"))
    done = (Commitment.objects.in_congress(congress)
            .filter(answer__suggestion__in=mine.values("suggestion_id"), done_on__isnull=False, confirmed_on__isnull=True)
            .select_related("answer__suggestion"))
    return [
        Task("cosign_requests", "请您确认联名", to_confirm.count(), _url(ask, "my_suggestions"),
             [_item(ask, a.suggestion, "领衔代表邀请您联名") for a in to_confirm[:SHOWN]]),
        Task("answers_to_rate", "待您评价的答复", to_rate.count(), _url(ask, "my_suggestions"),
             [_item(ask, a.suggestion, f"{a.answered_on:%Y-%m-%d} 答复") for a in to_rate[:SHOWN]]),
        Task("commitments_to_confirm", "承办单位报告已办成，待您确认", done.count(), _url(ask, "my_suggestions"),
             [_item(ask, c.answer.suggestion, c.text) for c in done[:SHOWN]]),
    ]


def _unit_tasks(ask: Ask) -> list[Task]:
    congress, today = ask.congress, ask.today
    open_ = (Assignment.objects.in_congress(congress)
             .filter(unit_id__in=ask.unit_ids, ended_on__isnull=True, suggestion__status__in=IN_HANDLING)
             .select_related("suggestion").order_by("due_on", "id"))
    overdue = open_.filter(due_on__lt=today)
    soon = open_.filter(due_on__gte=today, due_on__lte=today + datetime.timedelta(days=DUE_SOON_DAYS))

    def note(a: Assignment) -> str:
        days = (a.due_on - today).days
        what = "答复" if a.lead else "提出协办意见"
        if days < 0:
            return f"已逾期 {-days} 天（{a.due_on:%Y-%m-%d} 前{what}）"
        return f"还剩 {days} 天（{a.due_on:%Y-%m-%d} 前{what}）" if days else f"今天到期（{what}）"

    commitments = (Commitment.objects.in_congress(congress)
                   .filter(answer__unit_id__in=ask.unit_ids, done_on__isnull=True).select_related("answer__suggestion")
                   .order_by("due_on", "id"))
    reminders = Notice.objects.in_congress(congress).filter(unit_id__in=ask.unit_ids,
                                                            created_at__date__gte=today - datetime.timedelta(days=7))
    queue = _url(ask, "suggestion_queue")
    return [
        Task("unit_overdue", "已逾期的议案建议", overdue.count(), queue,
             [_item(ask, a.suggestion, note(a), True) for a in overdue[:SHOWN]], late=True),
        Task("unit_due_soon", f"{DUE_SOON_DAYS} 天内到期的议案建议", soon.count(), queue,
             [_item(ask, a.suggestion, note(a), (a.due_on - today).days <= 1) for a in soon[:SHOWN]]),
        Task("unit_commitments", "未完成的承诺事项", commitments.count(), queue,
             [_item(ask, c.answer.suggestion, f"{c.text}（{c.due_on:%Y-%m-%d} 前）", c.due_on < today)
              for c in commitments[:SHOWN]]),
        Task("unit_reminders", "近 7 天的办理提醒", reminders.count(), queue,
             [Item(n.text, queue) for n in reminders[:SHOWN]], todo=False),
    ]
