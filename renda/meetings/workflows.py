"""The meeting workflow: planned → open → closed."""

from renda.core.permissions import OFFICE
from renda.core.workflow import Transition, Workflow
from renda.meetings.models import Meeting

S = Meeting.Status

MEETING_WORKFLOW = Workflow(
    name="会议",
    states=dict(S.choices),
    transitions=[
        Transition(S.PLANNED, S.OPEN, "open_meeting", OFFICE, "宣布开会"),
        Transition(S.OPEN, S.CLOSED, "close_meeting", OFFICE, "宣布闭会"),
    ],
)
