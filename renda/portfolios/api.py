"""Portfolios and the liaison map over the API, and a leader's work. Reading needs
view_portfolios (staff and standing-committee members), editing edit_portfolios (the office).
Another congress's id is not found."""


from datetime import date

from django.http import Http404
from ninja import Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import In, fields_named
from renda.core.permissions import check_permission
from renda.people.models import Membership, Organisation, Person
from renda.portfolios import actions, queries
from renda.portfolios.models import Liaison, Portfolio

router = Router(tags=["portfolios"])
API_NAMES = {"leader": "leader_id", "committee": "committee_id", "unit": "unit_id"}



class PortfolioOut(Schema):
    id: int
    leader_id: int
    leader: str
    committee_id: int
    committee: str
    start: date
    end: date | None


class LiaisonOut(Schema):
    id: int
    committee_id: int
    committee: str
    unit_id: int
    unit: str
    start: date
    end: date | None


def _p(p: Portfolio) -> dict:
    return {"id": p.pk, "leader_id": p.leader_id, "leader": p.leader.name, "committee_id": p.committee_id,
            "committee": p.committee.name, "start": p.start, "end": p.end}


def _l(row: Liaison) -> dict:
    return {"id": row.pk, "committee_id": row.committee_id, "committee": row.committee.name, "unit_id": row.unit_id,
            "unit": row.unit.name, "start": row.start, "end": row.end}


def _portfolios(request):
    return Portfolio.objects.in_congress(request.congress).select_related("leader", "committee")


def _liaisons(request):
    return Liaison.objects.in_congress(request.congress).select_related("committee", "unit")


@router.get("/portfolios", response=list[PortfolioOut],
            summary="领导分管（on=某日：只列该日在任的；不填：全部记录）")
@scoped
def list_portfolios(request, on: date | None = None):
    check_permission(request.user, request.congress, "view_portfolios")
    rows = queries.portfolios(request.congress, on) if on else _portfolios(request)
    return [_p(p) for p in rows.order_by("committee__name", "start", "id")]


class PortfolioIn(In):
    leader_id: int
    committee_id: int
    start: date
    end: date | None = None


@router.post("/portfolios", response={201: PortfolioOut}, summary="设定分管（主任、副主任、秘书长分管工作委员会）")
@scoped
def assign(request, payload: PortfolioIn):
    with fields_named(API_NAMES):
        row = actions.assign_portfolio(request.congress, actor=request.user, leader=payload.leader_id,
                                       committee=payload.committee_id, start=payload.start, end=payload.end)
    return Status(201, _p(_portfolios(request).get(pk=row.pk)))


class LinkEndIn(In):
    end: date


@router.post("/portfolios/{portfolio_id}/end", response=PortfolioOut, summary="结束分管")
@scoped
def end_portfolio(request, portfolio_id: int, payload: LinkEndIn):
    row = _portfolios(request).filter(pk=portfolio_id).first()
    if row is None:
        raise Http404("找不到该分管")
    actions.end_portfolio(request.congress, row, actor=request.user, end=payload.end)
    return _p(_portfolios(request).get(pk=row.pk))


@router.get("/liaison-map", response=list[LiaisonOut],
            summary="委员会对口联系部门（on=某日：只列该日有效的；不填：全部记录）")
@scoped
def list_liaisons(request, on: date | None = None):
    check_permission(request.user, request.congress, "view_portfolios")
    rows = queries.liaisons(request.congress, on) if on else _liaisons(request)
    return [_l(row) for row in rows.order_by("committee__name", "unit__name", "start", "id")]


class LiaisonIn(In):
    committee_id: int
    unit_id: int
    start: date
    end: date | None = None


@router.post("/liaison-map", response={201: LiaisonOut}, summary="设定对口联系（工作委员会—部门）")
@scoped
def link(request, payload: LiaisonIn):
    with fields_named(API_NAMES):
        row = actions.link_unit(request.congress, actor=request.user, committee=payload.committee_id,
                                unit=payload.unit_id, start=payload.start, end=payload.end)
    return Status(201, _l(_liaisons(request).get(pk=row.pk)))


@router.post("/liaison-map/{liaison_id}/end", response=LiaisonOut, summary="结束对口联系")
@scoped
def end_liaison(request, liaison_id: int, payload: LinkEndIn):
    row = _liaisons(request).filter(pk=liaison_id).first()
    if row is None:
        raise Http404("找不到该对口联系")
    actions.end_liaison(request.congress, row, actor=request.user, end=payload.end)
    return _l(_liaisons(request).get(pk=row.pk))


class WorkRow(Schema):
    id: int
    title: str
    status: str


class WorkGroup(Schema):
    key: str
    label: str
    count: int
    items: list[WorkRow]


class WorkOut(Schema):
    leader_id: int
    leader: str
    on: date
    committees: list[str]
    committee_ids: list[int]
    units: list[str]
    unit_ids: list[int]
    groups: list[WorkGroup]


def _title(obj) -> str:
    for name in ("title", "problem", "text"):
        value = getattr(obj, name, "")
        if value:
            return str(value)[:200]
    return str(obj)[:200]


@router.get("/leaders/{person_id}/work", response=WorkOut,
            summary="领导的分管工作：分管委员会、对口部门，以及归到其名下的建议、监督、民生实事、整改和工作要点")
@scoped
def work(request, person_id: int, on: date | None = None):
    c = request.congress
    check_permission(request.user, c, "view_portfolios")
    known = Membership.objects.in_congress(c).filter(
        person_id=person_id, organisation__kind=Organisation.Kind.STANDING_COMMITTEE,
        post__in=queries.LEADER_POSTS).exists() or Portfolio.objects.in_congress(c).filter(leader_id=person_id).exists()
    if not known:
        raise Http404("找不到该领导")
    person = Person.objects.get(pk=person_id)
    found = queries.work_of_leader(c, person, on)
    counts = found.counts()
    return {"leader_id": person.pk, "leader": person.name, "on": found.day,
            "committees": [x.name for x in found.committees], "committee_ids": [x.pk for x in found.committees],
            "units": [u.name for u in found.units], "unit_ids": [u.pk for u in found.units],
            "groups": [{"key": key, "label": queries.GROUPS[key], "count": counts[key],
                        "items": [{"id": o.pk, "title": _title(o), "status": getattr(o, "status", "")}
                                  for o in qs[:100]]} for key, qs in found.groups.items()]}
