"""The plans' pages: the list and a new plan (staff, members), a plan with its statistics, items and
the steps (add an item, adopt), an item with its moves, bill and research; the proposals' queue and
the decision (office), a deputy's or body's proposal form and their own proposals, the public form
and the reference-code lookup; the adopted plans for everyone; starting a post-enactment review.
Another congress's id is not found."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renda.core import spreadsheets
from renda.core.errors import NotFound
from renda.core.permissions import may, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.spreadsheets import Column
from renda.core.views_helpers import add_action_errors, flash_errors, gate, get_or_404, requires
from renda.legislation.models import Law
from renda.legislative_plans import actions, public_intake, queries
from renda.legislative_plans.forms import (
    ActivityForm,
    AdoptForm,
    AmendmentForm,
    BillForm,
    ChangeItemForm,
    DecisionForm,
    ItemForm,
    PlanForm,
    ProposalForm,
    PublicProposalForm,
    ReviewForm,
    TrackForm,
)
from renda.legislative_plans.models import (
    LegislativePlan,
    PlanItem,
    PlanItemMove,
    PostEnactmentReview,
    Proposal,
)
from renda.liaison import codes
from renda.people.models import Organisation

PLAN_STEPS = {"item": "add_plan_item", "adopt": "adopt_legislative_plan"}
ITEM_STEPS = {"change": "change_plan_item", "bill": "start_bill_for_plan_item", "research": "start_legislative_research"}


def _address(request) -> str:
    return request.META.get("REMOTE_ADDR", "")


# ── plans ──


def _counted(status: str):
    """The plan's number of items of one kind (正式 / 预备 / 调研), from its statistics."""
    return lambda row: next(s["count"] for s in row["stats"]["by_status"] if s["status"] == status)


# The lists' exports (core.spreadsheets): the columns each list shows; counts as numbers, dates as dates.
PLAN_COLUMNS = [
    Column("标题", "plan.title"), Column("类别", lambda r: r["plan"].get_kind_display()),
    Column("年度", "plan.year", "int"), Column("状态", lambda r: r["plan"].get_status_display()),
    Column("通过日期", "plan.adopted_on", "date"), Column("项目数", "stats.total", "int"),
] + [Column(label, _counted(value), "int") for value, label in PlanItem.Status.choices] + [
    Column("已起草", "stats.drafting", "int"), Column("已一审", "stats.first_reading", "int"),
    Column("已通过", "stats.passed", "int"),
]
PROPOSAL_COLUMNS = [
    Column("法规名称", "title"), Column("提出人", "proposer"), Column("来源", lambda p: p.get_source_display()),
    Column("建议列入年度", "year", "int"), Column("提出日期", "submitted_at", "date"),
    Column("处理情况", lambda p: p.get_status_display()), Column("处理日期", "decided_on", "date"),
    Column("列入计划项目", lambda p: p.item.title if p.item_id else ""),
]

@require_GET
@requires("view_legislative_plans")
def list_page(request, congress_code):
    rows = queries.plans_of(request.congress).order_by("kind", "-year", "-id")
    status = request.GET.get("status", "")
    if status in LegislativePlan.Status.values:
        rows = rows.filter(status=status)
    else:
        status = ""
    q = request.GET.get("q", "").strip()[:100]
    if q:
        rows = rows.filter(title__icontains=q)
    fmt = spreadsheets.wanted(request)
    table = [{"plan": p, "stats": queries.statistics(request.congress, p)} for p in (rows if fmt else rows[:100])]
    if fmt:
        return spreadsheets.export_response(
            request, subject="立法规划和计划", columns=PLAN_COLUMNS, rows=table, fmt=fmt,
            filters=spreadsheets.describe_filters([
                ("状态", LegislativePlan.Status(status).label if status else ""), ("关键词", q)]))
    return render(request, "legislative_plans/list.html", {
        "rows": table, "q": q, "status": status, "statuses": LegislativePlan.Status.choices,
        "may_create": may(request.user, request.congress, "create_legislative_plan"),
        "waiting": Proposal.objects.in_congress(request.congress).filter(status=Proposal.Status.SUBMITTED).count()})


