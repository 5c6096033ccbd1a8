"""答复质量提示 over the API, for staff (``view_answer_flags``): the flags of a congress, by unit and
kind. The suggestion detail (``GET /api/suggestions/{id}``) carries each answer's flags to staff too."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

from renda.answer_quality import queries
from renda.answer_quality.models import AnswerFlag
from renda.core.api import scoped
from renda.core.api_contract import one
from renda.core.errors import ValidationError
from renda.core.permissions import check_permission
from renda.people.models import Organisation

router = Router(tags=["answer_quality"])


class AnswerQualityEarlierOut(Schema):
    answer_id: int
    item_id: int
    item: str
    containment: float
    longest: int
    passages: list[str]


class AnswerQualityFlagOut(Schema):
    id: int
    kind: str
    kind_label: str
    answer_id: int
    item_id: int
    unit: str
    unit_id: int
    score: float
    earlier: list[AnswerQualityEarlierOut]  # boilerplate: the earlier answers repeated, closest first
    missing: list[str]  # off-topic: the request's key phrases the answer does not contain
    computed_at: datetime


def flag_out(flag: AnswerFlag) -> dict:
    return {"id": flag.pk, "kind": flag.kind, "kind_label": flag.get_kind_display(), "answer_id": flag.object_id,
            "item_id": flag.item_id, "unit": flag.unit.name, "unit_id": flag.unit_id, "score": flag.score,
            "earlier": flag.evidence.get("earlier", []), "missing": flag.evidence.get("missing", []),
            "computed_at": flag.computed_at}


@router.get("/answer-quality/flags", response=list[AnswerQualityFlagOut],
            summary="答复质量提示（套话答复、答非所问）及依据，仅工作人员；可按承办单位、类别筛选")
@scoped
def list_flags(request, unit: int | None = None, kind: str = ""):
    congress = request.congress
    check_permission(request.user, congress, "view_answer_flags")
    if kind and kind not in AnswerFlag.Kind.values:
        raise ValidationError({"kind": f"“kind”须为 {'、'.join(AnswerFlag.Kind.values)} 之一，收到：{kind[:40]}"})
    one(Organisation.objects.in_congress(congress), unit, "unit", "承办单位")  # another congress's unit: 422
    return [flag_out(f) for f in queries.flags(congress, unit=unit, kind=kind or None)[:500]]
