"""代表小组 over the API: the groups, one group (members with their levels, plans, activities, watched
projects and items), and every action. Members are named by their mandate id in any congress of this
congress's area; another congress's group is not found."""

import datetime
from typing import Annotated

from django.http import Http404
from ninja import Field, Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, one
from renda.core.permissions import check_permission
from renda.deputy_groups import actions, queries
from renda.deputy_groups.models import GroupMember, GroupProfile
from renda.people.models import Organisation

router = Router(tags=["deputy_groups"])
Basis = Annotated[str, OneOf(GroupProfile.Basis)]
Post = Annotated[str, OneOf(GroupMember.Post)]


class GroupRowOut(Schema):
    id: int
    name: str
    basis: str | None
    scope: str
    station_id: int | None
    members: int
    leader: str


class MemberOut(Schema):
    id: int
    person_id: int
    name: str
    post: str
    as_deputy_of_id: int
    as_deputy_of: str
    own_congress: bool
    start: datetime.date


class PlanItemOut(Schema):
    on: datetime.date
    kind: str
    topic: str
    place: str


class PlanOut(Schema):
    id: int
    year: int
    adopted_on: datetime.date
    items: list[PlanItemOut]


class ActivityOut(Schema):
    id: int
    kind: str
    topic: str
    starts_at: datetime.datetime
    status: str


class WatchedProjectOut(Schema):
    project_id: int
    title: str
    year: int
    status: str


class WatchedItemOut(Schema):
    rectification_item_id: int
    problem: str
    status: str
    due_on: datetime.date


class GroupOut(GroupRowOut):
    description: str
    member_list: list[MemberOut]
    plans: list[PlanOut]
    activities: list[ActivityOut]
    watched_projects: list[WatchedProjectOut]
    watched_items: list[WatchedItemOut]


def _group(request, group_id: int) -> Organisation:
    group = queries.groups(request.congress).filter(pk=group_id).first()
    if group is None:
        raise Http404("找不到该代表小组")
    return group


def _row(row: queries.GroupRow) -> dict:
    p = row.profile
    return {"id": row.group.pk, "name": row.group.name, "basis": p.basis if p else None, "scope": p.scope if p else "",
            "station_id": p.station_id if p else None, "members": row.members, "leader": row.leader}


def _group_out(request, group: Organisation) -> dict:
    c = request.congress
    members = queries.members_of(c, group)
    profile = queries.profile_of(c, group)
    leader = "、".join(m.person.name for m in members if m.post == GroupMember.Post.LEADER)
    return {
        **_row(queries.GroupRow(group, profile, len(members), leader)),
        "description": profile.description if profile else "",
        "member_list": [{"id": m.pk, "person_id": m.person_id, "name": m.person.name, "post": m.post,
                         "as_deputy_of_id": m.as_deputy_of_id, "as_deputy_of": m.as_deputy_of.name,
                         "own_congress": m.as_deputy_of_id == c.pk, "start": m.start} for m in members],
        "plans": [{"id": p.pk, "year": p.year, "adopted_on": p.adopted_on,
                   "items": [{"on": i.on, "kind": i.kind, "topic": i.topic, "place": i.place} for i in items]}
                  for p, items in queries.plans_of(c, group)],
        "activities": [{"id": a.pk, "kind": a.kind, "topic": a.topic, "starts_at": a.starts_at, "status": a.status}
                       for a in queries.activities_of(c, group)[:100]],
        "watched_projects": [{"project_id": w.proposal_id, "title": w.proposal.title, "year": w.proposal.call.year,
                              "status": w.proposal.status} for w in queries.watched_projects(c, group)],
        "watched_items": [{"rectification_item_id": w.rectification_item_id, "problem": w.rectification_item.problem,
                           "status": w.rectification_item.status, "due_on": w.rectification_item.due_on}
                          for w in queries.watched_items(c, group)],
    }


@router.get("/deputy-groups", response=list[GroupRowOut], summary="代表小组（成员数、组长；可按划分方式、联络站、名称筛选）")
@scoped
def list_groups(request, basis: Basis | None = None, station_id: int | None = None, q: str = ""):
    check_permission(request.user, request.congress, "view_deputy_groups")
    return [_row(r) for r in queries.group_rows(request.congress, basis=basis or "", station=station_id, q=q)]


@router.get("/deputy-groups/{group_id}", response=GroupOut, summary="一个代表小组：成员及其所属人大、计划、活动、跟踪事项")
@scoped
def get_group(request, group_id: int):
    check_permission(request.user, request.congress, "view_deputy_groups")
    return _group_out(request, _group(request, group_id))


def _station(request, station_id: int | None):
    from renda.liaison import reports

    return one(reports.stations(request.congress), station_id, "station_id", "联络站")


class GroupIn(In):
    name: str = ""
    basis: Basis
    scope: Filled
    station_id: int | None = None
    description: str = ""
    existing_group_id: int | None = Field(None, description="给已有的代表小组（代表名册导入时建立的）填写划分方式，并把登记在该组的本级代表列为成员")


@router.post("/deputy-groups", response={201: GroupOut}, summary="建立代表小组（或为已有小组填写信息）")
@scoped
def create_group(request, payload: GroupIn):
    existing = _group(request, payload.existing_group_id) if payload.existing_group_id is not None else None
    group = actions.create_group(request.congress, actor=request.user, name=payload.name, basis=payload.basis,
                                 scope=payload.scope, station=_station(request, payload.station_id),
                                 description=payload.description, group=existing)
    return Status(201, _group_out(request, group))


