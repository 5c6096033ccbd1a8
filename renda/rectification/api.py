"""The rectification list over the API: the list with the pages' filters, one item with its history,
each step (progress, closure with evidence, checks, acceptance, return), the office's reminders and
escalation, and the dashboard's figures. A unit officer's token sees and acts on the unit's items
only; another congress's item is not found."""

from datetime import date, datetime
from typing import Annotated, Any

from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import BeforeValidator

from renda.core.api import scoped
from renda.core.api_contract import CLOSED_MULTIPART, Filled, In, OneOf, blank_is_none, one, only_fields
from renda.core.errors import ValidationError
from renda.core.permissions import check_permission
from renda.decisions.models import Decision
from renda.livelihood.models import Inspection, Proposal
from renda.meetings.models import Meeting
from renda.oversight.models import Finding, InquiryQuestion, Investigation, OpinionPoint, Questioning
from renda.rectification import actions, queries
from renda.rectification.models import RectificationItem, RectificationUpdate

router = Router(tags=["rectification"])



def _item(request, item_id: int) -> RectificationItem:
    check_permission(request.user, request.congress, "view_rectification")
    item = queries.visible_items(request.congress, request.user).filter(pk=item_id).first()
    if item is None:
        raise Http404("找不到该整改事项")
    return item


class RectificationUpdateOut(Schema):
    id: int
    kind: Annotated[str, OneOf(RectificationUpdate.Kind)]
    text: str
    on: date
    by: str | None
    at: datetime
    evidence: str | None  # where to download it


class RectificationItemOut(Schema):
    id: int
    source: Annotated[str, OneOf(RectificationItem.Source)]
    problem: str
    goal: str
    measures: str
    due_on: date
    unit_id: int | None
    unit: str | None
    owner: str
    status: Annotated[str, OneOf(RectificationItem.Status)]
    overdue: bool
    closed_on: date | None
    resolution: str
    escalated_on: date | None
    escalated_to_id: int | None
    links: dict[str, int]
    url: str


class RectificationItemDetailOut(RectificationItemOut):
    updates: list[RectificationUpdateOut]


LINK_FIELDS = ["opinion_point", "finding", "livelihood_project", "livelihood_inspection", "inquiry_question",
               "questioning", "investigation", "decision"]


def _item_out(item: RectificationItem, today: date | None = None) -> dict:
    today = today or timezone.localdate()
    code = item.congress.code
    return {"id": item.pk, "source": item.source, "problem": item.problem, "goal": item.goal, "measures": item.measures,
            "due_on": item.due_on, "unit_id": item.unit_id, "unit": item.unit.name if item.unit is not None else None,
            "owner": item.owner, "status": item.status, "overdue": actions.is_overdue(item, today),
            "closed_on": item.closed_on, "resolution": item.resolution, "escalated_on": item.escalated_on,
            "escalated_to_id": item.escalated_to_id,
            "links": {f: getattr(item, f"{f}_id") for f in LINK_FIELDS if getattr(item, f"{f}_id")},
            "url": reverse("rectification_item", args=[code, item.pk])}


def _update_out(u: RectificationUpdate, code: str) -> dict:
    return {"id": u.pk, "kind": u.kind, "text": u.text, "on": u.on, "at": u.at,
            "by": (u.by.get_full_name() or u.by.get_username()) if u.by is not None else None,
            "evidence": reverse("rectification_evidence", args=[code, u.pk]) if u.evidence else None}


def _detail(request, item: RectificationItem) -> dict:
    item = RectificationItem.objects.in_congress(request.congress).select_related("unit", "congress").get(pk=item.pk)
    updates = RectificationUpdate.objects.in_congress(request.congress).filter(item=item).select_related("by")
    return _item_out(item) | {"updates": [_update_out(u, request.congress.code) for u in updates.order_by("on", "id")]}


Year = Annotated[int | None, Field(ge=1949, le=9999)]


def _filters(request, source, unit_id, status, overdue, year, q) -> queries.Filters:
    check_permission(request.user, request.congress, "view_rectification")
    data = {"source": source, "unit": unit_id, "status": status, "overdue": "1" if overdue else "", "year": year,
            "q": q}
    filters = queries.Filters.read(data, request.congress)
    if filters.problems:  # only the unit can be wrong here: the schema holds the others to their choices
        raise ValidationError({"unit_id": filters.problems})
    return filters


def _filtered(request, source, unit_id, status, overdue, year, q):
    filters = _filters(request, source, unit_id, status, overdue, year, q)
    today = timezone.localdate()
    return filters.apply(queries.visible_items(request.congress, request.user), today), today


