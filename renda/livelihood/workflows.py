"""The yearly livelihood-projects workflow, from the call to the chosen projects; and the
accountability chain for a unit that fails (督查问责)."""

from renda.core.permissions import OFFICE
from renda.core.workflow import Transition, Workflow
from renda.livelihood.models import AccountabilityCase, Call

S = Call.Status

CALL_WORKFLOW = Workflow(
    name="民生实事项目",
    states=dict(S.choices),
    transitions=[
        Transition(S.COLLECTING, S.SCREENING, "decide_stage", OFFICE, "开始筛选"),
        Transition(S.COLLECTING, S.CANDIDATES, "fix_candidates", OFFICE, "确定候选项目"),
        Transition(S.SCREENING, S.CANDIDATES, "fix_candidates", OFFICE, "确定候选项目"),
        Transition(S.CANDIDATES, S.VOTING, "put_projects_to_vote", OFFICE, "提交大会票决"),
        Transition(S.VOTING, S.CHOSEN, "record_project_result", OFFICE, "确认票决结果"),
        Transition(S.VOTING, S.DECIDING, "record_project_result", OFFICE, "票数相等或不足，提请主席团"),
        Transition(S.DECIDING, S.CHOSEN, "presidium_decide", OFFICE, "记录主席团决定"),
    ],
)

C = AccountabilityCase.Status

ACCOUNTABILITY_WORKFLOW = Workflow(
    name="督查问责",
    states=dict(C.choices),
    transitions=[
        Transition(C.VERIFYING, C.CONSULTING, "hold_unit_accountable", OFFICE, "核实完毕，征求意见"),
        Transition(C.CONSULTING, C.SUBMITTED, "hold_unit_accountable", OFFICE, "提请审核"),
        Transition(C.SUBMITTED, C.APPROVED, "hold_unit_accountable", OFFICE, "记录上级同意"),
        Transition(C.APPROVED, C.HELD_ACCOUNTABLE, "hold_unit_accountable", OFFICE, "督查问责"),
        Transition(C.VERIFYING, C.DROPPED, "hold_unit_accountable", OFFICE, "核实后不予问责"),
        Transition(C.CONSULTING, C.DROPPED, "hold_unit_accountable", OFFICE, "征求意见后不予问责"),
        Transition(C.SUBMITTED, C.DROPPED, "hold_unit_accountable", OFFICE, "上级不同意"),
    ],
)
