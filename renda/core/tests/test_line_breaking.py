"""The one line breaker of Renda's PDFs (official_documents.break_lines) and the PDFs that use it.

禁则: no line starts with closing punctuation ，。、；：）」』》 and none ends with an opening one; a
number stays on the line of its unit (3.5万元, 120公里, 50%, 2026年, 第3条). Every PDF generator goes
through it: the GB/T 9704 documents, the meeting notices (meetings.notices._wrap), the rectification
list's table cells (official_documents.text_flowable) and the suggestion evaluation report's table.
"""

from __future__ import annotations

import io

import pypdf
from reportlab.pdfbase import pdfmetrics

from renda.core.official_documents import (
    BODY,
    CANNOT_END,
    CANNOT_START,
    FONT,
    TEXT_WIDTH,
    OfficialDocument,
    Section,
    break_lines,
    text_flowable,
    to_pdf,
)
from renda.meetings import notices

CLOSING = "，。、；：）」』》"
OPENING = "（「『《"


def chars(text: str) -> float:
    return len(text)


def lines_of(data: bytes) -> list[str]:
    pages = [page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages]
    return [line.strip() for page in pages for line in page.split("\n") if line.strip()]


def test_it_never_starts_a_line_with_closing_punctuation():
    for mark in CLOSING:
        assert mark in CANNOT_START
        lines = break_lines("甲" * 27 + "乙" + mark + "丙", 28, chars)
        assert lines == ["甲" * 27, "乙" + mark + "丙"], mark


def test_it_never_ends_a_line_with_opening_punctuation():
    for mark in OPENING:
        assert mark in CANNOT_END
        lines = break_lines("甲" * 27 + mark + "乙丙", 28, chars)
        assert lines == ["甲" * 27, mark + "乙丙"], mark


def test_it_keeps_a_number_with_its_unit():
    for run in ("3.5万元", "120公里", "50%", "2026年", "第3条", "1,200万元", "第三条", "50％"):
        lines = break_lines("甲" * 26 + run + "乙", 28, chars)
        assert lines[0] == "甲" * 26, run   # the run goes down whole: no "3.5" | "万元", "第" | "3条"
        assert lines[1].startswith(run), run


def test_it_keeps_the_unit_and_its_closing_mark_together():
    # "…共3件。" at the boundary: neither "3" | "件" nor "件" | "。" may be split.
    assert break_lines("甲" * 25 + "共3件。", 28, chars) == ["甲" * 25 + "共", "3件。"]
    assert break_lines("甲" * 24 + "（3.5万元）", 28, chars) == ["甲" * 24, "（3.5万元）"]


def test_a_number_wider_than_a_line_is_still_split():
    assert break_lines("1" * 40, 28, chars) == ["1" * 28, "1" * 12]


def test_it_keeps_the_rules_in_a_pdf_read_back():
    # A paragraph's first line holds 26 characters (28, indented two): placed so that the 27th is
    # "，", the "万元" of 3.5万元, or the character after an opening "《".
    first = "甲" * 25 + "乙，丙" + "丁" * 20
    second = "甲" * 22 + "投入3.5万元" + "丁" * 20
    third = "甲" * 25 + "《乙法》" + "丁" * 20
    pdf = to_pdf(OfficialDocument(title="断行", sections=[Section(heading="情况", paragraphs=[first, second, third])]))
    text = lines_of(pdf)
    assert "甲" * 25 in text and "甲" * 22 + "投入" in text
    assert not any(line[0] in CANNOT_START for line in text)
    assert not any(line[-1] in CANNOT_END for line in text)
    assert any(line.startswith("乙，丙") for line in text)
    assert any("3.5万元" in line for line in text)   # number and unit on one line
    assert any(line.startswith("《乙法》") for line in text)


def test_the_meeting_notices_break_by_the_same_rules():
    size = 15
    width = pdfmetrics.stringWidth("甲" * 27, FONT, size) + 1
    assert notices._wrap("甲" * 26 + "乙，丙", width, size) == ["甲" * 26, "乙，丙"]
    assert notices._wrap("甲" * 25 + "共120公里", width, size) == ["甲" * 25 + "共", "120公里"]
    pdf = notices.official_pdf("示例市人大常委会", "关于道路建设的报告",
                               ["甲" * 30 + "，新建道路120公里，投入资金3.5万元，占比50%。" * 3])
    text = lines_of(pdf)
    assert not any(line[0] in CANNOT_START for line in text)
    assert "".join(text).count("120公里") == 3


def test_text_in_other_pdfs_goes_through_break_lines():
    block = text_flowable("甲" * 27 + "乙，丙", 10)
    block.wrap(pdfmetrics.stringWidth("甲" * 28, FONT, 10) + 0.5, 1000)
    assert [line for line, _ in block.rows] == ["甲" * 27, "乙，丙"]
    assert all(BODY.measure(line) <= TEXT_WIDTH for line in break_lines("字" * 60, TEXT_WIDTH, BODY.measure))
