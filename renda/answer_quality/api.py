"""答复质量提示 over the API, for staff (``view_answer_flags``): the flags of a congress, by unit and
kind and source (a suggestion's answer, or a unit's answer to a concern or register item). The
suggestion detail (``GET /api/suggestions/{id}``) carries each answer's flags to staff too."""

from __future__ import annotations

from datetime import datetime

from ninja import Router, Schema

from renda.answer_quality import queries
from renda.answer_quality.models import AnswerFlag
from renda.answer_quality.queries import item_href
from renda.core.api import scoped
from renda.core.api_contract import one
from renda.core.errors import ValidationError
from renda.core.permissions import check_permission
from renda.liaison.models import Concern
from renda.people.models import Organisation

router = Router(tags=["answer_quality"])


class AnswerQualityEarlierOut(Schema):
    answer_id: int
    item_id: int
    item: str
    item_url: str
    containment: float
    longest: int
    passages: list[str]


class AnswerQualityFlagOut(Schema):
    id: int
    kind: str
    kind_label: str
    source: str  # suggestion: answer_id is a proposals answer, item_id its suggestion; concern: both the concern
    source_label: str
    answer_id: int
    item_id: int
    item_url: str  # the item's page for staff (a suggestion, a register item or a station's concern)
    unit: str
    unit_id: int
    score: float
    earlier: list[AnswerQualityEarlierOut]  # boilerplate: the earlier answers repeated, closest first
    missing: list[str]  # off-topic: the request's key phrases the answer does not contain
    computed_at: datetime


def flag_out(flag: AnswerFlag, register: bool = False) -> dict:
    """``register``: the flag's item (a concern) is an opinion-register item, linked to the register's page."""
    code = flag.congress.code
    earlier = [{**e, "item_url": item_href(code, flag.source, e["item_id"], e.get("register", False))}
               for e in flag.evidence.get("earlier", [])]
    return {"id": flag.pk, "kind": flag.kind, "kind_label": flag.get_kind_display(), "source": flag.source,
            "source_label": flag.get_source_display(), "answer_id": flag.object_id, "item_id": flag.item_id,
            "item_url": item_href(code, flag.source, flag.item_id, register),
            "unit": flag.unit.name, "unit_id": flag.unit_id, "score": flag.score,
            "earlier": earlier, "missing": flag.evidence.get("missing", []), "computed_at": flag.computed_at}


@router.get("/answer-quality/flags", response=list[AnswerQualityFlagOut],
            summary="答复质量提示（套话答复、答非所问）及依据，仅工作人员；可按答复类别、承办单位、提示类别筛选")
@scoped
def list_flags(request, unit: int | None = None, kind: str = "", source: str = ""):
    congress = request.congress
    check_permission(request.user, congress, "view_answer_flags")
    if kind and kind not in AnswerFlag.Kind.values:
        raise ValidationError({"kind": f"“kind”须为 {'、'.join(AnswerFlag.Kind.values)} 之一，收到：{kind[:40]}"})
    if source and source not in AnswerFlag.Source.values:
        raise ValidationError({"source": f"“source”须为 {'、'.join(AnswerFlag.Source.values)} 之一，收到：{source[:40]}"})
    one(Organisation.objects.in_congress(congress), unit, "unit", "承办单位")  # another congress's unit: 422
    rows = list(queries.flags(congress, unit=unit, kind=kind or None, source=source or None)
                .select_related("congress")[:500])
    register = set(Concern.objects.in_congress(congress)
                   .filter(pk__in=[f.item_id for f in rows if f.source == AnswerFlag.Source.CONCERN],
                           source__in=Concern.REGISTER_SOURCES).values_list("pk", flat=True))
    return [flag_out(f, f.source == AnswerFlag.Source.CONCERN and f.item_id in register) for f in rows]
