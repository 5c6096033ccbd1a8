"""The rectification list, exactly as filtered, to .xlsx, .csv and PDF.

.xlsx and .csv: the shared writer (``core.spreadsheets``): a title row naming the congress, the filter
line, a frozen header row, one row per item; no text becomes a formula. PDF: A4 in the GB/T 9704 page layout
(margins 37/35/28/26 mm, title centred, page numbers “— n —” at the foot), the list as a table in
ReportLab's built-in Chinese font (renders with no font files installed)."""

from __future__ import annotations

import datetime
import io

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from renda.core.models import Congress
from renda.core.official_documents import FONT, text_flowable
from renda.core.spreadsheets import Column, Kind
from renda.rectification import queries
from renda.rectification.models import RectificationItem

HEADERS = ["序号", "来源", "问题", "整改目标", "整改措施", "整改时限", "责任单位", "责任人", "状态", "是否逾期", "销号日期",
           "整改情况"]
PDF_HEADERS = ["序号", "问题", "责任单位", "责任人", "整改时限", "状态", "销号日期"]


def title_of(congress: Congress) -> str:
    return f"{congress.name}常务委员会整改清单"


def _status(item: RectificationItem, today: datetime.date) -> tuple[str, str]:
    overdue = item.status != RectificationItem.Status.CLOSED and item.due_on < today
    return item.get_status_display(), (f"逾期 {(today - item.due_on).days} 天" if overdue else "")


def rows(items: list[RectificationItem], today: datetime.date) -> list[list]:
    out = []
    for n, item in enumerate(items, start=1):
        status, overdue = _status(item, today)
        out.append([n, queries.origin(item), item.problem, item.goal, item.measures, item.due_on,
                    item.unit.name if item.unit is not None else "", item.owner, status, overdue, item.closed_on,
                    item.resolution])
    return out


# The list's .xlsx and .csv go through the shared writer (core.spreadsheets): a title row naming the
# congress, the filter line, a frozen header row; dates as dates, every text a string cell.
KINDS: dict[str, Kind] = {"序号": "int", "整改时限": "date", "销号日期": "date"}
COLUMNS = [Column(header, header, KINDS.get(header, "text")) for header in HEADERS]


def sheet_rows(items: list[RectificationItem], today: datetime.date) -> list[dict]:
    """One dict per item, keyed by the column headers (``COLUMNS`` reads them)."""
    return [dict(zip(HEADERS, values, strict=True)) for values in rows(items, today)]


def _page_number(canvas, doc) -> None:
    canvas.saveState()
    canvas.setFont(FONT, 14)
    width, _ = A4
    canvas.drawCentredString(width / 2, 20 * mm, f"— {doc.page} —")
    canvas.restoreState()


def items_pdf(congress: Congress, items: list[RectificationItem], described: str, today: datetime.date) -> bytes:
    out = io.BytesIO()
    document = SimpleDocTemplate(out, pagesize=A4, topMargin=37 * mm, bottomMargin=35 * mm, leftMargin=28 * mm,
                                 rightMargin=26 * mm, title=title_of(congress), author=congress.name)
    # Every text by official_documents.break_lines (禁则, numbers kept with their units).
    story = [text_flowable(title_of(congress), 22, leading=32, align="center"), Spacer(1, 4 * mm),
             text_flowable(f"（{described}；共 {len(items)} 项；{today:%Y年%m月%d日}导出）", 12, leading=18,
                           align="center"),
             Spacer(1, 6 * mm)]
    data = [[text_flowable(h, 9.5, leading=13, align="center") for h in PDF_HEADERS]]
    for n, item in enumerate(items, start=1):
        status, overdue = _status(item, today)
        values = [str(n), item.problem, item.unit.name if item.unit is not None else "", item.owner, f"{item.due_on:%Y-%m-%d}",
                  status + (f"（{overdue}）" if overdue else ""),
                  f"{item.closed_on:%Y-%m-%d}" if item.closed_on else ""]
        data.append([text_flowable(v, 9.5, leading=13) for v in values])
    if len(data) == 1:
        data.append([text_flowable("", 9.5, leading=13) for _ in PDF_HEADERS])
        data[1][1] = text_flowable("没有符合条件的整改事项", 9.5, leading=13)
    widths = [10 * mm, 52 * mm, 24 * mm, 16 * mm, 20 * mm, 18 * mm, 16 * mm]
    table = Table(data, colWidths=widths, repeatRows=1, splitInRow=1)
    table.setStyle(TableStyle([
        ("GRID", (0, 0), (-1, -1), 0.5, colors.black),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#eeeeee")),
    ]))
    story.append(table)
    document.build(story, onFirstPage=_page_number, onLaterPages=_page_number)
    return out.getvalue()
