"""Issue 12's "done when": a law-enforcement inspection (执法检查) run through the pages by the office at
1366 px — from this year's plan item to the report on a standing-committee meeting's agenda — with a
questionnaire answered on a phone (390 × 844, no account). The report's problems and recommendations
are records the API returns; the PDF and the .docx open and are read back.

People, committees and meetings are set up through the actions (renda.testing); every oversight step
is a click or a form fill. Set RENDA_OVERSIGHT_SHOTS=<dir> to also save screenshots of the plan, the
activity, the report editor and the public answer page at 390 and 1366 px."""

from __future__ import annotations

import datetime
import io
import os
import re
import shutil
from pathlib import Path
from typing import Any

import pytest
from django.test import Client
from django.utils import timezone

from renda.core.actions import issue_api_token
from renda.meetings import actions as meetings
from renda.meetings.models import Meeting
from renda.oversight.models import Activity, Plan, Report
from renda.people import actions as people
from renda.people.models import Organisation
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.questionnaires.models import Questionnaire, Response
from renda.testing import make_meeting, make_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM} "
                                                          "(apt-get install chromium)"),
]

OVERFLOW = "document.documentElement.scrollWidth - window.innerWidth"
LAW = "中华人民共和国食品安全法"
TITLE = "检查《中华人民共和国食品安全法》实施情况"
REPORT = "关于检查《中华人民共和国食品安全法》实施情况的报告"
PROBLEM = "校园食堂进货查验记录不全"
RECOMMENDATION = "压实学校食品安全主体责任"


def coming_session(world) -> Meeting:
    """A standing-committee session later this year (the report goes on its agenda; the plan item names it)."""
    c, root = world.congress, world.root
    committee = people.create_organisation(c, actor=root, kind=Organisation.Kind.STANDING_COMMITTEE, name="常务委员会")
    for mandate in world.deputies:
        people.add_membership(c, actor=root, organisation=committee, person=mandate.person, post="委员",
                              start=datetime.date(2022, 1, 10))
    now = timezone.localtime()
    year_end = now.replace(month=12, day=31, hour=20, minute=0, second=0, microsecond=0)
    starts = min(now + datetime.timedelta(days=10), year_end)
    if starts <= now + datetime.timedelta(hours=2):
        pytest.skip("no time left this year for a session after the report is released")
    meeting = meetings.create_meeting(c, actor=root, term=world.term, kind="sc_session", starts_at=starts,
                                      place="常委会会议室", organisation=committee)
    meetings.build_roster(c, meeting, actor=root)
    return meeting


def confirm(page) -> None:
    """Irreversible steps ask first in the app's <dialog> (renda.js, data-confirm): answer yes."""
    page.wait_for_selector("#confirm-dialog[open]")
    page.click("#confirm-ok")


def submit(page, selector: str) -> None:
    """A step that is kept as recorded may ask first; answer yes when it does."""
    page.click(selector)
    try:
        page.wait_for_selector("#confirm-dialog[open]", timeout=1500)
    except Exception:  # noqa: BLE001  (no dialog: the step did not ask)
        return
    page.click("#confirm-ok")


def pick(page, box: str, name: str) -> None:
    """The person picker: type part of the name, click the match."""
    page.fill(box, name[:1])
    page.click(f".picker-option[data-label='{name}']")


def settled(page) -> None:
    """Wait until htmx has swapped and settled whatever it was asked for."""
    page.wait_for_load_state()
    page.wait_for_function("!document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling, .htmx-added')")


def flat(text: str) -> str:
    """Text read back from a document, without the line breaks and spaces its layout put in."""
    return re.sub(r"\s+", "", text)


class Shots:
    """Screenshots for a person to look at (only when RENDA_OVERSIGHT_SHOTS names a folder)."""

    def __init__(self, browser, base: str, username: str):  # noqa: F811
        folder = os.environ.get("RENDA_OVERSIGHT_SHOTS", "")
        self.folder = Path(folder) if folder else None
        self.pages: dict[tuple[int, bool], Any] = {}
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        for width in (390, 1366):
            for signed in (True, False):
                context = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500)
                page = context.new_page()
                if signed:
                    sign_in(page, base, username)
                    page.wait_for_url(lambda url: "/login/" not in url)
                self.pages[(width, signed)] = page

    def take(self, name: str, url: str, *, signed: bool = True, open_details: bool = False) -> None:
        if self.folder is None:
            return
        for width in (390, 1366):
            page = self.pages[(width, signed)]
            page.goto(url)
            if open_details:
                for details in page.locator("details").all():
                    details.evaluate("d => d.open = true")
            page.screenshot(path=str(self.folder / f"oversight-{name}-{width}.png"), full_page=True)


