"""QR code → form on a phone → the office refers it → the unit answers → the person rates it on the
tracking page, in headless chromium (see people/tests/test_browser.py for set-up)."""

import shutil

import pytest

from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM}"),
]


def test_a_concern_goes_from_the_qr_form_to_the_persons_satisfaction(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("q", "联络测试市人民代表大会")
    base = f"{live_server.url}/c/{world.congress.code}"

    poster = browser.new_page()
    poster.goto(f"{base}/stations/{world.station.pk}/public/")
    link = poster.get_attribute("a[href$='/intake/']", "href")
    assert poster.query_selector(".qr svg") is not None

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    phone.goto(link)  # what scanning the code opens
    phone.select_option("#category", "交通出行")
    phone.fill("#text", "小区门口缺少人行横道")
    phone.fill("#person_name", "赵大妈")
    phone.fill("#person_contact", "13900000001")
    phone.click("form button")
    tracking_code = phone.inner_text("#tracking-code").strip()
    assert phone.inner_text("#status") == "待分办"
    assert phone.evaluate("document.documentElement.scrollWidth <= window.innerWidth")

    office = browser.new_context().new_page()
    sign_in(office, live_server.url, world.office.username)
    office.goto(f"{base}/concerns/")
    office.click("#queue a")
    assert "赵大妈" in office.content()
    office.select_option("select[name=path]", "referred")
    office.select_option("select[name=unit]", str(world.unit.pk))
    office.click("form[action$='/do/triage/'] button")
    office.wait_for_selector("text=承办单位办理中")

    unit = browser.new_context().new_page()
    sign_in(unit, live_server.url, world.users["unit_officer"].username)
    unit.goto(office.url)
    unit.fill("#answer", "已协调交警大队，本月施划人行横道")
    unit.click("form[action$='/do/answer/'] button")
    unit.wait_for_selector("text=已答复")

    phone.goto(f"{base}/track/{tracking_code}/")
    assert "本月施划人行横道" in phone.inner_text("#answer")
    phone.check("input[value=satisfied]")
    phone.click("form button")
    phone.wait_for_selector("text=您的评价：满意")
    assert phone.inner_text("#status") == "已反馈办结"
