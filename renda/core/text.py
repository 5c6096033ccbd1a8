"""Chinese text as search, duplicate finding and routing compare it.

``fold`` makes the forms people type interchangeable: full-width and half-width (NFKC), traditional
and simplified characters (zhconv's MediaWiki tables, not a table of our own), upper and lower case.
``units`` keeps what carries meaning — Han characters, letters, digits — and drops spaces and
punctuation, so "道路，桥梁" and "道路桥梁" are the same text. ``bigrams`` are the two-unit runs a
search index stores: Chinese has no spaces, and every substring of two units or more is a run of
bigrams, so an index of them finds every substring (a one-unit query is refused, it would scan all).
"""

from __future__ import annotations

import functools
import unicodedata

import zhconv


@functools.cache
def _traditional_starts() -> frozenset[str]:
    """First characters of every zh-cn conversion: a text with none of them needs no conversion."""
    zhconv.zhconv.loaddict()
    table = zhconv.zhconv.getdict("zh-cn")
    return frozenset(key[0] for key in table)


def fold(text: str) -> str:
    text = unicodedata.normalize("NFKC", text or "").casefold()
    if not _traditional_starts().isdisjoint(text):
        text = zhconv.convert(text, "zh-cn")
    return text


def is_unit(char: str) -> bool:
    return char.isalnum()


def units(text: str) -> str:
    """The folded text with only its Han characters, letters and digits."""
    return "".join(c for c in fold(text) if c.isalnum())


def bigrams(text: str) -> list[str]:
    """Two-unit runs of the text, in order, repeats kept (a unit of its own if it has only one)."""
    u = units(text)
    if len(u) == 1:
        return [u]
    return [u[i:i + 2] for i in range(len(u) - 1)]


def bigram_set(text: str) -> set[str]:
    return set(bigrams(text))


def shingles(text: str, size: int = 3) -> set[str]:
    """Runs of ``size`` units, for near-duplicate finding (MinHash)."""
    u = units(text)
    if len(u) <= size:
        return {u} if u else set()
    return {u[i:i + size] for i in range(len(u) - size + 1)}


def covered(text: str, shared: set[str], size: int = 3) -> list[bool]:
    """For each character of ``text``, whether a run of ``size`` units it shares (``shared`` shingles)
    covers it; punctuation between two covered characters belongs to the run. For marking overlaps in
    the original text (similar items, repeated answers)."""
    pos: list[int] = []
    seq: list[str] = []
    for i, ch in enumerate(text):
        for u in units(ch):
            seq.append(u)
            pos.append(i)
    on = [False] * len(text)
    for j in range(len(seq) - size + 1):
        if "".join(seq[j:j + size]) in shared:
            for k in range(j, j + size):
                on[pos[k]] = True
    for j in range(1, len(pos)):
        if on[pos[j - 1]] and on[pos[j]]:
            for i in range(pos[j - 1] + 1, pos[j]):
                on[i] = True
    return on
