"""The duty report pages: the year's list (with the plan form and the proposals of the rule), one
report (file it, rate it at a session or record a station's counts; for a deputy's report to the
voters: schedule it, show the QR code and the live counts, open and close the phone evaluation, enter
the paper counts), a person's record, the file, and the public evaluation page behind the QR code.

Viewers (view_duty_reports: staff and standing-committee members) see everything; a person sees their
own reports and record; another congress's report or person is not found."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renda.core import rules, spreadsheets
from renda.core.errors import NotFound
from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, gate, get_or_404, year_param
from renda.duty_reports import actions, queries, voters
from renda.duty_reports.forms import (
    AddForm,
    EvaluateForm,
    FileForm,
    PaperForm,
    PlanForm,
    ScheduleForm,
    SessionForm,
    StationForm,
)
from renda.duty_reports.models import DutyPlan, DutyReport
from renda.people.models import Mandate, Membership, Person

S = DutyReport.Status
STEPS = {"file": "file_duty_report", "session": "rate_duty_report", "session_result": "rate_duty_report",
         "station": "rate_duty_report", "remove": "make_duty_plan", "schedule": "schedule_voter_evaluation",
         "open_evaluation": "open_voter_evaluation", "close_evaluation": "close_voter_evaluation",
         "paper": "record_paper_counts"}
E = DutyReport.Evaluation




def _rate(report: DutyReport) -> float | None:
    share = report.rate("满意", "基本满意")
    return None if share is None else float(share)


# The list's export (core.spreadsheets): what the list shows; counts as numbers, the rate as a percentage.
COLUMNS = [
    spreadsheets.Column("述职人", "person.name"), spreadsheets.Column("类别", lambda r: r.get_kind_display()),
    spreadsheets.Column("职务", "post"), spreadsheets.Column("述职地点", "place"),
    spreadsheets.Column("状态", lambda r: r.get_status_display()), spreadsheets.Column("提交日期", "filed_on", "date"),
    spreadsheets.Column("评议方式", lambda r: r.get_rated_by_display() if r.rated_by else ""),
    spreadsheets.Column("满意", "satisfied", "int"), spreadsheets.Column("基本满意", "basic", "int"),
    spreadsheets.Column("不满意", "unsatisfied", "int"), spreadsheets.Column("满意率", _rate, "percent"),
    spreadsheets.Column("评议结果", lambda r: r.get_grade_display() if r.grade else ""),
    spreadsheets.Column("评议日期", "rated_on", "date"),
]

@require_GET
def list_page(request, congress_code):
    denied = gate(request, "view_duty_reports")
    if denied:
        return denied
    c, user = request.congress, request.user
    year = year_param(request)
    plan = DutyPlan.objects.in_congress(c).filter(year=year).first()
    reports = queries.visible_reports(c, user).filter(plan=plan).order_by("kind", "id") if plan else DutyReport.objects.none()
    status = request.GET.get("status", "")
    if status in DutyReport.Status.values:
        reports = reports.filter(status=status)
    else:
        status = ""
    q = request.GET.get("q", "").strip()[:100]
    if q:
        reports = reports.filter(Q(person__name__icontains=q) | Q(post__icontains=q) | Q(title__icontains=q)
                                 | Q(station__name__icontains=q) | Q(electoral_unit__icontains=q))
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(
            request, subject=f"{year}年述职评议", columns=COLUMNS, rows=reports, fmt=fmt,
            filters=spreadsheets.describe_filters([
                ("年度", year), ("状态", DutyReport.Status(status).label if status else ""), ("关键词", q)]))
    can_plan = may(user, c, "make_duty_plan")
    return render(request, "duty_reports/list.html", {
        "year": year, "plan": plan, "reports": reports, "can_plan": can_plan, "q": q, "status": status,
        "statuses": DutyReport.Status.choices,
        "years": DutyPlan.objects.in_congress(c).values_list("year", flat=True).order_by("-year"),
        "add_form": AddForm(congress=c) if plan and can_plan else None,
    })


def plan_new(request, congress_code):
    denied = gate(request, "make_duty_plan")
    if denied:
        return denied
    c = request.congress
    year = year_param(request) if request.method == "GET" else None
    raw = request.POST.get("year", "") if request.method == "POST" else str(year)
    proposed = actions.proposed_appointees(c, int(raw)) if raw.isascii() and raw.isdecimal() and 1949 <= int(raw) <= 9999 else []
    if request.method != "POST":
        form = PlanForm(congress=c, proposed=proposed,
                        initial={"year": year, "appointees": [str(m.pk) for m in proposed]})
        return render(request, "duty_reports/plan_new.html", {"form": form, "proposed": proposed})
    form = PlanForm(request.POST, congress=c, proposed=proposed)
    if form.is_valid():
        d = form.cleaned_data
        try:
            plan = actions.make_plan(c, actor=request.user, year=d["year"], title=d["title"],
                                     deputies=[p.pk for p in d["deputies"]],
                                     appointees=[int(pk) for pk in d["appointees"]], propose=False)
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"{plan.year}年述职计划已制定")
            return redirect(f"/c/{congress_code}/duty-reports/?year={plan.year}")
    return render(request, "duty_reports/plan_new.html", {"form": form, "proposed": proposed}, status=422)


@require_POST
def plan_add(request, congress_code, pk):
    denied = gate(request, "make_duty_plan")
    if denied:
        return denied
    c = request.congress
    plan = get_or_404(DutyPlan.objects.in_congress(c), pk, "找不到该述职计划")
    form = AddForm(request.POST, congress=c)
    if form.is_valid():
        try:
            actions.add_to_plan(c, plan, actor=request.user, deputies=[p.pk for p in form.cleaned_data["deputies"]])
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "已列入述职计划")
            return redirect(f"/c/{congress_code}/duty-reports/?year={plan.year}")
    reports = queries.visible_reports(c, request.user).filter(plan=plan).order_by("kind", "id")
    return render(request, "duty_reports/list.html", {
        "year": plan.year, "plan": plan, "reports": reports, "can_plan": True, "add_form": form,
        "years": DutyPlan.objects.in_congress(c).values_list("year", flat=True).order_by("-year")}, status=422)


def report_for(request, pk) -> DutyReport:
    return get_or_404(queries.visible_reports(request.congress, request.user), pk, "找不到该述职报告")


def _report_page(request, report: DutyReport, bound: dict | None = None, status: int = 200):
    c, user = request.congress, request.user
    bound = bound or {}
    can = {
        "file": may(user, c, "file_duty_report") and actions.may_file(user, c, report) and report.status in (S.DUE, S.FILED),
        "session": may(user, c, "rate_duty_report") and report.status == S.FILED,
        "session_result": may(user, c, "rate_duty_report") and report.status == S.RATING and bool(report.vote_id),
        "station": (may(user, c, "rate_duty_report") and report.status == S.FILED
                    and report.kind == DutyReport.Kind.DEPUTY and not report.evaluation),
        "remove": may(user, c, "make_duty_plan") and report.status == S.DUE,
        "schedule": (may(user, c, "schedule_voter_evaluation") and report.kind == DutyReport.Kind.DEPUTY
                     and report.status in (S.DUE, S.FILED) and report.evaluation in ("", E.SCHEDULED)),
        "open_evaluation": may(user, c, "open_voter_evaluation") and report.evaluation == E.SCHEDULED
        and report.status == S.FILED,
        "close_evaluation": may(user, c, "close_voter_evaluation") and report.evaluation == E.OPEN,
        "paper": may(user, c, "record_paper_counts") and bool(report.evaluation),
    }
    local = timezone.localtime
    schedule_initial = {"station": report.station_id, "electoral_unit": report.electoral_unit,
                        "held_at": local(report.held_at) if report.held_at else None,
                        "opens_at": local(report.evaluation_opens_at) if report.evaluation_opens_at else None,
                        "closes_at": local(report.evaluation_closes_at) if report.evaluation_closes_at else None}
    paper_initial = {"satisfied": report.paper_satisfied, "basic": report.paper_basic,
                     "unsatisfied": report.paper_unsatisfied}
    forms = {
        "file": bound.get("file") or (FileForm(initial={"title": report.title, "text": report.text}) if can["file"] else None),
        "session": bound.get("session") or (SessionForm(congress=c) if can["session"] else None),
        "station": bound.get("station") or (StationForm(congress=c) if can["station"] else None),
        "schedule": bound.get("schedule") or (ScheduleForm(congress=c, initial=schedule_initial)
                                              if can["schedule"] else None),
        "paper": bound.get("paper") or (PaperForm(initial=paper_initial) if can["paper"] else None),
    }
    vote = report.vote if report.vote_id else None
    return render(request, "duty_reports/report.html", {
        "report": report, "can": can, "forms": forms, "vote": vote,
        "evaluating": bool(rules.get(c, "sc.satisfaction_evaluation")),
        "voters": _voters_card(request, report) if report.evaluation and queries.sees_all(user, c) else None,
    }, status=status)


def _voters_card(request, report: DutyReport) -> dict:
    """The QR code to show at the meeting (drawn as the liaison station's poster draws its own) and the
    live counts: phone evaluations, the paper counts and their sum."""
    link = request.build_absolute_uri(reverse("duty_report_evaluate", args=[request.congress.code,
                                                                            report.evaluation_key]))
    return {"link": link, **_counts(request, report),
            "qr": mark_safe(segno.make(link, error="m").svg_inline(scale=6, dark="#000", light="#fff"))}  # noqa: S308 (our own SVG)


def _counts(request, report: DutyReport) -> dict:
    phone = actions.phone_counts(request.congress, report)
    paper = {"满意": report.paper_satisfied or 0, "基本满意": report.paper_basic or 0, "不满意": report.paper_unsatisfied or 0}
    return {"phone": phone, "phone_total": sum(phone.values()), "paper": paper, "paper_total": sum(paper.values()),
            "sum": {k: phone[k] + paper[k] for k in phone}, "total": sum(phone.values()) + sum(paper.values()),
            "window": actions.evaluation_window_problem(report)}


@require_GET
def live_counts(request, congress_code, pk):
    """The counts card alone, polled by the report page while the evaluation runs."""
    denied = gate(request, "view_duty_reports")
    if denied:
        return denied
    report = report_for(request, pk)
    if not report.evaluation:
        raise Http404("本次述职未安排选民扫码评议")
    return render(request, "duty_reports/_live_counts.html", {"report": report, "voters": _counts(request, report)})


@require_GET
def report_page(request, congress_code, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _report_page(request, report_for(request, pk))


@require_POST
def report_action(request, congress_code, pk, what):
    if what not in STEPS:
        raise Http404
    denied = gate(request, STEPS[what])
    if denied:
        return denied
    c, user = request.congress, request.user
    report = report_for(request, pk)
    form_class = {"file": FileForm, "session": SessionForm, "station": StationForm, "schedule": ScheduleForm,
                  "paper": PaperForm}.get(what)
    kwargs = {"congress": c} if what in ("session", "station", "schedule") else {}
    form = form_class(request.POST, request.FILES, **kwargs) if form_class else None
    if form is not None and not form.is_valid():
        return _report_page(request, report, {what: form}, status=422)
    d = form.cleaned_data if form is not None else {}
    try:
        if what == "file":
            actions.file_report(c, report, actor=user, title=d["title"], text_=d["text"], file=d["file"])
            done = "述职报告已提交"
        elif what == "session":
            actions.start_session_rating(c, report, d["meeting"], actor=user)
            done = "已在会议上提请满意度测评，请在表决页面开始测评"
        elif what == "session_result":
            actions.record_session_rating(c, report, actor=user)
            done = "测评结果已记录"
        elif what == "station":
            actions.record_station_rating(c, report, actor=user, satisfied=d["satisfied"], basic=d["basic"],
                                          unsatisfied=d["unsatisfied"], on=d["on"], station=d["station"])
            done = "联络站评议结果已记录"
        elif what == "schedule":
            actions.schedule_voter_evaluation(c, report, actor=user, held_at=d["held_at"], station=d["station"],
                                              electoral_unit=d["electoral_unit"], opens_at=d["opens_at"],
                                              closes_at=d["closes_at"])
            done = "已安排向选民述职和扫码评议"
        elif what == "open_evaluation":
            actions.open_voter_evaluation(c, report, actor=user)
            done = "选民扫码评议已开始，请在会场展示二维码"
        elif what == "close_evaluation":
            actions.close_voter_evaluation(c, report, actor=user)
            done = "选民评议已结束，评议结果已记入述职"
        elif what == "paper":
            actions.record_paper_counts(c, report, actor=user, satisfied=d["satisfied"], basic=d["basic"],
                                        unsatisfied=d["unsatisfied"])
            done = "书面评议票数已录入"
        else:
            year = DutyPlan.objects.in_congress(c).get(pk=report.plan_id).year
            actions.remove_from_plan(c, report, actor=user)
            messages.success(request, "已从述职计划中移除")
            return redirect(f"/c/{congress_code}/duty-reports/?year={year}")
    except (ValidationError, PermissionDenied, NotFound) as error:
        if form is None:
            for message in getattr(error, "messages", None) or [str(error)]:
                messages.error(request, message)
            return redirect("duty_report", congress_code=congress_code, pk=report.pk)
        add_action_errors(form, error)
        return _report_page(request, report, {what: form}, status=422)
    messages.success(request, done)
    return redirect("duty_report", congress_code=congress_code, pk=report.pk)


@require_GET
def report_file(request, congress_code, pk):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    report = report_for(request, pk)
    if not report.file:
        raise Http404("没有报告文件")
    response = FileResponse(report.file.open("rb"), as_attachment=True, filename=report.file.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    return response


@require_GET
def person_page(request, congress_code, person_id):
    """A person's duty reports and ratings (their record); viewers see anyone's, a person their own."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    c, user = request.congress, request.user
    here = Person.objects.filter(pk=person_id).filter(
        pk__in=Mandate.objects.in_congress(c).values("person_id")).first() or Person.objects.filter(
        pk=person_id, pk__in=Membership.objects.in_congress(c).values("person_id")).first()
    if here is None:
        raise Http404("找不到该人员")
    if not queries.sees_all(user, c) and here.user_id != user.pk:
        raise PermissionDenied("您没有“查看述职评议”的权限")
    return render(request, "duty_reports/person.html", {"person": here, "results": queries.results_for(c, here)})


def _public_report(request, key: str) -> DutyReport:
    report = queries.by_evaluation_key(request.congress, key)
    if report is None:
        raise Http404("找不到该述职评议")
    return report


@require_http_methods(["GET", "POST"])
def evaluate(request, congress_code, key):
    """The page behind the QR code shown at the meeting: no account; the phone gets its token as a
    cookie on the first visit; one evaluation per phone and per person; limits per network address."""
    c = request.congress
    report = _public_report(request, key)
    token = request.COOKIES.get(voters.COOKIE, "")
    device = voters.device_of(token)
    address = request.META.get("REMOTE_ADDR", "")
    form = EvaluateForm(request.POST if request.method == "POST" else None)
    context = {"report": report, "form": form, "done": request.GET.get("done") == "1",
               "problem": actions.evaluation_window_problem(report)}
    status = 200
    if request.method == "POST":
        if not voters.admit(c, address):
            context["refused"], status = voters.ADDRESS_REFUSAL, 429
        elif form.is_valid():
            d = form.cleaned_data
            try:
                actions.evaluate_duty_report(c, report, actor=request.user, device=device, name=d["name"],
                                             digits=d["digits"], rating=d["rating"], comment=d["comment"])
            except actions.AlreadyEvaluated:
                context["already"], status = actions.ALREADY, 409
            except (ValidationError, PermissionDenied, NotFound) as error:
                add_action_errors(form, error)
                status = 422
            else:
                return redirect(reverse("duty_report_evaluate", args=[c.code, key]) + "?done=1")
        else:
            status = 422
    elif voters.refused(c, address):
        context["refused"], status = voters.ADDRESS_REFUSAL, 429
    elif device and queries.phone_has_evaluated(c, report, device):
        context["already"] = actions.ALREADY
    response = render(request, "duty_reports/evaluate.html", context, status=status)
    if not device:
        response.set_cookie(voters.COOKIE, voters.new_token(), max_age=voters.COOKIE_SECONDS, httponly=True,
                            samesite="Lax", secure=request.is_secure())
    return response


urlpatterns = [
    path("duty-reports/", list_page, name="duty_reports_list"),
    path("duty-reports/plan/new/", plan_new, name="duty_reports_plan_new"),
    path("duty-reports/plan/<int:pk>/add/", plan_add, name="duty_reports_plan_add"),
    path("duty-reports/<int:pk>/", report_page, name="duty_report"),
    path("duty-reports/<int:pk>/do/<str:what>/", report_action, name="duty_report_action"),
    path("duty-reports/<int:pk>/file/", report_file, name="duty_report_file"),
    path("duty-reports/person/<int:person_id>/", person_page, name="duty_reports_person"),
    path("duty-reports/<int:pk>/counts/", live_counts, name="duty_report_counts"),
    path("duty-reports/evaluate/<str:key>/", evaluate, name="duty_report_evaluate"),
]
