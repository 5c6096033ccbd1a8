"""Which article of one text is which article of another, when the texts carry no keys (a version
pasted afresh): identical text first, then the most similar (difflib ratio at least ``THRESHOLD``),
best pairs first; chapters and sections by identical heading."""

from __future__ import annotations

import difflib
import re

THRESHOLD = 0.6
_NOISE = re.compile(r"[\s\u3000]")


def normal(text: str) -> str:
    return _NOISE.sub("", text or "")


def similarity(a: str, b: str) -> float:
    a, b = normal(a), normal(b)
    if not a and not b:
        return 1.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    if matcher.real_quick_ratio() < THRESHOLD or matcher.quick_ratio() < THRESHOLD:
        return matcher.quick_ratio() * 0.5
    return matcher.ratio()


def pair(old: list[str], new: list[str], *, threshold: float = THRESHOLD) -> dict[int, int]:
    """new index → old index for the texts that correspond."""
    found: dict[int, int] = {}
    taken: set[int] = set()
    by_text: dict[str, list[int]] = {}
    for i, text in enumerate(old):
        by_text.setdefault(normal(text), []).append(i)
    for j, text in enumerate(new):
        candidates = [i for i in by_text.get(normal(text), []) if i not in taken]
        if candidates:
            found[j] = candidates[0]
            taken.add(candidates[0])
    scores = sorted(((similarity(old[i], new[j]), -abs(i - j), j, i)
                     for j in range(len(new)) if j not in found
                     for i in range(len(old)) if i not in taken), reverse=True)
    for score, _distance, j, i in scores:
        if score < threshold:
            break
        if j in found or i in taken:
            continue
        found[j] = i
        taken.add(i)
    return found
