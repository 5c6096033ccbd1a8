"""A person scans the QR code and answers on a phone (390 × 844): errors beside the question with the
answers kept, then the thank-you page; nothing wider than the phone. Staff build it in the browser."""

import shutil

import pytest

from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.questionnaires.models import Questionnaire, Response
from renda.questionnaires.tests.factory import make_questionnaire, question_ids
from renda.testing import make_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM}"),
]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def test_a_person_answers_on_a_phone(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("q", "问卷测试市人民代表大会")
    questionnaire = make_questionnaire(world, title="社区养老服务满意度调查（请在手机上填写，约需两分钟，谢谢您的支持与配合）")
    a, b, c, d = question_ids(questionnaire)
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True)
    page = context.new_page()
    page.goto(f"{live_server.url}/c/{world.congress.code}/q/{questionnaire.link_code}/")
    page.wait_for_selector("form.qn-form")
    assert page.evaluate(OVERFLOW) <= 0
    # Every option is a whole row to tap, at least 44 px high.
    heights = page.eval_on_selector_all(".qn-options label, .qn-scale label", "els => els.map(e => e.offsetHeight)")
    assert heights and min(heights) >= 44
    page.click("text=基本满意")
    page.click("text=饭菜")
    page.click("text=医疗")
    page.click("text=活动")  # one too many
    page.fill(f"#f_q{d}", "希望增加送餐服务")
    page.click("main button[type=submit]")
    page.wait_for_selector(f"#err-{b}")
    assert "此题最多选 2 项，现选了 3 项" in page.inner_text(f"#q-{b}")
    assert "此题必须回答" in page.inner_text(f"#q-{c}")
    assert page.is_checked(f"#f_q{a}_1") and page.input_value(f"#f_q{d}") == "希望增加送餐服务"
    assert page.evaluate(OVERFLOW) <= 0
    page.click("text=活动")
    page.click(f"#q-{c} label:has-text('4')")
    page.click("main button[type=submit]")
    page.wait_for_selector("#thanks")
    assert "感谢您的参与" in page.inner_text("#thanks")
    assert page.evaluate(OVERFLOW) <= 0
    assert Response.objects.in_congress(world.congress).count() == 1
    # The same phone, scanning again, is told it has answered.
    page.goto(f"{live_server.url}/c/{world.congress.code}/q/{questionnaire.link_code}/")
    assert "您已经填写过本问卷" in page.inner_text("main")
    context.close()


def test_staff_build_a_questionnaire_and_watch_its_results(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("r", "问卷编制测试市人民代表大会")
    page = browser.new_page()
    sign_in(page, live_server.url, world.office.username)
    page.goto(f"{live_server.url}/c/{world.congress.code}/questionnaires/new/")
    page.fill("#id_title", "道路交通问卷")
    page.click("main button[type=submit]")
    page.wait_for_selector("#question-editor")
    page.fill("#id_questions-0-text", "您怎样上班？")
    page.fill("#id_questions-0-choices", "步行\n公交\n驾车")
    page.evaluate("window.stayed = true")
    page.click("button[name=add]")
    page.wait_for_selector("#id_questions-1-text")
    assert page.input_value("#id_questions-0-text") == "您怎样上班？"  # kept across the re-render
    assert page.evaluate("window.stayed === true")  # htmx swapped the editor; the page did not reload
    page.wait_for_function("document.activeElement.id === 'id_questions-1-text'")  # ready to type in
    page.click("button[name=add]")
    page.wait_for_selector("#id_questions-2-text")
    page.fill("#id_questions-2-text", "多余的一题")
    page.click("#row-2 button[name=drop]")
    page.wait_for_selector("#id_questions-2-text", state="detached")
    page.fill("#id_questions-1-text", "路况打分")
    page.select_option("#id_questions-1-kind", "scale")
    assert page.is_hidden("#id_questions-1-choices") and page.is_visible("#id_questions-1-scale_max")
    page.fill("#id_questions-1-scale_max", "20")
    page.click("button[name=save] >> nth=-1")
    page.wait_for_selector("text=第2题：量表须有 2 至 11 个分值")
    page.fill("#id_questions-1-scale_max", "10")
    page.click("button[name=save] >> nth=-1")
    page.wait_for_selector("text=已保存 2 道题目")
    page.click("text=发布问卷")
    page.wait_for_selector("#confirm-dialog[open]")
    page.click("#confirm-ok")
    page.wait_for_selector("#qr svg")
    questionnaire = Questionnaire.objects.in_congress(world.congress).get()
    assert questionnaire.status == "open"
    page.click("text=统计结果")
    page.wait_for_selector("#response-count")
    assert page.inner_text("#response-count") == "0"
