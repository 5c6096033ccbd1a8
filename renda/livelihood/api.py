from datetime import date
from typing import Annotated, Any

from django.db.models import Q
from django.http import Http404
from ninja import Field, Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, existing, one
from renda.core.permissions import check_permission
from renda.livelihood import actions, reports
from renda.livelihood import actions_accountability as accountability
from renda.livelihood.models import (
    AccountabilityCase,
    AccountabilityStep,
    Call,
    CommendationBatch,
    Inspection,
    Milestone,
    Proposal,
    Ranking,
)
from renda.livelihood.views import get_call_for_user, get_proposal_for_user
from renda.livelihood.views_accountability import next_steps
from renda.meetings.models import Meeting
from renda.people.models import Mandate, Membership, Organisation, Person
from renda.proposals.models import Suggestion
from renda.rectification.models import RectificationItem

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


def _people(congress):
    """The people of this congress: a mandate here, or a current membership in one of its bodies."""
    return Person.objects.filter(
        Q(pk__in=Mandate.objects.in_congress(congress).values("person_id"))
        | Q(pk__in=Membership.objects.in_congress(congress).filter(end__isnull=True).values("person_id")))


class InspectionIn(In):
    group_id: int
    on: date
    notes: Filled
    mode: Annotated[str, OneOf(Inspection.Mode)] = Inspection.Mode.GROUP
    led_by_id: int | None = None
    # Each problem goes onto the rectification list: problem, owner and due_on required; goal, measures
    # and unit (an organisation id; the project's lead unit if left out) may be given.
    problems: list[dict[str, str]] = []


class InspectionOut(Schema):
    id: int
    proposal_id: int
    mode: Annotated[str, OneOf(Inspection.Mode)]
    led_by_id: int | None
    on: date
    rectification_item_ids: list[int]


@router.post("/livelihood/projects/{proposal_id}/inspections", response={201: InspectionOut},
             summary="监督视察（代表小组视察、主任领衔督办或联合视察），发现的问题列入整改清单")
@scoped
def inspection(request, proposal_id: int, payload: InspectionIn):
    proposal = get_proposal_for_user(request, proposal_id)
    group = one(Organisation.objects.in_congress(request.congress), payload.group_id, "group_id", "代表小组")
    led_by = one(_people(request.congress), payload.led_by_id, "led_by_id", "人员")
    made = actions.record_inspection(request.congress, proposal, actor=request.user, group=group, on=payload.on,
                                     notes=payload.notes, problems=payload.problems, mode=payload.mode, led_by=led_by)
    return Status(201, {"id": made.pk, "proposal_id": proposal.pk, "mode": made.mode, "led_by_id": made.led_by_id,
                        "on": made.on, "rectification_item_ids": list(
                            RectificationItem.objects.in_congress(request.congress)
                            .filter(livelihood_inspection=made).order_by("id").values_list("id", flat=True))})


class LeaderIn(In):
    person_id: int


class LeaderOut(Schema):
    id: int
    title: str
    leader_in_charge_id: int | None
    leader_in_charge: str


@router.post("/livelihood/projects/{proposal_id}/leader", response=LeaderOut, summary="确定项目的包联领导")
@scoped
def set_leader(request, proposal_id: int, payload: LeaderIn):
    proposal = get_proposal_for_user(request, proposal_id)
    person = one(_people(request.congress), payload.person_id, "person_id", "人员")
    actions.set_project_leader(request.congress, proposal, actor=request.user, person=person)
    return {"id": proposal.pk, "title": proposal.title, "leader_in_charge_id": person.pk,
            "leader_in_charge": person.name}


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
    visits = reports.visit_counts(call)
    return {"projects": [{"id": r.proposal.pk, "title": r.proposal.title, "lead_unit": r.lead_unit,
                          "leader_in_charge": getattr(r.proposal.leader_in_charge, "name", ""),
                          "milestones": r.milestones, "done": r.done, "overdue": r.overdue,
                          "open_problems": r.open_problems, "spent": str(r.spent), "satisfaction": r.satisfaction,
                          "score": reports.score(request.congress, r)} for r in rows],
            "ranking": reports.unit_ranking(call, rows),
            "visits": visits, "visits_text": reports.visit_counts_text(visits),
            "decided_ranking": _ranking_out(reports.decided_ranking(call))}


