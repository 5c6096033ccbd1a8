"""What oversight asks of each person today (see renda/core/inbox.py): a team member's notices not
yet answered (参加 or 不参加)."""

from __future__ import annotations

from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.oversight.models import NoticeReply
from renda.oversight.views.fieldwork import activity_url


def tasks(ask: Ask) -> list[Task]:
    if ask.person is None:
        return []
    pending = (NoticeReply.objects.in_congress(ask.congress)
               .filter(person=ask.person, answer=NoticeReply.Answer.PENDING)
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