@require_http_methods(["GET", "POST"])
@requires("create_legislative_plan")
def new_page(request, congress_code):
    congress = request.congress
    if request.method != "POST":
        return render(request, "legislative_plans/new.html", {"form": PlanForm(congress=congress)})
    form = PlanForm(request.POST, congress=congress)
    if form.is_valid():
        d = form.cleaned_data
        try:
            plan = actions.create_legislative_plan(congress, actor=request.user, kind=d["kind"], title=d["title"],
                                                   term=d["term"], year=d["year"])
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已建立“{plan.title}”，请列入项目")
            return redirect("legislative_plan", congress_code=congress_code, pk=plan.pk)
    return render(request, "legislative_plans/new.html", {"form": form}, status=422)


def _plan_page(request, plan: LegislativePlan, forms: dict | None = None, status: int = 200):
    congress, user = request.congress, request.user
    forms = forms or {}
    items = queries.items_of(congress).filter(plan=plan).order_by("order", "id")
    staff = may(user, congress, "view_legislative_plans")
    return render(request, "legislative_plans/plan.html", {
        "plan": plan, "stats": queries.statistics(congress, plan), "staff": staff,
        "groups": [(label, [queries.item_row(i) for i in items if i.status == value])
                   for value, label in PlanItem.Status.choices],
        "may_item": may(user, congress, "add_plan_item"),
        "may_adopt": plan.status == LegislativePlan.Status.DRAFT and may(user, congress, "adopt_legislative_plan"),
        "item_form": forms.get("item") or ItemForm(congress=congress),
        "adopt_form": forms.get("adopt") or AdoptForm(congress=congress)}, status=status)


@require_GET
def plan_page(request, congress_code, pk):
    plan = queries.plan_for(request, pk)
    if not may(request.user, request.congress, "view_legislative_plans"):
        # an adopted plan is public, but the staff page's bill progress is not: the public page it is
        return redirect("legislative_plan_public", congress_code=request.congress.code, pk=plan.pk)
    return _plan_page(request, plan)


@require_POST
def plan_step(request, congress_code, pk, what):
    if what not in PLAN_STEPS:
        raise Http404
    denied = gate(request, PLAN_STEPS[what])
    if denied:
        return denied
    congress = request.congress
    plan = get_or_404(queries.plans_of(congress), pk, "找不到该立法规划或计划")
    form = ItemForm(request.POST, congress=congress) if what == "item" else AdoptForm(request.POST, congress=congress)
    if form.is_valid():
        try:
            if what == "item":
                args = form.action_args()
                actions.add_plan_item(congress, plan, actor=request.user, **args)
                done = f"已列入“{args['title']}”"
            else:
                actions.adopt_legislative_plan(congress, plan, actor=request.user,
                                               adopted_on=form.cleaned_data["adopted_on"],
                                               meeting=form.cleaned_data["meeting"])
                done = "已记录通过，计划向社会公开"
        except (ValidationError, PermissionDenied, NotFound) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("legislative_plan", congress_code=congress_code, pk=plan.pk)
    return _plan_page(request, plan, {what: form}, status=422)


@require_GET
def public_list(request, congress_code):
    """The adopted programme and plans, for everyone."""
    rows = queries.plans_of(request.congress).filter(status=LegislativePlan.Status.ADOPTED).order_by("kind", "-year")
    return render(request, "legislative_plans/public_list.html", {"rows": rows})


@require_GET
def public_plan(request, congress_code, pk):
    plan = get_or_404(queries.plans_of(request.congress).filter(status=LegislativePlan.Status.ADOPTED), pk,
                      "找不到该立法规划或计划")
    items = queries.items_of(request.congress).filter(plan=plan).order_by("order", "id")
    return render(request, "legislative_plans/public_plan.html", {
        "plan": plan, "groups": [(label, [queries.item_row(i) for i in items if i.status == value])
                                 for value, label in PlanItem.Status.choices]})


