"""Work reports from filing to closure in a real browser, each step by the role who takes it:

the office schedules two special work reports for a standing-committee session; the education
bureau's officer files one on time and one late (the late one flagged on its page and in the
directors' meeting's box); the committee's preliminary review; a member's speech; the office starts
the satisfaction evaluation and records its outcome (不满意, with the report-again deadline); review
opinions drafted from the deliberation, approved at a directors' meeting and sent with a reply due and
one point on the rectification list; the bureau's reply, published and shown on the public page; the
rectification item's progress, a closure asked without evidence (refused, the text kept), then with
evidence, accepted by the committee's staff (已销号). Nothing runs past the screen edge on any page.

The story spans weeks: the test runs it on a clock (``Clock``) that moves ``django.utils.timezone.now``
for the live server, so that the bureau can file once 25 days and once 12 days before the session and
the office send the opinion after the session and the directors' meeting. The vote itself is cast
through the voting actions (its pages have their own browser tests); everything else goes through
the pages."""

from __future__ import annotations

import datetime
import os
import time

import pytest
from django.utils import timezone

from renda.core.roles import Role
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
SHOTS = os.environ.get("RENDA_SCREENSHOTS")  # a folder to keep the pages' screenshots in, when set
# The whole story takes about three minutes a width on SQLite, so the phone width runs only when asked
# for (RENDA_CHAIN_NARROW=1); the pages' own browser tests check 390 px each.
WIDTHS = [1366, 390] if os.environ.get("RENDA_CHAIN_NARROW") else [1366]
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n" \
      b"trailer<</Root 1 0 R>>\n%%EOF\n"


class Clock:
    """``timezone.now`` moved to a chosen moment (and running on from it); ``back()`` returns to the
    real time. The live server runs in this process, so its pages see the same clock."""

    def __init__(self, monkeypatch):
        self.real = timezone.now
        self.offset = datetime.timedelta(0)
        monkeypatch.setattr(timezone, "now", lambda: self.real() + self.offset)

    def at(self, moment: datetime.datetime) -> None:
        self.offset = moment - self.real()

    def back(self) -> None:
        self.offset = datetime.timedelta(0)


def _look(page, name: str, width: int) -> None:
    """Every <details> open, nothing past the right edge; a screenshot when asked for."""
    for details in page.locator("details").all():
        details.evaluate("d => d.open = true")
    assert page.evaluate(OVERFLOW) <= 0, f"{name} runs past the screen edge at {width} px"
    if SHOTS:
        page.screenshot(path=f"{SHOTS}/chain_{name}_{width}.png", full_page=True)


def _confirm(page, button) -> None:
    """Click a button whose form asks first (data-confirm) and say yes in the dialog."""
    button.click()
    page.locator("#confirm-ok").click()
    page.wait_for_load_state()


def _open_session(world, meeting) -> None:
    from renda.meetings import actions as meeting_actions
    from renda.meetings.models import RosterEntry

    meeting_actions.open_meeting(world.congress, meeting, actor=world.root)
    for entry in RosterEntry.objects.in_congress(world.congress).filter(meeting=meeting, voting=True).order_by("id"):
        meeting_actions.sign_in_at_desk(world.congress, meeting, actor=world.root, person=entry.person)


def _vote_unsatisfied(world, report) -> None:
    """The satisfaction vote held at the session: three of five 不满意 (more than half)."""
    from renda.testing import teller_keys, voters
    from renda.voting import actions as voting
    from renda.voting.models import Vote

    vote = Vote.objects.in_congress(world.congress).get(pk=report.evaluation_id)
    voting.open_vote(world.congress, vote, actor=world.office)
    ratings = ["不满意", "不满意", "不满意", "满意", "基本满意"]
    for user, rating in zip(voters(vote.meeting), ratings, strict=True):
        voting.cast_ballot(world.congress, vote, actor=user, content={"rating": rating})
    voting.close_vote(world.congress, vote, actor=world.office, teller_keys=teller_keys(vote))
    voting.announce_result(world.congress, vote, actor=world.office)


