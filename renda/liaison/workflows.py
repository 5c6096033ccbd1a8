"""How a constituent's concern moves under 三办 until the person's feedback.

及时办: solved on the spot by the deputy (→ solved), or passed to the village/community committee
        with a deadline (→ with_committee → solved).
上报办: passed by the liaison office to a handling unit, which answers (→ referred → answered).
跟踪办: the responsible deputy follows it and records the outcome (→ tracking → answered).
Every path ends when the answer has reached the person and their satisfaction is recorded (→ closed).

The opinion register (opinions app) uses the same table. An item merged into another (归并) waits in
received and follows its main item: answered with its answer, closed with it, dismissed with it
(``follow_merged``, taken by whoever moves the main item).
"""

from renda.core.permissions import OFFICE
from renda.core.roles import Role
from renda.core.workflow import Transition, Workflow
from renda.liaison.models import Concern

S = Concern.Status
HANDLERS = OFFICE | {Role.DEPUTY, Role.SC_MEMBER}
EVERYONE = frozenset(Role)

CONCERN_WORKFLOW = Workflow(
    name="群众诉求",
    states=dict(S.choices),
    transitions=[
        Transition(S.RECEIVED, S.SOLVED, "triage_concern", HANDLERS, "及时办：当场解决"),
        Transition(S.RECEIVED, S.WITH_COMMITTEE, "triage_concern", HANDLERS, "及时办：交村（居）委会办理"),
        Transition(S.RECEIVED, S.REFERRED, "triage_concern", OFFICE, "上报办：交承办单位"),
        Transition(S.RECEIVED, S.TRACKING, "triage_concern", HANDLERS, "跟踪办：代表跟踪办理"),
        Transition(S.RECEIVED, S.DISMISSED, "dismiss_concern", OFFICE, "不予受理"),
        Transition(S.WITH_COMMITTEE, S.SOLVED, "report_committee_result", HANDLERS, "村（居）委会办结"),
        Transition(S.REFERRED, S.ANSWERED, "answer_concern", OFFICE | {Role.UNIT_OFFICER}, "承办单位答复"),
        Transition(S.TRACKING, S.ANSWERED, "answer_concern", HANDLERS, "代表记录办理结果"),
        Transition(S.SOLVED, S.CLOSED, "record_feedback", EVERYONE, "反馈并评价"),
        Transition(S.ANSWERED, S.CLOSED, "record_feedback", EVERYONE, "反馈并评价"),
        Transition(S.RECEIVED, S.ANSWERED, "follow_merged", EVERYONE, "随合并的主件答复"),
        Transition(S.ANSWERED, S.CLOSED, "follow_merged", EVERYONE, "随合并的主件办结"),
        Transition(S.RECEIVED, S.DISMISSED, "follow_merged", EVERYONE, "随合并的主件不予受理"),
    ],
)