def test_a_law_inspection_from_plan_item_to_the_agenda(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("oe", "监督测试市人民代表大会")
    c = world.congress
    today = timezone.localdate()
    session = coming_session(world)
    directors = make_meeting(world, kind="directors", members=3)
    site = f"{live_server.url}/c/{c.code}"
    staff = browser.new_context(viewport={"width": 1366, "height": 900}, accept_downloads=True).new_page()
    sign_in(staff, live_server.url, world.office.username)
    staff.wait_for_url(lambda url: "/login/" not in url)
    shots = Shots(browser, live_server.url, world.office.username)

    # 1. This year's plan: drafted, one law inspection arranged, approved by the directors' meeting, published.
    staff.goto(f"{site}/oversight/")
    staff.click("summary:has-text('起草年度监督工作计划')")
    assert staff.input_value("#id_year") == str(today.year)
    staff.click("button:has-text('起草')")
    staff.wait_for_selector("text=请逐项编排监督项目")
    plan = Plan.objects.in_congress(c).get(year=today.year)
    staff.click("#add-item summary")
    staff.select_option("#item_kind", "law_inspection")
    staff.fill("#item_title", TITLE)
    staff.select_option("#item_lead_committee", str(world.committee.pk))
    pick(staff, "#item_leader", "王芳")
    staff.fill("#item_month", str(today.month))
    staff.select_option("#item_meeting", str(session.pk))
    staff.click("#add-item button[type=submit]")
    staff.wait_for_selector(f"text=已增加项目“{TITLE}”")
    row = staff.inner_text("table.responsive tbody tr")
    assert "王芳" in row and session.title in row
    staff.click("summary:has-text('记录主任会议通过')")
    staff.select_option("#approve_meeting", str(directors.pk))
    staff.fill("#approve_approved_on", today.isoformat())
    staff.click("form[action$='/do/approve/'] button[type=submit]")
    confirm(staff)
    staff.wait_for_selector("text=通过本计划")
    staff.click("summary:has-text('公布计划')")
    staff.click("form[action$='/do/publish/'] button[type=submit]")
    confirm(staff)
    staff.wait_for_selector("text=计划已公布")
    shots.take("plan", staff.url)

    # 2. The inspection, started from the plan item with the law it checks.
    staff.click("a:has-text('组织执法检查')")
    assert staff.input_value("#id_title") == TITLE
    staff.fill("#id_laws", LAW)
    staff.click("button:has-text('开始筹备')")
    staff.wait_for_selector("text=请确定组成人员并制定方案")
    activity = Activity.objects.in_congress(c).get()
    assert activity.plan_item.plan_id == plan.pk and activity.laws == [LAW]
    activity_url = staff.url

    # 3. The team. A team without a leader is refused beside the leader's box, the people picked kept.
    staff.click("a:has-text('确定组成人员') >> nth=0")
    pick(staff, "#id_deputies", "李明")
    staff.click("button:has-text('保存')")
    leader_box = staff.locator("div:has(> label[for=id_leader])")
    leader_box.locator(".errorlist").wait_for()
    assert "调研（检查）组须有组长" in leader_box.inner_text()
    assert staff.locator("[data-name=deputies] .chip:has-text('李明')").count() == 1
    pick(staff, "#id_leader", "王芳")
    staff.click("button:has-text('保存')")
    staff.wait_for_selector("text=已确定调研（检查）组组成人员")

    # 4. The plan document with one stop. A stop outside the year is refused beside its date, all typed kept.
    staff.click("a:has-text('制定方案和行程') >> nth=0")
    staff.fill("#id_goals", "检查食品安全法实施情况，重点是校园食堂监管。")
    staff.fill("#id_starts_on", today.isoformat())
    staff.fill("#id_ends_on", today.isoformat())
    staff.fill("#id_stop_0_day", f"{today.year + 1}-01-05")
    staff.fill("#id_stop_0_county", "东湖县")
    staff.fill("#id_stop_0_site", "东湖县第一中学食堂")
    staff.click("button:has-text('保存方案')")
    day_cell = staff.locator("td:has(#id_stop_0_day)")
    day_cell.locator(".errorlist").wait_for()
    assert f"不在 {today.year} 年度内" in day_cell.inner_text()
    assert staff.input_value("#id_goals") == "检查食品安全法实施情况，重点是校园食堂监管。"
    assert staff.input_value("#id_stop_0_site") == "东湖县第一中学食堂"
    assert staff.input_value("#id_stop_0_day") == f"{today.year + 1}-01-05"
    staff.fill("#id_stop_0_day", today.isoformat())
    staff.click("button:has-text('保存方案')")
    staff.wait_for_selector("text=已保存方案和行程")

    # 5. Into the field.
    staff.click("button:has-text('开始执法检查')")
    confirm(staff)
    staff.wait_for_selector("text=调研（检查）已开始")

    # 6. A questionnaire: one single-choice and one scale question, opened, attached to the inspection.
    staff.goto(f"{site}/questionnaires/new/")
    staff.fill("#id_title", "食品安全满意度问卷")
    staff.click("main button[type=submit]")
    staff.wait_for_selector("#question-editor")
    staff.fill("#id_questions-0-text", "您对本地食品安全状况是否满意？")
    staff.fill("#id_questions-0-choices", "满意\n基本满意\n不满意")
    staff.click("button[name=add]")  # the editor comes back with one more row (htmx, or a page)
    staff.wait_for_selector("#id_questions-1-text")
    settled(staff)
    assert staff.locator("#question-editor").count() == 1  # the old editor was replaced, not left beside the new one
    staff.fill("#id_questions-1-text", "请为学校食堂的食品安全打分")
    staff.select_option("#id_questions-1-kind", "scale")
    staff.click("button[name=save] >> nth=-1")
    staff.wait_for_selector("text=已保存 2 道题目")
    staff.click("text=发布问卷")
    confirm(staff)
    staff.wait_for_selector("#qr svg")
    survey = Questionnaire.objects.in_congress(c).get()
    single, scale = survey.questions.order_by("order")
    staff.goto(activity_url)
    staff.click("a:has-text('附加问卷')")
    staff.select_option("#questionnaire_questionnaire", label="食品安全满意度问卷")
    submit(staff, "button:has-text('附加')")
    staff.wait_for_selector("text=已附加问卷：食品安全满意度问卷")

    # 7. Someone scans the QR code: a phone, no account.
    answer_url = f"{site}/q/{survey.link_code}/"
    shots.take("answer", answer_url, signed=False)
    phone = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2, is_mobile=True).new_page()
    phone.goto(answer_url)
    phone.wait_for_selector("form.qn-form")
    assert phone.evaluate(OVERFLOW) <= 0
    phone.click(f"label[for=f_q{single.pk}_1]")
    phone.click(f"#q-{scale.pk} label:has-text('4')")
    phone.click("main button[type=submit]")
    phone.wait_for_selector("#thanks")
    assert "感谢您的参与" in phone.inner_text("#thanks")
    assert phone.evaluate(OVERFLOW) <= 0
    phone.context.close()
    assert Response.objects.in_congress(c).filter(questionnaire=survey).count() == 1

    # 8. A site visit by a team member.
    staff.goto(activity_url)
    staff.click("a:has-text('记录实地察看')")
    staff.fill("#visit_day", today.isoformat())
    staff.fill("#visit_county", "东湖县")
    staff.fill("#visit_place", "东湖县第一中学食堂")
    staff.fill("#visit_observations", "查看进货查验记录和留样柜，部分记录缺失。")
    pick(staff, "#visit_visitors", "李明")
    submit(staff, "button:has-text('保存')")
    staff.wait_for_selector("text=已记录实地察看")
    assert "已收 1 份答卷" in staff.inner_text("#fieldwork")
    shots.take("activity", activity_url, open_details=True)

    # 9. The report: drafted, a problem and the recommendation that answers it, a figure from the questionnaire.
    staff.click("#report summary:has-text('开始起草报告')")
    assert staff.input_value("#id_title") == f"关于{TITLE}的报告"
    staff.fill("#id_title", REPORT)
    staff.fill("#id_situation", "检查组实地察看了学校食堂，收回问卷{{responses}}。")  # the unit comes with the figure
    staff.click("button:has-text('开始起草')")
    staff.wait_for_selector("text=报告已开始起草")
    report = Report.objects.in_congress(c).get()
    editor_url = staff.url
    staff.click("summary:has-text('新增问题或建议')")
    staff.select_option("#id_new-kind", "problem")
    staff.fill("#id_new-heading", PROBLEM)
    staff.fill("#id_new-text", "个别学校食堂进货查验记录不全，留样不规范。")
    staff.select_option("#id_new-site_visit", index=1)
    staff.click("form[action$='/do/finding/'] button:has-text('记录')")
    staff.wait_for_selector(f"text=已记录存在的问题“{PROBLEM}”")
    staff.click("summary:has-text('新增问题或建议')")
    staff.select_option("#id_new-kind", "recommendation")
    staff.fill("#id_new-heading", RECOMMENDATION)
    staff.fill("#id_new-text", "落实校长陪餐和食堂日常检查制度。")
    staff.select_option("#id_new-addresses", index=1)
    staff.click("form[action$='/do/finding/'] button:has-text('记录') >> nth=-1")
    staff.wait_for_selector(f"text=已记录意见建议“{RECOMMENDATION}”")
    figure_form = staff.locator("form[action$='/do/figure/']")
    staff.click("summary:has-text('标注或修改数据')")
    figure_form.locator("#id_key").fill("responses")
    figure_form.locator("#id_label").fill("收回问卷")
    figure_form.locator("#id_unit").fill("份")
    figure_form.locator("#id_source").select_option("questionnaire")
    figure_form.locator("#id_questionnaire").select_option(label="食品安全满意度问卷")
    figure_form.locator("#id_measure").select_option("responses")
    figure_form.locator("button:has-text('标注')").click()
    staff.wait_for_selector("text=已标注")
    figure_row = staff.locator("tr:has(code:text-is('responses'))")
    assert figure_row.locator("td[data-label='数字']").inner_text().strip() == "1份"
    assert "现为 1" in figure_row.inner_text()
    assert "收回问卷1份。" in flat(staff.locator("details:has-text('按打印效果预览')").text_content())
    shots.take("report-editor", editor_url, open_details=True)

    # 10. Finalised (it asks first), then handed to the session.
    staff.click("form[action$='/do/finalise/'] button:has-text('定稿')")
    assert "定稿后" in staff.inner_text("#confirm-dialog")
    staff.click("#confirm-ok")
    staff.wait_for_selector("text=报告已定稿")
    staff.select_option("#id_meeting", str(session.pk))
    release = timezone.localtime() + datetime.timedelta(hours=1)
    staff.fill("#id_release_at", release.strftime("%Y-%m-%dT%H:%M"))
    staff.click("button:has-text('提请审议')")
    confirm(staff)
    staff.wait_for_selector(f"text=已提请{session.title}审议")
    report.refresh_from_db()
    activity.refresh_from_db()
    assert report.status == Report.Status.FINAL and activity.status == Activity.Status.ON_AGENDA

    # The session's page lists the item.
    staff.goto(f"{site}/meetings/{session.pk}/")
    assert f"听取和审议{REPORT}" in staff.inner_text("main")

    # The problems and recommendations are records the API returns.
    token = issue_api_token(c, actor=world.office, name="检查")[1]
    found = Client().get(f"/api/oversight/reports/{report.pk}/findings", HTTP_AUTHORIZATION=f"Bearer {token}")
    assert found.status_code == 200, found.content
    body = found.json()
    assert [f["heading"] for f in body["problems"]] == [PROBLEM]
    assert [f["heading"] for f in body["recommendations"]] == [RECOMMENDATION]
    assert body["recommendations"][0]["addresses_id"] == body["problems"][0]["id"]
    assert body["problems"][0]["site_visit_id"] is not None

    # The report as PDF and .docx, downloaded through the editor's links and read back.
    from docx import Document as Docx
    from pypdf import PdfReader

    staff.goto(editor_url)
    with staff.expect_download() as pdf_download:
        staff.click("a:has-text('报告 PDF')")
    pdf_bytes = Path(pdf_download.value.path()).read_bytes()
    assert pdf_bytes.startswith(b"%PDF")
    pdf_text = flat("".join(page.extract_text() or "" for page in PdfReader(io.BytesIO(pdf_bytes)).pages))
    with staff.expect_download() as docx_download:
        staff.click("a:has-text('报告 Word')")
    document = Docx(docx_download.value.path())
    docx_text = flat("".join(p.text for p in document.paragraphs)
                     + "".join(cell.text for table in document.tables for r in table.rows for cell in r.cells))
    for text in (pdf_text, docx_text):
        assert flat(REPORT) in text
        assert PROBLEM in text
