"""Official documents (公文) in the GB/T 9704-2012 layout, as PDF and as .docx for editing in WPS/Word.

One description of a document (`OfficialDocument`: title, optional red masthead 版头 with 发文字号,
主送机关, sections 一、 with items （一）and tables, 附件说明, 署名 and 成文日期, 附注, 抄送) renders
to both formats, so oversight reports (调研报告、执法检查报告), their covering letters (报送件) and
later review opinions share one layout.

Layout (GB/T 9704-2012): A4; 版心 156 × 225 mm with the top margin 37 mm and the left 28 mm; body
3号 (16 pt), 22 lines a page and 28 characters a line, first line indented two characters; title
2号 (22 pt) centred; page numbers "— 1 —" in 4号 7 mm under the 版心, outside edge (odd pages right,
even pages left, one character in).

PDF font — ReportLab's built-in Chinese CID font STSong-Light, deliberately not an embedded font.
The PDF names the font (Adobe-GB1 character collection, UniGB-UCS2-H encoding) and every reader
supplies its own 宋体 for it: Adobe Reader, WPS, Foxit, the browsers' viewers (pdf.js, PDFium) and
WeChat's viewer all carry the Adobe-GB1 fonts, which is what the CID fonts were made for. So the file
stays small (tens of kB, where an embedded CJK face is megabytes, or needs subsetting on every
download) and nothing has to be installed on the server. The alternative was looked for and not
found: no CJK font is packaged on PyPI under a clear licence (the "fontpkg-*" family ships Noto Sans
and Serif for Latin, Arabic, Indic and Thai scripts, not SC/TC), and the OFL Noto CJK / Source Han
faces are OpenType CFF collections, which ReportLab cannot embed (it embeds TrueType outlines
only). Revisit if a reader without Adobe-GB1 fonts matters (e.g. some Linux viewers substitute a
different 宋体; the text still extracts and prints). Having one
face, the PDF sets 黑体 headings and the 小标宋 title in a stroked ("bold") STSong; the .docx names
the proper faces (方正小标宋简体, 仿宋_GB2312, 黑体, 楷体) for the editor's machine to supply.
Text is drawn glyph by glyph on a canvas, never through ReportLab's paragraph markup, so user text
such as "<b>&" prints literally and needs no escaping. Lines are broken by `break_lines`, which keeps
the Chinese line-breaking rules (禁则): no line starts with closing punctuation and none ends with
opening punctuation — the character before is carried down instead, and the shortened line is
justified to the full measure; a number stays on the line of its unit (3.5万元, 120公里, 50%, 2026年,
第3条). `break_lines` is the one line breaker of every PDF in Renda: meetings.notices wraps with it,
and other ReportLab stories (the rectification list's table) set their text with `text_flowable`.
"""

from __future__ import annotations

import datetime
import io
import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from docx import Document as new_docx
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt, RGBColor
from reportlab.lib.colors import Color, HexColor, black
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.platypus import (
    BaseDocTemplate,
    Flowable,
    Frame,
    KeepTogether,
    PageTemplate,
    Spacer,
    Table,
    TableStyle,
)

from renda.core import downloads
from renda.core.chinese import numeral

FONT = "STSong-Light"
RED = "#E60000"

# GB/T 9704-2012 §5.2.1–5.2.3: A4, 版心 156 × 225 mm, top margin 37 mm, left 28 mm.
PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
TOP_MM, LEFT_MM, TEXT_WIDTH_MM, TEXT_HEIGHT_MM = 37, 28, 156, 225
RIGHT_MM = PAGE_WIDTH_MM - LEFT_MM - TEXT_WIDTH_MM            # 26
BOTTOM_MM = PAGE_HEIGHT_MM - TOP_MM - TEXT_HEIGHT_MM           # 35
BODY_PT, TITLE_PT, PAGE_NUMBER_PT, TABLE_PT = 16, 22, 14, 14   # 3号, 2号, 4号, 4号
LINES_PER_PAGE, CHARS_PER_LINE = 22, 28
LINE_PITCH_PT = 28.95   # 225 mm / 22 lines, as Word's "fixed" line spacing takes it

# 禁则 (GB/T 15834 and the W3C clreq note): what may not begin a line, and what may not end one.
CANNOT_START = frozenset("，。、；：？！）」』》”’〕】〗〉］｝·,.;:?!)]}%％‰")
CANNOT_END = frozenset("（「『《“‘〔【〖〈［｛([{")

# Units and measure words kept on the line of their number (3.5万元, 120公里, 50%, 2026年, 第3条): the
# longer units first, then any one 汉字 after a number — in Chinese that is its unit or measure word.
_UNITS = ("平方公里|平方千米|平方米|立方米|万千瓦时|千瓦时|万平方米|万元|亿元|千元|万人|万亩|万吨|万户|"
          "公里|千米|厘米|毫米|公斤|千克|公顷|小时|分钟|周岁|个月|人次|件次|户次|"
          "[%％‰℃]|[\u3400-\u4dbf\u4e00-\u9fff]")
