"""Building a questionnaire: create, edit, set questions, open, close, issue codes — allowed, denied,
another congress's questionnaire, and every rule at its boundary."""

import datetime

import pytest
from django.utils import timezone

from renda.core.errors import IllegalTransition, NotFound, NotPermitted, ValidationError
from renda.core.models import AuditEntry
from renda.questionnaires import actions as qa
from renda.questionnaires.models import AnswerCode, Question, Questionnaire
from renda.questionnaires.tests.factory import QUESTIONS, make_questionnaire


def q(**extra):
    """One valid single-choice question, changed by ``extra``."""
    return {"text": "满意吗？", "kind": "single", "choices": ["是", "否"], **extra}


def refusal(world, questions):
    draft = make_questionnaire(world, questions=[], open_it=False)
    with pytest.raises(ValidationError) as caught:
        qa.set_questions(world.congress, draft, actor=world.office, questions=questions)
    return caught.value.message_dict


def accepts(world, questions):
    draft = make_questionnaire(world, questions=[], open_it=False)
    return qa.set_questions(world.congress, draft, actor=world.office, questions=questions)


class TestCreate:
    def test_it_creates_a_draft_with_an_audit_row(self, world_a):
        made = qa.create_questionnaire(world_a.congress, actor=world_a.office, title="  调研问卷 ", intro="说明",
                                       access="codes")
        assert (made.title, made.status, made.access, made.created_by) == ("调研问卷", "draft", "codes", world_a.office)
        assert len(made.link_code) >= 16
        assert AuditEntry.objects.in_congress(world_a.congress).filter(action="build_questionnaire",
                                                                       object_id=str(made.pk)).exists()

    def test_it_refuses_a_deputy(self, world_a):
        with pytest.raises(NotPermitted):
            qa.create_questionnaire(world_a.congress, actor=world_a.deputy, title="问卷")
        assert not Questionnaire.objects.in_congress(world_a.congress).exists()

    def test_it_refuses_staff_of_another_congress(self, world_a, world_b):
        with pytest.raises(NotPermitted):
            qa.create_questionnaire(world_b.congress, actor=world_a.office, title="问卷")

    def test_it_names_the_title_and_its_length(self, world_a):
        with pytest.raises(ValidationError) as caught:
            qa.create_questionnaire(world_a.congress, actor=world_a.office, title=" ")
        assert caught.value.message_dict["title"] == ["“问卷标题”必须填写"]
        qa.create_questionnaire(world_a.congress, actor=world_a.office, title="题" * 200)
        with pytest.raises(ValidationError) as caught:
            qa.create_questionnaire(world_a.congress, actor=world_a.office, title="题" * 201)
        assert "不能超过 200 个字" in caught.value.message_dict["title"][0]

    def test_it_refuses_an_unknown_access_and_a_closing_time_outside_the_window(self, world_a):
        with pytest.raises(ValidationError) as caught:
            qa.create_questionnaire(world_a.congress, actor=world_a.office, title="问卷", access="email",
                                    closes_at=datetime.datetime(2100, 1, 1, tzinfo=datetime.UTC))
        assert set(caught.value.message_dict) == {"access", "closes_at"}

    def test_a_closing_time_set_on_an_edit_must_be_later_than_now(self, world_a):
        draft = make_questionnaire(world_a, open_it=False)
        with pytest.raises(ValidationError) as caught:
            qa.edit_questionnaire(world_a.congress, draft, actor=world_a.office, title=draft.title,
                                  closes_at=timezone.now() - datetime.timedelta(minutes=1))
        assert caught.value.message_dict["closes_at"] == ["“截止时间”须晚于现在"]

    def test_edit_changes_a_draft_and_only_the_closing_time_once_open(self, world_a):
        c, office = world_a.congress, world_a.office
        draft = make_questionnaire(world_a, open_it=False)
        qa.edit_questionnaire(c, draft, actor=office, title="新标题", intro="", access="codes")
        assert (draft.title, draft.access) == ("新标题", "codes")
        opened = make_questionnaire(world_a)
        later = timezone.now() + datetime.timedelta(days=3)
        qa.edit_questionnaire(c, opened, actor=office, title=opened.title, intro=opened.intro, access="link",
                              closes_at=later)
        assert opened.closes_at == later
        with pytest.raises(ValidationError) as caught:
            qa.edit_questionnaire(c, opened, actor=office, title="改标题", intro=opened.intro, access="codes")
        assert set(caught.value.message_dict) == {"title", "access"}


