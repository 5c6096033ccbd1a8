"""Questioning (质询案): the co-signer rule at its boundary, the decision, answers and the further answer."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from renda.core import actions as core_actions
from renda.core.errors import NotPermitted
from renda.core.roles import Role
from renda.oversight.actions import questioning as actions
from renda.oversight.models import Questioning, QuestioningAnswer, QuestioningSigner
from renda.oversight.tests.permission_calls_inquiries import (
    accepted_questioning,
    answered_questioning,
    directors,
    session,
    signed_questioning,
)
from renda.testing import make_meeting, make_world


@pytest.mark.parametrize(("signers", "ok"), [(5, True), (4, False)])
def test_city_standing_committee_needs_five_signers(world_a, signers, ok):
    q = signed_questioning(world_a, signers=signers)
    if ok:
        assert actions.file_questioning(world_a.congress, q, actor=world_a.office).status == Questioning.Status.FILED
        return
    with pytest.raises(ValidationError) as error:
        actions.file_questioning(world_a.congress, q, actor=world_a.office)
    message = error.value.message_dict["signers"][0]
    assert "sc.inquiry_min_members" in message and "不少于 5 人" in message and "现有 4 人" in message
    q.refresh_from_db()
    assert q.status == Questioning.Status.DRAFT and q.filed_at is None


@pytest.mark.parametrize(("signers", "ok"), [(3, True), (2, False)])
def test_county_standing_committee_needs_three_signers(db, signers, ok):
    world = make_world("cty", "示例县人民代表大会", level="county")
    q = signed_questioning(world, signers=signers)
    if ok:
        assert actions.file_questioning(world.congress, q, actor=world.office).status == Questioning.Status.FILED
        return
    with pytest.raises(ValidationError) as error:
        actions.file_questioning(world.congress, q, actor=world.office)
    assert "不少于 3 人" in error.value.message_dict["signers"][0]
    assert "现有 2 人" in error.value.message_dict["signers"][0]


@pytest.mark.parametrize(("signers", "ok"), [(10, True), (9, False)])
def test_plenary_needs_ten_deputies(world_a, signers, ok):
    q = signed_questioning(world_a, signers=signers, forum="plenary")
    if ok:
        assert actions.file_questioning(world_a.congress, q, actor=world_a.office).status == Questioning.Status.FILED
        return
    with pytest.raises(ValidationError) as error:
        actions.file_questioning(world_a.congress, q, actor=world_a.office)
    message = error.value.message_dict["signers"][0]
    assert "plenary.inquiry_min_deputies" in message and "不少于 10 人" in message and "现有 9 人" in message


def test_the_drafter_signs_first_and_members_sign_themselves(world_a):
    c = world_a.congress
    meeting = session(world_a)
    sc_user = world_a.users[Role.SC_MEMBER]
    q = actions.draft_questioning(c, actor=sc_user, forum="standing_committee", meeting=meeting, body=world_a.unit,
                                  title="关于校舍安全的质询案", questions="问题")
    first = QuestioningSigner.objects.in_congress(c).filter(questioning=q).get()
    assert first.person_id == world_a.deputies[1].person.pk
    actions.sign_questioning(c, q, actor=world_a.deputy)
    with pytest.raises(ValidationError) as error:
        actions.sign_questioning(c, q, actor=world_a.deputy)
    assert "已经联名" in error.value.messages[0]
    with pytest.raises(NotPermitted):
        actions.sign_questioning(c, q, actor=world_a.deputy, person=world_a.deputies[1].person)
    with pytest.raises(ValidationError) as error:  # the lead signer cannot withdraw
        actions.withdraw_signature(c, q, actor=sc_user)
    assert "领衔" in error.value.messages[0]


def test_someone_outside_the_forum_cannot_sign(world_a):
    c = world_a.congress
    q = signed_questioning(world_a, signers=2)
    outsider = world_a.make_deputy("局外代表").person  # a deputy, but not on the standing committee
    with pytest.raises(ValidationError) as error:
        actions.sign_questioning(c, q, actor=world_a.office, person=outsider)
    assert "不是常委会组成人员" in error.value.message_dict["signer"][0]


def test_the_meeting_must_match_the_forum(world_a):
    with pytest.raises(ValidationError) as error:
        actions.draft_questioning(world_a.congress, actor=world_a.office, forum="plenary", meeting=session(world_a),
                                  body=world_a.unit, title="案由", questions="问题", signer=world_a.deputies[0].person)
    assert "人民代表大会会议" in error.value.message_dict["meeting"][0]


def test_decision_at_the_directors_meeting_and_reasons(world_a):
    c = world_a.congress
    q = signed_questioning(world_a)
    actions.file_questioning(c, q, actor=world_a.office)
    with pytest.raises(ValidationError) as error:
        actions.decide_questioning(c, q, actor=world_a.office, decision="accept", meeting=session(world_a),
                                   mode="oral", answer_by=timezone.localdate())
    assert "主任会议" in error.value.message_dict["meeting"][0]
    with pytest.raises(ValidationError) as error:
        actions.decide_questioning(c, q, actor=world_a.office, decision="reject", meeting=directors(world_a))
    assert "理由" in error.value.message_dict["reason"][0]
    with pytest.raises(NotPermitted):
        actions.decide_questioning(c, q, actor=world_a.users[Role.SC_MEMBER], decision="reject",
                                   meeting=directors(world_a), reason="x")


def test_only_the_bodys_officer_or_staff_records_the_answer(world_a, world_b):
    c = world_a.congress
    q = accepted_questioning(world_a)
    from renda.people import actions as people

    other = people.create_organisation(c, actor=world_a.root, kind="handling_unit", name="卫健委", unit_type="department")
    officer = world_a.users[Role.UNIT_OFFICER]
    stranger = core_actions.create_account(c, actor=world_a.root, username="other-unit", full_name="他单位")[0]
    core_actions.grant_role(c, actor=world_a.root, user=stranger, role=Role.UNIT_OFFICER, organisation=other)
    with pytest.raises(NotPermitted):
        actions.record_questioning_answer(c, q, actor=stranger, answerer="局长", text="答复",
                                          answered_on=timezone.localdate())
    with pytest.raises(ValidationError) as error:
        actions.record_questioning_answer(c, q, actor=officer, answerer="", text="答复",
                                          answered_on=timezone.localdate() + datetime.timedelta(days=1))
    assert "答复人" in error.value.message_dict["answerer"][0]
    assert "不能晚于今天" in error.value.message_dict["answered_on"][0]
    answer = actions.record_questioning_answer(c, q, actor=officer, answerer="局长赵强", text="答复",
                                               answered_on=timezone.localdate())
    assert answer.round == 1 and answer.mode == "written"


def _rated(world, q, unsatisfied: int):
    c = world.congress
    signers = list(QuestioningSigner.objects.in_congress(c).filter(questioning=q).select_related("person").order_by("id"))
    for n, signer in enumerate(signers):
        actions.rate_questioning_answer(c, q, actor=world.office, person=signer.person, satisfied=n >= unsatisfied)
    return len(signers)


@pytest.mark.parametrize(("unsatisfied", "ok"), [(2, False), (3, True)])
def test_further_answer_needs_more_than_half_unsatisfied(world_a, unsatisfied, ok):
    # Four signers (the county minimum is not in play: the rule is lowered so half is exactly 2).
    c = world_a.congress
    core_actions.change_rule(c, actor=world_a.root, key="sc.inquiry_min_members", value=4)
    q = answered_questioning(world_a)
    assert _rated(world_a, q, unsatisfied) == 4
    due = timezone.localdate() + datetime.timedelta(days=15)
    if not ok:
        with pytest.raises(ValidationError) as error:
            actions.decide_questioning(c, q, actor=world_a.office, decision="further", meeting=directors(world_a),
                                       mode="oral", answer_by=due)
        assert "4 人中 2 人表示不满意" in error.value.message_dict["decision"][0]
        return
    q = actions.decide_questioning(c, q, actor=world_a.office, decision="further", meeting=directors(world_a),
                                   mode="oral", answer_by=due)
    assert q.status == Questioning.Status.FURTHER
    assert not QuestioningSigner.objects.in_congress(c).filter(questioning=q, satisfied__isnull=False).exists()
    second = actions.record_questioning_answer(c, q, actor=world_a.office, answerer="局长赵强", text="再作答复",
                                               answered_on=timezone.localdate())
    assert second.round == 2 and second.mode == "oral"
    q.refresh_from_db()
    _rated(world_a, q, 4)
    with pytest.raises(ValidationError) as error:
        actions.decide_questioning(c, q, actor=world_a.office, decision="further", meeting=directors(world_a),
                                   mode="oral", answer_by=due)
    assert "已再作答复一次" in error.value.message_dict["decision"][0]
    assert actions.decide_questioning(c, q, actor=world_a.office, decision="conclude",
                                      meeting=directors(world_a)).status == Questioning.Status.CONCLUDED
    assert QuestioningAnswer.objects.in_congress(c).filter(questioning=q).count() == 2


def test_a_signer_rates_only_their_own_and_only_once_answered(world_a):
    c = world_a.congress
    q = accepted_questioning(world_a)
    with pytest.raises(ValidationError):
        actions.rate_questioning_answer(c, q, actor=world_a.deputy, satisfied=True)
    actions.record_questioning_answer(c, q, actor=world_a.office, answerer="局长", text="答复",
                                      answered_on=timezone.localdate())
    signer = actions.rate_questioning_answer(c, q, actor=world_a.users[Role.SC_MEMBER], satisfied=False)
    assert signer.satisfied is False
    plenary = make_meeting(world_a, kind="plenary", members=3)
    assert plenary  # a deputy who did not sign is refused
    outsider = world_a.make_deputy("未联名代表")
    user = core_actions.create_account(c, actor=world_a.root, username="not-signer", full_name="未联名代表")[0]
    outsider.person.user = user
    outsider.person.save(update_fields=["user"])
    core_actions.grant_role(c, actor=world_a.root, user=user, role=Role.DEPUTY)
    with pytest.raises(NotPermitted):
        actions.rate_questioning_answer(c, q, actor=user, satisfied=True)


def test_another_congress_questioning_is_not_found(world_a, world_b):
    from renda.core.errors import NotFound

    q = signed_questioning(world_a)
    with pytest.raises((NotFound, NotPermitted)):
        actions.file_questioning(world_b.congress, q, actor=world_b.office)
