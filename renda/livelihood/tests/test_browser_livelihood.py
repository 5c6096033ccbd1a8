"""A whole year of livelihood projects, through the UI (browser) and the API."""

import datetime
import shutil

import pytest
from django.test import Client

from renda.core.actions import issue_api_token
from renda.core.tenancy import congress_scope
from renda.livelihood.models import Call, Proposal
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_meeting, make_world, voters

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM}"),
]


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def click_and_confirm_if_asked(page, selector):
    """Steps on other apps' pages (the vote) may ask first; answer yes when they do."""
    page.click(selector)
    try:
        page.wait_for_selector("#confirm-dialog[open]", timeout=1500)
    except Exception:  # noqa: BLE001  (no dialog: the step did not ask)
        return
    page.click("#confirm-ok")


def test_a_year_from_call_to_evaluation(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("l", "民生测试市人民代表大会")
    base = f"{live_server.url}/c/{world.congress.code}/livelihood/"
    today = datetime.date.today()
    staff = browser.new_page()
    sign_in(staff, live_server.url, world.office.username)

    # 1. The office publishes the call.
    staff.goto(base)
    staff.fill("form[action$='/calls/new/'] input[name=year]", str(today.year))  # not the list's year filter
    staff.fill("input[name=title]", f"{today.year}年民生实事项目征集")
    staff.fill("input[name=opens_on]", str(today - datetime.timedelta(days=1)))
    staff.fill("input[name=closes_on]", str(today - datetime.timedelta(days=2)))
    staff.fill("input[name=to_choose]", "1")
    staff.click("button:has-text('发布')")
    # A wrong date: the form comes back with everything typed and the reason beside the date.
    staff.wait_for_selector("text=“征集截止”不能早于“征集开始”")
    assert staff.input_value("input[name=title]") == f"{today.year}年民生实事项目征集"
    assert staff.input_value("input[name=to_choose]") == "1"
    staff.fill("input[name=closes_on]", str(today + datetime.timedelta(days=30)))
    staff.click("button:has-text('发布')")
    staff.wait_for_selector("#funnel")
    assert "已发布征集" in staff.inner_text("main")
    with congress_scope(world.congress):
        call = Call.objects.in_congress(world.congress).get()

    # 2. Citizens propose, without an account.
    citizen = browser.new_page()
    for title in ("老旧小区加装电梯", "社区食堂"):
        citizen.goto(f"{base}calls/{call.pk}/propose/")
        citizen.fill("#title", title)
        citizen.fill("#description", f"{title}，方便群众")
        citizen.fill("#proposer_contact", "13700001111")
        citizen.click("button:has-text('提交建议')")
        citizen.wait_for_selector("#thanks")

    # 3. Screening: every stage, one click each.
    staff.goto(f"{base}calls/{call.pk}/")
    for _ in range(2 * len(call.stages)):
        staff.click("form[action$='/do/stage/'] button[value='1'] >> nth=0")
        staff.wait_for_load_state()
    assert "征集 2" in staff.inner_text("#funnel") and "党委审定 2" in staff.inner_text("#funnel")
    staff.click("button:has-text('确定候选项目')")
    assert "将确定 2 个候选项目" in staff.inner_text("#confirm-dialog")
    staff.click("#confirm-ok")
    staff.wait_for_selector("text=已确定 2 个候选项目")

    # 4. The plenary votes on the voting engine.
    plenary = make_meeting(world, kind="plenary", members=3, sign_in=3)
    staff.goto(f"{base}calls/{call.pk}/")
    staff.select_option("select[name=meeting]", str(plenary.pk))
    staff.click("button:has-text('提交大会票决')")
    staff.click("#confirm-ok")
    click_and_confirm_if_asked(staff, "button:has-text('开始表决')")
    # The tellers' key slips are shown this once; the office prints them and hands them out.
    staff.wait_for_selector("text=只显示这一次")
    slips = staff.locator(".slip code").all_inner_texts()
    assert len(slips) == 3
    staff.click("text=已交给监票人，返回表决")
    staff.wait_for_selector("text=投票中")
    vote_url = staff.url
    assert not any(slip in staff.content() for slip in slips)
    deputy = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True).new_page()
    sign_in(deputy, live_server.url, world.deputy.username)
    deputy.goto(vote_url)
    deputy.check("#ballot input[type=checkbox] >> nth=0")
    click_and_confirm_if_asked(deputy, "button:has-text('投出选票')")
    deputy.wait_for_selector("text=选票已投出")
    with congress_scope(world.congress):
        vote_id = call.__class__.objects.in_congress(world.congress).get().vote_id
        first = Proposal.objects.in_congress(world.congress).filter(call=call).order_by("id").first()
    api = Client()
    for user in voters(plenary):
        if user != world.deputy:
            api.post(f"/api/votes/{vote_id}/ballot", {"content": {"marks": {str(first.candidate_id): "for"}}},
                     content_type="application/json", **bearer(world, user))
    staff.goto(vote_url)
    staff.fill("input[name=teller_key_1]", slips[2])
    staff.fill("input[name=teller_key_2]", slips[0])
    click_and_confirm_if_asked(staff, "button:has-text('结束表决并计票')")
    staff.wait_for_selector("text=票决通过")
    staff.goto(f"{base}calls/{call.pk}/")
    staff.click("button:has-text('确认票决结果')")
    staff.click("#confirm-ok")
    staff.wait_for_selector("text=单位排名")
    assert "票决结果已确认" in staff.inner_text("main")

    # 5. Supervision and evaluation through the API.
    office = bearer(world, world.office)
    ok = api.post(f"/api/livelihood/projects/{first.pk}/supervision",
                  {"lead_unit_id": world.unit.pk, "budget": "300", "group_ids": [world.group.pk],
                   "milestones": [{"title": "完工", "due_on": str(today + datetime.timedelta(days=60))}]},
                  content_type="application/json", **office)
    assert ok.status_code == 200, ok.content
    assert api.post(f"/api/livelihood/projects/{first.pk}/progress", {"text": "电梯已安装", "spent": "150"},
                    content_type="application/json", **bearer(world, world.users["unit_officer"])).status_code == 201
    assert api.post(f"/api/livelihood/projects/{first.pk}/inspections",
                    {"group_id": world.group.pk, "on": str(today), "notes": "代表小组视察"},
                    content_type="application/json", **bearer(world, world.deputy)).status_code == 201
    evaluation = api.post(f"/api/livelihood/calls/{call.pk}/evaluation", {"meeting_id": plenary.pk},
                          content_type="application/json", **office).json()["votes"][0]
    slips = api.post(f"/api/votes/{evaluation}/open", **office).json()["teller_keys"]
    for user in voters(plenary):
        api.post(f"/api/votes/{evaluation}/ballot", {"content": {"rating": "满意"}}, content_type="application/json",
                 **bearer(world, user))
    # Two tellers type the slips they were handed at the opening.
    assert api.post(f"/api/votes/{evaluation}/close", {"teller_keys": slips[:2]}, content_type="application/json",
                    **office).status_code == 200
    report = api.get(f"/api/livelihood/calls/{call.pk}/report", **office).json()
    assert report["ranking"][0]["unit"] == "教育局" and report["projects"][0]["satisfaction"] == 1.0

    # 6. Citizens see the chosen project and its progress, without anyone's personal data.
    citizen.goto(base)
    text = citizen.inner_text("main")
    assert "老旧小区加装电梯" in text and "教育局" in text and "13700001111" not in text
