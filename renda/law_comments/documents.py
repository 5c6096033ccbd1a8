"""The summary of a period's comments (意见汇总及采纳情况): per article, in the version's order, each
comment with its source and the committee's decision and reason.

As .xlsx: a title row naming the congress, the bill and the time, a frozen header row, cells written
through ``core.exports`` so that a comment beginning with = + - @ stays text. As PDF or .docx in the
GB/T 9704 layout through ``core.official_documents``, named by its title and date."""

from __future__ import annotations

import io
import unicodedata

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from renda.core import exports
from renda.core.official_documents import OfficialDocument, Section, chinese_date
from renda.law_comments import queries
from renda.law_comments.models import CommentPeriod, LawComment

HEADERS = ["序号", "条款", "意见", "来源", "提出人", "社区（村）", "收集方式", "日期", "采纳情况", "理由"]
MAX_WIDTH = 60


def place_name(period: CommentPeriod) -> str:
    return period.congress.name.removesuffix("人民代表大会")


def version_name(period: CommentPeriod) -> str:
    return f"《{period.bill.title}（{period.version.label or period.version.get_stage_display()}）》"


def title(period: CommentPeriod) -> str:
    return f"关于{version_name(period)}的意见汇总及采纳情况"


def committee_name(period: CommentPeriod) -> str:
    if period.bill.committee_id:
        from renda.people.models import Organisation

        committee = Organisation.objects.in_congress(period.congress_id).filter(pk=period.bill.committee_id).first()
        if committee is not None:
            return f"{place_name(period)}人民代表大会常务委员会{committee.name}"
    return f"{place_name(period)}人民代表大会常务委员会"


def _day(comment: LawComment):
    return comment.gathered_on or timezone.localdate(comment.submitted_at)


def overview(period: CommentPeriod) -> str:
    totals = queries.totals(period)
    sources = "，".join(f"{label}{n}条" for _, label, n in totals.by_source if n) or "没有收到意见"
    decided = "，".join(f"{label}{n}条" for _, label, n in totals.by_decision if n)
    undecided = f"，尚未研究处理{totals.undecided}条" if totals.undecided else ""
    return (f"{chinese_date(period.opens_on)}至{chinese_date(period.closes_on)}，{version_name(period)}向"
            f"{'、'.join(period.audience_labels)}征求意见，共收到意见{totals.total}条：{sources}。"
            + (f"经研究，{decided}{undecided}。" if decided or undecided else ""))


def summary_document(period: CommentPeriod) -> OfficialDocument:
    sections = []
    for group in queries.grouped(period):
        table = [["序号", "意见", "来源", "采纳情况及理由"]]
        for n, c in enumerate(group.comments, start=1):
            outcome = c.get_decision_display() if c.decision else "尚未研究处理"
            table.append([str(n), c.text, f"{c.get_source_display()}：{c.giver}",
                          f"{outcome}。{c.reason}" if c.reason else outcome])
        counts = "，".join(f"{label}{n}条" for label, n in group.source_counts)
        sections.append(Section(heading=f"{group.label}（{len(group.comments)}条：{counts}）", table=table))
    day = timezone.localdate(period.finalised_at) if period.finalised_at else timezone.localdate()
    return OfficialDocument(title=title(period), preamble=[overview(period)], sections=sections,
                            signature=committee_name(period), date=day)


def _width(value) -> int:
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def summary_rows(period: CommentPeriod) -> list[list]:
    rows = []
    n = 0
    for group in queries.grouped(period):
        for c in group.comments:
            n += 1
            rows.append([n, queries.provision_label(c.provision, c.article), c.text, c.get_source_display(), c.giver,
                         c.community, c.get_gathered_how_display() if c.gathered_how else "", _day(c),
                         c.get_decision_display() if c.decision else "尚未研究处理", c.reason])
    return rows


def summary_xlsx(period: CommentPeriod) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = "意见汇总及采纳情况"
    moment = timezone.localtime()
    state = "已定稿" if period.finalised_at else "未定稿"
    exports.append(sheet, [f"{period.congress.name}常务委员会 {title(period)}（征求意见时间：{period.opens_on:%Y-%m-%d}"
                           f"至{period.closes_on:%Y-%m-%d}；{state}；导出时间：{moment:%Y-%m-%d %H:%M}）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADERS))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center", wrap_text=True)
    exports.append(sheet, HEADERS)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
    body = summary_rows(period)
    for values in body:
        exports.append(sheet, values)
    sheet.freeze_panes = "A3"
    for column, header in enumerate(HEADERS, start=1):
        widest = max([_width(header)] + [_width(values[column - 1]) for values in body])
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, widest + 2)
    for line in sheet.iter_rows(min_row=3):
        for cell in line:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if cell.column == 8:
                cell.number_format = "yyyy-mm-dd"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
