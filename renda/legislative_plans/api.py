"""The legislative programme and plans over the API: plans with their statistics and items, items
changed (a category move with its reason), the bill started from an item, proposals (立项) and the
office's decision, legislative research and post-enactment review started on the oversight
machinery; for everyone without a token, the adopted plans, the public's proposal (limited per
address, a sum after a few) and its reference-code lookup. Another congress's id is not found."""


import datetime
from typing import Annotated

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone
from ninja import Field, Router, Schema, Status

from renda.core import congress_lookup
from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, fields_named
from renda.core.errors import NotFound, ValidationError
from renda.core.permissions import check_permission, may
from renda.core.tenancy import congress_scope
from renda.legislative_plans import actions, public_intake, queries
from renda.legislative_plans.models import LegislativePlan, PlanItem, PostEnactmentReview, Proposal
from renda.liaison import codes
from renda.liaison.api import ChallengeRequired
from renda.oversight.actions.plan import year_bounds

router = Router(tags=["legislative_plans"])

API_NAMES = {"drafting_body": "drafting_body_id", "committee": "committee_id", "law": "law_id", "bill": "bill_id",
             "plan": "plan_id", "meeting": "meeting_id", "term": "term_id", "proposer": "proposer_id",
             "organisation": "organisation_id", "suggestion": "suggestion_id", "item": "item_id",
             "lead_committee": "lead_committee_id"}


class LegislativePlanReadingOut(Schema):
    reading: str
    month: str
    meeting_id: int | None = None


class LegislativePlanReadingIn(In):
    reading: Annotated[str, Field(min_length=1, max_length=20, description="如：一审、二审、表决")]
    month: str = Field("", description="计划月份，YYYY-MM；选了会议可不填")
    meeting_id: int | None = None


# The years the actions take, read when the server starts: a plan from 2000 to next year; an
# activity within oversight's own bounds (oversight.actions.plan.year_bounds).
PlanYear = Annotated[int, Field(ge=2000, le=timezone.localdate().year + 1)]
ActivityYear = Annotated[int, Field(ge=year_bounds()[0], le=year_bounds()[1])]
# A proposal names a year from last year to five years ahead (actions.submit_legislative_proposal).
ProposalYear = Annotated[int, Field(ge=timezone.localdate().year - 1, le=timezone.localdate().year + 5)]


class LegislativePlanItemOut(Schema):
    id: int
    plan_id: int
    order: int
    title: str
    status: Annotated[str, OneOf(PlanItem.Status)]
    purpose: str
    law_id: int | None
    drafting_body_id: int | None
    drafting_body: str | None
    committee_id: int | None
    committee: str | None
    planned_readings: list[LegislativePlanReadingOut]
    bill_id: int | None
    bill_status: str | None
    placed_on: datetime.date | None
    notes: str
    moves: list[dict]


class LegislativePlanStatsOut(Schema):
    total: int
    by_status: dict[str, int]
    drafting: int
    first_reading: int
    passed: int


class LegislativePlanOut(Schema):
    id: int
    kind: Annotated[str, OneOf(LegislativePlan.Kind)]
    title: str
    term_id: int | None
    year: int | None
    status: Annotated[str, OneOf(LegislativePlan.Status)]
    meeting_id: int | None
    adopted_on: datetime.date | None
    statistics: LegislativePlanStatsOut
    items: list[LegislativePlanItemOut]


def _item_out(item: PlanItem) -> dict:
    moves = item.moves.filter(congress_id=item.congress_id).order_by("at", "id")
    return {"id": item.pk, "plan_id": item.plan_id, "order": item.order, "title": item.title, "status": item.status,
            "purpose": item.purpose, "law_id": item.law_id, "drafting_body_id": item.drafting_body_id,
            "drafting_body": item.drafting_body.name if item.drafting_body else None,
            "committee_id": item.committee_id, "committee": item.committee.name if item.committee else None,
            "planned_readings": item.planned_readings, "bill_id": item.bill_id,
            "bill_status": item.bill.status if item.bill else None, "placed_on": item.placed_on, "notes": item.notes,
            "moves": [{"from": m.from_status, "to": m.to_status, "on": m.on.isoformat(), "reason": m.reason}
                      for m in moves]}


