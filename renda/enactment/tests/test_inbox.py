"""The enactment inbox: the office sees an approval window closing and filings due; a member sees
the draft of the coming session."""

import datetime

from django.utils import timezone

from renda.core.inbox import Ask
from renda.core.roles import Role
from renda.enactment import actions
from renda.enactment.inbox import tasks
from renda.enactment.tests import fixtures as f


def test_the_office_sees_the_window_and_the_filings(world_a):
    today = timezone.localdate()
    bill = f.voted(world_a, readings=2, on=today - datetime.timedelta(days=100))
    actions.submit_for_approval(world_a.congress, bill, actor=world_a.office,
                                submitted_on=today - datetime.timedelta(days=100))
    found = {t.key: t for t in tasks(Ask(world_a.congress, world_a.office))}
    assert found["enactment_approval_window"].count == 1 and not found["enactment_approval_window"].late
    actions.record_approval(world_a.congress, bill, actor=world_a.office, decided_on=today, outcome="approved")
    actions.promulgate_law(world_a.congress, bill, actor=world_a.office, announcement_number="第1号",
                           announced_on=today, in_force_on=today)
    found = {t.key: t for t in tasks(Ask(world_a.congress, world_a.office))}
    assert "enactment_approval_window" not in found and found["enactment_filings"].count == 2
    assert tasks(Ask(world_a.congress, world_a.users[Role.DEPUTY])) == []


def test_a_member_sees_the_draft_for_the_coming_session(world_a):
    bill = f.submitted(world_a)
    meeting = f.session(world_a, members=2)
    actions.schedule_reading(world_a.congress, bill, actor=world_a.office, version=f.latest(bill), meeting=meeting,
                             distributed_at=meeting.starts_at - datetime.timedelta(days=7))
    found = {t.key: t for t in tasks(Ask(world_a.congress, world_a.users[Role.SC_MEMBER]))}
    assert found["enactment_drafts"].count == 1 and not found["enactment_drafts"].todo
