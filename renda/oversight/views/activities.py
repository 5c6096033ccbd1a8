"""The activity pages: the list of surveys, inspections and visits (filters in the address), a new one,
one activity's page — its stage, team, committees, laws, plan document and itinerary county by county,
then the fieldwork and report sections — the team and plan-document forms, and the printable plan."""

from __future__ import annotations

import datetime
from collections import Counter

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from renda.core import jinja, spreadsheets, tallies, versioned
from renda.core.errors import NotFound
from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, flash_errors, gate
from renda.oversight import exports, queries
from renda.oversight import tallies as kept
from renda.oversight.actions import activities as actions
from renda.oversight.forms.activities import ActivityForm, PlanDocumentForm, TeamForm
from renda.oversight.models import Activity, ActivityCommittee, PlanItem, Stop, TeamMember
from renda.oversight.views import fieldwork, reporting
from renda.people.models import Membership, Organisation
from renda.people.validation import id_or_none

ACTIVITY_STEPS = {"team": "set_team", "plan": "write_activity_plan", "begin": "begin_fieldwork"}
VICE_CHAIR_POSTS = (Membership.Post.CHAIR, Membership.Post.VICE_CHAIR)





@require_GET
def activity_list(request, congress_code):
    """Staff and standing-committee members see every activity; a deputy or member sees those whose
    team they are on."""
    congress, user = request.congress, request.user
    if may(user, congress, "view_oversight"):
        rows = Activity.objects.in_congress(congress)
        everyone = True
    else:
        if not user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        rows = queries.team_activities(user, congress)
        everyone = False
        if not rows.exists():
            raise PermissionDenied("您没有“查看监督工作”的权限，也不在任何调研（检查）组中")
    year = id_or_none(request.GET.get("year"))
    kind = request.GET.get("kind", "")
    status = request.GET.get("status", "")
    if year:
        rows = rows.filter(year=year)
    if kind in Activity.Kind.values:
        rows = rows.filter(kind=kind)
    if status in Activity.Status.values:
        rows = rows.filter(status=status)
    q = exports.keyword(request)
    rows = exports.matching(rows, q, "title", "goals", "lead_committee__name", "organiser__name")
    rows = rows.select_related("lead_committee", "organiser", "plan_item", "partner")
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(
            request, subject="调研、检查和视察" if everyone else "我参加的调研、检查和视察",
            columns=exports.ACTIVITY_COLUMNS, rows=rows.order_by("-year", "-id"), fmt=fmt,
            filters=spreadsheets.describe_filters([
                ("年度", year), ("类别", Activity.Kind(kind).label if kind in Activity.Kind.values else ""),
                ("状态", Activity.Status(status).label if status in Activity.Status.values else ""), ("关键词", q)]))
    can_start = may(user, congress, "start_activity")

    def context() -> dict:
        return {"congress": congress, "request": request, "activities": list(rows[:500]), "everyone": everyone,
                "years": sorted(tallies.periods(kept.ACTIVITIES, congress), reverse=True) if everyone else [],
                "year": year, "kind": kind, "status": status, "q": q, "kinds": Activity.Kind.choices,
                "statuses": Activity.Status.choices, "can_start": can_start,
                "joint": queries.joint_activities(congress, year) if everyone else []}

    # Below the tabs the list (up to 500 rows) is the same for every reader of the whole list, and for one team
    # member, while the data stands: rendered once per data version, reader and filter.
    reader = "all" if everyone else f"user{user.pk}"
    body = jinja.kept_part(request, f"oversight:activities:{reader}:{can_start:d}:{versioned.query_key(request.GET)}",
                           "oversight/_activity_list_body.html", context)
    return render(request, "oversight/activity_list.html", {"body": body})


@require_http_methods(["GET", "POST"])
def activity_new(request, congress_code):
    denied = gate(request, "start_activity")
    if denied:
        return denied
    congress = request.congress
    if request.method == "POST":
        form = ActivityForm(request.POST, congress=congress)
        if form.is_valid():
            try:
                activity = actions.start_activity(congress, actor=request.user, **form.cleaned_data)
            except (ValidationError, PermissionDenied) as error:
                add_action_errors(form, error)
            else:
                messages.success(request, f"已开始筹备“{activity.title}”，请确定组成人员并制定方案")
                return redirect("oversight_activity", congress_code=congress_code, activity_id=activity.pk)
        return render(request, "oversight/activity_new.html", {"form": form}, status=422)
    initial: dict = {"year": timezone.localdate().year}
    item = PlanItem.objects.in_congress(congress).filter(pk=id_or_none(request.GET.get("item")) or 0) \
        .select_related("plan").first()
    if item is not None and item.kind in PlanItem.FIELD_KINDS:
        initial |= {"plan_item": item.pk, "kind": item.kind, "title": item.title, "year": item.plan.year,
                    "lead_committee": item.lead_committee_id}
    return render(request, "oversight/activity_new.html", {"form": ActivityForm(initial=initial, congress=congress)})


