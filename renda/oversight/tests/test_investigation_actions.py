"""Special investigation committees: established by a roll-call vote, members, the restricted evidence
log, the report to a later meeting and the decision."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from renda.core.errors import NotPermitted
from renda.core.roles import Role
from renda.meetings.models import Meeting
from renda.oversight.actions import investigations as actions
from renda.oversight.models import Evidence, Investigation
from renda.oversight.tests.permission_calls_inquiries import (
    established_investigation,
    proposed_investigation,
    session,
    voted,
)
from renda.rectification.models import RectificationItem
from renda.testing import signed_in
from renda.voting.models import Vote


def test_proposing_creates_a_roll_call_vote(world_a):
    inv = proposed_investigation(world_a)
    vote = Vote.objects.in_congress(world_a.congress).get(pk=inv.vote_id)
    assert vote.kind == Vote.Kind.ROLL_CALL and inv.title in vote.title and inv.status == Investigation.Status.PROPOSED


def test_the_result_is_recorded_only_once_the_vote_is_closed(world_a):
    inv = proposed_investigation(world_a)
    with pytest.raises(ValidationError) as error:
        actions.record_establishment(world_a.congress, inv, actor=world_a.office)
    assert "尚未结束" in error.value.messages[0]


@pytest.mark.parametrize(("yes", "status"), [(2, Investigation.Status.ESTABLISHED), (1, Investigation.Status.NOT_ESTABLISHED)])
def test_established_or_not_by_the_votes_result(world_a, yes, status):
    # Three members: two for is more than half of all members, one is not.
    inv = proposed_investigation(world_a)
    voted(world_a, inv, yes=yes)
    inv = actions.record_establishment(world_a.congress, inv, actor=world_a.office)
    assert inv.status == status
    assert (inv.established_on == timezone.localdate()) is (status == Investigation.Status.ESTABLISHED)


def test_members_need_exactly_one_chair(world_a):
    inv = proposed_investigation(world_a)
    people = [m.person for m in world_a.deputies]
    with pytest.raises(ValidationError) as error:
        actions.set_investigation_members(world_a.congress, inv, actor=world_a.office,
                                          members=[(people[0], "member"), (people[1], "vice_chair")])
    assert "有且只有一名主任委员" in error.value.messages[0]
    with pytest.raises(ValidationError) as error:
        actions.set_investigation_members(world_a.congress, inv, actor=world_a.office,
                                          members=[(people[0], "chair"), (people[0], "member")])
    assert "不止一次" in error.value.messages[0]
    made = actions.set_investigation_members(world_a.congress, inv, actor=world_a.office,
                                             members=[(people[0], "chair"), (people[1], "expert")])
    assert [m.role for m in made] == ["chair", "expert"]


def test_evidence_is_for_members_and_staff_only(world_a):
    c = world_a.congress
    # Only the deputy persona sits on it; the standing-committee persona does not.
    inv = established_investigation(world_a, members=[(world_a.deputies[0].person, "chair")])
    entry = actions.log_investigation_evidence(c, inv, actor=world_a.deputy, on=timezone.localdate(), title="询问笔录",
                                               source="现场询问")
    assert entry.recorded_by == world_a.deputy
    assert actions.evidence_of(c, inv, actor=world_a.users[Role.COMMITTEE_STAFF])[0].pk == entry.pk
    sc_member = world_a.users[Role.SC_MEMBER]
    with pytest.raises(NotPermitted):
        actions.evidence_of(c, inv, actor=sc_member)
    with pytest.raises(NotPermitted):
        actions.log_investigation_evidence(c, inv, actor=sc_member, on=timezone.localdate(), title="材料", source="x")
    url = f"/c/{c.code}/oversight/investigations/{inv.pk}/evidence/"
    assert signed_in(sc_member).get(url).status_code == 403
    assert signed_in(world_a.users[Role.UNIT_OFFICER]).get(url).status_code == 403
    page = signed_in(world_a.deputy).get(url)
    assert page.status_code == 200 and "询问笔录" in page.content.decode()
    # The detail page shows no evidence to someone outside the committee.
    detail = signed_in(sc_member).get(f"/c/{c.code}/oversight/investigations/{inv.pk}/")
    assert detail.status_code == 200 and "询问笔录" not in detail.content.decode()
    assert Evidence.objects.in_congress(c).count() == 1

def test_evidence_input_is_checked(world_a):
    inv = established_investigation(world_a)
    with pytest.raises(ValidationError) as error:
        actions.log_investigation_evidence(world_a.congress, inv, actor=world_a.office,
                                           on=timezone.localdate() + datetime.timedelta(days=1), title="", source="")
    found = error.value.message_dict
    assert "不能晚于今天" in found["on"][0] and "材料名称" in found["title"][0] and "来源" in found["source"][0]


def test_report_to_a_later_meeting_then_the_decision(world_a):
    c = world_a.congress
    inv = established_investigation(world_a)
    with pytest.raises(ValidationError) as error:
        actions.report_investigation(c, inv, actor=world_a.office, meeting=Meeting.objects.in_congress(c).get(pk=inv.meeting_id), report="报告")
    assert "设立之后的会议" in error.value.message_dict["meeting"][0]
    later = session(world_a, members=3, starts_at=timezone.now() + datetime.timedelta(days=30))
    with pytest.raises(ValidationError) as error:
        actions.report_investigation(c, inv, actor=world_a.office, meeting=later, report="")
    assert "调查报告" in error.value.message_dict["report"][0]
    inv = actions.report_investigation(c, inv, actor=world_a.office, meeting=later, report="经调查……")
    assert inv.status == Investigation.Status.REPORTED
    with pytest.raises(ValidationError):  # the log closes with the report
        actions.log_investigation_evidence(c, inv, actor=world_a.office, on=timezone.localdate(), title="迟到", source="x")
    with pytest.raises(ValidationError) as error:
        actions.decide_on_investigation(c, inv, actor=world_a.office, decision="", decided_on=timezone.localdate())
    assert "决议" in error.value.message_dict["decision"][0]
    inv = actions.decide_on_investigation(c, inv, actor=world_a.office, decision="责成市政府限期整改",
                                          decided_on=timezone.localdate() + datetime.timedelta(days=30))
    assert inv.status == Investigation.Status.DECIDED
    items = actions.list_investigation_follow_up(c, inv, actor=world_a.office, entries=[
        {"problem": "校舍隐患", "due_on": timezone.localdate() + datetime.timedelta(days=60), "unit": world_a.unit.pk,
         "owner": "赵强"}])
    assert RectificationItem.objects.in_congress(c).get(pk=items[0].pk).investigation_id == inv.pk


def test_only_the_office_establishes(world_a):
    with pytest.raises(NotPermitted):
        actions.propose_investigation(world_a.congress, actor=world_a.users[Role.SC_MEMBER], title="x", subject="y",
                                      meeting=session(world_a, members=3))
