"""Reading the work points: overdue items (for the directors' meeting's agenda and the inbox) and the
calendar by month."""

from __future__ import annotations

import datetime
from collections import defaultdict

from django.db.models import Prefetch

from renda.core.models import Congress
from renda.work_points.models import WorkPoint, WorkPointLink


def points(congress: Congress):
    return (WorkPoint.objects.in_congress(congress).select_related("plan", "owner", "leader")
            .prefetch_related(Prefetch("links", queryset=WorkPointLink.objects.in_congress(congress).select_related(
                "meeting", "plan_item", "work_report"))))


def overdue_for(congress: Congress, day: datetime.date):
    """Items not done whose due date is before ``day`` (due on ``day`` itself is not overdue)."""
    return points(congress).filter(status=WorkPoint.Status.OPEN, due_on__lt=day).order_by("due_on", "number", "id")


def calendar(congress: Congress, year: int) -> list[dict]:
    """The year's items by month (1–12), each month with its items and the linked meetings' dates."""
    months: dict[int, list] = defaultdict(list)
    for point in points(congress).filter(plan__year=year).order_by("due_on", "number", "id"):
        months[point.due_on.month if point.due_on.year == year else (12 if point.due_on.year > year else 1)].append(point)
    return [{"month": m, "points": months.get(m, [])} for m in range(1, 13)]
