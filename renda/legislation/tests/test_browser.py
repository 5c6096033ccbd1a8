"""The legislation pages in a real browser at 390 px and 1366 px with one long version: nothing past
the screen edge on the bill, version, comparison and law pages."""

import pytest

from renda.core.tests.sitewalk import OVERFLOW_JS
from renda.legislation import actions, queries
from renda.legislation.demo_data import TEXT, make_law_in_force
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [390, 1366])
def test_the_pages_fit(transactional_db, live_server, browser, width):  # noqa: F811
    world = make_world("z", "浏览器立法市人民代表大会")
    law = make_law_in_force(world.congress, world.office)
    long_text = TEXT.replace("本条例自2023年11月1日起施行。", "本条例自2023年11月1日起施行。" + "河湖" * 400)
    bill = actions.create_bill(world.congress, actor=world.office, title="示例市河湖生态保护条例（修订草案）" * 3,
                               text=long_text, explanation="说明" * 300)
    v2 = actions.add_version(world.congress, bill, actor=world.office, stage="revision")
    first = queries.articles(v2).get(number=1)
    actions.insert_article(world.congress, v2, actor=world.office, after=first.key, text="新增一条。" * 50)
    base = f"{live_server.url}/c/{world.congress.code}/legislation/"
    page = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(page, live_server.url, world.office.username)
    for address in ("bills/", "bills/new/", f"bills/{bill.pk}/", f"versions/{v2.pk}/", f"bills/{bill.pk}/compare/",
                    f"bills/{bill.pk}/compare/?all=1", "laws/", f"laws/{law.pk}/"):
        page.goto(base + address)
        assert page.evaluate(OVERFLOW) <= 0, address
        assert page.evaluate(OVERFLOW_JS)["bad"] == [], address
    page.goto(base + f"versions/{v2.pk}/#art_30")
    assert page.locator("#art_30").count() == 1
