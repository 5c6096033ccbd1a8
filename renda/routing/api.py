"""承办单位职责与交办建议 over the API: the handling units with their duties, a unit's duties set by
office staff, and the proposed lead unit and co-units for a text, each with its score and reasons.
Another congress's unit is not found."""

from typing import Annotated

from ninja import Field, Router, Schema

from renda.core.api import scoped
from renda.core.api_contract import In, OneOf
from renda.core.errors import ValidationError
from renda.core.permissions import check_permission
from renda.core.views_helpers import get_or_404
from renda.routing import actions, queries
from renda.routing.router import EmptyText

router = Router(tags=["routing"])


class RoutingUnitOut(Schema):
    id: int
    name: str
    duties: str
    has_duties: bool


class RoutingDutiesIn(In):
    duties: str


class RoutingSuggestIn(In):
    title: str = ""
    body: str = ""
    kind: Annotated[str, OneOf({"suggestion": "建议", "concern": "群众诉求", "opinion": "意见建议"})] | None = None
    category: str = Field("", max_length=40)


class RoutingRankedOut(Schema):
    unit_id: int
    name: str
    score: float
    reasons: list[str]


class RoutingSuggestOut(Schema):
    ranked: list[RoutingRankedOut]
    notes: list[str]
    can_rank: bool


def _unit_out(unit) -> dict:
    return {"id": unit.pk, "name": unit.name, "duties": unit.duties, "has_duties": bool(unit.duties.strip())}


@router.get("/routing/units", response=list[RoutingUnitOut], summary="承办单位及其职责（三定方案）")
@scoped
def units(request):
    check_permission(request.user, request.congress, "view_unit_routing")
    return [_unit_out(u) for u in queries.handling_units(request.congress).order_by("name", "id")]


@router.put("/routing/units/{unit_id}/duties", response=RoutingUnitOut, summary="填写、修改承办单位职责")
@scoped
def set_duties(request, unit_id: int, payload: RoutingDutiesIn):
    check_permission(request.user, request.congress, "set_unit_duties")
    unit = get_or_404(queries.handling_units(request.congress), unit_id, "找不到该承办单位")
    return _unit_out(actions.set_unit_duties(request.congress, unit, actor=request.user, duties=payload.duties))


@router.post("/routing/suggest", response=RoutingSuggestOut, summary="按标题和内容建议主办、协办单位（前三名，附得分和理由）")
@scoped
def suggest(request, payload: RoutingSuggestIn):
    check_permission(request.user, request.congress, "view_unit_routing")
    if len(payload.title) + len(payload.body) > 25000:
        raise ValidationError({"body": "“标题”和“内容”合计不能超过 25000 个字"})
    try:
        routing = queries.suggest(request.congress, payload.title, payload.body, category=payload.category)
    except EmptyText as e:
        raise ValidationError({"body": str(e)}) from None
    return {"ranked": [{"unit_id": r.unit_id, "name": r.name, "score": r.score, "reasons": r.reasons}
                       for r in routing.ranked], "notes": routing.notes, "can_rank": routing.can_rank}
