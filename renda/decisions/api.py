"""Major-matter decisions over the API: the list and one decision, proposing (onto a session's
agenda), putting to the vote, recording the announced outcome, publishing, the implementation
report; the published ones for everyone. Another congress's id is not found; the steps call the
same actions as the pages."""


from datetime import date
from typing import Annotated

from django.http import Http404
from django.urls import reverse
from ninja import Field, Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, fields_named
from renda.core.permissions import check_permission
from renda.decisions import actions
from renda.decisions.models import Decision

router = Router(tags=["decisions"])


class ImplementationOut(Schema):
    rectification_item_id: int
    source: str
    unit: str | None
    owner: str
    due_on: date
    status: str


class DecisionOut(Schema):
    id: int
    title: str
    kind: Annotated[str, OneOf(Decision.Kind)]
    body_id: int
    body: str
    meeting_id: int
    agenda_item_id: int | None
    status: Annotated[str, OneOf(Decision.Status)]
    vote_id: int | None
    number: str
    decided_on: date | None
    published_on: date | None
    text: str
    explanation: str
    implementations: list[ImplementationOut]
    url: str


def _out(decision: Decision) -> dict:
    c = decision.congress_id
    items = decision.rectification_items.filter(congress_id=c).select_related("unit")
    return {"id": decision.pk, "title": decision.title, "kind": decision.kind, "body_id": decision.proposer_id,
            "body": decision.proposer.name, "meeting_id": decision.meeting_id,
            "agenda_item_id": decision.agenda_item_id, "status": decision.status, "vote_id": decision.vote_id,
            "number": decision.number_text, "decided_on": decision.decided_on, "published_on": decision.published_on,
            "text": decision.text, "explanation": decision.explanation,
            "implementations": [{"rectification_item_id": i.pk, "source": i.source,
                                 "unit": i.unit.name if i.unit else None, "owner": i.owner, "due_on": i.due_on,
                                 "status": i.status} for i in items.order_by("id")],
            "url": reverse("decisions_detail", args=[decision.congress.code, decision.pk])}


def _rows(request):
    return Decision.objects.in_congress(request.congress).select_related("proposer", "congress")


def _one(request, decision_id: int) -> Decision:
    check_permission(request.user, request.congress, "view_decisions")
    decision = _rows(request).filter(pk=decision_id).first()
    if decision is None:
        raise Http404("找不到该重大事项决定")
    return decision


def _fresh(request, decision: Decision) -> dict:
    return _out(_rows(request).get(pk=decision.pk))


@router.get("/decisions", response=list[DecisionOut], summary="重大事项决定（议案、表决情况、决议决定）")
@scoped
def list_decisions(request, status: Annotated[str, OneOf(Decision.Status)] | None = None):
    check_permission(request.user, request.congress, "view_decisions")
    rows = _rows(request)
    if status:
        rows = rows.filter(status=status)
    return [_out(d) for d in rows.order_by("-id")[:500]]


@router.get("/decisions/published", response=list[DecisionOut], summary="已公布的决议、决定（任何令牌可读）")
@scoped
def published(request):
    rows = _rows(request).filter(status=Decision.Status.PUBLISHED).order_by("-decided_on", "-number")
    return [_out(d) for d in rows[:200]]


@router.get("/decisions/{decision_id}", response=DecisionOut, summary="一项重大事项决定")
@scoped
def get_decision(request, decision_id: int):
    return _out(_one(request, decision_id))


class ProposeIn(In):
    title: Annotated[str, Field(min_length=1, max_length=180)]
    kind: Annotated[str, OneOf(Decision.Kind)] = Decision.Kind.DECISION
    body_id: int = Field(description="提请机关（本级机构的编号）")
    meeting_id: int = Field(description="提请审议的常委会会议")
    text: Annotated[str, Field(min_length=1, max_length=20000)]
    explanation: Annotated[str, Field(max_length=8000)] = ""
    agenda_item_id: int | None = Field(None, description="会议议程中已有的该项议程（不填则新增一项）")


API_NAMES = {"proposer": "body_id", "meeting": "meeting_id", "unit": "unit_id", "agenda_item": "agenda_item_id"}



@router.post("/decisions", response={201: DecisionOut},
             summary="提出重大事项议案（提请机关、决议或决定草案），列入常委会会议议程")
@scoped
def propose(request, payload: ProposeIn):
    with fields_named(API_NAMES):
        decision = actions.propose_decision(request.congress, actor=request.user, title=payload.title,
                                            kind=payload.kind, proposer=payload.body_id, meeting=payload.meeting_id,
                                            text_=payload.text, explanation=payload.explanation,
                                            agenda_item=payload.agenda_item_id)
    return Status(201, _fresh(request, decision))


@router.post("/decisions/{decision_id}/vote", response={201: DecisionOut},
             summary="付表决：在议程上建立记名表决（随后在表决接口开始、投票、结束、宣布）")
@scoped
def put_to_vote(request, decision_id: int):
    decision = _one(request, decision_id)
    actions.put_decision_to_vote(request.congress, decision, actor=request.user)
    return Status(201, _fresh(request, decision))


@router.post("/decisions/{decision_id}/outcome", response=DecisionOut,
             summary="记录已宣布的表决结果：通过的编定文号，未通过的不能形成决议或决定")
@scoped
def outcome(request, decision_id: int):
    decision = _one(request, decision_id)
    return _fresh(request, actions.record_decision_outcome(request.congress, decision, actor=request.user))


class PublishIn(In):
    text: str | None = None
    on: date | None = None


@router.post("/decisions/{decision_id}/publish", response=DecisionOut, summary="公布决议、决定")
@scoped
def publish(request, decision_id: int, payload: PublishIn):
    decision = _one(request, decision_id)
    actions.publish_decision(request.congress, decision, actor=request.user, text_=payload.text,
                             on=payload.on.isoformat() if payload.on else None)
    return _fresh(request, decision)


class ImplementationIn(In):
    unit_id: int
    owner: Filled
    due_on: date | None = None
    measures: str = ""


@router.post("/decisions/{decision_id}/implementation", response={201: DecisionOut},
             summary="将执行情况报告列入整改跟踪（责任单位、责任人、报告期限）")
@scoped
def implementation(request, decision_id: int, payload: ImplementationIn):
    decision = _one(request, decision_id)
    with fields_named(API_NAMES):
        actions.track_implementation(request.congress, decision, actor=request.user, unit=payload.unit_id,
                                     owner=payload.owner, due_on=payload.due_on.isoformat() if payload.due_on else None,
                                     measures=payload.measures)
    return Status(201, _fresh(request, decision))
