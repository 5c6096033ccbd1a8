"""Duty reports (述职) over the API: the year's plan (the rule's proposals, making it, adding people),
the reports, filing (multipart), rating at a session on the voting engine or by a station's counts,
and a person's record. Another congress's id is not found."""

from datetime import date
from typing import Annotated

from django.http import Http404
from django.urls import reverse
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from renda.core.api import scoped
from renda.core.api_contract import CLOSED_MULTIPART, In, OneOf, fields_named, one, only_fields
from renda.core.permissions import check_permission
from renda.duty_reports import actions, queries
from renda.duty_reports.models import DutyPlan, DutyReport
from renda.meetings.models import AgendaItem, Meeting
from renda.people.models import Organisation, Person

router = Router(tags=["duty_reports"])
Year = Annotated[int, Field(ge=1949, le=9999)]


class DutyReportOut(Schema):
    id: int
    year: int
    plan_id: int
    person_id: int
    person: str
    kind: Annotated[str, OneOf(DutyReport.Kind)]
    post: str
    station_id: int | None
    status: Annotated[str, OneOf(DutyReport.Status)]
    title: str
    text: str
    file: str | None
    filed_on: date | None
    rated_by: str
    meeting_id: int | None
    vote_id: int | None
    satisfied: int | None
    basic: int | None
    unsatisfied: int | None
    satisfaction_rate: str
    grade: str
    rated_on: date | None
    url: str


class DutyPlanOut(Schema):
    id: int
    year: int
    title: str
    reports: list[DutyReportOut]


class DutyProposedOut(Schema):
    membership_id: int
    person_id: int
    person: str
    post: str


def _out(r: DutyReport) -> dict:
    code = r.congress.code
    return {"id": r.pk, "year": r.plan.year, "plan_id": r.plan_id, "person_id": r.person_id, "person": r.person.name,
            "kind": r.kind, "post": r.post, "station_id": r.station_id, "status": r.status, "title": r.title,
            "text": r.text, "file": reverse("duty_report_file", args=[code, r.pk]) if r.file else None,
            "filed_on": r.filed_on, "rated_by": r.rated_by, "meeting_id": r.meeting_id, "vote_id": r.vote_id,
            "satisfied": r.satisfied, "basic": r.basic, "unsatisfied": r.unsatisfied,
            "satisfaction_rate": r.satisfaction_rate, "grade": r.grade, "rated_on": r.rated_on,
            "url": reverse("duty_report", args=[code, r.pk])}


def _fresh(request, pk: int) -> dict:
    return _out(DutyReport.objects.in_congress(request.congress).select_related("plan", "person", "congress").get(pk=pk))


def _plan_out(request, plan: DutyPlan) -> dict:
    reports = (DutyReport.objects.in_congress(request.congress).filter(plan=plan)
               .select_related("plan", "person", "congress").order_by("kind", "id"))
    return {"id": plan.pk, "year": plan.year, "title": plan.title, "reports": [_out(r) for r in reports]}


def _report(request, report_id: int) -> DutyReport:
    report = queries.visible_reports(request.congress, request.user).filter(pk=report_id).first()
    if report is None:
        raise Http404("找不到该述职报告")
    return report


@router.get("/duty-reports/proposed", response=list[DutyProposedOut],
            summary="按规则（每届述职次数）提出的某年度应述职的任命人员")
@scoped
def proposed(request, year: Year):
    check_permission(request.user, request.congress, "make_duty_plan")
    return [{"membership_id": m.pk, "person_id": m.person_id, "person": m.person.name,
             "post": f"{m.organisation.name}{m.post}"} for m in actions.proposed_appointees(request.congress, year)]


@router.get("/duty-reports/plans/{year}", response=DutyPlanOut, summary="某年度的述职计划及其述职报告")
@scoped
def get_plan(request, year: Year):
    check_permission(request.user, request.congress, "view_duty_reports")
    plan = DutyPlan.objects.in_congress(request.congress).filter(year=year).first()
    if plan is None:
        raise Http404(f"{year}年没有述职计划")
    return _plan_out(request, plan)


PEOPLE_FIELDS = {"deputies": "deputy_ids", "appointees": "appointee_membership_ids"}


class DutyPlanIn(In):
    year: int
    title: str = ""
    deputy_ids: list[int] = []
    appointee_membership_ids: list[int] | None = None  # None: the rule's proposals


@router.post("/duty-reports/plans", response={201: DutyPlanOut},
             summary="制定年度述职计划（代表由工作人员选择；任命人员不填则按规则提出）")
@scoped
def make_plan(request, payload: DutyPlanIn):
    with fields_named(PEOPLE_FIELDS):
        plan = actions.make_plan(request.congress, actor=request.user, year=payload.year, title=payload.title,
                                 deputies=payload.deputy_ids, appointees=payload.appointee_membership_ids,
                                 propose=payload.appointee_membership_ids is None)
    return Status(201, _plan_out(request, plan))


