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
from renda.core.spreadsheets import Column
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


# ---------------------------------------------------------------- the lists, through core.spreadsheets
# Each list page answers ``?export=xlsx|csv`` with exactly the rows its filters chose (every page,
# never more than the list shows the same user); the columns are the list's, with the dates as dates.

def keyword(request) -> str:
    """The list's keyword box (``q``), trimmed."""
    return request.GET.get("q", "").strip()[:100]


def matching(rows, q: str, *fields: str):
    """``rows`` whose any of ``fields`` contains ``q`` (all of them when ``q`` is empty)."""
    if not q:
        return rows
    from django.db.models import Q

    found = Q()
    for field in fields:
        found |= Q(**{f"{field}__icontains": q})
    return rows.filter(found)


def _lead(a) -> str:
    return a.lead_committee.name if a.lead_committee_id else (a.organiser.name if a.organiser_id else "")


ACTIVITY_COLUMNS = [
    Column("年度", "year", "int"), Column("类别", lambda a: a.get_kind_display()), Column("题目", "title"),
    Column("牵头", _lead), Column("状态", lambda a: a.get_status_display()),
    Column("开始日期", "starts_on", "date"), Column("结束日期", "ends_on", "date"),
    Column("计划项目", lambda a: f"{a.plan_item.month}月 · {a.plan_item.title}" if a.plan_item_id else ""),
    Column("联动", lambda a: a.partner.name if a.partner_id else ""),
]
PLAN_LIST_COLUMNS = [
    Column("年度", "plan.year", "int"), Column("标题", "plan.title"), Column("状态", lambda r: r["plan"].get_status_display()),
    Column("项目数", "items", "int"), Column("主任会议通过", "plan.approved_on", "date"),
    Column("公布", "plan.published_on", "date"),
]
WORK_REPORT_COLUMNS = [
    Column("报告", "r.title"), Column("类别", lambda row: row["r"].get_kind_display()), Column("报告机关", "r.body.name"),
    Column("报告人", "r.reporter"), Column("审议的会议", "r.meeting.title"), Column("会议日期", "r.meeting.starts_at", "date"),
    Column("状态", lambda row: row["r"].get_status_display()),
    Column("测评结果", lambda row: row["r"].get_outcome_display() if row["r"].outcome else ""),
    Column("报送时间", "r.filed_at", "datetime"), Column("报送情况", lambda row: row["late"].flag),
]
INQUIRY_COLUMNS = [
    Column("询问题目", "inquiry.topic"), Column("常委会会议", "inquiry.meeting.title"),
    Column("会议日期", "inquiry.meeting.starts_at", "date"), Column("问题数", "questions", "int"),
    Column("状态", lambda r: r["inquiry"].get_status_display()),
]
INVESTIGATION_COLUMNS = [
    Column("名称", "title"), Column("调查的特定问题", "subject"), Column("决定设立的会议", "meeting.title"),
    Column("设立日期", "established_on", "date"), Column("状态", lambda i: i.get_status_display()),
    Column("决议日期", "decided_on", "date"),
]
OPINION_COLUMNS = [
    Column("审议意见", "o.title"), Column("文号", "o.number"), Column("送达机关", "o.body.name"),
    Column("会议", "o.meeting.title"), Column("状态", lambda r: r["o"].get_status_display()),
    Column("通过日期", "o.approved_on", "date"), Column("交办日期", "o.sent_on", "date"),
    Column("书面报告期限", "o.reply_due", "date"), Column("研究处理情况", "reply_state"),
    Column("逾期", lambda r: "是" if r["late"] else "否"),
]
QUESTIONING_COLUMNS = [
    Column("案由", "q.title"), Column("提出场合", lambda r: r["q"].get_forum_display()), Column("会议", "q.meeting.title"),
    Column("受质询机关", "q.body.name"), Column("联名人数", "signers", "int"), Column("提出时间", "q.filed_at", "datetime"),
    Column("答复期限", "q.answer_by", "date"), Column("状态", lambda r: r["q"].get_status_display()),
]
LETTER_COLUMNS = [
    Column("调研（检查）", "letter.activity.title"), Column("单位", "letter.unit.name"),
    Column("报送期限", "letter.due_on", "date"), Column("收到自查报告", "letter.received_at", "datetime"),
    Column("状态", "status"),
]
