"""The oversight API: special inquiries (专题询问) — the inquiry with its answerers, questions, answers
and ratings; preparing it, registering questions, recording answers and the summary, ratings,
concluding, and the follow-up items put on the rectification list."""

from typing import Annotated

from django.http import Http404
from ninja import Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, one
from renda.core.errors import NotPermitted, ValidationError
from renda.core.permissions import may
from renda.meetings.models import Meeting
from renda.oversight.actions import inquiries as actions
from renda.oversight.models import Inquiry, InquiryAnswerer, InquiryQuestion, PlanItem, WorkReport
from renda.people.models import Organisation, Person
from renda.rectification.api import RectificationEntryIn

router = Router(tags=["oversight"])
READ = "register_inquiry_question"


def _readable(request) -> None:
    if not may(request.user, request.congress, READ):
        raise NotPermitted("您没有查看专题询问的权限")


def _inquiry(request, inquiry_id: int) -> Inquiry:
    _readable(request)
    found = Inquiry.objects.in_congress(request.congress).filter(pk=inquiry_id).first()
    if found is None:
        raise Http404("找不到该专题询问")
    return found


def _question(request, inquiry: Inquiry, question_id: int) -> InquiryQuestion:
    found = InquiryQuestion.objects.in_congress(request.congress).filter(inquiry=inquiry, pk=question_id).first()
    if found is None:
        raise Http404("找不到该询问问题")
    return found


class InquiryAnswererOut(Schema):
    id: int
    name: str
    post: str
    organisation_id: int
    organisation: str
    present: bool


class InquiryQuestionOut(Schema):
    id: int
    order: int
    asker_id: int
    asker: str
    text: str
    to_id: int | None
    answer: str
    answered_by_id: int | None
    satisfaction: str


class InquiryOut(Schema):
    id: int
    topic: str
    meeting_id: int
    meeting: str
    agenda_item_id: int | None
    work_report_id: int | None
    plan_item_id: int | None
    status: Annotated[str, OneOf(Inquiry.Status)]
    summary: str
    answerers: list[InquiryAnswererOut]
    questions: list[InquiryQuestionOut]
    satisfaction: dict[str, int]


def _question_out(q: InquiryQuestion) -> dict:
    return {"id": q.pk, "order": q.order, "asker_id": q.asker_id, "asker": q.asker.name, "text": q.text,
            "to_id": q.to_id, "answer": q.answer, "answered_by_id": q.answered_by_id, "satisfaction": q.satisfaction}


def _out(inquiry: Inquiry) -> dict:
    c = inquiry.congress_id
    inquiry = Inquiry.objects.in_congress(c).select_related("meeting__term").get(pk=inquiry.pk)
    answerers = InquiryAnswerer.objects.in_congress(c).filter(inquiry=inquiry).select_related("organisation")
    questions = InquiryQuestion.objects.in_congress(c).filter(inquiry=inquiry).select_related("asker")
    return {"id": inquiry.pk, "topic": inquiry.topic, "meeting_id": inquiry.meeting_id, "meeting": inquiry.meeting.title,
            "agenda_item_id": inquiry.agenda_item_id, "work_report_id": inquiry.work_report_id,
            "plan_item_id": inquiry.plan_item_id, "status": inquiry.status, "summary": inquiry.summary,
            "answerers": [{"id": a.pk, "name": a.name, "post": a.post, "organisation_id": a.organisation_id,
                           "organisation": a.organisation.name, "present": a.present} for a in answerers],
            "questions": [_question_out(q) for q in questions], "satisfaction": actions.satisfaction_counts(inquiry)}


@router.get("/oversight/inquiries", response=list[InquiryOut], summary="专题询问")
@scoped
def list_inquiries(request):
    _readable(request)
    return [_out(i) for i in Inquiry.objects.in_congress(request.congress).order_by("-id")]


@router.get("/oversight/inquiries/{inquiry_id}", response=InquiryOut, summary="一次专题询问：应询人、问题、回答和评价")
@scoped
def get_inquiry(request, inquiry_id: int):
    return _out(_inquiry(request, inquiry_id))


class InquiryAnswererIn(In):
    id: int | None = None
    name: Filled
    post: Filled
    organisation_id: int
    present: bool = True


class InquiryPrepareIn(In):
    topic: Filled
    meeting_id: int
    answerers: list[InquiryAnswererIn]
    work_report_id: int | None = None
    plan_item_id: int | None = None


def _prepare_args(request, payload: InquiryPrepareIn) -> dict:
    c = request.congress
    return {"topic": payload.topic,
            "meeting": one(Meeting.objects.in_congress(c), payload.meeting_id, "meeting_id", "会议"),
            "work_report": one(WorkReport.objects.in_congress(c), payload.work_report_id, "work_report_id", "专项工作报告"),
            "plan_item": one(PlanItem.objects.in_congress(c), payload.plan_item_id, "plan_item_id", "监督计划项目"),
            "answerers": [{"id": a.id, "name": a.name, "post": a.post, "present": a.present,
                           "organisation": one(Organisation.objects.in_congress(c), a.organisation_id,
                                               "answerers", "单位")} for a in payload.answerers]}


