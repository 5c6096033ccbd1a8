"""The oversight plan over the API: plans with their items and each item's derived progress; items
added and changed while the plan is a draft; approval, publication, and an item's recorded decision."""

from datetime import date
from typing import Annotated

from django.http import Http404
from ninja import Field, Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import In, OneOf, existing, one
from renda.core.permissions import may
from renda.meetings.models import Meeting
from renda.oversight import queries
from renda.oversight.actions import plan as actions
from renda.oversight.models import Plan, PlanItem
from renda.oversight.views.plan import item_rows
from renda.people.models import Organisation
from renda.people.queries import people_of

router = Router(tags=["oversight"])


class OversightPlanIn(In):
    year: int
    title: Annotated[str, Field(min_length=1, max_length=200)]


class OversightPlanItemIn(In):
    kind: Annotated[str, OneOf(PlanItem.Kind)]
    title: Annotated[str, Field(min_length=1, max_length=200)]
    lead_committee_id: int
    body_id: int | None = None
    co_committee_ids: list[int] = []
    leader_id: int | None = None
    month: Annotated[int, Field(ge=1, le=12)]
    meeting_id: int | None = None
    session_note: Annotated[str, Field(max_length=60)] = ""
    note: Annotated[str, Field(max_length=300)] = ""


class OversightPlanApproveIn(In):
    meeting_id: int
    approved_on: date


class OversightPlanPublishIn(In):
    published_on: date | None = None


class OversightPlanItemStatusIn(In):
    status: Annotated[str, OneOf(actions.SETTABLE)]
    note: Annotated[str, Field(max_length=300)] = ""


class OversightPlanItemOut(Schema):
    id: int
    order: int
    kind: Annotated[str, OneOf(PlanItem.Kind)]
    title: str
    body_id: int | None
    body: str
    lead_committee_id: int
    lead_committee: str
    co_committee_ids: list[int]
    leader_id: int | None
    leader: str
    month: int
    meeting_id: int | None
    session_note: str
    note: str
    recorded_status: Annotated[str, OneOf(PlanItem.Status)]
    progress: Annotated[str, OneOf(PlanItem.Status)]
    progress_label: str
    activity_ids: list[int]


class OversightJointActivityOut(Schema):
    id: int
    host_congress: str
    kind: str
    title: str
    year: int


class OversightPlanOut(Schema):
    id: int
    year: int
    title: str
    status: Annotated[str, OneOf(Plan.Status)]
    approved_at_meeting_id: int | None
    approved_on: date | None
    published_on: date | None
    items: list[OversightPlanItemOut]
    joint_activities: list[OversightJointActivityOut]


class OversightPlanSummaryOut(Schema):
    id: int
    year: int
    title: str
    status: Annotated[str, OneOf(Plan.Status)]


def _item_out(row: dict, staff: bool) -> dict:
    item = row["item"]
    return {"id": item.pk, "order": item.order, "kind": item.kind, "title": item.title, "body_id": item.body_id,
            "body": item.body.name if item.body_id else "", "lead_committee_id": item.lead_committee_id,
            "lead_committee": item.lead_committee.name, "co_committee_ids": [o.pk for o in row["co_committees"]],
            "leader_id": item.leader_id, "leader": item.leader.name if item.leader_id else "", "month": item.month,
            "meeting_id": item.meeting_id, "session_note": item.session_note, "note": item.note,
            "recorded_status": item.status, "progress": row["stage"].value,
            "progress_label": row["progress"] if staff else row["public_progress"],
            "activity_ids": [a.pk for a in row["activities"]] if staff else []}


def _plan_out(request, plan: Plan) -> dict:
    staff = may(request.user, request.congress, "view_oversight")
    return {"id": plan.pk, "year": plan.year, "title": plan.title, "status": plan.status,
            "approved_at_meeting_id": plan.approved_at_meeting_id, "approved_on": plan.approved_on,
            "published_on": plan.published_on,
            "items": [_item_out(row, staff) for row in item_rows(request.congress, plan)],
            "joint_activities": [{"id": a.pk, "host_congress": a.congress.name, "kind": a.kind, "title": a.title,
                                  "year": a.year} for a in queries.joint_activities(request.congress, plan.year)]}


