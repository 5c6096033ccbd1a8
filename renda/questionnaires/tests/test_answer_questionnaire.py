"""Answering a questionnaire (the action): once per browser or code, only while open, every answer
checked against its question, nothing half-written."""

import datetime

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from renda.core.errors import NotFound, ValidationError
from renda.core.models import AuditEntry
from renda.questionnaires import actions as qa
from renda.questionnaires.models import Answer, AnswerCode, Questionnaire, Response
from renda.questionnaires.tests.factory import full_answers, make_questionnaire, question_ids

PUBLIC = AnonymousUser()
TOKEN = "browser-token-0123456789abcdef"


def answer(world, questionnaire, answers, token=TOKEN, code=None):
    return qa.answer_questionnaire(world.congress, questionnaire, actor=PUBLIC, respondent_token=token,
                                   answers=answers, code=code)


def refused(world, questionnaire, answers, **kw) -> dict:
    before = Response.objects.in_congress(world.congress).count(), Answer.objects.in_congress(world.congress).count()
    with pytest.raises(ValidationError) as caught:
        answer(world, questionnaire, answers, **kw)
    after = Response.objects.in_congress(world.congress).count(), Answer.objects.in_congress(world.congress).count()
    assert after == before  # nothing written
    return caught.value.message_dict


def test_it_writes_the_response_and_its_answers_with_an_audit_row_naming_nobody(world_a):
    questionnaire = make_questionnaire(world_a)
    response = answer(world_a, questionnaire, full_answers(questionnaire, single=2, multiple=(3, 1), scale=5, text=" 好 "))
    stored = {a.question_id: (a.choices, a.scale, a.text)
              for a in Answer.objects.in_congress(world_a.congress).filter(response=response)}
    a, b, c, d = question_ids(questionnaire)
    assert stored == {a: ([2], None, ""), b: ([1, 3], None, ""), c: ([], 5, ""), d: ([], None, "好")}
    assert response.respondent == qa.respondent_digest(questionnaire, token=TOKEN) != TOKEN
    assert len(response.respondent) == 64
    row = AuditEntry.objects.in_congress(world_a.congress).get(action="answer_questionnaire")
    assert row.actor is None and row.actor_name == "系统"


def test_a_signed_in_respondent_is_not_named_in_the_audit_row(world_a):
    questionnaire = make_questionnaire(world_a)
    qa.answer_questionnaire(world_a.congress, questionnaire, actor=world_a.deputy, respondent_token=TOKEN,
                            answers=full_answers(questionnaire))
    assert AuditEntry.objects.in_congress(world_a.congress).get(action="answer_questionnaire").actor is None


def test_the_same_browser_answers_once(world_a):
    questionnaire = make_questionnaire(world_a)
    answer(world_a, questionnaire, full_answers(questionnaire))
    assert refused(world_a, questionnaire, full_answers(questionnaire)) == {"status": ["您已经填写过本问卷"]}
    answer(world_a, questionnaire, full_answers(questionnaire), token="another-browser-token-0123456")
    assert Response.objects.in_congress(world_a.congress).count() == 2


def test_one_browser_may_answer_two_questionnaires(world_a):
    first, second = make_questionnaire(world_a), make_questionnaire(world_a)
    answer(world_a, first, full_answers(first))
    answer(world_a, second, full_answers(second))


def test_it_refuses_a_draft_a_closed_one_and_one_past_its_closing_time(world_a):
    draft = make_questionnaire(world_a, open_it=False)
    assert refused(world_a, draft, full_answers(draft)) == {"status": ["问卷尚未发布"]}
    closed = make_questionnaire(world_a)
    qa.close_questionnaire(world_a.congress, closed, actor=world_a.office)
    assert refused(world_a, closed, full_answers(closed)) == {"status": ["问卷已结束"]}
    timed = make_questionnaire(world_a, closes_at=timezone.now() + datetime.timedelta(hours=1))
    answer(world_a, timed, full_answers(timed), token="before-the-closing-time-000")
    Questionnaire.objects.in_congress(world_a.congress).filter(pk=timed.pk).update(closes_at=timezone.now())
    timed.refresh_from_db()
    assert refused(world_a, timed, full_answers(timed)) == {"status": ["问卷已结束"]}


def test_it_refuses_without_a_browser_token(world_a):
    questionnaire = make_questionnaire(world_a)
    assert "status" in refused(world_a, questionnaire, full_answers(questionnaire), token="")


def test_another_congress_questionnaire_is_not_found(world_a, world_b):
    questionnaire = make_questionnaire(world_b)
    with pytest.raises(NotFound):
        answer(world_a, questionnaire, full_answers(questionnaire))


