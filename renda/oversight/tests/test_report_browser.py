"""The report editor in a real browser at 390 px and 1366 px: nothing past the screen edge, a refused
figure keeps what was typed, finalising asks first."""

import pytest

from renda.oversight.actions import reporting
from renda.oversight.tests.permission_calls_reporting import ready
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [390, 1366])
def test_the_editor_fits_and_keeps_input(transactional_db, live_server, browser, width):  # noqa: F811
    world = make_world("r", "浏览器报告市人民代表大会")
    report = ready(world)
    reporting.tag_report_figure(world.congress, report, actor=world.office, key="bad_sum_with_a_long_key_name",
                                label="很长很长的数据名称用来检查窄屏是否溢出", kind="sum", value="2851", parts=["a", "b"])
    reporting.comment_on_report(world.congress, report, actor=world.office, text="第二段的数据请再核实一遍" * 5)
    page = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(page, live_server.url, world.office.username)
    address = f"{live_server.url}/c/{world.congress.code}/oversight/reports/{report.pk}/"
    page.goto(address)
    assert page.locator("text=印为 2851").count() >= 1
    for details in page.locator("details").all():
        details.evaluate("d => d.open = true")
    assert page.evaluate(OVERFLOW) <= 0
    page.fill("#id_key", "9bad")
    page.fill("#id_label", "察看点数")
    page.click("button:has-text('标注')")
    page.wait_for_selector("text=“代号”须以英文字母")
    assert page.input_value("#id_label") == "察看点数"
    assert page.evaluate(OVERFLOW) <= 0
    page.goto(address)
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("form[data-confirm] button:has-text('定稿')").click()
    page.wait_for_timeout(300)
    confirm = page.locator("#confirm-text")
    assert asked or (confirm.count() and "定稿后" in confirm.inner_text())
