"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): checking an
answer to a suggestion (office and unit officers, as the answer itself), a unit's answer to a concern
(those who may answer a concern) and the staff's list of flags."""

from __future__ import annotations


def _answer(world):
    from renda.answer_quality.tests.helpers import answered

    return answered(world, "已于三月完成校车线路调整，新增两条线路。")


def _concern_answer(world):
    from renda.answer_quality.tests.helpers import answered_concern

    return answered_concern(world, "已于三月完成校车线路调整，新增两条线路。")


def writes(world) -> dict:
    from renda.answer_quality import actions

    return {"check_answer": lambda u: actions.check_answer(world.congress, _answer(world), actor=u),
            "check_concern_answer": lambda u: actions.check_concern_answer(world.congress, _concern_answer(world),
                                                                           actor=u)}


def reads(world) -> dict:
    return {"view_answer_flags": f"/c/{world.congress.code}/answer-quality/"}