def team_by_role(congress, activity: Activity) -> list[tuple[str, list[TeamMember]]]:
    team = TeamMember.objects.in_congress(congress).filter(activity=activity).select_related("person")
    groups: dict[str, list[TeamMember]] = {role.label: [] for role in TeamMember.Role}
    for member in team:
        groups[member.get_role_display()].append(member)
    return [(label, members) for label, members in groups.items() if members]


def itinerary(congress, activity: Activity) -> dict:
    """The stops by county (in order of the first visit), with how many sites each: "15 处：7/3/5"."""
    stops = list(Stop.objects.in_congress(congress).filter(activity=activity).order_by("day", "id"))
    counties: dict[str, list[Stop]] = {}
    for stop in stops:
        counties.setdefault(stop.county, []).append(stop)
    days = Counter(stop.day for stop in stops)
    summary = ""
    if stops:
        summary = (f"共 {len(stops)} 处，分布在 {len(counties)} 个县（市、区）："
                   + "、".join(f"{county} {len(rows)} 处" for county, rows in counties.items()))
    return {"stops": stops, "counties": list(counties.items()), "summary": summary, "days": len(days)}


def team_warnings(congress, activity: Activity) -> list[str]:
    """What the office should look at before the team goes out (advice; the action does not refuse)."""
    leader = TeamMember.objects.in_congress(congress).filter(activity=activity, role=TeamMember.Role.LEADER) \
        .select_related("person").first()
    warnings = []
    if leader is None:
        warnings.append("尚未确定组长")
    elif activity.kind in actions.NEEDS_ITINERARY:
        today = timezone.localdate()
        heads = Membership.objects.in_congress(congress).filter(
            person_id=leader.person_id, post__in=VICE_CHAIR_POSTS, start__lte=today,
            organisation__kind__in=(Organisation.Kind.STANDING_COMMITTEE, Organisation.Kind.DIRECTORS_MEETING),
        ).exclude(end__lt=today)
        if not heads.exists():
            warnings.append(f"组长“{leader.person.name}”目前不是常委会主任或副主任；{activity.get_kind_display()}"
                            "通常由副主任带队")
    return warnings


def stepper(activity: Activity) -> list[dict]:
    """The activity's stages; a visit (视察) ends at its report, it is not put before the standing committee."""
    states = [s for s in Activity.Status
              if not (activity.kind == Activity.Kind.VISIT and s == Activity.Status.ON_AGENDA)]
    at = states.index(Activity.Status(activity.status))
    return [{"label": s.label, "state": "done" if n < at else "current" if n == at else ""} for n, s in enumerate(states)]


def activity_detail(request, congress_code, activity_id):
    activity = queries.activity_for(request, activity_id)
    return render(request, "oversight/activity.html", activity_context(request, activity))


def activity_context(request, activity: Activity) -> dict:
    congress, user = request.congress, request.user
    preparing = activity.status == Activity.Status.PREPARING
    context = {
        "activity": activity, "steps": stepper(activity), "team": team_by_role(congress, activity),
        "committees": [c.organisation for c in ActivityCommittee.objects.in_congress(congress)
                       .filter(activity=activity).select_related("organisation")],
        "plan": itinerary(congress, activity), "warnings": team_warnings(congress, activity),
        "staff": may(user, congress, "view_oversight"),
        "can_team": activity.status in (Activity.Status.PREPARING, Activity.Status.UNDER_WAY)
        and may(user, congress, "set_team"),
        "can_plan": preparing and may(user, congress, "write_activity_plan"),
        "can_begin": preparing and may(user, congress, "begin_fieldwork"),
    }
    context |= fieldwork.activity_context(request, activity)
    context |= reporting.activity_context(request, activity)
    return context


@require_GET
def team_page(request, congress_code, activity_id):
    denied = gate(request, "set_team")
    if denied:
        return denied
    activity = queries.activity_for(request, activity_id)
    form = TeamForm(initial=TeamForm.initial_for(request.congress, activity), congress=request.congress,
                    activity=activity)
    return render(request, "oversight/activity_team.html", {"activity": activity, "form": form})


