"""sign-in → vote → hall screen, in headless chromium (see people/tests/test_browser.py for set-up)."""

import shutil
import time

import pytest

from renda.core.tenancy import congress_scope
from renda.meetings import actions as meeting_actions
from renda.meetings.models import RosterEntry
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_meeting, make_world, teller_keys
from renda.voting import actions

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM}"),
]


def test_a_member_signs_in_votes_and_the_screen_shows_the_result(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("v", "表决测试市人民代表大会")
    meeting = make_meeting(world, members=3, sign_in=0)
    with congress_scope(world.congress):
        code = meeting_actions.hall_code(meeting)
        others = [e.person for e in RosterEntry.objects.in_congress(world.congress).filter(meeting=meeting)
                  .exclude(person=world.deputies[0].person).select_related("person")]
    for person in others:  # a quorum is there; the deputy persona signs in on the phone
        meeting_actions.sign_in_at_desk(world.congress, meeting, actor=world.office, person=person)
    vote = actions.create_vote(world.congress, meeting, actor=world.office, title="关于城市绿化条例草案的表决")

    screen = browser.new_page()  # the hall screen, run by the office
    sign_in(screen, live_server.url, world.office.username)
    screen.goto(f"{live_server.url}/c/{world.congress.code}/votes/{vote.pk}/screen/")
    assert "尚未开始" in screen.inner_text("#tally")

    phone = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    sign_in(phone, live_server.url, world.deputy.username)
    phone.goto(f"{live_server.url}/c/{world.congress.code}/meetings/{meeting.pk}/")
    phone.fill("input[name=code]", code)
    phone.click("form[action$='/do/code/'] button")
    phone.wait_for_selector("text=签到成功")

    actions.open_vote(world.congress, vote, actor=world.office)
    screen.wait_for_selector("#counts", timeout=3000)
    phone.goto(f"{live_server.url}/c/{world.congress.code}/votes/{vote.pk}/")
    # During the roll call the member's phone shows no running counts (rule off by default).
    assert phone.locator("#counts").count() == 0 and "已表决 0 人" in phone.inner_text("#progress")
    phone.click("button[value=yes]")
    # This meeting allows no change of vote: the phone asks first, saying so.
    assert "不能更改" in phone.inner_text("#confirm-dialog")
    phone.click("#confirm-ok")
    phone.wait_for_selector("text=表决已提交")
    screen.wait_for_function("document.querySelector('#counts') && document.querySelector('#counts').innerText.includes('1')",
                             timeout=3000)

    actions.close_vote(world.congress, vote, actor=world.office, teller_keys=teller_keys(vote))
    closed_at = time.monotonic()
    screen.wait_for_selector("#result", timeout=1500)
    shown_after = time.monotonic() - closed_at
    assert shown_after < 1.0, f"the result reached the screen {shown_after:.2f} s after the close"
    assert "赞成1票" in screen.inner_text("#result")

    actions.announce_result(world.congress, vote, actor=world.office)
    screen.wait_for_selector("text=结果已宣布", timeout=3000)
    assert "赞成\n1" in screen.inner_text("#counts")  # the big numbers stay after the announcement
