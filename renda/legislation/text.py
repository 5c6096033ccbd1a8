"""Chinese statute text ⇄ the provision tree (章/节/条/款/项/目).

``parse(text)`` reads a pasted text: ``第一章　总则`` and ``第一节　…`` are headings, ``第一条　…``
starts an article whose first line is its first paragraph (款), each further line a new paragraph,
``（一）…`` an item (项) of the paragraph above and ``1. …`` a sub-item (目) of the item above.
Numbers are checked: chapters and articles run through the whole text, sections within their
chapter, paragraphs, items and sub-items within their parent; a gap or a repeat is refused with the
line. ``render(nodes)`` writes the tree back in the same form, numbering it afresh, so an edited tree
renumbers itself.

eIds follow the Akoma Ntoso naming convention, articles numbered through the text without their
containers' prefix: ``chp_1``, ``chp_1__sec_2``, ``art_5``, ``art_5__para_2``,
``art_5__para_2__point_3``, ``art_5__para_2__point_3__point_1``."""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError

DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000}
NUMERAL = "[零〇一二两三四五六七八九十百千]+"
CHAPTER, SECTION, ARTICLE, PARAGRAPH, ITEM, SUBITEM = "chapter", "section", "article", "paragraph", "item", "subitem"
CONTAINERS = (CHAPTER, SECTION)
SPACE = "\u3000"  # the full-width space after 第X条 and between 第X章 and its heading

_CHAPTER = re.compile(rf"^第({NUMERAL})章(?:[\s{SPACE}]+(.*))?$")
_SECTION = re.compile(rf"^第({NUMERAL})节(?:[\s{SPACE}]+(.*))?$")
_ARTICLE = re.compile(rf"^第({NUMERAL})条(?:[\s{SPACE}]*(.*))?$")
_ITEM = re.compile(rf"^[（(]({NUMERAL})[)）][\s{SPACE}]*(.*)$")
_SUBITEM = re.compile(r"^(\d{1,3})[.．、][\s\u3000]*(.*)$")


def to_int(numeral: str) -> int:
    """一 → 1, 十 → 10, 十二 → 12, 二十 → 20, 一百零五 → 105, 一百一十 → 110, 一百二十三 → 123."""
    if not numeral or any(ch not in DIGITS and ch not in UNITS for ch in numeral):
        raise ValueError(numeral)
    total, digit = 0, None
    for ch in numeral:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            total += (1 if digit is None else digit) * UNITS[ch]
            digit = None
    return total + (digit or 0)


