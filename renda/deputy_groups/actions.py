"""Writes for deputy groups (代表小组), one function per use case: set a group up (or give an existing
group its basis), edit it, place deputies of any level of the area in groups (by picking or by a bulk
import, all or nothing), name its leader, let a deputy leave, adopt the year's plan, and follow a
livelihood project or a rectification item.

Rule ``deputy_groups.one_area_group``: a deputy belongs to one area group of this congress at a time;
field groups (by profession or subject) are free. For this congress's own deputies the area group is
also written to ``Mandate.deputy_group`` (with its history row), which livelihood supervision and the
deputies list read."""

from __future__ import annotations

import datetime
from typing import Any

from django.db import IntegrityError
from django.utils import timezone

from renda.core import audit, rules
from renda.core.errors import ValidationError
from renda.core.models import Congress
from renda.core.usecase import action, ensure_own
from renda.deputy_groups import queries
from renda.deputy_groups.models import GroupMember, GroupPlan, GroupPlanItem, GroupProfile, GroupWatch
from renda.people.models import Mandate, MandateEvent, Organisation
from renda.people.validation import Errors, date, text, whole_number

Basis = GroupProfile.Basis
Post = GroupMember.Post
MAX_PLAN_ITEMS = 100


def _group(congress: Congress, group: Organisation | None) -> Organisation:
    group = ensure_own(congress, group, "代表小组")
    if group.kind != Organisation.Kind.DEPUTY_GROUP:
        raise ValidationError({"group": f"“{group.name}”不是代表小组"})
    return group


def basis_of(congress: Congress, group: Organisation) -> str:
    """A group set up before this app (no profile) counts as an area group, as most are."""
    profile = queries.profile_of(congress, group)
    return profile.basis if profile is not None else Basis.AREA


def _profile_fields(congress: Congress, data: dict, errors: Errors) -> dict:
    cleaned = {
        "basis": data.get("basis") or "",
        "scope": text(data, errors, "scope", "区域或专业领域", required=True, max_length=100),
        "description": text(data, errors, "description", "说明", max_length=2000),
        "station": data.get("station"),
    }
    if cleaned["basis"] not in Basis.values:
        errors.add("basis", "“划分方式”须为按区域划分或按专业（领域）划分")
    station: Organisation | None = data.get("station")
    if station is not None and (station.congress_id != congress.pk or station.kind != Organisation.Kind.LIAISON_STATION):
        errors.add("station", "“活动阵地”须为本级的代表联络站")
    return cleaned


@action("create_deputy_group")
def create_group(congress: Congress, *, actor, name: str = "", basis: str, scope: str, station: Organisation | None = None,
                 parent: Organisation | None = None, description: str = "",
                 group: Organisation | None = None) -> Organisation:
    """A new group by area or by field; or, with ``group``, an existing group (from the deputies'
    import) given its basis — its deputies placed there by their mandate become its members."""
    errors = Errors()
    data = {"name": name, "basis": basis, "scope": scope, "station": station, "description": description}
    cleaned = _profile_fields(congress, data, errors)
    if group is not None:
        group = _group(congress, group)
        if GroupProfile.objects.in_congress(congress).filter(group=group).exists():
            errors.add("group", f"{group.name}已建立小组信息，请修改")
    else:
        name = text(data, errors, "name", "小组名称", required=True, max_length=100)
        if name and queries.groups(congress).filter(name=name).exists():
            errors.add("name", f"已有名为“{name}”的代表小组")
        if parent is not None and parent.congress_id != congress.pk:
            errors.add("parent", "“上级机构”不属于本级")
    errors.raise_if_any()
    adopted: list[Mandate] = []
    if group is None:
        group = Organisation.objects.create(congress=congress, kind=Organisation.Kind.DEPUTY_GROUP, name=name,
                                            parent=parent)
    else:
        adopted = list(Mandate.objects.in_congress(congress).filter(deputy_group=group, status=Mandate.Status.SERVING))
    GroupProfile.objects.create(congress=congress, group=group, **cleaned)
    today = timezone.localdate()
    present = set(queries.current_members(congress, group).values_list("person_id", flat=True))
    GroupMember.objects.bulk_create([GroupMember(congress=congress, group=group, person_id=m.person_id, as_deputy_of=congress,
                                                 start=today) for m in adopted if m.person_id not in present])
    audit.record(congress, actor, "create_deputy_group", group,
                 after={"basis": cleaned["basis"], "scope": cleaned["scope"],
                        "station": getattr(cleaned["station"], "pk", None), "adopted_members": len(adopted)})
    return group


