"""A rectification item's workflow: open until the unit asks to close it with evidence; the
committee accepts (销号) or returns it. Reports, checks and reminders do not change the state."""

from renda.core.permissions import STAFF
from renda.core.roles import Role
from renda.core.workflow import Transition, Workflow
from renda.rectification.models import RectificationItem

S = RectificationItem.Status

RECTIFICATION_WORKFLOW = Workflow(
    name="整改事项",
    states=dict(S.choices),
    transitions=[
        Transition(S.OPEN, S.CLAIMED, "report_rectification_progress", STAFF | {Role.UNIT_OFFICER}, "申请销号"),
        Transition(S.CLAIMED, S.CLOSED, "accept_rectification", STAFF, "验收销号"),
        Transition(S.CLAIMED, S.OPEN, "accept_rectification", STAFF, "退回整改"),
    ],
)
