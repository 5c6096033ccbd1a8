"""A major matter put to a session of ``members`` (43 by default), voted ``yes`` for and the rest
against, announced."""

from __future__ import annotations

from renda.decisions import actions
from renda.testing import make_meeting, voters
from renda.voting import actions as voting

TEXT = "一、批准市人民政府提出的城市更新专项规划。\n二、市人民政府应当于每年第四季度报告执行情况。"


def propose(world, meeting=None, **kw):
    meeting = meeting or make_meeting(world, members=5)
    return actions.propose_decision(world.congress, actor=world.office, title=kw.pop("title", "关于城市更新专项规划的决定"),
                                    proposer=kw.pop("proposer", world.unit), meeting=meeting, text_=kw.pop("text_", TEXT),
                                    **kw)


def voted(world, *, yes: int, members: int = 43, present: int | None = None, announce: bool = True, meeting=None):
    c, office = world.congress, world.office
    meeting = meeting or make_meeting(world, members=members, sign_in=present)
    decision = propose(world, meeting)
    vote = actions.put_decision_to_vote(c, decision, actor=office)
    voting.open_vote(c, vote, actor=office)
    for n, user in enumerate(voters(meeting)):
        voting.cast_vote(c, vote, actor=user, choice="yes" if n < yes else "no")
    voting.close_vote(c, vote, actor=office)
    if announce:
        voting.announce_result(c, vote, actor=office)
    decision.refresh_from_db()
    return decision


def passed(world, **kw):
    decision = voted(world, yes=kw.pop("yes", 30), **kw)
    return actions.record_decision_outcome(world.congress, decision, actor=world.office)
