"""The fieldwork API: notices and replies, letters and self-reports (multipart), site visits with photos
(multipart), symposia with units' reports (multipart), questionnaires attached to an activity."""

import json
from datetime import date, datetime
from typing import Annotated

from django.http import Http404
from django.urls import reverse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from pydantic import BeforeValidator

from renda.core.api import scoped
from renda.core.api_contract import (
    CLOSED_MULTIPART,
    Filled,
    In,
    OneOf,
    blank_is_none,
    existing,
    one,
    only_fields,
)
from renda.core.errors import ValidationError
from renda.core.permissions import STAFF, roles_of
from renda.oversight import queries
from renda.oversight.actions import fieldwork as actions
from renda.oversight.models import (
    Activity,
    ActivityQuestionnaire,
    Letter,
    Notice,
    NoticeReply,
    SiteVisit,
    Stop,
    Symposium,
)
from renda.oversight.views.fieldwork import _letter_for
from renda.people.models import Organisation, Person
from renda.people.queries import people_of
from renda.questionnaires.models import Questionnaire, Response

router = Router(tags=["oversight"])


def _activity(request, activity_id: int) -> Activity:
    return queries.activity_for(request, activity_id)



# The document says so too: a generated request adds no field of its own.
SELF_REPORT_FIELDS = ("file",)
SITE_VISIT_FIELDS = ("day", "county", "place", "observations", "visitor_ids", "captions", "stop_id", "photos")
SYMPOSIUM_FIELDS = ("day", "place", "topic", "summary", "speeches", "report_unit_ids", "report_titles", "reports")


def _people(request, ids: list[int], field: str) -> list[Person]:
    """Persons by id: a person of another congress has no record here (the same 422 as a missing id)."""
    return existing(people_of(request.congress), ids, field, "人员")


# ── notices ──

class OversightNoticeIn(In):
    text: Filled
    reply_by: date | None = None


class OversightNoticeReplyOut(Schema):
    person_id: int
    name: str
    answer: Annotated[str, OneOf(NoticeReply.Answer)]
    reason: str
    replied_at: datetime | None


class OversightNoticeOut(Schema):
    id: int
    text: str
    reply_by: date | None
    sent_at: datetime
    attend: int
    absent: int
    pending: int
    replies: list[OversightNoticeReplyOut]


def _notice_out(request, notice: Notice) -> dict:
    """The counts for all; each reply to staff, only their own to a member of the team."""
    replies = list(NoticeReply.objects.in_congress(notice.congress_id).filter(notice=notice).select_related("person"))
    counts = {a: sum(1 for r in replies if r.answer == a) for a in NoticeReply.Answer.values}  # of every reply
    if not roles_of(request.user, request.congress) & STAFF:
        person = getattr(request.user, "person", None)
        replies = [r for r in replies if person is not None and r.person_id == person.pk]
    return {"id": notice.pk, "text": notice.text, "reply_by": notice.reply_by, "sent_at": notice.sent_at,
            "attend": counts["attend"], "absent": counts["absent"], "pending": counts["pending"],
            "replies": [{"person_id": r.person_id, "name": r.person.name, "answer": r.answer, "reason": r.reason,
                         "replied_at": r.replied_at} for r in replies]}


@router.post("/oversight/activities/{activity_id}/notices", response={201: OversightNoticeOut},
             summary="向调研（检查）组组成人员发通知（每人一条待回复）")
@scoped
def send_notice(request, activity_id: int, payload: OversightNoticeIn):
    notice = actions.send_team_notice(request.congress, _activity(request, activity_id), actor=request.user,
                                      text=payload.text, reply_by=payload.reply_by)
    return Status(201, _notice_out(request, notice))


@router.get("/oversight/activities/{activity_id}/notices", response=list[OversightNoticeOut],
            summary="通知和回复情况（参加、不参加、未回复）")
