"""The comments' pages in a real browser at 390 px and 1366 px: nothing past the screen edge on the
public list, the draft page (after a refusal, which keeps what was typed and names the field), the
reference-code page, the committee's grouped view and the contact point's page."""

import pytest
from django.contrib.auth.models import AnonymousUser

from renda.core.roles import Role
from renda.core.tests.sitewalk import OVERFLOW_JS
from renda.law_comments import actions
from renda.law_comments.tests.fixtures import articles, open_period
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
LONG = "建议对灌区用水的计量、收费、公开和监督作出更加具体明确的规定，" * 6


@pytest.mark.parametrize("width", [390, 1366])
def test_the_pages_fit_and_keep_input(transactional_db, live_server, browser, width):  # noqa: F811
    world = make_world("y", "浏览器征求意见市人民代表大会")
    period = open_period(world)
    first = articles(period.version)[0]
    made = actions.comment_on_draft(world.congress, period, actor=AnonymousUser(), text_=LONG, provision=first)
    actions.forward_contact_point_comment(world.congress, period, actor=world.office, text_=LONG, provision=first,
                                          contact_point=world.contact_point, community="东风村",
                                          gathered_how="visit", gathered_on=period.opens_on)
    actions.decide_law_comments(world.congress, [made], actor=world.office, decision="declined", reason=LONG)
    base = f"{live_server.url}/c/{world.congress.code}/law-comments/"
    context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500)
    page = context.new_page()
    for address in ("", f"{period.pk}/", f"track/{made.reference_code}/"):
        page.goto(base + address)
        assert page.evaluate(OVERFLOW) <= 0, address
        assert page.evaluate(OVERFLOW_JS)["bad"] == [], address
    page.goto(base + f"{period.pk}/")
    page.locator(f"#{first.eid} summary").click()
    page.fill(f"#c_{first.pk}_name", "李四")
    page.locator(f"#{first.eid} button:has-text('提交意见')").click()
    page.wait_for_selector("text=“意见”必须填写")
    assert page.input_value(f"#c_{first.pk}_name") == "李四"
    assert page.evaluate(OVERFLOW) <= 0
    page.fill(f"#c_{first.pk}_text", "建议明确用水定额")
    page.locator(f"#{first.eid} button:has-text('提交意见')").click()
    page.wait_for_selector("#reference-code")
    staff = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(staff, live_server.url, world.users[Role.COMMITTEE_STAFF].username)
    for address in ("periods/", f"periods/{period.pk}/"):
        staff.goto(base + address)
        assert staff.evaluate(OVERFLOW) <= 0, address
        assert staff.evaluate(OVERFLOW_JS)["bad"] == [], address
    point = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(point, live_server.url, world.users[Role.CONTACT_POINT_STAFF].username)
    for address in ("contact-point/", f"{period.pk}/"):
        point.goto(base + address)
        assert point.evaluate(OVERFLOW) <= 0, address
        assert point.evaluate(OVERFLOW_JS)["bad"] == [], address
