"""Kept aggregates of oversight work (core.tallies): the plans' list shows each plan's number of items,
and the activities' list the years that have activities, without reading every item and activity of
every year.

``PLAN_ITEMS``: one row per plan (period 0, key ``(plan_id,)``), counting its items; items are added
only by ``arrange_plan_item`` (an item never moves to another plan, and none is deleted).
``ACTIVITIES``: one row per year (key ``()``), counting its activities; activities are started only by
``start_activity`` (their year is not changed afterwards, and none is deleted).
"""

from __future__ import annotations

from renda.core import tallies
from renda.oversight.models import Activity, PlanItem


def _item(item) -> list[tallies.Contribution]:
    return [(0, (item.plan_id,), 0)]


def _activity(activity) -> list[tallies.Contribution]:
    return [(activity.year, (), 0)]


PLAN_ITEMS = tallies.register(tallies.Kept(
    name="oversight.plan_items",
    source=lambda congress: PlanItem.objects.in_congress(congress).only("plan_id"),
    contributions=_item,
))

ACTIVITIES = tallies.register(tallies.Kept(
    name="oversight.activities",
    source=lambda congress: Activity.objects.in_congress(congress).only("year"),
    contributions=_activity,
))
