"""A proposed item's workflow: the directors' meeting decides to submit it to the session or not;
a submitted item goes onto a session's draft agenda (and off it again when the draft is re-fixed
without it); the session's adoption of the agenda puts it on the session's agenda."""

from renda.agenda.models import ProposedItem
from renda.core.permissions import OFFICE
from renda.core.workflow import Transition, Workflow

S = ProposedItem.Status

ITEM_WORKFLOW = Workflow(
    name="提请事项",
    states=dict(S.choices),
    transitions=[
        Transition(S.PROPOSED, S.SUBMITTED, "decide_agenda_item", OFFICE, "决定提请常委会审议"),
        Transition(S.PROPOSED, S.DECLINED, "decide_agenda_item", OFFICE, "决定不提请审议"),
        Transition(S.SUBMITTED, S.SCHEDULED, "fix_draft_agenda", OFFICE, "列入议程草案"),
        Transition(S.SCHEDULED, S.SUBMITTED, "fix_draft_agenda", OFFICE, "移出议程草案"),
        Transition(S.SCHEDULED, S.ADOPTED, "adopt_agenda", OFFICE, "会议通过议程"),
    ],
)
