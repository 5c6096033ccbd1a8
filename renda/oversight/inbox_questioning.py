"""What oversight's questioning ask of each person today (see renda/core/inbox.py): a unit officer's
questionings put to their body and still to answer (by the date set); a signer's answered
questionings awaiting their rating (满意或不满意)."""

from __future__ import annotations

from django.urls import reverse

from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.oversight.models import Questioning, QuestioningSigner

Q = Questioning.Status

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "oversight.Questioning",
    "oversight.QuestioningSigner",
)


def _url(ask: Ask, q_id: int) -> str:
    return reverse("questioning_detail", kwargs={"congress_code": ask.congress.code, "questioning_id": q_id})


def tasks(ask: Ask) -> list[Task]:
    return _to_answer(ask) + _to_rate(ask)


def _to_answer(ask: Ask) -> list[Task]:
    if not ask.unit_ids:
        return []
    waiting = (Questioning.objects.in_congress(ask.congress).filter(body_id__in=ask.unit_ids,
                                                                    status__in=[Q.ACCEPTED, Q.FURTHER])
               .order_by("answer_by", "id"))
    count = waiting.count()
    if not count:
        return []
    items = [Item(q.title, _url(ask, q.pk),
                  (f"请于 {q.answer_by:%m月%d日} 前" if q.answer_by else "请")
                  + ("再作答复" if q.status == Q.FURTHER else f"{q.get_mode_display() or '答复'}"),
                  late=q.answer_by is not None and q.answer_by < ask.today) for q in waiting[:SHOWN]]
    return [Task("oversight_questioning_answers", "待答复的质询案", count,
                 reverse("questioning_list", kwargs={"congress_code": ask.congress.code}), items,
                 late=any(i.late for i in items))]


def _to_rate(ask: Ask) -> list[Task]:
    if ask.person is None:
        return []
    waiting = (QuestioningSigner.objects.in_congress(ask.congress)
               .filter(person=ask.person, satisfied__isnull=True, questioning__status=Q.ANSWERED)
               .select_related("questioning").order_by("questioning_id"))
    count = waiting.count()
    if not count:
        return []
    items = [Item(s.questioning.title, _url(ask, s.questioning_id), "受质询机关已答复，请表示满意或不满意")
             for s in waiting[:SHOWN]]
    return [Task("oversight_questioning_ratings", "质询案答复待您表态", count, items[0].url, items)]
