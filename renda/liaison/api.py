"""Liaison API: the handlers' queue and steps (token), and the person's side without an account:
the station's intake, the tracking page and the feedback, under the same limits as the web form."""

import datetime

from django.contrib.auth.models import AnonymousUser
from django.http import Http404
from ninja import Router, Schema, Status

from renda.core import congress_lookup
from renda.core.api import scoped
from renda.core.errors import NotFound, ValidationError
from renda.core.permissions import check_permission
from renda.core.tenancy import congress_scope
from renda.core.views_helpers import get_or_404
from renda.liaison import actions, intake_guard, reports
from renda.liaison.models import Concern
from renda.liaison.views import get_concern_for_handler
from renda.people.models import Mandate, Organisation

router = Router(tags=["liaison"])


class ConcernOut(Schema):
    id: int
    station: int
    tracking_code: str
    source: str
    raised_on: datetime.date
    category: str
    text: str
    place: str
    status: str
    path: str
    step_owner: str
    due_on: datetime.date | None
    overdue: bool
    answer: str
    satisfaction: str
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


class ConcernIn(Schema):
    category: str
    text: str
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


class TriageIn(Schema):
    path: str
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
    unit = Organisation.objects.in_congress(congress).filter(pk=payload.unit).first() if payload.unit else None
    responsible = Mandate.objects.in_congress(congress).filter(pk=payload.responsible).first() if payload.responsible else None
    actions.triage_concern(congress, concern, actor=request.user, path=payload.path, answer=payload.answer,
                           committee=payload.committee, unit=unit, responsible=responsible, due_on=payload.due_on)
    return _handled(request, concern)


class AnswerIn(Schema):
    answer: str


@router.post("/concerns/{concern_id}/committee-result", response=ConcernOut, summary="及时办：村（居）委会办理结果")
@scoped
def committee_result(request, concern_id: int, payload: AnswerIn):
    concern = get_concern_for_handler(request, concern_id)
    actions.report_committee_result(request.congress, concern, actor=request.user, answer=payload.answer)
    return _handled(request, concern)


@router.post("/concerns/{concern_id}/answer", response=ConcernOut, summary="答复（承办单位或跟踪代表）")
@scoped
def answer(request, concern_id: int, payload: AnswerIn):
    concern = get_concern_for_handler(request, concern_id)
    actions.answer_concern(request.congress, concern, actor=request.user, answer=payload.answer)
    return _handled(request, concern)


class FollowUpIn(Schema):
    note: str
    public: bool = True


@router.post("/concerns/{concern_id}/follow-up", response=ConcernOut, summary="记录跟踪办理情况")
@scoped
def follow_up(request, concern_id: int, payload: FollowUpIn):
    concern = get_concern_for_handler(request, concern_id)
    actions.record_follow_up(request.congress, concern, actor=request.user, note=payload.note, public=payload.public)
    return _handled(request, concern)


class FeedbackIn(Schema):
    satisfaction: str
    note: str = ""


@router.post("/concerns/{concern_id}/feedback", response=ConcernOut, summary="代反映人记录反馈和满意度")
@scoped
def feedback(request, concern_id: int, payload: FeedbackIn):
    concern = get_concern_for_handler(request, concern_id)
    actions.record_feedback(request.congress, concern, actor=request.user, satisfaction=payload.satisfaction,
                            note=payload.note)
    return _handled(request, concern)


class DismissIn(Schema):
    reason: str


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
    path: str
    answer: str
    satisfaction: str
    steps: list[dict]


def _public_congress(congress_code: str):
    congress = congress_lookup.by_code(congress_code)
    if congress is None:
        raise Http404("没有这个人大")
    return congress


def _track_out(concern: Concern) -> dict:
    return {"tracking_code": concern.tracking_code, "station": concern.station.name, "raised_on": concern.raised_on,
            "category": concern.category, "status": concern.status, "status_label": concern.get_status_display(),
            "path": concern.path, "answer": concern.answer, "satisfaction": concern.satisfaction,
            "steps": [{"at": s.at.isoformat(), "note": s.public_note} for s in concern.steps.all() if s.public_note]}


@router.post("/public/{congress_code}/stations/{station_id}/concerns", auth=None, response={201: TrackOut, 429: dict},
             summary="群众网上反映（无需账号；频率限制，多次提交后须回答验证题）")
def public_submit(request, congress_code: str, station_id: int, payload: PublicConcernIn):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        station = _station(congress, station_id)
        verdict = intake_guard.admit(congress, station, request.META.get("REMOTE_ADDR", ""), payload.challenge_token,
                                     payload.challenge)
        if verdict.refused:
            return Status(429, {"detail": [{"field": None, "message": verdict.refused}]})
        if verdict.challenge_failed:
            question, token = intake_guard.new_challenge()
            raise ChallengeRequired({"challenge": f"请回答验证题：{question}"},
                                    challenge={"question": question, "challenge_token": token})
        data = payload.dict(exclude={"challenge", "challenge_token"})
        concern = actions.submit_concern(congress, station, actor=AnonymousUser(), data=data)
        return Status(201, _track_out(concern))


def _tracked(congress, tracking_code: str) -> Concern:
    concern = reports.by_tracking_code(congress, tracking_code)
    if concern is None:
        raise NotFound("查询码不正确")
    return concern


@router.get("/public/{congress_code}/track/{tracking_code}", auth=None, response=TrackOut, summary="凭查询码查看办理进展")
def public_track(request, congress_code: str, tracking_code: str):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        return _track_out(_tracked(congress, tracking_code))


@router.post("/public/{congress_code}/track/{tracking_code}/feedback", auth=None, response=TrackOut,
             summary="反映人凭查询码评价办理结果")
def public_feedback(request, congress_code: str, tracking_code: str, payload: FeedbackIn):
    congress = _public_congress(congress_code)
    with congress_scope(congress):
        concern = _tracked(congress, tracking_code)
        actions.record_feedback(congress, concern, actor=AnonymousUser(), satisfaction=payload.satisfaction,
                                tracking_code=tracking_code, note=payload.note)
        return _track_out(concern)
