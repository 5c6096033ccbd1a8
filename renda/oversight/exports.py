"""The yearly oversight plan as .xlsx: a title row naming the congress and the year, a frozen header
row, one row per item, columns fitted to their text. Cells go through ``core.exports`` so no text
becomes a formula."""

from __future__ import annotations

import io
import unicodedata

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from renda.core import exports
from renda.oversight.models import Plan

HEADERS = ["序号", "安排月份", "类别", "项目", "报告机关", "牵头委员会", "协助委员会", "分管领导", "提请审议的会议",
           "进展", "备注"]
MAX_WIDTH = 60


def _width(value) -> int:
    """Display width: a Chinese character takes two columns."""
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def plan_rows(rows: list[dict], *, staff: bool) -> list[list]:
    out = []
    for n, row in enumerate(rows, start=1):
        item = row["item"]
        session = item.meeting.title if item.meeting_id else item.session_note
        out.append([n, item.month, item.get_kind_display(), item.title, item.body.name if item.body_id else "",
                    item.lead_committee.name, "、".join(o.name for o in row["co_committees"]),
                    item.leader.name if item.leader_id else "", session,
                    row["progress"] if staff else row["public_progress"], item.note])
    return out


def plan_xlsx(plan: Plan, rows: list[dict], *, staff: bool) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = f"{plan.year}年度"
    title = f"{plan.congress.name}常务委员会{plan.year}年度监督工作计划"
    exports.append(sheet, [title])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    exports.append(sheet, HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    body = plan_rows(rows, staff=staff)
    for values in body:
        exports.append(sheet, values)
    sheet.freeze_panes = "A3"  # the title and header rows stay in view
    for column, header in enumerate(HEADERS, start=1):
        widest = max([_width(header)] + [_width(values[column - 1]) for values in body])
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, widest + 2)
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