_NUMBER = r"[0-9０-９]+(?:[.,．][0-9０-９]+)*"
# Runs that are not split across lines: a number with its unit and an ordinal's 第 (第3条, 3.5万元),
# Latin words (HTTP, A4), 破折号 ——, 省略号 …….
_ORDINAL = "第[〇零一二三四五六七八九十百千两]+[条款项章节编次届名期批号个年日]?"
_TOKEN = re.compile(rf"——|……|第?{_NUMBER}(?:[A-Za-z]+|(?:{_UNITS}))?|{_ORDINAL}|[A-Za-z][0-9A-Za-z.%]*|.", re.S)
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_HEADING_NUMBER = re.compile(r"^[一二三四五六七八九十百]+、")
_ITEM_NUMBER = re.compile(r"^[（(][一二三四五六七八九十百]+[）)]")


@dataclass
class Section:
    """A first-level part of the text: its heading (一、基本情况), paragraphs, numbered items and a table.

    The heading and the items are numbered by position (一、 and （一）) unless the caller's text
    already begins with such a number."""

    heading: str
    paragraphs: Sequence[str] = field(default_factory=list)
    items: Sequence[str] = field(default_factory=list)
    table: Sequence[Sequence[Any]] | None = None    # first row is the header


@dataclass
class OfficialDocument:
    title: str                                  # 标题
    issuer: str = ""                            # 发文机关标志 (red 版头); "" = no 版头, e.g. a report
    number: str = ""                            # 发文字号, e.g. 示人常办〔2026〕12号
    signer: str = ""                            # 签发人: makes a 版头 upward (上行文, e.g. to the 市委)
    addressee: str = ""                         # 主送机关, e.g. 中共示例市委、市人民政府：
    preamble: Sequence[str] = ()                # paragraphs before the first section
    closing: Sequence[str] = ()                 # paragraphs after the last section (结语: 以上报告，请予审议。)
    sections: Sequence[Section] = ()
    signature: str = ""                         # 发文机关署名
    date: datetime.date | None = None           # 成文日期
    copy_to: str = ""                           # 抄送 (版记 at the foot of the last page)
    attachments: Sequence[str] = ()             # 附件说明: the attachments' names
    confidential_note: str = ""                 # 附注, e.g. 此件公开发布


# ---------------------------------------------------------------- text


def chinese_date(day: datetime.date) -> str:
    """成文日期 as GB/T 9704-2012 §7.3.5.1 writes it: Arabic numerals, 年月日 in full, no leading zero."""
    return f"{day.year}年{day.month}月{day.day}日"


def clean(text: Any) -> str:
    """Text that is safe in both formats: no control characters (a .docx cannot hold them)."""
    text = ("" if text is None else str(text)).replace("\r\n", "\n").replace("\r", "\n").replace("\t", "  ")
    return _CONTROL.sub("", text)


def _paragraphs(texts: Sequence[str]) -> list[str]:
    """Each line a paragraph; blank lines and typed indentation (全角空格) dropped — we indent."""
    if isinstance(texts, str):   # one paragraph passed bare, not as a list of characters
        texts = [texts]
    return [line.strip() for text in texts for line in clean(text).split("\n") if line.strip()]


def heading_text(index: int, heading: str) -> str:
    heading = " ".join(clean(heading).split())
    return heading if _HEADING_NUMBER.match(heading) else f"{numeral(index)}、{heading}"


def item_text(index: int, item: str) -> str:
    item = " ".join(clean(item).split())
    return item if _ITEM_NUMBER.match(item) else f"（{numeral(index)}）{item}"


def _item_lead(item: str) -> tuple[str, str]:
    """An item's run-in heading: the number and its first sentence (（一）加强组织领导。), and the rest."""
    end = item.find("。")
    return (item, "") if end < 0 else (item[: end + 1], item[end + 1:])


def _attachment_lines(names: Sequence[str]) -> list[tuple[str, str]]:
    """附件说明 (§7.3.4) as (label, name): 附件：name, or 附件：1.name, 2.name … when there are several."""
    names = _paragraphs(names)
    if len(names) == 1:
        return [("附件：", names[0])]
    return [(("附件：" if i == 1 else "") + f"{i}.", name) for i, name in enumerate(names, 1)]


def _note_text(note: str) -> str:
    note = " ".join(clean(note).split())
    return note if not note or note.startswith(("（", "(")) else f"（{note}）"


def _copy_to_text(copy_to: str) -> str:
    text = " ".join(clean(copy_to).split()).rstrip("。.")
    return f"抄送：{text}。" if text else ""


def _width_in_chars(text: str) -> float:
    """Width counted in full-width characters: Latin letters, digits and ASCII punctuation count half."""
    return sum(0.5 if ord(ch) < 0x2E80 and ch not in "—…“”‘’·" else 1.0 for ch in text)


def signature_indents(signature: str, date_text: str, measure: Callable[[str], float],
                      char: float) -> tuple[float, float]:
    """Right indents of 署名 and 成文日期 on a document without a seal (§7.3.5.2), in `measure`'s units:
    署名 two characters in from the right, the date starting two characters to the right of the
    署名's first character; if the date would then come closer than two characters to the edge, it
    stands two characters in and the 署名 moves left with it."""
    if not signature:
        return 0.0, 2 * char
    sig, day = measure(signature), measure(date_text)
    date_right = max(2 * char, sig - day)
    return date_right + day + 2 * char - sig, date_right


