"""Which handling units to propose for an item, and why: units that took items of the same category
before, and the lead units of past items whose titles share words with this one (Chinese has no
spaces, so "words" are the title's two-character runs, less the filler every title has)."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count

from renda.core.models import Congress
from renda.proposals.models import Assignment, Suggestion

FILLER = {"关于", "建议", "的建", "于加", "加强", "进一", "一步", "步加", "议案", "问题", "工作", "的建议", "推进", "尽快"}
PAST_ITEMS = 3000  # the most recent assigned items looked at for similar titles


def words(title: str) -> set[str]:
    chars = [c for c in title if "\u4e00" <= c <= "\u9fff" or c.isalnum()]
    return {a + b for a, b in zip(chars, chars[1:], strict=False)} - FILLER


@dataclass
class Proposal:
    unit_id: int
    unit: str
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)


def propose_units(congress: Congress, suggestion: Suggestion, limit: int = 3) -> list[Proposal]:
    found: dict[int, Proposal] = {}
    past = Assignment.objects.in_congress(congress).filter(lead=True).exclude(suggestion=suggestion)
    if suggestion.category:
        for unit_id, name, n in (past.filter(suggestion__category=suggestion.category)
                                 .values_list("unit_id", "unit__name").annotate(n=Count("id")).order_by("-n")[:limit]):
            p = found.setdefault(unit_id, Proposal(unit_id, name))
            p.score += n
            p.reasons.append(f"同类（{suggestion.category}）以往交办 {n} 件")
    mine = words(suggestion.title)
    if mine:
        scored = []
        recent = past.select_related("suggestion", "unit").order_by("-id")[:PAST_ITEMS]
        for a in recent:
            shared = mine & words(a.suggestion.title)
            if len(shared) >= 2:
                scored.append((len(shared) / len(mine | words(a.suggestion.title)), a, shared))
        by_unit: Counter = Counter()
        for similarity, a, shared in sorted(scored, key=lambda x: -x[0])[:10]:
            p = found.setdefault(a.unit_id, Proposal(a.unit_id, a.unit.name))
            by_unit[a.unit_id] += 1
            if by_unit[a.unit_id] <= 2:
                p.reasons.append(f"与{a.suggestion.numbered or '第' + str(a.suggestion_id) + '件'}《{a.suggestion.title}》相似："
                                 f"共同词语 {'、'.join(sorted(shared)[:5])}")
            p.score += 10 * similarity
    return sorted(found.values(), key=lambda p: -p.score)[:limit]