@scoped
def list_notices(request, activity_id: int):
    activity = _activity(request, activity_id)
    return [_notice_out(request, n) for n in Notice.objects.in_congress(request.congress).filter(activity=activity)]


class OversightNoticeReplyIn(In):
    answer: Annotated[str, OneOf(["attend", "absent"])]
    reason: str = ""
    person_id: int | None = None  # staff record the reply of a named person


@router.post("/oversight/notices/{notice_id}/reply", response=OversightNoticeOut,
             summary="回复是否参加（不参加须说明理由；工作人员可代为登记）")
@scoped
def reply(request, notice_id: int, payload: OversightNoticeReplyIn):
    notice = Notice.objects.in_congress(request.congress).filter(pk=notice_id).first()
    if notice is None:
        raise Http404("找不到该通知")
    queries.activity_for(request, notice.activity_id)
    person = _people(request, [payload.person_id], "person_id")[0] if payload.person_id is not None else None
    actions.reply_to_notice(request.congress, notice, actor=request.user, answer=payload.answer,
                            reason=payload.reason, person=person)
    return _notice_out(request, notice)


# ── letters ──

class OversightLetterIn(In):
    unit_ids: list[int]
    text: Filled
    due_on: date


class OversightLetterOut(Schema):
    id: int
    unit_id: int
    unit: str
    due_on: date
    status: Annotated[str, OneOf(["未报送", "已报送", "逾期未报送", "逾期报送"])]
    received_at: datetime | None
    self_report: str | None  # where to download it


def _letter_out(letter: Letter) -> dict:
    return {"id": letter.pk, "unit_id": letter.unit_id, "unit": letter.unit.name, "due_on": letter.due_on,
            "status": actions.letter_status(letter), "received_at": letter.received_at,
            "self_report": reverse("oversight_self_report", kwargs={"congress_code": letter.congress.code,
                                                                     "letter_id": letter.pk})
            if letter.self_report else None}


@router.post("/oversight/activities/{activity_id}/letters", response={201: list[OversightLetterOut]},
             summary="致函承办单位报送自查报告（每个单位一函）")
@scoped
def send_letters(request, activity_id: int, payload: OversightLetterIn):
    activity = _activity(request, activity_id)
    units = existing(Organisation.objects.in_congress(request.congress), payload.unit_ids, "unit_ids", "单位")
    letters = actions.send_self_report_letter(request.congress, activity, actor=request.user,
                                              units=units, text=payload.text, due_on=payload.due_on)
    return Status(201, [_letter_out(letter) for letter in letters])


@router.get("/oversight/activities/{activity_id}/letters", response=list[OversightLetterOut],
            summary="函件和自查报告报送情况")
@scoped
def list_letters(request, activity_id: int):
    activity = _activity(request, activity_id)
    return [_letter_out(letter) for letter in
            Letter.objects.in_congress(request.congress).filter(activity=activity).select_related("unit", "congress")]


@router.post("/oversight/letters/{letter_id}/self-report", response=OversightLetterOut,
             openapi_extra=CLOSED_MULTIPART,
             summary="报送自查报告（multipart，字段 file；单位只能报送本单位的）")
@scoped
def file_self_report(request, letter_id: int, file: UploadedFile = File(...)):
    only_fields(request, *SELF_REPORT_FIELDS)
    letter = _letter_for(request, letter_id)
    try:
        actions.file_self_report(request.congress, letter, actor=request.user, upload=file)
    except ValidationError as error:  # the action names its field "upload"; here it is "file"
        raise ValidationError({"file" if k == "upload" else k: v for k, v in error.message_dict.items()}) from None
    return _letter_out(letter)


# ── site visits ──

class OversightSiteVisitPhotoOut(Schema):
    id: int
    caption: str
    url: str


class OversightSiteVisitOut(Schema):
    id: int
    day: date
    county: str
    place: str
    observations: str
    stop_id: int | None
    visitors: list[str]
    photos: list[OversightSiteVisitPhotoOut]


