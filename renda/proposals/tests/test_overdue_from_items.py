""""Overdue" is read from the items in handling, not from every year's assignments: an answered or closed
item keeps its assignments open (``ended_on`` marks only a unit taken off it), so the office's inbox and the
supervision page must not count them, and must not read them either (issue 19: the inbox's overdue count had
read ten years of assignments, 0.5 s, on every page after every write)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from renda.core import inbox, tallies
from renda.proposals import queries
from renda.proposals import tallies as kept
from renda.proposals.models import Assignment, Suggestion


def _history(world, closed: int, in_handling: int):
    """``closed`` answered-and-closed items and ``in_handling`` assigned ones, each with an open lead
    assignment whose due date passed long ago (bulk rows, as the benchmark's)."""
    long_ago = timezone.localdate() - datetime.timedelta(days=700)
    items = Suggestion.objects.bulk_create([
        Suggestion(congress=world.congress, term=world.term, year=long_ago.year, title=f"建议{n}", body="内容",
                   status="closed" if n < closed else ("assigned", "rehandling")[n % 2])
        for n in range(closed + in_handling)])
    Assignment.objects.bulk_create([
        Assignment(congress=world.congress, suggestion=s, unit=world.unit, lead=True, assigned_on=long_ago,
                   due_on=long_ago + datetime.timedelta(days=90)) for s in items])
    return items[closed:]


def test_only_the_items_in_handling_are_overdue(world_a):
    handling = _history(world_a, closed=40, in_handling=3)
    tallies.rebuild(kept.LEADS_IN_HANDLING, world_a.congress)  # rows loaded in bulk, as after any bulk load
    task = {t.key: t for t in inbox.tasks_for(world_a.congress, world_a.office)}["units_overdue"]
    assert task.count == 1 and task.items[0].title == world_a.unit.name and task.items[0].note == "逾期 3 件"
    assert {a.suggestion_id for a in queries.overdue_assignments(world_a.congress)} == {s.pk for s in handling}
    assert queries.overdue_assignments(world_a.congress, "不存在的词").count() == 0


def test_an_item_answered_leaves_the_count(world_a):
    handling = _history(world_a, closed=0, in_handling=2)
    Suggestion.objects.in_congress(world_a.congress).filter(pk=handling[0].pk).update(status="answered")
    assert [a.suggestion_id for a in queries.overdue_assignments(world_a.congress)] == [handling[1].pk]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plan's wording is SQLite's")
def test_the_query_starts_from_the_items_in_handling(world_a):
    _history(world_a, closed=3000, in_handling=5)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    status_index = next(i.name for i in Suggestion._meta.indexes if i.fields == ["congress", "status", "id"])
    overdue = queries.in_handling_assignments(world_a.congress).filter(
        lead=True, ended_on__isnull=True, due_on__lt=timezone.localdate())
    plan = overdue.explain()
    assert status_index in plan and "SCAN" not in plan.replace("SCAN CONSTANT", "")
