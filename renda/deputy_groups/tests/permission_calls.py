"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): every deputy
group permission, and the CPPCC part of liaison."""

from __future__ import annotations

import datetime
import itertools

_n = itertools.count(1)


def _group(world):
    from renda.deputy_groups import actions

    return actions.create_group(world.congress, actor=world.root, name=f"矩阵小组{next(_n)}", basis="field", scope="教育")


def _member(world):
    from renda.deputy_groups import actions

    group = _group(world)
    [member] = actions.add_group_members(world.congress, actor=world.root,
                                         placements=[(group, world.make_deputy(f"矩阵代表{next(_n)}"))])
    return member


def _watching(world):
    from renda.deputy_groups import actions
    from renda.deputy_groups.tests.fixtures import rectification_item

    group = _group(world)
    item = rectification_item(world)
    actions.watch(world.congress, group, actor=world.root, rectification_item=item)
    return group, item


def _cppcc(world):
    from renda.liaison import actions

    return actions.register_cppcc_member(world.congress, actor=world.root, person_data={"name": f"委员{next(_n)}", "sex": "男"},
                                         cppcc="市政协")


def writes(world) -> dict:
    from renda.deputy_groups import actions
    from renda.deputy_groups.tests.fixtures import rectification_item
    from renda.liaison import actions as liaison

    c = world.congress
    year = datetime.date.today().year

    def unwatch(u):
        group, item = _watching(world)
        return actions.unwatch(c, group, actor=u, rectification_item=item)

    return {
        "create_deputy_group": lambda u: actions.create_group(c, actor=u, name=f"新小组{next(_n)}", basis="area", scope="城关"),
        "edit_deputy_group": lambda u: actions.edit_group(c, _group(world), actor=u, name=f"改名小组{next(_n)}",
                                                          basis="field", scope="农业"),
        "add_group_members": lambda u: actions.add_group_members(
            c, actor=u, placements=[(_group(world), world.make_deputy(f"组员{next(_n)}"))]),
        "remove_group_member": lambda u: actions.remove_member(c, _member(world), actor=u),
        "set_group_leader": lambda u: actions.set_group_leader(c, _member(world), actor=u),
        "adopt_group_plan": lambda u: actions.adopt_plan(c, _group(world), actor=u, year=year, items=[
            {"on": f"{year}-06-01", "kind": "视察", "topic": "学校"}]),
        "watch_for_group": lambda u: actions.watch(c, _group(world), actor=u, rectification_item=rectification_item(world)),
        "unwatch_for_group": unwatch,
        "register_cppcc_member": lambda u: liaison.register_cppcc_member(
            c, actor=u, person_data={"name": f"登记委员{next(_n)}", "sex": "女"}, cppcc="市政协"),
        "edit_cppcc_member": lambda u: liaison.edit_cppcc_member(c, _cppcc(world), actor=u, cppcc="市政协第十四届"),
        "deactivate_cppcc_member": lambda u: liaison.deactivate_cppcc_member(c, _cppcc(world), actor=u),
    }


def reads(world) -> dict:
    return {"view_deputy_groups": f"/c/{world.congress.code}/groups/",
            "view_cppcc_members": f"/c/{world.congress.code}/liaison/cppcc/"}
