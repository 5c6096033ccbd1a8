"""The activity workflow: notified (planned) → held, or → cancelled."""

from renda.activities.models import Activity
from renda.core.permissions import STAFF
from renda.core.workflow import Transition, Workflow

S = Activity.Status

ACTIVITY_WORKFLOW = Workflow(
    name="代表活动",
    states=dict(S.choices),
    transitions=[
        Transition(S.PLANNED, S.HELD, "record_activity_held", STAFF, "记录活动举行情况"),
        Transition(S.PLANNED, S.CANCELLED, "update_activity", STAFF, "取消活动"),
    ],
)
