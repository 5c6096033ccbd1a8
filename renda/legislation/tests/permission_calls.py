"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): every
legislation permission, each on a fresh bill."""

from __future__ import annotations


def writes(world) -> dict:
    import datetime

    from renda.legislation import actions
    from renda.legislation.tests.fixtures import TEXT, bill

    c = world.congress

    def edit(u):
        b = bill(world, title="测试条例")
        return actions.add_version(c, b, actor=u, stage="revision")

    return {
        "create_bill": lambda u: actions.create_bill(c, actor=u, title="示例市养犬管理条例", text=TEXT),
        "edit_bill_text": edit,
        "register_law": lambda u: actions.register_law(c, actor=u, title="示例市物业管理条例", text=TEXT,
                                                       passed_on=datetime.date(2020, 6, 30)),
    }


def reads(world) -> dict:
    return {"view_bills": f"/c/{world.congress.code}/legislation/bills/"}