def to_numeral(n: int) -> str:
    """1 → 一, 10 → 十, 20 → 二十, 105 → 一百零五, 110 → 一百一十, 1000 → 一千."""
    if n <= 0 or n > 9999:
        raise ValueError(n)
    chars = "零一二三四五六七八九"
    out, zero = "", False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = (n // unit) % 10
        if d:
            if zero:
                out += "零"
            zero = False
            out += ("" if (d == 1 and unit == 10 and not out) else chars[d]) + name
        elif out:
            zero = True
    return out


def new_key() -> str:
    return uuid.uuid4().hex[:16]


@dataclass
class Node:
    kind: str
    number: int = 0
    heading: str = ""
    text: str = ""
    children: list[Node] = field(default_factory=list)
    key: str = ""
    line: int = 0  # the line of the pasted text it came from (for messages)
    eid: str = ""

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    @property
    def label(self) -> str:
        """第五条, 第二章, （三）, 2."""
        if self.kind == ITEM:
            return f"（{to_numeral(self.number)}）"
        if self.kind == SUBITEM:
            return f"{self.number}."
        suffix = {CHAPTER: "章", SECTION: "节", ARTICLE: "条", PARAGRAPH: "款"}[self.kind]
        return f"第{to_numeral(self.number)}{suffix}"


def walk(nodes: list[Node]) -> Iterator[Node]:
    for node in nodes:
        yield from node.walk()


def articles(nodes: list[Node]) -> list[Node]:
    return [n for n in walk(nodes) if n.kind == ARTICLE]


def _fail(line_no: int, line: str, message: str) -> ValidationError:
    shown = line if len(line) <= 30 else line[:30] + "……"
    return ValidationError({"text": [f"“正文”第{line_no}行“{shown}”：{message}"]})


def parse(text: str) -> list[Node]:
    """The top-level nodes (chapters, or articles when the text has no chapters), numbered as written
    and checked; ``ValidationError({"text": …})`` names the line of the first problem."""
    roots: list[Node] = []
    chapter: Node | None = None
    section: Node | None = None
    article: Node | None = None
    paragraph: Node | None = None
    item: Node | None = None
    counts = {CHAPTER: 0, ARTICLE: 0}
    lines = (text or "").replace("\r\n", "\n").split("\n")
    for no, raw in enumerate(lines, start=1):
        line = raw.strip(" \t" + SPACE)
        if not line:
            continue
        if m := _CHAPTER.match(line):
            n = _number(m.group(1), no, line)
            _expect(n, counts[CHAPTER] + 1, "章", no, line, seen=n <= counts[CHAPTER])
            if article is not None and chapter is None:
                raise _fail(no, line, "有章的法规，第一条之前应先有第一章")
            counts[CHAPTER] = n
            chapter = Node(CHAPTER, n, (m.group(2) or "").strip(), line=no)
            roots.append(chapter)
            section = article = paragraph = item = None
            continue
        if m := _SECTION.match(line):
            n = _number(m.group(1), no, line)
            if chapter is None:
                raise _fail(no, line, "节应在章之内")
            done = sum(1 for c in chapter.children if c.kind == SECTION)
            if done == 0 and chapter.children:
                raise _fail(no, line, "章内分节的，节应在本章第一条之前")
            _expect(n, done + 1, "节", no, line, seen=n <= done)
            section = Node(SECTION, n, (m.group(2) or "").strip(), line=no)
            chapter.children.append(section)
            article = paragraph = item = None
            continue
        if m := _ARTICLE.match(line):
            n = _number(m.group(1), no, line)
            _expect(n, counts[ARTICLE] + 1, "条", no, line, seen=n <= counts[ARTICLE])
            if chapter is not None and section is None and any(c.kind == SECTION for c in chapter.children):
                raise _fail(no, line, "章内分节的，每一条都应在节之内")
            counts[ARTICLE] = n
            article = Node(ARTICLE, n, line=no)
            holder = section or chapter
            (holder.children if holder is not None else roots).append(article)
            body = (m.group(2) or "").strip()
            paragraph, item = None, None
            if body:
                paragraph = Node(PARAGRAPH, 1, text=body, line=no)
                article.children.append(paragraph)
            continue
        if article is None:
            raise _fail(no, line, "正文应从“第一章”或“第一条”开始（法规名称填在“名称”中）")
        if m := _ITEM.match(line):
            n = _number(m.group(1), no, line)
            if paragraph is None:
                raise _fail(no, line, "项应在款之内，前面应有引出各项的一款")
            _expect(n, len(paragraph.children) + 1, "项", no, line, seen=n <= len(paragraph.children), item=True)
            item = Node(ITEM, n, text=m.group(2).strip(), line=no)
            paragraph.children.append(item)
            continue
        if (m := _SUBITEM.match(line)) and item is not None:
            n = int(m.group(1))
            if n != len(item.children) + 1:
                raise _fail(no, line, f"目的序号应为{len(item.children) + 1}.")
            item.children.append(Node(SUBITEM, n, text=m.group(2).strip(), line=no))
            continue
        paragraph = Node(PARAGRAPH, len(article.children) + 1, text=line, line=no)
        article.children.append(paragraph)
        item = None
    if counts[ARTICLE] == 0:
        raise ValidationError({"text": ["“正文”至少应有一条（以“第一条”开始）"]})
    for node in walk(roots):
        if node.kind == ARTICLE and not node.children:
            raise _fail(node.line, f"第{to_numeral(node.number)}条", "这一条没有内容")
        if node.kind == CHAPTER and not node.children:
            raise _fail(node.line, f"第{to_numeral(node.number)}章", "这一章没有条文")
    assign_eids(roots)
    return roots


def _number(numeral: str, no: int, line: str) -> int:
    try:
        return to_int(numeral)
    except ValueError:
        raise _fail(no, line, f"“{numeral}”不是中文数字") from None


def _expect(n: int, expected: int, unit: str, no: int, line: str, *, seen: bool, item: bool = False) -> None:
    if n == expected:
        return
    want = f"（{to_numeral(expected)}）" if item else f"第{to_numeral(expected)}{unit}"
    if seen:
        raise _fail(no, line, f"{unit}的序号重复或倒退，此处应为{want}")
    raise _fail(no, line, f"{unit}的序号不连续，此处应为{want}")


def renumber(roots: list[Node]) -> None:
    """Numbers from the order: chapters and articles through the text, the rest within their parent."""
    counts = {CHAPTER: 0, ARTICLE: 0}

    def visit(children: list[Node]) -> None:
        local: dict[str, int] = {}
        for node in children:
            if node.kind in counts:
                counts[node.kind] += 1
                node.number = counts[node.kind]
            else:
                local[node.kind] = local.get(node.kind, 0) + 1
                node.number = local[node.kind]
            visit(node.children)

    visit(roots)
    assign_eids(roots)


def assign_eids(roots: list[Node]) -> None:
    def visit(children: list[Node], prefix: str) -> None:
        for node in children:
            if node.kind == CHAPTER:
                node.eid = f"chp_{node.number}"
            elif node.kind == SECTION:
                node.eid = f"{prefix}__sec_{node.number}"
            elif node.kind == ARTICLE:
                node.eid = f"art_{node.number}"
            elif node.kind == PARAGRAPH:
                node.eid = f"{prefix}__para_{node.number}"
            else:
                node.eid = f"{prefix}__point_{node.number}"
            visit(node.children, node.eid)

    visit(roots, "")


def assign_keys(roots: list[Node]) -> None:
    """A new key for every chapter, section and article without one; paragraphs, items and
    sub-items take theirs from their article and place (``<article key>-2-3``)."""
    def visit(children: list[Node], parent_key: str | None) -> None:
        for node in children:
            if node.kind in (CHAPTER, SECTION, ARTICLE):
                node.key = node.key or new_key()
                visit(node.children, node.key if node.kind == ARTICLE else None)
            else:
                node.key = f"{parent_key}-{node.number}"
                visit(node.children, node.key)

    visit(roots, None)


def article_body(article: Node) -> str:
    """An article's text without its number: its paragraphs, items and sub-items, one per line."""
    lines: list[str] = []
    for para in article.children:
        lines.append(para.text)
        for item in para.children:
            lines.append(f"{item.label}{item.text}")
            lines.extend(f"{sub.label}{sub.text}" for sub in item.children)
    return "\n".join(lines)


def render_article(article: Node) -> str:
    body = article_body(article)
    first, _, rest = body.partition("\n")
    return f"{article.label}{SPACE}{first}" + (f"\n{rest}" if rest else "")


def render(roots: list[Node]) -> str:
    """The text as it is printed: headings on their own line, 第X条 followed by a full-width space."""
    out: list[str] = []
    for node in walk(roots):
        if node.kind in CONTAINERS:
            out.append(f"{node.label}{SPACE}{node.heading}".rstrip())
        elif node.kind == ARTICLE:
            out.append(render_article(node))
    return "\n".join(out)


def parse_body(text: str, *, field_name: str = "text") -> list[Node]:
    """An article's body as typed (its paragraphs, items and sub-items, with or without a leading
    “第X条”): the paragraphs of a single article."""
    body = re.sub(rf"^第{NUMERAL}条[\s{SPACE}]*", "", (text or "").strip())
    if not body.strip():
        raise ValidationError({field_name: ["“条文内容”必须填写"]})
    try:
        roots = parse("第一条" + SPACE + body)
    except ValidationError as error:
        messages = [m.replace("“正文”", "“条文内容”") for m in error.message_dict.get("text", error.messages)]
        raise ValidationError({field_name: messages}) from None
    if len(roots) != 1 or roots[0].kind != ARTICLE:
        raise ValidationError({field_name: ["“条文内容”只能是一条，不能包含章、节或另一条"]})
    return roots[0].children
