"""The report's kept figures (proposals.tallies): after a random mix of writes through the real actions
— acceptance, assignment, answers, ratings sending items back, re-answers, reassignment, commitments
reported and confirmed, merging, withdrawal, and refused writes — the kept rows equal a full recount,
another congress's rows are untouched, and the report, the session's report, the evaluation and the
rates over the years equal what the old counting code gives (tests/counting.py)."""

from __future__ import annotations

import datetime
import random

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from renda.core import tallies
from renda.core.errors import NotPermitted
from renda.proposals import actions, reports
from renda.proposals import tallies as kept
from renda.proposals.models import Commitment, HandlingRequest, Suggestion
from renda.proposals.tests import counting
from renda.proposals.tests.test_handling_and_feedback import officer
from renda.proposals.tests.test_supervision_and_evaluation import unit
from renda.testing import make_meeting


def _item(world, rng, session=None, title="建议"):
    item = actions.save_suggestion_draft(world.congress, actor=world.deputy, term=world.term, session=session,
                                         title=title, body="内容", category=rng.choice(["教育", "交通", ""]),
                                         co_signers=[world.deputies[1].person])
    if rng.random() < 0.7:
        actions.confirm_cosign(world.congress, item, actor=world.users["sc_member"])
    return actions.submit_suggestion(world.congress, item, actor=world.deputy)


def _answer(world, item, rng, actor):
    actions.record_contact(world.congress, item, actor=actor, on=timezone.localdate(), way="phone", summary="电话")
    promises = [{"text": "年内完成", "due_on": "2026-12-31"}] if rng.random() < 0.5 else []
    lead = item.assignments.filter(lead=True, ended_on__isnull=True).first()
    on = lead.assigned_on + datetime.timedelta(days=150)  # late when assigned long ago
    return actions.answer_suggestion(world.congress, item, actor=actor, outcome=rng.choice("ABC"), text_="答复",
                                     commitments=promises, answered_on=min(on, timezone.localdate()))


def mixed_writes(world, seed: int = 7):
    rng = random.Random(seed)
    congress, office = world.congress, world.office
    traffic, traffic_officer = unit(world, "交通局")
    officers = {world.unit.pk: officer(world), traffic.pk: traffic_officer}
    session = make_meeting(world, kind="plenary", members=2)
    items = [_item(world, rng, session=session if n % 3 == 0 else None, title=f"建议{n}") for n in range(12)]
    for item in items[:10]:
        actions.accept_suggestion(congress, item, actor=office)
    actions.merge_suggestions(congress, items[0], [items[10]], actor=office)
    actions.withdraw_suggestion(congress, items[11], actor=world.deputy)
    actions.assign_in_bulk(congress, items[:3], actor=office, lead_unit=world.unit)
    for n, item in enumerate(items[3:9]):  # some long ago, to answer late
        actions.assign_suggestion(congress, item, actor=office, lead_unit=rng.choice([world.unit, traffic]),
                                  co_units=[], on=timezone.localdate() - datetime.timedelta(days=200 * (n % 2)))
    with pytest.raises(ValidationError):  # refused: the lead unit must be a handling unit of this congress
        actions.assign_suggestion(congress, items[9], actor=office, lead_unit=world.committee)
    # A reassignment: the first unit asks, the office grants it to the other unit.
    moved = items[3]
    lead = moved.assignments.get(lead=True, ended_on__isnull=True)
    other = traffic if lead.unit_id == world.unit.pk else world.unit
    request = actions.request_handling_change(congress, moved, actor=officers[lead.unit_id], kind="reassign",
                                              reason="不属于本单位职责")
    actions.decide_handling_request(congress, request, actor=office, grant=True, new_unit=other)
    for item in items[:9]:
        item.refresh_from_db()
        actor = officers[item.assignments.get(lead=True, ended_on__isnull=True).unit_id]
        if rng.random() < 0.2:
            with pytest.raises(NotPermitted):  # refused: another unit may not answer
                other_officer = next(o for pk, o in officers.items() if o is not actor)
                actions.answer_suggestion(congress, item, actor=other_officer, outcome="A", text_="答复")
        if rng.random() < 0.85:
            _answer(world, item, rng, actor)
    for item in items[:9]:
        item.refresh_from_db()
        if item.status != "answered":
            continue
        result = rng.choice(["满意", "基本满意", "不满意", "未表态"])
        actions.rate_suggestion(congress, item, actor=world.deputy, work="满意", result=result)
        item.refresh_from_db()
        if item.status == "rehandling":
            _answer(world, item, rng, officers[item.assignments.get(lead=True, ended_on__isnull=True).unit_id])
    with pytest.raises(ValidationError):  # refused: a second rating of the same answer
        rated = next(i for i in items[:9] if i.answers.exists() and i.answers.last().ratings.exists()
                     and Suggestion.objects.in_congress(congress).get(pk=i.pk).status == "answered")
        actions.rate_suggestion(congress, rated, actor=world.deputy, work="满意", result="满意")
    for commitment in Commitment.objects.in_congress(congress).select_related("answer"):
        actor = officers[commitment.answer.unit_id]
        actions.report_commitment_done(congress, commitment, actor=actor, report="已完成")
        if rng.random() < 0.6:
            actions.confirm_commitment(congress, commitment, actor=world.deputy)
    assert HandlingRequest.objects.in_congress(congress).filter(status="granted").count() == 1
    return session


def test_the_kept_figures_equal_a_recount_and_the_old_counting(world_a, world_b):
    other = world_b.congress
    actions.accept_suggestion(other, _item(world_b, random.Random(1)), actor=world_b.office)
    untouched = {k.name: tallies.stored(k, other) for k in kept.ALL}
    assert untouched["proposals.items"]

    session = mixed_writes(world_a)
    congress = world_a.congress
    for k in kept.ALL:
        assert tallies.stored(k, congress) == tallies.recount(k, congress), k.name
        assert tallies.stored(k, other) == untouched[k.name], k.name

    year = timezone.localdate().year

    def same(a, b):  # the old queries left ties in the database's order
        return {**vars(a), "by_category": sorted(a.by_category), "by_unit": sorted(a.by_unit),
                "by_delegation": sorted(a.by_delegation)} == \
               {**vars(b), "by_category": sorted(b.by_category), "by_unit": sorted(b.by_unit),
                "by_delegation": sorted(b.by_delegation)}

    new, old = reports.summary(congress, year=year), counting.summary(congress, year=year)
    assert old.total == 10 and old.commitments and old.on_time != "100.0%" and same(new, old), (new, old)
    assert same(reports.summary(congress, session=session), counting.summary(congress, session=session))
    assert reports.total(congress, year) == 10
    assert [vars(r) for r in reports.unit_evaluation(congress, year)] == \
        [vars(r) for r in counting.unit_evaluation(congress, year)]
    assert [vars(r) for r in reports.rates_by_year(congress, year)] == \
        [vars(r) for r in counting.rates_by_year(congress, year)]


def test_a_rebuild_after_a_bulk_change_equals_the_recount(world_a):
    mixed_writes(world_a, seed=11)
    congress = world_a.congress
    Suggestion.objects.in_congress(congress).filter(status="closed").update(year=timezone.localdate().year - 1)
    for k in kept.ALL:
        tallies.rebuild(k, congress)
        assert tallies.stored(k, congress) == tallies.recount(k, congress)
    year = timezone.localdate().year
    assert [vars(r) for r in reports.rates_by_year(congress, year)] == \
        [vars(r) for r in counting.rates_by_year(congress, year)]
