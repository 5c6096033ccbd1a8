"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): a person's
own subscription address — every signed-in role, no public visitor."""

from __future__ import annotations


def writes(world) -> dict:
    from renda.schedule import actions

    def revoke(u):
        if actions.active_feed(world.congress, u) is None:  # the public is refused here already
            actions.issue_calendar_feed(world.congress, actor=u)
        return actions.revoke_calendar_feed(world.congress, actor=u)

    return {"issue_calendar_feed": lambda u: actions.issue_calendar_feed(world.congress, actor=u),
            "revoke_calendar_feed": revoke}


def reads(world) -> dict:
    return {}  # the calendar page follows issue_calendar_feed; a user with no role here gets 404, not 403
