"""The pages: the public answer form behind the QR code (cookie, limit, states) and the staff's
builder, codes, results and export."""

import io
from unittest import mock

import pytest
from django.test import Client
from openpyxl import load_workbook

from renda.core import actions as core_actions
from renda.questionnaires import actions as qa
from renda.questionnaires import guard
from renda.questionnaires.models import Answer, AnswerCode, Question, Questionnaire, Response
from renda.questionnaires.tests.factory import make_questionnaire, question_ids
from renda.testing import signed_in


def link(world, questionnaire) -> str:
    return f"/c/{world.congress.code}/q/{questionnaire.link_code}/"


def staff_url(world, questionnaire, tail="") -> str:
    return f"/c/{world.congress.code}/questionnaires/{questionnaire.pk}/{tail}"


def form_data(questionnaire, **kw) -> dict:
    a, b, c, d = question_ids(questionnaire)
    data = {f"q{a}": "0", f"q{b}": ["1", "2"], f"q{c}": "4", f"q{d}": "很好"}
    data.update(kw)
    return data


def responses(world) -> int:
    return Response.objects.in_congress(world.congress).count()


@pytest.fixture(autouse=True)
def still_hour():
    with mock.patch.object(guard, "_hour", return_value=1000):
        yield


class TestPublicForm:
    def test_it_shows_the_form_to_anyone_and_sets_a_private_cookie(self, world_a):
        questionnaire = make_questionnaire(world_a)
        page = Client().get(link(world_a, questionnaire))
        assert page.status_code == 200
        html = page.content.decode()
        assert "社区养老服务问卷" in html and "<fieldset" in html and "<legend>1. 您对社区养老服务满意吗？" in html
        assert 'type="radio"' in html and 'type="checkbox"' in html and "<textarea" in html
        cookie = page.cookies[f"renda_q{questionnaire.pk}"]
        assert cookie["httponly"] and cookie["samesite"] == "Lax" and int(cookie["max-age"]) > 300 * 86400
        assert cookie["path"] == link(world_a, questionnaire)

    def test_an_answer_is_thanked_and_the_same_browser_cannot_answer_again(self, world_a):
        questionnaire = make_questionnaire(world_a)
        client = Client(enforce_csrf_checks=True)
        page = client.get(link(world_a, questionnaire))
        token = page.cookies["csrftoken"].value if "csrftoken" in page.cookies else client.cookies["csrftoken"].value
        done = client.post(link(world_a, questionnaire), {**form_data(questionnaire), "csrfmiddlewaretoken": token})
        assert done.status_code == 302 and done["Location"].endswith("/thanks/")
        assert "感谢您的参与" in client.get(done["Location"]).content.decode()
        assert responses(world_a) == 1
        # The cookie is kept: the second answer from this browser is refused, nothing more written.
        again = client.post(link(world_a, questionnaire), {**form_data(questionnaire), "csrfmiddlewaretoken": token})
        assert again.status_code == 409 and "您已经填写过本问卷" in again.content.decode()
        assert responses(world_a) == 1
        assert "您已经填写过本问卷" in client.get(link(world_a, questionnaire)).content.decode()
        # Another phone may.
        assert Client().post(link(world_a, questionnaire), form_data(questionnaire)).status_code == 302
        assert responses(world_a) == 2

    def test_csrf_stays_on(self, world_a):
        questionnaire = make_questionnaire(world_a)
        client = Client(enforce_csrf_checks=True)
        client.get(link(world_a, questionnaire))
        assert client.post(link(world_a, questionnaire), form_data(questionnaire)).status_code == 403
        assert responses(world_a) == 0

    def test_errors_come_back_beside_their_question_with_every_answer_kept(self, world_a):
        questionnaire = make_questionnaire(world_a)
        a, b, c, d = question_ids(questionnaire)
        page = Client().post(link(world_a, questionnaire), form_data(questionnaire, **{f"q{a}": "", f"q{b}": ["0", "1", "2"]}))
        assert page.status_code == 422
        html = page.content.decode()
        assert f'<div id="err-{a}"><ul class="errorlist" id="f_q{a}_error"><li>此题必须回答</li>' in html
        assert "此题最多选 2 项，现选了 3 项" in html
        assert 'value="4" id="f_q' in html and html.count(" checked>") == 4  # 3 boxes and the scale's 4
        assert "很好</textarea>" in html
        assert responses(world_a) == 0

    def test_a_closed_questionnaire_says_so_and_a_draft_or_unknown_link_is_not_found(self, world_a, world_b):
        closed = make_questionnaire(world_a)
        qa.close_questionnaire(world_a.congress, closed, actor=world_a.office)
        page = Client().get(link(world_a, closed))
        assert page.status_code == 200 and "问卷已结束" in page.content.decode() and 'class="qn-form"' not in page.content.decode()
        assert Client().post(link(world_a, closed), form_data(closed)).status_code == 200
        assert responses(world_a) == 0
        assert Client().get(link(world_a, make_questionnaire(world_a, open_it=False))).status_code == 404
        assert Client().get(f"/c/{world_a.congress.code}/q/nosuchlink/").status_code == 404
        # Another congress's link under this congress's address is unknown.
        assert Client().get(f"/c/{world_a.congress.code}/q/{make_questionnaire(world_b).link_code}/").status_code == 404

    def test_codes_mode_takes_the_code_from_the_address_and_refuses_a_used_one(self, world_a):
        questionnaire = make_questionnaire(world_a, access="codes")
        code = qa.issue_answer_codes(world_a.congress, questionnaire, actor=world_a.office, count=1)[0].code
        page = Client().get(link(world_a, questionnaire) + f"?code={code}")
        assert f'value="{code}"' in page.content.decode()
        assert f"renda_q{questionnaire.pk}" not in page.cookies
        wrong = Client().post(link(world_a, questionnaire), {**form_data(questionnaire), "code": "ZZZZZZZZ"})
        assert wrong.status_code == 422 and "答卷码不正确" in wrong.content.decode()
        assert Client().post(link(world_a, questionnaire), {**form_data(questionnaire), "code": code}).status_code == 302
        used = Client().post(link(world_a, questionnaire), {**form_data(questionnaire), "code": code})
        assert "该答卷码已经使用过" in used.content.decode()
        assert responses(world_a) == 1


