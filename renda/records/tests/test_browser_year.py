"""A deputy's year on a phone (390 px), in a real browser: the deputy scans the activity's QR code
(the code screen's address with ?code=), signs in and sees themself present; sends a 代表直通车
item from the phone form; the office assigns it and the unit answers; the deputy finds the answer
in their inbox and 我的意见, and acknowledges it; the record page counts the activity and the item,
and the activity figure opens its source rows. No page scrolls sideways; each page is screenshotted
to /tmp/shots16/ (RENDA_SHOTS overrides)."""

import os
import shutil
from pathlib import Path

import pytest
from django.utils import timezone

from renda.activities import actions as activities
from renda.core.roles import Role
from renda.liaison import actions as liaison
from renda.liaison.models import Concern
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM}"),
]
SHOTS = Path(os.environ.get("RENDA_SHOTS", "/tmp/shots16"))


def look(page, name: str) -> None:
    """The page fits the phone (no sideways scrolling), and a screenshot is kept."""
    page.wait_for_load_state("load")
    width = page.evaluate("[document.documentElement.scrollWidth, document.documentElement.clientWidth]")
    assert width[0] <= width[1], f"{name}: the page is {width[0]}px wide in a {width[1]}px window"
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def figure(page, key: str) -> str:
    return page.locator(f"[data-figure={key}] strong").inner_text().strip()


def test_a_deputys_year_on_a_phone(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("y16", "履职手机测试市人民代表大会")
    c, person = world.congress, world.deputies[0].person
    activity = activities.create_activity(c, actor=world.office, kind="survey", topic="农村饮水安全专题调研",
                                          starts_at=timezone.now(), place="城关镇水厂")
    activities.add_participants(c, activity, actor=world.office, people=[person])
    base = f"{live_server.url}/c/{c.code}"
    page = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2,
                               is_mobile=True).new_page()
    sign_in(page, live_server.url, world.deputy.username)
    page.wait_for_url(lambda url: "/login/" not in url)

    # the QR code at the venue: the activity's page with the current code filled in
    page.goto(f"{base}/activities/{activity.pk}/?code={activities.sign_in_code(activity)}")
    look(page, "01-activity-sign-in")
    page.locator("form[action$='/do/sign_in/'] button[type=submit]").click()
    page.wait_for_selector("text=签到成功")
    assert "出席情况：出席" in page.inner_text("main") and "尚未回复" not in page.inner_text("main")
    assert page.locator("form[action$='/do/reply/']").count() == 0  # present: no 参加/请假 to answer any more
    look(page, "02-activity-signed-in")

    # 代表直通车 from the phone
    page.goto(f"{base}/opinions/direct-line/")
    look(page, "03-direct-line-form")
    page.select_option("#direct_category", index=1)
    page.fill("#direct_text", "村口路灯已坏三个月，夜间出行不便")
    page.fill("#direct_place", "东湖村")
    page.locator("#direct-line button[type=submit]").click()
    page.wait_for_selector("text=已送达常委会办公室")
    item = Concern.objects.in_congress(c).get(source=Concern.Source.DIRECT_LINE, raised_by=person)
    assert item.text == "村口路灯已坏三个月，夜间出行不便"
    look(page, "04-my-opinions-sent")

    # the office assigns it, the unit answers
    liaison.triage_concern(c, item, actor=world.office, path=Concern.Path.REFERRED, unit=world.unit)
    liaison.answer_concern(c, item, actor=world.users[Role.UNIT_OFFICER], answer="已更换路灯，夜间照明恢复")

    # the deputy's inbox says so; 我的意见 shows the answer; the deputy acknowledges it
    page.goto(f"{base}/")
    page.wait_for_selector("text=已答复您的意见，请确认")
    assert "待回复的活动通知" not in page.inner_text("main")  # signing in answered the notice
    look(page, "05-inbox")
    page.goto(f"{base}/opinions/mine/")
    assert "已更换路灯" in page.inner_text("main")
    look(page, "06-my-opinions-answered")
    page.locator(f"a[href$='/opinions/{item.pk}/']").first.click()
    page.wait_for_selector("#feedback")
    page.locator("#feedback input[value=satisfied]").check()
    page.locator("#feedback button[type=submit]").click()
    page.click("#confirm-ok")
    page.wait_for_selector("text=此件办结")
    item.refresh_from_db()
    assert (item.status, item.satisfaction) == (Concern.Status.CLOSED, "satisfied")
    look(page, "07-opinion-acknowledged")

    # the record counts the activity and the direct-line item, each traceable to its rows
    page.goto(f"{base}/records/mine/")
    assert (figure(page, "activities_attended"), figure(page, "register_items")) == ("1", "1")
    look(page, "08-record")
    page.locator("[data-figure=register_items]").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "08b-record-register-items.png"))
    page.locator("[data-figure=activities_attended]").click()
    page.wait_for_selector("text=农村饮水安全专题调研")
    look(page, "09-record-source")
