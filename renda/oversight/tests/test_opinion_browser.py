"""Review opinions in a real browser at 390 px and 1366 px: the list, the draft with its points being
edited, the sending form with rectification rows, the unit's reply form and the public page fit the
screen; a refused edit keeps what was typed."""

import os

import pytest

from renda.core.roles import Role
from renda.oversight.tests.permission_calls_opinions import (
    approved_opinion,
    drafted_opinion,
    published_opinion,
    sent_opinion,
)
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
SHOTS = os.environ.get("RENDA_SCREENSHOTS")  # a folder to keep the pages' screenshots in, when set


def _look(page, name: str, width: int) -> None:
    for details in page.locator("details").all():
        details.evaluate("d => d.open = true")
    assert page.evaluate(OVERFLOW) <= 0, name
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/opinion_{name}_{width}.png", full_page=True)


@pytest.mark.parametrize("width", [390, 1366])
def test_the_pages_fit_and_keep_input(transactional_db, live_server, browser, width):  # noqa: F811
    world = make_world("o", "浏览器意见市人民代表大会")
    draft = drafted_opinion(world)
    approved = approved_opinion(world)
    sent = sent_opinion(world)
    published = published_opinion(world)
    base = f"{live_server.url}/c/{world.congress.code}/oversight/opinions/"
    page = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(page, live_server.url, world.office.username)
    page.goto(base)
    _look(page, "list", width)
    page.goto(f"{base}{approved.pk}/")
    _look(page, "send", width)
    page.goto(f"{base}{draft.pk}/")
    _look(page, "draft", width)
    page.fill("#id_points-0-heading", "改过的第一条意见")
    page.fill("#id_head-title", "")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=“标题”必须填写")
    assert page.input_value("#id_points-0-heading") == "改过的第一条意见"
    _look(page, "draft_refused", width)
    page.goto(f"{base}public/{published.pk}/")
    _look(page, "public", width)
    unit = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(unit, live_server.url, world.users[Role.UNIT_OFFICER].username)
    unit.goto(f"{base}{sent.pk}/")
    assert unit.locator("text=报送研究处理情况").count() >= 1
    _look(unit, "reply", width)
