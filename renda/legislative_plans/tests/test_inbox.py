"""The inbox: the office sees proposals awaiting a decision; the committee in charge sees an item of
this year's adopted plan still without a bill; the deputy sees their decided proposal."""

import datetime

from django.contrib.auth.models import AnonymousUser

from renda.core.inbox import Ask
from renda.core.roles import Role
from renda.legislative_plans import actions, inbox
from renda.legislative_plans.tests.fixtures import item


def keys(world, user, today=None):
    return {t.key: t for t in inbox.tasks(Ask(world.congress, user, today or datetime.date(2026, 3, 10)))}


def test_office_committee_and_deputy(world_a):
    actions.submit_legislative_proposal(world_a.congress, actor=AnonymousUser(), title="示例市养犬管理条例", necessity="x")
    assert keys(world_a, world_a.office)["legislative_proposals"].count == 1
    made = item(world_a, committee=world_a.committee, planned_readings=[{"reading": "一审", "month": "2026-03"}])
    committee = world_a.users[Role.COMMITTEE_STAFF]
    assert "legislative_plan_items_due" not in keys(world_a, committee)  # the plan is still a draft
    actions.adopt_legislative_plan(world_a.congress, made.plan, actor=world_a.office, adopted_on="2026-02-26")
    due = keys(world_a, committee)["legislative_plan_items_due"]
    assert due.count == 1 and "一审 2026年3月" in due.items[0].note
    proposal = actions.submit_legislative_proposal(world_a.congress, actor=world_a.deputy, title="示例市黑土地保护条例",
                                                   necessity="y")
    actions.decide_legislative_proposal(world_a.congress, proposal, actor=world_a.office, accept=False, reason="暂缓")
    told = keys(world_a, world_a.deputy, today=datetime.date.today())["legislative_proposals_decided"]
    assert told.count == 1 and not told.todo
