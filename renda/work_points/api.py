"""Work points (工作要点) over the API: the year's plan with its items, the calendar by month, overdue
items, and each action (make the plan, add an item, link it, close it, carry it over). Another
congress's id is not found."""

from datetime import date
from typing import Annotated

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import BeforeValidator, WithJsonSchema

from renda.core.api import scoped
from renda.core.api_contract import CLOSED_MULTIPART, In, OneOf, blank_is_none, one, only_fields
from renda.core.permissions import check_permission
from renda.meetings.models import Meeting
from renda.oversight.models import PlanItem, WorkReport
from renda.people.models import Organisation
from renda.voting.models import Vote
from renda.work_points import actions, queries
from renda.work_points.models import WorkPlan, WorkPoint

# A multipart field is left out, or left empty ("") as on the web form, for no value; a form has no
# null, so the document says integer or date (not "or null").
OptionalId = Annotated[int | None, BeforeValidator(blank_is_none), WithJsonSchema({"type": "integer"})]
OptionalDate = Annotated[date | None, BeforeValidator(blank_is_none), WithJsonSchema({"type": "string", "format": "date"})]

router = Router(tags=["work_points"])
Year = Annotated[int, Field(ge=1949, le=9999)]


class WorkPointLinkOut(Schema):
    id: int
    meeting_id: int | None
    meeting_date: date | None
    plan_item_id: int | None
    work_report_id: int | None
    title: str


class WorkPointOut(Schema):
    id: int
    plan_id: int
    year: int
    number: int
    text: str
    owner_id: int
    owner: str
    leader_id: int | None
    leader: str | None
    due_on: date
    month_only: bool
    status: Annotated[str, OneOf(WorkPoint.Status)]
    overdue: bool
    closing_note: str
    closed_on: date | None
    carried_to_id: int | None
    links: list[WorkPointLinkOut]
    url: str


class WorkPlanOut(Schema):
    id: int
    year: int
    title: str
    adopted_at_id: int | None
    adopted_on: date | None
    vote_id: int | None
    points: list[WorkPointOut]


class WorkPointMonthOut(Schema):
    month: int
    points: list[WorkPointOut]


def _link(link) -> dict:
    target = link.target
    return {"id": link.pk, "meeting_id": link.meeting_id, "plan_item_id": link.plan_item_id,
            "work_report_id": link.work_report_id,
            "meeting_date": timezone.localtime(link.meeting.starts_at).date() if link.meeting_id else None,
            "title": str(target)}


def _out(p: WorkPoint, code: str, today: date) -> dict:
    return {"id": p.pk, "plan_id": p.plan_id, "year": p.plan.year, "number": p.number, "text": p.text,
            "owner_id": p.owner_id, "owner": p.owner.name, "leader_id": p.leader_id,
            "leader": p.leader.name if p.leader is not None else None, "due_on": p.due_on, "month_only": p.month_only,
            "status": p.status, "overdue": p.is_overdue(today), "closing_note": p.closing_note,
            "closed_on": p.closed_on, "carried_to_id": p.carried_to_id, "links": [_link(k) for k in p.links.all()],
            "url": reverse("work_point", args=[code, p.pk])}


def _fresh(request, pk: int) -> dict:
    return _out(queries.points(request.congress).get(pk=pk), request.congress.code, timezone.localdate())


def _plan_out(request, plan: WorkPlan) -> dict:
    today, code = timezone.localdate(), request.congress.code
    return {"id": plan.pk, "year": plan.year, "title": plan.title, "adopted_at_id": plan.adopted_at_id,
            "adopted_on": plan.adopted_on, "vote_id": plan.vote_id,
            "points": [_out(p, code, today) for p in queries.points(request.congress).filter(plan=plan)
                       .order_by("due_on", "number", "id")]}


def _point(request, point_id: int) -> WorkPoint:
    check_permission(request.user, request.congress, "view_work_points")
    point = queries.points(request.congress).filter(pk=point_id).first()
    if point is None:
        raise Http404("找不到该工作要点事项")
    return point


@router.get("/work-points/plans/{year}", response=WorkPlanOut, summary="某年度的工作要点及其事项")
@scoped
def get_plan(request, year: Year):
    check_permission(request.user, request.congress, "view_work_points")
    plan = WorkPlan.objects.in_congress(request.congress).filter(year=year).first()
    if plan is None:
        raise Http404(f"{year}年没有工作要点")
    return _plan_out(request, plan)


@router.get("/work-points/calendar/{year}", response=list[WorkPointMonthOut], summary="重点工作行事历：按月列出事项和相关会议日期")
@scoped
def calendar(request, year: Year):
    check_permission(request.user, request.congress, "view_work_points")
    today, code = timezone.localdate(), request.congress.code
    return [{"month": m["month"], "points": [_out(p, code, today) for p in m["points"]]}
            for m in queries.calendar(request.congress, year)]


@router.get("/work-points/overdue", response=list[WorkPointOut],
            summary="逾期未完成的工作要点（截至 day，默认今天；当天到期的不算逾期）")
