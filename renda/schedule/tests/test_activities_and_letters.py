"""The calendar holds what the home inbox asks of a deputy between sessions too: the activities they are
invited to (at their time, 请假 when they sent leave) and letters waiting for their reply by a day."""

import datetime

from renda.activities import actions as activities
from renda.core.roles import Role
from renda.deputy_pages import actions as letters
from renda.schedule.entries import entries_for
from renda.schedule.tests.helpers import at, soon


def test_an_invited_activity_is_on_the_deputy_calendar_and_not_on_another_deputy_one(world_a):
    day = soon()
    activity = activities.create_activity(world_a.congress, actor=world_a.office, kind="inspection",
                                          topic="冬季供暖保障情况视察", starts_at=at(day, 9), place="市热力公司")
    activities.add_participants(world_a.congress, activity, actor=world_a.office, people=[world_a.deputy.person])
    mine = [e for e in entries_for(world_a.congress, world_a.deputy, day, day) if e.kind == "activity"]
    assert [(e.title, e.start.hour, e.note) for e in mine] == [("冬季供暖保障情况视察", 9, "请回复参加或请假")]
    assert mine[0].url.endswith(f"/activities/{activity.pk}/")
    not_invited = world_a.users[Role.SC_MEMBER]
    assert not [e for e in entries_for(world_a.congress, not_invited, day, day) if e.kind == "activity"]


def test_a_letter_waiting_for_a_reply_is_a_deadline_until_answered(world_a):
    due = soon(10)
    letter = letters.send_letter(world_a.congress, actor=world_a.office, title="征求对年度工作的意见",
                                 body="请各位代表提出意见。", reply_by=due, mandates=[world_a.deputies[0]])
    entries = entries_for(world_a.congress, world_a.deputy, due - datetime.timedelta(days=1), due)
    found = [e for e in entries if e.uid.startswith("letter-")]
    assert [(e.day, e.title, e.is_deadline) for e in found] == [(due, "回复来信：征求对年度工作的意见", True)]
    assert found[0].url.endswith(f"/letters/{letter.pk}/")
