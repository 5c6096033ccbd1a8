"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): activities."""

import datetime

from django.utils import timezone

from renda.oversight.actions import activities as a


def writes(world) -> dict:
    c, root = world.congress, world.root
    year = timezone.localdate().year

    def started():
        return a.start_activity(c, actor=root, kind="survey", title="调研", year=year, lead_committee=world.committee)

    def ready():
        made = started()
        a.set_team(c, made, actor=root, leader=world.deputies[1].person)
        a.write_activity_plan(c, made, actor=root, goals="了解情况", starts_on=datetime.date(year, 5, 1),
                              ends_on=datetime.date(year, 5, 2),
                              stops=[{"day": datetime.date(year, 5, 1), "county": "东湖区", "site": "一中"}])
        return made

    return {
        "start_activity": lambda u: a.start_activity(c, actor=u, kind="visit", title="视察", year=year,
                                                     organiser=world.group),
        "set_team": lambda u: a.set_team(c, started(), actor=u, leader=world.deputies[1].person),
        "write_activity_plan": lambda u: a.write_activity_plan(
            c, started(), actor=u, goals="了解情况", starts_on=datetime.date(year, 6, 1), ends_on=datetime.date(year, 6, 3),
            stops=[{"day": datetime.date(year, 6, 2), "county": "西山县", "site": "二中"}]),
        "begin_fieldwork": lambda u: a.begin_fieldwork(c, ready(), actor=u),
    }


def reads(world) -> dict:
    return {}
