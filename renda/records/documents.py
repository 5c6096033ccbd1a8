"""The record's documents: a deputy's yearly record as a PDF (GB/T 9704 look through
core.official_documents, the Chinese font embedded) and every deputy's year as an .xlsx (core.exports:
no text cell is a formula)."""

from __future__ import annotations

import io
import unicodedata

from django.utils import timezone
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from renda.core import exports
from renda.core.official_documents import OfficialDocument, Section, to_pdf
from renda.records import figures
from renda.records.queries import Record

MAX_WIDTH = 40



def title(record: Record) -> str:
    return f"{record.person.name}代表{record.year}年度履职档案"


def _who(record: Record) -> str:
    m = record.mandate
    parts = [f"{record.congress.name}代表"]
    if m is not None:
        parts += [f"代表证号{m.number}"]
        parts += [x.name for x in (m.delegation, m.deputy_group, m.liaison_station) if x is not None]
    return "，".join(parts) + "。"


def record_document(record: Record) -> OfficialDocument:
    sections = []
    for name, lines in record.sections:
        table = [["项目", "数量"]] + [[line.label, f"{line.value}{line.unit}"] for line in lines]
        paragraphs = []
        if name == "述职":
            paragraphs = [f"{r.title or '述职'}：{r.get_status_display()}"
                          + (f"，{r.get_rated_by_display()}评议结果{r.grade}（满意率{r.satisfaction_rate}）" if r.grade else "")
                          for r in record.duty_results]
        sections.append(Section(heading=name, paragraphs=paragraphs, table=table))
    if record.score is not None:
        sections.append(Section(heading="履职积分", paragraphs=[record.score.formula]))
    if record.note is not None and record.note.text:
        sections.append(Section(heading="代表说明", paragraphs=[record.note.text]))
    return OfficialDocument(
        title=title(record), preamble=[_who(record), "本档案各项数字由人大工作平台根据会议、表决、议案建议、联络站、"
                                       "活动培训、述职和民生实事等记录自动生成。"],
        sections=sections, signature=f"{record.congress.name}常务委员会代表工作机构", date=timezone.localdate())


def record_pdf(record: Record) -> bytes:
    return to_pdf(record_document(record))


def _width(value) -> int:
    text = "" if value is None else str(value)
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


HEADERS = ["序号", "姓名", "代表团", "代表小组", "联络站"] + [f"{f.label}（{f.unit}）" for f in figures.FIGURES]


def all_xlsx(congress, year: int, records: list[Record]) -> bytes:
    scored = any(r.score is not None for r in records)
    headers = HEADERS + (["履职积分", "积分计算"] if scored else [])
    book = Workbook()
    sheet = book.active
    sheet.title = f"{year}年代表履职档案"
    moment = timezone.localtime()
    exports.append(sheet, [f"{congress.name}代表{year}年度履职情况（导出时间：{moment:%Y-%m-%d %H:%M}）"])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(headers))
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    exports.append(sheet, headers)
    for cell in sheet[2]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    body = []
    for n, r in enumerate(records, start=1):
        m = r.mandate
        values = [n, r.person.name, *[(x.name if x else "") for x in ((m.delegation, m.deputy_group, m.liaison_station)
                                                                       if m else (None, None, None))]]
        values += [float(line.value) if not isinstance(line.value, int) else line.value for line in r.lines]
        if scored:
            values += [float(r.score.total) if r.score else 0, r.score.formula if r.score else ""]
        body.append(values)
        exports.append(sheet, values)
    sheet.freeze_panes = "C3"
    for column, header in enumerate(headers, start=1):
        widest = max([min(_width(header), 12)] + [_width(v[column - 1]) for v in body])
        sheet.column_dimensions[get_column_letter(column)].width = min(MAX_WIDTH, widest + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