# ── accountability (督查问责), the decided ranking and commendations ──

class RankingOut(Schema):
    id: int
    call_id: int
    status: Annotated[str, OneOf(Ranking.Status)]
    rows: list[dict[str, Any]]
    decided_at_meeting_id: int
    decided_at_meeting: str
    decided_on: date
    approved_by: str
    approved_on: date | None
    approval_reference: str


def _ranking_out(r: Ranking | None) -> dict | None:
    if r is None:
        return None
    return {"id": r.pk, "call_id": r.call_id, "status": r.status, "rows": r.rows,
            "decided_at_meeting_id": r.decided_at_meeting_id, "decided_at_meeting": r.decided_at_meeting.title,
            "decided_on": r.decided_on, "approved_by": r.approved_by, "approved_on": r.approved_on,
            "approval_reference": r.approval_reference}


def _decided(request, call: Call) -> Ranking:
    ranking = reports.decided_ranking(call)
    if ranking is None:
        raise Http404("主任会议尚未确定该年度的排名")
    return ranking


@router.get("/livelihood/calls/{call_id}/ranking", response=RankingOut, summary="主任会议确定的年度考评排名及上级同意")
@scoped
def get_ranking(request, call_id: int):
    check_permission(request.user, request.congress, "view_livelihood_report")
    return _ranking_out(_decided(request, get_call_for_user(request, call_id)))


@router.post("/livelihood/calls/{call_id}/ranking", response={201: RankingOut}, summary="记录主任会议确定的年度考评排名")
@scoped
def decide_ranking(request, call_id: int, payload: MeetingRef):
    call = get_call_for_user(request, call_id)
    ranking = accountability.decide_ranking(request.congress, call, _meeting(request, payload.meeting_id),
                                            actor=request.user)
    return Status(201, _ranking_out(ranking))


class ApprovalIn(In):
    approved_by: Filled
    approved_on: date
    reference: str = ""


@router.post("/livelihood/calls/{call_id}/ranking/approval", response=RankingOut, summary="记录上级对排名的同意")
@scoped
def approve_ranking(request, call_id: int, payload: ApprovalIn):
    ranking = _decided(request, get_call_for_user(request, call_id))
    accountability.approve_ranking(request.congress, ranking, actor=request.user, approved_by=payload.approved_by,
                                   approved_on=payload.approved_on, reference=payload.reference)
    return _ranking_out(ranking)


class CommendationEntryIn(In):
    unit_id: int | None = None
    person_id: int | None = None
    proposal_id: int | None = None
    reason: Filled


class CommendationIn(In):
    title: Filled
    number: str = ""
    issued_on: date
    meeting_id: int | None = None
    entries: list[CommendationEntryIn]


class CommendationOut(Schema):
    id: int
    call_id: int
    title: str
    number: str
    issued_on: date
    decided_at_meeting_id: int | None
    entries: list[dict[str, Any]]


def _batch_out(b: CommendationBatch) -> dict:
    return {"id": b.pk, "call_id": b.call_id, "title": b.title, "number": b.number, "issued_on": b.issued_on,
            "decided_at_meeting_id": b.decided_at_meeting_id,
            "entries": [{"unit_id": e.unit_id, "person_id": e.person_id, "proposal_id": e.proposal_id,
                         "name": accountability.commended_name(e), "reason": e.reason}
                        for e in b.entries.select_related("unit", "person", "proposal")]}


@router.get("/livelihood/calls/{call_id}/commendations", response=list[CommendationOut], summary="表扬通报")
@scoped
def list_commendations(request, call_id: int):
    check_permission(request.user, request.congress, "view_livelihood_report")
    call = get_call_for_user(request, call_id)
    return [_batch_out(b) for b in CommendationBatch.objects.in_congress(request.congress).filter(call=call)]


