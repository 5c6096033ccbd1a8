"""The review-opinion API: the opinions with their points and the body's reply; drafting, editing the
points, the directors' meeting's approval, sending (due date, rectification items per point), the
reply, deliberating it, publishing; and a public read of the published opinions (no login, no one's
name)."""

from datetime import date, datetime
from typing import Annotated

from django.http import FileResponse, Http404
from ninja import Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, one
from renda.core.errors import NotPermitted, ValidationError
from renda.meetings.models import Meeting
from renda.oversight.actions import opinions as actions
from renda.oversight.models import Report, ReviewOpinion, WorkReport
from renda.people.models import Organisation
from renda.rectification.models import RectificationItem

router = Router(tags=["oversight"])


# The action's names for the objects it is given → the API's names for their ids.
API_FIELDS = {"work_report": "work_report_id", "report": "report_id", "body": "body_id", "meeting": "meeting_id"}


def _as_api(call):
    """Run an action, its refusal naming the API's fields (work_report_id, not work_report)."""
    try:
        return call()
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise
        raise ValidationError({API_FIELDS.get(k, k): v for k, v in error.message_dict.items()}) from None


def _opinion(request, opinion_id: int) -> ReviewOpinion:
    rows = actions.visible_opinions(request.congress, request.user)
    if rows is None:
        raise NotPermitted("您没有“查看监督工作”的权限，也不是审议意见送达机关的联络人员")
    found = rows.filter(pk=opinion_id).first()
    if found is None:
        raise Http404("找不到该审议意见")
    return found


class OpinionPointOut(Schema):
    id: int
    order: int
    heading: str
    text: str
    finding_id: int | None
    speech_id: int | None
    rectification_item_ids: list[int]


class OpinionReplyOut(Schema):
    text: str
    signed_by: str
    filed_at: datetime
    has_document: bool
    document_url: str | None
    agenda_item_id: int | None


class OpinionOut(Schema):
    id: int
    title: str
    number: str
    status: Annotated[str, OneOf(ReviewOpinion.Status)]
    work_report_id: int | None
    report_id: int | None
    body_id: int
    body: str
    meeting_id: int
    preamble: str
    approved_at_meeting_id: int | None
    approved_on: date | None
    sent_on: date | None
    reply_due: date | None
    reply_state: str
    reply_late: bool
    published_on: date | None
    points: list[OpinionPointOut]
    reply: OpinionReplyOut | None


def _out(opinion: ReviewOpinion) -> dict:
    c = opinion.congress_id
    opinion = ReviewOpinion.objects.in_congress(c).select_related("body").get(pk=opinion.pk)
    points = actions.points_of(opinion)
    listed: dict[int, list[int]] = {}
    for point_id, item_id in RectificationItem.objects.in_congress(c).filter(
            opinion_point_id__in=[p.pk for p in points]).order_by("id").values_list("opinion_point_id", "id"):
        listed.setdefault(point_id, []).append(item_id)
    reply = actions.reply_of(opinion)
    return {
        "id": opinion.pk, "title": opinion.title, "number": opinion.number, "status": opinion.status,
        "work_report_id": opinion.work_report_id, "report_id": opinion.report_id, "body_id": opinion.body_id,
        "body": opinion.body.name, "meeting_id": opinion.meeting_id, "preamble": opinion.preamble,
        "approved_at_meeting_id": opinion.approved_at_meeting_id, "approved_on": opinion.approved_on,
        "sent_on": opinion.sent_on, "reply_due": opinion.reply_due,
        "reply_state": actions.reply_state(opinion, reply), "reply_late": actions.is_reply_late(opinion, reply),
        "published_on": opinion.published_on,
        "points": [{"id": p.pk, "order": p.order, "heading": p.heading, "text": p.text, "finding_id": p.finding_id,
                    "speech_id": p.speech_id, "rectification_item_ids": listed.get(p.pk, [])} for p in points],
        "reply": None if reply is None else {
            "text": reply.text, "signed_by": reply.signed_by, "filed_at": reply.filed_at,
            "has_document": bool(reply.document),
            "document_url": f"/api/oversight/opinions/{opinion.pk}/reply/document" if reply.document else None,
            "agenda_item_id": reply.agenda_item_id},
    }


@router.get("/oversight/opinions", response=list[OpinionOut],
            summary="审议意见（工作人员和常委会组成人员看全部；承办单位看交办本单位的）")