def break_lines(text: str, width: float, measure: Callable[[str], float],
                first_width: float | None = None) -> list[str]:
    """Break `text` into lines no wider than `width` (the first line `first_width`) as measured by
    `measure`, keeping the 禁则: a line never starts with closing punctuation (，。）》…) nor ends with
    opening punctuation (（《“…) — the last character of the line above is carried down instead.
    Latin words, numbers, —— and …… are not split unless wider than a whole line."""
    fuzz = 0.01  # 28 full-width characters fill the measure exactly; rounding must not drop one
    tokens: list[str] = []
    for token in _TOKEN.findall(text):
        tokens.extend(token if len(token) > 1 and measure(token) > width + fuzz else [token])
    lines: list[list[str]] = []
    line: list[str] = []
    for token in tokens:
        limit = width if lines else (first_width if first_width is not None else width)
        if line and measure("".join(line) + token) > limit + fuzz:
            carry = [] if token.isspace() else [token]
            while len(line) > 1 and ((carry and carry[0][0] in CANNOT_START) or line[-1][-1] in CANNOT_END):
                carry.insert(0, line.pop())
            lines.append(line)
            line = carry
            continue
        line.append(token)
    if line:
        lines.append(line)
    return ["".join(parts).rstrip() for parts in lines]


def title_lines(text: str, width: float, measure: Callable[[str], float]) -> list[str]:
    """A title's lines (§7.3.3: 回行时词意完整、排列对称): a title of two lines breaks where the two are
    most even, preferring a break after 》）、， — "关于《…法》/实施情况的检查报告" — and never
    against the 禁则 or inside a Latin word or number; longer titles break as body text does."""
    lines = break_lines(text, width, measure)
    if len(lines) != 2:
        return lines
    best: tuple[float, str, str] | None = None
    for match in _TOKEN.finditer(text):
        cut = match.start()
        first, second = text[:cut].rstrip(), text[cut:].lstrip()
        if not first or not second or second[0] in CANNOT_START or first[-1] in CANNOT_END:
            continue
        if measure(first) > width + 0.01 or measure(second) > width + 0.01:
            continue
        meaningful = first[-1] in "》）〕、，：" or first.endswith("关于")
        cost = abs(measure(first) - measure(second)) / max(measure("中"), 1) + (0 if meaningful else 10)
        if best is None or cost < best[0]:
            best = (cost, first, second)
    return [best[1], best[2]] if best else lines


# ---------------------------------------------------------------- PDF

pdfmetrics.registerFont(UnicodeCIDFont(FONT))   # once, at import: measuring text needs it too


def _printable(text: str) -> str:
    # The CID font is encoded in UCS-2: a character beyond the BMP would garble the rest of its line.
    return "".join(ch if ord(ch) <= 0xFFFF else "□" for ch in text)


TEXT_WIDTH = TEXT_WIDTH_MM * mm
BODY_CHAR = TEXT_WIDTH / CHARS_PER_LINE       # 28 characters to the line: 3号 set a little tight
LINE = TEXT_HEIGHT_MM * mm / LINES_PER_PAGE   # 22 lines to the page


@dataclass(frozen=True)
class _Style:
    size: float = BODY_PT
    leading: float = LINE
    char_space: float = BODY_CHAR - BODY_PT
    first_indent: float = 2 * BODY_CHAR       # points
    rest_indent: float = 0.0
    right_indent: float = 0.0
    align: str = "justify"                   # justify | left | center | right
    bold: bool = False
    color: Color = black
    title: bool = False                      # broken by title_lines

    def measure(self, text: str) -> float:
        return pdfmetrics.stringWidth(text, FONT, self.size) + self.char_space * len(text)


BODY = _Style()
FLUSH = _Style(first_indent=0)
HEADING = _Style(bold=True)
TITLE = _Style(size=TITLE_PT, char_space=0, first_indent=0, align="center", bold=True, title=True)
CENTRED = _Style(first_indent=0, align="center")
TABLE_HEAD = _Style(size=TABLE_PT, leading=TABLE_PT * 1.5, char_space=0, first_indent=0, align="center",
                    bold=True)
TABLE_CELL = _Style(size=TABLE_PT, leading=TABLE_PT * 1.5, char_space=0, first_indent=0)
IMPRINT = _Style(size=PAGE_NUMBER_PT, leading=PAGE_NUMBER_PT * 1.6, char_space=0,
                 first_indent=PAGE_NUMBER_PT, rest_indent=PAGE_NUMBER_PT * 4, right_indent=PAGE_NUMBER_PT)


