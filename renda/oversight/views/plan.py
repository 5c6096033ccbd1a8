"""The plan pages: the office's list of yearly plans, one plan with its items by month (or by kind)
and each item's progress, the forms that draft, approve and publish it, its .xlsx and print views, and
the public page of published plans."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_POST

from renda.core import downloads, jinja, spreadsheets, tallies, versioned
from renda.core.errors import NotFound
from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, get_or_404, requires, year_param
from renda.oversight import exports, queries
from renda.oversight import tallies as kept
from renda.oversight.actions import plan as actions
from renda.oversight.forms.plan import ApproveForm, ItemForm, ItemStatusForm, PlanForm, PublishForm
from renda.oversight.models import Activity, Plan, PlanItem, Report
from renda.oversight.progress import activities_by_item, item_stage

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# Each step of a plan, and the permission it needs; the gate comes before the form is read.
PLAN_STEPS = {"item": "arrange_plan_item", "approve": "approve_oversight_plan", "publish": "publish_oversight_plan",
              "item-status": "set_plan_item_status"}
# Plain words for the public (STYLE rule 22).
PUBLIC_WORDS = {PlanItem.Status.PLANNED: "按计划安排", PlanItem.Status.UNDER_WAY: "正在开展",
                PlanItem.Status.REPORTED: "报告已形成", PlanItem.Status.ON_AGENDA: "提请审议",
                PlanItem.Status.HEARD: "已审议", PlanItem.Status.POSTPONED: "推迟", PlanItem.Status.CANCELLED: "取消"}



def item_rows(congress, plan: Plan) -> list[dict]:
    """The plan's items with what the pages show of each: committees, its activities and its stage."""
    items = list(PlanItem.objects.in_congress(congress).filter(plan=plan)
                 .select_related("body", "lead_committee", "leader", "meeting")
                 .prefetch_related("co_committees__organisation"))
    found = activities_by_item(items)
    # The finished reports the public may read (oversight.views.reporting's public pages).
    finished = {r.activity_id: r for r in Report.objects.in_congress(congress).filter(
        activity__plan_item__in=items, activity__status__in=(Activity.Status.REPORTED, Activity.Status.ON_AGENDA))}
    rows = []
    for item in items:
        stage = item_stage(item, found[item.pk])
        rows.append({"item": item, "stage": stage, "progress": stage.label, "public_progress": PUBLIC_WORDS[stage],
                     "activities": found[item.pk],
                     "reports": [finished[a.pk] for a in found[item.pk] if a.pk in finished],
                     "co_committees": [c.organisation for c in item.co_committees.all()]})
    return rows


def grouped(rows: list[dict], by: str) -> list[tuple[str, list[dict]]]:
    groups: dict[str, list[dict]] = {}
    if by == "kind":
        order = {k: n for n, k in enumerate(PlanItem.Kind.values)}
        for row in sorted(rows, key=lambda r: (order[r["item"].kind], r["item"].month, r["item"].order)):
            groups.setdefault(row["item"].get_kind_display(), []).append(row)
    else:
        for row in rows:
            groups.setdefault(f"{row['item'].month}月", []).append(row)
    return list(groups.items())


@requires("view_oversight")
@require_GET
def plan_list(request, congress_code):
    congress = request.congress
    year = year_param(request)
    if not request.GET.get("year") and Plan.objects.in_congress(congress).filter(year=year).exists():
        year += 1  # this year's plan is there: the next one to draft is next year's
    return _list_page(request, PlanForm(initial={"year": year, "title": f"{year}年度监督工作计划"}))


def _list_page(request, form, status=200):
    congress = request.congress
    q = exports.keyword(request)

    def plan_rows() -> list[dict]:
        counts = {row.key[0]: row.count for row in tallies.read(kept.PLAN_ITEMS, congress, 0)}
        return [{"plan": p, "items": counts.get(p.pk, 0)}
                for p in exports.matching(Plan.objects.in_congress(congress), q, "title")]

    if request.method == "GET" and (fmt := spreadsheets.wanted(request)):
        return spreadsheets.export_response(request, subject="年度监督工作计划", columns=exports.PLAN_LIST_COLUMNS,
                                            rows=plan_rows(), fmt=fmt,
                                            filters=spreadsheets.describe_filters([("关键词", q)]))
    can_draft = may(request.user, congress, "draft_oversight_plan")

    # Below the tabs the list is the same for every reader who may do the same, while the data stands.
    body = jinja.kept_part(request, f"oversight:plan_list:{can_draft:d}:{versioned.query_key(request.GET)}",
                           "oversight/_plan_list_body.html", lambda: {
                               "congress": congress, "request": request, "plans": plan_rows(), "form": form, "q": q,
                               "can_draft": can_draft, "joint": queries.joint_activities(congress)},
                           keep=not form.is_bound)
    return render(request, "oversight/plan_list.html", {"body": body}, status=status)


