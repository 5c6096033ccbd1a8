"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): the plan."""

import datetime
import itertools

from django.utils import timezone

from renda.oversight.actions import plan as p


def _on(meeting):
    """The day of the directors' meeting that approves a plan: the approval's date."""
    return timezone.localtime(meeting.starts_at).date()


def _directors(world, plan):
    """A directors' meeting early in the plan's year (today, if that is still to come)."""
    from renda.testing import make_meeting

    day = min(datetime.date(plan.year, 1, 15), timezone.localdate())
    return make_meeting(world, kind="directors", open_it=False,
                        starts_at=timezone.make_aware(datetime.datetime.combine(day, datetime.time(9))))


def writes(world) -> dict:
    c, root = world.congress, world.root
    this_year = timezone.localdate().year
    years = itertools.count(0)

    def plan():
        # Each call gets a plan of its own year (one plan per year), counting back from this year.
        year = this_year - next(years)
        found = p.Plan.objects.in_congress(c).filter(year=year).first()
        return found or p.draft_oversight_plan(c, actor=root, year=year, title=f"{year}年度监督工作计划")

    def with_item():
        made = plan()
        while made.status != p.Plan.Status.DRAFT:
            made = plan()
        item = p.arrange_plan_item(c, made, actor=root, kind="survey", title="调研", lead_committee=world.committee,
                                   month=5)
        return made, item

    def approved():
        made, item = with_item()
        directors = _directors(world, made)
        p.approve_oversight_plan(c, made, actor=root, meeting=directors, approved_on=_on(directors))
        return made, item

    def approve(user):
        made = with_item()[0]
        directors = _directors(world, made)
        return p.approve_oversight_plan(c, made, actor=user, meeting=directors, approved_on=_on(directors))

    return {
        "draft_oversight_plan": lambda u: p.draft_oversight_plan(c, actor=u, year=this_year + 1, title="计划"),
        "arrange_plan_item": lambda u: p.arrange_plan_item(c, with_item()[0], actor=u, kind="visit", title="视察",
                                                           lead_committee=world.committee, month=6),
        "approve_oversight_plan": approve,
        "publish_oversight_plan": lambda u: p.publish_oversight_plan(c, approved()[0], actor=u),
        "set_plan_item_status": lambda u: p.set_plan_item_status(c, approved()[1], actor=u, status="postponed",
                                                                 note="推迟"),
    }


def reads(world) -> dict:
    return {"view_oversight": f"/c/{world.congress.code}/oversight/"}
