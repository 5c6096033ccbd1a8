"""The rectification pages in a real browser at 390 px and 1366 px: nothing past the screen edge on
the list, the dashboard, the item page (every step open) and the public page; a closure without
evidence keeps what was typed; acceptance asks first."""

import datetime

import pytest

from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.rectification import actions
from renda.rectification.tests.fixtures import claimed, make_item, today
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [390, 1366])
def test_the_pages_fit_and_keep_input(transactional_db, live_server, browser, width):  # noqa: F811
    from renda.core.roles import Role

    world = make_world("z", "浏览器整改市人民代表大会")
    item = make_item(world, problem="农村学校饮水设施老化，部分学校管网锈蚀严重，需要全面更换" * 3,
                     due_on=today() - datetime.timedelta(days=3))
    actions.report_progress(world.congress, item, actor=world.office, text="已完成一半" * 20)
    waiting = claimed(world, problem="食堂后厨卫生不达标")
    base = f"{live_server.url}/c/{world.congress.code}/rectification/"
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500)
    page = context.new_page()
    sign_in(page, live_server.url, world.users[Role.UNIT_OFFICER].username)
    for address in (base, base + "dashboard/", f"{base}{item.pk}/"):
        page.goto(address)
        for details in page.locator("details").all():
            details.evaluate("d => d.open = true")
        assert page.evaluate(OVERFLOW) <= 0, address
    page.fill("#closure_text", "管网已全部更换完毕")
    page.locator("form[data-confirm] button:has-text('申请销号')").evaluate("b => b.form.removeAttribute('data-confirm')")
    page.locator("button:has-text('申请销号')").click()
    page.wait_for_selector("text=“佐证材料”必须上传")
    assert page.input_value("#closure_text") == "管网已全部更换完毕"
    assert page.evaluate(OVERFLOW) <= 0
    office = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(office, live_server.url, world.office.username)
    office.goto(f"{base}{waiting.pk}/")
    assert office.evaluate(OVERFLOW) <= 0
    asked = []
    office.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    office.locator("form[data-confirm] button:has-text('验收销号')").click()
    office.wait_for_timeout(300)
    confirm = office.locator("#confirm-text")
    assert asked or (confirm.count() and "验收通过后" in confirm.inner_text())
    public = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    public.goto(base + "public/")
    assert public.evaluate(OVERFLOW) <= 0