# ── items ──

def _item_page(request, item: PlanItem, forms: dict | None = None, status: int = 200):
    congress, user = request.congress, request.user
    forms = forms or {}
    return render(request, "legislative_plans/item.html", {
        "item": item, "readings": queries.item_row(item)["readings"],
        "moves": PlanItemMove.objects.in_congress(congress).filter(item=item).select_related("by").order_by("at", "id"),
        "proposals": Proposal.objects.in_congress(congress).filter(item=item).order_by("id"),
        "research": queries.research_for(congress, bill=item.bill, item=item),
        "may": {name: may(user, congress, permission) for name, permission in ITEM_STEPS.items()},
        "change_form": forms.get("change") or ChangeItemForm(initial=ChangeItemForm.initial_for(item), congress=congress),
        "bill_form": forms.get("bill") or BillForm(congress=congress),
        "research_form": forms.get("research") or ActivityForm(
            initial={"title": f"{item.title}立法调研", "year": item.plan.year or None}, congress=congress),
    }, status=status)


@require_GET
@requires("view_legislative_plans")
def item_page(request, congress_code, pk):
    return _item_page(request, get_or_404(queries.items_of(request.congress), pk, "找不到该立法计划项目"))


@require_POST
def item_step(request, congress_code, pk, what):
    if what not in ITEM_STEPS:
        raise Http404
    denied = gate(request, ITEM_STEPS[what])
    if denied:
        return denied
    congress, user = request.congress, request.user
    item = get_or_404(queries.items_of(congress), pk, "找不到该立法计划项目")
    form = {"change": ChangeItemForm, "bill": BillForm, "research": ActivityForm}[what](request.POST, congress=congress)
    if form.is_valid():
        d = form.cleaned_data
        try:
            if what == "change":
                args = form.action_args()
                reason, on, bill = args.pop("reason"), args.pop("on"), args.pop("bill")
                actions.change_plan_item(congress, item, actor=user, reason=reason, on=on, bill=bill, **args)
                done = "已调整"
            elif what == "bill":
                bill = actions.start_bill_for_plan_item(congress, item, actor=user, proposer=d["proposer"],
                                                        readings_required=d["readings_required"], text_=d["text"],
                                                        explanation=d["explanation"])
                done = f"已建立法规案“{bill.title}”"
            else:
                research = actions.start_legislative_research(congress, actor=user, item=item, title=d["title"],
                                                              year=d["year"], lead_committee=d["lead_committee"])
                messages.success(request, "已开始筹备立法调研，请确定调研组并制定方案")
                return redirect("oversight_activity", congress_code=congress_code, activity_id=research.activity_id)
        except (ValidationError, PermissionDenied, NotFound) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, done)
            return redirect("legislative_plan_item", congress_code=congress_code, pk=item.pk)
    return _item_page(request, item, {what: form}, status=422)


# ── proposals ──

def proposals_of(congress):
    return Proposal.objects.in_congress(congress).select_related(
        "organisation", "person", "item", "item__plan", "suggestion")


@require_GET
@requires("view_legislative_plans")
def proposals_page(request, congress_code):
    status = request.GET.get("status", Proposal.Status.SUBMITTED)
    rows = proposals_of(request.congress)
    if status in Proposal.Status.values:
        rows = rows.filter(status=status)
    else:
        status = ""
    q = request.GET.get("q", "").strip()[:100]
    if q:
        rows = rows.filter(Q(title__icontains=q) | Q(necessity__icontains=q) | Q(name__icontains=q)
                           | Q(organisation__name__icontains=q) | Q(person__name__icontains=q))
    rows = rows.order_by("submitted_at", "id")
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(
            request, subject="立项建议", columns=PROPOSAL_COLUMNS, rows=rows, fmt=fmt,
            filters=spreadsheets.describe_filters([
                ("处理情况", Proposal.Status(status).label if status else ""), ("关键词", q)]))
    return render(request, "legislative_plans/proposals.html", {
        "rows": rows[:500], "status": status, "statuses": Proposal.Status.choices, "q": q})


