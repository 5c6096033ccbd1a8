"""A major-matter decision's workflow: on the agenda → put to the vote → passed or failed (read
from the announced vote); a passed one is published. A failed one stays failed: it gives no text,
no number, nothing to publish."""

from renda.core.permissions import OFFICE
from renda.core.workflow import Transition, Workflow
from renda.decisions.models import Decision

S = Decision.Status

DECISION_WORKFLOW = Workflow(
    name="重大事项决定",
    states=dict(S.choices),
    transitions=[
        Transition(S.PROPOSED, S.VOTING, "put_decision_to_vote", OFFICE, "付表决"),
        Transition(S.VOTING, S.PASSED, "record_decision_outcome", OFFICE, "表决通过，形成决议（决定）"),
        Transition(S.VOTING, S.FAILED, "record_decision_outcome", OFFICE, "表决未通过"),
        Transition(S.PASSED, S.PUBLISHED, "publish_decision", OFFICE, "公布"),
    ],
)
