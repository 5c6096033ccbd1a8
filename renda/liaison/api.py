"""Liaison API: the handlers' queue and steps (token), and the person's side without an account:
the station's intake, the tracking page and the feedback, under the same limits as the web form."""

import datetime
from typing import Annotated

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from django.utils import timezone
from ninja import Router, Schema, Status

from renda.core import congress_lookup
from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, existing, one
from renda.core.errors import NotFound, ValidationError
from renda.core.permissions import check_permission
from renda.core.tenancy import congress_scope
from renda.core.views_helpers import get_or_404
from renda.liaison import actions, codes, intake_guard, reports
from renda.liaison.models import Concern, ContactLink, ContactRecord, CppccMember, StationProfile
from renda.liaison.views import get_concern_for_handler
from renda.people.models import Mandate, Organisation

router = Router(tags=["liaison"])

Satisfaction = Annotated[str, OneOf(Concern.Satisfaction)]


class ConcernOut(Schema):
    id: int
    station: int | None
    tracking_code: str
    source: Annotated[str, OneOf(Concern.Source)]
    raised_on: datetime.date
    category: str
    text: str
    place: str
    status: Annotated[str, OneOf(Concern.Status)]
    path: Annotated[str, OneOf(["", *Concern.Path.values])]
    step_owner: str
    due_on: datetime.date | None
    overdue: bool
    answer: str
    satisfaction: Annotated[str, OneOf(["", *Concern.Satisfaction.values])]
    person_name: str | None
    person_contact: str | None


def _out(concern: Concern, scope: actions.HandlerScope) -> dict:
    handler = scope.handles(concern)
    return {**{f: getattr(concern, f) for f in ("id", "tracking_code", "source", "raised_on", "category", "text", "place",
                                                "status", "path", "step_owner", "due_on", "answer", "satisfaction")},
            "station": concern.station_id, "overdue": concern.is_overdue(),
            "person_name": concern.person_name if handler else None,
            "person_contact": concern.person_contact if handler else None}


def _station(congress, station_id) -> Organisation:
    return get_or_404(reports.stations(congress), station_id, "找不到该联络站")


def _handled(request, concern: Concern) -> dict:
    return _out(concern, actions.handler_scope(request.congress, request.user))


class ConcernIn(In):
    category: Filled
    text: Filled
    place: str = ""
    anonymous: bool = False
    person_name: str = ""
    person_contact: str = ""


@router.get("/stations/{station_id}/concerns", response=list[ConcernOut], summary="联络站在办群众诉求（按编号倒序，after 为游标）")
@scoped
def station_queue(request, station_id: int, after: int | None = None, overdue: bool = False):
    check_permission(request.user, request.congress, "view_concern_queue")
    station = _station(request.congress, station_id)
    scope = actions.handler_scope(request.congress, request.user)  # once for the page, not per concern
    return [_out(c, scope)
            for c in reports.open_concerns(request.congress, station=station, after=after, overdue_only=overdue)]


@router.post("/stations/{station_id}/concerns", response={201: ConcernOut}, summary="登记群众诉求")
@scoped
def submit(request, station_id: int, payload: ConcernIn):
    concern = actions.submit_concern(request.congress, _station(request.congress, station_id), actor=request.user,
                                     data=payload.dict())
    return Status(201, _handled(request, concern))


@router.get("/concerns/{concern_id}", response=ConcernOut, summary="一件群众诉求（仅办理人）")
@scoped
def get_concern(request, concern_id: int):
    return _handled(request, get_concern_for_handler(request, concern_id))


class TriageIn(In):
    path: Annotated[str, OneOf(Concern.Path)]
    answer: str = ""
    committee: str = ""
    unit: int | None = None
    responsible: int | None = None
    due_on: datetime.date | None = None


@router.post("/concerns/{concern_id}/triage", response=ConcernOut, summary="分办：on_the_spot / referred / tracked")
@scoped
def triage(request, concern_id: int, payload: TriageIn):
    congress = request.congress
    concern = get_concern_for_handler(request, concern_id)
    unit = one(Organisation.objects.in_congress(congress), payload.unit, "unit", "单位")
    responsible = one(Mandate.objects.in_congress(congress), payload.responsible, "responsible", "代表")
    actions.triage_concern(congress, concern, actor=request.user, path=payload.path, answer=payload.answer,
                           committee=payload.committee, unit=unit, responsible=responsible, due_on=payload.due_on)
    return _handled(request, concern)


