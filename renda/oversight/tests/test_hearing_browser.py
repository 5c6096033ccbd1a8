"""Work reports in a real browser at 390 px and 1366 px: a unit officer files a report late (the form
refuses nothing filed and keeps the late reason typed), the report's page and the list flag it,
nothing runs past the screen edge."""

import pytest

from renda.core.roles import Role
from renda.oversight.tests.permission_calls_hearings import scheduled, session
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [390, 1366])
def test_filing_late_is_flagged(transactional_db, live_server, browser, width):  # noqa: F811
    world = make_world("h", "浏览器听取报告市人民代表大会")
    report = scheduled(world, session(world, days=12), title="关于全市义务教育优质均衡发展情况的报告")
    page = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(page, live_server.url, world.users[Role.UNIT_OFFICER].username)
    base = f"{live_server.url}/c/{world.congress.code}/oversight/work-reports/{report.pk}/"
    page.goto(base)
    assert page.locator("text=未报送，已逾期 8 日").count() >= 1
    assert page.evaluate(OVERFLOW) <= 0
    page.click("a:has-text('报送报告')")
    page.fill("#id_late_reason", "部分县区数据核实耗时")
    page.click("button:has-text('保存')")
    page.wait_for_selector("text=至少报送一项")
    assert page.input_value("#id_late_reason") == "部分县区数据核实耗时"
    page.fill("#id_summary", "一、基本情况\n二、存在的问题")
    page.click("button:has-text('保存')")
    page.wait_for_selector("#late-flag")
    assert "逾期报送 8 日" in page.inner_text("#late-flag") and "部分县区数据核实耗时" in page.inner_text("#late-flag")
    assert page.evaluate(OVERFLOW) <= 0
    office = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(office, live_server.url, world.office.username)
    office.goto(f"{live_server.url}/c/{world.congress.code}/oversight/work-reports/")
    assert office.locator("text=逾期报送 8 日").count() >= 1
    assert office.evaluate(OVERFLOW) <= 0
