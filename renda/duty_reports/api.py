"""Duty reports (述职) over the API: the year's plan (the rule's proposals, making it, adding people),
the reports, filing (multipart), rating at a session on the voting engine or by a station's counts,
a person's record; a deputy's report to the voters (schedule, open, close, paper counts, live counts)
and, without a token, the voters' evaluation behind the QR code. Another congress's id is not found."""

from datetime import date, datetime
from typing import Annotated

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.urls import reverse
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from renda.core import congress_lookup
from renda.core.api import scoped
from renda.core.api_contract import CLOSED_MULTIPART, ErrorOut, In, OneOf, fields_named, one, only_fields
from renda.core.permissions import check_permission
from renda.core.tenancy import congress_scope
from renda.duty_reports import actions, queries, voters
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
    electoral_unit: str
    place: str
    held_at: datetime | None
    evaluation: str
    evaluation_opens_at: datetime | None
    evaluation_closes_at: datetime | None
    evaluation_url: str | None
    paper_satisfied: int | None
    paper_basic: int | None
    paper_unsatisfied: int | None


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
            "url": reverse("duty_report", args=[code, r.pk]),
            "electoral_unit": r.electoral_unit, "place": r.place, "held_at": r.held_at, "evaluation": r.evaluation,
            "evaluation_opens_at": r.evaluation_opens_at, "evaluation_closes_at": r.evaluation_closes_at,
            "evaluation_url": (reverse("duty_report_evaluate", args=[code, r.evaluation_key])
                               if r.evaluation else None),
            "paper_satisfied": r.paper_satisfied, "paper_basic": r.paper_basic, "paper_unsatisfied": r.paper_unsatisfied}


def _fresh(request, pk: int) -> dict:
    return _out(DutyReport.objects.in_congress(request.congress).select_related("plan", "person", "congress", "station").get(pk=pk))


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


# ── a deputy's report to the voters (代表向选民述职) and the phone evaluation ──


class DutyVoterScheduleIn(In):
    held_at: datetime
    station_id: int | None = Field(None, description="代表联络站；与 electoral_unit 二者选一")
    electoral_unit: Annotated[str, Field(max_length=200)] = ""
    opens_at: datetime | None = Field(None, description="不填为述职时间")
    closes_at: datetime | None = Field(None, description="不填按规则 duty_reports.evaluation_default_hours")


@router.post("/duty-reports/{report_id}/voter-evaluation", response={201: DutyReportOut},
             summary="安排代表向选民述职（联络站或选区、时间）和扫码评议时段（开始前可修改）")
@scoped
def schedule_voter_evaluation(request, report_id: int, payload: DutyVoterScheduleIn):
    c = request.congress
    check_permission(request.user, c, "schedule_voter_evaluation")
    report = _report(request, report_id)
    station = (one(Organisation.objects.in_congress(c), payload.station_id, "station_id", "代表联络站")
               if payload.station_id is not None else None)
    with fields_named({"station": "station_id"}):
        actions.schedule_voter_evaluation(c, report, actor=request.user, held_at=payload.held_at, station=station,
                                          electoral_unit=payload.electoral_unit, opens_at=payload.opens_at,
                                          closes_at=payload.closes_at)
    return Status(201, _fresh(request, report.pk))


@router.post("/duty-reports/{report_id}/voter-evaluation/open", response={201: DutyReportOut},
             summary="开始选民扫码评议（述职报告须已提交；评议时段结束前）")
@scoped
def open_voter_evaluation(request, report_id: int):
    check_permission(request.user, request.congress, "open_voter_evaluation")
    report = _report(request, report_id)
    actions.open_voter_evaluation(request.congress, report, actor=request.user)
    return Status(201, _fresh(request, report.pk))


@router.post("/duty-reports/{report_id}/voter-evaluation/close", response={201: DutyReportOut},
             summary="结束选民扫码评议：扫码评议与书面评议票数合计记入述职评议结果")
@scoped
def close_voter_evaluation(request, report_id: int):
    check_permission(request.user, request.congress, "close_voter_evaluation")
    report = _report(request, report_id)
    actions.close_voter_evaluation(request.congress, report, actor=request.user)
    return Status(201, _fresh(request, report.pk))


class DutyPaperCountsIn(In):
    satisfied: int
    basic: int
    unsatisfied: int


@router.post("/duty-reports/{report_id}/paper-counts", response={201: DutyReportOut},
             summary="录入书面评议票数（全部张数，再次录入为更正；与扫码评议合计，结束后录入则重新计算结果）")
