"""The map page, a leader's page and a committee's page, and the decisions' pages, in a real browser
at 390 px and 1366 px: nothing past the screen edge (the map's tables scroll inside their box)."""

import pytest

from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.portfolios import actions
from renda.portfolios.tests.fixtures import committee, unit, vice_chair
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("width", [390, 1366])
def test_the_pages_fit(transactional_db, live_server, browser, width):  # noqa: F811
    from renda.decisions.tests.fixtures import passed, propose

    world = make_world("z", "浏览器分管市人民代表大会")
    c = world.congress
    leader = vice_chair(world, "欧阳副主任")
    fin = committee(world, "环境资源城乡建设工作委员会")
    actions.assign_portfolio(c, actor=world.office, leader=leader, committee=fin, start="2023-01-01")
    for name in ("住房和城乡建设局", "城市管理综合执法局", "自然资源局", "生态环境局"):
        actions.link_unit(c, actor=world.office, committee=fin, unit=unit(world, f"示例市{name}"), start="2023-01-01")
    waiting = propose(world, title="关于加强城市更新和老旧小区改造工作、提升城市品质和人居环境的决定")
    done = passed(world, yes=5, members=5)
    base = f"{live_server.url}/c/{c.code}/"
    page = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(page, live_server.url, world.office.username)
    for address in ("portfolios/", "leaders/", f"leaders/{leader.pk}/", f"portfolios/committees/{fin.pk}/",
                    "decisions/", "decisions/new/", f"decisions/{waiting.pk}/", f"decisions/{done.pk}/",
                    "decisions/public/"):
        page.goto(base + address)
        assert page.evaluate(OVERFLOW) <= 0, address
