"""Surveys, inspections and visits over the API: list, start, read (with team and itinerary), the team,
the plan document with its itinerary, and the step into the field."""

from datetime import date
from typing import Annotated

from django.core.exceptions import PermissionDenied
from ninja import Field, Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import In, OneOf, existing, one
from renda.core.models import Congress
from renda.core.permissions import may
from renda.oversight import queries
from renda.oversight.actions import activities as actions
from renda.oversight.models import Activity, ActivityCommittee, PlanItem, Stop, TeamMember
from renda.oversight.views.activities import team_warnings
from renda.people.models import Organisation
from renda.people.queries import people_of

router = Router(tags=["oversight"])


class OversightActivityIn(In):
    kind: Annotated[str, OneOf(Activity.Kind)]
    title: Annotated[str, Field(min_length=1, max_length=200)]
    year: int
    plan_item_id: int | None = None
    lead_committee_id: int | None = None
    organiser_id: int | None = None
    laws: Annotated[list[Annotated[str, Field(min_length=1, max_length=200)]], Field(max_length=actions.MAX_LAWS)] = []
    partner_id: int | None = None


class OversightActivityMemberIn(In):
    person_id: int
    role: Annotated[str, OneOf([r.value for r in actions.TEAM_ROLES])]
    note: Annotated[str, Field(max_length=100)] = ""


class OversightActivityTeamIn(In):
    """A team has a leader (调研（检查）组须有组长): ``leader_id`` is required."""

    leader_id: int
    members: list[OversightActivityMemberIn] = []
    committee_ids: list[int] = []


class OversightActivityStopIn(In):
    day: date
    county: Annotated[str, Field(min_length=1, max_length=40)]
    site: Annotated[str, Field(min_length=1, max_length=200)]
    purpose: Annotated[str, Field(max_length=300)] = ""


class OversightActivityPlanIn(In):
    goals: Annotated[str, Field(min_length=1, max_length=4000)]
    questions: Annotated[str, Field(max_length=4000)] = ""
    starts_on: date
    ends_on: date
    stops: Annotated[list[OversightActivityStopIn], Field(max_length=actions.MAX_STOPS)] = []


class OversightActivityMemberOut(Schema):
    person_id: int
    name: str
    role: Annotated[str, OneOf(TeamMember.Role)]
    note: str


class OversightActivityStopOut(Schema):
    id: int
    day: date
    county: str
    site: str
    purpose: str


class OversightActivityOut(Schema):
    id: int
    kind: Annotated[str, OneOf(Activity.Kind)]
    title: str
    year: int
    status: Annotated[str, OneOf(Activity.Status)]
    plan_item_id: int | None
    lead_committee_id: int | None
    organiser_id: int | None
    laws: list[str]
    partner_id: int | None
    goals: str
    questions: str
    starts_on: date | None
    ends_on: date | None
    team: list[OversightActivityMemberOut]
    committee_ids: list[int]
    itinerary: list[OversightActivityStopOut]
    warnings: list[str]


class OversightActivitySummaryOut(Schema):
    id: int
    kind: Annotated[str, OneOf(Activity.Kind)]
    title: str
    year: int
    status: Annotated[str, OneOf(Activity.Status)]
    plan_item_id: int | None
    partner_id: int | None


def _summary(a: Activity) -> dict:
    return {"id": a.pk, "kind": a.kind, "title": a.title, "year": a.year, "status": a.status,
            "plan_item_id": a.plan_item_id, "partner_id": a.partner_id}


def _out(congress, a: Activity) -> dict:
    team = TeamMember.objects.in_congress(congress).filter(activity=a).select_related("person").order_by("id")
    return _summary(a) | {
        "lead_committee_id": a.lead_committee_id, "organiser_id": a.organiser_id, "laws": a.laws,
        "goals": a.goals, "questions": a.questions, "starts_on": a.starts_on, "ends_on": a.ends_on,
        "team": [{"person_id": m.person_id, "name": m.person.name, "role": m.role, "note": m.note} for m in team],
        "committee_ids": list(ActivityCommittee.objects.in_congress(congress).filter(activity=a)
                              .values_list("organisation_id", flat=True)),
        "itinerary": [{"id": s.pk, "day": s.day, "county": s.county, "site": s.site, "purpose": s.purpose}
                      for s in Stop.objects.in_congress(congress).filter(activity=a).order_by("day", "id")],
        "warnings": team_warnings(congress, a)}