def _plan_out(congress, plan: LegislativePlan) -> dict:
    stats = queries.statistics(congress, plan)
    items = queries.items_of(congress).filter(plan=plan).order_by("order", "id")
    return {"id": plan.pk, "kind": plan.kind, "title": plan.title, "term_id": plan.term_id, "year": plan.year,
            "status": plan.status, "meeting_id": plan.meeting_id, "adopted_on": plan.adopted_on,
            "statistics": {"total": stats["total"], "by_status": {s["status"]: s["count"] for s in stats["by_status"]},
                           "drafting": stats["drafting"], "first_reading": stats["first_reading"],
                           "passed": stats["passed"]},
            "items": [_item_out(i) for i in items]}


def _plan(request, plan_id: int) -> LegislativePlan:
    check_permission(request.user, request.congress, "view_legislative_plans")
    plan = queries.plans_of(request.congress).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("找不到该立法规划或计划")
    return plan


def _item(request, item_id: int) -> PlanItem:
    check_permission(request.user, request.congress, "view_legislative_plans")
    item = queries.items_of(request.congress).filter(pk=item_id).first()
    if item is None:
        raise Http404("找不到该立法计划项目")
    return item


@router.get("/legislative-plans", response=list[LegislativePlanOut], summary="立法规划和年度立法计划（含统计和项目）")
@scoped
def list_plans(request, year: int | None = None):
    check_permission(request.user, request.congress, "view_legislative_plans")
    rows = queries.plans_of(request.congress)
    if year:
        rows = rows.filter(year=year)
    return [_plan_out(request.congress, p) for p in rows.order_by("kind", "-year", "-id")[:100]]


class LegislativePlanYearlyIn(In):
    year: PlanYear
    title: Annotated[str, Field(max_length=200)] = Field("", description="不填则按本级名称和年度生成；届次按年度确定")


@router.post("/legislative-plans/yearly", response={201: LegislativePlanOut}, summary="编制年度立法计划（每年一个）")
@scoped
def create_yearly(request, payload: LegislativePlanYearlyIn):
    with fields_named(API_NAMES):
        plan = actions.create_legislative_plan(request.congress, actor=request.user, kind=LegislativePlan.Kind.YEARLY,
                                               title=payload.title, year=payload.year)
    return Status(201, _plan_out(request.congress, plan))


class LegislativePlanProgrammeIn(In):
    term_id: int
    title: Annotated[str, Field(max_length=200)] = ""


@router.post("/legislative-plans/programmes", response={201: LegislativePlanOut}, summary="编制立法规划（每届一个）")
@scoped
def create_programme(request, payload: LegislativePlanProgrammeIn):
    with fields_named(API_NAMES):
        plan = actions.create_legislative_plan(request.congress, actor=request.user,
                                               kind=LegislativePlan.Kind.PROGRAMME, title=payload.title,
                                               term=payload.term_id)
    return Status(201, _plan_out(request.congress, plan))


class LegislativePlanItemIn(In):
    title: Filled
    status: Annotated[str, OneOf(PlanItem.Status)]
    purpose: Annotated[str, OneOf(list(actions.PURPOSES))] = "new"
    law_id: int | None = None
    drafting_body_id: int | None = None
    committee_id: int | None = None
    planned_readings: list[LegislativePlanReadingIn] = []
    notes: Annotated[str, Field(max_length=2000)] = ""
    placed_on: datetime.date | None = None


@router.post("/legislative-plans/{plan_id}/items", response={201: LegislativePlanItemOut},
             summary="列入项目（正式项目、预备项目、调研项目；起草单位、牵头委员会、计划审议安排）")
@scoped
def add_item(request, plan_id: int, payload: LegislativePlanItemIn):
    plan = _plan(request, plan_id)
    with fields_named(API_NAMES):
        item = actions.add_plan_item(request.congress, plan, actor=request.user, title=payload.title,
                                     status=payload.status, purpose=payload.purpose, law=payload.law_id,
                                     drafting_body=payload.drafting_body_id, committee=payload.committee_id,
                                     planned_readings=[r.dict() for r in payload.planned_readings],
                                     notes=payload.notes, placed_on=payload.placed_on)
    return Status(201, _item_out(queries.items_of(request.congress).get(pk=item.pk)))


