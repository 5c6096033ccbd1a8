"""The work point and duty report pages in a real browser at 390 px and 1366 px: nothing past the
screen edge on the calendar, the item page, the plan forms, the duty report list, report and record."""

import datetime

import pytest

from renda.duty_reports.tests.fixtures import filed_report
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world
from renda.work_points.tests.fixtures import point, today

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [390, 1366])
def test_the_pages_fit(transactional_db, live_server, browser, width):  # noqa: F811
    world = make_world("z", "浏览器工作要点市人民代表大会")
    item = point(world, today() - datetime.timedelta(days=2))
    report = filed_report(world)
    code = world.congress.code
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500)
    page = context.new_page()
    sign_in(page, live_server.url, world.office.username)
    for address in (f"/c/{code}/work-points/", f"/c/{code}/work-points/{item.pk}/", f"/c/{code}/work-points/overdue/",
                    f"/c/{code}/work-points/plan/new/", f"/c/{code}/duty-reports/", f"/c/{code}/duty-reports/{report.pk}/",
                    f"/c/{code}/duty-reports/person/{report.person_id}/", f"/c/{code}/duty-reports/plan/new/?year=2027"):
        page.goto(live_server.url + address)
        for details in page.locator("details").all():
            details.evaluate("d => d.open = true")
        assert page.evaluate(OVERFLOW) <= 0, address