@scoped
def overdue(request, day: date | None = None):
    check_permission(request.user, request.congress, "view_work_points")
    day = day or timezone.localdate()
    return [_out(p, request.congress.code, day) for p in queries.overdue_for(request.congress, day)]


@router.post("/work-points/plans", response={201: WorkPlanOut}, openapi_extra=CLOSED_MULTIPART, summary="建立年度工作要点（multipart：year、title、"
             "meeting_id 通过的主任会议、党组会议或常委会会议，vote_id 常委会会议上通过的表决，adopted_on，可附 document）")
@scoped
def create_plan(request, year: Form[Annotated[int, Field(ge=1949, le=9999)]], title: Form[str] = "", meeting_id: OptionalId = Form(None),
                adopted_on: OptionalDate = Form(None), vote_id: OptionalId = Form(None),
                document: UploadedFile = File(None)):  # type: ignore[assignment]
    only_fields(request, "year", "title", "meeting_id", "adopted_on", "vote_id", "document")
    check_permission(request.user, request.congress, "manage_work_points")
    meeting = one(Meeting.objects.in_congress(request.congress), meeting_id, "meeting_id", "会议")
    vote = one(Vote.objects.in_congress(request.congress), vote_id, "vote_id", "表决")
    plan = actions.create_plan(request.congress, actor=request.user, year=year, title=title, meeting=meeting,
                               adopted_on=adopted_on, document=document, vote=vote)
    return Status(201, _plan_out(request, plan))


class WorkPointIn(In):
    text: str
    owner_id: int
    leader_id: int | None = None
    due: str  # 2026-05-20, or a month: 2026-05


@router.post("/work-points/plans/{plan_id}/points", response={201: WorkPointOut},
             summary="增加工作事项（due 为日期或月份，如 2026-05-20 或 2026-05）")
@scoped
def add_point(request, plan_id: int, payload: WorkPointIn):
    check_permission(request.user, request.congress, "manage_work_points")
    plan = WorkPlan.objects.in_congress(request.congress).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("找不到该年度工作要点")
    owner = one(Organisation.objects.in_congress(request.congress), payload.owner_id, "owner_id", "机构")
    point = actions.add_point(request.congress, plan, actor=request.user, text_=payload.text, owner=owner,
                              due=payload.due, leader=payload.leader_id)
    return Status(201, _fresh(request, point.pk))


@router.get("/work-points/{point_id}", response=WorkPointOut, summary="一项工作要点事项")
@scoped
def get_point(request, point_id: int):
    return _fresh(request, _point(request, point_id).pk)


class WorkPointLinkIn(In):
    meeting_id: int | None = None
    plan_item_id: int | None = None
    work_report_id: int | None = None


@router.post("/work-points/{point_id}/links", response={201: WorkPointOut},
             summary="关联会议、监督工作计划项目或专项工作报告（只填一项）")
@scoped
def link_point(request, point_id: int, payload: WorkPointLinkIn):
    c = request.congress
    check_permission(request.user, c, "manage_work_points")
    point = _point(request, point_id)
    actions.link_point(c, point, actor=request.user,
                       meeting=one(Meeting.objects.in_congress(c), payload.meeting_id, "meeting_id", "会议"),
                       plan_item=one(PlanItem.objects.in_congress(c), payload.plan_item_id, "plan_item_id", "监督项目"),
                       work_report=one(WorkReport.objects.in_congress(c), payload.work_report_id, "work_report_id",
                                       "专项工作报告"))
    return Status(201, _fresh(request, point.pk))


@router.post("/work-points/{point_id}/close", response={201: WorkPointOut}, openapi_extra=CLOSED_MULTIPART,
             summary="办结（multipart：note 完成情况，可附 evidence，on 办结日期）；委室只能办结本委室的")
@scoped
def close_point(request, point_id: int, note: Form[str] = "", on: OptionalDate = Form(None),
                evidence: UploadedFile = File(None)):  # type: ignore[assignment]
    only_fields(request, "note", "on", "evidence")
    check_permission(request.user, request.congress, "close_work_point")
    point = _point(request, point_id)
    actions.close_point(request.congress, point, actor=request.user, note=note, evidence=evidence, on=on)
    return Status(201, _fresh(request, point.pk))


class WorkPointCarryIn(In):
    note: str
    to_plan_id: int | None = None
    due: str | None = None


@router.post("/work-points/{point_id}/carry-over", response={201: WorkPointOut},
             summary="结转下年（note 理由；可列入以后年度的工作要点 to_plan_id，完成时间 due）")
@scoped
def carry_over(request, point_id: int, payload: WorkPointCarryIn):
    c = request.congress
    check_permission(request.user, c, "close_work_point")
    point = _point(request, point_id)
    to_plan = one(WorkPlan.objects.in_congress(c), payload.to_plan_id, "to_plan_id", "工作要点")
    actions.carry_over(c, point, actor=request.user, note=payload.note, to_plan=to_plan, due=payload.due)
    return Status(201, _fresh(request, point.pk))
