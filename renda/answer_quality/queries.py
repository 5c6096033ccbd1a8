"""Reads of 答复质量提示 for the suggestion page, the API and the report.

Who sees flags: staff of the office and committees only (``view_answer_flags``). A flag is a
heuristic about a unit's work, for the office that supervises handling to weigh; shown to the deputy
it would read as the congress's verdict and colour their rating, shown to the unit as a machine's
reproach before anyone has looked. The report shows per-unit counts to whoever reads the report.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from django.db.models import Count, Q

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
                 .select_related("unit").order_by("kind")):
        segments = []
        if flag.kind == AnswerFlag.Kind.BOILERPLATE:
            passages = [p for e in flag.evidence.get("earlier", []) for p in e.get("passages", [])]
            segments = checks.marked(texts[flag.object_id], passages)
        found[flag.object_id].append(FlagView(flag, segments))
    return dict(found)


def flags(congress: Congress, *, unit: int | None = None, kind: str | None = None):
    rows = AnswerFlag.objects.in_congress(congress).select_related("unit")
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
