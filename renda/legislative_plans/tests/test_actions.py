"""The plan's actions at their boundaries: one yearly plan per year, an item's move between
categories needs a reason and is kept, a declined proposal needs a reason, another congress's rows
are not found, research and review start oversight activities of their kind."""

import pytest
from django.contrib.auth.models import AnonymousUser

from renda.core.errors import IllegalTransition, NotPermitted, ValidationError
from renda.core.models import AuditEntry
from renda.core.roles import Role
from renda.legislative_plans import actions
from renda.legislative_plans.models import PlanItemMove, Proposal
from renda.legislative_plans.tests.fixtures import item, law_in_force, legal_committee, plan
from renda.oversight.models import Activity


def test_one_yearly_plan_a_year_and_a_programme_per_term(world_a):
    made = plan(world_a, 2026)
    assert made.title == "示例甲市人大常委会2026年度立法计划" and made.term_id == world_a.term.pk
    with pytest.raises(ValidationError) as refused:
        plan(world_a, 2026)
    assert "year" in refused.value.message_dict
    programme = actions.create_legislative_plan(world_a.congress, actor=world_a.office, kind="programme",
                                                term=world_a.term)
    assert programme.kind == "programme"
    with pytest.raises(ValidationError) as again:
        actions.create_legislative_plan(world_a.congress, actor=world_a.office, kind="programme", term=world_a.term)
    assert "term" in again.value.message_dict


def test_readings_name_their_field_and_month(world_a):
    the_plan = plan(world_a)
    with pytest.raises(ValidationError) as refused:
        item(world_a, the_plan, planned_readings=[{"reading": "一审", "month": "2026-13"}])
    assert "planned_readings" in refused.value.message_dict
    made = item(world_a, the_plan, planned_readings=[{"reading": "一审", "month": "2026-3"},
                                                     {"reading": "二审", "month": "2026-06"}])
    assert actions.readings_text(made.planned_readings) == "一审 2026年3月；二审 2026年6月"


def test_a_move_between_categories_needs_a_reason_and_is_kept(world_a):
    made = item(world_a, status="preparatory", title="示例市物业管理条例（修订）")
    with pytest.raises(ValidationError) as refused:
        actions.change_plan_item(world_a.congress, made, actor=world_a.office, status="formal")
    assert "reason" in refused.value.message_dict
    assert not PlanItemMove.objects.in_congress(world_a.congress).exists()
    actions.change_plan_item(world_a.congress, made, actor=world_a.office, status="formal", reason="起草进度加快，具备提请审议条件")
    move = PlanItemMove.objects.in_congress(world_a.congress).get()
    assert (move.from_status, move.to_status) == ("preparatory", "formal")
    entry = AuditEntry.objects.filter(congress=world_a.congress, action="change_plan_item").latest("id")
    assert entry.before == {"status": "preparatory"} and entry.after["status"] == "formal"
    # a change of notes alone is no move and needs no reason
    actions.change_plan_item(world_a.congress, made, actor=world_a.office, notes="六月前完成征求意见")
    assert PlanItemMove.objects.in_congress(world_a.congress).count() == 1


def test_adopt_once_with_items_and_a_meeting_day(world_a):
    the_plan = plan(world_a)
    with pytest.raises(ValidationError) as empty:
        actions.adopt_legislative_plan(world_a.congress, the_plan, actor=world_a.office, adopted_on="2026-02-26")
    assert "status" in empty.value.message_dict
    item(world_a, the_plan)
    actions.adopt_legislative_plan(world_a.congress, the_plan, actor=world_a.office, adopted_on="2026-02-26")
    with pytest.raises(IllegalTransition):
        actions.adopt_legislative_plan(world_a.congress, the_plan, actor=world_a.office, adopted_on="2026-02-27")


