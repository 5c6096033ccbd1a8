"""Inquiry, questioning and investigation pages in a real browser at 390 px and 1366 px: nothing past
the screen edge; a refused filing shows the rule and keeps the questioning as it was."""

import os

import pytest

from renda.oversight.actions import inquiries
from renda.oversight.tests.permission_calls_inquiries import (
    answered,
    answered_questioning,
    established_investigation,
    signed_questioning,
)
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
SHOTS = os.environ.get("RENDA_SCREENSHOTS")  # a folder to keep the screenshots in, when looking at them


@pytest.mark.parametrize("width", [390, 1366])
def test_the_pages_fit(transactional_db, live_server, browser, width):  # noqa: F811
    world = make_world("i", "浏览器询问市人民代表大会")
    c = world.congress
    question = answered(world)
    inquiries.rate_inquiry_answer(c, question, actor=world.office, satisfaction="basic")
    inquiries.write_inquiry_summary(c, question.inquiry, actor=world.office, summary="常委会组成人员围绕义务教育提出询问。" * 4)
    answered_q = answered_questioning(world)
    short = signed_questioning(world, signers=4)
    inv = established_investigation(world)
    page = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    sign_in(page, live_server.url, world.office.username)
    base = f"{live_server.url}/c/{c.code}/oversight/"
    for name, address in [("inquiries", "inquiries/"), ("inquiry", f"inquiries/{question.inquiry_id}/"),
                          ("inquiry_summary", f"inquiries/{question.inquiry_id}/summary/"),
                          ("questionings", "questionings/"), ("questioning", f"questionings/{answered_q.pk}/"),
                          ("investigations", "investigations/"), ("investigation", f"investigations/{inv.pk}/"),
                          ("evidence", f"investigations/{inv.pk}/evidence/")]:
        page.goto(base + address)
        for details in page.locator("details").all():
            details.evaluate("d => d.open = true")
        assert page.evaluate(OVERFLOW) <= 0, name
        if SHOTS:
            page.screenshot(path=f"{SHOTS}/{name}-{width}.png", full_page=True)
    page.goto(base + f"questionings/{short.pk}/")
    page.locator("button:has-text('提出质询案')").click()
    page.wait_for_selector("#confirm-dialog[open]")
    assert "确定提出质询案" in page.inner_text("#confirm-text")  # asked first
    page.click("#confirm-ok")
    page.wait_for_selector("text=联名人数不足")
    assert "现有 4 人" in page.content()
    assert page.evaluate(OVERFLOW) <= 0
