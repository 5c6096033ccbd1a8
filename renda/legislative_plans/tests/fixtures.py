"""A yearly plan with items, a committee in charge and a law in force, built through the actions."""

from __future__ import annotations

import datetime

from renda.legislation.models import Law
from renda.legislative_plans import actions
from renda.people import actions as people
from renda.people.models import Organisation


def legal_committee(world) -> Organisation:
    found = Organisation.objects.in_congress(world.congress).filter(name="法制工作委员会").first()
    return found or people.create_organisation(world.congress, actor=world.root, kind="working_committee",
                                               name="法制工作委员会")


def plan(world, year: int = 2026):
    return actions.create_legislative_plan(world.congress, actor=world.office, kind="yearly", year=year)


def item(world, the_plan=None, title="示例市农田灌溉用水管理条例", status="formal", **kw):
    the_plan = the_plan or plan(world)
    return actions.add_plan_item(world.congress, the_plan, actor=world.office, title=title, status=status,
                                 drafting_body=kw.pop("drafting_body", world.unit),
                                 committee=kw.pop("committee", legal_committee(world)),
                                 planned_readings=kw.pop("planned_readings", [{"reading": "一审", "month": "2026-03"}]),
                                 **kw)


def law_in_force(world, title="示例市乌梁素海流域生态保护条例") -> Law:
    """A law in force (its enactment is the enactment helper's; the row is enough here)."""
    return Law.objects.create(congress=world.congress, title=title, status=Law.Status.IN_FORCE,
                              created_at=datetime.datetime(2023, 11, 1, tzinfo=datetime.UTC))
