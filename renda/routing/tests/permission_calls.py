"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): setting a
handling unit's duties, and the units page with its router."""

from __future__ import annotations


def writes(world) -> dict:
    from renda.routing import actions

    return {"set_unit_duties": lambda u: actions.set_unit_duties(
        world.congress, world.unit, actor=u, duties="负责城市道路、桥梁、路灯等市政设施的养护和管理")}


def reads(world) -> dict:
    return {"view_unit_routing": f"/c/{world.congress.code}/routing/units/"}
