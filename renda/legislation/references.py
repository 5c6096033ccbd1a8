"""Cross-references (转致) inside one text: “第五条”, “第五十四条第二款”, “本条例第十条第一款第三项”.

A citation preceded by another law's name (“《中华人民共和国水法》第五条”, “水法第五条”) is not one
of ours; a citation joined to one by 、/和/至/或者 shares its owner. Before an edit moves articles,
``mark`` replaces each citation in the text with a token naming the cited article's key; after the
tree is renumbered, ``unmark`` writes the citations back with the new numbers."""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.core.exceptions import ValidationError

from renda.legislation.text import ARTICLE, NUMERAL, PARAGRAPH, Node, to_int, to_numeral, walk

CITE = re.compile(rf"(本(?:条例|规定|办法|规则|决定|细则|法规))?第({NUMERAL})条(?:第({NUMERAL})款)?(?:第({NUMERAL})项)?")
OTHER_LAW = re.compile(r"(》|法|条例|规定|办法|规则|细则|决定)$")
JOINERS = {"、", "和", "至", "或者", "及", "以及", "或"}
TOKEN = re.compile(r"\x00([0-9a-f]+)\|([^|]*)\|(\d*)\|(\d*)\x00")


@dataclass
class Citation:
    holder: Node  # the paragraph, item or sub-item whose text cites
    start: int
    end: int
    prefix: str
    article: int
    paragraph: int | None
    item: int | None

    @property
    def cited_as(self) -> str:
        return self.holder.text[self.start:self.end]


def citations_in(holder: Node) -> list[Citation]:
    found: list[Citation] = []
    last_end, last_internal = -1, False
    for m in CITE.finditer(holder.text):
        prefix = m.group(1) or ""
        before = holder.text[:m.start()]
        if prefix:
            internal = True
        elif last_end >= 0 and holder.text[last_end:m.start()] in JOINERS:
            internal = last_internal
        else:
            internal = not OTHER_LAW.search(before)
        last_end, last_internal = m.end(), internal
        if not internal:
            continue
        found.append(Citation(holder, m.start(), m.end(), prefix, to_int(m.group(2)),
                              to_int(m.group(3)) if m.group(3) else None,
                              to_int(m.group(4)) if m.group(4) else None))
    return found


def holders(roots: list[Node]) -> list[tuple[Node, Node]]:
    """(article, node with text) for every paragraph, item and sub-item."""
    out: list[tuple[Node, Node]] = []
    for article in (n for n in walk(roots) if n.kind == ARTICLE):
        out.extend((article, n) for n in walk(article.children))
    return out


def resolve(roots: list[Node], *, field_name: str = "text") -> list[tuple[Node, Citation, Node]]:
    """(citing article, citation, cited article) for every citation; a citation of an article or
    paragraph the text does not have is refused, naming the citing article."""
    by_number = {n.number: n for n in walk(roots) if n.kind == ARTICLE}
    out: list[tuple[Node, Citation, Node]] = []
    problems: list[str] = []
    for article, holder in holders(roots):
        for cite in citations_in(holder):
            target = by_number.get(cite.article)
            if target is None:
                problems.append(f"第{to_numeral(article.number)}条引用的“{cite.cited_as}”不存在")
                continue
            paragraphs = [c for c in target.children if c.kind == PARAGRAPH]
            if cite.paragraph is not None and cite.paragraph > len(paragraphs):
                problems.append(f"第{to_numeral(article.number)}条引用的“{cite.cited_as}”不存在"
                                f"（第{to_numeral(target.number)}条只有{len(paragraphs)}款）")
                continue
            out.append((article, cite, target))
    if problems:
        raise ValidationError({field_name: problems})
    return out


def mark(roots: list[Node]) -> None:
    """Every citation → a token with the cited article's key (keys must be assigned)."""
    by_number = {n.number: n for n in walk(roots) if n.kind == ARTICLE}
    for _article, holder in holders(roots):
        cites = citations_in(holder)
        for cite in reversed(cites):
            target = by_number.get(cite.article)
            if target is None:
                continue
            token = f"\x00{target.key}|{cite.prefix}|{cite.paragraph or ''}|{cite.item or ''}\x00"
            holder.text = holder.text[:cite.start] + token + holder.text[cite.end:]


def marked_targets(roots: list[Node]) -> dict[str, list[Node]]:
    """Cited key → the citing articles, from marked text."""
    out: dict[str, list[Node]] = {}
    for article, holder in holders(roots):
        for m in TOKEN.finditer(holder.text):
            if article not in out.setdefault(m.group(1), []):
                out[m.group(1)].append(article)
    return out


def unmark(roots: list[Node]) -> None:
    numbers = {n.key: n.number for n in walk(roots) if n.kind == ARTICLE}

    def write(m: re.Match) -> str:
        key, prefix, para, item = m.groups()
        out = f"{prefix}第{to_numeral(numbers[key])}条"
        if para:
            out += f"第{to_numeral(int(para))}款"
        if item:
            out += f"第{to_numeral(int(item))}项"
        return out

    for _article, holder in holders(roots):
        holder.text = TOKEN.sub(write, holder.text)
