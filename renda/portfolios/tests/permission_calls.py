"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): the map's
edits share edit_portfolios (link_unit is the call here; tests/test_actions.py covers the others)."""

from __future__ import annotations

import itertools

_seq = itertools.count(1)


def writes(world) -> dict:
    from renda.portfolios import actions
    from renda.portfolios.tests.fixtures import committee, unit

    c = world.congress

    def link(u):
        n = next(_seq)
        return actions.link_unit(c, actor=u, committee=committee(world, f"工作委员会{n}"), unit=unit(world, f"部门{n}"),
                                 start="2023-01-01")

    return {"edit_portfolios": link}


def reads(world) -> dict:
    return {"view_portfolios": f"/c/{world.congress.code}/portfolios/"}
