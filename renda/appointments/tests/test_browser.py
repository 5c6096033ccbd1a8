"""An appointment walked through the pages in a real browser at 390 px: the 任免案 registered, the
nominee listed, submitted by the directors' meeting, put to the vote (the vote itself is run on the
voting engine), decided, the 任命书 issued, the oath recorded, the register showing the appointee in
office — nothing past the screen edge, each irreversible step asking first."""

import datetime

import pytest

from renda.appointments.models import AppointmentBill, Nominee
from renda.appointments.tests.fixtures import bodies, directors, run_vote, sitting
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world
from renda.voting.models import Vote

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


def _confirm(page, button):
    """Click a button whose form asks first, and say yes in the dialog."""
    asked = []
    page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.accept()))
    page.locator(button).click()
    ok = page.locator("#confirm-ok")
    try:
        ok.wait_for(state="visible", timeout=2000)
        ok.click()
    except Exception:  # noqa: BLE001  (a native confirm() was answered above)
        assert asked
    page.wait_for_load_state()


def test_an_appointment_from_bill_to_oath_through_the_pages(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("y", "示例丙市人民代表大会")
    c = world.congress
    session = sitting(world, members=3, sign_in=3)
    meeting_of_directors = directors(world)
    gov = bodies(world)["government"]
    base = f"{live_server.url}/c/{c.code}/appointments/"
    page = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    sign_in(page, live_server.url, world.office.username)

    page.goto(base + "new/")
    page.select_option("#id_proposer", "government")
    page.select_option("#id_meeting", str(session.pk))
    page.click("main button[type=submit]")
    page.wait_for_selector("text=“标题”必须填写")  # refused, input kept
    assert page.input_value("#id_proposer") == "government"
    page.fill("#id_title", "示例丙市人民政府关于提请任免职务的议案")
    page.click("main button[type=submit]")
    page.wait_for_selector("h1:has-text('关于提请任免职务的议案')")
    bill = AppointmentBill.objects.in_congress(c).get()
    assert page.evaluate(OVERFLOW) <= 0

    page.select_option("#nominee_action", "appoint")
    page.select_option("#nominee_organisation", str(gov.pk))
    page.select_option("#nominee_post", "副市长")
    page.fill("#nominee_name", "林新任")
    page.select_option("#nominee_sex", "女")
    page.fill("#nominee_resume", "1999年参加工作，历任……")
    page.fill("#nominee_statement", "如获任命，我将依法履职。")
    page.click("button:has-text('列入')")
    page.wait_for_selector("td:has-text('林新任')")

    page.locator("summary:has-text('主任会议提请常委会审议')").click()
    page.select_option("#submit_directors_meeting", str(meeting_of_directors.pk))
    _confirm(page, "button:has-text('提请常委会审议')")
    page.wait_for_selector("#bill-status:has-text('已提请')")
    _confirm(page, "button:has-text('逐人提请表决')")
    page.wait_for_selector("#bill-status:has-text('表决中')")

    vote = Vote.objects.in_congress(c).get(pk=Nominee.objects.in_congress(c).get(bill=bill).vote_id)
    run_vote(world, vote, 3)
    page.reload()
    assert page.evaluate(OVERFLOW) <= 0
    page.locator("summary:has-text('根据表决结果作出任免决定')").click()
    _confirm(page, "button:has-text('作出任免决定')")
    page.wait_for_selector("#bill-status:has-text('已决定')")
    _confirm(page, "button:has-text('签发任命书')")
    page.wait_for_selector("text=任命书已签发")
    assert page.locator("a:has-text('PDF')").count() == 1
    assert page.evaluate(OVERFLOW) <= 0

    page.goto(base + "register/")
    assert page.locator("span.tag:has-text('待宣誓')").count() == 1
    assert page.evaluate(OVERFLOW) <= 0

    page.goto(base + "oaths/new/")
    page.select_option("#id_meeting", str(session.pk))
    page.fill("#id_held_on", datetime.date.today().isoformat())
    page.fill("input[name=leader]", "王芳")
    page.check("input[name=persons]")
    page.fill("#id_attendance", "3")
    assert page.evaluate(OVERFLOW) <= 0
    _confirm(page, "button:has-text('记录宣誓')")
    page.wait_for_selector("#oath-text:has-text('我宣誓：忠于中华人民共和国宪法')")
    assert page.evaluate(OVERFLOW) <= 0
    page.goto(base + "register/")
    assert page.locator("span.tag:has-text('在任')").count() == 1
    assert page.evaluate(OVERFLOW) <= 0