@router.post("/livelihood/calls/{call_id}/commendations", response={201: CommendationOut}, summary="印发表扬通报")
@scoped
def commend(request, call_id: int, payload: CommendationIn):
    congress = request.congress
    call = get_call_for_user(request, call_id)
    orgs, people = Organisation.objects.in_congress(congress), _people(congress)
    projects = Proposal.objects.in_congress(congress).filter(call=call)
    entries = [{"unit": one(orgs, e.unit_id, "entries", "单位"), "person": one(people, e.person_id, "entries", "人员"),
                "proposal": one(projects, e.proposal_id, "entries", "本次征集的项目"), "reason": e.reason}
               for e in payload.entries]
    meeting = None if payload.meeting_id is None else _meeting(request, payload.meeting_id)
    batch = accountability.commend(congress, call, actor=request.user, title=payload.title, number=payload.number,
                                   issued_on=payload.issued_on, meeting=meeting, entries=entries)
    return Status(201, _batch_out(batch))


class CaseIn(In):
    unit_id: int
    proposal_id: int | None = None
    suggestion_id: int | None = None
    reason: Filled
    on: date | None = None


class CaseStepIn(In):
    target: Annotated[str, OneOf(AccountabilityCase.Status)]
    text: Filled
    on: date | None = None


class CaseOut(Schema):
    id: int
    unit_id: int
    unit: str
    proposal_id: int | None
    suggestion_id: int | None
    reason: str
    status: Annotated[str, OneOf(AccountabilityCase.Status)]
    opened_on: date
    next: list[str]
    steps: list[dict[str, Any]]


def _case_out(case: AccountabilityCase) -> dict:
    return {"id": case.pk, "unit_id": case.unit_id, "unit": case.unit.name, "proposal_id": case.proposal_id,
            "suggestion_id": case.suggestion_id, "reason": case.reason, "status": case.status,
            "opened_on": case.opened_on, "next": [target for target, _ in next_steps(case)],
            "steps": [{"step": s.step, "label": s.get_step_display(), "text": s.text, "on": str(s.on),
                       "has_document": bool(s.document)}
                      for s in AccountabilityStep.objects.in_congress(case.congress_id).filter(case=case)]}


def _case(request, case_id: int) -> AccountabilityCase:
    case = AccountabilityCase.objects.in_congress(request.congress).select_related("unit").filter(pk=case_id).first()
    if case is None:
        raise Http404("找不到该问责案")
    return case


@router.get("/livelihood/accountability", response=list[CaseOut], summary="督查问责案")
@scoped
def list_cases(request):
    check_permission(request.user, request.congress, "view_livelihood_report")
    return [_case_out(c) for c in AccountabilityCase.objects.in_congress(request.congress).select_related("unit")]


@router.get("/livelihood/accountability/{case_id}", response=CaseOut, summary="督查问责案及各环节记录")
@scoped
def get_case(request, case_id: int):
    check_permission(request.user, request.congress, "view_livelihood_report")
    return _case_out(_case(request, case_id))


@router.post("/livelihood/accountability", response={201: CaseOut}, summary="启动督查问责（调查核实）")
@scoped
def open_case(request, payload: CaseIn):
    congress = request.congress
    case = accountability.open_case(
        congress, actor=request.user, reason=payload.reason, on=payload.on,
        unit=one(Organisation.objects.in_congress(congress), payload.unit_id, "unit_id", "单位"),
        proposal=one(Proposal.objects.in_congress(congress), payload.proposal_id, "proposal_id", "民生实事项目"),
        suggestion=one(Suggestion.objects.in_congress(congress), payload.suggestion_id, "suggestion_id", "代表建议"))
    return Status(201, _case_out(case))


@router.post("/livelihood/accountability/{case_id}/steps", response={201: CaseOut},
             summary="督查问责的下一环节（征求意见、提请审核、上级同意、督查问责或不予问责）及其记录")
@scoped
def advance_case(request, case_id: int, payload: CaseStepIn):
    case = _case(request, case_id)
    accountability.advance_case(request.congress, case, actor=request.user, target=payload.target,
                                text_=payload.text, on=payload.on)
    return Status(201, _case_out(case))
