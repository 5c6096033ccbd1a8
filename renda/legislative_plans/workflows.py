"""A plan is drafted, then adopted (at the directors' meeting or a standing-committee session) and
from then on public; a proposal is studied, then accepted into a plan or declined with a reason.
An item's category (正式/预备/调研) may move either way, each move with its reason
(``PlanItemMove``); what the bill has reached is the bill's own status."""

from renda.core.permissions import OFFICE
from renda.core.workflow import Transition, Workflow
from renda.legislative_plans.models import LegislativePlan, Proposal

P = LegislativePlan.Status
Q = Proposal.Status

PLAN_WORKFLOW = Workflow(
    name="立法规划、计划",
    states=dict(P.choices),
    transitions=[Transition(P.DRAFT, P.ADOPTED, "adopt_legislative_plan", OFFICE, "通过")],
)

PROPOSAL_WORKFLOW = Workflow(
    name="立项建议",
    states=dict(Q.choices),
    transitions=[
        Transition(Q.SUBMITTED, Q.ACCEPTED, "decide_legislative_proposal", OFFICE, "列入计划"),
        Transition(Q.SUBMITTED, Q.DECLINED, "decide_legislative_proposal", OFFICE, "不予立项"),
    ],
)