@require_GET
def plan_page(request, congress_code, activity_id):
    denied = gate(request, "write_activity_plan")
    if denied:
        return denied
    activity = queries.activity_for(request, activity_id)
    initial, rows = PlanDocumentForm.initial_for(request.congress, activity)
    if not activity.starts_on:
        initial |= {"starts_on": None, "ends_on": None}
    form = PlanDocumentForm(initial=initial, rows=rows)
    return render(request, "oversight/activity_plan_form.html", {"activity": activity, "form": form})


@require_GET
def print_page(request, congress_code, activity_id):
    """The plan document (调研方案/检查方案) as it is printed and handed to the team."""
    activity = queries.activity_for(request, activity_id)
    return render(request, "oversight/activity_print.html", {
        "activity": activity, "team": team_by_role(request.congress, activity), "plan": itinerary(request.congress, activity),
        "committees": [c.organisation for c in ActivityCommittee.objects.in_congress(request.congress)
                       .filter(activity=activity).select_related("organisation")],
        "document": "检查方案" if activity.kind == Activity.Kind.LAW_INSPECTION else
                    "视察方案" if activity.kind == Activity.Kind.VISIT else
                    "评估方案" if activity.kind == Activity.Kind.POST_ENACTMENT_REVIEW else "调研方案",
        "today": datetime.date.today()})


@require_POST
def activity_action(request, congress_code, activity_id, what):
    """One step of an activity: the team, the plan document, going into the field."""
    if what not in ACTIVITY_STEPS:
        raise Http404
    denied = gate(request, ACTIVITY_STEPS[what])
    if denied:
        return denied
    congress, user = request.congress, request.user
    activity = queries.activity_for(request, activity_id)
    back = redirect("oversight_activity", congress_code=congress_code, activity_id=activity.pk)
    try:
        if what == "begin":
            try:
                actions.begin_fieldwork(congress, activity, actor=user)
            except (ValidationError, PermissionDenied) as error:
                flash_errors(request, error)
                return back
            messages.success(request, "调研（检查）已开始，可以发通知、致函和记录实地察看")
            return back
        if what == "team":
            form = TeamForm(request.POST, congress=congress, activity=activity)
            if form.is_valid():
                try:
                    actions.set_team(congress, activity, actor=user, leader=form.cleaned_data["leader"],
                                     members=form.members(), committees=list(form.cleaned_data["committees"]))
                except (ValidationError, PermissionDenied) as error:
                    add_action_errors(form, error)
                else:
                    messages.success(request, "已确定调研（检查）组组成人员")
                    return back
            return render(request, "oversight/activity_team.html", {"activity": activity, "form": form}, status=422)
        rows = PlanDocumentForm.rows_in(request.POST)
        if "more" in request.POST:  # one more itinerary row, keeping every value typed so far
            form = PlanDocumentForm(initial=request.POST.dict() | {"rows": rows + 1}, rows=rows + 1)
            return render(request, "oversight/activity_plan_form.html", {"activity": activity, "form": form})
        form = PlanDocumentForm(request.POST, rows=rows)
        if form.is_valid():
            stops, where = form.stops()
            data = form.cleaned_data
            try:
                actions.write_activity_plan(congress, activity, actor=user, goals=data["goals"],
                                            questions=data["questions"], starts_on=data["starts_on"],
                                            ends_on=data["ends_on"], stops=stops)
            except ValidationError as error:
                if hasattr(error, "error_dict"):
                    found = dict(error.message_dict)
                    form.place_stop_errors(found.pop("stops", []), where)
                    if found:
                        add_action_errors(form, ValidationError(found))
                else:
                    add_action_errors(form, error)
            except PermissionDenied as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, "已保存方案和行程")
                return back
        return render(request, "oversight/activity_plan_form.html", {"activity": activity, "form": form}, status=422)
    except NotFound as error:
        raise Http404(str(error)) from None


urlpatterns = [
    path("oversight/activities/", activity_list, name="oversight_activities"),
    path("oversight/activities/new/", activity_new, name="oversight_activity_new"),
    path("oversight/activities/<int:activity_id>/", activity_detail, name="oversight_activity"),
    path("oversight/activities/<int:activity_id>/team/", team_page, name="oversight_activity_team"),
    path("oversight/activities/<int:activity_id>/plan/", plan_page, name="oversight_activity_plan"),
    path("oversight/activities/<int:activity_id>/print/", print_page, name="oversight_activity_print"),
    path("oversight/activities/<int:activity_id>/do/<str:what>/", activity_action, name="oversight_activity_action"),
]
