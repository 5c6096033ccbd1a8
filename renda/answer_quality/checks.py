"""The two checks on an answer, as pure functions of text (no database): which earlier answers it
repeats, and how much of the item's request it takes up. Both compare the folded text of
``renda.core.text`` — full/half width and traditional/simplified alike, punctuation and spaces left out.

Boilerplate: the share of the answer's three-unit shingles found in one earlier answer of the same unit
(containment, not Jaccard: a short stock answer pasted into a longer one is still a repeat), or one
run of identical text at least ``passage_units`` long. A unit's past answers are a few hundred at most,
so the comparison is exact; no MinHash sketch is needed.

Off-topic: the share of the request's bigrams (the sentences with 建议, 请求 … or, without any, the
title and the whole body) that occur in the answer; the marker words themselves are left out, since
every answer says 建议.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from fractions import Fraction

from renda.core.text import bigram_set, covered, fold, shingles, units

SIZE = 3  # shingle length: long enough that two unrelated Chinese texts rarely share one
SENTENCE_END = re.compile(r"[。！？!?；;\n]+")
MAX_PASSAGES = 5
MAX_MISSING = 8


@dataclass
class Past:
    """An earlier answer of the same unit to another item."""

    answer_id: int
    item_id: int
    item_label: str  # number and title, for the evidence
    text: str


@dataclass
class Repeat:
    past: Past
    containment: float
    passages: list[str]  # the shared runs, folded units, longest first
    longest: int


@dataclass
class Coverage:
    exact: Fraction  # compared with the threshold exactly
    request: str
    missing: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        return float(self.exact)


def shared_runs(mine: str, theirs_shingles: set[str]) -> list[tuple[int, int]]:
    """Unit ranges [start, end) of ``mine`` covered by shingles it shares with the other text."""
    runs: list[tuple[int, int]] = []
    start = end = -1
    for i in range(len(mine) - SIZE + 1):
        if mine[i:i + SIZE] in theirs_shingles:
            if i <= end:  # overlaps or touches the current run
                end = i + SIZE
            else:
                if start >= 0:
                    runs.append((start, end))
                start, end = i, i + SIZE
    if start >= 0:
        runs.append((start, end))
    return runs


def repeats(answer: str, earlier: list[Past], *, containment: Fraction, passage_units: int,
            min_units: int) -> list[Repeat]:
    """The earlier answers this one repeats, closest first: containment ≥ the threshold, or one shared
    run of at least ``passage_units`` units."""
    mine = units(answer)
    if len(mine) < min_units:
        return []
    own = shingles(answer, SIZE)
    found = []
    for past in earlier:
        theirs = shingles(past.text, SIZE)
        common = own & theirs
        if not common:
            continue
        share = Fraction(len(common), len(own))  # exact: 6/10 must meet a 3/5 threshold, as a float it would not
        runs = shared_runs(mine, theirs)
        longest = max((e - s for s, e in runs), default=0)
        if share >= containment or longest >= passage_units:
            passages = sorted((mine[s:e] for s, e in runs), key=len, reverse=True)[:MAX_PASSAGES]
            found.append(Repeat(past, float(share), passages, longest))
    found.sort(key=lambda r: (-r.containment, -r.longest, -r.past.answer_id))
    return found


def marked(text: str, others: list[str]) -> list[dict]:
    """``text`` cut into segments, each {"text", "shared"}, the runs it shares with ``others`` marked."""
    theirs: set[str] = set()
    for other in others:
        theirs |= shingles(other, SIZE)
    flags = covered(text, theirs, SIZE)
    segments: list[dict] = []
    for ch, shared in zip(text, flags, strict=True):
        if segments and segments[-1]["shared"] == shared:
            segments[-1]["text"] += ch
        else:
            segments.append({"text": ch, "shared": shared})
    return segments


def request_of(title: str, body: str, markers: list[str]) -> str:
    """What the item asks: its sentences with a request word, or its title and body if none has one."""
    sentences = [s for s in SENTENCE_END.split(f"{title}。{body}") if s.strip()]
    folded_markers = [fold(m) for m in markers]
    asking = [s for s in sentences if any(m in fold(s) for m in folded_markers)]
    return "。".join(asking or sentences)


def _without_markers(request: str, markers: list[str]) -> str:
    text = fold(request)
    for m in sorted((fold(m) for m in markers), key=len, reverse=True):
        text = text.replace(m, "。")
    return text


def coverage(request: str, answer: str, markers: list[str], *, min_units: int) -> Coverage | None:
    """How much of the request the answer takes up; None when the request is too short to judge."""
    noise: set[str] = set()
    for m in markers:
        noise |= bigram_set(m)
    bare = _without_markers(request, markers)
    wanted = set().union(*(bigram_set(s) for s in SENTENCE_END.split(bare))) - noise
    if len(units(request)) < min_units or not wanted:
        return None
    present = bigram_set(answer)
    return Coverage(Fraction(len(wanted & present), len(wanted)), request, missing_phrases(bare, present, noise))


def missing_phrases(request: str, present: set[str], noise: set[str]) -> list[str]:
    """The request's longest runs (≥ 3 units) none of whose bigrams the answer has: its key phrases left unanswered."""
    found = []
    for sentence in SENTENCE_END.split(request):
        u = units(sentence)
        run = ""
        for i in range(len(u) - 1):
            pair = u[i:i + 2]
            if pair not in present and pair not in noise:
                run = run + u[i + 1] if run else pair
            else:
                if len(run) >= 3:
                    found.append(run)
                run = ""
        if len(run) >= 3:
            found.append(run)
    unique = list(dict.fromkeys(found))
    return sorted(unique, key=len, reverse=True)[:MAX_MISSING]