@scoped
def list_opinions(request, status: Annotated[str, OneOf(ReviewOpinion.Status)] | None = None,
                  body_id: int | None = None, year: int | None = None):
    rows = actions.visible_opinions(request.congress, request.user)
    if rows is None:
        raise NotPermitted("您没有“查看监督工作”的权限，也不是审议意见送达机关的联络人员")
    if status:
        rows = rows.filter(status=status)
    if body_id:
        rows = rows.filter(body_id=body_id)
    if year:
        rows = rows.filter(created_at__year=year)
    return [_out(o) for o in rows.order_by("-id")[:500]]


@router.get("/oversight/opinions/{opinion_id}", response=OpinionOut, summary="审议意见：条目、交办、研究处理情况")
@scoped
def get_opinion(request, opinion_id: int):
    return _out(_opinion(request, opinion_id))


@router.get("/oversight/opinions/{opinion_id}/reply/document",
            summary="下载研究处理情况报告文本（能看该审议意见的人；不对公众）")
@scoped
def download_reply_document(request, opinion_id: int):
    opinion = _opinion(request, opinion_id)
    reply = actions.reply_of(opinion)
    if reply is None or not reply.document:
        raise Http404("没有上传研究处理情况报告文本")
    return FileResponse(reply.document.open("rb"), as_attachment=True, filename=reply.document.name.rsplit("/", 1)[-1])


class OpinionDraftIn(In):
    work_report_id: int | None = None
    report_id: int | None = None
    body_id: int | None = None
    meeting_id: int | None = None
    title: str = ""
    number: str = ""
    preamble: str | None = None


@router.post("/oversight/opinions", response={201: OpinionOut},
             summary="起草审议意见（专项工作报告或调研检查报告；条目从报告的问题、建议和审议发言中列出）")
@scoped
def draft(request, payload: OpinionDraftIn):
    c = request.congress
    work_report = one(WorkReport.objects.in_congress(c), payload.work_report_id, "work_report_id", "专项工作报告")
    report = one(Report.objects.in_congress(c), payload.report_id, "report_id", "调研（检查）报告")
    body = one(Organisation.objects.in_congress(c), payload.body_id, "body_id", "机关")
    meeting = one(Meeting.objects.in_congress(c), payload.meeting_id, "meeting_id", "会议")
    opinion = _as_api(lambda: actions.draft_review_opinion(
        c, actor=request.user, work_report=work_report, report=report, body=body, meeting=meeting,
        title=payload.title, number=payload.number, preamble=payload.preamble))
    return Status(201, _out(opinion))


class OpinionPointIn(In):
    id: int | None = None
    heading: Filled
    text: str = ""


class OpinionEditIn(In):
    title: Filled
    number: str = ""
    preamble: str = ""
    body_id: int | None = None
    points: list[OpinionPointIn]


@router.put("/oversight/opinions/{opinion_id}", response=OpinionOut,
            summary="修改审议意见（起草中）：points 为全部条目，按顺序；带 id 的保留并修改，不带的新增，未列出的删除")
@scoped
def edit(request, opinion_id: int, payload: OpinionEditIn):
    c = request.congress
    opinion = _opinion(request, opinion_id)
    body = one(Organisation.objects.in_congress(c), payload.body_id, "body_id", "机关")
    _as_api(lambda: actions.edit_review_opinion(c, opinion, actor=request.user, title=payload.title,
                                                number=payload.number, preamble=payload.preamble, body=body,
                                                points=[p.dict() for p in payload.points]))
    return _out(opinion)


class OpinionApproveIn(In):
    meeting_id: int


@router.post("/oversight/opinions/{opinion_id}/approve", response=OpinionOut, summary="记录主任会议通过审议意见")
@scoped
def approve(request, opinion_id: int, payload: OpinionApproveIn):
    opinion = _opinion(request, opinion_id)
    meeting = one(Meeting.objects.in_congress(request.congress), payload.meeting_id, "meeting_id", "会议")
    _as_api(lambda: actions.approve_review_opinion(request.congress, opinion, actor=request.user, meeting=meeting))
    return _out(opinion)


class OpinionRectificationEntryIn(In):
    """One problem for the rectification list; the action checks it (problem, owner and due_on are
    required) and names the point and the entry in its message under ``rectification``."""

    problem: str = ""
    goal: str = ""
    measures: str = ""
    due_on: str = ""
    owner: str = ""
    unit_id: int | None = None