DEFAULT_LIMIT = 30  # rule questionnaire.answers_per_address_hour


def checked(html: str) -> int:
    return html.count(" checked>")


class TestLimit:
    def test_the_thirtieth_answer_from_an_address_is_taken_and_the_thirty_first_refused(self, world_a):
        questionnaire = make_questionnaire(world_a)
        for _ in range(DEFAULT_LIMIT):
            assert Client().post(link(world_a, questionnaire), form_data(questionnaire)).status_code == 302
        assert responses(world_a) == 30
        page = Client().post(link(world_a, questionnaire), form_data(questionnaire))
        assert page.status_code == 429
        assert responses(world_a) == 30 and Answer.objects.in_congress(world_a.congress).count() == 120
        # The respondent's answers come back, the limit said above the form.
        html = page.content.decode()
        assert html.index(guard.REFUSAL) < html.index('class="qn-form"') < html.index("提交</button>")
        assert "您填写的内容都还在下方" in html
        assert checked(html) == 4 and "很好</textarea>" in html  # 满意, two boxes, the scale's 4; the text
        # A page opened at the limit still shows the form, with the message.
        opened = Client().get(link(world_a, questionnaire))
        html = opened.content.decode()
        assert opened.status_code == 429 and guard.REFUSAL in html and 'class="qn-form"' in html
        assert "您填写的内容" not in html
        # Another address is not held back.
        assert Client(REMOTE_ADDR="10.0.0.9").post(link(world_a, questionnaire), form_data(questionnaire)).status_code == 302

    def test_forms_sent_back_with_errors_do_not_use_up_the_limit(self, world_a):
        questionnaire = make_questionnaire(world_a)
        a, b, c, _d = question_ids(questionnaire)
        wrong = [{f"q{a}": ""},  # a required question left blank: the action's rule
                 {f"q{a}": "7"},  # an option the question has not: the form's
                 {f"q{c}": ["3", "4"]},  # two points on a scale
                 {f"q{b}": ["0", "1", "2"]}]  # more boxes than allowed
        for n in range(DEFAULT_LIMIT + 5):
            assert Client().post(link(world_a, questionnaire),
                                 form_data(questionnaire, **wrong[n % len(wrong)])).status_code == 422
        assert responses(world_a) == 0
        assert Client().get(link(world_a, questionnaire)).status_code == 200
        for _ in range(DEFAULT_LIMIT):
            assert Client().post(link(world_a, questionnaire), form_data(questionnaire)).status_code == 302
        assert Client().post(link(world_a, questionnaire), form_data(questionnaire)).status_code == 429
        assert responses(world_a) == DEFAULT_LIMIT

    def test_wrong_codes_count_against_the_limit(self, world_a):
        questionnaire = make_questionnaire(world_a, access="codes")
        code = qa.issue_answer_codes(world_a.congress, questionnaire, actor=world_a.office, count=1)[0].code
        for _ in range(DEFAULT_LIMIT):
            page = Client().post(link(world_a, questionnaire), {**form_data(questionnaire), "code": "ZZZZZZZZ"})
            assert page.status_code == 422
        refused = Client().post(link(world_a, questionnaire), {**form_data(questionnaire), "code": code})
        assert refused.status_code == 429 and f'value="{code}"' in refused.content.decode()
        assert responses(world_a) == 0

    def test_each_questionnaire_has_its_own_count(self, world_a):
        first, second = make_questionnaire(world_a), make_questionnaire(world_a, title="第二份问卷")
        for _ in range(DEFAULT_LIMIT):
            assert Client().post(link(world_a, first), form_data(first)).status_code == 302
        assert Client().post(link(world_a, first), form_data(first)).status_code == 429
        assert Client().get(link(world_a, second)).status_code == 200
        assert Client().post(link(world_a, second), form_data(second)).status_code == 302
        assert Response.objects.in_congress(world_a.congress).filter(questionnaire=second).count() == 1

    def test_a_congress_raises_the_limit_for_a_hall_on_one_wifi(self, world_a):
        core_actions.change_rule(world_a.congress, actor=world_a.admin, key=guard.LIMIT_RULE, value=31)
        questionnaire = make_questionnaire(world_a)
        for _ in range(31):
            assert Client().post(link(world_a, questionnaire), form_data(questionnaire)).status_code == 302
        assert Client().post(link(world_a, questionnaire), form_data(questionnaire)).status_code == 429
        assert responses(world_a) == 31

    def test_the_count_starts_again_the_next_hour(self, world_a):
        questionnaire = make_questionnaire(world_a)
        for _ in range(DEFAULT_LIMIT):
            Client().post(link(world_a, questionnaire), form_data(questionnaire))
        assert Client().post(link(world_a, questionnaire), form_data(questionnaire)).status_code == 429
        with mock.patch.object(guard, "_hour", return_value=1001):
            assert Client().post(link(world_a, questionnaire), form_data(questionnaire)).status_code == 302