def _own_proposal(request, proposal: Proposal) -> bool:
    user = request.user
    return bool(getattr(user, "is_authenticated", False) and proposal.submitted_by_id == user.pk)


def _proposal_page(request, proposal: Proposal, form=None, status: int = 200):
    congress = request.congress
    return render(request, "legislative_plans/proposal.html", {
        "p": proposal, "staff": may(request.user, congress, "view_legislative_plans"),
        "may_decide": proposal.status == Proposal.Status.SUBMITTED
        and may(request.user, congress, "decide_legislative_proposal"),
        "form": form or DecisionForm(initial={"title": proposal.title, "decision": "accept"}, congress=congress)},
        status=status)


@require_GET
def proposal_page(request, congress_code, pk):
    """The office and members see every proposal; a proposer sees their own."""
    proposal = get_or_404(proposals_of(request.congress), pk, "找不到该立项建议")
    if not (may(request.user, request.congress, "view_legislative_plans") or _own_proposal(request, proposal)):
        if not request.user.is_authenticated:
            return gate(request, "view_legislative_plans")
        raise Http404("找不到该立项建议")
    return _proposal_page(request, proposal)


@require_POST
@requires("decide_legislative_proposal")
def decide(request, congress_code, pk):
    congress = request.congress
    proposal = get_or_404(proposals_of(congress), pk, "找不到该立项建议")
    form = DecisionForm(request.POST, congress=congress)
    if form.is_valid():
        d = form.cleaned_data
        try:
            actions.decide_legislative_proposal(
                congress, proposal, actor=request.user, accept=d["decision"] == "accept", reason=d["reason"],
                plan=d["plan"] if d["decision"] == "accept" else None, status=d["status"], title=d["title"],
                committee=d["committee"], drafting_body=d["drafting_body"])
        except (ValidationError, PermissionDenied, NotFound) as error:
            if isinstance(error, ValidationError) and getattr(error, "code", "") == "illegal_transition":
                flash_errors(request, error)
                return redirect("legislative_proposal", congress_code=congress_code, pk=proposal.pk)
            add_action_errors(form, error)
        else:
            messages.success(request, "已列入计划" if d["decision"] == "accept" else "已决定不予立项，提出人可以看到理由")
            return redirect("legislative_proposal", congress_code=congress_code, pk=proposal.pk)
    return _proposal_page(request, proposal, form, status=422)


def _bodies(request):
    """The bodies this account may propose for: any, for the office; their own unit or committee."""
    congress, user = request.congress, request.user
    rows = Organisation.objects.in_congress(congress).filter(active=True).order_by("kind", "name")
    if roles_of(user, congress) & {Role.ADMIN, Role.OFFICE_STAFF}:
        return rows
    own = [pk for role in (Role.UNIT_OFFICER, Role.COMMITTEE_STAFF, Role.CONTACT_POINT_STAFF)
           for pk in organisations_of(user, congress, role)]
    return rows.filter(pk__in=own)


