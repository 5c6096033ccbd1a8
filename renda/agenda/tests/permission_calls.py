"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): every agenda
permission, each call on fresh records made by the office."""

from __future__ import annotations


def writes(world) -> dict:
    from renda.agenda import actions
    from renda.agenda.tests.fixtures import agenda_vote, directors, fixed, pdf, propose, session, submitted
    from renda.meetings import actions as meeting_actions

    c = world.congress

    def adopt(u):
        meeting = directors(world)
        the_session = session(world, members=3)
        draft = fixed(world, the_session, [submitted(world, "报告", meeting)], meeting)
        return actions.adopt_agenda(c, draft, actor=u, vote=agenda_vote(world, the_session))

    def outcome(u):
        row = meeting_actions.add_agenda_item(c, session(world, open_it=False), actor=world.office, kind="report",
                                              title="关于某工作的报告")
        return actions.record_outcome(c, row, actor=u, outcome="审议")

    return {
        "propose_agenda_item": lambda u: actions.propose_item(c, actor=u, title="关于某事项的报告", kind="report",
                                                              proposer_kind="directors", presenter="办公室主任"),
        "add_agenda_document": lambda u: actions.add_document(c, propose(world, documents=[]), actor=u, file=pdf()),
        "decide_agenda_item": lambda u: actions.decide_item(c, propose(world, documents=[]), actor=u,
                                                            directors_meeting=directors(world), submit=True),
        "fix_draft_agenda": lambda u: actions.fix_draft_agenda(
            c, session(world, open_it=False), actor=u, directors_meeting=directors(world),
            entries=[{"item": submitted(world, "报告", documents=[]).pk}]),
        "adopt_agenda": adopt,
        "record_agenda_outcome": outcome,
    }


def reads(world) -> dict:
    return {"view_agenda": f"/c/{world.congress.code}/agenda/items/"}