def _item_values(request, payload: OversightPlanItemIn) -> dict:
    """The item's references, each an id of this congress or a 422 naming its field."""
    orgs = Organisation.objects.in_congress(request.congress)
    return {
        "kind": payload.kind, "title": payload.title, "month": payload.month, "session_note": payload.session_note,
        "note": payload.note,
        "lead_committee": one(orgs, payload.lead_committee_id, "lead_committee_id", "委员会"),
        "body": one(orgs, payload.body_id, "body_id", "报告机关"),
        "co_committees": existing(orgs, payload.co_committee_ids, "co_committee_ids", "委员会"),
        "leader": one(people_of(request.congress), payload.leader_id, "leader_id", "人员"),
        "meeting": one(Meeting.objects.in_congress(request.congress), payload.meeting_id, "meeting_id", "会议"),
    }


@router.get("/oversight/plans", response=list[OversightPlanSummaryOut], summary="年度监督工作计划（公众只见已公布的）")
@scoped
def list_plans(request):
    plans = Plan.objects.in_congress(request.congress)
    if not may(request.user, request.congress, "view_oversight"):
        plans = plans.filter(status=Plan.Status.PUBLISHED)
    return [{"id": p.pk, "year": p.year, "title": p.title, "status": p.status} for p in plans]


@router.post("/oversight/plans", response={201: OversightPlanOut}, summary="起草年度监督工作计划（每年一份）")
@scoped
def draft_plan(request, payload: OversightPlanIn):
    plan = actions.draft_oversight_plan(request.congress, actor=request.user, year=payload.year, title=payload.title)
    return Status(201, _plan_out(request, plan))


@router.get("/oversight/plans/{plan_id}", response=OversightPlanOut, summary="计划、各项目及其进展、联动项目")
@scoped
def get_plan(request, plan_id: int):
    return _plan_out(request, queries.plan_for(request, plan_id))


def _row_of(request, item: PlanItem) -> dict:
    for row in item_rows(request.congress, item.plan):
        if row["item"].pk == item.pk:
            return _item_out(row, True)
    raise Http404("找不到该监督计划项目")


@router.post("/oversight/plans/{plan_id}/items", response={201: OversightPlanItemOut}, summary="增加计划项目（草案阶段）")
@scoped
def add_item(request, plan_id: int, payload: OversightPlanItemIn):
    plan = queries.plan_for(request, plan_id)
    item = actions.arrange_plan_item(request.congress, plan, actor=request.user, **_item_values(request, payload))
    return Status(201, _row_of(request, item))


@router.put("/oversight/plans/{plan_id}/items/{item_id}", response=OversightPlanItemOut, summary="修改计划项目（草案阶段）")
@scoped
def update_item(request, plan_id: int, item_id: int, payload: OversightPlanItemIn):
    plan = queries.plan_for(request, plan_id)
    item = PlanItem.objects.in_congress(request.congress).filter(pk=item_id, plan=plan).first()
    if item is None:
        raise Http404("找不到该监督计划项目")
    actions.arrange_plan_item(request.congress, plan, actor=request.user, item=item, **_item_values(request, payload))
    return _row_of(request, item)


@router.post("/oversight/plans/{plan_id}/approve", response=OversightPlanOut, summary="记录主任会议通过")
@scoped
def approve_plan(request, plan_id: int, payload: OversightPlanApproveIn):
    plan = queries.plan_for(request, plan_id)
    meeting = one(Meeting.objects.in_congress(request.congress), payload.meeting_id, "meeting_id", "会议")
    actions.approve_oversight_plan(request.congress, plan, actor=request.user, meeting=meeting,
                                   approved_on=payload.approved_on)
    return _plan_out(request, plan)


@router.post("/oversight/plans/{plan_id}/publish", response=OversightPlanOut, summary="公布计划")
@scoped
def publish_plan(request, plan_id: int, payload: OversightPlanPublishIn):
    plan = queries.plan_for(request, plan_id)
    actions.publish_oversight_plan(request.congress, plan, actor=request.user, published_on=payload.published_on)
    return _plan_out(request, plan)


@router.post("/oversight/plan-items/{item_id}/status", response=OversightPlanItemOut,
             summary="记录项目推迟、取消或已审议（planned 撤销记录）")
@scoped
def set_item_status(request, item_id: int, payload: OversightPlanItemStatusIn):
    item = PlanItem.objects.in_congress(request.congress).select_related("plan").filter(pk=item_id).first()
    if item is None:
        raise Http404("找不到该监督计划项目")
    queries.plan_for(request, item.plan_id)
    actions.set_plan_item_status(request.congress, item, actor=request.user, status=payload.status, note=payload.note)
    return _row_of(request, item)
