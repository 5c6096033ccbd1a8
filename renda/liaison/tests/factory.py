"""Liaison test data built through the actions."""

from renda.liaison import actions
from renda.people import actions as people


def attach(world, mandate, station=None):
    return people.update_mandate(world.congress, mandate, actor=world.root, liaison_station=station or world.station)


def concern(world, *, actor=None, **data):
    fields = {"person_name": "赵大妈", "person_contact": "13900000001", "category": "交通出行",
              "text": "小区门口缺少人行横道，老人过马路很危险", "place": "城关镇幸福小区"}
    fields.update(data)
    return actions.submit_concern(world.congress, world.station, actor=actor or world.public, data=fields)


def station_deputy(world):
    """The world's deputy persona, attached to the world's station."""
    mandate = world.deputies[0]
    attach(world, mandate)
    mandate.refresh_from_db()
    return mandate
