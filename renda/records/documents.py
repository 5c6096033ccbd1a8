"""The record's documents: a deputy's yearly record as a PDF (GB/T 9704 look through
core.official_documents, the Chinese font embedded) and the columns of every deputy's year for the
list's .xlsx and .csv (core.spreadsheets: no text cell is a formula)."""

from __future__ import annotations

from django.utils import timezone

from renda.core.official_documents import OfficialDocument, Section, to_pdf
from renda.core.spreadsheets import Column
from renda.records import figures
from renda.records.queries import Record


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


def _place(record: Record, which: str) -> str:
    organisation = getattr(record.mandate, which, None) if record.mandate is not None else None
    return organisation.name if organisation is not None else ""


def _figure(index: int):
    return lambda row: row[1].lines[index].value


def columns(records: list[Record]) -> list[Column]:
    """Every deputy's year as the shared writer's columns (core.spreadsheets): the counts as whole
    numbers, the hours (a sum) and the score as numbers; the score's columns only when a weighting is set."""
    out = [Column("序号", lambda row: row[0], "int"), Column("姓名", lambda row: row[1].person.name),
           Column("代表团", lambda row: _place(row[1], "delegation")),
           Column("代表小组", lambda row: _place(row[1], "deputy_group")),
           Column("联络站", lambda row: _place(row[1], "liaison_station"))]
    out += [Column(f"{f.label}（{f.unit}）", _figure(n), "number" if f.total is not None else "int")
            for n, f in enumerate(figures.FIGURES)]
    if any(r.score is not None for r in records):
        out += [Column("履职积分", lambda row: float(row[1].score.total) if row[1].score else 0, "number"),
                Column("积分计算", lambda row: row[1].score.formula if row[1].score else "")]
    return out
