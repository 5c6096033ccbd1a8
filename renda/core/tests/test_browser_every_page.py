"""Every page, as every role, on a phone (390 px) and on a desk (1366 px): no horizontal overflow, no
control cut off at the right edge, no serious or critical accessibility violation (axe-core), and
never a server error — also on the pages a role may not open (403/404).

Pages are found by following links from the home page, plus the pages of one object of each kind,
one address per route. Skipped, with the reason, where /usr/bin/chromium is absent (.ci/run installs it).
"""

from __future__ import annotations

import datetime
import shutil

import pytest
from django.db import connection
from django.utils import timezone

from renda.core.roles import Role
from renda.core.tests.sitewalk import walk
from renda.liaison.tests.factory import concern
from renda.meetings.models import RosterEntry
from renda.oversight.actions import activities as oversight_activities
from renda.oversight.actions import fieldwork as oversight_fieldwork
from renda.oversight.actions import plan as oversight_plan
from renda.oversight.actions import reporting as oversight_reporting
from renda.people.tests.test_browser import CHROMIUM, browser, sign_in  # noqa: F401  (fixture)
from renda.proposals import actions as proposals
from renda.questionnaires import actions as questionnaires
from renda.testing import make_call, make_meeting, make_world, voters
from renda.voting import actions as voting

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not shutil.which(CHROMIUM), reason=f"browser tests skipped: no chromium at {CHROMIUM} "
                                                          "(apt-get install chromium)"),
    # What a page looks like does not depend on the database; these walks take minutes, so the suite
    # takes them once, in its SQLite run (the flows' own browser tests run on both databases).
    pytest.mark.skipif(connection.vendor == "postgresql",
                       reason="page walks run once, in the SQLite run: layout and accessibility do not depend "
                              "on the database"),
]
ROLES = [None, Role.PUBLIC, Role.DEPUTY, Role.SC_MEMBER, Role.UNIT_OFFICER, Role.COMMITTEE_STAFF,
         Role.OFFICE_STAFF, Role.ADMIN]


def a_working_congress():
    """One congress with one thing of each kind in a state with something to show."""
    world = make_world("p", "页面测试市人民代表大会")
    c = world.congress
    item = proposals.save_suggestion_draft(c, actor=world.deputy, term=world.term, title="关于增设城乡公交线路的建议",
                                           body="城乡公交班次太少，群众出行不便。" * 20, category="交通")
    proposals.submit_suggestion(c, item, actor=world.deputy)
    proposals.accept_suggestion(c, item, actor=world.office)
    proposals.assign_suggestion(c, item, actor=world.office, lead_unit=world.unit,
                                on=timezone.localdate() - datetime.timedelta(days=20))
    meeting = make_meeting(world, members=5)
    vote = voting.create_vote(c, meeting, actor=world.office, title="关于批准本级决算的决议")
    voting.open_vote(c, vote, actor=world.office)
    voters(meeting)
    the_concern = concern(world)
    call = make_call(world)
    starts = [f"/c/{c.code}/", f"/c/{c.code}/suggestions/{item.pk}/", f"/c/{c.code}/meetings/{meeting.pk}/",
              f"/c/{c.code}/votes/{vote.pk}/", f"/c/{c.code}/votes/{vote.pk}/screen/",
              f"/c/{c.code}/concerns/{the_concern.pk}/", f"/c/{c.code}/stations/{world.station.pk}/",
              f"/c/{c.code}/stations/{world.station.pk}/public/", f"/c/{c.code}/stations/{world.station.pk}/intake/",
              f"/c/{c.code}/track/{the_concern.tracking_code}/", f"/c/{c.code}/livelihood/calls/{call.pk}/",
              f"/c/{c.code}/deputies/{world.deputies[0].pk}/", f"/c/{c.code}/organisations/{world.unit.pk}/"]
    # Oversight: this year's plan, published, with a law inspection in the field (team, itinerary, a site
    # visit, a questionnaire attached and open, the report being drafted with a problem, a recommendation
    # and a figure), and the public pages of plans, reports and the questionnaire.
    office, today = world.office, timezone.localdate()
    plan = oversight_plan.draft_oversight_plan(c, actor=office, year=today.year, title=f"{today.year}年度监督工作计划")
    item = oversight_plan.arrange_plan_item(c, plan, actor=office, kind="law_inspection",
                                            title="检查《中华人民共和国食品安全法》实施情况", lead_committee=world.committee,
                                            leader=world.deputies[1].person, month=today.month,
                                            meeting=meeting if meeting.starts_at.year == today.year else None)
    oversight_plan.approve_oversight_plan(c, plan, actor=office, meeting=make_meeting(world, kind="directors", members=3),
                                          approved_on=today)
    oversight_plan.publish_oversight_plan(c, plan, actor=office, published_on=today)
    activity = oversight_activities.start_activity(c, actor=office, kind="law_inspection", title=item.title,
                                                   year=today.year, plan_item=item, lead_committee=world.committee,
                                                   laws=["中华人民共和国食品安全法"])
    oversight_activities.set_team(c, activity, actor=office, leader=world.deputies[1].person,
                                  members=[(world.deputies[0].person, "deputy", "")], committees=[])
    oversight_activities.write_activity_plan(
        c, activity, actor=office, goals="检查食品安全法实施情况，重点是校园食堂和农贸市场监管。" * 3,
        questions="一、责任落实\n二、校园食堂监管", starts_on=today, ends_on=today,
        stops=[dict(day=today, county="东湖县", site="东湖县第一中学食堂", purpose="检查索证索票和留样记录")])
    oversight_activities.begin_fieldwork(c, activity, actor=office)
    visit = oversight_fieldwork.record_site_visit(c, activity, actor=office, day=today, county="东湖县",
                                                  place="东湖县第一中学食堂", observations="查看进货查验记录和留样柜。",
                                                  visitors=[world.deputies[0].person])
    survey = questionnaires.create_questionnaire(c, actor=office, title="食品安全满意度问卷", intro="匿名填写，约需两分钟。")
    questionnaires.set_questions(c, survey, actor=office, questions=[
        {"text": "您对本地食品安全状况总体是否满意？", "kind": "single", "choices": ["满意", "基本满意", "不满意"]},
        {"text": "请为学校食堂的食品安全打分", "kind": "scale", "scale_min": 1, "scale_max": 5}])
    questionnaires.open_questionnaire(c, survey, actor=office)
    oversight_fieldwork.attach_questionnaire(c, activity, actor=office, questionnaire=survey)
    report = oversight_reporting.draft_oversight_report(c, activity, actor=office, title="关于检查食品安全法实施情况的报告",
                                                        situation="检查组在{{sites}}点位实地检查。", closing="以上报告，请予审议。")
    oversight_reporting.tag_report_figure(c, report, actor=office, key="sites", label="实地检查", unit="个",
                                          source={"kind": "site_visits"})
    problem = oversight_reporting.record_finding(c, report, actor=office, kind="problem", heading="校园食堂索证索票不规范",
                                                 text="个别学校食堂进货查验记录不全。", site_visit=visit)
    oversight_reporting.record_finding(c, report, actor=office, kind="recommendation", heading="压实学校食品安全主体责任",
                                       text="落实校长陪餐和食堂日常检查制度。", addresses=problem)
    starts += [f"/c/{c.code}/oversight/plans/{plan.pk}/", f"/c/{c.code}/oversight/activities/{activity.pk}/",
               f"/c/{c.code}/oversight/reports/{report.pk}/", f"/c/{c.code}/oversight/public/",
               f"/c/{c.code}/oversight/reports/public/", f"/c/{c.code}/questionnaires/{survey.pk}/",
               f"/c/{c.code}/q/{survey.link_code}/"]
    starts += _standing_committee_business(world)
    return world, starts


