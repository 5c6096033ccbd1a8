from datetime import date
from typing import Annotated, Any

from django.http import Http404
from ninja import Field, Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, existing, one
from renda.core.permissions import check_permission
from renda.livelihood import actions, reports
from renda.livelihood.models import Call, Milestone, Problem, Proposal
from renda.livelihood.views import get_call_for_user, get_proposal_for_user
from renda.meetings.models import Meeting
from renda.people.models import Organisation

router = Router(tags=["livelihood"])


def _meeting(request, meeting_id: int) -> Meeting:
    """The meeting a body names: an id not in this congress is a 422 naming meeting_id."""
    return one(Meeting.objects.in_congress(request.congress), meeting_id, "meeting_id", "会议")


class CallIn(In):
    year: int
    title: Filled
    opens_on: date
    closes_on: date
    to_choose: Annotated[int, Field(ge=1, le=1000)]


class CallOut(Schema):
    id: int
    year: int
    title: str
    status: Annotated[str, OneOf(Call.Status)]
    to_choose: int
    stages: list[str]
    funnel: list[list[Any]]
    vote_id: int | None
    result: dict | None


def _call_out(call: Call) -> dict:
    return {"id": call.pk, "year": call.year, "title": call.title, "status": call.status, "to_choose": call.to_choose,
            "stages": call.stages, "funnel": [list(step) for step in actions.funnel(call)], "vote_id": call.vote_id,
            "result": call.vote.result if call.vote else None}


@router.post("/livelihood/calls", response={201: CallOut}, summary="发布民生实事项目征集")
@scoped
def open_call(request, payload: CallIn):
    return Status(201, _call_out(actions.open_call(request.congress, actor=request.user, **payload.dict())))


@router.get("/livelihood/calls/{call_id}", response=CallOut, summary="征集、筛选漏斗和票决结果")
@scoped
def get_call(request, call_id: int):
    return _call_out(get_call_for_user(request, call_id))


class ProposalIn(In):
    title: Filled
    description: Filled
    place: str = ""
    beneficiaries: str = ""
    estimated_cost: str | None = None


class ProposalOut(Schema):
    id: int
    title: str
    source: Annotated[str, OneOf(Proposal.Source)]
    status: Annotated[str, OneOf(Proposal.Status)]
    stage: int
    drop_reason: str


def _p(p: Proposal) -> dict:
    return {"id": p.pk, "title": p.title, "source": p.source, "status": p.status, "stage": p.stage,
            "drop_reason": p.drop_reason}


@router.post("/livelihood/calls/{call_id}/proposals", response={201: ProposalOut}, summary="代表或部门提出项目建议")
@scoped
def submit(request, call_id: int, payload: ProposalIn):
    return Status(201, _p(actions.submit_proposal(request.congress, get_call_for_user(request, call_id), actor=request.user, **payload.dict())))


@router.get("/livelihood/calls/{call_id}/proposals", response=list[ProposalOut], summary="项目建议")
@scoped
def list_proposals(request, call_id: int):
    check_permission(request.user, request.congress, "view_livelihood_report")
    return [_p(p) for p in Proposal.objects.in_congress(request.congress).filter(call=get_call_for_user(request, call_id))]


class StageIn(In):
    passed: bool
    reason: str = ""


@router.post("/livelihood/proposals/{proposal_id}/stage", response=ProposalOut, summary="记录下一审查环节的决定")
@scoped
def decide_stage(request, proposal_id: int, payload: StageIn):
    proposal = get_proposal_for_user(request, proposal_id)
    actions.decide_stage(request.congress, proposal, actor=request.user, passed=payload.passed, reason=payload.reason)
    return _p(proposal)


@router.post("/livelihood/calls/{call_id}/candidates", response=CallOut, summary="确定候选项目（检查差额比例）")
@scoped
def fix_candidates(request, call_id: int):
    call = get_call_for_user(request, call_id)
    actions.fix_candidates(request.congress, call, actor=request.user)
    return _call_out(call)


class MeetingRef(In):
    meeting_id: int


@router.post("/livelihood/calls/{call_id}/vote", response=CallOut, summary="提交大会票决")
@scoped
def put_to_vote(request, call_id: int, payload: MeetingRef):
    call = get_call_for_user(request, call_id)
    actions.put_projects_to_vote(request.congress, call, _meeting(request, payload.meeting_id), actor=request.user)
    return _call_out(call)


