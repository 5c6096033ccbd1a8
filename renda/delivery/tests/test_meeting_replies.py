"""A meeting notice asks for attendance: its 参加 / 请假 links are signed per person; 请假 files a
leave request through the meetings app's action; a bad, expired or foreign link gets a clear page."""

from __future__ import annotations

import datetime
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from renda.core import actions as core_actions
from renda.delivery import actions, attendance
from renda.delivery.models import AttendanceReply, Delivery
from renda.meetings.models import LeaveRequest
from renda.proposals.models import Notice
from renda.testing import make_meeting, signed_in

pytestmark = pytest.mark.django_db


def _meeting(world, days: float = 3):
    return make_meeting(world, open_it=False, starts_at=timezone.now() + datetime.timedelta(days=days))


def _links(world, meeting, user):
    notice = Notice.objects.in_congress(world.congress).get(key__startswith=f"meeting:{meeting.pk}:{user.person.pk}:")
    return attendance.links_for(notice)


def test_it_sends_each_member_a_notice_with_reply_links_once(world_a, django_capture_on_commit_callbacks):
    meeting = _meeting(world_a)
    with django_capture_on_commit_callbacks(execute=True):
        sent = actions.send_meeting_notice(world_a.congress, meeting, actor=world_a.office)
    assert sent == 5 and actions.send_meeting_notice(world_a.congress, meeting, actor=world_a.office) == 0
    inbox = Delivery.objects.in_congress(world_a.congress).get(user=world_a.deputy, channel="inbox")
    assert not inbox.urgent  # three days ahead: an ordinary notice
    page = signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/notices/").content.decode()
    signed = _links(world_a, meeting, world_a.deputy)["attend"].split(":")[0]  # the part before the timestamp
    assert signed in page and "?answer=attend" in page and "?answer=leave" in page


def test_it_marks_a_notice_of_a_meeting_tomorrow_urgent(world_a, django_capture_on_commit_callbacks):
    meeting = _meeting(world_a, days=0.5)
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_meeting_notice(world_a.congress, meeting, actor=world_a.office)
    assert Delivery.objects.in_congress(world_a.congress).get(user=world_a.deputy, channel="inbox").urgent


def test_it_files_leave_through_the_meetings_workflow_from_the_link(world_a):
    meeting = _meeting(world_a)
    actions.send_meeting_notice(world_a.congress, meeting, actor=world_a.office)
    links = _links(world_a, meeting, world_a.deputy)
    browser = Client()  # the SMS reader is not signed in: the link is the credential
    form = browser.get(links["leave"])
    assert form.status_code == 200 and meeting.title in form.content.decode()
    empty = browser.post(links["leave"], {"answer": "leave", "reason": ""})
    assert empty.status_code == 400 and "请假理由" in empty.content.decode()
    assert not LeaveRequest.objects.in_congress(world_a.congress).exists()
    done = browser.post(links["leave"], {"answer": "leave", "reason": "外出参加培训"})
    assert done.status_code == 200 and "待工作人员或会议主持人批准" in done.content.decode()
    leave = LeaveRequest.objects.in_congress(world_a.congress).get(meeting=meeting)
    assert leave.person == world_a.deputy.person and leave.status == LeaveRequest.Status.PENDING
    assert leave.reason == "外出参加培训"
    reply = AttendanceReply.objects.in_congress(world_a.congress).get(meeting=meeting, person=world_a.deputy.person)
    assert reply.answer == "leave"


def test_it_records_a_confirmation_to_attend(world_a):
    meeting = _meeting(world_a)
    actions.send_meeting_notice(world_a.congress, meeting, actor=world_a.office)
    sc_member = world_a.deputies[1].person.user
    links = _links(world_a, meeting, sc_member)
    assert signed_in(sc_member).post(links["attend"], {"answer": "attend"}).status_code == 200
    assert AttendanceReply.objects.in_congress(world_a.congress).get(person=sc_member.person).answer == "attend"
    assert not LeaveRequest.objects.in_congress(world_a.congress).exists()
    staff = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/notices/meetings/{meeting.pk}/")
    assert staff.status_code == 200 and "参加" in staff.content.decode()


def test_it_refuses_a_tampered_expired_foreign_or_someone_elses_link_with_a_page(world_a, world_b):
    meeting = _meeting(world_a)
    actions.send_meeting_notice(world_a.congress, meeting, actor=world_a.office)
    good = _links(world_a, meeting, world_a.deputy)["attend"]
    base = f"/c/{world_a.congress.code}/notices/reply/"
    tampered = good.replace(base, base + "x")
    answer = Client().get(tampered)
    assert answer.status_code == 400 and "回执链接无效" in answer.content.decode()
    assert Client().get(base + "not-a-token/").status_code == 400
    core_actions.change_rule(world_a.congress, actor=world_a.root, key="delivery.reply_link_days", value=1)
    with mock.patch("django.core.signing.time.time", return_value=timezone.now().timestamp() - 3 * 86400):
        old = attendance.token(world_a.congress.pk, meeting.pk, world_a.deputy.person.pk)
    expired = Client().post(f"{base}{old}/", {"answer": "attend"})
    assert expired.status_code == 400 and "有效期" in expired.content.decode()
    other = _meeting(world_b)
    actions.send_meeting_notice(world_b.congress, other, actor=world_b.office)
    foreign = _links(world_b, other, world_b.deputy)["attend"].replace(world_b.congress.code, world_a.congress.code)
    answer = Client().post(foreign, {"answer": "attend"})
    assert answer.status_code == 400 and world_a.congress.name in answer.content.decode()
    someone_else = signed_in(world_a.office).post(good, {"answer": "attend"})
    assert someone_else.status_code == 400 and "另一账号" in someone_else.content.decode()
    assert not AttendanceReply.objects.in_congress(world_a.congress).exists()
    assert not AttendanceReply.objects.in_congress(world_b.congress).exists()