class LegislativePlanAdoptIn(In):
    adopted_on: datetime.date
    meeting_id: int | None = None


@router.post("/legislative-plans/{plan_id}/adopt", response=LegislativePlanOut,
             summary="记录立法规划、计划的通过（会议、日期），此后向社会公开")
@scoped
def adopt(request, plan_id: int, payload: LegislativePlanAdoptIn):
    plan = _plan(request, plan_id)
    with fields_named(API_NAMES):
        actions.adopt_legislative_plan(request.congress, plan, actor=request.user, adopted_on=payload.adopted_on,
                                       meeting=payload.meeting_id)
    return _plan_out(request.congress, _plan(request, plan_id))


@router.get("/legislative-plans/items/{item_id}", response=LegislativePlanItemOut, summary="一个立法计划项目")
@scoped
def get_item(request, item_id: int):
    return _item_out(_item(request, item_id))


class LegislativePlanItemChangeIn(In):
    title: Annotated[str, Field(min_length=1, max_length=200)] | None = None
    status: Annotated[str, OneOf(PlanItem.Status)] | None = None
    drafting_body_id: int | None = None
    committee_id: int | None = None
    planned_readings: list[LegislativePlanReadingIn] | None = None
    notes: Annotated[str, Field(max_length=2000)] | None = None
    bill_id: int | None = None
    reason: Annotated[str, Field(max_length=500)] = Field("", description="在正式、预备、调研项目之间调整时必须填写")
    on: datetime.date | None = None


@router.post("/legislative-plans/items/{item_id}/change", response=LegislativePlanItemOut,
             summary="调整项目（类别调整须写明理由并留痕）")
@scoped
def change_item(request, item_id: int, payload: LegislativePlanItemChangeIn):
    item = _item(request, item_id)
    given = payload.dict(exclude_unset=True)
    changes = {name: given[name] for name in ("title", "status", "notes") if name in given}
    for api_name, name in (("drafting_body_id", "drafting_body"), ("committee_id", "committee")):
        if api_name in given:
            changes[name] = given[api_name]
    if "planned_readings" in given:
        changes["planned_readings"] = given["planned_readings"] or []
    with fields_named(API_NAMES):
        actions.change_plan_item(request.congress, item, actor=request.user, reason=payload.reason, on=payload.on,
                                 bill=payload.bill_id, **changes)
    return _item_out(_item(request, item_id))


class LegislativePlanBillIn(In):
    proposer_id: int | None = None
    readings_required: int | None = Field(None, ge=1, le=10)
    text: str = Field("", description="草案正文（分章、条）；修改法规的可不填，从现行文本开始")
    explanation: str = ""


@router.post("/legislative-plans/items/{item_id}/bill", response={201: LegislativePlanItemOut},
             summary="计划项目启动起草：建立法规案")
@scoped
def start_bill(request, item_id: int, payload: LegislativePlanBillIn):
    item = _item(request, item_id)
    with fields_named(API_NAMES):
        actions.start_bill_for_plan_item(request.congress, item, actor=request.user, proposer=payload.proposer_id,
                                         readings_required=payload.readings_required, text_=payload.text,
                                         explanation=payload.explanation)
    return Status(201, _item_out(_item(request, item_id)))


class LegislativePlanActivityOut(Schema):
    id: int
    activity_id: int
    activity_url: str
    kind: str
    title: str
    item_id: int | None = None
    bill_id: int | None = None
    law_id: int | None = None
    amendment_id: int | None = None


class LegislativePlanResearchIn(In):
    title: Filled
    year: ActivityYear
    lead_committee_id: int | None = Field(None, description="不填则为项目（法规案）的牵头委员会")


def _research_out(request, link) -> dict:
    return {"id": link.pk, "activity_id": link.activity_id, "kind": "law_research",
            "activity_url": _activity_url(request, link.activity_id), "title": link.activity.title,
            "item_id": link.item_id, "bill_id": link.bill_id}