@router.post("/livelihood/calls/{call_id}/result", response=CallOut, summary="确认票决结果（票数相等或不足的提请主席团）")
@scoped
def record_result(request, call_id: int):
    return _call_out(actions.record_project_result(request.congress, get_call_for_user(request, call_id), actor=request.user))


class SupervisionIn(In):
    lead_unit_id: int
    budget: str
    group_ids: list[int]
    milestones: list[dict[str, str]]


@router.post("/livelihood/projects/{proposal_id}/supervision", response=ProposalOut, summary="牵头单位、预算、节点、监督小组")
@scoped
def supervision(request, proposal_id: int, payload: SupervisionIn):
    proposal = get_proposal_for_user(request, proposal_id)
    orgs = Organisation.objects.in_congress(request.congress)
    actions.assign_supervision(request.congress, proposal, actor=request.user,
                               lead_unit=one(orgs, payload.lead_unit_id, "lead_unit_id", "单位"), budget=payload.budget,
                               groups=existing(orgs, payload.group_ids, "group_ids", "代表小组"),
                               milestones=payload.milestones)
    return _p(proposal)


class ProgressIn(In):
    text: str
    spent: str = "0"
    milestone_id: int | None = None


@router.post("/livelihood/projects/{proposal_id}/progress", response={201: ProposalOut}, summary="牵头单位报告进展")
@scoped
def progress(request, proposal_id: int, payload: ProgressIn):
    proposal = get_proposal_for_user(request, proposal_id)
    milestone = one(Milestone.objects.in_congress(request.congress).filter(proposal=proposal), payload.milestone_id,
                    "milestone_id", "本项目的节点")
    actions.report_progress(request.congress, proposal, actor=request.user, text_=payload.text, spent=payload.spent,
                            milestone=milestone)
    return Status(201, _p(proposal))


class InspectionIn(In):
    group_id: int
    on: date
    notes: Filled
    problems: list[dict[str, str]] = []


@router.post("/livelihood/projects/{proposal_id}/inspections", response={201: ProposalOut}, summary="代表小组视察")
@scoped
def inspection(request, proposal_id: int, payload: InspectionIn):
    proposal = get_proposal_for_user(request, proposal_id)
    group = one(Organisation.objects.in_congress(request.congress), payload.group_id, "group_id", "代表小组")
    actions.record_inspection(request.congress, proposal, actor=request.user, group=group, on=payload.on,
                              notes=payload.notes, problems=payload.problems)
    return Status(201, _p(proposal))


class ProblemCloseIn(In):
    resolution: Filled


@router.post("/livelihood/problems/{problem_id}/close", summary="问题整改销号")
@scoped
def close_problem(request, problem_id: int, payload: ProblemCloseIn):
    problem = Problem.objects.in_congress(request.congress).select_related("proposal").filter(pk=problem_id).first()
    if problem is None:
        raise Http404("找不到该问题")
    actions.close_problem(request.congress, problem, actor=request.user, resolution=payload.resolution)
    return {"id": problem.pk, "closed_on": str(problem.closed_on)}


@router.post("/livelihood/calls/{call_id}/evaluation", summary="开展年终满意度测评（每个项目一项无记名测评）")
@scoped
def evaluation(request, call_id: int, payload: MeetingRef):
    votes = actions.start_evaluation(request.congress, get_call_for_user(request, call_id), _meeting(request, payload.meeting_id),
                                     actor=request.user)
    return {"votes": [v.pk for v in votes]}


@router.get("/livelihood/calls/{call_id}/report", summary="监督情况和年终评议：项目得分、单位排名")
@scoped
def report(request, call_id: int):
    check_permission(request.user, request.congress, "view_livelihood_report")
    call = get_call_for_user(request, call_id)
    rows = reports.project_rows(call)
    return {"projects": [{"id": r.proposal.pk, "title": r.proposal.title, "lead_unit": r.lead_unit,
                          "milestones": r.milestones, "done": r.done, "overdue": r.overdue,
                          "open_problems": r.open_problems, "spent": str(r.spent), "satisfaction": r.satisfaction,
                          "score": reports.score(request.congress, r)} for r in rows],
            "ranking": reports.unit_ranking(call, rows)}
