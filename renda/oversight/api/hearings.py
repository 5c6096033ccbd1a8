"""The work-report API (听取和审议专项工作报告): the reports with their derived lead-time flags, the
key-supervision suggestions they cover and their speeches; scheduling, filing (multipart), the
preliminary review, speeches (multipart), the satisfaction evaluation and its outcome, or the end
without one. Staff and standing-committee members read every report; a unit officer its unit's."""

from datetime import date, datetime
from typing import Annotated

from django.core.exceptions import PermissionDenied
from django.http import Http404
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
from renda.core.permissions import may
from renda.meetings import actions as meeting_actions
from renda.meetings.models import AgendaItem, Meeting, Speech
from renda.oversight import hearing_deadlines
from renda.oversight.actions import hearings as actions
from renda.oversight.models import PlanItem, WorkReport
from renda.oversight.views.hearings import speeches_of, suggestion_rows, visible_reports
from renda.people.models import Organisation, Person
from renda.proposals.models import Suggestion

router = Router(tags=["oversight"])
FILE_FIELDS = ("document", "summary", "late_reason")
SPEECH_FIELDS = ("speaker_id", "text", "document")



SCHEDULE_FIELDS = {"body": "body_id", "meeting": "meeting_id", "committee": "committee_id", "plan_item": "plan_item_id",
                   "suggestions": "suggestion_ids", "again_of": "again_of_id"}
SPEECH_NAMES = {"speaker": "speaker_id", "agenda_item": "report_id"}


def _renamed(error: ValidationError, names: dict[str, str]) -> ValidationError:
    """The action's field names as this operation names them (body → body_id …)."""
    if not hasattr(error, "error_dict"):
        return error
    return ValidationError({names.get(k, k): v for k, v in error.message_dict.items()})


def _report(request, report_id: int) -> WorkReport:
    report = (WorkReport.objects.in_congress(request.congress).filter(pk=report_id)
              .select_related("body", "committee", "meeting__term", "meeting__congress", "congress").first())
    if report is None or not (may(request.user, request.congress, "view_oversight")
                              or actions.is_body_officer(request.user, request.congress, report)):
        raise Http404("找不到该专项工作报告")
    return report


class WorkReportLeadTimeOut(Schema):
    key: str
    label: str
    days: int
    last_day: date
    missed: bool
    days_late: int


class WorkReportSuggestionOut(Schema):
    id: int
    number: str
    title: str
    status: str
    status_label: str
    lead_unit: str | None


class SpeechOut(Schema):
    id: int
    agenda_item_id: int
    speaker_id: int
    speaker: str
    text: str
    has_document: bool
    recorded_at: datetime


class WorkReportOut(Schema):
    id: int
    kind: Annotated[str, OneOf(WorkReport.Kind)]
    title: str
    body_id: int
    body: str
    reporter: str
    committee_id: int | None
    meeting_id: int
    meeting: str
    meeting_starts_at: datetime
    agenda_item_id: int | None
    plan_item_id: int | None
    status: Annotated[str, OneOf(WorkReport.Status)]
    summary: str
    has_document: bool
    filed_at: datetime | None
    late: bool
    late_flag: str
    late_reason: str
    lead_times: list[WorkReportLeadTimeOut]
    preliminary_review: str
    reviewed_on: date | None
    evaluation_id: int | None
    outcome: str
    report_again_by: date | None
    again_of_id: int | None
    key_suggestions: list[WorkReportSuggestionOut]
    speeches: list[SpeechOut]


def _speech_out(s: Speech) -> dict:
    return {"id": s.pk, "agenda_item_id": s.agenda_item_id, "speaker_id": s.speaker_id, "speaker": s.speaker.name,
            "text": s.text, "has_document": bool(s.document), "recorded_at": s.recorded_at}


def _out(report: WorkReport, *, full: bool = True) -> dict:
    late = hearing_deadlines.lateness(report)
    suggestions = suggestion_rows(report) if full and report.kind == WorkReport.Kind.KEY_SUGGESTIONS else []
    return {
        "id": report.pk, "kind": report.kind, "title": report.title, "body_id": report.body_id,
        "body": report.body.name, "reporter": report.reporter, "committee_id": report.committee_id,
        "meeting_id": report.meeting_id, "meeting": report.meeting.title, "meeting_starts_at": report.meeting.starts_at,
        "agenda_item_id": report.agenda_item_id, "plan_item_id": report.plan_item_id, "status": report.status,
        "summary": report.summary, "has_document": bool(report.document), "filed_at": report.filed_at,
        "late": late.late, "late_flag": late.flag, "late_reason": report.late_reason,
        "lead_times": [{"key": t.key, "label": t.label, "days": t.days, "last_day": t.last_day, "missed": t.missed,
                        "days_late": t.days_late} for t in late.lead_times],
        "preliminary_review": report.preliminary_review, "reviewed_on": report.reviewed_on,
        "evaluation_id": report.evaluation_id, "outcome": report.outcome, "report_again_by": report.report_again_by,
        "again_of_id": report.again_of_id,
        "key_suggestions": [{"id": r["s"].pk, "number": r["s"].numbered, "title": r["s"].title, "status": r["s"].status,
                             "status_label": r["s"].get_status_display(),
                             "lead_unit": r["lead"].unit.name if r["lead"] else None} for r in suggestions],
        "speeches": [_speech_out(s) for s in speeches_of(report)] if full else [],
    }


def _fresh(request, report: WorkReport) -> dict:
    return _out(_report(request, report.pk))