class _Lines(Flowable):
    """A paragraph set on the line grid, broken by `break_lines`; splits across pages line by line."""

    def __init__(self, text: str, style: _Style, *, rows: list[tuple[str, float]] | None = None,
                 ends_paragraph: bool = True, keep_with_next: bool = False):
        super().__init__()
        self.text = _printable(text)
        self.style = style
        self.rows = rows
        self._fixed = rows is not None
        self._for_width: float | None = None
        self.ends_paragraph = ends_paragraph
        self.keepWithNext = keep_with_next

    def _break(self, width: float) -> None:
        if self._fixed or self._for_width == width:
            return
        s = self.style
        if s.title:
            room = width - s.first_indent - s.right_indent
            self.rows = [(line, s.first_indent) for line in title_lines(self.text, room, s.measure) or [""]]
            self._for_width = width
            return
        lines = break_lines(self.text, width - s.rest_indent - s.right_indent, s.measure,
                            first_width=width - s.first_indent - s.right_indent) or [""]
        self.rows = [(line, s.first_indent if i == 0 else s.rest_indent) for i, line in enumerate(lines)]
        self._for_width = width

    def wrap(self, availWidth, availHeight):
        self._break(availWidth)
        self.width = availWidth
        self.height = len(self.rows or []) * self.style.leading
        return self.width, self.height

    def split(self, availWidth, availHeight):
        self._break(availWidth)
        rows = self.rows or []
        fit = math.floor(availHeight / self.style.leading + 1e-6)
        if fit <= 0:
            return []
        if fit >= len(rows):
            return [self]
        return [_Lines(self.text, self.style, rows=rows[:fit], ends_paragraph=False),
                _Lines(self.text, self.style, rows=rows[fit:], ends_paragraph=self.ends_paragraph,
                       keep_with_next=bool(self.keepWithNext))]

    def draw(self):
        s, canvas = self.style, self.canv
        rows = self.rows or []
        for i, (text, indent) in enumerate(rows):
            if not text:
                continue
            baseline = self.height - (i + 1) * s.leading + (s.leading - s.size) / 2 + 0.12 * s.size
            room = self.width - indent - s.right_indent
            used = s.measure(text)
            space, x = s.char_space, indent
            if s.align == "center":
                x = indent + (room - used) / 2
            elif s.align == "right":
                x = self.width - s.right_indent - used
            elif s.align == "justify" and len(text) > 1 and used < room and not (
                    self.ends_paragraph and i == len(rows) - 1):
                space += (room - used) / (len(text) - 1)   # a line shortened by the 禁则 still fills the measure
            canvas.saveState()
            t = canvas.beginText(x, baseline)
            t.setFont(FONT, s.size)
            t.setCharSpace(space)
            t.setFillColor(s.color)
            if s.bold:
                t.setTextRenderMode(2)   # fill and stroke: the one CID face made heavy for 黑体/小标宋
                canvas.setStrokeColor(s.color)
                canvas.setLineWidth(s.size * 0.03)
            t.textOut(text)
            canvas.drawText(t)
            canvas.restoreState()


def text_flowable(text: str, size: float, *, leading: float | None = None, align: str = "left",
                  bold: bool = False) -> Flowable:
    """Text for any ReportLab story (a table cell, a list's title), broken by `break_lines` like the
    body of a 公文: other PDFs in Renda use this instead of ReportLab's Paragraph, whose wrapping knows
    neither the 禁则 nor a number's unit, and whose markup would need the text escaped."""
    style = _Style(size=size, leading=leading or size * 1.4, char_space=0, first_indent=0, align=align, bold=bold)
    return _Lines(" ".join(clean(text).split()), style)


class _Rule(Flowable):
    """A full-measure line `below` points under the previous flowable (the 版头's red 分隔线)."""

    def __init__(self, below: float, thickness: float, color: Color):
        super().__init__()
        self.below, self.thickness, self.color = below, thickness, color

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        return availWidth, self.below

    def draw(self):
        self.canv.setStrokeColor(self.color)
        self.canv.setLineWidth(self.thickness)
        self.canv.line(0, 0, self.width, 0)


class _Sides(Flowable):
    """Two one-line texts on the same line: 发文字号 at the left, 签发人 at the right."""

    def __init__(self, left: _Lines, right: _Lines):
        super().__init__()
        self.left, self.right = left, right

    def wrap(self, availWidth, availHeight):
        self.width = availWidth
        self.height = max(self.left.wrap(availWidth, availHeight)[1], self.right.wrap(availWidth, availHeight)[1])
        return self.width, self.height

    def draw(self):
        for side in (self.left, self.right):
            side.drawOn(self.canv, 0, self.height - side.height)


class _Imprint(Flowable):
    """版记 (§8): 抄送 between two rules, at the foot of the last page — on a new page if it does not fit."""

    def __init__(self, text: str):
        super().__init__()
        self.lines = _Lines(text, IMPRINT)
        self.gap = 2 * mm

    def wrap(self, availWidth, availHeight):
        _, inner = self.lines.wrap(availWidth, availHeight)
        self.need = inner + 2 * self.gap
        self.width = availWidth
        self.height = self.need if availHeight < self.need else availHeight - 0.01
        return self.width, self.height

    def split(self, availWidth, availHeight):
        return []

    def draw(self):
        canvas = self.canv
        canvas.setStrokeColor(black)
        canvas.setLineWidth(0.35 * mm)
        for y in (0, self.need):
            canvas.line(0, y, self.width, y)
        self.lines.drawOn(canvas, 0, self.gap)


