"""我的日程 in a real browser: a month grid at 1366 px, a one-column list of days at 390 px, nothing past
the screen edge at either width, and 复制订阅地址 next to the address."""

import pytest

from renda.core.tests.sitewalk import check_page
from renda.liaison import actions as liaison
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.schedule import actions
from renda.schedule.tests.helpers import month, sc_meeting, soon
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

@pytest.mark.parametrize("width", [390, 1366])
def test_the_calendar_fits(transactional_db, live_server, browser, width):  # noqa: F811
    world = make_world("y", "浏览器日程市人民代表大会")
    day = soon()
    meeting = sc_meeting(world, day)
    liaison.set_rota(world.congress, world.station, actor=world.root, on=day, mandates=[world.deputies[0]])
    actions.issue_calendar_feed(world.congress, actor=world.deputy)
    page = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(page, live_server.url, world.deputy.username)
    page.goto(f"{live_server.url}/c/{world.congress.code}/calendar/?month={month(day)}")
    report = check_page(page, page.url, "calendar", 200)
    assert not report.overflow and not report.serious, (report.overflow, report.serious)
    page.screenshot(path=f"/tmp/schedule_calendar_{width}.png", full_page=True)
    grid, agenda = page.locator("main .cal-grid"), page.locator("main .cal-agenda")
    if width < 500:
        assert not grid.is_visible() and agenda.is_visible()
        assert agenda.get_by_text(meeting.title).is_visible()
    else:
        assert grid.is_visible() and not agenda.is_visible()
        assert grid.get_by_text(meeting.title).count() == 1
    assert page.locator("main button[data-copy]").is_visible()
    assert page.locator("main #cal-feed-url").input_value().endswith(".ics")