def _visit_out(visit: SiteVisit) -> dict:
    code = visit.congress.code
    return {"id": visit.pk, "day": visit.day, "county": visit.county, "place": visit.place,
            "observations": visit.observations, "stop_id": visit.stop_id,
            "visitors": [v.person.name for v in visit.visitors.select_related("person")],
            "photos": [{"id": p.pk, "caption": p.caption, "url": reverse("oversight_photo", kwargs={"congress_code": code, "photo_id": p.pk})}
                       for p in visit.photos.all()]}


@router.post("/oversight/activities/{activity_id}/site-visits", response={201: OversightSiteVisitOut},
             openapi_extra=CLOSED_MULTIPART,
             summary="记录实地察看（multipart：photos 最多 6 张 JPEG/PNG，captions 按顺序；visitor_ids 须为本组成员）")
@scoped
def record_site_visit(request, activity_id: int, day: Form[date], county: Form[Filled], place: Form[Filled],
                      observations: Form[Filled], visitor_ids: Form[list[int]] = None,  # type: ignore[assignment]
                      captions: Form[list[str]] = None,  # type: ignore[assignment]
                      stop_id: Annotated[int | None, BeforeValidator(blank_is_none)] = Form(None),
                      photos: list[UploadedFile] = File(None)):  # type: ignore[assignment]
    only_fields(request, *SITE_VISIT_FIELDS)
    activity = _activity(request, activity_id)
    stop = one(Stop.objects.in_congress(request.congress).filter(activity=activity), stop_id, "stop_id", "本次的行程")
    visitors = _people(request, visitor_ids or [], "visitor_ids")
    try:
        visit = actions.record_site_visit(request.congress, activity, actor=request.user, day=day, county=county,
                                          place=place, observations=observations, visitors=visitors, stop=stop,
                                          photos=photos or [], captions=captions or [])
    except ValidationError as error:  # the action's names for the fields the API calls visitor_ids, stop_id
        names = {"visitors": "visitor_ids", "stop": "stop_id"}
        raise ValidationError({names.get(k, k): v for k, v in error.message_dict.items()}) from None
    return Status(201, _visit_out(visit))


@router.get("/oversight/activities/{activity_id}/site-visits", response=list[OversightSiteVisitOut],
            summary="实地察看记录（按日期）")
@scoped
def list_site_visits(request, activity_id: int):
    activity = _activity(request, activity_id)
    return [_visit_out(v) for v in SiteVisit.objects.in_congress(request.congress).filter(activity=activity)
            .select_related("congress").prefetch_related("photos")]


# ── symposia ──

class OversightSymposiumSpeechIn(In):
    person_id: int | None = None
    speaker: str = ""
    affiliation: str = ""
    summary: str


class OversightSymposiumReportOut(Schema):
    id: int
    unit: str
    title: str
    url: str


class OversightSymposiumSpeechOut(Schema):
    order: int
    speaker: str
    affiliation: str
    summary: str


class OversightSymposiumOut(Schema):
    id: int
    day: date
    place: str
    topic: str
    summary: str
    reports: list[OversightSymposiumReportOut]
    speeches: list[OversightSymposiumSpeechOut]


def _symposium_out(s: Symposium) -> dict:
    code = s.congress.code
    return {"id": s.pk, "day": s.day, "place": s.place, "topic": s.topic, "summary": s.summary,
            "reports": [{"id": r.pk, "unit": r.unit.name, "title": r.title,
                         "url": reverse("oversight_symposium_file", kwargs={"congress_code": code, "report_id": r.pk})}
                        for r in s.reports.select_related("unit")],
            "speeches": [{"order": p.order, "speaker": p.speaker, "affiliation": p.affiliation, "summary": p.summary}
                         for p in s.speeches.all()]}


