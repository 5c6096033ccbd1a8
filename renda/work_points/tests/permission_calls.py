"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): every work
point permission; the item closed is the world's working committee's (committee staff's own)."""

from __future__ import annotations

import itertools

_n = itertools.count(1)


def writes(world) -> dict:
    from renda.work_points import actions
    from renda.work_points.tests.fixtures import point

    c = world.congress
    return {
        "manage_work_points": lambda u: actions.create_plan(c, actor=u, year=2030 + next(_n)),
        "close_work_point": lambda u: actions.close_point(c, point(world), actor=u, note="已完成"),
    }


def reads(world) -> dict:
    return {"view_work_points": f"/c/{world.congress.code}/work-points/"}
