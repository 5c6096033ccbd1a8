"""Input the forms must not misread: a broken question editor (its count of rows missing or wrong)
saves nothing; a one-value answer sent twice is refused, not read as its last value; every message
a person sees names its field in Chinese, never Django's nameless defaults; option numbers shown to
people count from 第1项."""

from unittest import mock

import pytest
from django.test import Client

from renda.core.errors import ValidationError
from renda.questionnaires import actions as qa
from renda.questionnaires import guard
from renda.questionnaires.forms import CodesForm, QuestionForm, QuestionnaireForm
from renda.questionnaires.models import Question, Response
from renda.questionnaires.tally import figure
from renda.questionnaires.tests.factory import make_questionnaire, question_ids
from renda.questionnaires.tests.test_pages import form_data, link, staff_url
from renda.questionnaires.views import BROKEN_EDITOR
from renda.testing import signed_in

DJANGO_DEFAULTS = ("这个字段是必填项", "确保该值", "选择一个有效的选项", "输入一个整数", "输入一个有效的", "This field")


@pytest.fixture(autouse=True)
def still_hour():
    with mock.patch.object(guard, "_hour", return_value=3000):
        yield


def texts(world) -> list[str]:
    return list(Question.objects.in_congress(world.congress).values_list("text", flat=True))


ROW = {"questions-0-text": "上学方式", "questions-0-kind": "single", "questions-0-required": "on",
       "questions-0-choices": "步行\n公交"}


class TestBrokenQuestionEditor:
    @pytest.mark.parametrize("total", [None, "abc", "", "-1", "101", "1e3", "99999999999999999999", "１"])
    @pytest.mark.parametrize("button", ["save", "add", "drop", "up"])
    def test_a_broken_count_of_rows_answers_422_and_saves_nothing(self, world_a, total, button):
        questionnaire = make_questionnaire(world_a, open_it=False)
        before = texts(world_a)
        data = {**ROW, "questions-INITIAL_FORMS": "0", button: "0" if button in ("drop", "up") else "1"}
        if total is not None:
            data["questions-TOTAL_FORMS"] = total
        page = signed_in(world_a.office).post(staff_url(world_a, questionnaire, "questions/"), data)
        assert page.status_code == 422
        html = page.content.decode()
        assert BROKEN_EDITOR in html and "已保存" not in html
        assert texts(world_a) == before and len(before) == 4
        assert 'value="您对社区养老服务满意吗？"' in html  # the editor shows what is saved, to start again

    def test_the_counts_at_the_ends_are_taken(self, world_a):
        questionnaire = make_questionnaire(world_a, open_it=False)
        client = signed_in(world_a.office)
        url = staff_url(world_a, questionnaire, "questions/")
        assert client.post(url, {**ROW, "questions-TOTAL_FORMS": "1", "save": "1"}).status_code == 302
        assert texts(world_a) == ["上学方式"]
        # 0 rows is what a page sends when every row was dropped: the questions are cleared.
        assert client.post(url, {"questions-TOTAL_FORMS": "0", "save": "1"}).status_code == 302
        assert texts(world_a) == []
        full = {"questions-TOTAL_FORMS": "100", **{f"questions-{i}-kind": "text" for i in range(100)},
                **{f"questions-{i}-text": f"第{i + 1}个问题" for i in range(100)}}
        assert client.post(url, {**full, "save": "1"}).status_code == 302
        assert len(texts(world_a)) == 100
        # The 101st row is not added (the next post would carry a count the editor refuses).
        more = client.post(url, {**full, "add": "1"})
        assert more.status_code == 422 and "一份问卷最多 100 题，不能再添加" in more.content.decode()
        assert 'name="questions-TOTAL_FORMS" value="100"' in more.content.decode()