@require_POST
@requires("draft_oversight_plan")
def plan_new(request, congress_code):
    congress = request.congress
    form = PlanForm(request.POST)
    if form.is_valid():
        try:
            plan = actions.draft_oversight_plan(congress, actor=request.user, **form.cleaned_data)
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已起草“{plan.title}”，请逐项编排监督项目")
            return redirect("oversight_plan", congress_code=congress_code, plan_id=plan.pk)
    return _list_page(request, form, status=422)


def plan_detail(request, congress_code, plan_id):
    return _plan_page(request, queries.plan_for(request, plan_id))


def _plan_page(request, plan: Plan, bound: dict | None = None, status: int = 200):
    congress, user = request.congress, request.user
    bound = bound or {}
    staff = may(user, congress, "view_oversight")
    by = "kind" if request.GET.get("by") == "kind" else "month"
    draft = plan.status == Plan.Status.DRAFT
    can_arrange = draft and may(user, congress, "arrange_plan_item")
    can_status = plan.status != Plan.Status.DRAFT and may(user, congress, "set_plan_item_status")
    can_start = may(user, congress, "start_activity")
    refused_status = bound.get("item-status")

    def items_context() -> dict:
        """The items, grouped, with each one's status form: the same for every reader who may do the same
        things while the data stands (60 items' forms took ~100 ms), so kept per data version and reader kind —
        unless a refused status form is being shown again with its input."""
        rows = item_rows(congress, plan)
        for row in rows:
            row["status_form"] = None
            if can_status:
                mine = refused_status is not None and str(refused_status.data.get("item")) == str(row["item"].pk)
                row["status_form"] = refused_status if mine else ItemStatusForm(
                    initial={"item": row["item"].pk}, auto_id=f"status{row['item'].pk}_%s")
        return {"congress": congress, "plan": plan, "groups": grouped(rows, by), "can_arrange": can_arrange,
                "can_start": can_start, "public": not staff, "field_kinds": [k.value for k in PlanItem.FIELD_KINDS]}

    may_do = f"{staff:d}{can_arrange:d}{can_status:d}{can_start:d}"
    table = jinja.kept_part(request, f"oversight:plan_items:{plan.pk}:{by}:{may_do}", "oversight/plan_items_table.html",
                            items_context, keep=refused_status is None)
    count = versioned.cached(congress, f"oversight:plan_count:{plan.pk}", lambda: PlanItem.objects.in_congress(
        congress).filter(plan=plan).count())
    item_form = bound.get("item")
    return render(request, "oversight/plan.html", {
        "plan": plan, "items_table": table, "by": by, "count": count, "staff": staff,
        "joint": queries.joint_activities(congress, plan.year),
        "item_form": (item_form or ItemForm(congress=congress, plan=plan, auto_id="item_%s")) if can_arrange else None,
        "approve_form": (bound.get("approve") or ApproveForm(congress=congress, auto_id="approve_%s"))
        if draft and may(user, congress, "approve_oversight_plan") else None,
        "publish_form": (bound.get("publish") or PublishForm(auto_id="publish_%s"))
        if plan.status == Plan.Status.APPROVED and may(user, congress, "publish_oversight_plan") else None,
        "can_arrange": can_arrange, "can_start": can_start, "public": not staff,
        "field_kinds": [k.value for k in PlanItem.FIELD_KINDS],
        "open": next(iter(bound), ""),
    }, status=status)


def _item_of(request, plan: Plan, raw) -> PlanItem:
    item = get_or_404(PlanItem.objects.in_congress(request.congress), raw if str(raw).isdecimal() else 0,
                      "找不到该监督计划项目")
    if item.plan_id != plan.pk:
        raise Http404("找不到该监督计划项目")
    return item


@requires("arrange_plan_item")
@require_GET
def item_edit(request, congress_code, plan_id, item_id):
    plan = queries.plan_for(request, plan_id)
    item = _item_of(request, plan, item_id)
    if plan.status != Plan.Status.DRAFT:
        messages.warning(request, f"“{plan.title}”已经主任会议通过，项目不能再修改；可以记录推迟、取消或已审议")
        return redirect("oversight_plan", congress_code=congress_code, plan_id=plan.pk)
    form = ItemForm(initial=ItemForm.initial_for(item), congress=request.congress, plan=plan, auto_id="item_%s")
    return render(request, "oversight/plan_item_form.html", {"plan": plan, "item": item, "form": form})


