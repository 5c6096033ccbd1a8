"""Kept aggregate of the rectification list (core.tallies): the dashboard's figures and the list's
count read these instead of counting every item ever listed.

Every item adds, under the year of its deadline (the filters' "year"), one row keyed
``(unit_id or 0, source, status, on_time)``: ``on_time`` is 1 for an item closed by its deadline,
else 0. "Overdue" moves with the calendar, not with a write: the dashboard counts it from the items
still open or claimed whose deadline has passed (the work in hand, not the history).

Items are created only by ``actions.make_items`` (every app's way onto the list) and change status
only in ``request_closure``, ``accept_closure`` and ``return_item``; each calls ``track``.
"""

from __future__ import annotations

from collections.abc import Iterable

from renda.core import tallies
from renda.core.models import Congress
from renda.rectification.models import RectificationItem

S = RectificationItem.Status


def contributions(item) -> list[tallies.Contribution]:
    on_time = int(item.status == S.CLOSED and item.closed_on is not None and item.closed_on <= item.due_on)
    return [(item.due_on.year, (item.unit_id or 0, item.source, item.status, on_time), 0)]


ITEMS = tallies.register(tallies.Kept(
    name="rectification.items",
    source=lambda congress: RectificationItem.objects.in_congress(congress).only(
        "due_on", "unit_id", "source", "status", "closed_on"),
    contributions=contributions,
))


def added(congress: Congress, items: Iterable[RectificationItem]) -> None:
    tallies.changes(ITEMS, congress, [((), contributions(i)) for i in items])


def track(congress: Congress, item: RectificationItem):
    """Around an action's change of one item: its contribution before, then after."""
    return tallies.tracking(congress, [ITEMS], lambda: [item])
