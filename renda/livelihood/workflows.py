"""The yearly livelihood-projects workflow, from the call to the chosen projects."""

from renda.core.permissions import OFFICE
from renda.core.workflow import Transition, Workflow
from renda.livelihood.models import Call

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
