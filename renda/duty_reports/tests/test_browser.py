"""The voters' evaluation in a real browser: a voter on a phone (390 px) scans the code, taps a big
button, is refused with the field named and the input kept, evaluates, and is told on a second try
that they have already; the office's report page with the QR card and the live counts fits at 390 px
and 1366 px (no overflow, no serious axe violation)."""

import pytest

from renda.core.tests.sitewalk import OVERFLOW_JS, check_page
from renda.duty_reports.actions import ALREADY
from renda.duty_reports.tests.fixtures import open_report
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]


@pytest.mark.parametrize("width", [390, 1366])
def test_a_voter_evaluates_on_the_phone_and_the_office_sees_the_count(transactional_db, live_server, browser,  # noqa: F811
                                                                       width):
    world = make_world("v", "浏览器述职评议市人民代表大会")
    report = open_report(world)
    c = world.congress
    phone = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    phone.goto(f"{live_server.url}/c/{c.code}/duty-reports/evaluate/{report.evaluation_key}/")
    first = check_page(phone, phone.url, "evaluate", 200)
    assert not first.overflow and not first.serious, (first.overflow, first.serious)
    box = phone.locator("label[for=evaluate_rating_0]").bounding_box()
    assert box and box["height"] >= 48  # a big button to tap
    phone.locator("label[for=evaluate_rating_0]").click()
    phone.fill("#evaluate_name", "王芳")
    phone.fill("#evaluate_digits", "12")
    phone.locator("button:has-text('提交评议')").click()
    phone.wait_for_selector("text=后四位")
    assert phone.input_value("#evaluate_name") == "王芳"
    assert phone.evaluate(OVERFLOW_JS)["bad"] == []
    phone.fill("#evaluate_digits", "1234")
    phone.locator("label[for=evaluate_rating_0]").click()
    phone.locator("button:has-text('提交评议')").click()
    phone.wait_for_selector("#evaluate-done")
    # The phone that has evaluated is told so on opening the page again, and is offered no second form
    # (another person on the same phone is refused by the action too: test_voters).
    phone.goto(f"{live_server.url}/c/{c.code}/duty-reports/evaluate/{report.evaluation_key}/")
    phone.wait_for_selector(f"text={ALREADY}")
    assert phone.locator("button:has-text('提交评议')").count() == 0
    office = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(office, live_server.url, world.office.username)
    office.wait_for_url(lambda url: "/login/" not in url)
    office.goto(f"{live_server.url}/c/{c.code}/duty-reports/{report.pk}/")
    assert office.locator("#voter-evaluation svg").count() == 1
    assert office.locator("#phone-total").inner_text() == "1"
    page = check_page(office, office.url, "report", 200)
    assert not page.overflow and not page.serious, (page.overflow, page.serious)
    office.screenshot(path=f"/tmp/duty_office_{width}.png", full_page=True)
    phone.screenshot(path=f"/tmp/duty_phone_{width}.png", full_page=True)