class DutyPlanAddIn(In):
    deputy_ids: list[int] = []
    appointee_membership_ids: list[int] = []


@router.post("/duty-reports/plans/{plan_id}/people", response={201: DutyPlanOut}, summary="增加述职的代表或任命人员")
@scoped
def add_people(request, plan_id: int, payload: DutyPlanAddIn):
    check_permission(request.user, request.congress, "make_duty_plan")
    plan = DutyPlan.objects.in_congress(request.congress).filter(pk=plan_id).first()
    if plan is None:
        raise Http404("找不到该述职计划")
    with fields_named(PEOPLE_FIELDS):
        actions.add_to_plan(request.congress, plan, actor=request.user, deputies=payload.deputy_ids,
                            appointees=payload.appointee_membership_ids)
    return Status(201, _plan_out(request, plan))


@router.delete("/duty-reports/{report_id}", response={204: None}, summary="从述职计划中移除（尚未提交报告的）")
@scoped
def remove(request, report_id: int):
    check_permission(request.user, request.congress, "make_duty_plan")
    actions.remove_from_plan(request.congress, _report(request, report_id), actor=request.user)
    return Status(204, None)


@router.get("/duty-reports/{report_id}", response=DutyReportOut, summary="一份述职报告及其评议结果")
@scoped
def get_report(request, report_id: int):
    return _fresh(request, _report(request, report_id).pk)


@router.post("/duty-reports/{report_id}/file", response={201: DutyReportOut}, openapi_extra=CLOSED_MULTIPART,
             summary="提交述职报告（multipart：title、text，可附 file；正文和文件至少一项；本人或工作人员代交）")
@scoped
def file_report(request, report_id: int, title: Form[str] = "", text: Form[str] = "",
                file: UploadedFile = File(None)):  # type: ignore[assignment]
    only_fields(request, "title", "text", "file")
    report = _report(request, report_id)
    actions.file_report(request.congress, report, actor=request.user, title=title, text_=text, file=file)
    return Status(201, _fresh(request, report.pk))


class DutySessionRatingIn(In):
    meeting_id: int
    agenda_item_id: int | None = None


@router.post("/duty-reports/{report_id}/session-rating", response={201: DutyReportOut},
             summary="提请常委会会议满意度测评（在表决引擎上建立测评，按“开展满意度测评”规则）")
@scoped
def start_session_rating(request, report_id: int, payload: DutySessionRatingIn):
    c = request.congress
    check_permission(request.user, c, "rate_duty_report")
    report = _report(request, report_id)
    meeting = one(Meeting.objects.in_congress(c), payload.meeting_id, "meeting_id", "会议")
    item = (one(AgendaItem.objects.in_congress(c), payload.agenda_item_id, "agenda_item_id", "议程")
            if payload.agenda_item_id is not None else None)
    actions.start_session_rating(c, report, meeting, actor=request.user, agenda_item=item)
    return Status(201, _fresh(request, report.pk))


@router.post("/duty-reports/{report_id}/session-result", response={201: DutyReportOut},
             summary="测评结束后记录测评票数和评议结果")
@scoped
def record_session_rating(request, report_id: int):
    check_permission(request.user, request.congress, "rate_duty_report")
    report = _report(request, report_id)
    actions.record_session_rating(request.congress, report, actor=request.user)
    return Status(201, _fresh(request, report.pk))


class DutyStationRatingIn(In):
    satisfied: int
    basic: int
    unsatisfied: int
    on: date | None = None
    station_id: int | None = None


@router.post("/duty-reports/{report_id}/station-rating", response={201: DutyReportOut},
             summary="录入联络站选民评议结果（满意、基本满意、不满意人数：非负整数，合计大于 0）")
@scoped
def record_station_rating(request, report_id: int, payload: DutyStationRatingIn):
    c = request.congress
    check_permission(request.user, c, "rate_duty_report")
    report = _report(request, report_id)
    station = (one(Organisation.objects.in_congress(c), payload.station_id, "station_id", "代表联络站")
               if payload.station_id is not None else None)
    actions.record_station_rating(c, report, actor=request.user, satisfied=payload.satisfied, basic=payload.basic,
                                  unsatisfied=payload.unsatisfied, on=payload.on, station=station)
    return Status(201, _fresh(request, report.pk))


@router.get("/duty-reports/people/{person_id}", response=list[DutyReportOut], summary="某人的述职记录和评议结果")
@scoped
def person_results(request, person_id: int):
    c, user = request.congress, request.user
    person = Person.objects.filter(pk=person_id).first()
    results = queries.results_for(c, person_id) if person is not None else []
    if person is None or not results:
        raise Http404("找不到该人员的述职记录")
    if not queries.sees_all(user, c) and person.user_id != user.pk:
        check_permission(user, c, "view_duty_reports")
    return [_out(r) for r in results]