def test_proposals_from_the_public_a_deputy_and_a_body(world_a):
    public = actions.submit_legislative_proposal(world_a.congress, actor=AnonymousUser(), title="示例市养犬管理条例",
                                                 necessity="养犬扰民问题突出", name="赵女士")
    assert public.source == "public" and len(public.reference_code) == 11
    deputy = actions.submit_legislative_proposal(world_a.congress, actor=world_a.deputy, title="示例市黑土地保护条例",
                                                 necessity="黑土地退化")
    assert deputy.source == "deputy" and deputy.person_id == world_a.deputies[0].person.pk
    body = actions.submit_legislative_proposal(world_a.congress, actor=world_a.users[Role.UNIT_OFFICER],
                                               organisation=world_a.unit, title="示例市校园安全条例",
                                               necessity="校园安全需要地方性法规保障")
    assert body.source == "body"
    with pytest.raises(ValidationError) as not_theirs:
        actions.submit_legislative_proposal(world_a.congress, actor=world_a.users[Role.UNIT_OFFICER],
                                            organisation=legal_committee(world_a), title="x", necessity="y")
    assert "organisation" in not_theirs.value.message_dict


def test_a_decline_needs_a_reason_and_an_acceptance_makes_the_item(world_a):
    the_plan = plan(world_a)
    proposal = actions.submit_legislative_proposal(world_a.congress, actor=AnonymousUser(), title="示例市养犬管理条例",
                                                   necessity="养犬扰民")
    with pytest.raises(ValidationError) as refused:
        actions.decide_legislative_proposal(world_a.congress, proposal, actor=world_a.office, accept=False, reason=" ")
    assert "reason" in refused.value.message_dict
    assert Proposal.objects.in_congress(world_a.congress).get(pk=proposal.pk).status == "submitted"
    other = actions.submit_legislative_proposal(world_a.congress, actor=world_a.deputy, title="示例市黑土地保护条例",
                                                necessity="黑土地退化")
    accepted = actions.decide_legislative_proposal(world_a.congress, other, actor=world_a.office, accept=True,
                                                   plan=the_plan, status="research", committee=legal_committee(world_a))
    assert accepted.status == "accepted" and accepted.item.status == "research" and accepted.item.plan_id == the_plan.pk
    declined = actions.decide_legislative_proposal(world_a.congress, proposal, actor=world_a.office, accept=False,
                                                   reason="已由上位法规定，暂不列入")
    assert declined.status == "declined" and declined.reason
    with pytest.raises(IllegalTransition):
        actions.decide_legislative_proposal(world_a.congress, proposal, actor=world_a.office, accept=True,
                                            plan=the_plan, status="formal")


def test_another_congress_rows_are_not_found(world_a, world_b):
    made = item(world_a)
    with pytest.raises(Exception) as refused:
        actions.change_plan_item(world_b.congress, made, actor=world_b.office, notes="x")
    assert type(refused.value).__name__ == "NotFound"
    with pytest.raises(ValidationError) as bad_plan:
        proposal = actions.submit_legislative_proposal(world_b.congress, actor=world_b.deputy, title="x", necessity="y")
        actions.decide_legislative_proposal(world_b.congress, proposal, actor=world_b.office, accept=True,
                                            plan=made.plan_id, status="formal")
    assert "plan" in bad_plan.value.message_dict
    with pytest.raises(NotPermitted):
        actions.add_plan_item(world_a.congress, made.plan, actor=world_a.deputy, title="x", status="formal")


def test_research_and_review_are_oversight_activities(world_a):
    made = item(world_a)
    research = actions.start_legislative_research(world_a.congress, actor=world_a.office, item=made, year=2026,
                                                  title="示例市农田灌溉用水管理条例立法调研")
    activity = Activity.objects.in_congress(world_a.congress).get(pk=research.activity_id)
    assert activity.kind == Activity.Kind.LEGISLATIVE_RESEARCH and activity.lead_committee_id == made.committee_id
    law = law_in_force(world_a)
    review = actions.start_post_enactment_review(world_a.congress, law, actor=world_a.office, year=2024,
                                                 title="示例市乌梁素海流域生态保护条例立法后评估",
                                                 lead_committee=legal_committee(world_a))
    assert Activity.objects.in_congress(world_a.congress).get(pk=review.activity_id).kind == "law_review"
    with pytest.raises(ValidationError) as refused:
        actions.start_legislative_research(world_a.congress, actor=world_a.office, year=2026, title="无对象")
    assert "item" in refused.value.message_dict