class ConcernAnswerIn(In):
    answer: Filled


@router.post("/concerns/{concern_id}/committee-result", response=ConcernOut, summary="及时办：村（居）委会办理结果")
@scoped
def committee_result(request, concern_id: int, payload: ConcernAnswerIn):
    concern = get_concern_for_handler(request, concern_id)
    actions.report_committee_result(request.congress, concern, actor=request.user, answer=payload.answer)
    return _handled(request, concern)


@router.post("/concerns/{concern_id}/answer", response=ConcernOut, summary="答复（承办单位或跟踪代表）")
@scoped
def answer(request, concern_id: int, payload: ConcernAnswerIn):
    concern = get_concern_for_handler(request, concern_id)
    actions.answer_concern(request.congress, concern, actor=request.user, answer=payload.answer)
    return _handled(request, concern)


class FollowUpIn(In):
    note: Filled
    public: bool = True


@router.post("/concerns/{concern_id}/follow-up", response=ConcernOut, summary="记录跟踪办理情况")
@scoped
def follow_up(request, concern_id: int, payload: FollowUpIn):
    concern = get_concern_for_handler(request, concern_id)
    actions.record_follow_up(request.congress, concern, actor=request.user, note=payload.note, public=payload.public)
    return _handled(request, concern)


class FeedbackIn(In):
    satisfaction: Satisfaction
    note: str = ""


@router.post("/concerns/{concern_id}/feedback", response=ConcernOut, summary="代反映人记录反馈和满意度")
@scoped
def feedback(request, concern_id: int, payload: FeedbackIn):
    concern = get_concern_for_handler(request, concern_id)
    actions.record_feedback(request.congress, concern, actor=request.user, satisfaction=payload.satisfaction,
                            note=payload.note)
    return _handled(request, concern)


class DismissIn(In):
    reason: Filled


@router.post("/concerns/{concern_id}/dismiss", response=ConcernOut, summary="不予受理")
@scoped
def dismiss(request, concern_id: int, payload: DismissIn):
    concern = get_concern_for_handler(request, concern_id)
    actions.dismiss_concern(request.congress, concern, actor=request.user, reason=payload.reason)
    return _handled(request, concern)


@router.post("/concerns/{concern_id}/draft-suggestion", response={201: dict}, summary="转为本人建议草稿")
@scoped
def draft_suggestion(request, concern_id: int):
    draft = actions.draft_suggestion_from_concern(request.congress, get_concern_for_handler(request, concern_id),
                                                  actor=request.user)
    return Status(201, {"suggestion": draft.pk, "title": draft.title})


@router.get("/liaison/statistics", summary="联络站工作统计（按联络站、旗县区、合计）")
@scoped
def statistics(request, year: int, area: str | None = None):
    check_permission(request.user, request.congress, "view_liaison_statistics")
    stats = reports.statistics(request.congress, year, area)
    row = lambda r: {"label": r.label, "area": r.area, **{n: getattr(r, n) for n in reports.COUNTS},  # noqa: E731
                     "satisfaction_rate": r.satisfaction_rate}
    return {"year": year, "stations": [row(r) for r in stats.stations], "areas": [row(r) for r in stats.areas],
            "total": row(stats.total)}


# ── the person's side: no account ──

class PublicConcernIn(ConcernIn):
    challenge: str = ""
    challenge_token: str = ""


class ChallengeRequired(ValidationError):
    """Refused until the sum is answered; the API's 422 body carries the question and its token."""

    def __init__(self, message, *, challenge: dict):
        super().__init__(message)
        self.challenge = challenge


class TrackOut(Schema):
    tracking_code: str
    station: str
    raised_on: datetime.date
    category: str
    status: str
    status_label: str
    expected_on: datetime.date | None
    path: str
    answer: str
    satisfaction: str
    steps: list[dict]