def _activity_url(request, activity_id: int) -> str:
    from django.urls import reverse

    return reverse("oversight_activity", kwargs={"congress_code": request.congress.code, "activity_id": activity_id})


@router.post("/legislative-plans/items/{item_id}/research", response={201: LegislativePlanActivityOut},
             summary="为计划项目组织立法调研（监督工作的调研：调研组、行程、实地察看、座谈会、问卷、报告）")
@scoped
def start_item_research(request, item_id: int, payload: LegislativePlanResearchIn):
    item = _item(request, item_id)
    with fields_named(API_NAMES):
        link = actions.start_legislative_research(request.congress, actor=request.user, title=payload.title,
                                                  year=payload.year, item=item,
                                                  lead_committee=payload.lead_committee_id)
    return Status(201, _research_out(request, link))


@router.post("/legislative-plans/bills/{bill_id}/research", response={201: LegislativePlanActivityOut},
             summary="为法规案组织立法调研")
@scoped
def start_bill_research(request, bill_id: int, payload: LegislativePlanResearchIn):
    from renda.legislation.models import Bill

    check_permission(request.user, request.congress, "view_legislative_plans")
    bill = Bill.objects.in_congress(request.congress).filter(pk=bill_id).first()
    if bill is None:
        raise Http404("找不到该法规案")
    with fields_named(API_NAMES):
        link = actions.start_legislative_research(request.congress, actor=request.user, title=payload.title,
                                                  year=payload.year, bill=bill,
                                                  lead_committee=payload.lead_committee_id)
    return Status(201, _research_out(request, link))


class LegislativePlanReviewIn(In):
    title: Filled
    year: ActivityYear
    lead_committee_id: int


def _review_out(request, review: PostEnactmentReview) -> dict:
    return {"id": review.pk, "activity_id": review.activity_id, "kind": "law_review",
            "activity_url": _activity_url(request, review.activity_id), "title": review.activity.title,
            "law_id": review.law_id, "amendment_id": review.amendment_id}


@router.post("/legislative-plans/laws/{law_id}/reviews", response={201: LegislativePlanActivityOut},
             summary="组织立法后评估（现行有效的法规；按调研的步骤开展）")
@scoped
def start_review(request, law_id: int, payload: LegislativePlanReviewIn):
    from renda.legislation.models import Law

    check_permission(request.user, request.congress, "view_legislative_plans")
    law = Law.objects.in_congress(request.congress).filter(pk=law_id).first()
    if law is None:
        raise Http404("找不到该法规")
    with fields_named(API_NAMES):
        review = actions.start_post_enactment_review(request.congress, law, actor=request.user,
                                                     title=payload.title, year=payload.year,
                                                     lead_committee=payload.lead_committee_id)
    return Status(201, _review_out(request, review))


class LegislativePlanAmendmentIn(In):
    bill_id: int


@router.post("/legislative-plans/reviews/{review_id}/amendment", response=LegislativePlanActivityOut,
             summary="关联据评估提出的修改法规案")
@scoped
def link_amendment(request, review_id: int, payload: LegislativePlanAmendmentIn):
    check_permission(request.user, request.congress, "view_legislative_plans")
    review = PostEnactmentReview.objects.in_congress(request.congress).select_related("activity") \
        .filter(pk=review_id).first()
    if review is None:
        raise Http404("找不到该立法后评估")
    with fields_named(API_NAMES):
        actions.link_review_amendment(request.congress, review, actor=request.user, bill=payload.bill_id)
    review.refresh_from_db(fields=["amendment"])
    return _review_out(request, review)


# ── proposals ──

class LegislativePlanProposalOut(Schema):
    id: int
    source: Annotated[str, OneOf(Proposal.Source)]
    proposer: str
    organisation_id: int | None
    person_id: int | None
    suggestion_id: int | None
    title: str
    necessity: str
    feasibility: str
    main_content: str
    legal_basis: str
    year: int | None
    status: Annotated[str, OneOf(Proposal.Status)]
    item_id: int | None
    reason: str
    decided_on: datetime.date | None
    submitted_at: datetime.datetime


def _proposals(congress):
    return Proposal.objects.in_congress(congress).select_related("organisation", "person")