class TestStaffPages:
    def test_the_list_new_and_builder_pages(self, world_a):
        client = signed_in(world_a.office)
        base = f"/c/{world_a.congress.code}/questionnaires/"
        assert "还没有问卷" in client.get(base).content.decode()
        bad = client.post(base + "new/", {"title": "", "access": "link"})
        assert bad.status_code == 422 and "errorlist" in bad.content.decode()
        made = client.post(base + "new/", {"title": "学校周边交通问卷", "intro": "", "access": "link"})
        questionnaire = Questionnaire.objects.in_congress(world_a.congress).get()
        assert made["Location"] == staff_url(world_a, questionnaire)
        page = client.get(made["Location"])
        assert "questions-TOTAL_FORMS" in page.content.decode()

    def rows(self, *rows) -> dict:
        data = {"questions-TOTAL_FORMS": str(len(rows)), "questions-INITIAL_FORMS": "0"}
        for i, row in enumerate(rows):
            data.update({f"questions-{i}-{k}": v for k, v in row.items()})
        return data

    def test_the_question_editor_adds_removes_and_keeps_what_was_typed(self, world_a):
        client = signed_in(world_a.office)
        questionnaire = make_questionnaire(world_a, questions=[], open_it=False)
        url = staff_url(world_a, questionnaire, "questions/")
        first = {"text": "上学方式", "kind": "single", "required": "on", "choices": "步行\n公交"}
        second = {"text": "意见", "kind": "text"}
        added = client.post(url, {**self.rows(first, second), "add": "1"})
        html = added.content.decode()
        assert added.status_code == 200 and 'name="questions-TOTAL_FORMS" value="3"' in html
        assert 'name="questions-2-text" maxlength="300" autofocus' in html  # the new row, to type in
        assert "上学方式" in html and "步行\n公交</textarea>" in html and "errorlist" not in html
        removed = client.post(url, {**self.rows(first, second), "drop": "0"})
        assert "上学方式" not in removed.content.decode() and 'value="意见"' in removed.content.decode()
        assert not Question.objects.in_congress(world_a.congress).exists()  # nothing saved yet
        wrong = client.post(url, {**self.rows(first, {"text": "交通工具", "kind": "single", "choices": "汽车"}),
                                  "save": "1"})
        assert wrong.status_code == 422
        assert "第2题：单选题至少要有两个选项" in wrong.content.decode() and "上学方式" in wrong.content.decode()
        saved = client.post(url, {**self.rows(first, {"text": "", "kind": "single"}, second), "save": "1"})
        assert saved.status_code == 302
        assert list(Question.objects.in_congress(world_a.congress).values_list("text", "choices")) == [
            ("上学方式", ["步行", "公交"]), ("意见", [])]

    def test_open_and_close_ask_first_and_show_the_link_with_its_qr(self, world_a):
        client = signed_in(world_a.office)
        questionnaire = make_questionnaire(world_a, open_it=False)
        html = client.get(staff_url(world_a, questionnaire)).content.decode()
        assert 'data-confirm="发布后题目不能再修改' in html
        client.post(staff_url(world_a, questionnaire, "do/open/"))
        questionnaire.refresh_from_db()
        assert questionnaire.status == "open"
        html = client.get(staff_url(world_a, questionnaire)).content.decode()
        assert f"http://testserver{link(world_a, questionnaire)}" in html and "<svg" in html
        assert 'data-confirm="结束后不再接受填写' in html
        client.post(staff_url(world_a, questionnaire, "do/close/"))
        questionnaire.refresh_from_db()
        assert questionnaire.status == "closed"

    def test_a_deputy_cannot_open_and_outsiders_are_not_found(self, world_a, world_b):
        questionnaire = make_questionnaire(world_a, open_it=False)
        assert signed_in(world_a.deputy).post(staff_url(world_a, questionnaire, "do/open/")).status_code == 403
        assert signed_in(world_a.office).get(staff_url(world_a, make_questionnaire(world_b))).status_code == 404

    def test_codes_are_generated_and_printed_with_their_qr(self, world_a):
        client = signed_in(world_a.office)
        questionnaire = make_questionnaire(world_a, access="codes")
        made = client.post(staff_url(world_a, questionnaire, "codes/"), {"count": "3", "batch": "东湖街道"})
        assert made.status_code == 302
        sheet = client.get(made["Location"]).content.decode()
        codes = list(AnswerCode.objects.in_congress(world_a.congress).values_list("code", flat=True))
        assert all(f"{c[:4]}-{c[4:]}" in sheet for c in codes) and sheet.count("<svg") == 3
        too_many = client.post(staff_url(world_a, questionnaire, "codes/"), {"count": "2001"})
        assert too_many.status_code == 422
        assert client.get(staff_url(world_a, make_questionnaire(world_a), "codes/")).status_code == 404

    def test_results_refresh_while_open_and_export(self, world_a):
        questionnaire = make_questionnaire(world_a)
        Client().post(link(world_a, questionnaire), form_data(questionnaire, **{
            f"q{question_ids(questionnaire)[3]}": "=HYPERLINK(\"http://x\")"}))
        client = signed_in(world_a.users["sc_member"])
        page = client.get(staff_url(world_a, questionnaire, "results/"))
        html = page.content.decode()
        assert page.status_code == 200 and 'hx-trigger="every 10s"' in html
        assert '<span class="stat" id="response-count">1</span>' in html
        assert '<rect width="100.0" height="10" rx="2" fill="#c8161d"/>' in html  # 满意: all of one
        fragment = client.get(staff_url(world_a, questionnaire, "results/"), HTTP_HX_REQUEST="true").content.decode()
        assert fragment.startswith('<div id="results"') and "<html" not in fragment
        export = client.get(staff_url(world_a, questionnaire, "responses.xlsx"))
        book = load_workbook(io.BytesIO(export.content))
        rows = list(book["答卷"].values)
        assert rows[0][2] == "1. 您对社区养老服务满意吗？"
        assert rows[1][2:] == ("满意", "医疗；活动", 4, "=HYPERLINK(\"http://x\")")
        assert book["答卷"].cell(2, 6).data_type == "s"  # a text, not a formula
        assert list(book["统计"].values)[0][:2] == ("答卷数", 1)
        qa.close_questionnaire(world_a.congress, questionnaire, actor=world_a.office)
        assert "every 10s" not in client.get(staff_url(world_a, questionnaire, "results/")).content.decode()

    def test_results_are_for_staff_and_standing_committee_members(self, world_a):
        questionnaire = make_questionnaire(world_a)
        url = staff_url(world_a, questionnaire, "results/")
        assert signed_in(world_a.office).get(url).status_code == 200
        assert signed_in(world_a.deputy).get(url).status_code == 403
        assert signed_in(world_a.deputy).get(staff_url(world_a, questionnaire, "responses.xlsx")).status_code == 403
        assert Client().get(url).status_code == 302  # sign in first


