"""A deputy's attendance over their term: meetings attended, absent with leave (请假) and absent without
(缺席) in each year of the term, counted by the record's own figures (records.figures: meetings_attended,
meetings_on_leave, meetings_absent), so each year's numbers are the ones that year's record shows; the
record's own year is taken from the record, not counted again. Drawn as a chart on the record page and
downloadable as .xlsx."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import timezone

from renda.core import charts
from renda.core.spreadsheets import Column
from renda.core.tenancy import congress_scope
from renda.people.validation import FIRST_REPORT_YEAR
from renda.records import figures
from renda.records.queries import Record

KEYS = ("meetings_attended", "meetings_on_leave", "meetings_absent")
LABELS = ("出席", "请假缺席", "未请假缺席")


@dataclass(frozen=True)
class YearAttendance:
    year: int
    attended: int
    on_leave: int
    absent: int

    @property
    def expected(self) -> int:
        return self.attended + self.on_leave + self.absent

    @property
    def share(self) -> float | None:
        return self.attended / self.expected if self.expected else None


def term_years(record: Record) -> range:
    """The years of the record's term the deputy held this mandate, up to this year."""
    mandate = record.mandate
    if mandate is None:
        return range(record.year, record.year + 1)
    term = mandate.term
    first = max(term.start.year, mandate.elected_on.year if mandate.elected_on else term.start.year, FIRST_REPORT_YEAR)
    ends = [timezone.localdate().year] + [d.year for d in (term.end, mandate.ended_on) if d is not None]
    return range(min(first, record.year), max(min(ends), record.year) + 1)


def over_term(record: Record) -> list[YearAttendance]:
    rows = []
    with congress_scope(record.congress):
        for year in term_years(record):
            if year == record.year:
                values = [int(record.values[key]) for key in KEYS]
            else:
                values = [int(figures.count(record.congress, record.person.pk, year, key).value) for key in KEYS]
            rows.append(YearAttendance(year, *values))
    return rows


def title(record: Record) -> str:
    term = record.mandate.term if record.mandate is not None else None
    return f"{record.person.name}代表{'第' + str(term.number) + '届' if term else '本届'}出席会议情况"


def chart(record: Record, rows: list[YearAttendance]) -> charts.Chart:
    return charts.stacked(f"{title(record)}（次）", [f"{r.year}年" for r in rows],
                          [(LABELS[0], [r.attended for r in rows]), (LABELS[1], [r.on_leave for r in rows]),
                           (LABELS[2], [r.absent for r in rows])],
                          heading="年度", total_heading="应出席", empty_text="本届还没有应出席的会议。")


COLUMNS = [
    Column("年度", "year", "int"),
    Column(LABELS[0] + "（次）", "attended", "int"),
    Column(LABELS[1] + "（次）", "on_leave", "int"),
    Column(LABELS[2] + "（次）", "absent", "int"),
    Column("应出席（次）", "expected", "int"),
    Column("出席率", "share", "percent"),
]
