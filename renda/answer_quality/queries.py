"""Reads of 答复质量提示 for the suggestion, concern and register-item pages, the API and the report.

Who sees flags: staff of the office and committees only (``view_answer_flags``). A flag is a
heuristic about a unit's work, for the office that supervises handling to weigh; shown to the deputy
it would read as the congress's verdict and colour their rating, shown to the unit as a machine's
reproach before anyone has looked. The report shows per-unit counts to whoever reads the report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q
from django.urls import reverse

from renda.answer_quality import checks
from renda.answer_quality.models import AnswerFlag
from renda.core.models import Congress
from renda.core.permissions import may


@dataclass
class FlagView:
    flag: AnswerFlag
    segments: list[dict]  # the answer's text, the passages it shares with the earlier answers marked

    @property
    def kind(self) -> str:
        return self.flag.kind

    @property
    def label(self) -> str:
        return self.flag.get_kind_display()

    @property
    def evidence(self) -> dict:
        return self.flag.evidence

    @property
    def percent(self) -> str:
        return f"{self.flag.score * 100:.0f}%"

    @property
    def request_label(self) -> str:
        return "诉求（意见）内容" if self.flag.source == AnswerFlag.Source.CONCERN else "建议的请求内容"

    @property
    def earlier(self) -> list[dict]:
        """The earlier answers repeated, each with ``href``, the page of the item it answered."""
        code = self.flag.congress.code
        return [{**e, "href": item_href(code, self.flag.source, e["item_id"], e.get("register", False))}
                for e in self.flag.evidence.get("earlier", [])]


def item_href(congress_code: str, source: str, item_id: int, register: bool = False) -> str:
    """The staff page of an answered item: a suggestion, a register item, or a station's concern."""
    if source == AnswerFlag.Source.SUGGESTION:
        return reverse("suggestion_detail", args=[congress_code, item_id])
    return reverse("opinion_detail" if register else "liaison_concern", args=[congress_code, item_id])


def _view(flag: AnswerFlag, text: str) -> FlagView:
    segments = []
    if flag.kind == AnswerFlag.Kind.BOILERPLATE:
        passages = [p for e in flag.evidence.get("earlier", []) for p in e.get("passages", [])]
        segments = checks.marked(text, passages)
    return FlagView(flag, segments)


def may_see(congress: Congress, user) -> bool:
    return may(user, congress, "view_answer_flags")


def flags_by_answer(congress: Congress, user, answers: list) -> dict[int, list[FlagView]]:
    """The flags on these suggestion answers, by answer id, for a reader who may see them (else none)."""
    if not answers or not may_see(congress, user):
        return {}
    texts = {a.pk: a.text for a in answers}
    found: defaultdict[int, list[FlagView]] = defaultdict(list)
    for flag in (AnswerFlag.objects.in_congress(congress)
                 .filter(source=AnswerFlag.Source.SUGGESTION, object_id__in=list(texts))
                 .select_related("unit", "congress").order_by("kind")):
        found[flag.object_id].append(_view(flag, texts[flag.object_id]))
    return dict(found)


def flags_for_concern(congress: Congress, user, concern) -> list[FlagView]:
    """The flags on a unit's answer to this concern or register item, for a reader who may see them."""
    if not concern.answer or not may_see(congress, user):
        return []
    return [_view(flag, concern.answer) for flag in (
        AnswerFlag.objects.in_congress(congress).filter(source=AnswerFlag.Source.CONCERN, object_id=concern.pk)
        .select_related("unit", "congress").order_by("kind"))]


def flags(congress: Congress, *, unit: int | None = None, kind: str | None = None, source: str | None = None):
    rows = AnswerFlag.objects.in_congress(congress).select_related("unit")
    if source:
        rows = rows.filter(source=source)
    if unit is not None:
        rows = rows.filter(unit_id=unit)
    if kind:
        rows = rows.filter(kind=kind)
    return rows.order_by("-id")


def counts_by_unit(congress: Congress, answer_ids) -> dict[int, tuple[int, int]]:
    """unit id → (boilerplate, off-topic) flagged answers among these suggestion answers."""
    rows = (AnswerFlag.objects.in_congress(congress)
            .filter(source=AnswerFlag.Source.SUGGESTION, object_id__in=answer_ids)
            .values("unit_id").annotate(b=Count("id", filter=Q(kind=AnswerFlag.Kind.BOILERPLATE)),
                                        o=Count("id", filter=Q(kind=AnswerFlag.Kind.OFF_TOPIC))))
    return {r["unit_id"]: (r["b"], r["o"]) for r in rows}
