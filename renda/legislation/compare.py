"""Two versions of a bill (or two enacted texts of a law) compared article by article.

Articles correspond by key (kept when a version is derived from another); those left over — a
version pasted afresh — by text similarity (``matching.pair``). Each row is one article:
``unchanged``, ``changed`` (words differ), ``renumbered`` (same words, new number), ``moved`` (to
another chapter or section, or out of order with its neighbours), ``added`` or ``deleted``; a moved
or renumbered article may also be changed (``changed`` is then true as well). The changed words are
marked with ``<del>``/``<ins>`` (difflib, character by character)."""

from __future__ import annotations

import bisect
import difflib
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from renda.legislation import matching, queries, references
from renda.legislation.models import BillVersion, Provision
from renda.legislation.text import PARAGRAPH, Node, to_numeral

LABELS = {"unchanged": "未改动", "changed": "修改", "renumbered": "序号变动", "moved": "移动",
          "added": "新增", "deleted": "删除"}


@dataclass
class Side:
    key: str
    number: int
    eid: str
    text: str
    place: str  # 第二章　保护 / 第二章第一节 …, "" when the text has no chapters
    place_key: str
    canon: str = ""  # the text with each citation written as the cited article's key

    @property
    def label(self) -> str:
        return f"第{to_numeral(self.number)}条"


@dataclass
class Row:
    status: str
    old: Side | None
    new: Side | None
    changed: bool = False
    renumbered: bool = False
    moved: bool = False
    citations: bool = False  # only the numbers it cites changed, following their articles
    old_html: SafeString = field(default_factory=lambda: mark_safe(""))
    new_html: SafeString = field(default_factory=lambda: mark_safe(""))

    @property
    def status_label(self) -> str:
        return LABELS[self.status]

    @property
    def note(self) -> str:
        """The 说明 column of the 对照表."""
        if self.status == "added":
            return "新增" + (f"（{self.new.place}）" if self.new and self.new.place else "")
        if self.status == "deleted":
            return "删除"
        assert self.old and self.new
        parts = []
        if self.moved:
            parts.append(f"移至{self.new.place}" if self.new.place != self.old.place and self.new.place
                         else "调整条文顺序")
        if self.renumbered:
            parts.append(f"条文序号由{self.old.label}改为{self.new.label}")
        if self.changed:
            parts.append("修改文字")
        elif self.citations:
            parts.append("引用的条文序号相应调整")
        return "；".join(parts) or "未改动"


def _sides(version: BillVersion) -> list[Side]:
    rows = list(queries.provisions(version).exclude(kind__in=[Provision.Kind.PARAGRAPH, Provision.Kind.ITEM,
                                                              Provision.Kind.SUBITEM]))
    by_pk = {r.pk: r for r in rows}
    out = []
    for row in rows:
        if row.kind != Provision.Kind.ARTICLE:
            continue
        chain: list[Provision] = []
        parent = by_pk.get(row.parent_id) if row.parent_id else None
        while parent is not None:
            chain.insert(0, parent)
            parent = by_pk.get(parent.parent_id) if parent.parent_id else None
        place = "".join(f"第{to_numeral(p.number)}{p.get_kind_display()}" for p in chain)
        if chain and chain[-1].heading:
            place += f"　{chain[-1].heading}"
        out.append(Side(row.key, row.number, row.eid, row.text, place, chain[-1].key if chain else ""))
    keys = {s.number: s.key for s in out}
    for side in out:
        side.canon = _canon(side.text, keys)
    return out


def _canon(text: str, keys: dict[int, str]) -> str:
    holder = Node(PARAGRAPH, 1, text=text)
    for cite in reversed(references.citations_in(holder)):
        token = f"[{keys.get(cite.article, cite.article)}|{cite.paragraph or ''}|{cite.item or ''}]"
        text = text[:cite.start] + token + text[cite.end:]
    return matching.normal(text)


