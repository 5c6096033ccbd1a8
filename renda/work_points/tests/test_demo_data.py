"""The work points' demo on a small city: the adopted document, items, some done, one overdue."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from renda.people.actions import create_organisation
from renda.testing import make_meeting
from renda.work_points import demo_data, queries
from renda.work_points.models import WorkPoint


def test_the_demo_builds(world_a):
    c = world_a.congress
    make_meeting(world_a, kind="directors", members=3, open_it=False)  # the directors' meeting body
    create_organisation(c, actor=world_a.root, kind="office", name="办公室")
    names = {name for _, name, _ in demo_data.ITEMS if name}
    committees = {n: world_a.committee if n == world_a.committee.name else
                  create_organisation(c, actor=world_a.root, kind="working_committee", name=n) for n in names}
    deputies = world_a.deputies + [world_a.make_deputy(f"副主任{n}") for n in range(5)]
    city = SimpleNamespace(congress=c, office=world_a.office, today=timezone.localdate(), term=world_a.term,
                           committees=committees, mandates=deputies)
    made = demo_data.build(city)
    points = WorkPoint.objects.in_congress(c).filter(plan=made["plan"])
    assert points.count() == 11
    today = timezone.localdate()
    assert list(queries.overdue_for(c, today)) == [made["overdue"]] or today.month == 1 and today.day <= 7
    assert made["done"] == sum(1 for _, _, m in demo_data.ITEMS
                               if datetime.date(today.year, m, 1) < today.replace(day=1))
