"""On a phone: the entry page → the concern form (a wrong input comes back filled) → the tracking
code; the office triages (asked first, the unit chosen) → the unit answers → the person types the
code with one digit wrong, is told so, corrects it and rates the answer. In headless chromium (see
people/tests/test_browser.py for set-up). RENDA_SHOTS=<dir> keeps screenshots of each page."""

import os
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from renda.liaison import actions
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM}"),
]
SHOTS = os.environ.get("RENDA_SHOTS")


def shot(page, name):
    if SHOTS:
        Path(SHOTS).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=f"{SHOTS}/{name}.png", full_page=True)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_concern_goes_from_the_entry_page_to_the_persons_satisfaction(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("q", "联络测试市人民代表大会")
    actions.set_up_station(world.congress, world.station, actor=world.office, area="临河区", opening_days="每周二、周四上午")
    base = f"{live_server.url}/c/{world.congress.code}"

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    phone.goto(f"{base}/liaison/")
    assert "每周二、周四上午" in phone.inner_text("#stations")
    assert phone.get_attribute("#track_code", "inputmode") == "numeric"
    shot(phone, "1-entry-390")
    assert fits(phone)
    phone.select_option("#intake_station", str(world.station.pk))
    phone.select_option("#intake_category", "交通出行")
    phone.fill("#intake_text", "小区门口缺少人行横道")
    phone.fill("#intake_person_name", "赵大妈")
    phone.click("#concern button[type=submit]")
    # No contact given and not anonymous: the page comes back with the error beside it, the rest kept.
    assert "请填写姓名和联系方式" in phone.inner_text("#intake_person_contact_error")
    assert phone.input_value("#intake_text") == "小区门口缺少人行横道"
    assert phone.input_value("#intake_person_name") == "赵大妈"
    shot(phone, "2-form-error-390")
    assert fits(phone)
    phone.fill("#intake_person_contact", "13900000001")
    phone.click("#concern button[type=submit]")
    tracking_code = phone.inner_text("#tracking-code").replace(" ", "")
    assert len(tracking_code) == 11 and tracking_code.isdigit()
    assert phone.inner_text("#status") == "已收到" and phone.inner_text("#expected")
    shot(phone, "3-tracking-new-390")
    assert fits(phone)

    office_context = browser.new_context(viewport={"width": 1366, "height": 900})
    office = office_context.new_page()
    sign_in(office, live_server.url, world.office.username)
    office.goto(f"{base}/concerns/")
    office.click("#queue a")
    # the click starts a navigation; the assertion retries until the concern's page has loaded
    expect(office.locator("main")).to_contain_text("赵大妈")
    office.select_option("#triage_unit", str(world.unit.pk))
    office.click("button[value=referred]")
    assert "转交所选承办单位" in office.inner_text("#confirm-text")  # asked first
    shot(office, "4-triage-confirm-1366")
    office.click("#confirm-ok")
    office.wait_for_selector("text=已分办：上报办，由教育局办理")
    shot(office, "5-concern-office-1366")

    unit = browser.new_context().new_page()
    sign_in(unit, live_server.url, world.users["unit_officer"].username)
    unit.goto(office.url)
    unit.fill("#answer_answer", "已协调交警大队，本月施划人行横道")
    unit.click("#answer-form button")
    unit.click("#confirm-ok")
    unit.wait_for_selector("text=已答复，反映人可凭查询码查看并评价")

    phone.goto(f"{base}/liaison/")
    typo = tracking_code[:5] + str((int(tracking_code[5]) + 1) % 10) + tracking_code[6:]
    phone.fill("#track_code", typo)
    phone.click("#track button[type=submit]")
    assert "查询码有误，请核对" in phone.inner_text("#track_code_error")
    assert phone.input_value("#track_code") == typo
    shot(phone, "6-mistyped-code-390")
    phone.fill("#track_code", tracking_code)
    phone.click("#track button[type=submit]")
    assert "本月施划人行横道" in phone.inner_text("#answer")
    assert phone.inner_text("#status") == "已答复"
    shot(phone, "7-tracking-answered-390")
    assert fits(phone)
    phone.check("input[value=satisfied]")
    phone.click("form[data-confirm] button[type=submit]")
    phone.click("#confirm-ok")
    phone.wait_for_selector("text=您的评价：满意")
    assert phone.inner_text("#status") == "已办结"
