"""What oversight asks of each person today (see renda/core/inbox.py): a team member's notices not
yet answered (参加 or 不参加)."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse

from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.oversight.models import Letter, NoticeReply, TeamMember
from renda.oversight.views.fieldwork import activity_url

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "oversight.Activity",
    "oversight.Letter",
    "oversight.Notice",
    "oversight.NoticeReply",
    "oversight.TeamMember",
)


def tasks(ask: Ask) -> list[Task]:
    return _notices(ask) + _letters(ask)


def _letters(ask: Ask) -> list[Task]:
    """A unit officer's self-inspection reports still to file."""
    if not ask.unit_ids:
        return []
    waiting = (Letter.objects.in_congress(ask.congress).filter(unit_id__in=ask.unit_ids, received_at__isnull=True)
               .select_related("activity", "unit").order_by("due_on", "id"))
    count = waiting.count()
    if not count:
        return []
    items = [Item(f"{letter.activity.title}（{letter.unit.name}）",
                  reverse("oversight_letter", kwargs={"congress_code": ask.congress.code, "letter_id": letter.pk}),
                  f"请于 {letter.due_on:%m月%d日} 前报送自查报告", late=letter.due_on < ask.today)
             for letter in waiting[:SHOWN]]
    return [Task("oversight_self_reports", "待报送的自查报告", count,
                 reverse("oversight_letters", kwargs={"congress_code": ask.congress.code}), items,
                 late=any(i.late for i in items))]


def _notices(ask: Ask) -> list[Task]:
    """A team member's notices not yet answered: only of activities whose team they are on now."""
    if ask.person is None:
        return []
    on_team = TeamMember.objects.in_congress(ask.congress).filter(activity_id=OuterRef("notice__activity_id"),
                                                                   person=ask.person)
    pending = (NoticeReply.objects.in_congress(ask.congress)
               .filter(Exists(on_team), person=ask.person, answer=NoticeReply.Answer.PENDING)
               .select_related("notice__activity").order_by("notice__reply_by", "id"))
    count = pending.count()
    if not count:
        return []
    items = []
    for reply in pending[:SHOWN]:
        notice = reply.notice
        url = activity_url(ask.congress.code, notice.activity_id, "fieldwork-notices")
        late = notice.reply_by is not None and notice.reply_by < ask.today
        note = f"请于 {notice.reply_by:%m月%d日} 前回复" if notice.reply_by else "请回复是否参加"
        items.append(Item(notice.activity.title, url, note, late=late))
    first = items[0].url
    return [Task("oversight_notices", "调研（检查）通知待回复", count, first, items, late=any(i.late for i in items))]