@router.post("/oversight/inquiries", response={201: InquiryOut}, summary="筹备专题询问（列入常委会会议议程）")
@scoped
def prepare(request, payload: InquiryPrepareIn):
    inquiry = actions.prepare_inquiry(request.congress, actor=request.user, **_prepare_args(request, payload))
    return Status(201, _out(inquiry))


@router.put("/oversight/inquiries/{inquiry_id}", response=InquiryOut, summary="修改专题询问的筹备内容")
@scoped
def amend(request, inquiry_id: int, payload: InquiryPrepareIn):
    inquiry = _inquiry(request, inquiry_id)
    return _out(actions.prepare_inquiry(request.congress, actor=request.user, inquiry=inquiry,
                                        **_prepare_args(request, payload)))


class InquiryQuestionIn(In):
    text: Filled
    to_id: int | None = None
    asker_id: int | None = None


@router.post("/oversight/inquiries/{inquiry_id}/questions", response={201: InquiryQuestionOut},
             summary="登记询问问题（代表、委员本人；工作人员可代为登记）")
@scoped
def register(request, inquiry_id: int, payload: InquiryQuestionIn):
    c = request.congress
    inquiry = _inquiry(request, inquiry_id)
    to = one(InquiryAnswerer.objects.in_congress(c).filter(inquiry=inquiry), payload.to_id, "to_id", "本次专题询问的应询人")
    asker = None
    if payload.asker_id is not None:
        asker = Person.objects.filter(pk=payload.asker_id).first()
        if asker is None or not actions.serves_in(c, asker):
            raise ValidationError({"asker_id": f"“asker_id”中的编号 {payload.asker_id} 在本级找不到对应的代表或常委会组成人员"})
    q = actions.register_inquiry_question(c, inquiry, actor=request.user, text=payload.text, to=to, asker=asker)
    return Status(201, _question_out(InquiryQuestion.objects.in_congress(c).select_related("asker").get(pk=q.pk)))


class InquiryAnswerIn(In):
    answered_by_id: int
    answer: Filled


@router.post("/oversight/inquiries/{inquiry_id}/questions/{question_id}/answer", response=InquiryQuestionOut,
             summary="记录应询人的回答")
@scoped
def answer(request, inquiry_id: int, question_id: int, payload: InquiryAnswerIn):
    c = request.congress
    inquiry = _inquiry(request, inquiry_id)
    question = _question(request, inquiry, question_id)
    who = one(InquiryAnswerer.objects.in_congress(c).filter(inquiry=inquiry), payload.answered_by_id, "answered_by_id",
              "本次专题询问的应询人")
    q = actions.record_inquiry_answer(c, question, actor=request.user, answered_by=who, answer=payload.answer)
    return _question_out(InquiryQuestion.objects.in_congress(c).select_related("asker").get(pk=q.pk))


class InquiryRateIn(In):
    satisfaction: Annotated[str, OneOf(["satisfied", "basic", "unsatisfied"])]


@router.post("/oversight/inquiries/{inquiry_id}/questions/{question_id}/rating", response=InquiryQuestionOut,
             summary="询问人评价回答（满意、基本满意、不满意）")
@scoped
def rate(request, inquiry_id: int, question_id: int, payload: InquiryRateIn):
    c = request.congress
    question = _question(request, _inquiry(request, inquiry_id), question_id)
    q = actions.rate_inquiry_answer(c, question, actor=request.user, satisfaction=payload.satisfaction)
    return _question_out(InquiryQuestion.objects.in_congress(c).select_related("asker").get(pk=q.pk))


class InquirySummaryIn(In):
    summary: Filled


@router.post("/oversight/inquiries/{inquiry_id}/summary", response=InquiryOut, summary="询问情况综述")
@scoped
def summary(request, inquiry_id: int, payload: InquirySummaryIn):
    inquiry = _inquiry(request, inquiry_id)
    return _out(actions.write_inquiry_summary(request.congress, inquiry, actor=request.user, summary=payload.summary))


@router.post("/oversight/inquiries/{inquiry_id}/conclude", response=InquiryOut, summary="专题询问跟踪办结")
@scoped
def conclude(request, inquiry_id: int):
    return _out(actions.conclude_inquiry(request.congress, _inquiry(request, inquiry_id), actor=request.user))


class InquiryFollowUpIn(In):
    items: list[RectificationEntryIn]


class InquiryFollowUpOut(Schema):
    ids: list[int]


def entries(payload: InquiryFollowUpIn) -> list[dict]:
    return [{"problem": e.problem, "goal": e.goal, "measures": e.measures, "due_on": e.due_on, "unit": e.unit_id,
             "owner": e.owner} for e in payload.items]


@router.post("/oversight/inquiries/{inquiry_id}/questions/{question_id}/follow-up", response={201: InquiryFollowUpOut},
             summary="将应询人承诺的事项列入整改清单")
@scoped
def follow_up(request, inquiry_id: int, question_id: int, payload: InquiryFollowUpIn):
    question = _question(request, _inquiry(request, inquiry_id), question_id)
    items = actions.list_inquiry_follow_up(request.congress, question, actor=request.user, entries=entries(payload))
    return Status(201, {"ids": [i.pk for i in items]})