def _column_widths(rows: list[list[str]], total: float) -> list[float]:
    columns = len(rows[0])
    natural = [max(TABLE_CELL.measure(row[c]) for row in rows) + 8 for c in range(columns)]
    bounded = [min(max(w, 3 * TABLE_PT), total * 0.6) for w in natural]
    return [total * w / sum(bounded) for w in bounded]


def _table_rows(table: Sequence[Sequence[Any]] | None) -> list[list[str]]:
    rows = [[" ".join(clean(cell).split()) for cell in row] for row in (table or [])]
    rows = [row for row in rows if row]
    columns = max((len(row) for row in rows), default=0)
    return [row + [""] * (columns - len(row)) for row in rows]


def _pdf_table(rows: list[list[str]]) -> Table:
    cells = [[_Lines(cell, TABLE_HEAD if r == 0 else TABLE_CELL) for cell in row] for r, row in enumerate(rows)]
    # splitInRow: a cell longer than a page (a long 问题描述) continues on the next page.
    table = Table(cells, colWidths=_column_widths(rows, TEXT_WIDTH), repeatRows=1, hAlign="CENTER", splitInRow=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.6, black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),   # ReportLab splits a long row across pages only when top-aligned
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 2),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]))
    return table


def _issuer_size(issuer: str) -> float:
    # §7.2.2: 醒目、美观、庄重 — about 42 pt, smaller when a long name would overrun the 版心.
    return min(42.0, 0.98 * TEXT_WIDTH / max(pdfmetrics.stringWidth(issuer, FONT, 1), 1))


def _pdf_flowables(doc: OfficialDocument) -> list[Flowable]:
    red = HexColor(RED)
    flow: list[Flowable] = []
    issuer = " ".join(clean(doc.issuer).split())
    number = " ".join(clean(doc.number).split())
    signer = " ".join(clean(doc.signer).split())
    if issuer:
        size = _issuer_size(issuer)
        masthead = _Style(size=size, leading=size * 1.2, char_space=0, first_indent=0, align="center",
                          bold=True, color=red)
        # §7.2.2: the 版头 stands 35 mm into the 版心, an upward document's (with 签发人) 80 mm.
        flow += [Spacer(1, (80 if signer else 35) * mm), _Lines(issuer, masthead), Spacer(1, 2 * LINE)]
        if signer:   # §7.2.3–7.2.4: 发文字号 one character in from the left, 签发人 one in from the right
            flow.append(_Sides(_Lines(number, _Style(first_indent=BODY_CHAR, align="left")),
                               _Lines(f"签发人：{signer}", _Style(first_indent=0, align="right",
                                                                  right_indent=BODY_CHAR))))
        elif number:
            flow.append(_Lines(number, CENTRED))
        flow += [_Rule(4 * mm, 1.2, red), Spacer(1, 2 * LINE)]
    elif number:
        flow += [_Lines(number, _Style(first_indent=0, align="right")), Spacer(1, LINE)]
    flow += [_Lines(" ".join(clean(doc.title).split()), TITLE), Spacer(1, LINE)]
    if doc.addressee.strip():
        flow.append(_Lines(" ".join(clean(doc.addressee).split()), FLUSH))
    flow += [_Lines(p, BODY) for p in _paragraphs(doc.preamble)]
    for index, section in enumerate(doc.sections, 1):
        flow.append(_Lines(heading_text(index, section.heading), HEADING, keep_with_next=True))
        flow += [_Lines(p, BODY) for p in _paragraphs(section.paragraphs)]
        flow += [_Lines(item_text(i, item), BODY) for i, item in enumerate(_paragraphs(section.items), 1)]
        rows = _table_rows(section.table)
        if rows:
            flow += [Spacer(1, LINE / 2), _pdf_table(rows), Spacer(1, LINE / 2)]
    flow += [_Lines(p, BODY) for p in _paragraphs(doc.closing)]
    attachments = _attachment_lines(doc.attachments)
    if attachments:
        # Later names, and a name's second line, align with the first name (§7.3.4).
        lead = 2 * BODY_CHAR + BODY.measure(attachments[0][0])
        flow.append(Spacer(1, LINE))
        for label, name in attachments:
            style = _Style(first_indent=lead - BODY.measure(label), rest_indent=lead, align="left")
            flow.append(_Lines(label + name, style))
    closing: list[Flowable] = []
    signature = " ".join(clean(doc.signature).split())
    day = chinese_date(doc.date) if doc.date else ""
    if signature or day:
        sig_right, date_right = signature_indents(signature, day, BODY.measure, BODY_CHAR)
        closing.append(Spacer(1, LINE))
        if signature:
            closing.append(_Lines(signature, _Style(first_indent=0, align="right", right_indent=sig_right)))
        if day:
            closing.append(_Lines(day, _Style(first_indent=0, align="right", right_indent=date_right)))
    note = _note_text(doc.confidential_note)
    if note:
        closing.append(_Lines(note, BODY))
    if closing:
        flow.append(KeepTogether(closing))
    copy_to = _copy_to_text(doc.copy_to)
    if copy_to:
        flow += [Spacer(1, LINE), _Imprint(copy_to)]
    return flow


