from datetime import date
from typing import Annotated, Literal

from django.http import Http404
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from renda.core import uploads
from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf
from renda.core.models import Term
from renda.core.permissions import STAFF, check_permission, may, roles_of
from renda.people import actions, exchange, popolo, queries
from renda.people.importing import PLANNERS
from renda.people.models import Mandate, Membership, Organisation, Person
from renda.people.views import get_mandate_for_user, get_organisation_for_user

router = Router(tags=["people"])

Sex = Annotated[str, OneOf(Person.Sex)]
MandateStatus = Annotated[str, OneOf(Mandate.Status)]
OrgKind = Annotated[str, OneOf(Organisation.Kind)]
UnitType = Annotated[str, OneOf(["", *Organisation.UnitType.values])]
Post = Annotated[str, OneOf(Membership.Post)]


class PersonOut(Schema):
    id: int
    name: str
    sex: str
    ethnicity: str
    birth_date: date | None
    party: str
    occupation: str
    workplace: str
    phone: str | None = None


class DeputyOut(Schema):
    id: int
    number: str
    term: int
    status: MandateStatus
    status_label: str
    elected_on: date
    ended_on: date | None
    constituency: str
    delegation_id: int | None
    deputy_group_id: int | None
    liaison_station_id: int | None
    person: PersonOut


class DeputyPage(Schema):
    items: list[DeputyOut]
    next_after: int | None


def _deputy(m: Mandate, contact: bool) -> dict:
    p = m.person
    person = {f: getattr(p, f) for f in ["id", "name", "sex", "ethnicity", "birth_date", "party", "occupation", "workplace"]}
    person["phone"] = p.phone if contact else None
    return {"id": m.pk, "number": m.number, "term": m.term.number, "status": m.status,
            "status_label": m.get_status_display(), "elected_on": m.elected_on, "ended_on": m.ended_on,
            "constituency": m.constituency, "delegation_id": m.delegation_id, "deputy_group_id": m.deputy_group_id,
            "liaison_station_id": m.liaison_station_id, "person": person}


def _organisation(request, organisation_id: int | None, field: str = "organisation") -> Organisation | None:
    if organisation_id is None:
        return None
    org = Organisation.objects.in_congress(request.congress).filter(pk=organisation_id).first()
    if org is None:
        from django.core.exceptions import ValidationError

        raise ValidationError({field: f"本级没有编号为 {organisation_id} 的机构"})
    return org


@router.get("/deputies", response=DeputyPage, summary="代表名册（键集分页：next_after 作为下一页的 after）")
@scoped
def list_deputies(request, q: str = "", status: str = "", delegation: int | None = None,
                  deputy_group: int | None = None, liaison_station: int | None = None, term: int | None = None,
                  after: int | None = None):
    rows = queries.deputies(request.congress, q=q, status=status, delegation=delegation, deputy_group=deputy_group,
                            liaison_station=liaison_station, term=term)
    page, next_after = queries.keyset_page(rows, after)
    contact = may(request.user, request.congress, "view_contact_details")
    return {"items": [_deputy(m, contact) for m in page], "next_after": next_after}


@router.get("/deputies/{mandate_id}", response=DeputyOut, summary="一名代表")
@scoped
def get_deputy(request, mandate_id: int):
    return _deputy(get_mandate_for_user(request, mandate_id), may(request.user, request.congress, "view_contact_details"))


class PersonIn(In):
    name: Filled
    sex: Sex
    ethnicity: str = "汉族"
    birth_date: date | None = None
    party: str = ""
    occupation: str = ""
    workplace: str = ""
    phone: str = ""


class DeputyIn(In):
    term: int
    number: Annotated[str, Field(min_length=1, max_length=20)]
    elected_on: date
    person: PersonIn
    constituency: str = ""
    delegation_id: int | None = None
    deputy_group_id: int | None = None
    liaison_station_id: int | None = None


@router.post("/deputies", response={201: DeputyOut}, summary="登记代表")
@scoped
def appoint_deputy(request, payload: DeputyIn):
    term = Term.objects.in_congress(request.congress).filter(number=payload.term).first()
    mandate = actions.appoint_deputy(
        request.congress, actor=request.user, term=term, number=payload.number, elected_on=payload.elected_on,
        person_data=payload.person.dict(), constituency=payload.constituency,
        delegation=_organisation(request, payload.delegation_id, "delegation"),
        deputy_group=_organisation(request, payload.deputy_group_id, "deputy_group"),
        liaison_station=_organisation(request, payload.liaison_station_id, "liaison_station"),
    )
    return Status(201, _deputy(get_mandate_for_user(request, mandate.pk), may(request.user, request.congress, "view_contact_details")))


