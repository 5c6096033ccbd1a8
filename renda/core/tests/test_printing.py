"""Pages people print: print.css hides the site around the content, and each printed page carries a
打印 button and a print-only heading (congress, title, date); the meeting's 签到表 is a page of its
own for the staff at the desk."""

from __future__ import annotations

import re
from pathlib import Path

from django.utils import timezone

from renda.liaison import actions as liaison
from renda.proposals.tests.test_item_page import answered_long
from renda.testing import make_meeting, signed_in

PRINT_CSS = Path(__file__).resolve().parents[2] / "static" / "renda" / "print.css"


def hidden_selectors(css: str) -> set[str]:
    selectors: set[str] = set()
    for block in re.finditer(r"([^{}]+)\{([^}]*)\}", re.sub(r"/\*.*?\*/", "", css, flags=re.S)):
        if "display: none" in block.group(2):
            selectors |= {s.strip() for s in block.group(1).split(",")}
    return selectors


def printable(html: str) -> bool:
    return "print-header" in html and "data-print" in html and "onclick" not in html


def test_it_hides_the_site_around_the_content_on_paper():
    css = PRINT_CSS.read_text(encoding="utf-8")
    hidden = hidden_selectors(css)
    for selector in ("header.top", "nav", ".menu", ".area-tabs", "button", ".button", "form", ".filters", ".messages",
                     ".site-search", ".no-print", ".noprint", "details:has(form)"):
        assert selector in hidden, selector
    assert re.search(r"@page\s*\{[^}]*size:\s*A4[^}]*margin:", css)
    assert "thead { display: table-header-group; }" in css
    assert re.search(r"tr[^{]*\{[^}]*break-inside: avoid", css)
    assert re.search(r"h1, h2, h3, h4 \{[^}]*break-after: avoid", css)
    assert re.search(r"a, a:visited \{[^}]*color: #000", css)
    assert re.search(r"background: #fff !important; color: #000 !important", css)
    assert re.search(r'a\[href\^="http"\][^{]*::after \{ content: " \(" attr\(href\) "\)"', css)


def test_it_links_the_print_stylesheet_for_print_only(world_a):
    html = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/meetings/").content.decode()
    assert re.search(r'<link rel="stylesheet" href="[^"]*renda/print\.css" media="print">', html)


def test_it_prints_a_suggestion_with_its_answers(world_a, world_b):
    item = answered_long(world_a)
    url = f"/c/{world_a.congress.code}/suggestions/{item.pk}/"
    page = signed_in(world_a.deputy).get(url)
    html = page.content.decode()
    assert page.status_code == 200 and printable(html)
    assert "代表议案建议及办理答复" in html and "全文到此为止" in html
    # An answered item is public: another congress's staff read it as the public do, without the tools.
    other = signed_in(world_b.office).get(url).content.decode()
    assert "review-tools" not in other and "assign-tools" not in other


def test_it_prints_the_meetings_agenda_and_roster_for_the_staff(world_a, world_b):
    meeting = make_meeting(world_a, members=3)
    url = f"/c/{world_a.congress.code}/meetings/{meeting.pk}/"
    html = signed_in(world_a.office).get(url).content.decode()
    assert printable(html) and 'id="roster"' in html and "李明" in html
    assert world_a.delegation.name in html.split('id="roster"')[1]
    assert f"/meetings/{meeting.pk}/sign-in-sheet/" in html
    deputy = signed_in(world_a.deputy).get(url).content.decode()
    assert printable(deputy) and 'id="roster"' not in deputy and "sign-in-sheet" not in deputy
    other = signed_in(world_b.office).get(url)   # another congress's staff: no roster, whatever the page shows
    assert other.status_code in (403, 404) or 'id="roster"' not in other.content.decode()


def test_it_gives_the_desk_a_sign_in_sheet(world_a, world_b):
    meeting = make_meeting(world_a, members=3, open_it=False)
    url = f"/c/{world_a.congress.code}/meetings/{meeting.pk}/sign-in-sheet/"
    sheet = signed_in(world_a.office).get(url)
    html = sheet.content.decode()
    assert sheet.status_code == 200 and printable(html)
    body = html.split('id="sign-sheet"')[1].split("</table>")[0]
    assert body.count("<tr>") == 1 + 3   # the header and one row a member
    assert "李明" in body and world_a.delegation.name in body and 'class="signature"' in body
    assert "会议签到表" in html and meeting.title in html
    assert signed_in(world_a.deputy).get(url).status_code == 403
    assert signed_in(world_a.public).get(url).status_code == 403
    assert signed_in(world_b.office).get(url).status_code in (403, 404)
    assert signed_in(world_a.office).get(f"/c/{world_a.congress.code}/meetings/99999/sign-in-sheet/").status_code == 404


def test_it_prints_the_station_poster_with_its_qr_code(world_a, world_b):
    c = world_a.congress
    liaison.set_up_station(c, world_a.station, actor=world_a.root, opening_days="每周三", intake_open=True)
    url = f"/c/{c.code}/stations/{world_a.station.pk}/public/"
    html = signed_in(world_a.public).get(url).content.decode()
    assert printable(html) and "<svg" in html.split('class="qr"')[1] and "打印海报" in html
    assert f"/c/{c.code}/stations/{world_a.station.pk}/intake/" in html   # the QR code's address, printed as text


def test_it_prints_the_statistics(world_a, world_b):
    c, year = world_a.congress, timezone.localdate().year
    office = signed_in(world_a.office)
    for url, title in ((f"/c/{c.code}/suggestions/reports/?year={year}", "议案建议办理统计"),
                       (f"/c/{c.code}/liaison/statistics/?year={year}", "代表联络站工作统计")):
        page = office.get(url)
        html = page.content.decode()
        assert page.status_code == 200 and printable(html), url
        header = html.split('class="print-only print-header"')[1].split("</div>")[0]
        assert title in header and f"{year}年" in header and c.name in header
        assert signed_in(world_a.public).get(url).status_code in (403, 404)
        assert signed_in(world_b.office).get(url).status_code in (403, 404)
