"""The agenda pages in a real browser at 390 px and 1366 px: nothing past the screen edge on the list,
the form (after a refusal, which keeps what was typed), the item page, a session's draft agenda page
and an agenda item's page; the decision asks first."""

import pytest

from renda.agenda import actions
from renda.agenda.tests.fixtures import agenda_vote, directors, fixed, propose, session, submitted
from renda.core.tests.sitewalk import OVERFLOW_JS
from renda.meetings.models import AgendaItem
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
LONG = "关于全市义务教育优质均衡发展和农村学校办学条件改善工作情况的报告" * 2


@pytest.mark.parametrize("width", [390, 1366])
def test_the_pages_fit_and_keep_input(transactional_db, live_server, browser, width):  # noqa: F811
    world = make_world("y", "浏览器议程市人民代表大会")
    meeting = directors(world)
    waiting = propose(world, LONG)
    one = submitted(world, LONG[:190], meeting)
    the_session = session(world, members=3)
    submitted(world, "另一项报告", meeting)
    actions.adopt_agenda(world.congress, fixed(world, the_session, [one], meeting), actor=world.office,
                         vote=agenda_vote(world, the_session))
    other_session = session(world, open_it=False, days_ahead=5)
    row = AgendaItem.objects.in_congress(world.congress).get(meeting=the_session)
    base = f"{live_server.url}/c/{world.congress.code}/"
    page = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(page, live_server.url, world.office.username)
    for address in ("agenda/items/", "agenda/items/new/", f"agenda/items/{waiting.pk}/",
                    f"agenda/sessions/{the_session.pk}/", f"agenda/sessions/{other_session.pk}/",
                    f"agenda-items/{row.pk}/"):
        page.goto(base + address)
        assert page.evaluate(OVERFLOW) <= 0, address
        assert page.evaluate(OVERFLOW_JS)["bad"] == [], address
    page.goto(base + "agenda/items/new/")
    page.fill("#id_title", "关于城市管理工作的报告")
    page.locator("button:has-text('登记')").click()
    page.wait_for_selector("text=“汇报或说明人”必须填写")
    assert page.input_value("#id_title") == "关于城市管理工作的报告"
    assert page.evaluate(OVERFLOW) <= 0
    page.goto(base + f"agenda/items/{waiting.pk}/")
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    page.locator("button:has-text('决定提请常委会审议')").click()
    page.wait_for_timeout(300)
    confirm = page.locator("#confirm-text")
    assert asked or (confirm.count() and "提请常委会审议" in confirm.inner_text())