class TestOneValueAnswers:
    def test_a_single_choice_given_two_options_is_refused_beside_it_with_the_answers_kept(self, world_a):
        questionnaire = make_questionnaire(world_a)
        a, _b, _c, _d = question_ids(questionnaire)
        page = Client().post(link(world_a, questionnaire), form_data(questionnaire, **{f"q{a}": ["0", "1"]}))
        assert page.status_code == 422
        html = page.content.decode()
        assert f'<div id="err-{a}"><ul class="errorlist" id="f_q{a}_error"><li>此题只能选一项</li>' in html
        assert 'value="4" id="f_q' in html and "很好</textarea>" in html and html.count(" checked>") >= 3
        assert Response.objects.in_congress(world_a.congress).count() == 0

    def test_a_scale_given_two_points_and_a_text_given_twice_are_refused(self, world_a):
        questionnaire = make_questionnaire(world_a)
        _a, _b, c, d = question_ids(questionnaire)
        page = Client().post(link(world_a, questionnaire), form_data(questionnaire, **{f"q{c}": ["2", "5"]}))
        assert page.status_code == 422
        assert f'<div id="err-{c}"><ul class="errorlist" id="f_q{c}_error"><li>此题只能选一个分值</li>' in page.content.decode()
        page = Client().post(link(world_a, questionnaire), form_data(questionnaire, **{f"q{d}": ["甲", "乙"]}))
        assert page.status_code == 422 and "此题只能填写一个回答" in page.content.decode()
        assert Response.objects.in_congress(world_a.congress).count() == 0

    def test_a_code_sent_twice_is_refused(self, world_a):
        questionnaire = make_questionnaire(world_a, access="codes")
        first, second = (c.code for c in qa.issue_answer_codes(world_a.congress, questionnaire, actor=world_a.office,
                                                               count=2))
        page = Client().post(link(world_a, questionnaire), {**form_data(questionnaire), "code": [first, second]})
        assert page.status_code == 422 and "只能填写一个答卷码" in page.content.decode()
        assert Response.objects.in_congress(world_a.congress).count() == 0

    def test_one_value_each_and_several_boxes_are_still_taken(self, world_a):
        questionnaire = make_questionnaire(world_a)
        assert Client().post(link(world_a, questionnaire), form_data(questionnaire)).status_code == 302


class TestNamedMessages:
    def test_the_question_editor_names_each_field(self, world_a):
        questionnaire = make_questionnaire(world_a, open_it=False)
        client = signed_in(world_a.office)
        page = client.post(staff_url(world_a, questionnaire, "questions/"), {
            "questions-TOTAL_FORMS": "3", "save": "1",
            "questions-0-text": "", "questions-0-kind": "",  # an empty row, its kind emptied too
            "questions-1-text": "题" * 301, "questions-1-kind": "ranking",
            "questions-2-text": "打分", "questions-2-kind": "scale", "questions-2-scale_min": "一",
            "questions-2-scale_max": "5.5", "questions-2-scale_low_label": "低" * 21})
        assert page.status_code == 422
        html = page.content.decode()
        for message in ("“题型”必须填写", "“题目”不能超过 300 个字，现有 301 个字", "“题型”的选项无效，请重新选择",
                        "“量表最小值”须为整数", "“量表最大值”须为整数", "“最小值含义”不能超过 20 个字，现有 21 个字"):
            assert message in html, message
        assert not any(default in html for default in DJANGO_DEFAULTS)
        assert len(texts(world_a)) == 4

    def test_every_form_field_names_itself(self):
        forms = [QuestionnaireForm({"title": "", "access": "x", "closes_at": "明天"}),
                 QuestionnaireForm({"title": "题" * 201, "intro": "说" * 2001}),
                 QuestionForm({"kind": "", "max_choices": "x"}),
                 CodesForm({"count": ""}), CodesForm({"count": "0", "batch": "批" * 61}), CodesForm({"count": "2001"}),
                 CodesForm({"count": "abc"})]
        messages = [m for f in forms for ms in f.errors.values() for m in ms]
        assert messages == [
            "“问卷标题”必须填写", "“答卷方式”的选项无效，请重新选择", "“截止时间”须为日期和时间，如 2024-01-05 09:00",
            "“问卷标题”不能超过 200 个字，现有 201 个字", "“说明”不能超过 2000 个字，现有 2001 个字", "“答卷方式”必须填写",
            "“题型”必须填写", "“最多选几项”须为整数",
            "“数量”必须填写", "“数量”不能小于 1", "“发放对象”不能超过 60 个字，现有 61 个字", "“数量”不能大于 2000",
            "“数量”须为整数"]

    def test_the_public_form_says_what_is_wrong_in_its_own_words(self, world_a):
        questionnaire = make_questionnaire(world_a, access="codes")
        a, b, c, _d = question_ids(questionnaire)
        page = Client().post(link(world_a, questionnaire), form_data(questionnaire, **{
            f"q{a}": "9", f"q{b}": ["0", "x"], f"q{c}": "6", "code": "Z" * 21}))
        assert page.status_code == 422
        html = page.content.decode()
        assert html.count("所选选项不在本题的选项中") == 2 and "请选择 1 至 5 之间的分值" in html
        assert "“答卷码”不能超过 20 个字，现有 21 个字" in html
        assert not any(default in html for default in DJANGO_DEFAULTS)


def test_a_figure_names_options_from_the_first(world_a):
    questionnaire = make_questionnaire(world_a)
    a = question_ids(questionnaire)[0]
    with pytest.raises(ValidationError) as caught:
        figure(questionnaire, a, 3, "count")
    assert caught.value.message_dict["choice"] == [
        "第1题没有所选的选项：本题的选项为第1项至第3项（选项序号从 0 起，即 0 至 2）"]
