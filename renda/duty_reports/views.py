"""The duty report pages: the year's list (with the plan form and the proposals of the rule), one
report (file it, rate it at a session or record a station's counts), a person's record, the file.

Viewers (view_duty_reports: staff and standing-committee members) see everything; a person sees their
own reports and record; another congress's report or person is not found."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from renda.core import rules
from renda.core.errors import NotFound
from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, gate, get_or_404, year_param
from renda.duty_reports import actions, queries
from renda.duty_reports.forms import AddForm, FileForm, PlanForm, SessionForm, StationForm
from renda.duty_reports.models import DutyPlan, DutyReport
from renda.people.models import Mandate, Membership, Person

S = DutyReport.Status
STEPS = {"file": "file_duty_report", "session": "rate_duty_report", "session_result": "rate_duty_report",
         "station": "rate_duty_report", "remove": "make_duty_plan"}



@require_GET
def list_page(request, congress_code):
    denied = gate(request, "view_duty_reports")
    if denied:
        return denied
    c, user = request.congress, request.user
    year = year_param(request)
    plan = DutyPlan.objects.in_congress(c).filter(year=year).first()
    reports = (queries.visible_reports(c, user).filter(plan=plan).order_by("kind", "id") if plan else [])
    can_plan = may(user, c, "make_duty_plan")
    return render(request, "duty_reports/list.html", {
        "year": year, "plan": plan, "reports": reports, "can_plan": can_plan,
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
    proposed = actions.proposed_appointees(c, int(raw)) if raw.isascii() and raw.isdigit() and 1949 <= int(raw) <= 9999 else []
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
        "session_result": may(user, c, "rate_duty_report") and report.status == S.RATING,
        "station": may(user, c, "rate_duty_report") and report.status == S.FILED and report.kind == DutyReport.Kind.DEPUTY,
        "remove": may(user, c, "make_duty_plan") and report.status == S.DUE,
    }
    forms = {
        "file": bound.get("file") or (FileForm(initial={"title": report.title, "text": report.text}) if can["file"] else None),
        "session": bound.get("session") or (SessionForm(congress=c) if can["session"] else None),
        "station": bound.get("station") or (StationForm(congress=c) if can["station"] else None),
    }
    vote = report.vote if report.vote_id else None
    return render(request, "duty_reports/report.html", {
        "report": report, "can": can, "forms": forms, "vote": vote,
        "evaluating": bool(rules.get(c, "sc.satisfaction_evaluation")),
    }, status=status)


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
    form_class = {"file": FileForm, "session": SessionForm, "station": StationForm}.get(what)
    kwargs = {"congress": c} if what in ("session", "station") else {}
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


urlpatterns = [
    path("duty-reports/", list_page, name="duty_reports_list"),
    path("duty-reports/plan/new/", plan_new, name="duty_reports_plan_new"),
    path("duty-reports/plan/<int:pk>/add/", plan_add, name="duty_reports_plan_add"),
    path("duty-reports/<int:pk>/", report_page, name="duty_report"),
    path("duty-reports/<int:pk>/do/<str:what>/", report_action, name="duty_report_action"),
    path("duty-reports/<int:pk>/file/", report_file, name="duty_report_file"),
    path("duty-reports/person/<int:person_id>/", person_page, name="duty_reports_person"),
]
