"""The map page (who is in charge of which committee, which departments each committee faces; the
office edits both there), each leader's page (what is theirs, grouped and counted) and a
committee's page (its leader and departments). STAFF and standing-committee members read them;
the office edits. Another congress's person, committee or row is not found."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path, reverse
from django.utils import timezone
from django.views.decorators.http import require_GET, require_POST

from renda.core import spreadsheets
from renda.core.errors import NotFound
from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, gate, get_or_404, requires
from renda.people.models import Organisation, Person
from renda.portfolios import actions, queries
from renda.portfolios.forms import EndForm, LiaisonForm, PortfolioForm
from renda.portfolios.models import Liaison, Portfolio

K = Organisation.Kind


def _leader(row: dict) -> str:
    return row["portfolio"].leader.name if row["portfolio"] else ""


# The lists' exports (core.spreadsheets): what each page lists, the start of a portfolio as a date.
MAP_COLUMNS = [
    spreadsheets.Column("工作委员会", "committee.name"), spreadsheets.Column("分管领导", _leader),
    spreadsheets.Column("分管起始日期", "portfolio.start", "date"),
    spreadsheets.Column("对口联系部门", lambda r: "、".join(link.unit.name for link in r["liaisons"])),
    spreadsheets.Column("对口联系部门数", lambda r: len(r["liaisons"]), "int"),
]
LEADER_COLUMNS = [
    spreadsheets.Column("姓名", "person.name"),
    spreadsheets.Column("分管", lambda r: "、".join(com.name for com in r["committees"]) or "未设定"),
    spreadsheets.Column("分管委员会数", lambda r: len(r["committees"]), "int"),
]


def _map_page(request, forms: dict | None = None, status: int = 200):
    c = request.congress
    forms = forms or {}
    today = timezone.localdate()
    committees = list(Organisation.objects.in_congress(c).filter(kind=K.WORKING_COMMITTEE).order_by("name"))
    now_p = {p.committee_id: p for p in queries.portfolios(c, today)}
    now_l: dict[int, list] = {}
    for row in queries.liaisons(c, today).order_by("unit__name"):
        now_l.setdefault(row.committee_id, []).append(row)
    rows = [{"committee": com, "portfolio": now_p.get(com.pk), "liaisons": now_l.get(com.pk, [])} for com in committees]
    q = request.GET.get("q", "").strip()[:100]
    if q:
        rows = [r for r in rows if any(q in text for text in [r["committee"].name, _leader(r)]
                                       + [link.unit.name for link in r["liaisons"]])]
    if status == 200 and (fmt := spreadsheets.wanted(request)):
        return spreadsheets.export_response(
            request, subject="分管与对口联系", columns=MAP_COLUMNS, rows=rows, fmt=fmt,
            filters=spreadsheets.describe_filters([("日期", f"{today:%Y-%m-%d}"), ("关键词", q)]))
    return render(request, "portfolios/map.html", {
        "rows": rows, "today": today, "q": q, "may_edit": may(request.user, c, "edit_portfolios"),
        "portfolios": Portfolio.objects.in_congress(c).select_related("leader", "committee")
        .order_by("committee__name", "-start"),
        "liaisons": Liaison.objects.in_congress(c).select_related("committee", "unit").order_by("committee__name",
                                                                                                 "unit__name", "-start"),
        "leaders": queries.leaders(c, today),
        "portfolio_form": forms.get("assign") or PortfolioForm(congress=c),
        "liaison_form": forms.get("link") or LiaisonForm(congress=c),
        "end_errors": forms.get("end"),
    }, status=status)


@require_GET
@requires("view_portfolios")
def map_page(request, congress_code):
    return _map_page(request)


@require_POST
def map_action(request, congress_code, what, pk=None):
    denied = gate(request, "edit_portfolios")
    if denied:
        return denied
    c, user = request.congress, request.user
    form: PortfolioForm | LiaisonForm | EndForm
    if what == "assign":
        form = PortfolioForm(request.POST, congress=c)
    elif what == "link":
        form = LiaisonForm(request.POST, congress=c)
    elif what in ("end_portfolio", "end_liaison") and pk is not None:
        form = EndForm(request.POST)
    else:
        raise Http404
    key = what if what in ("assign", "link") else "end"
    if not form.is_valid():
        return _map_page(request, {key: form}, status=422)
    d = form.cleaned_data
    try:
        if what == "assign":
            actions.assign_portfolio(c, actor=user, leader=d["leader"], committee=d["committee"], start=d["start"],
                                     end=d["end"])
            done = "分管已设定"
        elif what == "link":
            actions.link_unit(c, actor=user, committee=d["committee"], unit=d["unit"], start=d["start"], end=d["end"])
            done = "对口联系已设定"
        elif what == "end_portfolio":
            row = get_or_404(Portfolio.objects.in_congress(c), pk, "找不到该分管")
            actions.end_portfolio(c, row, actor=user, end=d["end"])
            done = "分管已结束"
        else:
            link = get_or_404(Liaison.objects.in_congress(c), pk, "找不到该对口联系")
            actions.end_liaison(c, link, actor=user, end=d["end"])
            done = "对口联系已结束"
    except (ValidationError, PermissionDenied, NotFound) as error:
        add_action_errors(form, error if isinstance(error, ValidationError) else ValidationError(str(error)))
        return _map_page(request, {key: form}, status=422)
    messages.success(request, done)
    return redirect("portfolios_map", congress_code=congress_code)


def _leader_or_404(congress, person_id: int) -> Person:
    """A person who holds (or held) a leader's post here, or who has a portfolio here; else 404."""
    from renda.people.models import Membership

    held = Membership.objects.in_congress(congress).filter(
        person_id=person_id, organisation__kind=K.STANDING_COMMITTEE, post__in=queries.LEADER_POSTS).exists()
    if not held and not Portfolio.objects.in_congress(congress).filter(leader_id=person_id).exists():
        raise Http404("找不到该领导")
    return Person.objects.get(pk=person_id)