class TestSetQuestions:
    def test_it_replaces_the_questions_in_order(self, world_a):
        draft = make_questionnaire(world_a, open_it=False)
        qa.set_questions(world_a.congress, draft, actor=world_a.office, questions=[q(text="第一"), q(text="第二")])
        rows = Question.objects.in_congress(world_a.congress).filter(questionnaire=draft)
        assert [(x.order, x.text, x.choices) for x in rows] == [(1, "第一", ["是", "否"]), (2, "第二", ["是", "否"])]

    def test_it_stores_each_kind_with_only_its_own_settings(self, world_a):
        made = accepts(world_a, QUESTIONS + [q(kind="text", choices=["留下"], max_choices=3)])
        single, multiple, scale, text, text2 = made
        assert multiple.max_choices == 2 and single.max_choices is None
        assert (scale.scale_min, scale.scale_max, scale.scale_low_label, scale.choices) == (1, 5, "很差", [])
        assert text2.choices == [] and text2.max_choices is None
        assert text.required is False

    def test_it_refuses_a_deputy_and_another_congress_questionnaire(self, world_a, world_b):
        draft = make_questionnaire(world_a, open_it=False)
        with pytest.raises(NotPermitted):
            qa.set_questions(world_a.congress, draft, actor=world_a.deputy, questions=[q()])
        other = make_questionnaire(world_b, open_it=False)
        with pytest.raises(NotFound):
            qa.set_questions(world_a.congress, other, actor=world_a.office, questions=[q()])

    def test_it_refuses_once_open(self, world_a):
        opened = make_questionnaire(world_a)
        with pytest.raises(ValidationError) as caught:
            qa.set_questions(world_a.congress, opened, actor=world_a.office, questions=[q()])
        assert "只能在草稿时进行" in caught.value.message_dict["status"][0]

    def test_a_choice_question_needs_two_options(self, world_a):
        errors = refusal(world_a, [q(), q(choices=["唯一"])])
        assert errors == {"questions.1.choices": ["第2题：单选题至少要有两个选项"]}
        assert refusal(world_a, [q(kind="multiple", choices=[])]) == {
            "questions.0.choices": ["第1题：多选题至少要有两个选项"]}
        accepts(world_a, [q(choices=["甲", "乙"])])

    def test_options_are_at_most_thirty(self, world_a):
        accepts(world_a, [q(choices=[f"选项{i}" for i in range(30)])])
        errors = refusal(world_a, [q(choices=[f"选项{i}" for i in range(31)])])
        assert errors["questions.0.choices"] == ["第1题：单选题最多 30 个选项，现有 31 个"]

    def test_it_refuses_duplicate_blank_and_long_options(self, world_a):
        errors = refusal(world_a, [q(choices=["是", " 是 ", "", "长" * 101])])
        assert errors["questions.0.choices"] == ["第1题：选项“是”重复", "第1题：第3项选项不能为空",
                                                 "第1题：第4项选项不能超过 100 个字，现有 101 个字"]
        accepts(world_a, [q(choices=["是", "长" * 100])])

    def test_max_choices_lies_between_one_and_the_options(self, world_a):
        accepts(world_a, [q(kind="multiple", choices=["甲", "乙", "丙"], max_choices=3)])
        accepts(world_a, [q(kind="multiple", choices=["甲", "乙", "丙"], max_choices=1)])
        for wrong in (0, 4, "两"):
            errors = refusal(world_a, [q(kind="multiple", choices=["甲", "乙", "丙"], max_choices=wrong)])
            assert errors["questions.0.max_choices"] == [f"第1题：“最多选几项”须为 1 至 3 的整数，收到：{wrong}"]

    def test_a_scale_has_two_to_eleven_points(self, world_a):
        accepts(world_a, [q(kind="scale", scale_min=1, scale_max=2)])
        accepts(world_a, [q(kind="scale", scale_min=0, scale_max=10)])
        errors = refusal(world_a, [q(kind="scale", scale_min=0, scale_max=11)])
        assert errors["questions.0.scale_max"][0].startswith("第1题：量表须有 2 至 11 个分值")
        errors = refusal(world_a, [q(kind="scale", scale_min=3, scale_max=3)])
        assert "现为 3 至 3" in errors["questions.0.scale_max"][0]
        errors = refusal(world_a, [q(kind="scale", scale_min=5, scale_max=1)])
        assert "questions.0.scale_max" in errors

    def test_scale_ends_and_labels_are_bounded(self, world_a):
        accepts(world_a, [q(kind="scale", scale_min=-100, scale_max=-91, scale_low_label="低" * 20)])
        errors = refusal(world_a, [q(kind="scale", scale_min=-101, scale_max=-95, scale_high_label="高" * 21)])
        assert errors["questions.0.scale_min"] == ["第1题：“量表最小值”须为 -100 至 100 的整数，收到：-101"]
        assert errors["questions.0.scale_high_label"] == ["第1题：“最大值含义”不能超过 20 个字，现有 21 个字"]

    def test_text_and_kind_are_named(self, world_a):
        errors = refusal(world_a, [q(text=""), q(kind="ranking"), q(text="题" * 301)])
        assert errors["questions.0.text"] == ["第1题：“题目”必须填写"]
        assert errors["questions.1.kind"] == ["第2题：“题型”须为以下之一：单选、多选、量表、填空"]
        assert errors["questions.2.text"] == ["第3题：“题目”不能超过 300 个字，现有 301 个字"]
        accepts(world_a, [q(text="题" * 300)])

    def test_a_questionnaire_has_at_most_a_hundred_questions(self, world_a):
        accepts(world_a, [q() for _ in range(100)])
        errors = refusal(world_a, [q() for _ in range(101)])
        assert errors == {"questions": ["一份问卷最多 100 题，现有 101 题"]}

    def test_a_refused_set_keeps_the_questions_it_had(self, world_a):
        draft = make_questionnaire(world_a, open_it=False)
        with pytest.raises(ValidationError):
            qa.set_questions(world_a.congress, draft, actor=world_a.office, questions=[q(choices=["一"])])
        assert Question.objects.in_congress(world_a.congress).filter(questionnaire=draft).count() == len(QUESTIONS)