@require_POST
def plan_action(request, congress_code, plan_id, what):
    """One step of a plan. Refused input comes back as typed, beside its field."""
    if what not in PLAN_STEPS:
        raise Http404
    permission = PLAN_STEPS[what]
    gate = requires(permission)(lambda r: None)(request)
    if gate is not None:
        return gate
    congress, user = request.congress, request.user
    plan = queries.plan_for(request, plan_id)
    item = _item_of(request, plan, request.POST.get("item")) if what == "item" and request.POST.get("item") else None
    form = {
        "item": lambda: ItemForm(request.POST, congress=congress, plan=plan, auto_id="item_%s"),
        "approve": lambda: ApproveForm(request.POST, congress=congress, auto_id="approve_%s"),
        "publish": lambda: PublishForm(request.POST, auto_id="publish_%s"),
        "item-status": lambda: ItemStatusForm(request.POST, auto_id=f"status{_digits(request.POST.get('item'))}_%s"),
    }[what]()

    def refused():
        if item is not None:
            return render(request, "oversight/plan_item_form.html", {"plan": plan, "item": item, "form": form},
                          status=422)
        return _plan_page(request, plan, {what: form}, status=422)

    if not form.is_valid():
        return refused()
    data = form.cleaned_data
    try:
        if what == "item":
            saved = actions.arrange_plan_item(congress, plan, actor=user, item=item, kind=data["kind"],
                                              title=data["title"], body=data["body"],
                                              lead_committee=data["lead_committee"],
                                              co_committees=list(data["co_committees"]), leader=data["leader"],
                                              month=data["month"], meeting=data["meeting"],
                                              session_note=data["session_note"], note=data["note"])
            done = f"已{'修改' if item else '增加'}项目“{saved.title}”"
        elif what == "approve":
            actions.approve_oversight_plan(congress, plan, actor=user, meeting=data["meeting"],
                                           approved_on=data["approved_on"])
            done = f"已记录{data['meeting'].title}通过本计划"
        elif what == "publish":
            actions.publish_oversight_plan(congress, plan, actor=user, published_on=data["published_on"])
            done = "计划已公布，公众可以查看"
        else:
            target = _item_of(request, plan, data["item"])
            actions.set_plan_item_status(congress, target, actor=user, status=data["status"], note=data["note"])
            done = f"已记录“{target.title}”：{PlanItem.Status(data['status']).label}"
    except (ValidationError, PermissionDenied) as error:
        add_action_errors(form, error)
        return refused()
    except NotFound as error:
        raise Http404(str(error)) from None
    messages.success(request, done)
    return redirect("oversight_plan", congress_code=congress_code, plan_id=plan.pk)


def _digits(value) -> str:
    value = str(value or "")
    return value if value.isdecimal() else ""


@require_GET
def plan_export(request, congress_code, plan_id):
    plan = queries.plan_for(request, plan_id)
    staff = may(request.user, request.congress, "view_oversight")
    response = HttpResponse(exports.plan_xlsx(plan, item_rows(request.congress, plan), staff=staff), content_type=XLSX)
    return downloads.attachment(response, downloads.yearly(plan.year, "监督工作计划", "xlsx"))


@require_GET
def plan_print(request, congress_code, plan_id):
    plan = queries.plan_for(request, plan_id)
    rows = item_rows(request.congress, plan)
    return render(request, "oversight/plan_print.html", {
        "plan": plan, "groups": grouped(rows, "month"), "staff": may(request.user, request.congress, "view_oversight"),
        "joint": queries.joint_activities(request.congress, plan.year)})


@require_GET
def public_page(request, congress_code):
    """For citizens: the published plans and where each item stands, in plain words; no staff names."""
    congress = request.congress
    plans = list(Plan.objects.in_congress(congress).filter(status=Plan.Status.PUBLISHED))
    year = request.GET.get("year", "")
    plan = next((p for p in plans if str(p.year) == year), plans[0] if plans else None)
    rows = item_rows(congress, plan) if plan else []
    return render(request, "oversight/plan_public.html", {
        "plans": plans, "plan": plan, "groups": grouped(rows, "month"),
        "joint": queries.joint_activities(congress, plan.year) if plan else []})


urlpatterns = [
    path("oversight/", plan_list, name="oversight_plans"),
    path("oversight/public/", public_page, name="oversight_public"),
    path("oversight/plans/new/", plan_new, name="oversight_plan_new"),
    path("oversight/plans/<int:plan_id>/", plan_detail, name="oversight_plan"),
    path("oversight/plans/<int:plan_id>/items/<int:item_id>/edit/", item_edit, name="oversight_plan_item_edit"),
    path("oversight/plans/<int:plan_id>/do/<str:what>/", plan_action, name="oversight_plan_action"),
    path("oversight/plans/<int:plan_id>/export.xlsx", plan_export, name="oversight_plan_export"),
    path("oversight/plans/<int:plan_id>/print/", plan_print, name="oversight_plan_print"),
]
