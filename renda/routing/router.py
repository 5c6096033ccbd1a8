"""Which unit should handle an item, and why: the lead unit and co-units, top 3, each with its reasons.

Two kinds of evidence, both over the shared bigrams of ``renda.core.text`` (Chinese has no spaces):

* Duties. Each unit's 三定方案 text is split into phrases at ；。、，. A bigram found in few units'
  duties says more than one found in all (负责、管理): it is weighted by its IDF over the units. A
  unit scores the best of its phrases (a phrase matched on several specific bigrams is a reason a
  person can check), and its whole duties' bag of matched bigrams. Colloquial words are first expanded
  with the formal words of their domain (``lexicon``), and the misleading words of that context damped.
* Meaning (optional, ``embeddings``). When every unit's duties have been embedded, the item's e5
  vector's cosine to each unit's duties (whole text and best phrase) is turned into a weight relative
  to the closest unit (``exp((s − best) / EMBED_TEMPERATURE)``) and added to the duty score; it finds the
  unit when the person's words and the 三定 wording share no bigram. Without the vectors the ranking
  is on words alone.
* Past assignments. Every item staff assigned is a training example: the new text's nearest past
  items (IDF-weighted cosine over bigrams, older ones decayed) vote for the unit that got them. An
  assignment staff later moved to another unit votes against its first unit, so a correction changes
  later proposals. Same-category past items (a suggestion's 分类) add a small vote.

The ranking runs over plain lists (``UnitDuties``, ``PastItem``) so it can be evaluated without the
database (bench/routing_eval.py); ``suggest_for`` loads them for a congress.
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from renda.core.text import bigram_set, bigrams, fold, units
from renda.routing import embeddings, lexicon

PHRASE_SPLIT = re.compile(r"[；;。.、，,：:\n（）()]+")

# Weights, tuned on renda/routing/evaluation (bench/results/routing.md says how well).
EXPANSION_WEIGHT = 0.6  # a bigram added by the lexicon, against 1 for one the person typed
TITLE_WEIGHT = 1.5  # a title's bigram, against 1 for the body's
PHRASE_SHARE = 0.6  # duty score = this × best phrases + (1 − this) × whole-duties bag
PHRASE_DECAY = (1.0, 0.5, 0.25)  # the unit's best, second and third phrase
LENGTH_NORM = 0.3  # how much a long duties text is discounted (0 none, 1 fully)
HISTORY_WEIGHT = 0.8  # past items' votes against duty scores normalised to 1 at best
HISTORY_NEIGHBOURS = 5
HISTORY_MIN_SIMILARITY = 0.12
HISTORY_HALF_LIFE_DAYS = 3 * 365
WRONG_WEIGHT = 0.8  # an assignment moved away counts against its first unit at this share
CATEGORY_WEIGHT = 0.3
MIN_SCORE = 0.05
MEANING_CHARS = 2000  # the item's text embedded: the model reads its first few hundred words anyway
EMBED_WEIGHT = 1.0  # the closest unit in meaning gains this, against 1 for the best duty score
EMBED_TEMPERATURE = 0.01  # e5 cosines are bunched (0.8–0.9): a unit 0.01 further gets 1/e of the weight
EMBED_REASON = 0.5  # a unit gets a meaning reason when its weight is at least this


@dataclass(frozen=True)
class UnitDuties:
    unit_id: int | str
    name: str
    duties: str = ""


@dataclass(frozen=True)
class PastItem:
    text: str
    unit_id: int | str
    label: str  # how a reason names it: 第0012号《…》, 群众诉求 ABCD-1234
    age_days: int = 0
    category: str = ""
    wrong: bool = False  # staff moved it away from this unit


@dataclass
class Ranked:
    unit_id: int | str
    name: str
    score: float = 0.0
    reasons: list[str] = field(default_factory=list)

    @property
    def unit(self) -> str:  # the old proposals.matching.Proposal's name for it, used by templates
        return self.name


@dataclass
class Routing:
    ranked: list[Ranked]
    notes: list[str]
    can_rank: bool


class EmptyText(ValueError):
    pass


def phrases(duties: str) -> list[str]:
    return [p.strip() for p in PHRASE_SPLIT.split(fold(duties)) if len(units(p)) >= 2]


def _idf(df: Counter, n: int) -> dict[str, float]:
    return {b: math.log(1 + n / d) for b, d in df.items()}


class Router:
    def __init__(self, unit_list: Sequence[UnitDuties], history: Iterable[PastItem] = (),
                 vectors: Mapping[Any, Any] | None = None):
        """``vectors``: unit id → its duties' embeddings (``embeddings.compute``); used only when every
        unit with duties has them."""
        self.units = list(unit_list)
        self.by_id = {u.unit_id: u for u in self.units}
        self.with_duties = [u for u in self.units if units(u.duties)]
        self.phrases: dict = {}
        self.bags: dict = {}
        df: Counter = Counter()
        for u in self.with_duties:
            ps = [(p, bigram_set(p)) for p in phrases(u.duties)]
            name_bigrams = bigram_set(re.sub(r"^.{0,3}[市县区镇乡]", "", u.name))
            ps.append((u.name, name_bigrams))
            self.phrases[u.unit_id] = ps
            bag: set[str] = set().union(*(b for _, b in ps))
            self.bags[u.unit_id] = bag
            df.update(bag)
        self.idf = _idf(df, max(len(self.with_duties), 1))
        self.avg_len = sum(len(b) for b in self.bags.values()) / max(len(self.bags), 1)
        self.history = [h for h in history if h.unit_id in self.by_id]
        self.h_sets = [bigram_set(h.text) for h in self.history]
        h_df: Counter = Counter()
        for s in self.h_sets:
            h_df.update(s)
        self.h_idf = _idf(h_df, max(len(self.history), 1))
        self.h_index: dict[str, list[int]] = defaultdict(list)
        for i, s in enumerate(self.h_sets):
            for b in s:
                self.h_index[b].append(i)
        self.h_norm = [math.sqrt(sum(self.h_idf[b] ** 2 for b in s)) or 1.0 for s in self.h_sets]
        self.duty_phrases = {u.unit_id: phrases(u.duties) for u in self.with_duties}
        vectors = vectors or {}
        self.vectors = ({u.unit_id: vectors[u.unit_id] for u in self.with_duties}
                        if self.with_duties and all(vectors.get(u.unit_id) is not None for u in self.with_duties)
                        else None)
        self.vector_note = ("部分承办单位职责的语义向量尚未计算，本次仅按词语和以往交办排序"
                            if vectors and self.vectors is None and embeddings.available() else "")

    # ── the query ──

    def query_weights(self, title: str, body: str) -> tuple[dict[str, float], list[str]]:
        """Bigram → weight: the typed text's, plus the lexicon's domain words for the triggers found."""
        weights: dict[str, float] = {}
        for b in bigrams(body):
            weights[b] = 1.0
        for b in bigrams(title):
            weights[b] = TITLE_WEIGHT
        folded = units(f"{title}{body}")
        domains = []
        for entry in lexicon.ENTRIES:
            if any(t in folded for t in entry.triggers):
                domains.append(entry.domain)
                for b in bigram_set(entry.terms.replace(" ", "，")):
                    weights[b] = max(weights.get(b, 0.0), EXPANSION_WEIGHT)
                for word in entry.damp:
                    for b in bigram_set(word):
                        if b in weights:
                            weights[b] *= lexicon.DAMP_WEIGHT
        return weights, domains

    # ── duties ──

    def duty_scores(self, q: dict[str, float]) -> dict:
        scores: dict = {}
        phrase_hits: dict = {}
        for u in self.with_duties:
            bag = self.bags[u.unit_id]
            shared = [b for b in q if b in bag]
            if not shared:
                continue
            bag_score = sum(q[b] * self.idf[b] for b in shared)
            bag_score /= 1 - LENGTH_NORM + LENGTH_NORM * len(bag) / (self.avg_len or 1)
            hits = []
            for text, ps in self.phrases[u.unit_id]:
                common = [b for b in q if b in ps]
                if common:
                    hits.append((sum(q[b] * self.idf[b] for b in common), text, common))
            hits.sort(key=lambda h: -h[0])
            phrase_score = sum(w * h[0] for w, h in zip(PHRASE_DECAY, hits, strict=False))
            scores[u.unit_id] = PHRASE_SHARE * phrase_score + (1 - PHRASE_SHARE) * bag_score
            phrase_hits[u.unit_id] = hits[:2]
        self._phrase_hits = phrase_hits
        return scores

    # ── meaning ──

    def meaning_scores(self, text: str) -> dict:
        """Unit id → (weight in 0..1, similarity, best phrase); empty without vectors or the package."""
        if self.vectors is None or not any("\u4e00" <= c <= "\u9fff" for c in text):
            return {}  # no Chinese word in it: nothing for meaning to go on (the closest unit is noise)
        q = embeddings.query(text[:MEANING_CHARS])
        if q is None:
            return {}
        sims = {}
        for u in self.with_duties:
            sim, best = embeddings.similarity(self.vectors[u.unit_id], q)
            texts = self.duty_phrases[u.unit_id]
            sims[u.unit_id] = (sim, texts[best] if best < len(texts) else u.name)
        top = max(s for s, _ in sims.values())
        return {k: (math.exp((s - top) / EMBED_TEMPERATURE), s, p) for k, (s, p) in sims.items()}

    # ── past assignments ──

    def neighbours(self, title: str, body: str) -> list[tuple[float, PastItem]]:
        q = bigram_set(f"{title}{body}")
        dots: dict[int, float] = defaultdict(float)
        for b in q:
            w = self.h_idf.get(b)
            if w is None:
                continue
            for i in self.h_index[b]:
                dots[i] += w * w
        if not dots:
            return []
        q_norm = math.sqrt(sum(self.h_idf.get(b, 0.0) ** 2 for b in q)) or 1.0
        found = []
        for i, dot in dots.items():
            sim = dot / (q_norm * self.h_norm[i])
            if sim >= HISTORY_MIN_SIMILARITY:
                found.append((sim, self.history[i]))
        found.sort(key=lambda x: -x[0])
        return found[:HISTORY_NEIGHBOURS]

    # ── together ──

    def suggest(self, title: str, body: str = "", *, category: str = "", limit: int = 3) -> Routing:
        if len(units(f"{title}{body}")) < 2:
            raise EmptyText("标题和内容合起来至少要有两个字（汉字、字母或数字），才能建议承办单位")
        notes = [f"{u.name}未填写职责，无法据职责排序" for u in self.units if not units(u.duties)]
        if self.vector_note:
            notes.append(self.vector_note)
        if not self.with_duties and not self.history:
            return Routing([], [*notes, "所有承办单位均未填写职责，也没有以往交办记录，无法排序"], can_rank=False)
        q, _ = self.query_weights(title, body)
        raw = self.duty_scores(q)
        best = max(raw.values(), default=0.0)
        found: dict = {}

        def entry(unit_id) -> Ranked:
            if unit_id not in found:
                found[unit_id] = Ranked(unit_id, self.by_id[unit_id].name)
            return found[unit_id]

        typed = bigram_set(f"{title}{body}")
        for unit_id, s in raw.items():
            r = entry(unit_id)
            r.score += s / best
            for _, text, common in self._phrase_hits[unit_id]:
                label = "单位名称" if text == self.by_id[unit_id].name else "职责"
                # words the item itself contains, apart from those its everyday words stand for (lexicon)
                own = _words(text, [b for b in common if b in typed])
                implied = [w for w in _words(text, [b for b in common if b not in typed]) if w not in own]
                said = [f"与本件共同词语：{'、'.join(own)}"] if own else []
                if implied:
                    said.append(f"本件的说法对应：{'、'.join(implied)}")
                r.reasons.append(f"{label}“{_clip(text)}”" + "；".join(said))
        meaning = self.meaning_scores(f"{title}\n{body}".strip())
        # past assignments weigh against the other signals at their own scale: with meaning added, a
        # unit's score runs to 1 + EMBED_WEIGHT, and staff's corrections must still be able to move it
        history_scale = 1 + (EMBED_WEIGHT if meaning else 0)
        for unit_id, (weight, sim, text) in meaning.items():
            if weight * EMBED_WEIGHT < 0.01:
                continue
            r = entry(unit_id)
            r.score += EMBED_WEIGHT * weight
            if weight >= EMBED_REASON:
                label = "单位名称" if text == self.by_id[unit_id].name else "职责"
                r.reasons.append(f"{label}“{_clip(text)}”与本件意思相近（语义相似度 {sim:.2f}）")
        for sim, past in self.neighbours(title, body):
            decay = 0.5 ** (past.age_days / HISTORY_HALF_LIFE_DAYS)
            r = entry(past.unit_id)
            if past.wrong:
                r.score -= history_scale * HISTORY_WEIGHT * WRONG_WEIGHT * sim * decay
                reason = f"相似的{past.label}曾交本单位后调整给其他单位（相似度 {sim:.2f}）"
            else:
                r.score += history_scale * HISTORY_WEIGHT * sim * decay
                reason = f"相似的{past.label}由本单位主办（相似度 {sim:.2f}）"
            if reason not in r.reasons:  # one past item may be both a concern and a register item
                r.reasons.append(reason)
        if category:
            same = Counter(h.unit_id for h in self.history if h.category == category and not h.wrong)
            total = sum(same.values())
            for unit_id, n in same.most_common(limit):
                r = entry(unit_id)
                r.score += CATEGORY_WEIGHT * n / total
                r.reasons.append(f"同类（{category}）以往交办 {n} 件")
        if meaning and not raw and not any(r.reasons and "相似的" in " ".join(r.reasons) for r in found.values()):
            notes.append("本件与各单位职责和以往交办件都没有共同词语，以下仅按意思相近排列，请人工核对")
        ranked = sorted((r for r in found.values() if r.score >= MIN_SCORE), key=lambda r: (-r.score, str(r.name)))
        for r in ranked:
            r.score = round(r.score, 3)
        if not ranked:
            notes.append("本件与各单位职责和以往交办件都没有共同词语，无法建议，请人工选择")
        return Routing(ranked[:limit], notes, can_rank=True)


def _clip(text: str, n: int = 40) -> str:
    return text if len(text) <= n else text[:n] + "…"


def _words(text: str, common: list[str]) -> list[str]:
    """The shared bigrams joined into the runs of the phrase they form (占道经营, not 占道、道经、经营)."""
    u = units(text)
    keep = [False] * len(u)
    shared = set(common)
    for i in range(len(u) - 1):
        if u[i:i + 2] in shared:
            keep[i] = keep[i + 1] = True
    runs, cur = [], ""
    for ch, k in zip(u, keep, strict=True):
        if k:
            cur += ch
        elif cur:
            runs.append(cur)
            cur = ""
    if cur:
        runs.append(cur)
    return list(dict.fromkeys(runs))[:6] or sorted(shared)[:6]