def _public_congress(congress_code: str):
    congress = congress_lookup.by_code(congress_code)
    if congress is None:
        raise Http404("没有这个人大")
    return congress


def _track_out(congress, concern: Concern) -> dict:
    """What the person sees: the status in plain words (收到、正在办理、已答复) and when to expect an answer."""
    progress = reports.public_progress(congress, concern)
    where = concern.station.name if concern.station is not None else concern.get_source_display()
    return {"tracking_code": concern.tracking_code, "station": where, "raised_on": concern.raised_on,
            "category": concern.category, "status": concern.status, "status_label": progress.word,
            "expected_on": progress.expected_on,
            "path": concern.path, "answer": concern.answer, "satisfaction": concern.satisfaction,
            "steps": [{"at": s.at.isoformat(), "note": s.public_note} for s in concern.steps.all() if s.public_note]}


@router.post("/public/{congress_code}/stations/{station_id}/concerns", auth=None, response={201: TrackOut, 429: dict},
             summary="群众网上反映（无需账号；频率限制，多次提交后须回答验证题）")
def public_submit(request, congress_code: str, station_id: int, payload: PublicConcernIn):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        station = _station(congress, station_id)
        return guarded_intake(request, congress, station, payload, lambda data: actions.submit_concern(
            congress, station, actor=AnonymousUser(), data=data))


def guarded_intake(request, congress, station, payload, submit):
    """A public submission under the station's intake limits (intake_guard): 429 when refused, the sum
    asked for when due, else ``submit(data)`` inside the station's hourly count; 201 with the tracking
    code. The station's public form and a deputy's public page both come through here."""
    verdict = intake_guard.admit(congress, station, request.META.get("REMOTE_ADDR", ""), payload.challenge_token,
                                 payload.challenge)
    if verdict.refused:
        return Status(429, {"detail": [{"field": None, "message": verdict.refused}]})
    if verdict.challenge_failed:
        question, token = intake_guard.new_challenge()
        raise ChallengeRequired({"challenge": f"{verdict.challenge_problem}：{question}"},
                                challenge={"question": question, "challenge_token": token})
    data = payload.dict(exclude={"challenge", "challenge_token"})
    try:
        concern = intake_guard.accept(congress, station, lambda: submit(data))
    except intake_guard.StationFull as full:
        return Status(429, {"detail": [{"field": None, "message": full.message}]})
    return Status(201, _track_out(congress, concern))


class TooManyLookups(Exception):
    pass


def _tracked(request, congress, tracking_code: str) -> Concern:
    """A mistyped code (its check digit is wrong) is 422 naming the code; a well-formed unknown one 404
    and costs the address one of its hourly misses (intake_guard), as on the tracking page."""
    code, problem = codes.parse(tracking_code)
    if problem:
        raise ValidationError({"tracking_code": problem})
    said = [""]

    def find():
        concern, said[0] = reports.look_up(congress, code)
        return concern

    concern, refused = intake_guard.look_up(congress, request.META.get("REMOTE_ADDR", ""), find)
    if refused:
        raise TooManyLookups
    if concern is None:
        raise NotFound(said[0])
    return concern


def _too_many() -> Status:
    return Status(429, {"detail": [{"field": "tracking_code", "message": intake_guard.LOOKUP_REFUSAL}]})


@router.get("/public/{congress_code}/track/{tracking_code}", auth=None, response={200: TrackOut, 429: dict},
            summary="凭查询码查看办理进展（查不到的查询码每小时有次数限制）")
def public_track(request, congress_code: str, tracking_code: str):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        try:
            return _track_out(congress, _tracked(request, congress, tracking_code))
        except TooManyLookups:
            return _too_many()


@router.post("/public/{congress_code}/track/{tracking_code}/feedback", auth=None, response={200: TrackOut, 429: dict},
             summary="反映人凭查询码评价办理结果")
def public_feedback(request, congress_code: str, tracking_code: str, payload: FeedbackIn):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        try:
            concern = _tracked(request, congress, tracking_code)
        except TooManyLookups:
            return _too_many()
        actions.record_feedback(congress, concern, actor=AnonymousUser(), satisfaction=payload.satisfaction,
                                tracking_code=tracking_code, note=payload.note)
        return _track_out(congress, concern)


