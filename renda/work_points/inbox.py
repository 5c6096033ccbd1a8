"""What the work points ask of each person today (see renda/core/inbox.py): the office sees every
overdue item; committee staff their own committee's."""

from __future__ import annotations

from django.urls import reverse

from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import OFFICE, organisations_of
from renda.core.roles import Role
from renda.work_points.queries import overdue_for

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "meetings.Meeting",
    "oversight.PlanItem",
    "oversight.WorkReport",
    "work_points.WorkPlan",
    "work_points.WorkPoint",
    "work_points.WorkPointLink",
)


def tasks(ask: Ask) -> list[Task]:
    if ask.has(*OFFICE):
        points = overdue_for(ask.congress, ask.today)
    elif ask.has(Role.COMMITTEE_STAFF):
        points = overdue_for(ask.congress, ask.today).filter(
            owner_id__in=organisations_of(ask.user, ask.congress, Role.COMMITTEE_STAFF))
    else:
        return []
    count = points.count()
    if not count:
        return []
    code = ask.congress.code
    items = [Item(p.text[:60], reverse("work_point", args=[code, p.pk]),
                  f"{p.owner.name}，完成时间 {p.due_text}，已逾期 {(ask.today - p.due_on).days} 天", late=True)
             for p in points[:SHOWN]]
    return [Task("work_points_overdue", "逾期未完成的工作要点", count, reverse("work_points_overdue", args=[code]), items,
                 late=True)]
