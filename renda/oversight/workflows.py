"""The oversight workflows: the yearly plan; a survey or inspection from preparation to the meeting
that hears its report; a body's work report from filing to its evaluation; review opinions to the
body's published reply; special inquiries; questioning; special investigation committees."""

from renda.core.permissions import MEMBERS, OFFICE, STAFF
from renda.core.roles import Role
from renda.core.workflow import Transition, Workflow
from renda.oversight.models import (
    Activity,
    Inquiry,
    Investigation,
    Plan,
    Questioning,
    Report,
    ReviewOpinion,
    WorkReport,
)

P, A, R = Plan.Status, Activity.Status, Report.Status
W, OP, IQ, Q, V = WorkReport.Status, ReviewOpinion.Status, Inquiry.Status, Questioning.Status, Investigation.Status
BODY = STAFF | {Role.UNIT_OFFICER}

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

WORK_REPORT_WORKFLOW = Workflow(
    name="专项工作报告",
    states=dict(W.choices),
    transitions=[
        Transition(W.EXPECTED, W.FILED, "file_work_report", BODY, "报送报告"),
        Transition(W.FILED, W.REVIEWED, "review_work_report", STAFF, "初审"),
        Transition(W.REVIEWED, W.DELIBERATED, "record_speech", STAFF | {Role.SC_MEMBER}, "常委会会议审议"),
        Transition(W.DELIBERATED, W.EVALUATING, "evaluate_work_report", OFFICE, "满意度测评",
                   enabled_by="sc.satisfaction_evaluation"),
        Transition(W.EVALUATING, W.CONCLUDED, "evaluate_work_report", OFFICE, "记录测评结果"),
        Transition(W.DELIBERATED, W.CONCLUDED, "evaluate_work_report", OFFICE, "审议结束，不测评"),
    ],
)

OPINION_WORKFLOW = Workflow(
    name="审议意见",
    states=dict(OP.choices),
    transitions=[
        Transition(OP.DRAFTING, OP.APPROVED, "approve_review_opinion", OFFICE, "主任会议通过"),
        Transition(OP.APPROVED, OP.SENT, "send_review_opinion", OFFICE, "交办报告机关"),
        Transition(OP.SENT, OP.REPLIED, "file_opinion_reply", BODY, "报送研究处理情况"),
        Transition(OP.REPLIED, OP.DELIBERATED, "deliberate_opinion_reply", OFFICE, "提请常委会会议审议",
                   enabled_by="oversight.reply_deliberated"),
        Transition(OP.REPLIED, OP.PUBLISHED, "publish_review_opinion", OFFICE, "公开"),
        Transition(OP.DELIBERATED, OP.PUBLISHED, "publish_review_opinion", OFFICE, "公开"),
    ],
)

INQUIRY_WORKFLOW = Workflow(
    name="专题询问",
    states=dict(IQ.choices),
    transitions=[
        Transition(IQ.PREPARING, IQ.HELD, "record_inquiry_answer", STAFF, "询问结束"),
        Transition(IQ.HELD, IQ.CONCLUDED, "record_inquiry_answer", STAFF, "跟踪办结"),
    ],
)

QUESTIONING_WORKFLOW = Workflow(
    name="质询案",
    states=dict(Q.choices),
    transitions=[
        Transition(Q.DRAFT, Q.FILED, "file_questioning", STAFF | MEMBERS, "提出"),
        Transition(Q.FILED, Q.ACCEPTED, "decide_questioning", OFFICE, "决定交受质询机关答复"),
        Transition(Q.FILED, Q.REJECTED, "decide_questioning", OFFICE, "决定不列入"),
        Transition(Q.ACCEPTED, Q.ANSWERED, "record_questioning_answer", BODY, "答复"),
        Transition(Q.ANSWERED, Q.FURTHER, "decide_questioning", OFFICE, "过半数提案人不满意，要求再作答复"),
        Transition(Q.FURTHER, Q.ANSWERED, "record_questioning_answer", BODY, "再作答复"),
        Transition(Q.ANSWERED, Q.CONCLUDED, "decide_questioning", OFFICE, "办结"),
    ],
)

INVESTIGATION_WORKFLOW = Workflow(
    name="特定问题调查委员会",
    states=dict(V.choices),
    transitions=[
        Transition(V.PROPOSED, V.ESTABLISHED, "establish_investigation", OFFICE, "表决通过，设立"),
        Transition(V.PROPOSED, V.NOT_ESTABLISHED, "establish_investigation", OFFICE, "表决未通过"),
        Transition(V.ESTABLISHED, V.REPORTED, "report_investigation", OFFICE, "提出调查报告"),
        Transition(V.REPORTED, V.DECIDED, "report_investigation", OFFICE, "作出决议"),
    ],
)
