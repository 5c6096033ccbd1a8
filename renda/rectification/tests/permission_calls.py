"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): every
rectification permission, each call on a fresh item of the world's unit (the unit officer's own).
request_closure shares report_rectification_progress, return_item accept_rectification and
escalate_overdue escalate_rectification with the calls here (tests/test_actions.py covers them)."""

from __future__ import annotations


def writes(world) -> dict:
    from renda.rectification import actions
    from renda.rectification.tests.fixtures import claimed, make_item

    c = world.congress
    entry = {"problem": "学校饮水设施老化", "owner": "赵局长", "due_on": "2030-12-31", "unit": world.unit.pk}
    return {
        "list_rectification": lambda u: actions.list_problems(c, actor=u, source="visit", entries=[entry]),
        "report_rectification_progress": lambda u: actions.report_progress(c, make_item(world), actor=u,
                                                                            text="已完成一半"),
        "check_rectification": lambda u: actions.record_check(c, make_item(world), actor=u, kind="spot_check",
                                                              findings="抽查三所学校"),
        "accept_rectification": lambda u: actions.accept_closure(c, claimed(world), actor=u),
        "escalate_rectification": lambda u: actions.send_reminders(c, actor=u),
    }


def reads(world) -> dict:
    return {"view_rectification": f"/c/{world.congress.code}/rectification/"}
