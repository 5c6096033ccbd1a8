"""The vote workflow: draft → open → closed → announced. Casting itself is not a transition; it
needs the vote open (core.workflow.require_status)."""

from renda.core.permissions import OFFICE
from renda.core.workflow import Transition, Workflow
from renda.voting.models import Vote

S = Vote.Status

VOTE_WORKFLOW = Workflow(
    name="表决",
    states=dict(S.choices),
    transitions=[
        Transition(S.DRAFT, S.OPEN, "open_vote", OFFICE, "开始表决"),
        Transition(S.OPEN, S.CLOSED, "close_vote", OFFICE, "结束表决并计票"),
        Transition(S.OPEN, S.CLOSED, "reconcile_paper_counts", OFFICE, "核对纸质计票得出结果"),
        Transition(S.OPEN, S.CLOSED, "abandon_vote", OFFICE, "作废本次表决（如监票人密钥条遗失）"),
        Transition(S.CLOSED, S.ANNOUNCED, "announce_result", OFFICE, "宣布结果"),
    ],
)