class MandatePatch(In):
    number: Annotated[str, Field(min_length=1, max_length=20)] | None = None
    constituency: str | None = None
    delegation_id: int | None = None
    deputy_group_id: int | None = None
    liaison_station_id: int | None = None
    on: date | None = None
    note: str = ""


@router.patch("/deputies/{mandate_id}", response=DeputyOut, summary="修改代表资格信息（代表团、小组、联络站等）")
@scoped
def update_deputy(request, mandate_id: int, payload: MandatePatch):
    mandate = get_mandate_for_user(request, mandate_id)
    sent = payload.dict(exclude_unset=True)
    changes = {k: v for k, v in sent.items() if k in {"number", "constituency"}}
    for field in ["delegation", "deputy_group", "liaison_station"]:
        if f"{field}_id" in sent:
            changes[field] = _organisation(request, sent[f"{field}_id"], field)
    actions.update_mandate(request.congress, mandate, actor=request.user, on=payload.on, note=payload.note, **changes)
    return _deputy(get_mandate_for_user(request, mandate_id), may(request.user, request.congress, "view_contact_details"))


class StatusIn(In):
    status: MandateStatus
    on: date
    reason: str = ""


@router.post("/deputies/{mandate_id}/status", response=DeputyOut, summary="终止、暂停或恢复代表资格")
@scoped
def change_status(request, mandate_id: int, payload: StatusIn):
    mandate = get_mandate_for_user(request, mandate_id)
    if payload.status == Mandate.Status.SUSPENDED:
        actions.suspend_mandate(request.congress, mandate, actor=request.user, on=payload.on, reason=payload.reason)
    elif payload.status == Mandate.Status.SERVING:
        actions.restore_mandate(request.congress, mandate, actor=request.user, on=payload.on, reason=payload.reason)
    else:
        actions.end_mandate(request.congress, mandate, actor=request.user, status=payload.status, on=payload.on,
                            reason=payload.reason)
    return _deputy(get_mandate_for_user(request, mandate_id), may(request.user, request.congress, "view_contact_details"))


class PersonPatch(In):
    name: str | None = None
    sex: Sex | None = None
    ethnicity: str | None = None
    birth_date: date | None = None
    party: str | None = None
    occupation: str | None = None
    workplace: str | None = None
    phone: str | None = None


@router.patch("/persons/{person_id}", response=PersonOut, summary="修改人员信息")
@scoped
def update_person(request, person_id: int, payload: PersonPatch):
    person = Person.objects.filter(pk=person_id).first()
    if person is None or not actions.person_in_congress(request.congress, person):
        raise Http404("找不到该人员")
    actions.update_person(request.congress, person, actor=request.user, **payload.dict(exclude_unset=True))
    return person


class OrganisationOut(Schema):
    id: int
    kind: OrgKind
    kind_label: str
    name: str
    short_name: str
    parent_id: int | None
    unit_type: UnitType
    address: str
    phone: str
    active: bool


def _org(o: Organisation) -> dict:
    return {**{f: getattr(o, f) for f in ["id", "kind", "name", "short_name", "parent_id", "unit_type", "address",
                                          "phone", "active"]}, "kind_label": o.get_kind_display()}


@router.get("/organisations", response=list[OrganisationOut], summary="机构")
@scoped
def list_organisations(request, kind: str = ""):
    return [_org(o) for o in queries.organisations(request.congress, kind).order_by("kind", "id")[:2000]]


@router.get("/organisations/{organisation_id}", response=OrganisationOut, summary="一个机构")
@scoped
def get_organisation(request, organisation_id: int):
    return _org(get_organisation_for_user(request, organisation_id))


class OrganisationIn(In):
    kind: OrgKind
    name: Filled
    short_name: str = ""
    parent_id: int | None = None
    unit_type: UnitType = ""
    address: str = ""
    phone: str = ""


class OrganisationPatch(In):
    kind: OrgKind | None = None
    name: str | None = None
    short_name: str | None = None
    parent_id: int | None = None
    unit_type: UnitType | None = None
    address: str | None = None
    phone: str | None = None
    active: bool | None = None


@router.post("/organisations", response={201: OrganisationOut}, summary="新建机构")
@scoped
def create_organisation(request, payload: OrganisationIn):
    data = payload.dict()
    data["parent"] = _organisation(request, data.pop("parent_id"), "parent")
    return Status(201, _org(actions.create_organisation(request.congress, actor=request.user, **data)))


