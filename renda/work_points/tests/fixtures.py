"""What the work point tests share: a plan adopted at a directors' meeting and items on it."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

from renda.people import actions as people_actions
from renda.testing import make_meeting
from renda.work_points import actions
from renda.work_points.models import WorkPlan, WorkPoint

_n = itertools.count(1)


def today() -> datetime.date:
    return timezone.localdate()


def office(world):
    from renda.people.models import Organisation

    return Organisation.objects.in_congress(world.congress).filter(kind="office").first() or \
        people_actions.create_organisation(world.congress, actor=world.root, kind="office", name="办公室")


def work_plan(world, year: int | None = None) -> WorkPlan:
    year = year or today().year
    found = WorkPlan.objects.in_congress(world.congress).filter(year=year).first()
    if found is not None:
        return found
    meeting = make_meeting(world, kind="directors", members=3, open_it=False)
    return actions.create_plan(world.congress, actor=world.root, year=year, meeting=meeting.pk)


def point(world, due: datetime.date | str | None = None, owner=None, year: int | None = None) -> WorkPoint:
    return actions.add_point(world.congress, work_plan(world, year), actor=world.root, text_=f"工作事项{next(_n)}",
                             owner=owner or world.committee, due=str(due or today() + datetime.timedelta(days=30)),
                             leader=world.deputies[1].person.pk)