@router.get("/rectification/items", response=list[RectificationItemOut],
            summary="整改清单（可按来源、责任单位、状态、是否逾期、整改时限年份、关键词筛选）")
@scoped
def list_items(request, source: Annotated[str, OneOf(RectificationItem.Source)] | None = None,
               unit_id: int | None = None, status: Annotated[str, OneOf(RectificationItem.Status)] | None = None,
               overdue: bool = False, year: Year = None, q: str = ""):
    items, today = _filtered(request, source, unit_id, status, overdue, year, q)
    return [_item_out(i, today) for i in items.select_related("unit", "congress").order_by("status", "due_on", "id")]


class RectificationFiguresOut(Schema):
    label: str
    key: Any
    total: int
    open: int
    claimed: int
    closed: int
    overdue: int
    closed_on_time: int
    on_time_rate: float | None


class RectificationDashboardOut(Schema):
    whole: RectificationFiguresOut
    units: list[RectificationFiguresOut]
    sources: list[RectificationFiguresOut]


@router.get("/rectification/dashboard", response=RectificationDashboardOut,
            summary="整改情况统计：合计、按责任单位、按来源（整改中、逾期、待验收、已销号、按期销号率）")
@scoped
def dashboard(request, source: Annotated[str, OneOf(RectificationItem.Source)] | None = None,
              unit_id: int | None = None, status: Annotated[str, OneOf(RectificationItem.Status)] | None = None,
              overdue: bool = False, year: Year = None, q: str = ""):
    filters = _filters(request, source, unit_id, status, overdue, year, q)
    figures = queries.figures(request.congress, request.user, filters, timezone.localdate())
    return {"whole": figures["whole"].as_dict(), "units": [f.as_dict() for f in figures["units"]],
            "sources": [f.as_dict() for f in figures["sources"]]}


@router.get("/rectification/items/{item_id}", response=RectificationItemDetailOut, summary="整改事项及其整改过程")
@scoped
def get_item(request, item_id: int):
    return _detail(request, _item(request, item_id))


class RectificationEntryIn(In):
    """One problem: what, the deadline, the unit and the person responsible are required."""

    problem: Filled
    goal: str = ""
    measures: str = ""
    due_on: date
    unit_id: int
    owner: Filled


class RectificationListIn(In):
    source: Annotated[str, OneOf(RectificationItem.Source)]
    entries: Annotated[list[RectificationEntryIn], Field(min_length=1)]
    opinion_point_id: int | None = None
    finding_id: int | None = None
    livelihood_project_id: int | None = None
    livelihood_inspection_id: int | None = None
    inquiry_question_id: int | None = None
    questioning_id: int | None = None
    investigation_id: int | None = None
    decision_id: int | None = None


@router.post("/rectification/items", response={201: list[RectificationItemOut]},
             summary="列入整改清单（每项须写明问题、整改时限、责任单位和责任人；可关联来源记录）")
@scoped
def list_problems(request, payload: RectificationListIn):
    c = request.congress
    check_permission(request.user, c, "list_rectification")
    models = {"opinion_point": (OpinionPoint, "审议意见条目"), "finding": (Finding, "问题"),
              "livelihood_project": (Proposal, "民生实事项目"), "livelihood_inspection": (Inspection, "视察"),
              "inquiry_question": (InquiryQuestion, "询问问题"), "questioning": (Questioning, "质询案"),
              "investigation": (Investigation, "特定问题调查"), "decision": (Decision, "重大事项决定")}
    link = {name: one(model.objects.in_congress(c), getattr(payload, f"{name}_id"), f"{name}_id", what)
            for name, (model, what) in models.items() if getattr(payload, f"{name}_id") is not None}
    allowed = {actions.LINKS[RectificationItem.Source(payload.source)], "livelihood_inspection"}
    wrong = sorted(set(link) - allowed)
    if wrong:
        raise ValidationError({f"{wrong[0]}_id": f"来源为“{RectificationItem.Source(payload.source).label}”的整改事项"
                                                 f"不能关联“{models[wrong[0]][1]}”"})
    entries = [{"problem": e.problem, "goal": e.goal, "measures": e.measures, "due_on": e.due_on.isoformat(),
                "unit": e.unit_id,
                "owner": e.owner} for e in payload.entries]
    try:
        items = actions.list_problems(c, actor=request.user, source=payload.source, entries=entries, **link)
    except ValidationError as error:  # the action names the entries "items"; here they are "entries"
        raise ValidationError({"entries" if k == "items" else k: v for k, v in error.message_dict.items()}) from None
    fresh = RectificationItem.objects.in_congress(c).select_related("unit", "congress").filter(pk__in=[i.pk for i in items])
    return Status(201, [_item_out(i) for i in fresh.order_by("id")])


