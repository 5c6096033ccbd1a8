"""A reply cannot contradict a leave already filed (on the meeting page, or by the office): 参加 is
refused naming the leave's state and nothing is written; a non-voting attendee (列席) is offered only
参加, and 请假 from them is refused."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.test import Client
from django.utils import timezone

from renda.core import actions as core_actions
from renda.core.roles import Role
from renda.delivery import actions, attendance
from renda.delivery.models import AttendanceReply
from renda.meetings import actions as meeting_actions
from renda.meetings.models import LeaveRequest, RosterEntry
from renda.proposals.models import Notice
from renda.testing import make_meeting, make_user

pytestmark = pytest.mark.django_db


def _meeting(world):
    return make_meeting(world, open_it=False, starts_at=timezone.now() + datetime.timedelta(days=3))


def _links(world, meeting, person):
    notice = Notice.objects.in_congress(world.congress).get(key__startswith=f"meeting:{meeting.pk}:{person.pk}:")
    return attendance.links_for(notice)


@pytest.mark.parametrize("approve", [False, True], ids=["pending", "approved"])
def test_it_refuses_attend_while_leave_is_filed(world_a, approve):
    meeting = _meeting(world_a)
    deputy = world_a.deputy
    leave = meeting_actions.request_leave(world_a.congress, meeting, actor=deputy, reason="外出培训")
    if approve:
        meeting_actions.decide_leave(world_a.congress, leave, actor=world_a.office, approve=True)
    state = "已批准" if approve else "待批准"
    with pytest.raises(ValidationError) as refused:
        actions.reply(world_a.congress, meeting, actor=deputy, answer="attend")
    assert refused.value.message_dict["answer"] == [f"您已请假（{state}），如需参加请联系会务工作人员撤回请假"]
    assert not AttendanceReply.objects.in_congress(world_a.congress).exists()
    actions.send_meeting_notice(world_a.congress, meeting, actor=world_a.office)
    link = _links(world_a, meeting, deputy.person)["attend"]
    page = Client().get(link).content.decode()
    assert f"您已请假（{state}）" in page and 'value="attend"' not in page
    posted = Client().post(link, {"answer": "attend"})
    assert posted.status_code == 400 and f"您已请假（{state}）" in posted.content.decode()
    assert not AttendanceReply.objects.in_congress(world_a.congress).exists()
    assert LeaveRequest.objects.in_congress(world_a.congress).count() == 1  # 请假 again files nothing either
    with pytest.raises(ValidationError):
        actions.reply(world_a.congress, meeting, actor=deputy, answer="leave", reason="再请一次")
    assert LeaveRequest.objects.in_congress(world_a.congress).count() == 1


def test_it_allows_attend_after_a_refused_leave(world_a):
    meeting = _meeting(world_a)
    leave = meeting_actions.request_leave(world_a.congress, meeting, actor=world_a.deputy, reason="外出培训")
    meeting_actions.decide_leave(world_a.congress, leave, actor=world_a.office, approve=False)
    assert actions.reply(world_a.congress, meeting, actor=world_a.deputy, answer="attend").answer == "attend"


def test_it_offers_a_non_voting_attendee_only_attend(world_a):
    meeting = _meeting(world_a)
    guest = world_a.make_deputy("列席甲").person
    guest.user = make_user("guest-a")
    guest.save(update_fields=["user"])
    core_actions.grant_role(world_a.congress, actor=world_a.root, user=guest.user, role=Role.DEPUTY)
    meeting_actions.add_attendee(world_a.congress, meeting, actor=world_a.office, person=guest, post="市政府副市长")
    actions.send_meeting_notice(world_a.congress, meeting, actor=world_a.office)
    links = _links(world_a, meeting, guest)
    assert set(links) == {"attend"}
    assert set(_links(world_a, meeting, world_a.deputy.person)) == {"attend", "leave"}  # a member: both
    leave_url = links["attend"].replace("answer=attend", "answer=leave")
    page = Client().get(leave_url).content.decode()
    assert 'value="attend"' in page and 'value="leave"' not in page and "列席人员不需请假" in page
    refused = Client().post(leave_url, {"answer": "leave", "reason": "出差"})
    assert refused.status_code == 400 and "列席人员不需请假" in refused.content.decode()
    assert not LeaveRequest.objects.in_congress(world_a.congress).exists()
    assert not AttendanceReply.objects.in_congress(world_a.congress).exists()
    assert Client().post(links["attend"], {"answer": "attend"}).status_code == 200
    assert AttendanceReply.objects.in_congress(world_a.congress).get(person=guest).answer == "attend"
    assert RosterEntry.objects.in_congress(world_a.congress).get(meeting=meeting, person=guest).voting is False
