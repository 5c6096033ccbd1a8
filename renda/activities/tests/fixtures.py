"""Test data for activities: a tree of congresses (province → this city → county → township, and a
sibling city), deputies at each level, an activity on a fixed day."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from renda.activities import actions
from renda.core import actions as core_actions
from renda.core.models import Congress
from renda.people import actions as people
from renda.testing import make_user

_n = itertools.count(1)
DAY = datetime.date(2026, 5, 12)


def at(day: datetime.date = DAY, hour: int = 9):
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def congress(world, level: str, parent: Congress | None, name: str) -> Congress:
    made = Congress.objects.create(code=f"t{next(_n)}-{level}", name=name, level=level, parent=parent)
    core_actions.create_term(made, actor=world.root, number=1, start="2021-01-01", end="2031-12-31")
    return made


def deputy_in(world, congress_: Congress, name: str, *, elected=datetime.date(2021, 1, 1), user=None):
    from renda.core.models import Term

    term = Term.objects.in_congress(congress_).first()
    mandate = people.appoint_deputy(congress_, actor=world.root, term=term, number=f"N{next(_n):05d}", elected_on=elected,
                                    person_data={"name": name, "sex": "男"})
    if user is not None:
        mandate.person.user = user
        mandate.person.save(update_fields=["user"])
    return mandate


def tree(world) -> dict:
    """Province above the world's city; a county and a township below it; a sibling city beside it."""
    city = world.congress
    province = congress(world, Congress.Level.PROVINCIAL, None, "示例省人民代表大会")
    city.parent = province
    city.save(update_fields=["parent"])
    county = congress(world, Congress.Level.COUNTY, city, "示例县人民代表大会")
    township = congress(world, Congress.Level.TOWNSHIP, county, "示例镇人民代表大会")
    sibling = congress(world, Congress.Level.CITY, province, "邻市人民代表大会")
    return {"province": province, "county": county, "township": township, "sibling": sibling}


def activity(world, *, day: datetime.date = DAY, kind: str = "survey", **extra):
    return actions.create_activity(world.congress, actor=world.office, kind=kind, topic=extra.pop("topic", "农村饮水安全调研"),
                                   starts_at=extra.pop("starts_at", at(day)), place=extra.pop("place", "城关镇"), **extra)


def participant_user(world, name: str = "参加人"):
    """An account tied to a serving deputy of the world's congress."""
    user = make_user(f"p{next(_n)}")
    return deputy_in(world, world.congress, name, user=user), user
