"""The oversight workflows: the yearly plan, and a survey or inspection from preparation to the
meeting that hears its report."""

from renda.core.permissions import OFFICE, STAFF
from renda.core.workflow import Transition, Workflow
from renda.oversight.models import Activity, Plan, Report

P, A, R = Plan.Status, Activity.Status, Report.Status

PLAN_WORKFLOW = Workflow(
    name="年度监督工作计划",
    states=dict(P.choices),
    transitions=[
        Transition(P.DRAFT, P.APPROVED, "approve_oversight_plan", OFFICE, "主任会议通过"),
        Transition(P.APPROVED, P.PUBLISHED, "publish_oversight_plan", OFFICE, "公布"),
    ],
)

ACTIVITY_WORKFLOW = Workflow(
    name="调研检查",
    states=dict(A.choices),
    transitions=[
        Transition(A.PREPARING, A.UNDER_WAY, "begin_fieldwork", STAFF, "开始调研（检查）"),
        Transition(A.UNDER_WAY, A.DRAFTING, "draft_oversight_report", STAFF, "起草报告"),
        Transition(A.DRAFTING, A.REPORTED, "finalise_oversight_report", STAFF, "报告定稿"),
        Transition(A.REPORTED, A.ON_AGENDA, "place_report_on_agenda", OFFICE, "提请常委会会议审议"),
    ],
)

REPORT_WORKFLOW = Workflow(
    name="调研检查报告",
    states=dict(R.choices),
    transitions=[
        Transition(R.DRAFTING, R.FINAL, "finalise_oversight_report", STAFF, "定稿"),
    ],
)