SHOWN = 50


def _row(code: str, key: str, obj) -> dict:
    """One line of a leader's page: what it is, where it is, its state."""
    url = None
    if key == "suggestions":
        url = reverse("suggestion_detail", kwargs={"congress_code": code, "suggestion_id": obj.pk})
        title = f"{obj.numbered} {obj}" if obj.number else str(obj)
    elif key == "plan_items":
        url = reverse("oversight_plan", kwargs={"congress_code": code, "plan_id": obj.plan_id})
        title = obj.title
    elif key == "activities":
        url = reverse("oversight_activity", kwargs={"congress_code": code, "activity_id": obj.pk})
        title = obj.title
    elif key == "livelihood":
        url = reverse("livelihood_project", kwargs={"congress_code": code, "proposal_id": obj.pk})
        title = obj.title
    elif key == "rectification":
        url = reverse("rectification_item", kwargs={"congress_code": code, "pk": obj.pk})
        title = f"{obj.problem[:60]}（{obj.unit.name if obj.unit_id else '—'}，{obj.due_on:%Y-%m-%d}）"
    else:
        title = getattr(obj, "text", str(obj))[:80]
    state = obj.get_status_display() if hasattr(obj, "get_status_display") else ""
    return {"title": title, "url": url, "state": state}


@require_GET
@requires("view_portfolios")
def leader_page(request, congress_code, person_id):
    c = request.congress
    person = _leader_or_404(c, person_id)
    work = queries.work_of_leader(c, person)
    counts = work.counts()
    groups = [{"key": key, "label": queries.GROUPS[key], "count": counts[key],
               "rows": [_row(congress_code, key, obj) for obj in qs[:SHOWN]]}
              for key, qs in work.groups.items()]
    return render(request, "portfolios/leader.html", {"person": person, "work": work, "groups": groups,
                                                     "history": Portfolio.objects.in_congress(c).filter(leader=person)
                                                     .select_related("committee").order_by("-start")})


@require_GET
@requires("view_portfolios")
def leaders_page(request, congress_code):
    c = request.congress
    rows = [{"person": p, "committees": queries.committees_of(c, p)} for p in queries.leaders(c)]
    q = request.GET.get("q", "").strip()[:100]
    if q:
        rows = [r for r in rows if q in r["person"].name or any(q in com.name for com in r["committees"])]
    if fmt := spreadsheets.wanted(request):
        return spreadsheets.export_response(
            request, subject="常委会领导分管", columns=LEADER_COLUMNS, rows=rows, fmt=fmt,
            filters=spreadsheets.describe_filters([("关键词", q)]))
    return render(request, "portfolios/leaders.html", {"rows": rows, "q": q})


def committee_section(congress, committee: Organisation, day=None) -> dict:
    """For a committee page: its leader in charge and the departments it faces (on ``day``)."""
    return {"leader": queries.leader_for_committee(congress, committee, day),
            "units": [row.unit for row in queries.liaisons(congress, day).filter(committee=committee)
                      .order_by("unit__name")]}


@require_GET
@requires("view_portfolios")
def committee_page(request, congress_code, committee_id):
    c = request.congress
    committee = get_or_404(Organisation.objects.in_congress(c).filter(kind=K.WORKING_COMMITTEE), committee_id,
                           "找不到该工作委员会")
    return render(request, "portfolios/committee.html", {"committee": committee, "shown": True,
                                                          **committee_section(c, committee)})


urlpatterns: list = [
    path("portfolios/", map_page, name="portfolios_map"),
    path("portfolios/do/<str:what>/", map_action, name="portfolios_action"),
    path("portfolios/do/<str:what>/<int:pk>/", map_action, name="portfolios_row_action"),
    path("portfolios/committees/<int:committee_id>/", committee_page, name="portfolios_committee"),
    path("leaders/", leaders_page, name="portfolios_leaders"),
    path("leaders/<int:person_id>/", leader_page, name="portfolios_leader"),
]