# ── stations, rota and receptions ──

class StationRow(Schema):
    id: int
    name: str
    address: str
    area: str
    open: int
    overdue: int


@router.get("/stations", response=list[StationRow], summary="联络站及其在办、逾期诉求数")
@scoped
def list_stations(request):
    congress = request.congress
    check_permission(request.user, congress, "view_concern_queue")
    counts = reports.station_counts(congress, timezone.localdate())
    areas = dict(StationProfile.objects.in_congress(congress).values_list("station_id", "area"))
    return [{"id": s.pk, "name": s.name, "address": s.address, "area": areas.get(s.pk, ""),
             **counts.get(s.pk, {"open": 0, "overdue": 0})} for s in reports.stations(congress).order_by("name")]


class RotaDay(Schema):
    on: datetime.date
    deputies: list[str]


class StationOut(Schema):
    id: int
    name: str
    address: str
    area: str
    opening_days: str
    phone: str
    intake_open: bool
    rota: list[RotaDay]


def _station_out(congress, station: Organisation) -> dict:
    made = reports.profile(congress, station)
    return {"id": station.pk, "name": station.name, "address": station.address, "area": made.area,
            "opening_days": made.opening_days, "phone": made.phone, "intake_open": made.intake_open,
            "rota": [{"on": day, "deputies": names} for day, names in reports.rota(congress, station)]}


@router.get("/stations/{station_id}", response=StationOut, summary="联络站信息和 60 日内的接待排班")
@scoped
def get_station_info(request, station_id: int):
    check_permission(request.user, request.congress, "view_concern_queue")
    return _station_out(request.congress, _station(request.congress, station_id))


class ProfileIn(In):
    area: str = ""
    opening_days: str = ""
    phone: str = ""
    intake_open: bool = True


@router.put("/stations/{station_id}/profile", response=StationOut, summary="维护联络站信息")
@scoped
def set_up(request, station_id: int, payload: ProfileIn):
    station = _station(request.congress, station_id)
    actions.set_up_station(request.congress, station, actor=request.user, **payload.dict())
    return _station_out(request.congress, station)


class RotaIn(In):
    on: datetime.date
    mandate_ids: list[int]
    cppcc_member_ids: list[int] | None = None  # None: the day's CPPCC members stay as they are


def _mandates(congress, ids: list[int]) -> list[Mandate]:
    return existing(Mandate.objects.in_congress(congress), ids, "mandate_ids", "代表")


def _cppcc(congress, ids: list[int]) -> list[CppccMember]:
    return existing(CppccMember.objects.in_congress(congress), ids, "cppcc_member_ids", "政协委员")


@router.put("/stations/{station_id}/rota", response=StationOut, summary="安排某日进站接待的代表（替换当日排班）")
@scoped
def set_rota(request, station_id: int, payload: RotaIn):
    station = _station(request.congress, station_id)
    actions.set_rota(request.congress, station, actor=request.user, on=payload.on,
                     mandates=_mandates(request.congress, payload.mandate_ids),
                     cppcc_members=None if payload.cppcc_member_ids is None
                     else _cppcc(request.congress, payload.cppcc_member_ids))
    return _station_out(request.congress, station)


class ReceptionIn(In):
    held_on: datetime.date
    mandate_ids: list[int]
    cppcc_member_ids: list[int] = []
    visitors: int
    notes: str = ""
    concerns: list[ConcernIn] = []


class ReceptionOut(Schema):
    id: int
    held_on: datetime.date
    visitors: int
    mandate_ids: list[int]
    cppcc_member_ids: list[int]
    concerns: list[ConcernOut]


