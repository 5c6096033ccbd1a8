"""The whole cycle in headless chromium: file → co-sign → review → assign → answer → 不满意 →
re-answer → 满意 (see people/tests/test_browser.py for set-up)."""

import shutil

import pytest

from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.proposals.models import Suggestion
from renda.testing import make_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM}"),
]


def page_for(browser, live_server, user, phone=False):  # noqa: F811
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True) if phone else browser.new_context()
    page = context.new_page()
    sign_in(page, live_server.url, user.username)
    return page


def confirm(page):
    """Weighty steps ask first: the dialog says what will happen; 确定 goes ahead."""
    page.wait_for_selector("#confirm-dialog[open]")
    assert page.inner_text("#confirm-text")
    page.click("#confirm-ok")


def rate(page, base, result):
    page.goto(f"{base}/suggestions/mine/")
    page.click("a:has-text('请评价答复')")
    page.check("input[name=work][value='满意']")
    page.check(f"input[name=result][value='{result}']")
    page.fill("#rate-comment", "感谢办理")
    page.click("#rate-form button")
    confirm(page)
    page.wait_for_selector("text=评价已提交")


def answer(unit, base, outcome, text):
    unit.goto(f"{base}/suggestions/queue/")
    unit.click("#queue a:has-text('办理')")
    unit.select_option("#answer-outcome", outcome)
    unit.fill("#answer-text", text)
    unit.click("#answer-form button")
    confirm(unit)
    unit.wait_for_selector("text=书面答复已发送")


def test_a_suggestion_goes_round_the_whole_cycle(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("k", "建议全流程市人民代表大会")
    base = f"{live_server.url}/c/{world.congress.code}"

    deputy = page_for(browser, live_server, world.deputy, phone=True)
    deputy.goto(f"{base}/suggestions/mine/")
    deputy.click("a:has-text('起草议案建议')")
    deputy.fill("#title", "关于增开城郊校车线路的建议")
    deputy.fill("#category", "教育")
    deputy.fill("#co_signers", "王")  # picked by name from the list
    deputy.click(".picker-option:has-text('王芳')")
    deputy.type("#body", "城郊学生上学路远，建议增开校车线路。")
    deputy.wait_for_selector("text=已自动保存")
    deputy.click("button[name=submit]")
    confirm(deputy)
    deputy.wait_for_selector("text=已提交")
    assert Suggestion.objects.in_congress(world.congress).count() == 1

    cosigner = page_for(browser, live_server, world.users["sc_member"])
    cosigner.goto(f"{base}/suggestions/mine/")
    cosigner.click("button:has-text('确认联名')")
    confirm(cosigner)
    cosigner.wait_for_selector("text=已确认联名")

    office = page_for(browser, live_server, world.office)
    office.goto(f"{base}/suggestions/review/")
    office.click("form[action$='/do/accept/'] button")
    confirm(office)
    office.wait_for_selector("text=已立案")
    office.click("a[href$='#assign-tools']")
    office.select_option("#assign-lead_unit", str(world.unit.pk))
    office.click("#assign-form button")
    confirm(office)
    office.wait_for_selector("text=（主办）")

    unit = page_for(browser, live_server, world.users["unit_officer"])
    unit.goto(f"{base}/suggestions/queue/")
    unit.click("#queue a:has-text('办理')")
    unit.fill("#contact-on", "2026-01-15")
    unit.fill("#contact-summary", "到学校走访代表")
    unit.click("#contact-form button")
    unit.wait_for_selector("text=沟通情况已记录")
    answer(unit, base, "C", "因经费所限，留作参考")

    rate(deputy, base, "不满意")
    assert Suggestion.objects.in_congress(world.congress).get().status == "rehandling"

    answer(unit, base, "B", "已列入今年计划，秋季开通校车线路")
    rate(deputy, base, "满意")
    rate(cosigner, base, "满意")
    item = Suggestion.objects.in_congress(world.congress).get()
    assert item.status == "closed"
    deputy.goto(f"{base}/suggestions/{item.pk}/")
    page = deputy.content()
    assert "已办结" in page and "秋季开通校车线路" in page and "因经费所限，留作参考" in page and "办理经过" in page