class OpinionPointItemsIn(In):
    point_id: int
    items: list[OpinionRectificationEntryIn]


class OpinionSendIn(In):
    sent_on: date | None = None
    reply_due: date | None = None
    rectification: list[OpinionPointItemsIn] = []


@router.post("/oversight/opinions/{opinion_id}/send", response=OpinionOut,
             summary="交办审议意见（书面报告期限：所填日期，或按规则天数；可把条目指出的问题列入整改清单）")
@scoped
def send(request, opinion_id: int, payload: OpinionSendIn):
    opinion = _opinion(request, opinion_id)
    rectification: dict = {}
    for row in payload.rectification:
        entries = [{**item.dict(exclude={"unit_id"}), "unit": item.unit_id} for item in row.items]
        rectification.setdefault(row.point_id, []).extend(entries)
    actions.send_review_opinion(request.congress, opinion, actor=request.user, sent_on=payload.sent_on,
                                reply_due=payload.reply_due, rectification=rectification)
    return _out(opinion)


class OpinionReplyIn(In):
    text: Filled
    signed_by: str = ""


@router.post("/oversight/opinions/{opinion_id}/reply", response=OpinionOut,
             summary="报送研究处理情况（交办后；承办单位只能报送交办本单位的）")
@scoped
def reply(request, opinion_id: int, payload: OpinionReplyIn):
    opinion = _opinion(request, opinion_id)
    actions.file_opinion_reply(request.congress, opinion, actor=request.user, text=payload.text,
                               signed_by=payload.signed_by)
    return _out(opinion)


class OpinionDeliberateIn(In):
    meeting_id: int


@router.post("/oversight/opinions/{opinion_id}/deliberate", response=OpinionOut,
             summary="将研究处理情况报告提请以后的常委会会议审议（本级规定审议时）")
@scoped
def deliberate(request, opinion_id: int, payload: OpinionDeliberateIn):
    opinion = _opinion(request, opinion_id)
    meeting = one(Meeting.objects.in_congress(request.congress), payload.meeting_id, "meeting_id", "会议")
    _as_api(lambda: actions.deliberate_opinion_reply(request.congress, opinion, actor=request.user, meeting=meeting))
    return _out(opinion)


class OpinionPublishIn(In):
    published_on: date | None = None


@router.post("/oversight/opinions/{opinion_id}/publish", response=OpinionOut, summary="公开审议意见和研究处理情况报告")
@scoped
def publish(request, opinion_id: int, payload: OpinionPublishIn):
    opinion = _opinion(request, opinion_id)
    actions.publish_review_opinion(request.congress, opinion, actor=request.user, published_on=payload.published_on)
    return _out(opinion)


class PublicOpinionPointOut(Schema):
    order: int
    heading: str
    text: str


class PublicOpinionOut(Schema):
    id: int
    title: str
    number: str
    body: str
    sent_on: date | None
    published_on: date | None
    preamble: str
    points: list[PublicOpinionPointOut]
    reply_text: str
    reply_filed_on: date | None


@router.get("/public/{congress_code}/review-opinions", auth=None, response=list[PublicOpinionOut],
            summary="已公开的审议意见和研究处理情况报告（不含个人信息）")
def public_opinions(request, congress_code: str):
    from django.utils import timezone

    from renda.core import congress_lookup
    from renda.core.tenancy import congress_scope

    congress = congress_lookup.by_code(congress_code)
    if congress is None:
        raise Http404("没有这个人大")
    with congress_scope(congress):
        rows = []
        for o in ReviewOpinion.objects.in_congress(congress).filter(status=ReviewOpinion.Status.PUBLISHED).select_related(
                "body").order_by("-published_on", "-id")[:500]:
            reply = actions.reply_of(o)
            rows.append({"id": o.pk, "title": o.title, "number": o.number, "body": o.body.name, "sent_on": o.sent_on,
                         "published_on": o.published_on, "preamble": o.preamble,
                         "points": [{"order": p.order, "heading": p.heading, "text": p.text}
                                    for p in actions.points_of(o)],
                         "reply_text": reply.text if reply else "",
                         "reply_filed_on": timezone.localtime(reply.filed_at).date() if reply else None})
        return rows