class TestEachAnswer:
    def test_required_questions_must_be_answered_and_optional_ones_may_be_left(self, world_a):
        questionnaire = make_questionnaire(world_a)
        a, b, c, d = question_ids(questionnaire)
        errors = refused(world_a, questionnaire, {a: None, b: [], c: "", d: ""})
        assert errors == {f"q{a}": ["此题必须回答"], f"q{b}": ["此题必须回答"], f"q{c}": ["此题必须回答"]}
        answer(world_a, questionnaire, {a: 0, b: [0], c: 1})
        assert Answer.objects.in_congress(world_a.congress).count() == 3  # the blank text is not stored

    def test_a_choice_is_one_of_the_options(self, world_a):
        questionnaire = make_questionnaire(world_a)
        a, b, _c, _d = question_ids(questionnaire)
        for wrong in (3, -1, "甲", True):
            assert refused(world_a, questionnaire, full_answers(questionnaire, single=wrong)) == {
                f"q{a}": ["所选选项不在本题的选项中"]}
        assert refused(world_a, questionnaire, full_answers(questionnaire, single=[0, 1])) == {
            f"q{a}": ["此题只能选一项"]}
        assert refused(world_a, questionnaire, full_answers(questionnaire, multiple=(0, 4))) == {
            f"q{b}": ["所选选项不在本题的选项中"]}
        answer(world_a, questionnaire, full_answers(questionnaire, single="2", multiple=("3",)))

    def test_multiple_choice_respects_its_maximum(self, world_a):
        questionnaire = make_questionnaire(world_a)
        _a, b, _c, _d = question_ids(questionnaire)
        assert refused(world_a, questionnaire, full_answers(questionnaire, multiple=(0, 1, 2))) == {
            f"q{b}": ["此题最多选 2 项，现选了 3 项"]}
        answer(world_a, questionnaire, full_answers(questionnaire, multiple=(0, 1, 1)))  # a repeat counts once
        stored = Answer.objects.in_congress(world_a.congress).get(question_id=b)
        assert stored.choices == [0, 1]

    def test_a_scale_value_lies_within_its_ends(self, world_a):
        questionnaire = make_questionnaire(world_a)
        _a, _b, c, _d = question_ids(questionnaire)
        for wrong in (0, 6, "五", 2.5):
            assert refused(world_a, questionnaire, full_answers(questionnaire, scale=wrong)) == {
                f"q{c}": ["请选择 1 至 5 之间的分值"]}
        answer(world_a, questionnaire, full_answers(questionnaire, scale=1), token="scale-low-0123456789abc")
        answer(world_a, questionnaire, full_answers(questionnaire, scale=5), token="scale-high-0123456789ab")

    def test_a_text_answer_is_at_most_two_thousand_characters_without_control_characters(self, world_a):
        questionnaire = make_questionnaire(world_a)
        *_, d = question_ids(questionnaire)
        assert refused(world_a, questionnaire, full_answers(questionnaire, text="字" * 2001)) == {
            f"q{d}": ["回答不能超过 2000 个字，现有 2001 个字"]}
        assert refused(world_a, questionnaire, full_answers(questionnaire, text="好\u202e坏")) == {
            f"q{d}": ["回答不能包含改变文字方向的控制字符"]}
        answer(world_a, questionnaire, full_answers(questionnaire, text="字" * 2000 + "\r\n"))

    def test_answers_to_questions_of_another_questionnaire_are_ignored(self, world_a):
        questionnaire, other = make_questionnaire(world_a), make_questionnaire(world_a)
        response = answer(world_a, questionnaire, {**full_answers(questionnaire), question_ids(other)[0]: 1})
        assert Answer.objects.in_congress(world_a.congress).filter(response=response).count() == 4


class TestCodes:
    def make(self, world, count=2):
        questionnaire = make_questionnaire(world, access="codes")
        codes = qa.issue_answer_codes(world.congress, questionnaire, actor=world.office, count=count, batch="甲组")
        return questionnaire, [c.code for c in codes]

    def test_a_code_answers_once_and_is_marked_used(self, world_a):
        questionnaire, (code, other) = self.make(world_a)
        typed = f"{code[:4].lower()}-{code[4:]}"  # as a person might type it
        response = answer(world_a, questionnaire, full_answers(questionnaire), token="", code=typed)
        assert response.respondent == qa.respondent_digest(questionnaire, code=code)
        assert AnswerCode.objects.in_congress(world_a.congress).get(code=code).used_at is not None
        assert refused(world_a, questionnaire, full_answers(questionnaire), token="x" * 30, code=code) == {
            "code": ["该答卷码已经使用过"]}
        answer(world_a, questionnaire, full_answers(questionnaire), token="", code=other)

    def test_an_unknown_or_missing_code_is_refused(self, world_a, world_b):
        questionnaire, _codes = self.make(world_a)
        assert refused(world_a, questionnaire, full_answers(questionnaire), code="ABCDEFGH") == {
            "code": ["答卷码不正确，请核对后重新输入"]}
        assert refused(world_a, questionnaire, full_answers(questionnaire), code="") == {"code": ["请输入答卷码"]}
        # A code of another questionnaire (here: of another congress) is unknown here.
        _other, (foreign, *_rest) = self.make(world_b)
        assert "code" in refused(world_a, questionnaire, full_answers(questionnaire), code=foreign)

    def test_a_refused_answer_leaves_the_code_unused(self, world_a):
        questionnaire, (code, _other) = self.make(world_a)
        refused(world_a, questionnaire, full_answers(questionnaire, scale=9), code=code)
        assert AnswerCode.objects.in_congress(world_a.congress).get(code=code).used_at is None