def _proposal_out(p: Proposal) -> dict:
    return {"id": p.pk, "source": p.source, "proposer": p.proposer, "organisation_id": p.organisation_id,
            "person_id": p.person_id, "suggestion_id": p.suggestion_id, "title": p.title, "necessity": p.necessity,
            "feasibility": p.feasibility, "main_content": p.main_content, "legal_basis": p.legal_basis, "year": p.year,
            "status": p.status, "item_id": p.item_id, "reason": p.reason, "decided_on": p.decided_on,
            "submitted_at": p.submitted_at}


@router.get("/legislative-plans/proposals", response=list[LegislativePlanProposalOut],
            summary="立项建议（工作人员、常委会组成人员看全部；提出人看本人的）")
@scoped
def list_proposals(request, status: Annotated[str, OneOf(Proposal.Status)] | None = None):
    rows = _proposals(request.congress)
    if not may(request.user, request.congress, "view_legislative_plans"):
        rows = rows.filter(submitted_by=request.user)
    if status:
        rows = rows.filter(status=status)
    return [_proposal_out(p) for p in rows.order_by("submitted_at", "id")[:500]]


class LegislativePlanProposalIn(In):
    title: Filled
    necessity: Filled
    feasibility: Annotated[str, Field(max_length=4000)] = ""
    main_content: Annotated[str, Field(max_length=8000)] = ""
    legal_basis: Annotated[str, Field(max_length=4000)] = ""
    year: ProposalYear | None = None
    organisation_id: int | None = Field(None, description="以机关、委员会名义提出时填写")
    suggestion_id: int | None = Field(None, description="代表引用本人的议案、建议")


@router.post("/legislative-plans/proposals", response={201: LegislativePlanProposalOut},
             summary="提出立法项目建议：代表本人，或以机关、委员会名义")
@scoped
def submit(request, payload: LegislativePlanProposalIn):
    with fields_named(API_NAMES):
        proposal = actions.submit_legislative_proposal(
            request.congress, actor=request.user, title=payload.title, necessity=payload.necessity,
            feasibility=payload.feasibility, main_content=payload.main_content, legal_basis=payload.legal_basis,
            year=payload.year, organisation=payload.organisation_id, suggestion=payload.suggestion_id)
    return Status(201, _proposal_out(_proposals(request.congress).get(pk=proposal.pk)))


def _proposal(request, proposal_id: int) -> Proposal:
    proposal = _proposals(request.congress).filter(pk=proposal_id).first()
    if proposal is None or not (may(request.user, request.congress, "view_legislative_plans")
                                or proposal.submitted_by_id == request.user.pk):
        raise Http404("找不到该立项建议")
    return proposal


@router.get("/legislative-plans/proposals/{proposal_id}", response=LegislativePlanProposalOut,
            summary="一件立项建议及其处理情况")
@scoped
def get_proposal(request, proposal_id: int):
    return _proposal_out(_proposal(request, proposal_id))


class LegislativePlanDecisionIn(In):
    accept: bool
    reason: Annotated[str, Field(max_length=2000)] = Field("", description="不予立项的必须填写")
    plan_id: int | None = None
    status: Annotated[str, OneOf(PlanItem.Status)] | None = None
    title: Annotated[str, Field(max_length=200)] = ""
    committee_id: int | None = None
    drafting_body_id: int | None = None
    on: datetime.date | None = None


@router.post("/legislative-plans/proposals/{proposal_id}/decision", response=LegislativePlanProposalOut,
             summary="研究处理立项建议：列入规划或计划（生成项目），或不予立项（写明理由）")
@scoped
def decide(request, proposal_id: int, payload: LegislativePlanDecisionIn):
    check_permission(request.user, request.congress, "decide_legislative_proposal")
    proposal = _proposal(request, proposal_id)
    with fields_named(API_NAMES):
        actions.decide_legislative_proposal(
            request.congress, proposal, actor=request.user, accept=payload.accept, reason=payload.reason,
            plan=payload.plan_id, status=payload.status or "", title=payload.title, committee=payload.committee_id,
            drafting_body=payload.drafting_body_id, on=payload.on)
    return _proposal_out(_proposal(request, proposal_id))


# ── the public: no token ──