def _page_number(canvas, template) -> None:
    """— 1 — in 4号, 7 mm under the 版心; odd pages at the right, even at the left, one character in."""
    page = canvas.getPageNumber()
    text = f"— {page} —"
    y = BOTTOM_MM * mm - 7 * mm - PAGE_NUMBER_PT * 0.88
    canvas.saveState()
    canvas.setFont(FONT, PAGE_NUMBER_PT)
    if page % 2:
        canvas.drawRightString((LEFT_MM + TEXT_WIDTH_MM) * mm - PAGE_NUMBER_PT, y, text)
    else:
        canvas.drawString(LEFT_MM * mm + PAGE_NUMBER_PT, y, text)
    canvas.restoreState()


def to_pdf(doc: OfficialDocument) -> bytes:
    """The document as an A4 PDF in the GB/T 9704-2012 layout."""
    out = io.BytesIO()
    frame = Frame(LEFT_MM * mm, BOTTOM_MM * mm, TEXT_WIDTH, TEXT_HEIGHT_MM * mm + 0.5,
                  leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id="text")
    template = BaseDocTemplate(
        out, pagesize=A4, leftMargin=LEFT_MM * mm, rightMargin=RIGHT_MM * mm, topMargin=TOP_MM * mm,
        bottomMargin=BOTTOM_MM * mm, title=clean(doc.title), author=clean(doc.issuer or doc.signature),
        creator="Renda", pageTemplates=[PageTemplate(id="page", frames=[frame], onPage=_page_number)])
    template.build(_pdf_flowables(doc))
    return out.getvalue()


# ---------------------------------------------------------------- .docx

TITLE_FONT, BODY_FONT, HEADING_FONT, ITEM_FONT = "方正小标宋简体", "仿宋_GB2312", "黑体", "楷体"
LATIN_FONT = "Times New Roman"


def _set_fonts(element: Any, east_asia: str, latin: str = LATIN_FONT) -> None:
    """Name the East Asian face (w:eastAsia) as well as the Latin one; Word and WPS use it for 汉字."""
    fonts = element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs"):
        fonts.set(qn(attribute), latin)
    fonts.set(qn("w:eastAsia"), east_asia)


def _run(paragraph: Any, text: str, font: str, *, size: float | None = None, bold: bool = False,
         color: str | None = None) -> Any:
    run = paragraph.add_run(text)
    _set_fonts(run._element, font)
    if size:
        run.font.size = Pt(size)
    if bold:
        run.font.bold = True
    if color:
        run.font.color.rgb = RGBColor.from_string(color.lstrip("#"))
    return run


# Paragraph styles an editor can change in one place: (name, East Asian face, size, first-line indent in
# characters, alignment, outline level). Body text is Word's Normal.
STYLES = {
    "title": ("公文标题", TITLE_FONT, TITLE_PT, 0, WD_ALIGN_PARAGRAPH.CENTER, None),
    "masthead": ("版头", TITLE_FONT, None, 0, WD_ALIGN_PARAGRAPH.CENTER, None),
    "number": ("发文字号", BODY_FONT, BODY_PT, 0, WD_ALIGN_PARAGRAPH.CENTER, None),
    "addressee": ("主送机关", BODY_FONT, BODY_PT, 0, WD_ALIGN_PARAGRAPH.LEFT, None),
    "heading": ("一级标题", HEADING_FONT, BODY_PT, 2, WD_ALIGN_PARAGRAPH.JUSTIFY, 0),
    "item": ("二级标题", ITEM_FONT, BODY_PT, 2, WD_ALIGN_PARAGRAPH.JUSTIFY, None),
    "attachment": ("附件说明", BODY_FONT, BODY_PT, 0, WD_ALIGN_PARAGRAPH.LEFT, None),
    "closing": ("署名和日期", BODY_FONT, BODY_PT, 0, WD_ALIGN_PARAGRAPH.RIGHT, None),
    "table": ("表格文字", BODY_FONT, TABLE_PT, 0, WD_ALIGN_PARAGRAPH.LEFT, None),
    "imprint": ("版记", BODY_FONT, PAGE_NUMBER_PT, 0, WD_ALIGN_PARAGRAPH.LEFT, None),
}
_AFTER_OUTLINE = ("w:divId", "w:cnfStyle", "w:rPr", "w:sectPr", "w:pPrChange")
_AFTER_BORDER = ("w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap", "w:overflowPunct",
                 "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
                 "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents",
                 "w:suppressOverlap", "w:jc", "w:textDirection", "w:textAlignment", "w:textboxTightWrap",
                 *_AFTER_OUTLINE)