def _speeches(request, raw: str) -> list[dict]:
    """The speeches field: a JSON array of {person_id?, speaker?, affiliation?, summary}."""
    if not raw.strip():
        return []
    try:
        rows = json.loads(raw)
        if not isinstance(rows, list):
            raise ValueError
        parsed = [OversightSymposiumSpeechIn.model_validate(row) for row in rows]
    except (ValueError, TypeError):  # json and pydantic errors are ValueErrors
        raise ValidationError({"speeches": "“speeches”须为 JSON 数组，每项含 summary，以及 person_id 或 speaker"}) from None
    found = []
    for row in parsed:
        person = _people(request, [row.person_id], "speeches")[0] if row.person_id is not None else None
        found.append({"person": person, "speaker": row.speaker, "affiliation": row.affiliation, "summary": row.summary})
    return found


@router.post("/oversight/activities/{activity_id}/symposia", response={201: OversightSymposiumOut},
             openapi_extra=CLOSED_MULTIPART,
             summary="记录座谈会（multipart：report_unit_ids、report_titles、reports 三者按顺序对应；"
                     "speeches 为 JSON 数组）")
@scoped
def record_symposium(request, activity_id: int, day: Form[date], place: Form[Filled], topic: Form[Filled],
                     summary: Form[str] = "", speeches: Form[str] = "",
                     report_unit_ids: Form[list[int]] = None,  # type: ignore[assignment]
                     report_titles: Form[list[str]] = None,  # type: ignore[assignment]
                     reports: list[UploadedFile] = File(None)):  # type: ignore[assignment]
    only_fields(request, *SYMPOSIUM_FIELDS)
    activity = _activity(request, activity_id)
    unit_ids, titles, files = report_unit_ids or [], report_titles or [], reports or []
    if not len(unit_ids) == len(titles) == len(files):
        raise ValidationError({"reports": f"report_unit_ids（{len(unit_ids)} 个）、report_titles（{len(titles)} 个）"
                                          f"和 reports（{len(files)} 个）须一一对应"})
    units = [one(Organisation.objects.in_congress(request.congress), i, "report_unit_ids", "单位") for i in unit_ids]
    symposium = actions.record_symposium(request.congress, activity, actor=request.user, day=day, place=place,
                                         topic=topic, summary=summary, reports=list(zip(units, titles, files, strict=True)),
                                         speeches=_speeches(request, speeches))
    return Status(201, _symposium_out(symposium))


@router.get("/oversight/activities/{activity_id}/symposia", response=list[OversightSymposiumOut], summary="座谈会记录")
@scoped
def list_symposia(request, activity_id: int):
    activity = _activity(request, activity_id)
    return [_symposium_out(s) for s in Symposium.objects.in_congress(request.congress).filter(activity=activity)
            .select_related("congress").prefetch_related("speeches")]


# ── questionnaires ──

class OversightQuestionnaireAttachIn(In):
    questionnaire_id: int


class OversightQuestionnaireOut(Schema):
    id: int
    title: str
    status: str
    responses: int


@router.post("/oversight/activities/{activity_id}/questionnaires", response={201: list[OversightQuestionnaireOut]},
             summary="为调研（检查）附加本级的问卷")
@scoped
def attach_questionnaire(request, activity_id: int, payload: OversightQuestionnaireAttachIn):
    activity = _activity(request, activity_id)
    questionnaire = one(Questionnaire.objects.in_congress(request.congress), payload.questionnaire_id,
                        "questionnaire_id", "问卷")
    actions.attach_questionnaire(request.congress, activity, actor=request.user, questionnaire=questionnaire)
    return Status(201, _questionnaires(request, activity))


def _questionnaires(request, activity: Activity) -> list[dict]:
    links = ActivityQuestionnaire.objects.in_congress(request.congress).filter(activity=activity).select_related(
        "questionnaire")
    return [{"id": link.questionnaire_id, "title": link.questionnaire.title, "status": link.questionnaire.status,
             "responses": Response.objects.in_congress(request.congress).filter(
                 questionnaire_id=link.questionnaire_id).count()} for link in links]
