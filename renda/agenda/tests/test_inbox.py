from renda.agenda.inbox import tasks
from renda.agenda.tests.fixtures import directors, fixed, propose, session, submitted
from renda.core.inbox import Ask
from renda.core.roles import Role


def keys(world, user):
    return {t.key: t for t in tasks(Ask(world.congress, user))}


def test_the_office_sees_waiting_items_and_sessions_without_a_draft(world_a):
    assert keys(world_a, world_a.office) == {}
    propose(world_a, "待研究的报告")
    soon = session(world_a, open_it=False, days_ahead=5)
    session(world_a, open_it=False, days_ahead=30)  # too far ahead to ask yet
    found = keys(world_a, world_a.office)
    assert found["agenda_waiting"].count == 1 and found["agenda_waiting"].items[0].title == "待研究的报告"
    assert found["agenda_no_draft"].count == 1 and found["agenda_no_draft"].items[0].title == soon.title
    assert keys(world_a, world_a.users[Role.SC_MEMBER]) == {}
    meeting = directors(world_a)
    fixed(world_a, soon, [submitted(world_a, "报告", meeting)], meeting)
    assert "agenda_no_draft" not in keys(world_a, world_a.office)
