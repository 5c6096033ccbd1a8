"""Pages of 代表小组: the groups (count, leader, filters), one group (members with their levels, plan,
activities, watched projects and items, and the office's forms), the new-group and edit forms, and the
bulk placement of a congress's deputies in their groups."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import path
from django.views.decorators.http import require_POST

from renda.core import spreadsheets
from renda.core.permissions import may
from renda.core.views_helpers import add_action_errors, flash_errors, gate, get_or_404, requires
from renda.deputy_groups import actions, exports, queries
from renda.deputy_groups.forms import (
    GroupForm,
    ImportForm,
    MembersForm,
    PlanForm,
    PostForm,
    WatchForm,
    split_line,
)
from renda.deputy_groups.models import GroupMember, GroupProfile
from renda.people.models import Mandate, Organisation


def get_group(request, group_id) -> Organisation:
    return get_or_404(queries.groups(request.congress), group_id, "找不到该代表小组")


@requires("view_deputy_groups")
def list_page(request, congress_code):
    c = request.congress
    basis = request.GET.get("basis", "")
    station = request.GET.get("station", "")
    q = request.GET.get("q", "").strip()
    q = " ".join(q.split())[:100]
    rows = queries.group_rows(c, basis=basis if basis in GroupProfile.Basis.values else "",
                              station=int(station) if station.isdecimal() else None, q=q)
    if fmt := spreadsheets.wanted(request):
        from renda.liaison import reports as liaison_reports

        place = liaison_reports.stations(c).filter(pk=station).first() if station.isdecimal() else None
        return spreadsheets.export_response(
            request, subject="代表小组", columns=exports.GROUPS, rows=rows, fmt=fmt,
            filters=spreadsheets.describe_filters([
                ("划分方式", GroupProfile.Basis(basis).label if basis in GroupProfile.Basis.values else ""),
                ("活动阵地", place.name if place else ""), ("关键词", q)]))
    from renda.liaison import reports as liaison

    return render(request, "deputy_groups/list.html", {
        "rows": rows, "basis": basis, "station": station, "q": q, "bases": GroupProfile.Basis.choices,
        "stations": liaison.stations(c).order_by("name"), "total": sum(r.members for r in rows),
        "may_create": may(request.user, c, "create_deputy_group"),
    })


def new_page(request, congress_code):
    denied = gate(request, "create_deputy_group")
    if denied:
        return denied
    c = request.congress
    form = GroupForm(request.POST or None, congress=c, initial={"basis": "area"}, auto_id="group_%s")
    if request.method == "POST" and form.is_valid():
        try:
            group = actions.create_group(c, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已建立{group.name}")
            return redirect("deputy_group", c.code, group.pk)
    return render(request, "deputy_groups/form.html", {"form": form, "title": "建立代表小组"},
                  status=422 if request.method == "POST" else 200)


def edit_page(request, congress_code, group_id):
    denied = gate(request, "edit_deputy_group")
    if denied:
        return denied
    c, group = request.congress, get_group(request, group_id)
    profile = queries.profile_of(c, group)
    initial = {"name": group.name, "basis": profile.basis if profile else "area", "scope": profile.scope if profile else "",
               "station": profile.station_id if profile else None, "description": profile.description if profile else ""}
    form = GroupForm(request.POST or None, congress=c, initial=initial, auto_id="group_%s")
    if request.method == "POST" and form.is_valid():
        try:
            if profile is None:  # a group from the deputies' import: give it its basis, adopt its deputies
                actions.create_group(c, actor=request.user, group=group,
                                     **{k: v for k, v in form.cleaned_data.items() if k != "name"})
            else:
                actions.edit_group(c, group, actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            add_action_errors(form, error)
        else:
            messages.success(request, f"已保存{group.name}")
            return redirect("deputy_group", c.code, group.pk)
    return render(request, "deputy_groups/form.html", {"form": form, "title": f"修改{group.name}", "group": group},
                  status=422 if request.method == "POST" else 200)


def _group_page(request, group, *, status: int = 200, **bound):
    c, user = request.congress, request.user
    may_manage = may(user, c, "add_group_members")
    forms_ = {"members_form": MembersForm(congress=c, auto_id="members_%s"), "plan_form": PlanForm(auto_id="plan_%s"),
              "watch_form": WatchForm(congress=c, auto_id="watch_%s")}
    forms_.update(bound)
    return render(request, "deputy_groups/group.html", {
        **forms_, "group": group, "profile": queries.profile_of(c, group), "members": queries.members_of(c, group),
        "plans": queries.plans_of(c, group), "activities": queries.activities_of(c, group)[:30],
        "projects": queries.watched_projects(c, group), "items": queries.watched_items(c, group),
        "posts": GroupMember.Post.choices, "may_manage": may_manage,
        "may_plan": may(user, c, "adopt_group_plan"), "may_watch": may(user, c, "watch_for_group"),
        "may_edit": may(user, c, "edit_deputy_group"), "may_plan_activity": may(user, c, "create_activity"),
    }, status=status)


@requires("view_deputy_groups")
def group_page(request, congress_code, group_id):
    return _group_page(request, get_group(request, group_id))


def _others(congress, text: str) -> tuple[list[Mandate], list[str]]:
    found, problems = [], []
    for n, line in enumerate(text.splitlines(), start=1):
        parts = split_line(line)
        if not parts:
            continue
        code, number = (parts[0], parts[1]) if len(parts) >= 2 else ("", parts[0])
        mandate = queries.mandate_by_number(congress, code, number)
        if mandate is None:
            problems.append(f"第{n}行：在本行政区域内的人大“{code or congress.code}”找不到代表证号为 {number} 的在任代表")
        else:
            found.append(mandate)
    return found, problems


STEPS = {"members": "add_group_members", "post": "set_group_leader", "remove": "remove_group_member",
         "plan": "adopt_group_plan", "watch": "watch_for_group", "unwatch": "unwatch_for_group"}


@require_POST
def group_action(request, congress_code, group_id, what):
    if what not in STEPS:
        raise Http404("没有这个操作")
    denied = gate(request, STEPS[what])
    if denied:
        return denied
    c, group, user, post = request.congress, get_group(request, group_id), request.user, request.POST
    back = redirect("deputy_group", c.code, group.pk)
    if what == "members":
        form = MembersForm(post, congress=c, auto_id="members_%s")
        if form.is_valid():
            own = list(Mandate.objects.in_congress(c).filter(person__in=form.cleaned_data["deputies"],
                                                             status=Mandate.Status.SERVING).select_related("person"))
            others, problems = _others(c, form.cleaned_data["others"])
            for problem in problems:
                form.add_error("others", problem)
            if not problems:
                try:
                    made = actions.add_group_members(c, actor=user, placements=[(group, m) for m in own + others],
                                                     on=form.cleaned_data["on"] or None)
                except ValidationError as error:
                    add_action_errors(form, error)
                else:
                    messages.success(request, f"{len(made)} 名代表加入{group.name}")
                    return back
        return _group_page(request, group, status=422, members_form=form)
    if what == "plan":
        form = PlanForm(post, auto_id="plan_%s")
        if form.is_valid():
            try:
                plan = actions.adopt_plan(c, group, actor=user, year=form.cleaned_data["year"], items=form.plan_items())
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, f"已通过{plan.year}年活动计划")
                return back
        return _group_page(request, group, status=422, plan_form=form)
    if what in ("watch", "unwatch"):
        form = WatchForm(post, congress=c, auto_id="watch_%s")
        if form.is_valid():
            run = actions.watch if what == "watch" else actions.unwatch
            try:
                run(c, group, actor=user, project=form.cleaned_data["project"],
                    rectification_item=form.cleaned_data["rectification_item"])
            except ValidationError as error:
                if what == "unwatch":
                    flash_errors(request, error)
                    return back
                add_action_errors(form, error)
            else:
                messages.success(request, "已开始跟踪" if what == "watch" else "已停止跟踪")
                return back
        return _group_page(request, group, status=422, watch_form=form)
    member = get_or_404(queries.current_members(c, group).select_related("person", "group"), post.get("member"),
                        "找不到该成员")
    try:
        if what == "post":
            form = PostForm(post)
            form.is_valid()
            actions.set_group_leader(c, member, actor=user, post=form.cleaned_data.get("post") or "")
            messages.success(request, f"{member.person.name}：{member.post}")
        else:
            actions.remove_member(c, member, actor=user)
            messages.success(request, f"{member.person.name}已退出{group.name}")
    except (ValidationError, PermissionDenied) as error:
        flash_errors(request, error)
    return back


def import_page(request, congress_code):
    """The whole congress's deputies into their groups at once: one line per deputy, all or nothing."""
    denied = gate(request, "add_group_members")
    if denied:
        return denied
    c = request.congress
    form = ImportForm(request.POST or None, auto_id="import_%s")
    if request.method == "POST" and form.is_valid():
        by_name = {g.name: g for g in queries.groups(c)}
        placements, problems = [], []
        for n, line in enumerate(form.cleaned_data["rows"].splitlines(), start=1):
            parts = split_line(line)
            if not parts:
                continue
            name, rest = parts[0], parts[1:]
            code, number = (rest[0], rest[1]) if len(rest) >= 2 else ("", rest[0] if rest else "")
            group = by_name.get(name)
            mandate = queries.mandate_by_number(c, code, number) if number else None
            if group is None:
                problems.append(f"第{n}行：没有名为“{name}”的代表小组")
            elif mandate is None:
                problems.append(f"第{n}行：在“{code or c.code}”找不到代表证号为 {number or '（空）'} 的在任代表")
            else:
                placements.append((group, mandate))
        for problem in problems:
            form.add_error("rows", problem)
        if not problems:
            try:
                made = actions.add_group_members(c, actor=request.user, placements=placements,
                                                 on=form.cleaned_data["on"] or None)
            except ValidationError as error:
                add_action_errors(form, error)
            else:
                messages.success(request, f"已将 {len(made)} 名代表编入代表小组")
                return redirect("deputy_groups", c.code)
    return render(request, "deputy_groups/import.html", {"form": form},
                  status=422 if request.method == "POST" else 200)


urlpatterns: list = [
    path("groups/", list_page, name="deputy_groups"),
    path("groups/new/", new_page, name="deputy_group_new"),
    path("groups/import/", import_page, name="deputy_groups_import"),
    path("groups/<int:group_id>/", group_page, name="deputy_group"),
    path("groups/<int:group_id>/edit/", edit_page, name="deputy_group_edit"),
    path("groups/<int:group_id>/do/<slug:what>/", group_action, name="deputy_group_action"),
]