class LegislativePlanPublicProposalIn(In):
    title: Filled
    necessity: Filled
    feasibility: Annotated[str, Field(max_length=4000)] = ""
    main_content: Annotated[str, Field(max_length=8000)] = ""
    legal_basis: Annotated[str, Field(max_length=4000)] = ""
    year: ProposalYear | None = None
    name: Annotated[str, Field(max_length=60)] = ""
    contact: Annotated[str, Field(max_length=60)] = ""
    challenge: str = ""
    challenge_token: str = ""


class LegislativePlanTrackOut(Schema):
    reference_code: str
    title: str
    submitted_on: datetime.date
    status: Annotated[str, OneOf(Proposal.Status)]
    status_label: str
    plan: str | None
    item_status: str | None
    reason: str
    decided_on: datetime.date | None


def _public_congress(congress_code: str):
    congress = congress_lookup.by_code(congress_code)
    if congress is None:
        raise Http404("没有这个人大")
    return congress


def _track_out(congress, p: Proposal) -> dict:
    item = PlanItem.objects.in_congress(congress).select_related("plan").filter(pk=p.item_id).first() \
        if p.item_id else None
    return {"reference_code": p.reference_code, "title": p.title, "submitted_on": p.submitted_at.date(),
            "status": p.status, "status_label": p.get_status_display(), "plan": item.plan.title if item else None,
            "item_status": item.get_status_display() if item else None, "reason": p.reason,
            "decided_on": p.decided_on}


@router.post("/public/{congress_code}/legislative-proposals", auth=None,
             response={201: LegislativePlanTrackOut, 429: dict},
             summary="社会公众提出立法项目建议（无需账号；频率限制，多次提交后须回答验证题）")
def public_submit(request, congress_code: str, payload: LegislativePlanPublicProposalIn):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        verdict = public_intake.admit(congress, request.META.get("REMOTE_ADDR", ""), payload.challenge_token,
                                      payload.challenge)
        if verdict.refused:
            return Status(429, {"detail": [{"field": None, "message": verdict.refused}]})
        if verdict.challenge_failed:
            question, token = public_intake.new_challenge()
            raise ChallengeRequired({"challenge": f"{verdict.challenge_problem}：{question}"},
                                    challenge={"question": question, "challenge_token": token})
        data = payload.dict(exclude={"challenge", "challenge_token"})
        try:
            proposal = public_intake.accept(congress, lambda: actions.submit_legislative_proposal(
                congress, actor=AnonymousUser(), **data))
        except public_intake.Full as full:
            return Status(429, {"detail": [{"field": None, "message": full.message}]})
        return Status(201, _track_out(congress, proposal))


@router.get("/public/{congress_code}/legislative-proposals/{reference_code}", auth=None,
            response={200: LegislativePlanTrackOut, 429: dict},
            summary="凭查询码查看立法项目建议的处理情况（查不到的查询码每小时有次数限制）")
def public_track(request, congress_code: str, reference_code: str):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        code, problem = codes.parse(reference_code)
        if problem:
            raise ValidationError({"reference_code": problem})
        found, refused = public_intake.look_up(congress, request.META.get("REMOTE_ADDR", ""),
                                               lambda: Proposal.objects.in_congress(congress)
                                               .filter(reference_code=code).first())
        if refused:
            return Status(429, {"detail": [{"field": "reference_code", "message": public_intake.LOOKUP_REFUSAL}]})
        if found is None:
            raise NotFound(codes.NOT_FOUND)
        return _track_out(congress, found)


@router.get("/public/{congress_code}/legislative-plans", auth=None, response=list[LegislativePlanOut],
            summary="已通过的立法规划和年度立法计划（公开）")
def public_plans(request, congress_code: str):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        rows = queries.plans_of(congress).filter(status=LegislativePlan.Status.ADOPTED).order_by("kind", "-year")
        return [_plan_out(congress, p) for p in rows[:50]]


@router.get("/legislative-plans/{plan_id}", response=LegislativePlanOut, summary="一个立法规划或计划（含统计和项目）")
@scoped
def get_plan(request, plan_id: int):
    return _plan_out(request.congress, _plan(request, plan_id))
