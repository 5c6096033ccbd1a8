"""Every questionnaire page, in each of its states, fits a phone and a desk screen and has no
accessibility violation (axe-core), for the public and for staff."""

import shutil

import pytest
from django.contrib.auth.models import AnonymousUser

from renda.core.tests.sitewalk import check_page, route_of
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.questionnaires import actions as qa
from renda.questionnaires.tests.factory import full_answers, make_questionnaire
from renda.testing import make_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM}"),
]


@pytest.mark.parametrize("width", [390, 1366])
def test_every_questionnaire_page_fits_and_passes_axe(transactional_db, live_server, browser, width):  # noqa: F811
    world = make_world("x", "问卷页面测试市人民代表大会")
    c = world.congress
    opened = make_questionnaire(world)
    for i in range(3):
        qa.answer_questionnaire(c, opened, actor=AnonymousUser(), respondent_token=f"axe-{i}-abcdefghijklmnopqrstu",
                                answers=full_answers(opened, single=i % 3, multiple=(i % 4,), scale=1 + i, text=f"意见{i}"))
    draft = make_questionnaire(world, open_it=False)
    coded = make_questionnaire(world, access="codes")
    qa.issue_answer_codes(c, coded, actor=world.office, count=3, batch="东湖街道")
    closed = make_questionnaire(world)
    qa.close_questionnaire(c, closed, actor=world.office)
    base = f"/c/{c.code}"
    public = [f"{base}/q/{opened.link_code}/", f"{base}/q/{coded.link_code}/?code=ABCD2345",
              f"{base}/q/{closed.link_code}/", f"{base}/q/{opened.link_code}/thanks/"]
    staff = [f"{base}/questionnaires/", f"{base}/questionnaires/new/", f"{base}/questionnaires/{draft.pk}/",
             f"{base}/questionnaires/{opened.pk}/", f"{base}/questionnaires/{opened.pk}/results/",
             f"{base}/questionnaires/{coded.pk}/", f"{base}/questionnaires/{coded.pk}/codes/",
             f"{base}/questionnaires/{coded.pk}/codes/sheet/"]
    problems: list[str] = []
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()

    def measure(url: str, status: int) -> None:
        report = check_page(page, url, route_of(url.split("?")[0]) or url, status)
        problems.extend(f"{url}: overflow {o}" for o in report.overflow)
        problems.extend(f"{url}: axe {v['impact']} {v['id']} ({v['help']}) at {v['nodes']}" for v in report.violations)

    for url in public:
        measure(url, page.goto(live_server.url + url).status)
    page.goto(live_server.url + public[0])
    page.click("main button[type=submit]")  # nothing answered: every required question says so
    page.wait_for_selector(".errorlist")
    measure(public[0] + " (errors)", 422)
    sign_in(page, live_server.url, world.office.username)
    page.wait_for_url(lambda url: "/login/" not in url)
    for url in staff:
        status = page.goto(live_server.url + url).status
        assert status == 200, url
        measure(url, status)
    context.close()
    assert not problems, "\n".join(problems)
