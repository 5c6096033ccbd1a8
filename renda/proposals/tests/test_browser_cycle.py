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


def rate(page, base, result):
    page.goto(f"{base}/suggestions/mine/")
    page.select_option("select[name=work]", "满意")
    page.select_option("select[name=result]", result)
    page.click("form[action$='/handle/rate/'] button")
    page.wait_for_selector("text=评价已提交")


def answer(unit, base, outcome, text):
    unit.goto(f"{base}/suggestions/queue/")
    unit.select_option("form[action$='/handle/answer/'] select[name=outcome]", outcome)
    unit.fill("form[action$='/handle/answer/'] textarea[name=text]", text)
    unit.click("form[action$='/handle/answer/'] button")
    unit.wait_for_load_state()


def test_a_suggestion_goes_round_the_whole_cycle(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("k", "建议全流程市人民代表大会")
    base = f"{live_server.url}/c/{world.congress.code}"

    deputy = page_for(browser, live_server, world.deputy, phone=True)
    deputy.goto(f"{base}/suggestions/mine/")
    deputy.click("button:has-text('起草议案建议')")
    deputy.fill("#title", "关于增开城郊校车线路的建议")
    deputy.fill("#category", "教育")
    deputy.fill("#co_signers", world.deputies[1].number)
    deputy.type("#body", "城郊学生上学路远，建议增开校车线路。")
    deputy.wait_for_selector("text=已自动保存")
    deputy.click("button[name=submit]")
    deputy.wait_for_selector("text=已提交")

    cosigner = page_for(browser, live_server, world.users["sc_member"])
    cosigner.goto(f"{base}/suggestions/mine/")
    cosigner.click("button:has-text('确认联名')")
    cosigner.wait_for_load_state()

    office = page_for(browser, live_server, world.office)
    office.goto(f"{base}/suggestions/review/")
    office.click("form[action$='/do/accept/'] button")
    office.click("a:has-text('交办')")
    office.select_option("#lead_unit", str(world.unit.pk))
    office.click("form[action$='/do/assign/'] button")
    office.wait_for_selector("text=（主办）")

    unit = page_for(browser, live_server, world.users["unit_officer"])
    unit.goto(f"{base}/suggestions/queue/")
    unit.fill("form[action$='/handle/contact/'] input[name=on]", "2026-01-15")
    unit.fill("form[action$='/handle/contact/'] input[name=summary]", "到学校走访代表")
    unit.click("form[action$='/handle/contact/'] button")
    unit.wait_for_load_state()
    answer(unit, base, "C", "因经费所限，留作参考")

    rate(deputy, base, "不满意")
    assert Suggestion.objects.in_congress(world.congress).get().status == "rehandling"

    answer(unit, base, "B", "已列入今年计划，秋季开通校车线路")
    rate(deputy, base, "满意")
    rate(cosigner, base, "满意")
    item = Suggestion.objects.in_congress(world.congress).get()
    assert item.status == "closed"
    deputy.goto(f"{base}/suggestions/mine/")
    assert "已办结" in deputy.content() and "秋季开通校车线路" in deputy.content()
