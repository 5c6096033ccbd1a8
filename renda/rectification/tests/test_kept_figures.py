"""The dashboard's kept figures (rectification.tallies): after a random mix of writes through the real
actions — items listed, closure requested, accepted on time or late, returned, and refused writes —
the kept rows equal a full recount, another congress's rows are untouched, and the dashboard, the
list's count and the unit choices equal what counting the items gives (``queries.dashboard``)."""

from __future__ import annotations

import datetime
import random

import pytest
from django.core.exceptions import ValidationError

from renda.core import tallies
from renda.core.roles import Role
from renda.rectification import actions, queries
from renda.rectification.models import RectificationItem
from renda.rectification.tallies import ITEMS
from renda.rectification.tests.fixtures import make_item, other_unit, pdf, today

S = RectificationItem.Status
DAY = datetime.timedelta(days=1)


def mixed_writes(world, seed: int = 5) -> None:
    rng = random.Random(seed)
    units = [world.unit, other_unit(world)]
    items = []
    for n in range(14):
        due = today() + DAY * rng.randrange(-500, 120)
        items.append(make_item(world, problem=f"问题{n}", due_on=due, unit=rng.choice(units),
                               source=rng.choice(["visit", "survey", "law_inspection"])))
    for item in items:
        step = rng.random()
        if step < 0.25:
            continue
        actions.request_closure(world.congress, item, actor=world.office, text="已完成", evidence=pdf())
        if step < 0.45:
            continue
        if step < 0.6:
            actions.return_item(world.congress, item, actor=world.office, reason="材料不全")
            continue
        late = rng.random() < 0.5
        on = min(today(), item.due_on + (DAY * 3 if late else -DAY))
        actions.accept_closure(world.congress, item, actor=world.office, on=on)
    open_item = next(i for i in RectificationItem.objects.in_congress(world.congress) if i.status == S.OPEN)
    with pytest.raises(ValidationError):
        actions.accept_closure(world.congress, open_item, actor=world.office)  # refused: not claimed
    with pytest.raises(ValidationError):
        actions.request_closure(world.congress, open_item, actor=world.office, text="已完成")  # no evidence


@pytest.mark.django_db
def test_kept_rows_equal_a_recount_and_the_figures_equal_the_old_counting(world_a, world_b):
    make_item(world_b, problem="另一级人大的问题")
    b_before = tallies.stored(ITEMS, world_b.congress)
    mixed_writes(world_a)
    assert tallies.stored(ITEMS, world_a.congress) == tallies.recount(ITEMS, world_a.congress)
    assert tallies.stored(ITEMS, world_b.congress) == b_before == tallies.recount(ITEMS, world_b.congress)
    congress, day = world_a.congress, today()
    years = sorted({i.due_on.year for i in RectificationItem.objects.in_congress(congress)})
    asks = [{}, {"overdue": "1"}, {"status": "closed"}, {"status": "open", "overdue": "1"}, {"source": "visit"},
            {"unit": str(world_a.unit.pk)}, {"year": str(years[0])}, {"year": str(years[-1]), "status": "claimed"},
            {"q": "问题1"}]
    officer = world_a.users[Role.UNIT_OFFICER]
    for user in (world_a.office, officer):
        for ask in asks:
            filters = queries.Filters.read(ask, congress)
            old = queries.dashboard(filters.apply(queries.visible_items(congress, user), day), day)
            new = queries.figures(congress, user, filters, day)
            for part in ("units", "sources"):
                assert [f.as_dict() for f in new[part]] == [f.as_dict() for f in old[part]], (user, ask, part)
            assert new["whole"].as_dict() == old["whole"].as_dict(), (user, ask)
        visible = queries.visible_items(congress, user).exclude(unit=None).values_list("unit_id", flat=True)
        assert [u.pk for u in queries.unit_choices(congress, user)] == [
            u.pk for u in sorted({i.unit for i in queries.visible_items(congress, user).filter(unit_id__in=visible)},
                                 key=lambda u: u.name)]


@pytest.mark.django_db
def test_the_dashboard_page_reads_the_kept_rows(world_a, client):
    make_item(world_a, due_on=today() - DAY)
    client.force_login(world_a.office)
    page = client.get(f"/c/{world_a.congress.code}/rectification/dashboard/")
    assert page.status_code == 200
    assert page.context["figures"]["whole"].overdue == 1
    assert client.get(f"/c/{world_a.congress.code}/rectification/").context["total"] == 1