class TestOpenClose:
    def test_it_opens_and_closes_with_their_times(self, world_a):
        draft = make_questionnaire(world_a, open_it=False)
        qa.open_questionnaire(world_a.congress, draft, actor=world_a.office)
        assert draft.status == "open" and draft.opened_at is not None
        qa.close_questionnaire(world_a.congress, draft, actor=world_a.office)
        assert draft.status == "closed" and draft.closed_at is not None
        assert AuditEntry.objects.in_congress(world_a.congress).filter(action="close_questionnaire").count() == 1

    def test_it_refuses_to_open_without_questions(self, world_a):
        draft = make_questionnaire(world_a, questions=[], open_it=False)
        with pytest.raises(ValidationError) as caught:
            qa.open_questionnaire(world_a.congress, draft, actor=world_a.office)
        assert caught.value.message_dict == {"questions": ["问卷还没有题目，请先添加题目再发布"]}
        draft.refresh_from_db()
        assert draft.status == "draft"

    def test_it_refuses_to_open_after_the_closing_time(self, world_a):
        draft = make_questionnaire(world_a, open_it=False, closes_at=timezone.now() - datetime.timedelta(seconds=1))
        with pytest.raises(ValidationError) as caught:
            qa.open_questionnaire(world_a.congress, draft, actor=world_a.office)
        assert "closes_at" in caught.value.message_dict

    def test_it_refuses_steps_out_of_order(self, world_a):
        draft = make_questionnaire(world_a, open_it=False)
        with pytest.raises(IllegalTransition):
            qa.close_questionnaire(world_a.congress, draft, actor=world_a.office)
        opened = make_questionnaire(world_a)
        qa.close_questionnaire(world_a.congress, opened, actor=world_a.office)
        with pytest.raises(IllegalTransition):
            qa.open_questionnaire(world_a.congress, opened, actor=world_a.office)

    def test_it_refuses_a_member_and_another_congress(self, world_a, world_b):
        draft = make_questionnaire(world_a, open_it=False)
        with pytest.raises(NotPermitted):
            qa.open_questionnaire(world_a.congress, draft, actor=world_a.deputy)
        with pytest.raises(NotFound):
            qa.open_questionnaire(world_b.congress, draft, actor=world_b.office)
        with pytest.raises(NotFound):
            qa.close_questionnaire(world_b.congress, make_questionnaire(world_a), actor=world_b.office)


