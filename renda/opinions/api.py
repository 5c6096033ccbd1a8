"""意见建议登记办理（事事有回音） over the API: the register and one's own opinions, recording points
from an activity or a meeting, 代表直通车, petitions, classifying, merging, assigning to a unit,
answering, the raiser's acknowledgment, a petition's delivery, and the statistics. The same actions
as the pages; another congress's id is not found."""

import datetime
from typing import Annotated

from ninja import Router, Schema, Status

from renda.activities.models import Activity
from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, existing, one
from renda.core.errors import ValidationError
from renda.core.permissions import check_permission
from renda.liaison import actions as liaison
from renda.liaison.api import DismissIn, FeedbackIn  # the concern workflow's own inputs
from renda.liaison.models import Concern
from renda.meetings.models import Meeting
from renda.opinions import actions, queries
from renda.opinions.views import get_item
from renda.people.models import Organisation, Person

router = Router(tags=["opinions"])



class RegisterItemOut(Schema):
    id: int
    source: Annotated[str, OneOf(Concern.Source)]
    raised_on: datetime.date
    raised_by_id: int | None
    person_name: str
    person_contact: str | None
    activity_id: int | None
    meeting_id: int | None
    category: str
    text: str
    place: str
    status: Annotated[str, OneOf(Concern.Status)]
    merged_into_id: int | None
    unit_id: int | None
    unit: str
    due_on: datetime.date | None
    overdue: bool
    answer: str
    answered_on: datetime.date | None
    satisfaction: Annotated[str, OneOf(["", *Concern.Satisfaction.values])]
    tracking_code: str


def _out(request, c: Concern) -> dict:
    c.refresh_from_db()
    handler = liaison.is_handler(request.congress, c, request.user)
    return {"id": c.pk, "source": c.source, "raised_on": c.raised_on, "raised_by_id": c.raised_by_id,
            "person_name": c.person_name, "person_contact": c.person_contact if handler else None,
            "activity_id": c.activity_id, "meeting_id": c.meeting_id, "category": c.category, "text": c.text,
            "place": c.place, "status": c.status, "merged_into_id": c.merged_into_id, "unit_id": c.unit_id,
            "unit": c.unit.name if c.unit_id and c.unit else "", "due_on": c.due_on, "overdue": c.is_overdue(),
            "answer": c.answer, "answered_on": c.answered_on, "satisfaction": c.satisfaction,
            "tracking_code": c.tracking_code}


@router.get("/opinions", response=list[RegisterItemOut], summary="意见建议登记簿（来源、承办单位、状态、月份筛选，q 搜索，after 为游标）")
@scoped
def register_list(request, source: str = "", unit: int | None = None, status: str = "", month: str = "", q: str = "",
                  overdue: bool = False, after: int | None = None):
    check_permission(request.user, request.congress, "view_opinion_register")
    items = queries.filtered(request.congress, source=source, unit=unit or "", status=status, month=month, q=q,
                             overdue=overdue)
    return [_out(request, c) for c in queries.page(items, after)]


@router.get("/opinions/mine", response=list[RegisterItemOut], summary="我的意见：本人提出的意见建议及答复")
@scoped
def mine(request):
    check_permission(request.user, request.congress, "view_own_opinions")
    return [_out(request, c) for c in queries.mine(request.congress, queries.person_of(request.congress, request.user))]


@router.get("/opinions/statistics", summary="意见建议办理统计（按来源、承办单位、月份）")
@scoped
def statistics(request, year: int):
    check_permission(request.user, request.congress, "view_opinion_register")
    stats = queries.statistics(request.congress, year)
    row = lambda r: {"label": r.label, **{n: getattr(r, n) for n in queries.COUNTS},  # noqa: E731
                     "on_time_rate": r.on_time_rate, "satisfaction_rate": r.satisfaction_rate}
    return {"year": stats.year, "by_source": [row(r) for r in stats.by_source],
            "by_unit": [row(r) for r in stats.by_unit], "by_month": [row(r) for r in stats.by_month],
            "total": row(stats.total)}


class PointIn(In):
    speaker: int
    category: Filled
    text: Filled
    place: str = ""


class RecordIn(In):
    source: Annotated[str, OneOf([s.value for s in actions.RECORDED_SOURCES])]
    activity: int | None = None
    meeting: int | None = None
    points: list[PointIn]


@router.post("/opinions/record", response={201: list[RegisterItemOut]},
             summary="登记走访、座谈会上每位发言人的意见或会议交办事项（每人一条）")
