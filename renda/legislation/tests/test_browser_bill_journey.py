"""A bill's whole way in a real browser (issue 15, "Done when"): the office starts the bill from its
plan item on the item's page, opens the draft for comment; a member of the public comments on an
article on the draft's page and the committee decides it on the period's page; on the bill page the
office submits it, sets two readings, places and records both, puts the 表决稿 to the vote and
records the result, submits it for approval, records the approval inside the four months, and
promulgates it; the law page shows the law in force.

Set up off the pages, because it is not the bill's journey: the plan and its item, the meetings, the
表决稿 (a new version), and the members casting their votes in the hall."""

import datetime

import pytest
from django.utils import timezone

from renda.enactment.models import Promulgation
from renda.enactment.tests import fixtures as f
from renda.law_comments.models import CommentPeriod, LawComment
from renda.legislation.models import Bill, Provision
from renda.legislative_plans.tests.fixtures import item as plan_item
from renda.legislative_plans.tests.fixtures import legal_committee
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world
from renda.voting.models import Vote

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(not __import__("shutil").which(CHROMIUM), reason=f"no chromium at {CHROMIUM}")]

TEXT = """第一章　总则
第一条　为了节约农田灌溉用水，制定本条例。
第二条　本条例适用于本市行政区域内的农田灌溉用水。
第二章　用水管理
第三条　灌溉用水实行总量控制和定额管理。
第四条　违反本条例第三条规定的，由水行政主管部门责令改正。"""


def iso(day: datetime.date) -> str:
    return day.isoformat()


def confirm(page, selector: str) -> None:
    """Click a button whose form asks first, and say yes in the page's dialog."""
    page.click(selector)
    page.wait_for_selector("#confirm-dialog[open]")
    with page.expect_navigation():
        page.click("#confirm-ok")


def step(page, bill_url: str, name: str, fields: dict, *, confirmed: bool = False) -> None:
    """Open the bill page, unfold one enactment step, fill it and submit it."""
    page.goto(bill_url)
    page.click(f"#enactment-step-{name} summary")
    for selector, value in fields.items():
        if page.locator(selector).evaluate("e => e.tagName") == "SELECT":
            page.select_option(selector, str(value))
        else:
            page.fill(selector, str(value))
    button = f"#enactment-step-{name} button[type=submit]"
    if confirmed:
        confirm(page, button)
    else:
        with page.expect_navigation():
            page.click(button)
    errors = page.locator(f"#enactment-step-{name} .errorlist")
    assert not errors.count(), (name, errors.all_inner_texts())


