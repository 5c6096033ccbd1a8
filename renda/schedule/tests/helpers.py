"""Calendar test state, set up through the meetings, liaison and proposals actions."""

from __future__ import annotations

import datetime

from django.utils import timezone

from renda.meetings import actions as meetings
from renda.testing import make_meeting


def at(day: datetime.date, hour: int = 9, minute: int = 30) -> datetime.datetime:
    """A moment in Asia/Shanghai."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def soon(days: int = 7) -> datetime.date:
    return timezone.localdate() + datetime.timedelta(days=days)


def sc_meeting(world, day: datetime.date, *, hour: int = 9, chair=None):
    """A standing-committee meeting on ``day`` whose roster holds the deputy (出席) and the SC member;
    ``chair`` presides."""
    meeting = make_meeting(world, members=2, kind="sc_session", open_it=False, starts_at=at(day, hour))
    if chair is not None:
        meetings.update_meeting(world.congress, meeting, actor=world.root, chair=chair)
    return meeting


def month(day: datetime.date) -> str:
    return f"{day:%Y-%m}"