def _longest_increasing(seq: list[int]) -> set[int]:
    """Indexes of one longest increasing subsequence (the articles that kept their relative order)."""
    if not seq:
        return set()
    tails: list[int] = []
    tails_at: list[int] = []
    before = [-1] * len(seq)
    for i, value in enumerate(seq):
        j = bisect.bisect_left(tails, value)
        if j == len(tails):
            tails.append(value)
            tails_at.append(i)
        else:
            tails[j] = value
            tails_at[j] = i
        before[i] = tails_at[j - 1] if j else -1
    keep, i = set(), tails_at[-1]
    while i >= 0:
        keep.add(i)
        i = before[i]
    return keep


def marked(old: str, new: str) -> tuple[SafeString, SafeString]:
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    left: list[str] = []
    right: list[str] = []
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            left.append(escape(old[i1:i2]))
            right.append(escape(new[j1:j2]))
            continue
        if i2 > i1:
            left.append(f"<del>{escape(old[i1:i2])}</del>")
        if j2 > j1:
            right.append(f"<ins>{escape(new[j1:j2])}</ins>")
    return mark_safe("".join(left).replace("\n", "<br>")), mark_safe("".join(right).replace("\n", "<br>"))


def compare(old_version: BillVersion, new_version: BillVersion) -> list[Row]:
    old, new = _sides(old_version), _sides(new_version)
    old_index = {s.key: i for i, s in enumerate(old)}
    pairs: dict[int, int] = {j: old_index[s.key] for j, s in enumerate(new) if s.key in old_index}
    rest_old = [i for i in range(len(old)) if i not in set(pairs.values())]
    rest_new = [j for j in range(len(new)) if j not in pairs]
    if rest_old and rest_new:
        found = matching.pair([old[i].text for i in rest_old], [new[j].text for j in rest_new])
        for jj, ii in found.items():
            pairs[rest_new[jj]] = rest_old[ii]
    matched_new = sorted(pairs)
    in_order = _longest_increasing([pairs[j] for j in matched_new])
    kept_order = {matched_new[k] for k in in_order}
    rows_by_new: list[Row] = []
    for j, side in enumerate(new):
        if j not in pairs:
            text = escape(side.text).replace("\n", "<br>")
            rows_by_new.append(Row("added", None, side, new_html=mark_safe(f"<ins>{text}</ins>")))
            continue
        before = old[pairs[j]]
        changed = before.canon != side.canon
        citations = not changed and matching.normal(before.text) != matching.normal(side.text)
        renumbered = before.number != side.number
        # a chapter keeps its key when a version is derived; a pasted one may match by its name only
        same_place = before.place_key == side.place_key or before.place == side.place
        moved = (not same_place) or j not in kept_order
        status = "moved" if moved else "changed" if changed else "renumbered" if renumbered \
            else "changed" if citations else "unchanged"
        left, right = marked(before.text, side.text) if changed or citations else (
            mark_safe(escape(before.text).replace("\n", "<br>")), mark_safe(escape(side.text).replace("\n", "<br>")))
        rows_by_new.append(Row(status, before, side, changed, renumbered, moved, citations, left, right))
    # deleted articles go right after the row of the old article before them
    matched_old = {pairs[j]: k for k, j in enumerate(range(len(new))) if j in pairs}
    rows: list[Row] = []
    deleted_after: dict[int, list[Row]] = {}
    for i, side in enumerate(old):
        if i in matched_old:
            continue
        anchor = -1
        for k in range(i - 1, -1, -1):
            if k in matched_old:
                anchor = matched_old[k]
                break
        text = escape(side.text).replace("\n", "<br>")
        deleted_after.setdefault(anchor, []).append(Row("deleted", side, None, old_html=mark_safe(f"<del>{text}</del>")))
    rows.extend(deleted_after.get(-1, []))
    for k, row in enumerate(rows_by_new):
        rows.append(row)
        rows.extend(deleted_after.get(k, []))
    return rows


def summary(rows: list[Row]) -> dict[str, int]:
    counts = dict.fromkeys(LABELS, 0)
    for row in rows:
        counts[row.status] += 1
    return counts
