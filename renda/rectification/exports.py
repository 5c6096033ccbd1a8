"""The rectification list, exactly as filtered, to .xlsx and PDF.

.xlsx: a title row naming the congress and the filter, a frozen header row, one row per item; cells
go through ``core.exports`` so no text becomes a formula. PDF: A4 in the GB/T 9704 page layout
(margins 37/35/28/26 mm, title centred, page numbers “— n —” at the foot), the list as a table in
ReportLab's built-in Chinese font (renders with no font files installed)."""

from __future__ import annotations

import datetime
import io
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.platypus import SimpleDocTemplate, Spacer, Table, TableStyle

from renda.core import exports
from renda.core.models import Congress
from renda.core.official_documents import FONT, text_flowable
from renda.rectification import queries
from renda.rectification.models import RectificationItem

HEADERS = ["序号", "来源", "问题", "整改目标", "整改措施", "整改时限", "责任单位", "责任人", "状态", "是否逾期", "销号日期",
           "整改情况"]
PDF_HEADERS = ["序号", "问题", "责任单位", "责任人", "整改时限", "状态", "销号日期"]
MAX_WIDTH = 60


def title_of(congress: Congress) -> str:
    return f"{congress.name}常务委员会整改清单"


def _width(value) -> int:
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


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


def items_xlsx(congress: Congress, items: list[RectificationItem], described: str, today: datetime.date) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "整改清单"
    exports.append(sheet, [f"{title_of(congress)}（{described}）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    exports.append(sheet, HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    body = rows(items, today)
    for values in body:
        exports.append(sheet, values)
    sheet.freeze_panes = "A3"
    for column, header in enumerate(HEADERS, start=1):
        widest = max([_width(header)] + [_width(values[column - 1]) for values in body])
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, widest + 2)
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if isinstance(cell.value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


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