@action("edit_deputy_group")
def edit_group(congress: Congress, group: Organisation, *, actor, name: str, basis: str, scope: str,
               station: Organisation | None = None, description: str = "") -> Organisation:
    """Rename a group, change its area or field, where it meets. Turning a field group into an area
    group is refused while one of its members is in another area group."""
    group = _group(congress, group)
    errors = Errors()
    data = {"name": name, "basis": basis, "scope": scope, "station": station, "description": description}
    name = text(data, errors, "name", "小组名称", required=True, max_length=100)
    if name and queries.groups(congress).filter(name=name).exclude(pk=group.pk).exists():
        errors.add("name", f"已有名为“{name}”的代表小组")
    cleaned = _profile_fields(congress, data, errors)
    profile = queries.profile_of(congress, group) or GroupProfile(congress=congress, group=group, basis=Basis.AREA)
    if cleaned["basis"] == Basis.AREA and profile.basis != Basis.AREA and rules.get(congress, "deputy_groups.one_area_group"):
        clash = _area_clashes(congress, list(queries.current_members(congress, group).values_list("person_id", flat=True)),
                              exclude=group)
        if clash:
            errors.add("basis", f"{'、'.join(clash)}已在其他按区域划分的代表小组，不能改为按区域划分"
                                "（一名代表只能参加一个区域代表小组）")
    errors.raise_if_any()
    before = {"name": group.name, **audit.snapshot(profile, ["basis", "scope", "description"])} if profile.pk else {"name": group.name}
    group.name = name
    group.save(update_fields=["name"])
    for field, value in cleaned.items():
        setattr(profile, field, value)
    profile.save()
    audit.record(congress, actor, "edit_deputy_group", group, before=before,
                 after={"name": name, "basis": profile.basis, "scope": profile.scope, "description": profile.description})
    return group


def _area_clashes(congress: Congress, person_ids: list[int], *, exclude: Organisation) -> list[str]:
    """Names of these people who are current members of an area group other than ``exclude``."""
    area_groups = [g for g in queries.groups(congress).exclude(pk=exclude.pk) if basis_of(congress, g) == Basis.AREA]
    rows = queries.current_members(congress).filter(group__in=area_groups, person_id__in=person_ids).select_related("person")
    return sorted({m.person.name for m in rows})


def resolve_mandates(congress: Congress, ids: list[Any], field: str = "mandate_ids") -> list[Mandate]:
    """Mandates by id from any congress of this congress's area (the API and the picker give ids);
    an id outside the area is refused naming it, as one not found."""
    wanted = [i for i in dict.fromkeys(ids)]
    storable = [i for i in wanted if isinstance(i, int) and 0 < i < 2**63]
    levels = [c.pk for c in queries.area_congresses(congress)]
    from renda.core.tenancy import cross_congress_query

    with cross_congress_query("deputies_of_area"):
        found = {m.pk: m for m in Mandate.unscoped.filter(pk__in=storable, congress_id__in=levels)
                 .select_related("person", "congress")}
    missing = [str(i) for i in wanted if i not in found]
    if missing:
        raise ValidationError({field: f"编号 {'、'.join(missing)} 不是本行政区域内各级人大的代表"})
    return [found[i] for i in wanted]