@router.post("/stations/{station_id}/receptions", response={201: ReceptionOut}, summary="记录接待活动及群众反映的诉求")
@scoped
def record_reception(request, station_id: int, payload: ReceptionIn):
    congress = request.congress
    reception = actions.record_reception(congress, _station(congress, station_id), actor=request.user,
                                         held_on=payload.held_on, deputies=_mandates(congress, payload.mandate_ids),
                                         cppcc_members=_cppcc(congress, payload.cppcc_member_ids),
                                         visitors=payload.visitors, notes=payload.notes,
                                         concerns=[c.dict() for c in payload.concerns])
    scope = actions.handler_scope(congress, request.user)
    return Status(201, {"id": reception.pk, "held_on": reception.held_on, "visitors": reception.visitors,
                        "mandate_ids": sorted(m.pk for m in reception.deputies.all()),
                        "cppcc_member_ids": sorted(c.pk for c in reception.cppcc_members.all()),
                        "concerns": [_out(c, scope) for c in reception.concerns.order_by("id")]})


class PublicStationOut(Schema):
    name: str
    address: str
    opening_days: str
    phone: str
    intake_open: bool
    rota: list[RotaDay]


@router.get("/public/{congress_code}/stations/{station_id}", auth=None, response=PublicStationOut,
            summary="联络站公开信息：地址、接待日、代表进站安排")
def public_station(request, congress_code: str, station_id: int):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        return _station_out(congress, _station(congress, station_id))


# ── "双联系" ──

class LinkOut(Schema):
    id: int
    kind: Annotated[str, OneOf(ContactLink.Kind)]
    deputy: str | None
    constituent: str


class ContactRecordOut(Schema):
    link: int
    on: datetime.date
    how: Annotated[str, OneOf(ContactRecord.How)]
    raised: str
    followed: str


class ContactsOut(Schema):
    holder: str | None
    links: list[LinkOut]
    not_contacted: list[LinkOut]
    records: list[ContactRecordOut]


def _link_out(link: ContactLink) -> dict:
    return {"id": link.pk, "kind": link.kind, "deputy": link.deputy.name if link.deputy else None,
            "constituent": link.constituent}


@router.get("/contacts", response=ContactsOut, summary="双联系：联系对象、今年尚未联系的、联系记录（工作人员可用 holder_id 查看他人）")
@scoped
def contacts(request, holder_id: int | None = None):
    congress = request.congress
    check_permission(request.user, congress, "record_liaison_contact")
    holder = reports.contact_holder(congress, request.user, holder_id or "")
    if holder is None:
        return {"holder": None, "links": [], "not_contacted": [], "records": []}
    links = ContactLink.objects.in_congress(congress).filter(holder=holder).select_related("deputy").order_by("id")
    records = ContactRecord.objects.in_congress(congress).filter(link__holder=holder)[:200]
    return {"holder": holder.name, "links": [_link_out(link) for link in links],
            "not_contacted": [_link_out(link) for link in reports.not_contacted(congress, holder)],
            "records": [{"link": r.link_id, "on": r.on, "how": r.how, "raised": r.raised, "followed": r.followed}
                        for r in records]}


class LinkIn(In):
    kind: Annotated[str, OneOf(ContactLink.Kind)]
    deputy_person_id: int | None = None
    constituent: str = ""
    holder_person_id: int | None = None


def _person(congress, person_id: int | None, field: str):
    """A person with a mandate here, by id; an id that names nobody here is a 422 naming the field."""
    if person_id is None:
        return None
    found = reports.person_of(congress, person_id)
    if found is None:
        raise ValidationError({field: f"“{field}”：本级代表中没有编号为 {person_id} 的人员"})
    return found


@router.post("/contacts/links", response={201: LinkOut}, summary="确定双联系对象")
@scoped
def link(request, payload: LinkIn):
    congress = request.congress
    made = actions.link_contact(congress, actor=request.user, kind=payload.kind,
                                holder=_person(congress, payload.holder_person_id, "holder_person_id"),
                                deputy=_person(congress, payload.deputy_person_id, "deputy_person_id"),
                                constituent=payload.constituent)
    return Status(201, _link_out(made))


class LiaisonContactIn(In):
    on: datetime.date
    how: Annotated[str, OneOf(ContactRecord.How)]
    raised: str = ""
    followed: str = ""


