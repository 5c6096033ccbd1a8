"""Reviewer-found fieldwork defects (issue 12): a member sees the totals of every reply; changing the
team keeps notice replies in step with it; form messages name their field; an outsider among the
visitors is named; multipart endpoints refuse unknown fields; a visit's stepper ends at 报告已定稿."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from renda.core import actions as core_actions
from renda.core.inbox import Ask
from renda.core.roles import Role
from renda.oversight import inbox
from renda.oversight.actions import fieldwork as fw
from renda.oversight.actions.activities import set_team
from renda.oversight.models import Activity, NoticeReply, TeamMember
from renda.oversight.tests.permission_calls_fieldwork import YEAR, jpeg, make_activity, pdf

DAY = datetime.date(YEAR, 6, 1)


@pytest.fixture
def world(world_a):
    return world_a


def bearer(world, user):
    _, secret = core_actions.issue_api_token(world.congress, actor=user, name="测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


# ── 1. a member sees the totals of every reply, and only their own reply's detail ──

def test_a_member_sees_the_totals_of_all_replies_but_only_their_own_row(world):
    activity = make_activity(world)
    notice = fw.send_team_notice(world.congress, activity, actor=world.office, text="请参加调研")
    first, second = (m.person for m in world.deputies[:2])
    fw.reply_to_notice(world.congress, notice, actor=world.office, answer="attend", person=second)
    fw.reply_to_notice(world.congress, notice, actor=world.deputy, answer="absent", reason="出差")
    client = Client()
    url = f"/api/oversight/activities/{activity.pk}/notices"
    staff = client.get(url, **bearer(world, world.office)).json()[0]
    member = client.get(url, **bearer(world, world.deputy)).json()[0]
    assert (staff["attend"], staff["absent"], staff["pending"]) == (1, 1, 0)
    assert (member["attend"], member["absent"], member["pending"]) == (1, 1, 0)
    assert [r["name"] for r in member["replies"]] == [first.name] and len(staff["replies"]) == 2
