"""What review opinions ask of each person today (see renda/core/inbox.py): a unit officer's opinions
awaiting the body's written reply (due, overdue); the office's drafts awaiting the directors'
meeting, approved opinions to send, and replies awaiting deliberation or publication."""

from __future__ import annotations

from django.urls import reverse

from renda.core import rules
from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.roles import Role
from renda.oversight.models import ReviewOpinion

OP = ReviewOpinion.Status

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "core.RuleSetting",
    "oversight.ReviewOpinion",
)


def tasks(ask: Ask) -> list[Task]:
    return _to_reply(ask) + _office(ask)


def _url(ask: Ask, opinion: ReviewOpinion) -> str:
    return reverse("review_opinion_detail", kwargs={"congress_code": ask.congress.code, "pk": opinion.pk})


def _list_url(ask: Ask, status: str = "") -> str:
    url = reverse("review_opinion_list", kwargs={"congress_code": ask.congress.code})
    return f"{url}?status={status}" if status else url


def _to_reply(ask: Ask) -> list[Task]:
    """The body's opinions sent and not yet answered; the overdue ones first, in red."""
    if not ask.unit_ids:
        return []
    waiting = (ReviewOpinion.objects.in_congress(ask.congress).filter(body_id__in=ask.unit_ids, status=OP.SENT)
               .order_by("reply_due", "id"))
    count = waiting.count()
    if not count:
        return []
    items = []
    for opinion in waiting[:SHOWN]:
        late = opinion.reply_due is not None and opinion.reply_due < ask.today
        note = (f"已逾期，期限为 {opinion.reply_due:%Y-%m-%d}" if late else
                f"请于 {opinion.reply_due:%Y-%m-%d} 前报送研究处理情况" if opinion.reply_due else "请报送研究处理情况")
        items.append(Item(opinion.title, _url(ask, opinion), note, late=late))
    return [Task("review_opinion_replies", "待报送研究处理情况的审议意见", count, _list_url(ask, OP.SENT), items,
                 late=any(i.late for i in items))]


def _office(ask: Ask) -> list[Task]:
    if not ask.has(Role.ADMIN, Role.OFFICE_STAFF):
        return []
    deliberated = rules.get(ask.congress, "oversight.reply_deliberated")
    wanted = [(OP.DRAFTING, "review_opinion_drafts", "待主任会议通过的审议意见", "请提请主任会议通过"),
              (OP.APPROVED, "review_opinion_to_send", "待交办的审议意见", "主任会议已通过，请交办")]
    if deliberated:
        wanted += [(OP.REPLIED, "review_opinion_to_deliberate", "待提请审议的研究处理情况报告", "请提请常委会会议审议"),
                   (OP.DELIBERATED, "review_opinion_to_publish", "待公开的审议意见和研究处理情况", "请公开")]
    else:
        wanted += [(OP.REPLIED, "review_opinion_to_publish", "待公开的审议意见和研究处理情况", "请公开")]
    found = []
    for status, key, label, note in wanted:
        rows = ReviewOpinion.objects.in_congress(ask.congress).filter(status=status).order_by("id")
        count = rows.count()
        if count:
            items = [Item(o.title, _url(ask, o), note) for o in rows[:SHOWN]]
            found.append(Task(key, label, count, _list_url(ask, status), items))
    return found
