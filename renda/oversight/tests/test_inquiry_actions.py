"""Special inquiries (专题询问): preparing, questions registered in advance, answers, ratings, follow-up."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from renda.core.errors import NotFound, NotPermitted
from renda.core.roles import Role
from renda.meetings.models import AgendaItem
from renda.oversight.actions import inquiries as actions
from renda.oversight.models import Inquiry, InquiryAnswerer, InquiryQuestion
from renda.oversight.tests.permission_calls_inquiries import answered, asked, prepared, session
from renda.rectification.models import RectificationItem
from renda.testing import make_meeting


def test_preparing_puts_the_inquiry_on_the_sessions_agenda(world_a):
    c = world_a.congress
    meeting = session(world_a)
    inquiry = prepared(world_a, meeting)
    item = AgendaItem.objects.in_congress(c).get(pk=inquiry.agenda_item_id)
    assert item.meeting_id == meeting.pk and item.title == f"专题询问：{inquiry.topic}"
    assert InquiryAnswerer.objects.in_congress(c).filter(inquiry=inquiry, name="赵强", post="局长").count() == 1
    assert inquiry.status == Inquiry.Status.PREPARING


def test_preparing_refuses_bad_input_naming_each_field(world_a):
    c = world_a.congress
    directors = make_meeting(world_a, kind="directors", members=3)
    with pytest.raises(ValidationError) as error:
        actions.prepare_inquiry(c, actor=world_a.office, topic=" ", meeting=directors,
                                answerers=[{"name": "", "post": "局长", "organisation": None}])
    found = error.value.message_dict
    assert "询问题目" in found["topic"][0]
    assert "常务委员会会议" in found["meeting"][0]
    assert any("第1位应询人的姓名" in m for m in found["answerers"])
    assert any("第1位应询人的所在单位" in m for m in found["answerers"])
    assert not Inquiry.objects.in_congress(c).exists()
    assert not AgendaItem.objects.in_congress(c).filter(title__startswith="专题询问").exists()


def test_a_member_registers_their_own_question_staff_for_a_named_asker(world_a):
    c = world_a.congress
    inquiry = prepared(world_a)
    mine = actions.register_inquiry_question(c, inquiry, actor=world_a.deputy, text="学校何时建成？")
    assert mine.asker_id == world_a.deputies[0].person.pk and mine.order == 1
    theirs = actions.register_inquiry_question(c, inquiry, actor=world_a.office, text="经费从哪里来？",
                                               asker=world_a.deputies[1].person)
    assert theirs.order == 2
    with pytest.raises(NotPermitted):
        actions.register_inquiry_question(c, inquiry, actor=world_a.deputy, text="代问", asker=world_a.deputies[1].person)


def test_the_asker_must_serve_in_this_congress(world_a, world_b):
    c = world_a.congress
    inquiry = prepared(world_a)
    with pytest.raises(ValidationError) as error:
        actions.register_inquiry_question(c, inquiry, actor=world_a.office, text="问题",
                                          asker=world_b.deputies[0].person)
    assert "不是本级人大代表或常委会组成人员" in error.value.message_dict["asker"][0]
    with pytest.raises(ValidationError) as error:  # an account of no person names no asker
        actions.register_inquiry_question(c, inquiry, actor=world_a.office, text="问题")
    assert "询问人" in error.value.message_dict["asker"][0]


def test_answering_holds_the_inquiry_and_rating_follows(world_a):
    c = world_a.congress
    question = asked(world_a)
    with pytest.raises(ValidationError) as error:  # not answered yet
        actions.rate_inquiry_answer(c, question, actor=world_a.deputy, satisfaction="satisfied")
    assert "尚未记录回答" in error.value.messages[0]
    question = answered(world_a, question)
    assert Inquiry.objects.in_congress(c).get(pk=question.inquiry_id).status == Inquiry.Status.HELD
    with pytest.raises(NotPermitted):  # another member may not rate it
        actions.rate_inquiry_answer(c, question, actor=world_a.users[Role.SC_MEMBER], satisfaction="satisfied")
    with pytest.raises(ValidationError) as error:
        actions.rate_inquiry_answer(c, question, actor=world_a.deputy, satisfaction="great")
    assert "满意、基本满意或不满意" in error.value.messages[0]
    actions.rate_inquiry_answer(c, question, actor=world_a.deputy, satisfaction="basic")
    inquiry = Inquiry.objects.in_congress(c).get(pk=question.inquiry_id)
    assert actions.satisfaction_counts(inquiry)["基本满意"] == 1
    with pytest.raises(ValidationError):  # questions are registered in advance, not after
        actions.register_inquiry_question(c, inquiry, actor=world_a.deputy, text="迟到的问题")


def test_the_answerer_must_be_one_of_this_inquirys(world_a):
    c = world_a.congress
    question = asked(world_a)
    other = prepared(world_a)
    stranger = InquiryAnswerer.objects.in_congress(c).get(inquiry=other)
    with pytest.raises(ValidationError) as error:
        actions.record_inquiry_answer(c, question, actor=world_a.office, answered_by=stranger, answer="回答")
    assert "不是本次专题询问的应询人" in error.value.message_dict["answered_by"][0]


def test_summary_and_conclusion(world_a):
    c = world_a.congress
    question = asked(world_a)
    inquiry = Inquiry.objects.in_congress(c).get(pk=question.inquiry_id)
    with pytest.raises(ValidationError) as error:
        actions.write_inquiry_summary(c, inquiry, actor=world_a.office, summary="综述")
    assert "尚未进行" in error.value.messages[0]
    answered(world_a, question)
    with pytest.raises(ValidationError) as error:
        actions.conclude_inquiry(c, inquiry, actor=world_a.office)
    assert "询问情况综述" in error.value.messages[0]
    actions.write_inquiry_summary(c, inquiry, actor=world_a.office, summary="常委会组成人员围绕……提出询问。")
    assert actions.conclude_inquiry(c, inquiry, actor=world_a.office).status == Inquiry.Status.CONCLUDED


def test_a_promise_goes_onto_the_rectification_list(world_a):
    c = world_a.congress
    question = answered(world_a)
    due = timezone.localdate() + datetime.timedelta(days=90)
    with pytest.raises(ValidationError) as error:
        actions.list_inquiry_follow_up(c, question, actor=world_a.office, entries=[{"problem": "校舍老化", "due_on": due,
                                                                                   "unit": world_a.unit.pk}])
    assert "责任人" in " ".join(error.value.messages)
    assert not RectificationItem.objects.in_congress(c).exists()
    items = actions.list_inquiry_follow_up(c, question, actor=world_a.office, entries=[
        {"problem": "校舍老化", "goal": "年内完成改造", "due_on": due, "unit": world_a.unit.pk, "owner": "赵强"}])
    item = RectificationItem.objects.in_congress(c).get(pk=items[0].pk)
    assert item.source == "inquiry" and item.inquiry_question_id == question.pk


def test_another_congress_inquiry_is_not_found(world_a, world_b):
    inquiry = prepared(world_a)
    with pytest.raises(NotFound):
        actions.register_inquiry_question(world_b.congress, inquiry, actor=world_b.office, text="问题",
                                          asker=world_b.deputies[0].person)
    assert not InquiryQuestion.objects.in_congress(world_a.congress).exists()
