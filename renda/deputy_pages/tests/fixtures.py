"""A deputy of world A at a station with a rota day ahead."""

from __future__ import annotations

import datetime

from django.utils import timezone

from renda.liaison import actions as liaison
from renda.people import actions as people


def at_station(world, mandate=None):
    """The world's deputy persona (李明) attached to the world's station, sitting there in a week."""
    c = world.congress
    mandate = mandate or world.deputies[0]
    mandate = people.update_mandate(c, mandate, actor=world.root, liaison_station=world.station)
    liaison.set_up_station(c, world.station, actor=world.root, opening_days="每月5日、15日", phone="0471-1234567")
    liaison.set_rota(c, world.station, actor=world.root, on=timezone.localdate() + datetime.timedelta(days=7),
                     mandates=[mandate])
    return mandate


def message(**extra) -> dict:
    return {"category": "教育", "text": "学校门口早晚拥堵", "place": "实验小学", "anonymous": "on", **extra}