@require_http_methods(["GET", "POST"])
def proposal_new(request, congress_code):
    """A deputy's own proposal, or a body's (the office for any body, staff of a unit or committee for theirs)."""
    congress, user = request.congress, request.user
    if not user.is_authenticated:
        return redirect("legislative_proposal_public_new", congress_code=congress_code)
    if not (roles_of(user, congress) - {Role.PUBLIC}):
        return redirect("legislative_proposal_public_new", congress_code=congress_code)
    bodies = _bodies(request)
    if request.method != "POST":
        return render(request, "legislative_plans/proposal_form.html", {
            "form": ProposalForm(congress=congress, user=user, bodies=bodies)})
    form = ProposalForm(request.POST, congress=congress, user=user, bodies=bodies)
    if form.is_valid():
        d = form.cleaned_data
        try:
            proposal = actions.submit_legislative_proposal(
                congress, actor=user, title=d["title"], necessity=d["necessity"], feasibility=d["feasibility"],
                main_content=d["main_content"], legal_basis=d["legal_basis"], year=d["year"],
                organisation=d.get("organisation"), suggestion=d.get("suggestion"))
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "立项建议已提交，研究处理后可在“我的立项建议”查看")
            return redirect("legislative_proposal", congress_code=congress_code, pk=proposal.pk)
    return render(request, "legislative_plans/proposal_form.html", {"form": form}, status=422)


@require_GET
def proposals_mine(request, congress_code):
    if not request.user.is_authenticated:
        return gate(request, "view_legislative_plans")
    rows = proposals_of(request.congress).filter(submitted_by=request.user).order_by("-submitted_at", "-id")
    return render(request, "legislative_plans/proposals_mine.html", {"rows": rows[:200]})


@require_http_methods(["GET", "POST"])
def public_new(request, congress_code):
    """The public's proposal, without an account: limited per address and per hour, a sum after a few."""
    congress = request.congress
    context: dict = {}
    if request.method != "POST":
        verdict = public_intake.check(congress, _address(request))
        form = PublicProposalForm()
        if verdict.needs_challenge:
            question, token = public_intake.new_challenge()
            form = PublicProposalForm(initial={"challenge_token": token})
            context["question"] = question
        return render(request, "legislative_plans/public_proposal.html",
                      context | {"form": form, "refused": verdict.refused}, status=429 if verdict.refused else 200)
    form = PublicProposalForm(request.POST)
    verdict = public_intake.admit(congress, _address(request), request.POST.get("challenge_token", ""),
                                  request.POST.get("challenge", ""))
    if verdict.refused:
        return render(request, "legislative_plans/public_proposal.html", {"form": form, "refused": verdict.refused},
                      status=429)
    if verdict.needs_challenge:
        question, token = public_intake.new_challenge()
        context["question"] = question
        form.data = form.data.copy()
        form.data["challenge_token"] = token
        form.data["challenge"] = ""
    if form.is_valid() and not verdict.challenge_failed:
        d = form.cleaned_data
        try:
            proposal = public_intake.accept(congress, lambda: actions.submit_legislative_proposal(
                congress, actor=AnonymousUser(), title=d["title"], necessity=d["necessity"],
                feasibility=d["feasibility"], main_content=d["main_content"], legal_basis=d["legal_basis"],
                year=d["year"], name=d["name"], contact=d["contact"]))
        except public_intake.Full as full:
            return render(request, "legislative_plans/public_proposal.html", {"form": form, "refused": full.message},
                          status=429)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            return render(request, "legislative_plans/public_done.html", {"p": proposal}, status=201)
    elif verdict.challenge_failed:
        form.is_valid()
        form.add_error("challenge", verdict.challenge_problem)
    return render(request, "legislative_plans/public_proposal.html", context | {"form": form}, status=422)


@require_GET
def track(request, congress_code):
    """The public's lookup by reference code: what became of the proposal (the office's reason when declined)."""
    congress = request.congress
    raw = request.GET.get("code", "")
    if not raw:
        return render(request, "legislative_plans/track.html", {"form": TrackForm()})
    form = TrackForm(request.GET)
    code, problem = codes.parse(raw)
    if problem:
        form.is_valid()
        form.add_error("code", problem)
        return render(request, "legislative_plans/track.html", {"form": form}, status=422)
    found, refused = public_intake.look_up(congress, _address(request),
                                           lambda: proposals_of(congress).filter(reference_code=code).first())
    if refused:
        return render(request, "legislative_plans/track.html", {"form": form, "refused": public_intake.LOOKUP_REFUSAL},
                      status=429)
    if found is None:
        form.is_valid()
        form.add_error("code", codes.NOT_FOUND)
        return render(request, "legislative_plans/track.html", {"form": form}, status=404)
    return render(request, "legislative_plans/track.html", {"form": form, "p": found})