class TestSettings:
    def test_a_draft_settings_change_and_an_open_one_only_its_closing_time(self, world_a):
        client = signed_in(world_a.office)
        questionnaire = make_questionnaire(world_a, open_it=False)
        url = staff_url(world_a, questionnaire, "settings/")
        assert client.post(url, {"title": "改过的标题", "intro": "", "access": "codes"}).status_code == 302
        questionnaire.refresh_from_db()
        assert (questionnaire.title, questionnaire.access) == ("改过的标题", "codes")
        bad = client.post(url, {"title": "改过的标题", "access": "codes", "closes_at": "2020-01-01T08:00"})
        assert bad.status_code == 422 and "“截止时间”须晚于现在" in bad.content.decode()
        qa.open_questionnaire(world_a.congress, questionnaire, actor=world_a.office)
        html = client.get(staff_url(world_a, questionnaire)).content.decode()
        assert 'name="title" value="改过的标题" maxlength="200" required disabled' in html
        # A browser does not send disabled fields: the closing time alone changes.
        assert client.post(url, {"closes_at": "2099-01-01T08:00"}).status_code == 302
        questionnaire.refresh_from_db()
        assert (questionnaire.title, questionnaire.closes_at.year) == ("改过的标题", 2099)


HOSTILE = {"first": str(2**64), "last": "-1", "batch": "\u202e<b>x</b>", "code": "%" * 300, "all": "\ufeff",
           "year": "99999999999999999999"}


def test_no_page_fails_on_hostile_query_parameters(world_a):
    coded = make_questionnaire(world_a, access="codes")
    qa.issue_answer_codes(world_a.congress, coded, actor=world_a.office, count=2)
    client = signed_in(world_a.office)
    for url in [staff_url(world_a, coded, tail) for tail in ("", "codes/", "codes/sheet/", "results/")]:
        assert client.get(url, HOSTILE).status_code == 200, url
    assert client.get(staff_url(world_a, coded, "codes/sheet/"), {"first": str(2**63 - 1), "last": str(2**63 - 1)}
                      ).status_code == 200
    page = Client().get(link(world_a, coded), HOSTILE)
    assert page.status_code == 200 and 'maxlength="20"' in page.content.decode()