@router.patch("/organisations/{organisation_id}", response=OrganisationOut, summary="修改机构")
@scoped
def update_organisation(request, organisation_id: int, payload: OrganisationPatch):
    org = get_organisation_for_user(request, organisation_id)  # an id in the path: 404, not 422
    data = payload.dict(exclude_unset=True)
    if "parent_id" in data:
        data["parent"] = _organisation(request, data.pop("parent_id"), "parent")
    return _org(actions.update_organisation(request.congress, org, actor=request.user, **data))


class MembershipOut(Schema):
    id: int
    person_id: int
    person_name: str
    organisation_id: int
    post: Post
    start: date
    end: date | None


def _membership(ms: Membership) -> dict:
    return {"id": ms.pk, "person_id": ms.person_id, "person_name": ms.person.name,
            "organisation_id": ms.organisation_id, "post": ms.post, "start": ms.start, "end": ms.end}


@router.get("/organisations/{organisation_id}/memberships", response=list[MembershipOut], summary="机构成员")
@scoped
def list_memberships(request, organisation_id: int):
    org = get_organisation_for_user(request, organisation_id)  # an id in the path: 404, not 422
    rows = Membership.objects.in_congress(request.congress).filter(organisation=org).select_related("person")
    return [_membership(ms) for ms in rows.order_by("id")]


class MembershipIn(In):
    deputy_id: int | None = None
    person: PersonIn | None = None
    post: Post = Membership.Post.MEMBER.value
    start: date
    end: date | None = None


@router.post("/organisations/{organisation_id}/memberships", response={201: MembershipOut}, summary="增加机构成员")
@scoped
def add_membership(request, organisation_id: int, payload: MembershipIn):
    org = get_organisation_for_user(request, organisation_id)  # an id in the path: 404, not 422
    person = get_mandate_for_user(request, payload.deputy_id).person if payload.deputy_id else None
    membership = actions.add_membership(
        request.congress, actor=request.user, organisation=org, person=person,
        person_data=payload.person.dict() if payload.person and person is None else None,
        post=payload.post, start=payload.start, end=payload.end,
    )
    return Status(201, _membership(membership))


class EndIn(In):
    end: date


@router.post("/memberships/{membership_id}/end", response=MembershipOut, summary="结束任职")
@scoped
def end_membership(request, membership_id: int, payload: EndIn):
    ms = Membership.objects.in_congress(request.congress).select_related("person").filter(pk=membership_id).first()
    if ms is None:
        raise Http404("找不到该任职")
    return _membership(actions.end_membership(request.congress, ms, actor=request.user, end=payload.end))


class RowErrorOut(Schema):
    row: int
    column: str
    value: str
    rule: str


class ImportOut(Schema):
    dry_run: bool
    applied: bool
    summary: dict[str, int]
    errors: list[RowErrorOut]


@router.post("/imports", response=ImportOut, summary="导入代表或机构（dry_run=true 只检查不写入；有任何错误则不写入）")
@scoped
def import_people(request, kind: Literal["deputies", "organisations"] = Form(...), dry_run: bool = Form(False), file: UploadedFile = File(...)):
    check_permission(request.user, request.congress, "import_people")
    uploads.check(file, "people_import")  # kind by content and size, before it is read
    rows = exchange.read_table(kind if kind in exchange.COLUMNS else "deputies", file.read(), file.name or "")
    if kind not in PLANNERS:
        from django.core.exceptions import ValidationError

        raise ValidationError({"kind": "“导入内容”须为 deputies 或 organisations"})
    if dry_run:
        plan = PLANNERS[kind][0](request.congress, rows)
        return {"dry_run": True, "applied": False, "summary": plan.summary(), "errors": [vars(e) for e in plan.errors]}
    try:
        plan = actions.import_people(request.congress, actor=request.user, kind=kind, rows=rows, filename=file.name or "")
    except actions.ImportRejected as rejected:
        return {"dry_run": False, "applied": False, "summary": rejected.plan.summary(),
                "errors": [vars(e) for e in rejected.plan.errors]}
    return {"dry_run": False, "applied": True, "summary": plan.summary(), "errors": []}


@router.get("/popolo", summary="Popolo JSON：人员、机构、任职")
@scoped
def popolo_export(request):
    congress = request.congress
    return popolo.export(congress, include_contact=may(request.user, congress, "view_contact_details"),
                         include_particulars=bool(roles_of(request.user, congress) & STAFF))
