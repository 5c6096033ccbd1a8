"""A draft survives a reload: it is saved while the deputy types (headless chromium)."""

import shutil

import pytest

from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM}"),
]


def test_a_draft_is_saved_while_typing_and_survives_a_reload(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("s", "建议测试市人民代表大会")
    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    sign_in(phone, live_server.url, world.deputy.username)
    phone.goto(f"{live_server.url}/c/{world.congress.code}/suggestions/mine/")
    phone.click("a:has-text('起草议案建议')")
    phone.wait_for_selector("#title")
    assert "/suggestions/new/" in phone.url  # nothing saved until something is typed
    phone.fill("#title", "关于增设城乡公交线路的建议")
    phone.type("#body", "建议增设两条城乡公交线路，方便群众出行。")
    phone.wait_for_selector("text=已自动保存")
    assert "/edit/" in phone.url  # the draft has its own address
    phone.evaluate("document.querySelector('#saved').textContent = ''")
    phone.type("#body", "途经三个村。")
    phone.wait_for_function("document.querySelector('#saved').textContent.includes('已自动保存')")
    from renda.proposals.models import Suggestion

    assert Suggestion.objects.in_congress(world.congress).count() == 1  # later saves go to the same draft
    phone.reload()  # a dropped connection, a closed tab
    assert phone.input_value("#title") == "关于增设城乡公交线路的建议"
    assert "方便群众出行" in phone.input_value("#body") and "途经三个村" in phone.input_value("#body")
    assert phone.locator("#attachments-card input[type=file]").count() == 1
