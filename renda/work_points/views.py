"""The work point pages: the year's calendar (行事历: items by month with the linked meetings' dates,
a list on a phone), the plan form, one item (link it, close it, carry it over), the overdue list.

Viewers: view_work_points (staff and standing-committee members); another congress's id is not found."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from renda.core import spreadsheets
from renda.core.errors import NotFound
from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, gate, get_or_404, year_param
from renda.work_points import actions, queries
from renda.work_points.forms import CarryForm, CloseForm, LinkForm, PlanForm, PointForm
from renda.work_points.models import WorkPlan, WorkPoint

S = WorkPoint.Status
STEPS = {"link": "manage_work_points", "close": "close_work_point", "carry": "close_work_point"}



# The lists' export (core.spreadsheets): each item with its due date as a date.
COLUMNS = [
    spreadsheets.Column("序号", "number", "int"), spreadsheets.Column("工作事项", "text"),
    spreadsheets.Column("责任委室", "owner.name"), spreadsheets.Column("分管领导", "leader.name"),
    spreadsheets.Column("完成时间", "due_on", "date"), spreadsheets.Column("只定到月份", "month_only"),
    spreadsheets.Column("状态", lambda p: p.get_status_display()), spreadsheets.Column("完成情况", "closing_note"),
]


def keyword(request) -> str:
    return request.GET.get("q", "").strip()[:100]


def matches(point: WorkPoint, q: str) -> bool:
    """The keyword box: the item's text, its committee or its leader."""
    return not q or any(q in text for text in (point.text, point.owner.name, point.leader.name if point.leader else ""))


def _calendar(request, year: int, point_form=None, status: int = 200):
    c, user = request.congress, request.user
    plan = WorkPlan.objects.in_congress(c).filter(year=year).select_related("adopted_at").first()
    can_manage = may(user, c, "manage_work_points")
    today = timezone.localdate()
    months = queries.calendar(c, year)
    q = keyword(request)
    for month in months:
        month["points"] = [p for p in month["points"] if matches(p, q)]
        month["rows"] = [{"p": p, "overdue": p.is_overdue(today)} for p in month["points"]]
    if status == 200 and (fmt := spreadsheets.wanted(request)):
        return spreadsheets.export_response(
            request, subject=f"{year}年重点工作行事历", columns=COLUMNS, fmt=fmt,
            rows=[p for m in months for p in m["points"]],
            filters=spreadsheets.describe_filters([("年度", year), ("关键词", q)]))
    return render(request, "work_points/calendar.html", {
        "year": year, "plan": plan, "months": months, "can_manage": can_manage, "q": q,
        "total": sum(len(m["points"]) for m in months),
        "overdue_count": sum(1 for m in months for r in m["rows"] if r["overdue"]),
        "point_form": point_form or (PointForm(congress=c) if plan and can_manage else None),
    }, status=status)


@require_GET
def calendar_page(request, congress_code):
    denied = gate(request, "view_work_points")
    if denied:
        return denied
    return _calendar(request, year_param(request))


@require_GET
def overdue_page(request, congress_code):
    denied = gate(request, "view_work_points")
    if denied:
        return denied
    today = timezone.localdate()
    q = keyword(request)
    points = [p for p in queries.overdue_for(request.congress, today) if matches(p, q)]
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(
            request, subject="逾期未完成的工作要点", columns=COLUMNS, rows=points, fmt=fmt,
            filters=spreadsheets.describe_filters([("截至", f"{today:%Y-%m-%d}"), ("关键词", q)]))
    return render(request, "work_points/overdue.html", {"points": points, "today": today, "q": q})


def plan_new(request, congress_code):
    denied = gate(request, "manage_work_points")
    if denied:
        return denied
    c = request.congress
    if request.method != "POST":
        form = PlanForm(congress=c, initial={"year": year_param(request)})
        return render(request, "work_points/plan_new.html", {"form": form})
    form = PlanForm(request.POST, request.FILES, congress=c)
    if form.is_valid():
        d = form.cleaned_data
        try:
            plan = actions.create_plan(c, actor=request.user, year=d["year"], title=d["title"], meeting=d["meeting"],
                                       adopted_on=d["adopted_on"], document=d["document"])
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"{plan.year}年工作要点已建立")
            return redirect(f"/c/{congress_code}/work-points/?year={plan.year}")
    return render(request, "work_points/plan_new.html", {"form": form}, status=422)


