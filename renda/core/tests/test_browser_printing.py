"""Printing in a real browser (chromium, print media): only the page's own content and its print-only
heading reach the paper — no header, menus, buttons, forms or search box — and the PDF chromium
makes of the 签到表 and of a suggestion holds the names and the text."""

from __future__ import annotations

import io
import os
import shutil
import unicodedata

import pypdf
import pytest

from renda.liaison import actions as liaison
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401 (fixture)
from renda.proposals.tests.test_item_page import answered_long
from renda.testing import make_meeting, make_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM}"),
]

CHROME = ["header.top", "nav.menu", "header.top .site-search", "[data-print]", "main form"]


def pdf_text(data: bytes) -> str:
    # NFKC: the extracted text names some characters by their Kangxi radical (⽂ for 文).
    text = "".join("".join(page.extract_text().split()) for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    return unicodedata.normalize("NFKC", text)


def on_paper(page, name: str) -> bytes:
    page.emulate_media(media="print")
    for selector in CHROME:
        for element in page.locator(selector).all():
            assert not element.is_visible(), f"{selector} is printed"
    assert page.locator("main .print-header").is_visible()
    folder = os.environ.get("RENDA_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"print-{name}.png"), full_page=True)
    data = page.pdf(format="A4", print_background=False, prefer_css_page_size=True)
    if folder:
        with open(os.path.join(folder, f"print-{name}.pdf"), "wb") as out:
            out.write(data)
    assert data.startswith(b"%PDF")
    return data


def test_it_prints_the_sign_in_sheet_the_agenda_and_a_suggestion(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("w", "浏览器测试市人民代表大会")
    meeting = make_meeting(world, members=3, open_it=False)
    item = answered_long(world)
    liaison.set_up_station(world.congress, world.station, actor=world.root, opening_days="每周三", intake_open=True)
    page = browser.new_page(viewport={"width": 1200, "height": 900})
    sign_in(page, live_server.url, world.office.username)
    base = f"{live_server.url}/c/{world.congress.code}"

    page.goto(f"{base}/meetings/{meeting.pk}/sign-in-sheet/")
    assert page.locator("main [data-print]").is_visible()          # on the screen: the button, no heading
    assert not page.locator("main .print-header").is_visible()
    text = pdf_text(on_paper(page, "sign-in-sheet"))
    assert "会议签到表" in text and "李明" in text and "签名" in text and world.delegation.name in text
    assert "退出登录" not in text and "打印签到表" not in text and "搜索" not in text
    assert page.evaluate("getComputedStyle(document.querySelector('#sign-sheet thead')).display") == "table-header-group"

    page.emulate_media(media="screen")
    page.goto(f"{base}/meetings/{meeting.pk}/")
    text = pdf_text(on_paper(page, "meeting"))
    assert "会议议程和出席名单" in text and "出席名单" in text and "李明" in text
    assert "增加议程" not in text and "宣布开会" not in text   # folded forms and buttons stay on the screen

    page.emulate_media(media="screen")
    page.goto(f"{base}/suggestions/{item.pk}/")
    text = pdf_text(on_paper(page, "suggestion"))
    assert "代表议案建议及办理答复" in text and "全文到此为止" in text and "第1次答复" in text

    page.emulate_media(media="screen")
    page.goto(f"{base}/stations/{world.station.pk}/public/")
    on_paper(page, "poster")
    assert page.locator("main .qr svg").is_visible()

    page.emulate_media(media="screen")
    page.goto(f"{base}/suggestions/reports/")
    text = pdf_text(on_paper(page, "suggestion-report"))
    assert "议案建议办理统计" in text and "承办单位考评" in text
