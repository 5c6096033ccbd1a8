"""A questionnaire: drafted, open for answers, closed."""

from renda.core.permissions import STAFF
from renda.core.workflow import Transition, Workflow
from renda.questionnaires.models import Questionnaire

Q = Questionnaire.Status

QUESTIONNAIRE_WORKFLOW = Workflow(
    name="问卷",
    states=dict(Q.choices),
    transitions=[
        Transition(Q.DRAFT, Q.OPEN, "open_questionnaire", STAFF, "发布"),
        Transition(Q.OPEN, Q.CLOSED, "close_questionnaire", STAFF, "结束"),
    ],
)