@pytest.mark.parametrize("width", WIDTHS)
def test_a_work_report_from_filing_to_closure(transactional_db, live_server, browser, monkeypatch, width):  # noqa: F811, PLR0915
    from renda.core.rules import add_months
    from renda.meetings.models import Meeting
    from renda.oversight.models import ReviewOpinion, WorkReport
    from renda.rectification.models import RectificationItem
    from renda.testing import make_meeting

    started = time.monotonic()
    world = make_world("chain", "浏览器监督全流程市人民代表大会")
    c, base = world.congress, f"{live_server.url}/c/{world.congress.code}"
    clock = Clock(monkeypatch)
    today = timezone.localdate()
    session_at = timezone.make_aware(datetime.datetime.combine(today - datetime.timedelta(days=3), datetime.time(9)))
    session_day = timezone.localdate(session_at)

    def page_as(user):
        page = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
        page.set_default_timeout(60000)
        sign_in(page, live_server.url, user.username)
        page.wait_for_load_state()
        return page

    # ---- 25 days before the session: the office schedules two reports, the bureau files one on time
    clock.at(session_at - datetime.timedelta(days=25))
    session = make_meeting(world, kind="sc_session", members=5, open_it=False, starts_at=session_at)
    # the directors' meeting that prepares the session (its page shows the coming reports' filing) and
    # the one after the session that approves the review opinion
    planning = make_meeting(world, kind="directors", members=3, open_it=False,
                            starts_at=session_at - datetime.timedelta(days=10))
    directors = make_meeting(world, kind="directors", members=3, open_it=False,
                             starts_at=session_at + datetime.timedelta(days=1))
    office = page_as(world.office)
    titles = ["关于全市义务教育优质均衡发展情况的报告", "关于全市学前教育普及普惠情况的报告"]
    reports = []
    for title in titles:
        office.goto(f"{base}/oversight/work-reports/new/")
        _look(office, "schedule", width)
        office.fill("#id_title", title)
        office.select_option("#id_kind", "special")
        office.select_option("#id_body", str(world.unit.pk))
        office.select_option("#id_meeting", str(session.pk))
        office.select_option("#id_committee", str(world.committee.pk))
        office.fill("#id_reporter", "副市长 李某")
        office.click("button[type=submit]:has-text('保存'), main button[type=submit]")
        office.wait_for_selector("text=已安排听取该报告")
        reports.append(WorkReport.objects.in_congress(c).get(title=title))
    on_time, late = reports
    assert all(r.status == WorkReport.Status.EXPECTED and r.meeting_id == session.pk for r in reports)

    unit = page_as(world.users[Role.UNIT_OFFICER])
    unit.goto(f"{base}/oversight/work-reports/{on_time.pk}/")
    assert unit.locator("text=待报送").count() >= 1
    unit.click("a:has-text('报送报告')")
    _look(unit, "file_on_time", width)
    unit.fill("#id_summary", "一、基本情况\n二、存在的问题\n三、下一步工作")
    unit.click("main button[type=submit]")
    unit.wait_for_selector("text=报告已报送")
    assert unit.locator("#late-flag").count() == 0
    assert unit.locator("text=按期报送").count() >= 1
    _look(unit, "filed_on_time", width)

    # ---- 12 days before: the other one, late (the committee's 20 days missed by 8)
    clock.at(session_at - datetime.timedelta(days=12))
    unit.goto(f"{base}/oversight/work-reports/{late.pk}/")
    assert unit.locator("text=未报送，已逾期 8 日").count() >= 1
    unit.click("a:has-text('报送报告')")
    unit.fill("#id_summary", "一、基本情况\n二、存在的问题")
    unit.fill("#id_late_reason", "部分县区数据核实耗时")
    unit.click("main button[type=submit]")
    unit.wait_for_selector("#late-flag")
    flag = unit.inner_text("#late-flag")
    assert "逾期报送 8 日" in flag and "部分县区数据核实耗时" in flag
    _look(unit, "filed_late", width)

    office.goto(f"{base}/meetings/{planning.pk}/")
    box = office.locator("#work-reports-box")
    assert box.count() == 1
    late_row = box.locator("tr", has_text=titles[1])
    assert "逾期报送 8 日" in late_row.inner_text() and "部分县区数据核实耗时" in late_row.inner_text()
    assert late_row.locator(".tag.late").count() == 1
    assert "按期报送" in box.locator("tr", has_text=titles[0]).inner_text()
    _look(office, "directors_box", width)

    # ---- 5 days before: the committee's preliminary review
    clock.at(session_at - datetime.timedelta(days=5))
    committee = page_as(world.users[Role.COMMITTEE_STAFF])
    committee.goto(f"{base}/oversight/work-reports/{late.pk}/")
    committee.click("a:has-text('记录初审意见')")
    committee.fill("#id_opinion", "报告基本符合要求，建议提请常委会会议审议。")
    _look(committee, "review", width)
    committee.click("main button[type=submit]")
    committee.wait_for_selector("text=初审意见已记录")
    assert committee.locator("text=报告基本符合要求").count() >= 1

    # ---- the session: a member speaks, the office evaluates; the vote is cast by the voting actions
    clock.at(session_at + datetime.timedelta(hours=1))
    _open_session(world, session)
    member = page_as(world.users[Role.SC_MEMBER])
    member.goto(f"{base}/oversight/work-reports/{late.pk}/do/speech/")
    member.select_option("#id_speaker", str(world.deputies[1].person.pk))
    member.fill("#id_text", "农村学校师资仍然不足，建议加大农村学校教师补充力度。")
    _look(member, "speech", width)
    member.click("main button[type=submit]")
    member.wait_for_selector("text=审议发言已记录")
    assert member.locator("text=农村学校师资仍然不足").count() >= 1
    late.refresh_from_db()
    assert late.status == WorkReport.Status.DELIBERATED

    office = page_as(world.office)
    office.goto(f"{base}/oversight/work-reports/{late.pk}/")
    _confirm(office, office.locator("button:has-text('开展满意度测评')"))
    office.wait_for_selector("text=已建立满意度测评")
    late.refresh_from_db()
    assert late.status == WorkReport.Status.EVALUATING and late.evaluation_id
    _vote_unsatisfied(world, late)
    office.reload()
    _confirm(office, office.locator("button:has-text('记录测评结果')"))
    office.wait_for_selector("text=测评结果：不满意")
    again_by = add_months(session_day, 6)
    assert office.locator("text=测评不满意").count() >= 1
    assert f"报告机关须于 {again_by:%Y-%m-%d} 前再次报告" in office.inner_text("main")
    _look(office, "unsatisfied", width)

    # ---- three days after the session (today): the review opinion, approved and sent
    clock.back()
    office = page_as(world.office)
    office.goto(f"{base}/oversight/opinions/new/?work_report={late.pk}")
    assert office.input_value("#id_work_report") == str(late.pk)
    office.click("main button[type=submit]:has-text('起草')")
    office.wait_for_selector("text=已起草")
    opinion = ReviewOpinion.objects.in_congress(c).get(work_report=late)
    assert office.locator("ol.points li", has_text="农村学校师资仍然不足").count() >= 1
    _look(office, "opinion_draft", width)
    office.select_option("#id_meeting", str(directors.pk))
    _confirm(office, office.locator("button:has-text('记录通过')"))
    office.wait_for_selector(f"text=已记录{Meeting.objects.get(pk=directors.pk).title}通过审议意见")
    send = office.locator(f"form[action$='/oversight/opinions/{opinion.pk}/do/send/']")
    reply_due = today + datetime.timedelta(days=60)
    office.fill("#id_send-reply_due", reply_due.isoformat())
    first = send.locator("fieldset").first
    first.locator("input[name^='send-problem_']").fill("农村学校教师缺编")
    first.locator("input[name^='send-owner_']").fill("市教育局 张局长")
    rectify_by = today + datetime.timedelta(days=90)
    first.locator("input[name^='send-due_on_']").fill(rectify_by.isoformat())
    first.locator("select[name^='send-unit_']").select_option(str(world.unit.pk))
    _look(office, "opinion_send", width)
    _confirm(office, send.locator("button:has-text('交办')"))
    office.wait_for_selector(f"text=请于 {reply_due:%Y-%m-%d} 前书面报告研究处理情况")
    items = office.locator("section[aria-labelledby=items-title] tbody tr")
    assert items.count() == 1
    row = items.first.inner_text()
    assert "农村学校教师缺编" in row and "市教育局 张局长" in row and "教育局" in row and f"{rectify_by:%Y-%m-%d}" in row
    item = RectificationItem.objects.in_congress(c).get(opinion_point__opinion=opinion)
    _look(office, "opinion_sent", width)

    # ---- the bureau replies; the office publishes; the public page shows it
    unit = page_as(world.users[Role.UNIT_OFFICER])
    unit.goto(f"{base}/oversight/opinions/{opinion.pk}/")
    assert unit.locator("text=报送研究处理情况").count() >= 1
    unit.fill("#id_text", "一、关于农村学校教师缺编问题，已制定三年补充计划。")
    unit.fill("#id_signed_by", "市教育局")
    _look(unit, "reply", width)
    _confirm(unit, unit.locator("form[action$='/do/reply/'] button:has-text('报送')"))
    unit.wait_for_selector("text=研究处理情况报告已报送")

    office.goto(f"{base}/oversight/opinions/{opinion.pk}/")
    _confirm(office, office.locator("form[action$='/do/publish/'] button:has-text('公开')"))
    office.wait_for_selector("text=审议意见和研究处理情况报告已公开")
    public = browser.new_context(viewport={"width": width, "height": 844}, is_mobile=width < 500).new_page()
    public.goto(f"{base}/oversight/opinions/public/{opinion.pk}/")
    assert public.locator("text=已制定三年补充计划").count() >= 1
    _look(public, "public", width)

    # ---- the rectification item: progress, closure refused without evidence, then with it, accepted
    item_url = f"{base}/rectification/{item.pk}/"
    unit.goto(item_url)
    _look(unit, "item_open", width)
    unit.fill("#progress_text", "已招聘农村教师 120 名，计划年内再补充 80 名。")
    unit.click("form[action$='/do/progress/'] button[type=submit]")
    unit.wait_for_selector("text=进展已报告")
    assert unit.locator("#history", has_text="已招聘农村教师 120 名").count() == 1
    unit.locator("details", has_text="申请销号").evaluate("d => d.open = true")
    unit.fill("#closure_text", "缺编教师已全部补齐。")
    _confirm(unit, unit.locator("form[action$='/do/closure/'] button:has-text('申请销号')"))
    unit.wait_for_selector("text=必须上传")
    refusal = unit.inner_text("form[action$='/do/closure/']")
    assert "“佐证材料" in refusal and "必须上传" in refusal
    assert unit.input_value("#closure_text") == "缺编教师已全部补齐。"
    item.refresh_from_db()
    assert item.status == RectificationItem.Status.OPEN
    _look(unit, "closure_refused", width)
    unit.set_input_files("#closure_evidence", files=[{"name": "补充教师名册.pdf", "mimeType": "application/pdf",
                                                      "buffer": PDF}])
    _confirm(unit, unit.locator("form[action$='/do/closure/'] button:has-text('申请销号')"))
    unit.wait_for_selector("text=已申请销号，待验收")
    item.refresh_from_db()
    assert item.status == RectificationItem.Status.CLAIMED

    committee = page_as(world.users[Role.COMMITTEE_STAFF])
    committee.goto(item_url)
    committee.fill("#accept_resolution", "经实地核查，已整改到位。")
    _confirm(committee, committee.locator("form[action$='/do/accept/'] button:has-text('验收销号')"))
    committee.wait_for_selector("text=已验收销号")
    assert committee.inner_text("#item-status") == "已销号"
    _look(committee, "closed", width)
    item.refresh_from_db()
    assert item.status == RectificationItem.Status.CLOSED and item.closed_on == today
    print(f"\nchain at {width} px: {time.monotonic() - started:.1f} s")