@scoped
def record_paper_counts(request, report_id: int, payload: DutyPaperCountsIn):
    check_permission(request.user, request.congress, "record_paper_counts")
    report = _report(request, report_id)
    actions.record_paper_counts(request.congress, report, actor=request.user, satisfied=payload.satisfied,
                                basic=payload.basic, unsatisfied=payload.unsatisfied)
    return Status(201, _fresh(request, report.pk))


class DutyCountsOut(Schema):
    satisfied: int
    basic: int
    unsatisfied: int


class DutyLiveCountsOut(Schema):
    evaluation: str
    accepting: bool
    phone: DutyCountsOut
    paper: DutyCountsOut
    total: DutyCountsOut


def _three(counts: dict) -> dict:
    return {"satisfied": counts["满意"], "basic": counts["基本满意"], "unsatisfied": counts["不满意"]}


@router.get("/duty-reports/{report_id}/voter-evaluation", response=DutyLiveCountsOut,
            summary="选民评议的实时票数：扫码、书面及合计")
@scoped
def live_counts(request, report_id: int):
    c = request.congress
    check_permission(request.user, c, "view_duty_reports")
    report = _report(request, report_id)
    if not report.evaluation:
        raise Http404("本次述职未安排选民扫码评议")
    phone = actions.phone_counts(c, report)
    paper = {"满意": report.paper_satisfied or 0, "基本满意": report.paper_basic or 0, "不满意": report.paper_unsatisfied or 0}
    return {"evaluation": report.evaluation, "accepting": not actions.evaluation_window_problem(report),
            "phone": _three(phone), "paper": _three(paper), "total": _three({k: phone[k] + paper[k] for k in phone})}


# ── without a token: the voters' evaluation ──


def _public(congress_code: str, key: str):
    congress = congress_lookup.by_code(congress_code)
    if congress is None:
        raise Http404("没有这个人大")
    return congress


class DutyPublicReportOut(Schema):
    person: str
    place: str
    held_at: datetime | None
    opens_at: datetime | None
    closes_at: datetime | None
    accepting: bool
    message: str
    device_token: str


@router.get("/public/{congress_code}/duty-reports/evaluate/{key}", auth=None, response=DutyPublicReportOut,
            summary="扫码评议的述职（无需账号）：述职人、地点、时间、是否正在评议；device_token 为本手机的标识，提交评议时带回")
def public_report(request, congress_code: str, key: str, device_token: str = ""):
    congress = _public(congress_code, key)
    with congress_scope(congress):
        report = queries.by_evaluation_key(congress, key)
        if report is None:
            raise Http404("找不到该述职评议")
        problem = actions.evaluation_window_problem(report)
        return {"person": report.person.name, "place": report.place, "held_at": report.held_at,
                "opens_at": report.evaluation_opens_at, "closes_at": report.evaluation_closes_at,
                "accepting": not problem, "message": problem,
                "device_token": device_token if voters.device_of(device_token) else voters.new_token()}


class DutyEvaluateIn(In):
    device_token: str = Field(description="评议页面（GET）给出的本手机标识")
    rating: Annotated[str, OneOf(DutyReport.Grade)]
    name: Annotated[str, Field(max_length=50)]
    digits: Annotated[str, Field(max_length=8, description="手机号或身份证号后四位")]
    comment: Annotated[str, Field(max_length=500)] = ""


class DutyEvaluatedOut(Schema):
    message: str


@router.post("/public/{congress_code}/duty-reports/evaluate/{key}", auth=None,
             response={201: DutyEvaluatedOut, 409: ErrorOut, 429: dict},
             summary="选民评议代表述职（无需账号；每部手机、每人各一次，重复评议 409；同一网络地址每小时有次数限制）")
def public_evaluate(request, congress_code: str, key: str, payload: DutyEvaluateIn):
    congress = _public(congress_code, key)
    with congress_scope(congress):
        report = queries.by_evaluation_key(congress, key)
        if report is None:
            raise Http404("找不到该述职评议")
        if not voters.admit(congress, request.META.get("REMOTE_ADDR", "")):
            return Status(429, {"detail": [{"field": None, "message": voters.ADDRESS_REFUSAL}]})
        try:
            with fields_named({"device": "device_token"}):
                actions.evaluate_duty_report(congress, report, actor=AnonymousUser(),
                                             device=voters.device_of(payload.device_token), name=payload.name,
                                             digits=payload.digits, rating=payload.rating, comment=payload.comment)
        except actions.AlreadyEvaluated:
            return Status(409, {"detail": [{"field": None, "message": actions.ALREADY}]})
        return Status(201, {"message": "评议已提交，谢谢您"})
