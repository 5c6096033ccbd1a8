"""The header box and the results page in a real browser at 390 px and 1366 px: nothing past the screen edge,
suggestions appear under the box as one types, a hit opens its page."""

import pytest

from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.proposals import actions
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _fits(page, what: str) -> None:
    """No overflow, no control past the right edge, no serious accessibility violation (the site walk's check)."""
    from renda.core.tests.sitewalk import check_page

    report = check_page(page, page.url, "search/", 200)
    assert not report.overflow and not report.serious, (what, report.overflow, report.serious)


@pytest.mark.parametrize("width", [390, 1366])
def test_the_box_and_the_page_fit_and_suggest(transactional_db, live_server, browser, width):  # noqa: F811
    world = make_world("s", "浏览器检索市人民代表大会")
    c = world.congress
    title = "关于加强城乡结合部农村供水管网改造和老旧小区二次供水设施更新维护工作的建议"
    item = actions.save_suggestion_draft(c, actor=world.deputy, term=world.term, title=title,
                                         body="城乡结合部供水管网老化，" * 40)
    actions.submit_suggestion(c, item, actor=world.deputy)
    page = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(page, live_server.url, world.office.username)
    page.goto(f"{live_server.url}/c/{c.code}/search/?q=供水管网")
    assert page.locator(".search-hits mark").count() > 0
    _fits(page, "results")
    page.fill("#site-search-q", "二次供水")
    page.wait_for_selector(".search-suggest a")
    _fits(page, "suggestions")
    page.goto(f"{live_server.url}/c/{c.code}/search/?q=供&kind=suggestion&year=2026")
    assert page.evaluate(OVERFLOW) <= 0 and "至少" in page.content()
    page.goto(f"{live_server.url}/c/{c.code}/search/?q=供水管网")
    page.click(f".search-hits a[href$='/suggestions/{item.pk}/']")
    assert page.url.endswith(f"/suggestions/{item.pk}/")
