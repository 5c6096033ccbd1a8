"""The office's "units overdue" (逾期未答复的承办单位) read from the kept figure ``proposals.leads_in_handling``
instead of counting every item in handling on every page after a write (issue 19): at each boundary, and
after a mix of real actions, it gives what counting the items in handling gives."""

from __future__ import annotations

import datetime
import importlib

import pytest
from django.db.models import Count
from django.utils import timezone

from renda.core import inbox, tallies
from renda.proposals import actions, queries
from renda.proposals import tallies as kept
from renda.proposals.models import Assignment
from renda.proposals.tests.test_handling_and_feedback import assigned, officer
from renda.proposals.tests.test_kept_figures import mixed_writes

DAY = datetime.timedelta(days=1)


def counted(congress, today: datetime.date) -> list[tuple[str, int]]:
    """The count as it was made before the kept figure: the lead assignments of the items in handling."""
    overdue = queries.in_handling_assignments(congress).filter(lead=True, ended_on__isnull=True, due_on__lt=today)
    return [(r["unit__name"], r["n"]) for r in overdue.values("unit__name").annotate(n=Count("id")).order_by("-n", "unit__name")]


def lead_due_on(item) -> datetime.date:
    return Assignment.objects.in_congress(item.congress).get(suggestion=item, lead=True, ended_on__isnull=True).due_on


def test_due_today_is_not_overdue_and_due_yesterday_is(world_a):
    item = assigned(world_a, on=datetime.date(2026, 1, 10))
    due = lead_due_on(item)
    assert kept.overdue_by_unit(world_a.congress, due) == counted(world_a.congress, due) == []
    assert kept.overdue_by_unit(world_a.congress, due + DAY) == counted(world_a.congress, due + DAY) == [(world_a.unit.name, 1)]


def test_an_extension_moves_the_due_date_in_the_count(world_a):
    item = assigned(world_a, on=timezone.localdate() - datetime.timedelta(days=30))
    before = lead_due_on(item)
    request = actions.request_handling_change(world_a.congress, item, actor=officer(world_a), kind="extend",
                                              reason="需要跨部门协调", months=2)
    actions.decide_handling_request(world_a.congress, request, actor=world_a.office, grant=True)
    after = lead_due_on(item)
    assert after > before + DAY
    for day in (before + DAY, after, after + DAY):
        assert kept.overdue_by_unit(world_a.congress, day) == counted(world_a.congress, day), day
    assert kept.overdue_by_unit(world_a.congress, before + DAY) == []
    assert kept.overdue_by_unit(world_a.congress, after + DAY) == [(world_a.unit.name, 1)]


def test_after_a_mix_of_actions_the_count_is_what_counting_gives(world_a, world_b):
    mixed_writes(world_a)
    assigned(world_a, on=timezone.localdate() - datetime.timedelta(days=400))  # long overdue
    extended = assigned(world_a, on=timezone.localdate() - datetime.timedelta(days=20))
    request = actions.request_handling_change(world_a.congress, extended, actor=officer(world_a), kind="extend",
                                              reason="需要跨部门协调", months=1)
    actions.decide_handling_request(world_a.congress, request, actor=world_a.office, grant=True)
    dues = set(Assignment.objects.in_congress(world_a.congress).values_list("due_on", flat=True))
    days = {timezone.localdate(), *(d + shift for d in dues for shift in (-DAY, 0 * DAY, DAY))}
    assert any(counted(world_a.congress, day) for day in days)  # the mix left something overdue
    for day in sorted(days):
        assert kept.overdue_by_unit(world_a.congress, day) == counted(world_a.congress, day), day
    assert kept.overdue_by_unit(world_b.congress, max(days) + DAY) == []  # another congress's figure is its own


def test_the_office_inbox_shows_the_kept_count(world_a):
    item = assigned(world_a, on=timezone.localdate() - datetime.timedelta(days=400))
    task = {t.key: t for t in inbox.tasks_for(world_a.congress, world_a.office)}["units_overdue"]
    assert task.count == 1 and task.items[0].title == world_a.unit.name and task.items[0].note == "逾期 1 件"
    actions.record_contact(world_a.congress, item, actor=officer(world_a), on=timezone.localdate(), way="phone",
                           summary="电话")
    actions.answer_suggestion(world_a.congress, item, actor=officer(world_a), outcome="A", text_="已解决")
    assert "units_overdue" not in {t.key for t in inbox.tasks_for(world_a.congress, world_a.office)}
    assert tallies.stored(kept.LEADS_IN_HANDLING, world_a.congress) == tallies.recount(kept.LEADS_IN_HANDLING, world_a.congress)


@pytest.mark.unscoped_sql  # a migration counts every congress's rows at once, as the upgrade does
def test_the_migration_counts_the_rows_already_stored_as_a_recount_does(world_a, world_b):
    """A database upgraded with items already in handling gets the figure counted by its migration."""
    from django.apps import apps
    from django.db import connection

    from renda.core.models import Tally

    migration = importlib.import_module("renda.proposals.migrations.0005_leads_in_handling_kept")
    assigned(world_a, on=timezone.localdate() - datetime.timedelta(days=400))
    assigned(world_a, on=timezone.localdate())
    assigned(world_b, on=timezone.localdate() - datetime.timedelta(days=100))
    expected = {w.congress.pk: tallies.recount(kept.LEADS_IN_HANDLING, w.congress) for w in (world_a, world_b)}
    assert all(expected.values())
    Tally.objects.filter(name=kept.LEADS_IN_HANDLING.name).delete()  # as before the upgrade

    class SchemaEditor:
        pass

    editor = SchemaEditor()
    editor.connection = connection  # type: ignore[attr-defined]
    migration.count_them(apps, editor)
    for w in (world_a, world_b):
        assert tallies.stored(kept.LEADS_IN_HANDLING, w.congress) == expected[w.congress.pk]


def test_a_rebuild_of_the_kept_figures_redraws_the_kept_to_do_lists(world_a):
    """Rows loaded in bulk then counted by ``renda manage rebuild_tallies`` show at once in a to-do list
    kept by its tables' versions: the rebuild moves every table's version."""
    from django.core.cache import caches

    caches["local"].clear()
    assert "units_overdue" not in {t.key for t in inbox.kept_tasks(world_a.congress, world_a.office)}
    item = assigned(world_a, on=timezone.localdate() - datetime.timedelta(days=400))
    tallies.Tally.objects.in_congress(world_a.congress).filter(name=kept.LEADS_IN_HANDLING.name).delete()  # as a bulk load leaves it
    assert "units_overdue" not in {t.key for t in inbox.kept_tasks(world_a.congress, world_a.office)}
    tallies.rebuild(kept.LEADS_IN_HANDLING, world_a.congress)
    task = {t.key: t for t in inbox.kept_tasks(world_a.congress, world_a.office)}["units_overdue"]
    assert task.count == 1 and task.items[0].note == "逾期 1 件" and item.status == "assigned"
