"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py), and the
set-up the report's tests share: an activity in the field, a report with findings, a future session."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

_seq = itertools.count(1)


def year() -> int:
    return timezone.localdate().year


def activity_in_field(world, *, team=None, kind="visit", title=None, plan_item=None):
    """A visit (no itinerary needed) whose fieldwork is under way, led by the standing-committee
    persona; ``team`` (persons) joins as members — by default the deputy persona too."""
    from renda.oversight.actions import activities

    c, root = world.congress, world.root
    activity = activities.start_activity(c, actor=root, kind=kind, title=title or f"农村饮水安全视察{next(_seq)}",
                                         year=year(), lead_committee=world.committee, plan_item=plan_item)
    members = [world.deputies[0].person] if team is None else list(team)
    activities.set_team(c, activity, actor=root, leader=world.deputies[1].person,
                        members=[(p, "member", "") for p in members])
    return activities.begin_fieldwork(c, activity, actor=root)


def site_visit(world, activity, county="东湖区", place="水厂"):
    from renda.oversight.actions import fieldwork

    return fieldwork.record_site_visit(world.congress, activity, actor=world.root, day=datetime.date(year(), 1, 15),
                                       county=county, place=place, observations="设施老化")


def drafted(world, activity=None, **kw):
    from renda.oversight.actions import reporting

    activity = activity or activity_in_field(world)
    return reporting.draft_oversight_report(world.congress, activity, actor=world.root,
                                            title=kw.get("title", "关于全市农村饮水安全工作情况的视察报告"),
                                            situation=kw.get("situation", "视察组察看了{{visits}}个点。"))


def ready(world, activity=None):
    """A draft that passes every check: a figure, a problem, a recommendation answering it."""
    from renda.oversight.actions import reporting

    c, root = world.congress, world.root
    report = drafted(world, activity, situation="共检查{{a}}、{{b}}，合计{{total}}。")
    for key, value in (("a", "594"), ("b", "2258")):
        reporting.tag_report_figure(c, report, actor=root, key=key, label=key, value=value, unit="家")
    reporting.tag_report_figure(c, report, actor=root, key="total", label="合计", kind="sum", value="2852",
                                unit="家", parts=["a", "b"])
    problem = reporting.record_finding(c, report, actor=root, kind="problem", heading="供水设施老化", text="部分水厂设备陈旧。")
    reporting.record_finding(c, report, actor=root, kind="recommendation", heading="加快设施改造", text="列入年度计划。",
                             addresses=problem)
    return report


def future_session(world, days=10):
    """A standing-committee session ``days`` from now, its roster built (the world's members on it)."""
    from renda.meetings import actions as meeting_actions
    from renda.testing import make_meeting

    template = make_meeting(world, kind="sc_session", members=3, open_it=False)
    meeting = meeting_actions.create_meeting(world.congress, actor=world.root, term=world.term, kind="sc_session",
                                             starts_at=timezone.now() + datetime.timedelta(days=days),
                                             place="常委会会议室", organisation=template.organisation)
    meeting_actions.build_roster(world.congress, meeting, actor=world.root)
    return meeting


def writes(world) -> dict:
    from renda.oversight.actions import reporting

    c, root = world.congress, world.root
    # Both member personas are on the team, so a comment is theirs to make; other roles are refused
    # by the permission table before the team is looked at.
    team = [world.deputies[0].person]

    def report():
        return drafted(world, activity_in_field(world, team=team))

    def final():
        made = ready(world, activity_in_field(world, team=team))
        return reporting.finalise_oversight_report(c, made, actor=root)

    def finding(u):
        return reporting.record_finding(c, report(), actor=u, kind="problem", heading="问题")

    return {
        "draft_oversight_report": lambda u: reporting.draft_oversight_report(
            c, activity_in_field(world, team=team), actor=u, title="报告", situation="情况"),
        "comment_on_report": lambda u: reporting.comment_on_report(c, report(), actor=u, text="第二段数据请核实"),
        "record_finding": finding,
        "tag_report_figure": lambda u: reporting.tag_report_figure(c, report(), actor=u, key="visits", label="察看点",
                                                                   source={"kind": "site_visits"}),
        "finalise_oversight_report": lambda u: reporting.finalise_oversight_report(
            c, ready(world, activity_in_field(world, team=team)), actor=u),
        "place_report_on_agenda": lambda u: reporting.place_report_on_agenda(
            c, final(), actor=u, meeting=future_session(world), release_at=timezone.now() + datetime.timedelta(days=1)),
    }


def reads(world) -> dict:
    return {}