@action("add_group_members")
def add_group_members(congress: Congress, *, actor, placements: list[tuple[Organisation, Mandate]], on=None) -> list[GroupMember]:
    """Place deputies in groups: a group's page picks several for one group; an import places a whole
    congress's deputies in their groups (725 in 72) at once. Each deputy must be serving in this
    congress or in one above or below it in its area; one area group per deputy (rule
    ``deputy_groups.one_area_group``). All or nothing: one refused row refuses the lot, each row named."""
    errors = Errors()
    day = date({"on": on}, errors, "on", "加入日期") or timezone.localdate()
    if not placements:
        errors.add("placements", "请至少选择一名代表")
    levels = {c.pk for c in queries.area_congresses(congress)}
    bases: dict[int, str] = {}
    current = {(m.group_id, m.person_id) for m in queries.current_members(congress)}
    area_of: dict[int, int] = {}
    for m in queries.current_members(congress).select_related("group"):
        if bases.setdefault(m.group_id, basis_of(congress, m.group)) == Basis.AREA:
            area_of[m.person_id] = m.group_id
    one_area = rules.get(congress, "deputy_groups.one_area_group")
    seen: set[tuple[int, int]] = set()
    rows = []
    for n, (group, mandate) in enumerate(placements, start=1):
        label = f"第{n}项" if len(placements) > 1 else ""
        try:
            group = _group(congress, group)
        except Exception as refusal:  # noqa: BLE001  (named in the row's message)
            errors.add("placements", f"{label}{getattr(refusal, 'messages', [str(refusal)])[0]}")
            continue
        if mandate is None or mandate.congress_id not in levels or mandate.status != Mandate.Status.SERVING:
            errors.add("placements", f"{label}{getattr(getattr(mandate, 'person', None), 'name', '')}不是本行政区域内各级人大的在任代表")
            continue
        if day < mandate.elected_on:
            errors.add("on", f"{label}“加入日期”早于{mandate.person.name}的当选日期 {mandate.elected_on}")
            continue
        key = (group.pk, mandate.person_id)
        if key in current or key in seen:
            errors.add("placements", f"{label}{mandate.person.name}已是{group.name}成员")
            continue
        seen.add(key)
        basis = bases.setdefault(group.pk, basis_of(congress, group))
        if basis == Basis.AREA and one_area:
            other = area_of.get(mandate.person_id)
            if other is not None and other != group.pk:
                errors.add("placements", f"{label}{mandate.person.name}已在按区域划分的代表小组"
                                         f"“{queries.groups(congress).get(pk=other).name}”，一名代表只能参加一个区域代表小组")
                continue
            area_of[mandate.person_id] = group.pk
        rows.append((group, mandate, basis))
    errors.raise_if_any()
    try:
        made = GroupMember.objects.bulk_create([
            GroupMember(congress=congress, group=g, person_id=m.person_id, as_deputy_of_id=m.congress_id, start=day)
            for g, m, _ in rows])
    except IntegrityError as race:  # another clerk added the same deputy a moment ago
        raise ValidationError({"placements": "其中有代表刚刚已被加入该小组，请刷新后重试"}) from race
    for group, mandate, basis in rows:
        if basis == Basis.AREA and mandate.congress_id == congress.pk:
            _set_mandate_group(congress, mandate, group, day)
    audit.record(congress, actor, "add_group_members", None, object_repr=f"{len(made)} 名代表加入代表小组",
                 after={"placements": [[g.pk, m.pk] for g, m, _ in rows], "on": str(day)})
    return made


def _set_mandate_group(congress: Congress, mandate: Mandate, group: Organisation | None, day: datetime.date) -> None:
    """Keep this congress's own mandate pointing at the deputy's area group, with its history row."""
    mandate = Mandate.objects.in_congress(congress).get(pk=mandate.pk)
    if mandate.deputy_group_id == getattr(group, "pk", None):
        return
    old = mandate.deputy_group
    MandateEvent.objects.create(congress=congress, mandate=mandate, on=day, what="代表小组", before=str(old or ""),
                                after=str(group or ""))
    mandate.deputy_group = group
    mandate.save(update_fields=["deputy_group"])


