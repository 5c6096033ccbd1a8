"""The “API 令牌” page in a real browser at phone width: minting then reloading mints nothing more,
and the token table folds into labelled rows with the revoke button inside the screen."""

import os
import shutil

import pytest

from renda.core.models import ApiToken
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401 (fixture)
from renda.testing import make_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM}"),
]


def test_the_token_page_at_390px_mints_once_and_keeps_revoke_on_screen(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("w", "浏览器测试市人民代表大会")
    page = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(page, live_server.url, world.deputy.username)
    page.goto(f"{live_server.url}/c/{world.congress.code}/tokens/")
    page.fill("#id_name", "表决终端一号机（会议厅东侧）")
    page.click("form.stack button[type=submit]")
    secret = page.locator("#new-token").inner_text()
    assert secret.startswith(f"{world.congress.pk}.")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # the long secret wraps
    if os.environ.get("RENDA_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["RENDA_SCREENSHOTS"], "tokens-390-minted.png"), full_page=True)
    page.reload()
    assert page.locator("#new-token").count() == 0  # shown once
    assert ApiToken.objects.in_congress(world.congress).filter(user=world.deputy).count() == 1  # no second mint
    revoke = page.locator("td.actions button")
    box = revoke.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
    name = page.locator('td[data-label="名称"]').first.bounding_box()
    assert name is not None and name["height"] < 60, name  # not one character a line
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    if os.environ.get("RENDA_SCREENSHOTS"):
        page.screenshot(path=os.path.join(os.environ["RENDA_SCREENSHOTS"], "tokens-390.png"), full_page=True)
