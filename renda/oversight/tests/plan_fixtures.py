"""Shared set-up for the plan and activity tests: a plan of this year with one item of each field kind,
built through the actions."""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from renda.oversight.actions import activities as act
from renda.oversight.actions import plan as plan_actions
from renda.people import actions as people
from renda.people.models import Organisation


def this_year() -> int:
    return timezone.localdate().year


def committee(world, name: str = "教育科学文化卫生工作委员会") -> Organisation:
    found = Organisation.objects.in_congress(world.congress).filter(name=name).first()
    return found or people.create_organisation(world.congress, actor=world.root,
                                               kind=Organisation.Kind.WORKING_COMMITTEE, name=name)


def make_plan(world, year: int | None = None):
    return plan_actions.draft_oversight_plan(world.congress, actor=world.root, year=year or this_year(),
                                             title=f"{year or this_year()}年度监督工作计划")


def make_item(world, plan, *, kind: str = "survey", month: int = 5, **extra):
    values = {"title": "关于义务教育优质均衡发展情况的调研", "lead_committee": committee(world),
              "leader": world.deputies[1].person, "month": month} | extra
    return plan_actions.arrange_plan_item(world.congress, plan, actor=world.root, kind=kind, **values)


def make_activity(world, *, kind: str = "survey", year: int | None = None, **extra):
    values: dict[str, Any] = {"title": "义务教育优质均衡发展情况调研", "year": year or this_year(),
                              "lead_committee": committee(world)}
    if kind == "law_inspection":
        values["laws"] = ["中华人民共和国义务教育法"]
    return act.start_activity(world.congress, actor=world.root, kind=kind, **(values | extra))


def ready_activity(world, **extra):
    """An activity with a leader and a two-stop itinerary: ready to go into the field."""
    activity = make_activity(world, **extra)
    act.set_team(world.congress, activity, actor=world.root, leader=world.deputies[1].person,
                 members=[(world.deputies[0].person, "deputy", "市人大代表")])
    year = activity.year
    act.write_activity_plan(world.congress, activity, actor=world.root, goals="了解情况", questions="一、二、三",
                            starts_on=datetime.date(year, 5, 10), ends_on=datetime.date(year, 5, 12),
                            stops=[{"day": datetime.date(year, 5, 10), "county": "东湖区", "site": "第一中学"},
                                   {"day": datetime.date(year, 5, 11), "county": "西山县", "site": "西山小学"}])
    return activity