@router.get("/oversight/work-reports", response=list[WorkReportOut], summary="专项工作报告（含报送时限和逾期标记）")
@scoped
def list_work_reports(request, status: Annotated[str, OneOf(WorkReport.Status)] | None = None):
    reports = visible_reports(request.congress, request.user)
    if reports is None:
        raise PermissionDenied("您没有“查看监督工作”的权限，也不是报告机关的联络人员")
    reports = reports.select_related("body", "meeting__term", "meeting__congress", "congress")
    if status:
        reports = reports.filter(status=status)
    return [_out(r, full=False) for r in reports]


@router.get("/oversight/work-reports/{report_id}", response=WorkReportOut, summary="一份专项工作报告")
@scoped
def get_work_report(request, report_id: int):
    return _out(_report(request, report_id))


class WorkReportScheduleIn(In):
    title: Filled
    kind: Annotated[str, OneOf(WorkReport.Kind)] = WorkReport.Kind.SPECIAL
    body_id: int
    meeting_id: int
    reporter: str = ""
    committee_id: int | None = None
    plan_item_id: int | None = None
    suggestion_ids: list[int] = []
    again_of_id: int | None = None


@router.post("/oversight/work-reports", response={201: WorkReportOut},
             summary="安排听取专项工作报告（同时列入会议议程）")
@scoped
def schedule(request, payload: WorkReportScheduleIn):
    c = request.congress
    orgs = Organisation.objects.in_congress(c)
    chosen = {
        "body": one(orgs, payload.body_id, "body_id", "机构"),
        "meeting": one(Meeting.objects.in_congress(c), payload.meeting_id, "meeting_id", "会议"),
        "committee": one(orgs, payload.committee_id, "committee_id", "机构"),
        "plan_item": one(PlanItem.objects.in_congress(c), payload.plan_item_id, "plan_item_id", "监督计划项目"),
        "suggestions": existing(Suggestion.objects.in_congress(c), payload.suggestion_ids, "suggestion_ids", "建议"),
        "again_of": one(WorkReport.objects.in_congress(c), payload.again_of_id, "again_of_id", "专项工作报告")}
    try:
        report = actions.schedule_work_report(c, actor=request.user, title=payload.title, kind=payload.kind,
                                              reporter=payload.reporter, **chosen)
    except ValidationError as error:
        raise _renamed(error, SCHEDULE_FIELDS) from None
    return Status(201, _fresh(request, report))


@router.post("/oversight/work-reports/{report_id}/file", response=WorkReportOut, openapi_extra=CLOSED_MULTIPART,
             summary="报送专项工作报告（multipart：document 报告文本、summary 报告要点，至少一项；late_reason 逾期说明）")
@scoped
def file_report(request, report_id: int, summary: Form[str] = "", late_reason: Form[str] = "",
                document: UploadedFile = File(None)):  # type: ignore[assignment]
    only_fields(request, *FILE_FIELDS)
    report = _report(request, report_id)
    actions.file_work_report(request.congress, report, actor=request.user, document=document, summary=summary,
                             late_reason=late_reason)
    return _fresh(request, report)


class WorkReportReviewIn(In):
    opinion: Filled
    reviewed_on: date


@router.post("/oversight/work-reports/{report_id}/review", response=WorkReportOut, summary="记录初审意见")
@scoped
def review(request, report_id: int, payload: WorkReportReviewIn):
    report = _report(request, report_id)
    actions.review_work_report(request.congress, report, actor=request.user, opinion=payload.opinion,
                               reviewed_on=payload.reviewed_on)
    return _fresh(request, report)


@router.post("/oversight/work-reports/{report_id}/speeches", response={201: SpeechOut}, openapi_extra=CLOSED_MULTIPART,
             summary="记录审议发言（multipart：speaker_id 发言人、text 发言要点、document 发言稿，后两项至少一项）")
@scoped
def speech(request, report_id: int, speaker_id: Form[Annotated[int | None, BeforeValidator(blank_is_none)]] = None,
           text: Form[str] = "", document: UploadedFile = File(None)):  # type: ignore[assignment]
    only_fields(request, *SPEECH_FIELDS)
    report = _report(request, report_id)
    c = request.congress
    item = AgendaItem.objects.in_congress(c).filter(pk=report.agenda_item_id).first()
    if item is None:
        raise ValidationError({"speaker_id": "该报告没有会议议程，不能记录审议发言"})
    speaker = Person.objects.filter(pk=speaker_id).first() if speaker_id is not None else None
    if speaker_id is not None and speaker is None:
        raise ValidationError({"speaker_id": f"找不到编号为 {speaker_id} 的人员"})
    try:
        made = meeting_actions.record_speech(c, item, actor=request.user, speaker=speaker, text=text,
                                             document=document)
    except ValidationError as error:
        raise _renamed(error, SPEECH_NAMES) from None
    return Status(201, _speech_out(Speech.objects.in_congress(c).select_related("speaker").get(pk=made.pk)))


@router.post("/oversight/work-reports/{report_id}/evaluation", response=WorkReportOut,
             summary="开展满意度测评（在审议的会议上建立无记名测评表决）")
@scoped
def evaluate(request, report_id: int):
    report = _report(request, report_id)
    actions.start_work_report_evaluation(request.congress, report, actor=request.user)
    return _fresh(request, report)


@router.post("/oversight/work-reports/{report_id}/outcome", response=WorkReportOut,
             summary="按测评表决结果记录测评结果（不满意的，确定再次报告期限）")
@scoped
def outcome(request, report_id: int):
    report = _report(request, report_id)
    actions.record_work_report_outcome(request.congress, report, actor=request.user)
    return _fresh(request, report)


@router.post("/oversight/work-reports/{report_id}/conclude", response=WorkReportOut, summary="审议结束，不开展测评")
@scoped
def conclude(request, report_id: int):
    report = _report(request, report_id)
    actions.conclude_work_report(request.congress, report, actor=request.user)
    return _fresh(request, report)
