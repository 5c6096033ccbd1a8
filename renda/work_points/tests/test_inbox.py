"""Owners see their overdue items in the inbox."""

import datetime

from renda.core.inbox import Ask
from renda.core.roles import Role
from renda.work_points import inbox
from renda.work_points.tests.fixtures import office, point, today

DAY = datetime.timedelta(days=1)


def test_owners_see_their_overdue_items(world_a):
    c = world_a.congress
    mine = point(world_a, today() - DAY)
    point(world_a, today())  # due today: not overdue
    theirs = point(world_a, today() - DAY, owner=office(world_a))
    [staff_task] = inbox.tasks(Ask(c, world_a.users[Role.COMMITTEE_STAFF]))
    assert staff_task.count == 1 and staff_task.items[0].title == mine.text[:60] and staff_task.late
    [office_task] = inbox.tasks(Ask(c, world_a.office))
    assert office_task.count == 2 and theirs.text[:60] in [i.title for i in office_task.items]
    assert inbox.tasks(Ask(c, world_a.deputy)) == []