def _all_present(world):
    """A standing-committee session with every member signed in (earlier sittings added members)."""
    from renda.meetings import actions as meetings

    meeting = make_meeting(world, members=3)
    for entry in RosterEntry.objects.in_congress(world.congress).filter(meeting=meeting, voting=True).exclude(
            attendance=RosterEntry.Attendance.PRESENT).select_related("person"):
        meetings.sign_in_at_desk(world.congress, meeting, actor=world.root, person=entry.person)
    return meeting


def _standing_committee_business(world) -> list[str]:
    """An item submitted and on a session's draft agenda, a decided 任免案 (its appointee not yet
    sworn), a filed duty report, a work point, a passed decision and a leader's portfolio."""
    from renda.agenda.tests import fixtures as agenda
    from renda.appointments.tests.fixtures import decided_bill
    from renda.decisions.tests.fixtures import passed
    from renda.duty_reports.tests.fixtures import filed_report
    from renda.portfolios.actions import assign_portfolio, link_unit
    from renda.portfolios.tests import fixtures as portfolios
    from renda.work_points.tests.fixtures import point

    c = world.congress
    session = agenda.session(world, open_it=False, days_ahead=3)
    item = agenda.submitted(world, "关于全市义务教育工作情况的报告")
    agenda.fixed(world, session, [item])
    everyone = _all_present(world)
    present = RosterEntry.objects.in_congress(c).filter(meeting=everyone, voting=True).count()
    bill, _ = decided_bill(world, yes=present, session=everyone, name="陈新")
    report = filed_report(world)
    work_point = point(world)
    decision = passed(world, yes=present, meeting=_all_present(world))
    leader = portfolios.vice_chair(world)
    assign_portfolio(c, actor=world.office, leader=leader, committee=world.committee, start=timezone.localdate())
    link_unit(c, actor=world.office, committee=world.committee, unit=world.unit, start=timezone.localdate())
    return [f"/c/{c.code}/agenda/items/{item.pk}/", f"/c/{c.code}/agenda/sessions/{session.pk}/",
            f"/c/{c.code}/appointments/{bill.pk}/", f"/c/{c.code}/appointments/register/",
            f"/c/{c.code}/duty-reports/{report.pk}/", f"/c/{c.code}/work-points/{work_point.pk}/",
            f"/c/{c.code}/decisions/{decision.pk}/", f"/c/{c.code}/decisions/public/",
            f"/c/{c.code}/leaders/{leader.pk}/"]


@pytest.mark.parametrize("width", [390, 1366])
def test_every_page_fits_the_screen_and_passes_axe_for_every_role(transactional_db, live_server, browser, width):  # noqa: F811
    world, starts = a_working_congress()
    problems, visited = [], 0
    for role in ROLES:
        context = browser.new_context(viewport={"width": width, "height": 800})
        page = context.new_page()
        if role is not None:
            sign_in(page, live_server.url, world.users[role].username)
            page.wait_for_url(lambda url: "/login/" not in url)
        who = role.label if role else "未登录"
        reports = walk(page, live_server.url, starts, f"/c/{world.congress.code}/", axe=True)
        visited += len(reports)
        for r in reports:
            if r.status >= 500:
                problems.append(f"[{who}] {r.url}: server error {r.status}")
            problems.extend(f"[{who}] {r.url}: overflow: {o}" for o in r.overflow)
            problems.extend(f"[{who}] {r.url}: axe {v['impact']} {v['id']} ({v['help']}) at {v['nodes']}"
                            for v in r.serious)
        context.close()
    assert visited >= 60, f"only {visited} pages were reached"
    assert not problems, f"{len(problems)} problems at {width}px:\n" + "\n".join(problems[:40])