OptionalText = Annotated[str | None, BeforeValidator(blank_is_none)]


@router.post("/rectification/items/{item_id}/progress", response={201: RectificationItemDetailOut},
             openapi_extra=CLOSED_MULTIPART,
             summary="报告整改进展（multipart：text，可附 evidence 文件，可修改 goal、measures；单位只能报告本单位的）")
@scoped
def report_progress(request, item_id: int, text: Form[Filled], goal: OptionalText = Form(None),
                    measures: OptionalText = Form(None),
                    evidence: UploadedFile = File(None)):  # type: ignore[assignment]
    only_fields(request, "text", "goal", "measures", "evidence")
    item = _item(request, item_id)
    actions.report_progress(request.congress, item, actor=request.user, text=text, evidence=evidence, goal=goal,
                            measures=measures)
    return Status(201, _detail(request, item))


@router.post("/rectification/items/{item_id}/closure", response={201: RectificationItemDetailOut},
             openapi_extra=CLOSED_MULTIPART,
             summary="申请销号（multipart：text 整改完成情况，evidence 佐证材料必传）")
@scoped
def request_closure(request, item_id: int, text: Form[Filled], evidence: UploadedFile = File(...)):
    only_fields(request, "text", "evidence")
    item = _item(request, item_id)
    actions.request_closure(request.congress, item, actor=request.user, text=text, evidence=evidence)
    return Status(201, _detail(request, item))


@router.post("/rectification/items/{item_id}/checks", response={201: RectificationItemDetailOut},
             openapi_extra=CLOSED_MULTIPART,
             summary="记录实地检查或抽查（multipart：kind 为 site_check 或 spot_check，findings，on 检查日期 YYYY-MM-DD 不晚于今天、可不填，可附 photo）")
@scoped
def record_check(request, item_id: int, kind: Form[Annotated[str, OneOf(["site_check", "spot_check"])]],
                 findings: Form[Filled], on: Form[str] = "", photo: UploadedFile = File(None)):  # type: ignore[assignment]
    only_fields(request, "kind", "findings", "on", "photo")
    item = _item(request, item_id)
    actions.record_check(request.congress, item, actor=request.user, kind=kind, findings=findings, photo=photo, on=on)
    return Status(201, _detail(request, item))


class RectificationAcceptIn(In):
    resolution: str = ""


class RectificationReturnIn(In):
    reason: Filled


@router.post("/rectification/items/{item_id}/accept", response=RectificationItemDetailOut,
             summary="验收销号（只能验收申请销号的事项）")
@scoped
def accept(request, item_id: int, payload: RectificationAcceptIn):
    item = _item(request, item_id)
    actions.accept_closure(request.congress, item, actor=request.user, resolution=payload.resolution)
    return _detail(request, item)


@router.post("/rectification/items/{item_id}/return", response=RectificationItemDetailOut,
             summary="验收未通过，退回整改（须写明理由）")
@scoped
def return_item(request, item_id: int, payload: RectificationReturnIn):
    item = _item(request, item_id)
    actions.return_item(request.congress, item, actor=request.user, reason=payload.reason)
    return _detail(request, item)


class RectificationRemindersOut(Schema):
    sent: int


@router.post("/rectification/reminders", response=RectificationRemindersOut,
             summary="发送今天的整改催办提醒（到期前按规则天数及逾期每日；同一事项每天一次）")
@scoped
def send_reminders(request):
    return {"sent": actions.send_reminders(request.congress, actor=request.user)}


class RectificationEscalateIn(In):
    meeting_id: int


class RectificationEscalatedOut(Schema):
    agenda_item_id: int | None
    title: str | None
    items: list[int]


@router.post("/rectification/escalations", response=RectificationEscalatedOut,
             summary="将逾期超过规定天数的整改事项提请主任会议研究（列为一个议题；已提请的不再重复）")
@scoped
def escalate(request, payload: RectificationEscalateIn):
    check_permission(request.user, request.congress, "escalate_rectification")
    meeting = one(Meeting.objects.in_congress(request.congress), payload.meeting_id, "meeting_id", "会议")
    try:
        agenda = actions.escalate_overdue(request.congress, actor=request.user, meeting=meeting)
    except ValidationError as error:  # the action names the meeting "meeting"; here it is "meeting_id"
        raise ValidationError({"meeting_id" if k == "meeting" else k: v for k, v in error.message_dict.items()}) from None
    ids = list(RectificationItem.objects.in_congress(request.congress).filter(escalated_to_id=agenda.pk)
               .values_list("pk", flat=True)) if agenda else []
    return {"agenda_item_id": agenda.pk if agenda else None, "title": agenda.title if agenda else None, "items": ids}
