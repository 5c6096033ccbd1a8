"""承办单位职责 in a real browser on a phone (390 px; headless chromium, see people/tests/test_browser.py):
staff write a unit's duties (too long first: refused in Chinese naming 职责, what was typed kept), try a
colloquial text in 试一试 and get ranked units, and on an accepted suggestion's 交办 section see the
proposed units with reasons naming a duty phrase. No page overflows, no serious axe violation."""

import pytest

from renda.core import rules
from renda.core.tests.sitewalk import check_page
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.proposals import actions as proposals
from renda.routing.tests.test_routing import ECO, HEALTH, URBAN, _unit
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

def _fits(page, what: str) -> None:
    report = check_page(page, page.url, what, 200)
    assert not report.overflow and not report.serious, (what, report.overflow, report.serious)


def test_staff_on_a_phone_write_duties_try_a_text_and_see_the_proposals_on_a_suggestion(
        transactional_db, live_server, browser):  # noqa: F811
    world = make_world("rb", "浏览器交办建议市人民代表大会")
    c = world.congress
    urban = _unit(world, "城市管理局")  # no duties yet: staff write them below
    _unit(world, "生态环境局", ECO)
    _unit(world, "卫生健康委", HEALTH)
    item = proposals.save_suggestion_draft(c, actor=world.deputy, term=world.term,
                                           title="关于整治夜市流动摊贩占道经营的建议", body="夜市流动摊贩占道经营，行人只能走机动车道。")
    proposals.submit_suggestion(c, item, actor=world.deputy)
    proposals.accept_suggestion(c, item, actor=world.office)

    page = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    sign_in(page, live_server.url, world.office.username)
    page.wait_for_url(lambda url: "/login/" not in url)
    base = f"{live_server.url}/c/{c.code}"
    page.goto(f"{base}/routing/units/")
    assert "未填写，无法据职责排序" in page.locator("tr", has_text="城市管理局").inner_text()
    page.click(f"a[href$='/routing/units/{urban.pk}/']")
    page.wait_for_url(f"**/routing/units/{urban.pk}/")
    _fits(page, "unit duties form")

    # Too long first: refused naming the field and the rule, what was typed still in the box.
    limit = rules.get(c, "routing.duties_max_chars")
    too_long = URBAN + "。" + "负责城市管理综合执法" * (limit // 10 + 1)
    page.fill("#id_duties", too_long)
    page.click("form.stack button[type=submit]")
    page.wait_for_selector(".errorlist")
    error = page.inner_text(".errorlist")
    assert "职责" in error and "不能超过" in error, error
    assert page.input_value("#id_duties") == too_long
    urban.refresh_from_db()
    assert urban.duties == ""
    _fits(page, "unit duties refused")

    page.fill("#id_duties", URBAN)
    page.click("form.stack button[type=submit]")
    page.wait_for_url(lambda url: url.rstrip("/").endswith("/routing/units"))
    assert "已保存城市管理局的职责" in page.content()
    assert "露天烧烤" in page.inner_text("table")
    urban.refresh_from_db()
    assert urban.duties == URBAN

    # 试一试: a concern as people say it on the phone.
    page.fill("#id_text", "楼下烧烤摊天天油烟呛人，吵到半夜一两点，睡不着觉")
    page.click("form.stack button[type=submit]")
    page.wait_for_selector("#proposed ol > li")
    ranked = page.locator("#proposed ol > li")
    assert ranked.count() >= 1
    assert ranked.first.locator("strong").inner_text() == "城市管理局"
    assert "得分" in ranked.first.inner_text()
    assert any("烧烤" in r and "职责" in r for r in ranked.first.locator("ul li").all_inner_texts())
    assert page.input_value("#id_text") == "楼下烧烤摊天天油烟呛人，吵到半夜一两点，睡不着觉"
    _fits(page, "units page with a try")

    # The accepted suggestion's 交办 section proposes the unit, with the duty phrase that matched.
    page.goto(f"{base}/suggestions/{item.pk}/")
    section = page.locator("#assign-tools")
    section.scroll_into_view_if_needed()
    assert "系统建议的承办单位" in section.inner_text()
    first = section.locator("#proposed ol > li").first
    assert first.locator("strong").inner_text() == "城市管理局"
    reasons = first.locator("ul li").all_inner_texts()
    assert any("职责“" in r and "占道经营" in r for r in reasons), reasons
    # the proposal's first unit is offered as the lead unit in the assign form
    assert section.locator("select[name=lead_unit]").input_value() == str(urban.pk)
    _fits(page, "suggestion with routing proposals")