def _member(congress: Congress, member: GroupMember | None) -> GroupMember:
    member = ensure_own(congress, member, "代表小组成员")
    if member.end is not None:
        raise ValidationError({"member": f"{member.person.name}已于 {member.end} 退出{member.group.name}"})
    return member


@action("remove_group_member")
def remove_member(congress: Congress, member: GroupMember, *, actor, on=None) -> GroupMember:
    """A deputy leaves the group (moved, or their mandate ended); their past stays on record."""
    member = _member(congress, member)
    errors = Errors()
    day = date({"on": on}, errors, "on", "退出日期") or timezone.localdate()
    if day < member.start:
        errors.add("on", f"“退出日期”不能早于加入日期 {member.start}")
    errors.raise_if_any()
    member.end = day
    member.save(update_fields=["end"])
    if member.as_deputy_of_id == congress.pk:
        mandate = Mandate.objects.in_congress(congress).filter(person_id=member.person_id, deputy_group=member.group).first()
        if mandate is not None:
            _set_mandate_group(congress, mandate, None, day)
    audit.record(congress, actor, "remove_group_member", member, object_repr=f"{member.person.name}退出{member.group.name}",
                 after={"end": str(day)})
    return member


@action("set_group_leader")
def set_group_leader(congress: Congress, member: GroupMember, *, actor, post: str = Post.LEADER) -> GroupMember:
    """Name a member 组长 (the previous 组长 becomes a member), 副组长, or back to 成员."""
    member = _member(congress, member)
    if post not in Post.values:
        raise ValidationError({"post": "“职务”须为组长、副组长或成员"})
    before = member.post
    if post == Post.LEADER:
        queries.current_members(congress, member.group).filter(post=Post.LEADER).exclude(pk=member.pk).update(post=Post.MEMBER)
    member.post = post
    member.save(update_fields=["post"])
    audit.record(congress, actor, "set_group_leader", member, object_repr=f"{member.group.name}：{member.person.name}",
                 before={"post": before}, after={"post": post})
    return member


@action("adopt_group_plan")
def adopt_plan(congress: Congress, group: Organisation, *, actor, year, items: list[dict]) -> GroupPlan:
    """The group's plan for a year: dated activities (date, form, topic, place). Adopting again for
    the same year adds the items given to the plan."""
    group = _group(congress, group)
    errors = Errors()
    number = whole_number(year, errors, "year", "年度", minimum=1949, maximum=9999)
    if not items:
        errors.add("items", "请至少列出一项计划活动")
    elif len(items) > MAX_PLAN_ITEMS:
        errors.add("items", f"一次最多列出 {MAX_PLAN_ITEMS} 项计划活动")
    cleaned = []
    for n, item in enumerate(items[:MAX_PLAN_ITEMS] if items else [], start=1):
        if not isinstance(item, dict):
            errors.add("items", f"第{n}项须含日期、形式和主题")
            continue
        row = {"on": date(item, errors, "on", f"第{n}项的计划日期", required=True),
               "kind": text(item, errors, "kind", f"第{n}项的活动形式", required=True, max_length=20),
               "topic": text(item, errors, "topic", f"第{n}项的主题", required=True, max_length=200),
               "place": text(item, errors, "place", f"第{n}项的地点", max_length=100)}
        day_on = row["on"]
        if number and isinstance(day_on, datetime.date) and day_on.year != number:
            errors.add("on", f"第{n}项的计划日期 {day_on} 不在{number}年内")
        cleaned.append(row)
    errors.raise_if_any()
    plan, created = GroupPlan.objects.in_congress(congress).get_or_create(
        congress=congress, group=group, year=number, defaults={"adopted_on": timezone.localdate(), "adopted_by": actor})
    GroupPlanItem.objects.bulk_create([GroupPlanItem(congress=congress, plan=plan, **row) for row in cleaned])
    audit.record(congress, actor, "adopt_group_plan", plan, object_repr=f"{group.name}{number}年活动计划",
                 after={"year": number, "new_plan": created, "items": [r["topic"] for r in cleaned]})
    return plan


