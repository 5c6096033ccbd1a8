"""The filing-and-review part of the suggestion workflow."""

from renda.core.permissions import MEMBERS, OFFICE, STAFF
from renda.core.roles import Role
from renda.core.workflow import Transition, Workflow
from renda.proposals.models import Suggestion

S = Suggestion.Status
UNIT = OFFICE | {Role.UNIT_OFFICER}

SUGGESTION_WORKFLOW = Workflow(
    name="议案建议",
    states=dict(S.choices),
    transitions=[
        Transition(S.DRAFT, S.SUBMITTED, "submit_suggestion", MEMBERS, "提交"),
        Transition(S.RETURNED, S.SUBMITTED, "submit_suggestion", MEMBERS, "修改后重新提交"),
        Transition(S.DRAFT, S.WITHDRAWN, "withdraw_suggestion", MEMBERS, "撤回"),
        Transition(S.SUBMITTED, S.WITHDRAWN, "withdraw_suggestion", MEMBERS, "撤回"),
        Transition(S.RETURNED, S.WITHDRAWN, "withdraw_suggestion", MEMBERS, "撤回"),
        Transition(S.SUBMITTED, S.RETURNED, "return_suggestion", STAFF, "退回修改"),
        Transition(S.SUBMITTED, S.ACCEPTED, "accept_suggestion", STAFF, "立案编号"),
        Transition(S.SUBMITTED, S.MERGED, "merge_suggestions", STAFF, "并案"),
        Transition(S.ACCEPTED, S.ASSIGNED, "assign_suggestion", OFFICE, "交办"),
        Transition(S.ASSIGNED, S.ANSWERED, "answer_suggestion", UNIT, "书面答复"),
        Transition(S.REHANDLING, S.ANSWERED, "answer_suggestion", UNIT, "重新答复"),
        Transition(S.ANSWERED, S.REHANDLING, "rate_suggestion", MEMBERS, "不满意，重新办理"),
        Transition(S.ANSWERED, S.CLOSED, "rate_suggestion", MEMBERS, "代表均已评价，办结"),
    ],
)