def _styles(document: Any) -> dict[str, Any]:
    normal = document.styles["Normal"]
    _set_fonts(normal.element, BODY_FONT)
    normal.font.size = Pt(BODY_PT)
    pf = normal.paragraph_format
    pf.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    pf.line_spacing = Pt(LINE_PITCH_PT)   # 22 lines to the 225 mm 版心
    pf.space_before = pf.space_after = Pt(0)
    pf.first_line_indent = Pt(2 * BODY_PT)
    pf.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    pf.widow_control = False
    styles = {"body": normal}
    for key, (name, font, size, indent, align, outline) in STYLES.items():
        style = document.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = normal
        style.quick_style = True
        _set_fonts(style.element, font)
        if size:
            style.font.size = Pt(size)
        style.paragraph_format.first_line_indent = Pt(indent * BODY_PT)
        style.paragraph_format.alignment = align
        if outline is not None:
            style.paragraph_format.keep_with_next = True
            level = OxmlElement("w:outlineLvl")   # Word's navigation pane and WPS's 目录 list the 一、 headings
            level.set(qn("w:val"), str(outline))
            style.element.get_or_add_pPr().insert_element_before(level, *_AFTER_OUTLINE)
        styles[key] = style
    styles["table"].paragraph_format.line_spacing = Pt(TABLE_PT * 1.5)
    styles["imprint"].paragraph_format.line_spacing = Pt(PAGE_NUMBER_PT * 1.6)
    return styles


def _font_of(style: Any) -> str:
    return style.element.rPr.rFonts.get(qn("w:eastAsia"))


def _paragraph(document: Any, style: Any, text: str = "", *, font: str | None = None,
               size: float | None = None, indent: float | None = None, right_indent: float | None = None,
               left_indent: float | None = None, color: str | None = None) -> Any:
    """A paragraph in `style`; its runs also name their faces, which WPS reads before the style's."""
    paragraph = document.add_paragraph(style=style)
    pf = paragraph.paragraph_format
    if indent is not None:
        pf.first_line_indent = Pt(indent)
    if left_indent is not None:
        pf.left_indent = Pt(left_indent)
    if right_indent is not None:
        pf.right_indent = Pt(right_indent)
    if text:
        _run(paragraph, text, font or _font_of(style), size=size, color=color)
    return paragraph


def _border(paragraph: Any, sides: Sequence[str], color: str, eighths: int) -> None:
    borders = OxmlElement("w:pBdr")
    for side in sides:
        line = OxmlElement(f"w:{side}")
        line.set(qn("w:val"), "single")
        line.set(qn("w:sz"), str(eighths))
        line.set(qn("w:space"), "1")
        line.set(qn("w:color"), color.lstrip("#"))
        borders.append(line)
    paragraph._p.get_or_add_pPr().insert_element_before(borders, *_AFTER_BORDER)


def _page_field(paragraph: Any) -> None:
    def fld(kind: str) -> Any:
        element = OxmlElement("w:fldChar")
        element.set(qn("w:fldCharType"), kind)
        return element

    _run(paragraph, "— ", "宋体", size=PAGE_NUMBER_PT)
    begin = _run(paragraph, "", "宋体", size=PAGE_NUMBER_PT)
    begin._element.append(fld("begin"))
    instruction = _run(paragraph, "", "宋体", size=PAGE_NUMBER_PT)
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = " PAGE "
    instruction._element.append(code)
    separate = _run(paragraph, "", "宋体", size=PAGE_NUMBER_PT)
    separate._element.append(fld("separate"))
    _run(paragraph, "1", "宋体", size=PAGE_NUMBER_PT)
    end = _run(paragraph, "", "宋体", size=PAGE_NUMBER_PT)
    end._element.append(fld("end"))
    _run(paragraph, " —", "宋体", size=PAGE_NUMBER_PT)