class GroupEditIn(In):
    name: Filled
    basis: Basis
    scope: Filled
    station_id: int | None = None
    description: str = ""


@router.put("/deputy-groups/{group_id}", response=GroupOut, summary="修改代表小组")
@scoped
def edit_group(request, group_id: int, payload: GroupEditIn):
    group = actions.edit_group(request.congress, _group(request, group_id), actor=request.user, name=payload.name,
                               basis=payload.basis, scope=payload.scope, station=_station(request, payload.station_id),
                               description=payload.description)
    return _group_out(request, group)


class PlacementIn(In):
    group_id: int
    mandate_id: int


class MembersIn(In):
    placements: list[PlacementIn] = Field(..., min_length=1, max_length=5000)
    on: datetime.date | None = None


@router.post("/deputy-group-placements", response={201: list[MemberOut]},
             summary="编组：把代表（本级或上级、下级人大的代表资格编号）编入代表小组，全部成功或全部不保存")
@scoped
def add_members(request, payload: MembersIn):
    c = request.congress
    groups = {g.pk: g for g in queries.groups(c).filter(pk__in=[p.group_id for p in payload.placements])}
    missing = sorted({p.group_id for p in payload.placements} - set(groups))
    if missing:
        from renda.core.errors import ValidationError

        raise ValidationError({"placements": f"找不到代表小组：{'、'.join(map(str, missing))}"})
    mandates = {m.pk: m for m in actions.resolve_mandates(c, [p.mandate_id for p in payload.placements], "placements")}
    made = actions.add_group_members(c, actor=request.user, on=payload.on,
                                     placements=[(groups[p.group_id], mandates[p.mandate_id]) for p in payload.placements])
    rows = queries.current_members(c).filter(pk__in=[m.pk for m in made]).select_related("person", "as_deputy_of")
    return Status(201, [{"id": m.pk, "person_id": m.person_id, "name": m.person.name, "post": m.post,
                         "as_deputy_of_id": m.as_deputy_of_id, "as_deputy_of": m.as_deputy_of.name,
                         "own_congress": m.as_deputy_of_id == c.pk, "start": m.start} for m in rows.order_by("id")])


def _member(request, group_id: int, member_id: int) -> GroupMember:
    member = queries.current_members(request.congress, _group(request, group_id)).filter(pk=member_id).select_related(
        "person", "group").first()
    if member is None:
        raise Http404("找不到该成员")
    return member


class PostIn(In):
    post: Post


@router.put("/deputy-groups/{group_id}/members/{member_id}/post", response=GroupOut, summary="设定组长、副组长或成员")
@scoped
def set_post(request, group_id: int, member_id: int, payload: PostIn):
    member = _member(request, group_id, member_id)
    actions.set_group_leader(request.congress, member, actor=request.user, post=payload.post)
    return _group_out(request, member.group)


class GroupLeaveIn(In):
    on: datetime.date | None = None


@router.post("/deputy-groups/{group_id}/members/{member_id}/leave", response=GroupOut, summary="代表退出代表小组")
@scoped
def remove_member(request, group_id: int, member_id: int, payload: GroupLeaveIn):
    member = _member(request, group_id, member_id)
    actions.remove_member(request.congress, member, actor=request.user, on=payload.on)
    return _group_out(request, member.group)


class PlanItemIn(In):
    on: datetime.date
    kind: Filled
    topic: Filled
    place: str = ""


class PlanIn(In):
    year: int
    items: list[PlanItemIn]


@router.post("/deputy-groups/{group_id}/plans", response={201: GroupOut}, summary="通过年度活动计划（同一年度再次提交则追加）")
@scoped
def adopt_plan(request, group_id: int, payload: PlanIn):
    group = _group(request, group_id)
    actions.adopt_plan(request.congress, group, actor=request.user, year=payload.year,
                       items=[i.dict() for i in payload.items])
    return Status(201, _group_out(request, group))


class WatchIn(In):
    project_id: int | None = None
    rectification_item_id: int | None = None


def _watched(request, payload: WatchIn):
    from renda.livelihood.models import Proposal
    from renda.rectification.models import RectificationItem

    c = request.congress
    return (one(Proposal.objects.in_congress(c), payload.project_id, "project_id", "民生实事项目"),
            one(RectificationItem.objects.in_congress(c), payload.rectification_item_id, "rectification_item_id", "整改事项"))


@router.post("/deputy-groups/{group_id}/watch", response=GroupOut, summary="跟踪民生实事项目或整改事项（二者选一）")
@scoped
def watch(request, group_id: int, payload: WatchIn):
    group = _group(request, group_id)
    project, item = _watched(request, payload)
    actions.watch(request.congress, group, actor=request.user, project=project, rectification_item=item)
    return _group_out(request, group)


@router.post("/deputy-groups/{group_id}/unwatch", response=GroupOut, summary="停止跟踪民生实事项目或整改事项")
@scoped
def unwatch(request, group_id: int, payload: WatchIn):
    group = _group(request, group_id)
    project, item = _watched(request, payload)
    actions.unwatch(request.congress, group, actor=request.user, project=project, rectification_item=item)
    return _group_out(request, group)