@require_POST
def point_add(request, congress_code, pk):
    denied = gate(request, "manage_work_points")
    if denied:
        return denied
    c = request.congress
    plan = get_or_404(WorkPlan.objects.in_congress(c), pk, "找不到该年度工作要点")
    form = PointForm(request.POST, congress=c)
    if form.is_valid():
        d = form.cleaned_data
        try:
            actions.add_point(c, plan, actor=request.user, text_=d["text"], owner=d["owner"], due=d["due"],
                              leader=d["leader"])
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "已增加工作事项")
            return redirect(f"/c/{congress_code}/work-points/?year={plan.year}")
    return _calendar(request, plan.year, point_form=form, status=422)


def point_for(request, pk) -> WorkPoint:
    return get_or_404(queries.points(request.congress), pk, "找不到该工作要点事项")


def _point_page(request, point: WorkPoint, bound: dict | None = None, status: int = 200):
    c, user = request.congress, request.user
    bound = bound or {}
    closes = may(user, c, "close_work_point") and actions.may_close(user, c, point) and point.status == S.OPEN
    forms = {"link": bound.get("link") or (LinkForm(congress=c) if may(user, c, "manage_work_points") else None),
             "close": bound.get("close") or (CloseForm() if closes else None),
             "carry": bound.get("carry") or (CarryForm() if closes else None)}
    today = timezone.localdate()
    return render(request, "work_points/point.html", {
        "p": point, "forms": forms, "overdue": point.is_overdue(today), "links": list(point.links.all()),
    }, status=status)


@require_GET
def point_page(request, congress_code, pk):
    denied = gate(request, "view_work_points")
    if denied:
        return denied
    return _point_page(request, point_for(request, pk))


@require_POST
def point_action(request, congress_code, pk, what):
    if what not in STEPS:
        raise Http404
    denied = gate(request, STEPS[what])
    if denied:
        return denied
    c, user = request.congress, request.user
    point = point_for(request, pk)
    form = {"link": lambda: LinkForm(request.POST, congress=c), "close": lambda: CloseForm(request.POST, request.FILES),
            "carry": lambda: CarryForm(request.POST)}[what]()
    if not form.is_valid():
        return _point_page(request, point, {what: form}, status=422)
    d = form.cleaned_data
    try:
        if what == "link":
            actions.link_point(c, point, actor=user, meeting=d["meeting"], plan_item=d["plan_item"],
                               work_report=d["work_report"])
            done = "已关联"
        elif what == "close":
            actions.close_point(c, point, actor=user, note=d["note"], evidence=d["evidence"], on=d["on"])
            done = "已办结"
        else:
            nxt = WorkPlan.objects.in_congress(c).filter(year=point.plan.year + 1).first()
            actions.carry_over(c, point, actor=user, note=d["note"], to_plan=nxt,
                               due=f"{point.plan.year + 1}-{point.due_on.month:02d}" if nxt else None)
            done = "已结转下年" + ("，并列入下年工作要点" if nxt else "")
    except (ValidationError, PermissionDenied, NotFound) as error:
        add_action_errors(form, error)
        return _point_page(request, point_for(request, pk), {what: form}, status=422)
    messages.success(request, done)
    return redirect("work_point", congress_code=congress_code, pk=point.pk)


@require_GET
def evidence_file(request, congress_code, pk):
    denied = gate(request, "view_work_points")
    if denied:
        return denied
    point = point_for(request, pk)
    if not point.evidence:
        raise Http404("没有佐证材料")
    response = FileResponse(point.evidence.open("rb"), as_attachment=True,
                            filename=point.evidence.name.rsplit("/", 1)[-1])
    response["Cache-Control"] = "private, no-store"
    return response


urlpatterns = [
    path("work-points/", calendar_page, name="work_points_calendar"),
    path("work-points/overdue/", overdue_page, name="work_points_overdue"),
    path("work-points/plan/new/", plan_new, name="work_points_plan_new"),
    path("work-points/plan/<int:pk>/add/", point_add, name="work_points_add"),
    path("work-points/<int:pk>/", point_page, name="work_point"),
    path("work-points/<int:pk>/do/<str:what>/", point_action, name="work_point_action"),
    path("work-points/<int:pk>/evidence/", evidence_file, name="work_point_evidence"),
]
