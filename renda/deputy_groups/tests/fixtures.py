"""Deputy-group test data built through the actions: a county under the world's city, with deputies of
both levels, and a chosen livelihood project and a rectification item to watch."""

from __future__ import annotations

import datetime

from renda.core.models import Congress
from renda.deputy_groups import actions
from renda.testing import make_world


def county_under(world, code: str = "cty"):
    """A county congress under the world's city, with its own personas."""
    return make_world(code, f"示例{code}县人民代表大会", level=Congress.Level.COUNTY, parent=world.congress)


def area_group(world, name: str = "城关代表小组", scope: str = "城关镇", **extra):
    return actions.create_group(world.congress, actor=world.office, name=name, basis="area", scope=scope,
                                station=extra.pop("station", world.station), **extra)


def field_group(world, name: str = "教育卫生代表小组", scope: str = "教育卫生"):
    return actions.create_group(world.congress, actor=world.office, name=name, basis="field", scope=scope)


def place(world, group, *mandates, on=None):
    return actions.add_group_members(world.congress, actor=world.office, placements=[(group, m) for m in mandates],
                                     on=on or datetime.date.today())


def chosen_project(world):
    from renda.livelihood import actions as livelihood
    from renda.livelihood.models import Proposal
    from renda.testing import make_call

    call = make_call(world, proposals=1)
    proposal = Proposal.objects.in_congress(world.congress).filter(call=call).first()
    proposal.status = Proposal.Status.CHOSEN
    proposal.save(update_fields=["status"])
    livelihood.assign_supervision(world.congress, proposal, actor=world.root, lead_unit=world.unit, budget="100",
                                  groups=[world.group], milestones=[{"title": "开工", "due_on": datetime.date.today()}])
    return proposal


def rectification_item(world):
    from renda.rectification import actions as rectification

    [item] = rectification.list_problems(world.congress, actor=world.office, source="visit", entries=[{
        "problem": "河道垃圾清理不及时", "owner": "水利局局长", "unit": world.unit,
        "due_on": datetime.date.today() + datetime.timedelta(days=30)}])
    return item
