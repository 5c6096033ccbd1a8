"""The deputy-mandate workflow (代表资格): states, transitions, and who may take each."""

from renda.core.permissions import OFFICE
from renda.core.workflow import Transition, Workflow
from renda.people.models import Mandate

S = Mandate.Status
_ENDINGS = [S.RESIGNED, S.RECALLED, S.DECEASED, S.TERM_ENDED, S.TERMINATED]

MANDATE_WORKFLOW = Workflow(
    name="代表资格",
    states=dict(S.choices),
    transitions=[
        Transition(S.SERVING, S.SUSPENDED, "suspend_mandate", OFFICE, "暂停执行代表职务",
                   enabled_by="mandate.suspension_enabled"),
        Transition(S.SUSPENDED, S.SERVING, "restore_mandate", OFFICE, "恢复执行代表职务",
                   enabled_by="mandate.suspension_enabled"),
        *[Transition(source, end, "end_mandate", OFFICE, f"{S(end).label}")
          for source in (S.SERVING, S.SUSPENDED) for end in _ENDINGS],
    ],
)