def _watched(congress: Congress, project, item, errors: Errors):
    from renda.livelihood.models import Proposal
    from renda.rectification.models import RectificationItem

    if (project is None) == (item is None):
        errors.add("project", "请选择一个民生实事项目或一项整改事项（二者选一）")
        return None, None
    if project is not None:
        if not isinstance(project, Proposal) or project.congress_id != congress.pk:
            errors.add("project", "找不到该民生实事项目")
        elif project.status != Proposal.Status.CHOSEN:
            errors.add("project", f"“{project.title}”不是票决通过的民生实事项目，不能跟踪")
    if item is not None and (not isinstance(item, RectificationItem) or item.congress_id != congress.pk):
        errors.add("rectification_item", "找不到该整改事项")
    return project, item


@action("watch_for_group")
def watch(congress: Congress, group: Organisation, *, actor, project=None, rectification_item=None):
    """The group follows a chosen livelihood project (livelihood's supervision list, so the project's
    page names the group) or a rectification item."""
    from renda.livelihood.models import Watch

    group = _group(congress, group)
    errors = Errors()
    project, item = _watched(congress, project, rectification_item, errors)
    if project is not None and Watch.objects.in_congress(congress).filter(proposal=project, group=group).exists():
        errors.add("project", f"{group.name}已在跟踪“{project.title}”")
    if item is not None and GroupWatch.objects.in_congress(congress).filter(rectification_item=item, group=group).exists():
        errors.add("rectification_item", f"{group.name}已在跟踪这项整改事项")
    errors.raise_if_any()
    if project is not None:
        row: Any = Watch.objects.create(congress=congress, proposal=project, group=group)
        what = {"project": project.pk}
    else:
        row = GroupWatch.objects.create(congress=congress, group=group, rectification_item=item, since=timezone.localdate())
        what = {"rectification_item": item.pk}
    audit.record(congress, actor, "watch_for_group", group, after=what)
    return row


@action("unwatch_for_group")
def unwatch(congress: Congress, group: Organisation, *, actor, project=None, rectification_item=None) -> None:
    """The group stops following a project or item. A chosen project keeps at least one watching
    group (livelihood's rule), so its last group cannot stop."""
    from renda.livelihood.models import Watch

    group = _group(congress, group)
    errors = Errors()
    if (project is None) == (rectification_item is None):
        errors.add("project", "请选择一个民生实事项目或一项整改事项（二者选一）")
    errors.raise_if_any()
    if project is not None:
        watches = Watch.objects.in_congress(congress).filter(proposal=project)
        mine = watches.filter(group=group).first()
        if mine is None:
            raise ValidationError({"project": f"{group.name}没有跟踪该项目"})
        if watches.count() == 1:
            raise ValidationError({"project": f"“{project.title}”只有{group.name}一个监督小组，每个项目至少要有一个代表小组监督，"
                                              "请先安排其他小组"})
        watches.filter(pk=mine.pk).delete()
        what = {"project": project.pk}
    else:
        mine = GroupWatch.objects.in_congress(congress).filter(group=group, rectification_item=rectification_item).first()
        if mine is None:
            raise ValidationError({"rectification_item": f"{group.name}没有跟踪这项整改事项"})
        GroupWatch.objects.in_congress(congress).filter(pk=mine.pk).delete()
        what = {"rectification_item": rectification_item.pk}
    audit.record(congress, actor, "unwatch_for_group", group, before=what)
