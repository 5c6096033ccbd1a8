"""The plans' item counts and the activities' years, kept (oversight.tallies): after a random mix of
writes through the real actions — plans drafted, items added and edited, activities started, and
refused writes — the kept rows equal a full recount, another congress's rows are untouched, and the
pages show what counting the items and activities gives."""

from __future__ import annotations

import random

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from renda.core import tallies
from renda.oversight import tallies as kept
from renda.oversight.actions import activities as a
from renda.oversight.actions import plan as p
from renda.oversight.models import Activity, PlanItem


def mixed_writes(world, seed: int = 3) -> None:
    rng = random.Random(seed)
    c, root = world.congress, world.root
    year = timezone.localdate().year
    plans = [p.draft_oversight_plan(c, actor=root, year=y, title=f"{y}年度监督工作计划") for y in (year - 1, year)]
    items = []
    for n in range(8):
        plan = rng.choice(plans)
        items.append(p.arrange_plan_item(c, plan, actor=root, kind=rng.choice(["survey", "visit", "law_inspection"]),
                                         title=f"项目{n}", lead_committee=world.committee, month=1 + n))
        if rng.random() < 0.4:  # an edit: still one item of its plan
            item = rng.choice(items)
            p.arrange_plan_item(c, item.plan, actor=root, item=item, kind=item.kind, title=f"{item.title}（修改）",
                                lead_committee=world.committee, month=item.month)
    for n in range(6):
        a.start_activity(c, actor=root, kind=rng.choice(["survey", "visit"]), title=f"调研{n}",
                         year=rng.choice([year - 2, year - 1, year]), lead_committee=world.committee)
    with pytest.raises(ValidationError):
        p.arrange_plan_item(c, plans[0], actor=root, kind="survey", title="", lead_committee=world.committee, month=13)
    with pytest.raises(ValidationError):
        a.start_activity(c, actor=root, kind="survey", title="", year=year, lead_committee=world.committee)


@pytest.mark.django_db
def test_kept_counts_equal_a_recount_and_the_old_counting(world_a, world_b, client):
    a.start_activity(world_b.congress, actor=world_b.root, kind="visit", title="另一级的视察",
                     year=timezone.localdate().year, lead_committee=world_b.committee)
    b_before = {k.name: tallies.stored(k, world_b.congress) for k in (kept.PLAN_ITEMS, kept.ACTIVITIES)}
    mixed_writes(world_a)
    c = world_a.congress
    for each in (kept.PLAN_ITEMS, kept.ACTIVITIES):
        assert tallies.stored(each, c) == tallies.recount(each, c)
        assert tallies.stored(each, world_b.congress) == b_before[each.name] == tallies.recount(each, world_b.congress)
    client.force_login(world_a.office)
    plans = client.get(f"/c/{c.code}/oversight/").context["plans"]
    counted: dict[int, int] = {}
    for plan_id in PlanItem.objects.in_congress(c).values_list("plan_id", flat=True):
        counted[plan_id] = counted.get(plan_id, 0) + 1
    assert {row["plan"].pk: row["items"] for row in plans} == {row["plan"].pk: counted.get(row["plan"].pk, 0)
                                                                for row in plans}
    assert sum(row["items"] for row in plans) == 8
    years = client.get(f"/c/{c.code}/oversight/activities/").context["years"]
    assert years == sorted(set(Activity.objects.in_congress(c).values_list("year", flat=True)), reverse=True)