@router.get("/oversight/activities", response=list[OversightActivitySummaryOut],
            summary="调研、检查和视察（工作人员看全部，组成人员看本人参加的）")
@scoped
def list_activities(request, year: int | None = None, kind: Annotated[str, OneOf(Activity.Kind)] | None = None):
    congress = request.congress
    if may(request.user, congress, "view_oversight"):
        rows = Activity.objects.in_congress(congress)
    else:
        rows = queries.team_activities(request.user, congress)
        if not rows.exists():
            raise PermissionDenied("您没有“查看监督工作”的权限，也不在任何调研（检查）组中")
    if year is not None:
        rows = rows.filter(year=year)
    if kind:
        rows = rows.filter(kind=kind)
    return [_summary(a) for a in rows[:500]]


@router.post("/oversight/activities", response={201: OversightActivityOut}, summary="组织专题调研、执法检查或视察")
@scoped
def start(request, payload: OversightActivityIn):
    congress = request.congress
    orgs = Organisation.objects.in_congress(congress)
    activity = actions.start_activity(
        congress, actor=request.user, kind=payload.kind, title=payload.title, year=payload.year,
        plan_item=one(PlanItem.objects.in_congress(congress), payload.plan_item_id, "plan_item_id", "监督计划项目"),
        lead_committee=one(orgs, payload.lead_committee_id, "lead_committee_id", "委员会"),
        organiser=one(orgs, payload.organiser_id, "organiser_id", "组织单位"), laws=payload.laws,
        partner=one(Congress.objects.all(), payload.partner_id, "partner_id", "人大"))
    return Status(201, _out(congress, activity))


@router.get("/oversight/activities/{activity_id}", response=OversightActivityOut, summary="调研（检查）：组成人员、方案和行程")
@scoped
def get_activity(request, activity_id: int):
    return _out(request.congress, queries.activity_for(request, activity_id))


@router.put("/oversight/activities/{activity_id}/team", response=OversightActivityOut,
            summary="确定组成人员（整体替换；须有组长）")
@scoped
def set_team(request, activity_id: int, payload: OversightActivityTeamIn):
    congress = request.congress
    activity = queries.activity_for(request, activity_id)
    people = people_of(congress)
    members = [(one(people, m.person_id, f"members.{n}.person_id", "人员"), m.role, m.note)
               for n, m in enumerate(payload.members)]
    actions.set_team(congress, activity, actor=request.user,
                     leader=one(people, payload.leader_id, "leader_id", "人员"), members=members,
                     committees=existing(Organisation.objects.in_congress(congress), payload.committee_ids,
                                         "committee_ids", "委员会"))
    return _out(congress, activity)


@router.put("/oversight/activities/{activity_id}/plan", response=OversightActivityOut,
            summary="制定方案和行程（行程整体替换，日期须在本年度和方案起止日期之内）")
@scoped
def write_plan(request, activity_id: int, payload: OversightActivityPlanIn):
    activity = queries.activity_for(request, activity_id)
    actions.write_activity_plan(request.congress, activity, actor=request.user, goals=payload.goals,
                                questions=payload.questions, starts_on=payload.starts_on, ends_on=payload.ends_on,
                                stops=[s.dict() for s in payload.stops])
    return _out(request.congress, activity)


@router.post("/oversight/activities/{activity_id}/begin", response=OversightActivityOut, summary="开始调研（检查）")
@scoped
def begin(request, activity_id: int):
    activity = queries.activity_for(request, activity_id)
    actions.begin_fieldwork(request.congress, activity, actor=request.user)
    return _out(request.congress, activity)
