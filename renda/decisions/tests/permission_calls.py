"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): every
decisions permission, each call on a fresh decision at the stage it needs."""

from __future__ import annotations


def writes(world) -> dict:
    from renda.decisions import actions
    from renda.decisions.tests.fixtures import passed, propose, voted
    from renda.testing import make_meeting

    c = world.congress
    return {
        "propose_decision": lambda u: actions.propose_decision(
            c, actor=u, title="关于设立城市更新基金的决定", proposer=world.unit,
            meeting=make_meeting(world, members=5), text_="一、设立城市更新基金。"),
        "put_decision_to_vote": lambda u: actions.put_decision_to_vote(c, propose(world), actor=u),
        "record_decision_outcome": lambda u: actions.record_decision_outcome(
            c, voted(world, yes=5, members=5), actor=u),
        "publish_decision": lambda u: actions.publish_decision(c, passed(world, yes=5, members=5), actor=u),
        "track_decision_implementation": lambda u: actions.track_implementation(
            c, passed(world, yes=5, members=5), actor=u, unit=world.unit, owner="赵局长"),
    }


def reads(world) -> dict:
    return {"view_decisions": f"/c/{world.congress.code}/decisions/"}