class TestCodes:
    def test_it_issues_single_use_codes_from_the_plain_alphabet(self, world_a):
        draft = make_questionnaire(world_a, access="codes", open_it=False)
        made = qa.issue_answer_codes(world_a.congress, draft, actor=world_a.office, count=50, batch="东湖街道")
        assert len({c.code for c in made}) == 50
        assert all(len(c.code) == 8 and set(c.code) <= set(qa.CODE_ALPHABET) for c in made)
        assert not set("01OIL") & set(qa.CODE_ALPHABET)
        assert {c.batch for c in made} == {"东湖街道"}

    def test_count_lies_between_one_and_two_thousand(self, world_a):
        draft = make_questionnaire(world_a, access="codes", open_it=False)
        assert len(qa.issue_answer_codes(world_a.congress, draft, actor=world_a.office, count=1)) == 1
        assert len(qa.issue_answer_codes(world_a.congress, draft, actor=world_a.office, count=2000)) == 2000
        for wrong in (0, 2001):
            with pytest.raises(ValidationError) as caught:
                qa.issue_answer_codes(world_a.congress, draft, actor=world_a.office, count=wrong)
            assert caught.value.message_dict["count"] == [f"“数量”须为 1 至 2000 的整数，收到：{wrong}"]
        assert AnswerCode.objects.in_congress(world_a.congress).count() == 2001

    def test_it_refuses_a_link_questionnaire_a_closed_one_and_a_long_batch(self, world_a):
        with pytest.raises(ValidationError) as caught:
            qa.issue_answer_codes(world_a.congress, make_questionnaire(world_a), actor=world_a.office, count=1)
        assert "access" in caught.value.message_dict
        coded = make_questionnaire(world_a, access="codes")
        with pytest.raises(ValidationError):
            qa.issue_answer_codes(world_a.congress, coded, actor=world_a.office, count=1, batch="长" * 61)
        qa.close_questionnaire(world_a.congress, coded, actor=world_a.office)
        with pytest.raises(ValidationError):
            qa.issue_answer_codes(world_a.congress, coded, actor=world_a.office, count=1)

    def test_it_refuses_a_deputy_and_another_congress(self, world_a, world_b):
        coded = make_questionnaire(world_a, access="codes")
        with pytest.raises(NotPermitted):
            qa.issue_answer_codes(world_a.congress, coded, actor=world_a.deputy, count=1)
        with pytest.raises(NotFound):
            qa.issue_answer_codes(world_b.congress, coded, actor=world_b.office, count=1)
