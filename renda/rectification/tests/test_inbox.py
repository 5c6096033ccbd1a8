"""The home page's rectification tasks: the unit's overdue, due-soon and returned items; staff's
claims to accept and overdue items."""

import datetime

from renda.core.inbox import tasks_for
from renda.core.roles import Role
from renda.rectification import actions
from renda.rectification.tests.fixtures import claimed, make_item, other_unit, today

DAY = datetime.timedelta(days=1)


def by_key(world, user):
    return {t.key: t for t in tasks_for(world.congress, user)}


def test_a_unit_officer_sees_the_unit_items_due_soon_overdue_and_returned(world_a):
    make_item(world_a, due_on=today() - DAY, problem="逾期事项")
    make_item(world_a, due_on=today() + 30 * DAY, problem="三十天后到期")
    make_item(world_a, due_on=today() + 31 * DAY, problem="三十一天后到期")
    make_item(world_a, due_on=today() - DAY, problem="别的单位逾期", unit=other_unit(world_a))
    back = claimed(world_a, problem="退回的事项")
    actions.return_item(world_a.congress, back, actor=world_a.office, reason="材料不全")
    tasks = by_key(world_a, world_a.users[Role.UNIT_OFFICER])
    assert [i.title for i in tasks["rectification_overdue_unit"].items] == ["逾期事项"]
    assert tasks["rectification_overdue_unit"].late
    assert [i.title for i in tasks["rectification_due_soon"].items] == ["三十天后到期"]  # 30 days: the longest reminder
    assert [i.title for i in tasks["rectification_returned"].items] == ["退回的事项"]
    assert "rectification_claims" not in tasks


def test_staff_see_claims_and_overdue_items(world_a):
    claimed(world_a, problem="待验收")
    make_item(world_a, due_on=today() - DAY, problem="逾期")
    make_item(world_a, due_on=today(), problem="今天到期")
    tasks = by_key(world_a, world_a.office)
    assert [i.title for i in tasks["rectification_claims"].items] == ["待验收"]
    assert [i.title for i in tasks["rectification_overdue"].items] == ["逾期"]
    assert not {k for k in by_key(world_a, world_a.users[Role.DEPUTY]) if k.startswith("rectification")}
