"""A standing committee with a vice-chair (副主任), a working committee and a department."""

from __future__ import annotations

import datetime

from renda.people import actions as people
from renda.people.models import Organisation


def standing_committee(world) -> Organisation:
    c = world.congress
    return Organisation.objects.in_congress(c).filter(kind=Organisation.Kind.STANDING_COMMITTEE).first() or \
        people.create_organisation(c, actor=world.root, kind=Organisation.Kind.STANDING_COMMITTEE,
                                   name=f"{c.code}常委会")


def vice_chair(world, name: str = "周副主任", post: str = "副主任", start=datetime.date(2022, 1, 10)):
    person = world.make_deputy(name).person
    people.add_membership(world.congress, actor=world.root, organisation=standing_committee(world), person=person,
                          post=post, start=start)
    return person


def committee(world, name: str = "财政经济工作委员会") -> Organisation:
    return people.create_organisation(world.congress, actor=world.root, kind=Organisation.Kind.WORKING_COMMITTEE,
                                      name=name)


def unit(world, name: str = "财政局") -> Organisation:
    return people.create_organisation(world.congress, actor=world.root, kind=Organisation.Kind.HANDLING_UNIT,
                                      name=name, unit_type="department")