def test_a_bill_from_its_plan_item_to_the_law_in_force(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("j", "浏览器立法全过程市人民代表大会")
    c, today = world.congress, timezone.localdate()
    the_item = plan_item(world, title="示例市农田灌溉用水管理条例", committee=legal_committee(world))
    first_session = f.session(world, members=5, on=today - datetime.timedelta(days=30))
    second_session = f.session(world, members=5, on=today - datetime.timedelta(days=20))
    base = f"{live_server.url}/c/{c.code}"
    page = browser.new_context(viewport={"width": 1366, "height": 900}).new_page()
    sign_in(page, live_server.url, world.office.username)

    # The item's page: start the bill with its draft text.
    page.goto(f"{base}/legislative-plans/items/{the_item.pk}/")
    page.click("summary:has-text('启动起草')")
    page.fill("#b_text", TEXT)
    page.fill("#b_explanation", "关于《示例市农田灌溉用水管理条例（草案）》的说明。")
    page.click("button:has-text('建立法规案')")
    page.wait_for_selector("text=已建立法规案")
    bill = Bill.objects.in_congress(c).get(title="示例市农田灌溉用水管理条例")
    the_item.refresh_from_db()
    assert the_item.bill_id == bill.pk
    bill_url = f"{base}/legislation/bills/{bill.pk}/"
    page.goto(bill_url)
    assert "示例市农田灌溉用水管理条例" in page.inner_text("h1")
    draft = f.latest(bill)
    third = Provision.objects.in_congress(c).get(version=draft, kind="article", number=3)

    # Open the draft for comment to the public (the periods page), 36 days.
    page.goto(f"{base}/law-comments/periods/")
    page.click("summary:has-text('征求意见')")
    page.select_option("#open_version", str(draft.pk))
    page.check("input[name=audiences][value=public]")
    page.fill("#open_opens_on", iso(today - datetime.timedelta(days=35)))
    page.fill("#open_closes_on", iso(today + datetime.timedelta(days=1)))
    confirm(page, "button:has-text('发布征求意见')")
    period = CommentPeriod.objects.in_congress(c).get(version=draft)
    assert "public" in period.audiences

    # A member of the public comments on 第三条 on the draft's page, without an account.
    public = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    public.goto(f"{base}/law-comments/{period.pk}/")
    public.locator(f"#{third.eid} summary").click()
    public.fill(f"#c_{third.pk}_text", "建议明确用水定额由县级水行政主管部门按作物分别核定。")
    public.locator(f"#{third.eid} button:has-text('提交意见')").click()
    public.wait_for_selector("#reference-code")
    comment = LawComment.objects.in_congress(c).get(period=period)
    assert comment.provision_id == third.pk and comment.decision in ("", None)

    # The committee decides it on the period's page.
    page.goto(f"{base}/law-comments/periods/{period.pk}/")
    assert "建议明确用水定额" in page.content()
    page.check(f"#pick-{comment.pk}")
    page.select_option("#decide_decision", "adopted")
    page.fill("#decide_reason", "已在第三条中补充。")
    with page.expect_navigation():
        page.click("button:has-text('保存采纳情况')")
    comment.refresh_from_db()
    assert comment.decision == "adopted"
    page.goto(bill_url)
    assert "意见 1 条" in page.inner_text("#bill-comments")

    # The bill page: submitted by the government, two readings.
    step(page, bill_url, "submit", {"#sub_version": draft.pk, "#sub_proposer": world.unit.pk,
                                     "#sub_presenter": "市水务局局长",
                                     "#sub_submitted_on": iso(today - datetime.timedelta(days=45))})
    assert page.inner_text("#enactment-status") == "已提请审议" or bill_status(c, bill) == "submitted"
    step(page, bill_url, "readings_required", {"#rr_readings": 2, "#rr_reason": "各方面意见比较一致"})
    assert "须经 2 次审议" in page.inner_text("#enactment-readings")
    for n, session, out in ((1, first_session, 40), (2, second_session, 28)):
        step(page, bill_url, "schedule", {"#sch_version": f.latest(bill).pk, "#sch_meeting": session.pk,
                                           "#sch_distributed_at": iso(today - datetime.timedelta(days=out))})
        page.goto(bill_url)
        confirm(page, f"#reading-{n} button:has-text('记录已审议')")
        page.goto(bill_url)
        assert f"已审议 {n} 次" in page.inner_text("#enactment-readings")
    assert bill_status(c, bill) == "under_deliberation"

    # The 表决稿 and the vote at the second session; the members vote in the hall.
    f.final(world, bill)
    step(page, bill_url, "vote", {"#vt_meeting": second_session.pk}, confirmed=True)
    vote = Vote.objects.in_congress(c).get(meeting=second_session)
    f.cast(world, vote, second_session, yes=5)
    page.goto(bill_url)
    confirm(page, "button:has-text('记录表决结果')")
    assert bill_status(c, bill) == "passed"
    page.goto(bill_url)
    assert "通过" in page.inner_text("#enactment")

    # Approval inside the four months, then promulgation.
    step(page, bill_url, "approval", {"#ap_submitted_on": iso(today - datetime.timedelta(days=18)),
                                       "#ap_reference": "报〔2026〕9号"})
    page.goto(bill_url)
    assert "四个月" in page.inner_text("#enactment-approval")
    step(page, bill_url, "decision", {"#ad_decided_on": iso(today - datetime.timedelta(days=10)),
                                       "#ad_outcome": "approved"})
    page.goto(bill_url)
    approval = page.inner_text("#enactment-approval")
    assert "通过后 10 天" in approval and "超过四个月" not in approval
    step(page, bill_url, "promulgate", {"#pr_announcement_number": "第3号",
                                         "#pr_announced_on": iso(today - datetime.timedelta(days=8)),
                                         "#pr_in_force_on": iso(today - datetime.timedelta(days=1))}, confirmed=True)
    page.goto(bill_url)
    assert "第3号" in page.inner_text("#enactment-promulgation")
    assert bill_status(c, bill) == "promulgated"

    # The law page shows the law in force with its text.
    law = Promulgation.objects.in_congress(c).get(bill=bill).law
    page.goto(f"{base}/legislation/laws/{law.pk}/")
    body = page.inner_text("main")
    assert "示例市农田灌溉用水管理条例" in body and "现行有效" in body
    assert "灌溉用水实行总量控制和定额管理" in body and "第3号" in body


def bill_status(congress, bill) -> str:
    return Bill.objects.in_congress(congress).get(pk=bill.pk).status
