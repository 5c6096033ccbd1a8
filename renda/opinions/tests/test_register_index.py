"""The opinion register is a few items among a station's million concerns: its inbox reads them through
an index of the register's rows only (liaison.Concern's concern_register_due)."""

from __future__ import annotations

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from renda.liaison.models import Concern, register_items


def register_index():
    return next(i for i in Concern._meta.indexes if i.name == "concern_register_due")


def test_the_index_holds_exactly_the_register_sources_in_their_order():
    # The partial index serves a query only when its term is the query's own ``source IN (…)`` term.
    (lookup, sources), = register_index().condition.children
    assert lookup == "source__in" and tuple(sources) == tuple(s.value for s in Concern.REGISTER_SOURCES)


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the plan's wording is SQLite's")
@pytest.mark.django_db
def test_the_registers_overdue_and_waiting_queries_are_planned_on_it(world_a):
    # The shape that made the register's inbox scan: many open, overdue station concerns, a few register items.
    # Rows are bulk-inserted (as the benchmark's are); the planner reads only their statistics.
    congress, long_ago = world_a.congress, timezone.localdate() - datetime.timedelta(days=400)
    Concern.objects.bulk_create([
        Concern(congress=congress, station=world_a.station if n >= 5 else None, tracking_code=f"T{n:09d}",
                source="online" if n >= 5 else Concern.REGISTER_SOURCES[n], raised_on=long_ago, category="教育",
                text="诉求", status=Concern.Status.RECEIVED if n % 2 else Concern.Status.REFERRED,
                due_on=long_ago + datetime.timedelta(days=30)) for n in range(3000)])
    register = register_items(Concern.objects.in_congress(world_a.congress))   # as opinions.inbox reads it
    overdue = register.filter(status__in=Concern.OPEN, due_on__lt=timezone.localdate()).order_by("due_on", "id")
    waiting = register.filter(status=Concern.Status.RECEIVED, merged_into__isnull=True).order_by("raised_on", "id")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")
    for query in (overdue, waiting):
        assert "concern_register_due" in query.explain()
    # and the same items as the plain ``__in`` (the bulk rows above hold one of each register source)
    plain = Concern.objects.in_congress(world_a.congress).filter(source__in=Concern.REGISTER_SOURCES)
    assert set(register.values_list("pk", flat=True)) == set(plain.values_list("pk", flat=True))
    assert register.count() == len(Concern.REGISTER_SOURCES)


def test_the_constant_term_takes_only_plain_codes():
    with pytest.raises(ValueError, match="plain codes"):
        str(Concern.objects.filter(source__in_constants=["online'); DROP TABLE x; --"]).query)
