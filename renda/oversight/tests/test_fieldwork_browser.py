"""Fieldwork in a real browser at 390 px: a member taps 参加 on the activity page; staff pages with
notices, letters, visits with photos and a symposium, and every fieldwork page stay inside the screen
with no serious accessibility violation (axe-core)."""

import datetime
import shutil

import pytest

from renda.core.roles import Role
from renda.core.tests.sitewalk import check_page
from renda.oversight.actions import fieldwork as fw
from renda.oversight.tests.permission_calls_fieldwork import YEAR, jpeg, make_activity, pdf
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.testing import make_world

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM}"),
]
DAY = datetime.date(YEAR, 6, 1)


def fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def problems(page, url: str) -> list[str]:
    """Overflow (controls past the edge included) and serious axe violations of one of these pages."""
    response = page.goto(url)
    report = check_page(page, url, "fieldwork", response.status if response else 0, axe=True)
    return [f"{url}: overflow {o}" for o in report.overflow] + [
        f"{url}: axe {v['id']} ({v['help']}) at {v['nodes']}" for v in report.serious]


def test_fieldwork_at_390_px(transactional_db, live_server, browser):  # noqa: F811
    world = make_world("fw", "浏览器测试市人民代表大会")
    activity = make_activity(world, title="关于全市农村饮水安全工程建设和运行管理情况的专题调研")
    c = world.congress
    notice = fw.send_team_notice(c, activity, actor=world.office, text="定于6月1日赴东湖区、西山县、南河县开展实地调研，请回复是否参加。")
    letter = fw.send_self_report_letter(c, activity, actor=world.office, units=[world.unit], text="请报送自查报告",
                                        due_on=datetime.date(YEAR, 12, 31))[0]
    fw.file_self_report(c, letter, actor=world.office, upload=pdf("教育局关于农村饮水安全工作的自查报告（含附件材料）.pdf"))
    for county, n in [("东湖区", 2), ("西山县", 1)]:
        for i in range(n):
            fw.record_site_visit(c, activity, actor=world.office, day=DAY, county=county, place=f"{county}第{i + 1}水厂",
                                 observations="水源地保护到位，管网老化问题突出。", visitors=[world.deputies[0].person],
                                 photos=[jpeg(), jpeg()], captions=["进水口", "沉淀池"])
    fw.record_symposium(c, activity, actor=world.office, day=DAY, place="县政府三楼会议室", topic="农村饮水安全座谈会",
                        reports=[(world.unit, "教育局汇报材料", pdf())],
                        speeches=[{"speaker": "周明", "affiliation": "水利局局长", "summary": "介绍全县农村饮水工程情况"}])
    base = f"{live_server.url}/c/{c.code}/oversight"

    member = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(member, live_server.url, world.deputy.username)
    member.goto(f"{base}/activities/{activity.pk}/")
    assert fits(member)
    member.click("#fieldwork button:has-text('参加')")
    member.wait_for_url(f"**/activities/{activity.pk}/**")
    assert "已回复：李明 参加" in member.content()
    assert fits(member)

    staff = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(staff, live_server.url, world.office.username)
    staff.goto(f"{base}/activities/{activity.pk}/")
    assert fits(staff)
    found = [p for what in ("notice", "letters", "visit", "symposium", "questionnaire")
             for p in problems(staff, f"{base}/activities/{activity.pk}/fieldwork/{what}/")]
    found += problems(staff, f"{base}/notices/{notice.pk}/reply/")
    found += problems(staff, f"{base}/letters/{letter.pk}/")
    assert not found, "\n".join(found)
    staff.goto(f"{base}/activities/{activity.pk}/fieldwork/visit/")
    staff.fill("#visit_day", f"{YEAR + 1}-01-01")
    staff.fill("#visit_county", "东湖区")
    staff.fill("#visit_place", "城关水厂")
    staff.fill("#visit_observations", "正常")
    staff.click("form.stack button[type=submit]")
    with staff.expect_navigation():
        staff.click("#confirm-ok")  # a visit is kept as recorded: the step asks first
    assert f"须在{YEAR}年内" in staff.content() and staff.input_value("#visit_place") == "城关水厂"
    assert fits(staff)

    officer = browser.new_page(viewport={"width": 390, "height": 844})
    sign_in(officer, live_server.url, world.users[Role.UNIT_OFFICER].username)
    found = problems(officer, f"{base}/letters/") + problems(officer, f"{base}/letters/{letter.pk}/")
    found += problems(member, f"{base}/notices/{notice.pk}/reply/?answer=absent")
    assert not found, "\n".join(found)