def _page_setup(document: Any) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(TOP_MM), Mm(BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(LEFT_MM), Mm(RIGHT_MM)
    section.header_distance = Mm(15)
    section.footer_distance = Mm(BOTTOM_MM - 7 - 5)   # the number's top 7 mm under the 版心
    document.settings.odd_and_even_pages_header_footer = True
    for footer, align, side in ((section.footer, WD_ALIGN_PARAGRAPH.RIGHT, "right"),
                                (section.even_page_footer, WD_ALIGN_PARAGRAPH.LEFT, "left")):
        footer.is_linked_to_previous = False
        paragraph = footer.paragraphs[0]
        pf = paragraph.paragraph_format
        pf.alignment = align
        pf.first_line_indent = Pt(0)
        pf.line_spacing_rule = WD_LINE_SPACING.SINGLE
        setattr(pf, f"{side}_indent", Pt(PAGE_NUMBER_PT))
        _page_field(paragraph)


def _docx_table(document: Any, styles: dict[str, Any], rows: list[list[str]]) -> None:
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    widths = _column_widths(rows, TEXT_WIDTH)
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            cell = table.cell(r, c)
            cell.width = Pt(widths[c])
            paragraph = cell.paragraphs[0]
            paragraph.style = styles["table"]
            if r == 0:
                paragraph.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.CENTER
            if text:
                _run(paragraph, text, HEADING_FONT if r == 0 else BODY_FONT, size=TABLE_PT)


def to_docx(doc: OfficialDocument) -> bytes:
    """The document as .docx with the same layout, for the office to edit in WPS or Word."""
    document = new_docx()
    styles = _styles(document)
    _page_setup(document)
    props = document.core_properties
    props.title = clean(doc.title)
    props.author = clean(doc.issuer or doc.signature) or "Renda"
    issuer = " ".join(clean(doc.issuer).split())
    number = " ".join(clean(doc.number).split())
    signer = " ".join(clean(doc.signer).split())
    body = styles["body"]
    if issuer:
        head = _paragraph(document, styles["masthead"], issuer, size=round(_issuer_size(issuer)), color=RED)
        head.paragraph_format.space_before = Mm(80 if signer else 35)
        head.paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
        document.add_paragraph(style=body)
        document.add_paragraph(style=body)
        if signer:   # 发文字号 one character in at the left, 签发人 at a right tab one character in
            rule = _paragraph(document, styles["number"], number, left_indent=BODY_PT)
            rule.paragraph_format.alignment = WD_ALIGN_PARAGRAPH.LEFT
            rule.paragraph_format.tab_stops.add_tab_stop(Pt(TEXT_WIDTH - BODY_PT), WD_TAB_ALIGNMENT.RIGHT)
            _run(rule, "\t签发人：", BODY_FONT)
            _run(rule, signer, ITEM_FONT)   # the name in 楷体 (§7.2.4)
        else:
            rule = _paragraph(document, styles["number"], number)
        # The red 分隔线 is the lower border of the 发文字号's paragraph.
        _border(rule, ["bottom"], RED, 12)
        document.add_paragraph(style=body)
        document.add_paragraph(style=body)
    elif number:
        _paragraph(document, styles["number"], number).paragraph_format.alignment = WD_ALIGN_PARAGRAPH.RIGHT
        document.add_paragraph(style=body)
    # The title breaks where the PDF's does, not wherever the editor's font metrics put it.
    title = _paragraph(document, styles["title"])
    for i, line in enumerate(title_lines(" ".join(clean(doc.title).split()), TEXT_WIDTH, TITLE.measure)):
        if i:
            title.add_run().add_break()
        _run(title, line, TITLE_FONT, size=TITLE_PT)
    document.add_paragraph(style=body)
    if doc.addressee.strip():
        _paragraph(document, styles["addressee"], " ".join(clean(doc.addressee).split()))
    for text in _paragraphs(doc.preamble):
        _paragraph(document, body, text)
    for index, section in enumerate(doc.sections, 1):
        _paragraph(document, styles["heading"], heading_text(index, section.heading))
        for text in _paragraphs(section.paragraphs):
            _paragraph(document, body, text)
        for i, item in enumerate(_paragraphs(section.items), 1):
            lead, rest = _item_lead(item_text(i, item))   # the run-in heading in 楷体, the rest 仿宋
            paragraph = _paragraph(document, styles["item"], lead)
            if rest:
                _run(paragraph, rest, BODY_FONT)
        rows = _table_rows(section.table)
        if rows:
            _docx_table(document, styles, rows)
    for text in _paragraphs(doc.closing):
        _paragraph(document, body, text)
    attachments = _attachment_lines(doc.attachments)
    if attachments:
        document.add_paragraph(style=body)
        name_start = (2 + _width_in_chars(attachments[0][0])) * BODY_PT
        for label, name in attachments:
            _paragraph(document, styles["attachment"], label + name, left_indent=name_start,
                       indent=-_width_in_chars(label) * BODY_PT)
    signature = " ".join(clean(doc.signature).split())
    day = chinese_date(doc.date) if doc.date else ""
    if signature or day:
        document.add_paragraph(style=body)
        sig_right, date_right = signature_indents(signature, day, _width_in_chars, 1)
        if signature:
            _paragraph(document, styles["closing"], signature, right_indent=sig_right * BODY_PT)
        if day:
            _paragraph(document, styles["closing"], day, right_indent=date_right * BODY_PT)
    note = _note_text(doc.confidential_note)
    if note:
        _paragraph(document, body, note)
    copy_to = _copy_to_text(doc.copy_to)
    if copy_to:
        document.add_paragraph(style=body)
        imprint = _paragraph(document, styles["imprint"], copy_to, left_indent=PAGE_NUMBER_PT * 4,
                             indent=-PAGE_NUMBER_PT * 3, right_indent=PAGE_NUMBER_PT)
        _border(imprint, ["top", "bottom"], "#000000", 8)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# ---------------------------------------------------------------- file names

_UNSAFE = re.compile(r"[^\w《》（）〔〕【】、，。·—\-]+")


def filename(doc: OfficialDocument, ext: str) -> str:
    """A download name (core.downloads.dated): the title (letters, digits and Chinese punctuation
    only, each run of anything else one "_") and the 成文日期 — today if the document has none — e.g.
    关于…的检查报告（2026年12月2日）.pdf."""
    stem = _UNSAFE.sub("_", clean(doc.title)).strip("._-")[:60].rstrip("._-") or "文件"
    ext = re.sub(r"[^a-z0-9]", "", ext.lower())
    return downloads.dated(stem, ext, on=doc.date) if ext else stem
