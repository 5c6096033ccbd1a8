"""What the rectification list asks of each person today (see renda/core/inbox.py).

A unit officer: the unit's items overdue, due soon (within the longest reminder period of rule
rectification.reminder_days) and returned after a failed acceptance. Staff: claims awaiting
acceptance, and the overdue items of the whole list."""

from __future__ import annotations

import datetime

from django.db.models import OuterRef, Subquery
from django.urls import reverse

from renda.core import rules
from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import STAFF
from renda.rectification.models import RectificationItem, RectificationUpdate

S = RectificationItem.Status

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "core.RuleSetting",
    "rectification.RectificationItem",
    "rectification.RectificationUpdate",
)


def tasks(ask: Ask) -> list[Task]:
    found: list[Task] = []
    if ask.unit_ids:
        found += _unit(ask)
    if ask.has(*STAFF):
        found += _staff(ask)
    return found


def _url(ask: Ask, item: RectificationItem) -> str:
    return reverse("rectification_item", kwargs={"congress_code": ask.congress.code, "pk": item.pk})


def _list_url(ask: Ask, query: str = "") -> str:
    return reverse("rectification_list", kwargs={"congress_code": ask.congress.code}) + (f"?{query}" if query else "")


def _task(ask: Ask, key: str, label: str, items_qs, note, url: str, late: bool = False) -> list[Task]:
    count = items_qs.count()
    if not count:
        return []
    items = [Item(item.problem[:60], _url(ask, item), note(item), late=late or item.due_on < ask.today)
             for item in items_qs[:SHOWN]]
    return [Task(key, label, count, url, items, late=late)]


def _unit(ask: Ask) -> list[Task]:
    mine = RectificationItem.objects.in_congress(ask.congress).filter(unit_id__in=ask.unit_ids, status=S.OPEN)
    days = rules.get(ask.congress, "rectification.reminder_days") or [7]
    horizon = ask.today + datetime.timedelta(days=max(days))
    last_kind = Subquery(RectificationUpdate.objects.in_congress(ask.congress).filter(item=OuterRef("pk"))
                         .order_by("-on", "-id").values("kind")[:1])
    returned = mine.annotate(last_kind=last_kind).filter(last_kind=RectificationUpdate.Kind.RETURNED)
    return (
        _task(ask, "rectification_overdue_unit", "逾期未完成的整改事项", mine.filter(due_on__lt=ask.today).order_by("due_on", "id"),
              lambda i: f"整改时限 {i.due_on:%Y-%m-%d}，已逾期 {(ask.today - i.due_on).days} 天",
              _list_url(ask, "overdue=1"), late=True)
        + _task(ask, "rectification_returned", "验收未通过、退回整改的事项", returned.order_by("due_on", "id"),
                lambda i: f"请继续整改后重新申请销号（时限 {i.due_on:%Y-%m-%d}）", _list_url(ask, "status=open"))
        + _task(ask, "rectification_due_soon", "即将到期的整改事项",
                mine.filter(due_on__gte=ask.today, due_on__lte=horizon).order_by("due_on", "id"),
                lambda i: f"请于 {i.due_on:%m月%d日} 前完成整改并申请销号", _list_url(ask, "status=open"))
    )


def _staff(ask: Ask) -> list[Task]:
    items = RectificationItem.objects.in_congress(ask.congress).select_related("unit")
    return (
        _task(ask, "rectification_claims", "申请销号待验收的整改事项", items.filter(status=S.CLAIMED).order_by("due_on", "id"),
              lambda i: f"{i.unit.name if i.unit_id else ''}申请销号，请验收", _list_url(ask, "status=claimed"))
        + _task(ask, "rectification_overdue", "逾期未完成的整改事项",
                items.filter(status=S.OPEN, due_on__lt=ask.today).order_by("due_on", "id"),
                lambda i: f"{i.unit.name if i.unit_id else ''}逾期 {(ask.today - i.due_on).days} 天",
                _list_url(ask, "overdue=1"), late=True)
    )