# ── post-enactment review ──

@require_http_methods(["GET", "POST"])
@requires("start_post_enactment_review")
def review_new(request, congress_code):
    congress = request.congress
    if request.method != "POST":
        law = Law.objects.in_congress(congress).filter(pk=request.GET.get("law") or 0).first() \
            if str(request.GET.get("law", "")).isdecimal() else None
        initial = {"law": law.pk, "title": f"{law.title}立法后评估"} if law else {}
        return render(request, "legislative_plans/review_new.html", {"form": ReviewForm(initial=initial,
                                                                                       congress=congress)})
    form = ReviewForm(request.POST, congress=congress)
    if form.is_valid():
        d = form.cleaned_data
        try:
            review = actions.start_post_enactment_review(congress, d["law"], actor=request.user, title=d["title"],
                                                         year=d["year"], lead_committee=d["lead_committee"])
        except (ValidationError, PermissionDenied) as error:
            add_action_errors(form, error)
        else:
            messages.success(request, "已开始筹备立法后评估，请确定评估组并制定方案")
            return redirect("oversight_activity", congress_code=congress_code, activity_id=review.activity_id)
    return render(request, "legislative_plans/review_new.html", {"form": form}, status=422)


@require_POST
@requires("link_review_amendment")
def review_amendment(request, congress_code, pk):
    congress = request.congress
    review = get_or_404(PostEnactmentReview.objects.in_congress(congress).select_related("activity"), pk,
                        "找不到该立法后评估")
    form = AmendmentForm(request.POST, congress=congress, law_id=review.law_id)
    try:
        if not form.is_valid():
            raise ValidationError(form.errors.get("bill") or "请选择修改法规案")
        actions.link_review_amendment(congress, review, actor=request.user, bill=form.cleaned_data["bill"])
    except (ValidationError, PermissionDenied) as error:
        flash_errors(request, error)
    else:
        messages.success(request, "已关联修改法规案")
    return redirect("oversight_activity", congress_code=congress_code, activity_id=review.activity_id)


urlpatterns: list = [
    path("legislative-plans/", list_page, name="legislative_plans"),
    path("legislative-plans/new/", new_page, name="legislative_plans_new"),
    path("legislative-plans/public/", public_list, name="legislative_plans_public"),
    path("legislative-plans/public/<int:pk>/", public_plan, name="legislative_plan_public"),
    path("legislative-plans/<int:pk>/", plan_page, name="legislative_plan"),
    path("legislative-plans/<int:pk>/do/<str:what>/", plan_step, name="legislative_plan_step"),
    path("legislative-plans/items/<int:pk>/", item_page, name="legislative_plan_item"),
    path("legislative-plans/items/<int:pk>/do/<str:what>/", item_step, name="legislative_plan_item_step"),
    path("legislative-plans/proposals/", proposals_page, name="legislative_proposals"),
    path("legislative-plans/proposals/new/", proposal_new, name="legislative_proposal_new"),
    path("legislative-plans/proposals/mine/", proposals_mine, name="legislative_proposals_mine"),
    path("legislative-plans/proposals/public/", public_new, name="legislative_proposal_public_new"),
    path("legislative-plans/proposals/track/", track, name="legislative_proposal_track"),
    path("legislative-plans/proposals/<int:pk>/", proposal_page, name="legislative_proposal"),
    path("legislative-plans/proposals/<int:pk>/decide/", decide, name="legislative_proposal_decide"),
    path("legislative-plans/reviews/new/", review_new, name="legislative_review_new"),
    path("legislative-plans/reviews/<int:pk>/amendment/", review_amendment, name="legislative_review_amendment"),
]