@router.post("/contacts/links/{link_id}/records", response={201: ContactRecordOut}, summary="记录一次双联系活动")
@scoped
def record_contact(request, link_id: int, payload: LiaisonContactIn):
    congress = request.congress
    found = get_or_404(ContactLink.objects.in_congress(congress), link_id, "找不到该双联系对象")
    made = actions.record_liaison_contact(congress, found, actor=request.user, **payload.dict())
    return Status(201, {"link": made.link_id, "on": made.on, "how": made.how, "raised": made.raised,
                        "followed": made.followed})


# ── 两代表一委员之家: CPPCC members at the stations ──

class CppccMemberOut(Schema):
    id: int
    person_id: int
    name: str
    cppcc: str
    sector: str
    station_id: int | None
    active: bool


def _cppcc_out(m: CppccMember) -> dict:
    return {"id": m.pk, "person_id": m.person_id, "name": m.person.name, "cppcc": m.cppcc, "sector": m.sector,
            "station_id": m.station_id, "active": m.active}


def _cppcc_member(congress, member_id: int) -> CppccMember:
    return get_or_404(reports.cppcc_members(congress), member_id, "找不到该政协委员")


def _station_or_none(congress, station_id: int | None) -> Organisation | None:
    return one(reports.stations(congress), station_id, "station_id", "联络站")


@router.get("/cppcc-members", response=list[CppccMemberOut], summary="进站政协委员（两代表一委员之家）")
@scoped
def list_cppcc_members(request, active: bool | None = None):
    check_permission(request.user, request.congress, "view_cppcc_members")
    rows = reports.cppcc_members(request.congress)
    if active is not None:
        rows = rows.filter(active=active)
    return [_cppcc_out(m) for m in rows]


@router.get("/cppcc-members/{member_id}", response=CppccMemberOut, summary="一名进站政协委员")
@scoped
def get_cppcc_member(request, member_id: int):
    check_permission(request.user, request.congress, "view_cppcc_members")
    return _cppcc_out(_cppcc_member(request.congress, member_id))


class CppccRegisterIn(In):
    person_id: int | None = None
    name: str = ""
    sex: Annotated[str, OneOf(["男", "女"])] | None = None
    phone: str = ""
    cppcc: Filled
    sector: str = ""
    station_id: int | None = None


@router.post("/cppcc-members", response={201: CppccMemberOut}, summary="登记进站政协委员（已有人员给 person_id，否则给姓名、性别）")
@scoped
def register_cppcc_member(request, payload: CppccRegisterIn):
    from renda.people.models import Person

    congress = request.congress
    person = None
    if payload.person_id is not None:
        # a person this congress already holds (a deputy, a member of one of its bodies)
        person = one(Person.objects.filter(pk__in=Mandate.objects.in_congress(congress).values("person_id")),
                     payload.person_id, "person_id", "人员")
    member = actions.register_cppcc_member(
        congress, actor=request.user, person=person,
        person_data=None if person else {"name": payload.name, "sex": payload.sex or "", "phone": payload.phone},
        cppcc=payload.cppcc, sector=payload.sector, station=_station_or_none(congress, payload.station_id))
    return Status(201, _cppcc_out(member))


class CppccEditIn(In):
    cppcc: Filled
    sector: str = ""
    station_id: int | None = None


@router.put("/cppcc-members/{member_id}", response=CppccMemberOut, summary="修改进站政协委员的所属政协、界别、联络站")
@scoped
def edit_cppcc_member(request, member_id: int, payload: CppccEditIn):
    congress = request.congress
    member = actions.edit_cppcc_member(congress, _cppcc_member(congress, member_id), actor=request.user,
                                       cppcc=payload.cppcc, sector=payload.sector,
                                       station=_station_or_none(congress, payload.station_id))
    return _cppcc_out(member)


class CppccActiveIn(In):
    active: bool


@router.post("/cppcc-members/{member_id}/active", response=CppccMemberOut,
             summary="政协委员停止进站（active=false，取消今天起的排班）或恢复进站")
@scoped
def set_cppcc_active(request, member_id: int, payload: CppccActiveIn):
    congress = request.congress
    member = actions.deactivate_cppcc_member(congress, _cppcc_member(congress, member_id), actor=request.user,
                                             active=payload.active)
    return _cppcc_out(member)