@scoped
def record(request, payload: RecordIn):
    congress = request.congress
    activity = one(Activity.objects.in_congress(congress), payload.activity, "activity", "活动")
    meeting = one(Meeting.objects.in_congress(congress), payload.meeting, "meeting", "会议")
    people = Person.objects.filter(pk__in=[p.speaker for p in payload.points])
    found = {p.pk: p for p in people}
    points = [{"speaker": found.get(p.speaker), "category": p.category, "text": p.text, "place": p.place}
              for p in payload.points]
    made = actions.record_opinions(congress, actor=request.user, source=payload.source, points=points,
                                   activity=activity, meeting=meeting)
    return Status(201, [_out(request, c) for c in made])


class DirectLineIn(In):
    category: Filled
    text: Filled
    place: str = ""


@router.post("/opinions/direct-line", response={201: RegisterItemOut}, summary="代表直通车（限本级在任代表本人）")
@scoped
def direct_line(request, payload: DirectLineIn):
    item = actions.send_direct_line(request.congress, actor=request.user, data=payload.dict())
    return Status(201, _out(request, item))


class PetitionIn(In):
    person_name: Filled
    person_contact: Filled
    category: Filled
    text: Filled
    place: str = ""
    received_on: datetime.date | None = None


@router.post("/opinions/petitions", response={201: RegisterItemOut}, summary="登记人大信访事项")
@scoped
def petition(request, payload: PetitionIn):
    item = actions.register_petition(request.congress, actor=request.user, data=payload.dict())
    return Status(201, _out(request, item))


# After the fixed paths above (record, direct-line, petitions): a path segment here is any text.
@router.get("/opinions/{item_id}", response=RegisterItemOut, summary="一件意见建议（工作人员、承办单位、提出人）")
@scoped
def get_opinion(request, item_id: int):
    return _out(request, get_item(request, item_id))


class ClassifyIn(In):
    category: Filled


@router.post("/opinions/{item_id}/classify", response=RegisterItemOut, summary="归类")
@scoped
def classify(request, item_id: int, payload: ClassifyIn):
    item = get_item(request, item_id)
    actions.classify_opinion(request.congress, item, actor=request.user, category=payload.category)
    return _out(request, item)


class OpinionMergeIn(In):
    others: list[int]


@router.post("/opinions/{item_id}/merge", response=RegisterItemOut, summary="归并同类意见到本件（主件）")
@scoped
def merge(request, item_id: int, payload: OpinionMergeIn):
    item = get_item(request, item_id)
    if not payload.others:
        raise ValidationError({"others": "请选择要并入的意见建议"})
    others = existing(queries.register(request.congress), payload.others, "others", "意见建议")
    actions.merge_opinions(request.congress, item, actor=request.user, others=list(others))
    return _out(request, item)


class OpinionAssignIn(In):
    unit: int
    due_on: datetime.date | None = None


@router.post("/opinions/{item_id}/assign", response=RegisterItemOut, summary="交承办单位办理（期限不填按规定天数）")
@scoped
def assign(request, item_id: int, payload: OpinionAssignIn):
    item = get_item(request, item_id)
    unit = one(Organisation.objects.in_congress(request.congress), payload.unit, "unit", "承办单位")
    liaison.triage_concern(request.congress, item, actor=request.user, path=Concern.Path.REFERRED, unit=unit,
                           due_on=payload.due_on)
    return _out(request, item)


class AnswerIn(In):
    answer: Filled


@router.post("/opinions/{item_id}/answer", response=RegisterItemOut, summary="承办单位答复（答复通知提出人）")
@scoped
def answer(request, item_id: int, payload: AnswerIn):
    item = get_item(request, item_id)
    liaison.answer_concern(request.congress, item, actor=request.user, answer=payload.answer)
    return _out(request, item)


@router.post("/opinions/{item_id}/feedback", response=RegisterItemOut, summary="提出人确认答复并评价（或工作人员代为记录）")
@scoped
def feedback(request, item_id: int, payload: FeedbackIn):
    item = get_item(request, item_id)
    liaison.record_feedback(request.congress, item, actor=request.user, satisfaction=payload.satisfaction,
                            note=payload.note)
    return _out(request, item)


class DeliveryIn(In):
    how: Annotated[str, OneOf(list(actions.DELIVERY_WAYS))]
    on: datetime.date | None = None


@router.post("/opinions/{item_id}/delivery", response=RegisterItemOut, summary="记录信访答复已送达信访人")
@scoped
def delivery(request, item_id: int, payload: DeliveryIn):
    item = get_item(request, item_id)
    actions.record_petition_delivery(request.congress, item, actor=request.user, how=payload.how, on=payload.on)
    return _out(request, item)


@router.post("/opinions/{item_id}/dismiss", response=RegisterItemOut, summary="不予受理（并入的意见随之）")
@scoped
def dismiss(request, item_id: int, payload: DismissIn):
    item = get_item(request, item_id)
    liaison.dismiss_concern(request.congress, item, actor=request.user, reason=payload.reason)
    return _out(request, item)
