"""Exports of a list as the office's spreadsheets: .xlsx that opens ready to read, and .csv.

A list describes its columns once (`Column`: a label, how to get the value from a row, and what kind
of value it is) and `export_response` writes exactly the rows the list's filters chose:

- .xlsx: a title row naming the congress and the list, a second row with the filter and the time of
  export, then the header row — frozen and with the spreadsheet's own filter buttons; column widths
  fitted to the text (a Chinese character is two widths); dates as dates, percentages and money as
  numbers with their formats; every text a string cell, so no text can become a formula
  (renda.core.exports).
- .csv: the header row and the rows only (a machine reads it), UTF-8 with a BOM for Excel, texts that
  a spreadsheet would run quoted by ``renda.core.exports.csv_cell``.

Both are named by ``renda.core.downloads`` ("代表名册（2026年12月3日）.xlsx").

More rows than the rule ``exports.background_rows``: the file is built in the background behind a
progress bar and downloaded by the same account only (``renda.core.export_jobs``).
"""

from __future__ import annotations

import datetime
import decimal
import io
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from django.http import HttpResponse
from django.utils import timezone

from renda.core import downloads, exports

Kind = Literal["text", "int", "number", "date", "datetime", "percent", "money"]

FORMATS: dict[str, str] = {
    "int": "0",
    "number": "0.00",
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
    "percent": "0.0%",
    "money": "#,##0.00",
}
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv; charset=utf-8"
MIN_WIDTH, MAX_WIDTH = 6, 60
WIDTH_SAMPLE = 2000   # rows read to fit the widths; a column's widest text is nearly always among them
TITLE_ROWS = 2        # the title and the filter line above the header row
PROGRESS_EVERY = 200  # rows between two progress reports of a background export


@dataclass(frozen=True)
class Column:
    """One column of an export. ``value`` is an attribute path ("person.name") or a function of the row.
    A ``percent`` value is a fraction (0.875 shows as 87.5%); ``money`` is yuan."""

    label: str
    value: str | Callable[[Any], Any]
    kind: Kind = "text"

    def of(self, row: Any) -> Any:
        if callable(self.value):
            value = self.value(row)
        else:
            value = row
            for part in self.value.split("."):
                value = value.get(part) if isinstance(value, dict) else getattr(value, part, None)
                if value is None:
                    break
        return cell_value(value, self.kind)


def cell_value(value: Any, kind: Kind) -> Any:
    """``value`` as the spreadsheet should hold it: a date as a date (in Asia/Shanghai, since a
    spreadsheet has no time zones), a number as a number, a choice as its label, nothing as empty."""
    if value is None or value == "":
        return None
    if hasattr(value, "label") and hasattr(value, "value") and not isinstance(value, str | int | float):
        return str(value.label)
    if kind in {"date", "datetime"}:
        if isinstance(value, datetime.datetime):
            if timezone.is_aware(value):
                value = timezone.localtime(value).replace(tzinfo=None)
            return value.date() if kind == "date" else value.replace(microsecond=0)
        return value
    if kind in {"int", "number", "percent", "money"}:
        if isinstance(value, bool):
            return int(value)
        if isinstance(value, decimal.Decimal):
            return float(value) if kind != "int" else int(value)
        if isinstance(value, int | float):
            return value
        return str(value)
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, datetime.datetime):
        return timezone.localtime(value).strftime("%Y-%m-%d %H:%M") if timezone.is_aware(value) else str(value)
    return value if isinstance(value, str | int | float | datetime.date) else str(value)


def display_width(value: Any, kind: Kind = "text") -> int:
    """How many character widths ``value`` takes in a spreadsheet cell: a Chinese character two."""
    if value is None:
        return 0
    if kind == "date" or isinstance(value, datetime.date) and not isinstance(value, datetime.datetime):
        return 10
    if kind == "datetime" or isinstance(value, datetime.datetime):
        return 16
    if kind == "percent":
        return 7
    text = f"{value:,.2f}" if kind == "money" and isinstance(value, int | float) else str(value)
    longest = max(text.split("\n"), key=len) if "\n" in text else text
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in longest)


def describe_filters(filters: Iterable[tuple[str, Any]]) -> str:
    """"状态：已答复；关键词：道路" from (label, value) pairs; empty values left out."""
    parts = [f"{label}：{value}" for label, value in filters if value not in (None, "", [])]
    return "；".join(parts) if parts else "全部"


def _values(columns: Sequence[Column], rows: Iterable[Any], progress: Callable[[int], None] | None) -> list[list[Any]]:
    """Every row's cell values; ``progress(rows done)`` every few hundred rows (a background export)."""
    values = []
    for done, row in enumerate(rows, start=1):
        values.append([column.of(row) for column in columns])
        if progress is not None and done % PROGRESS_EVERY == 0:
            progress(done)
    return values


def xlsx_bytes(*, title: str, columns: Sequence[Column], rows: Iterable[Any], filters: str = "全部",
               sheet_title: str = "", exported_at: datetime.datetime | None = None,
               progress: Callable[[int], None] | None = None) -> bytes:
    """The .xlsx of ``rows`` (see the module docstring). ``title`` names the congress and the list."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    values = _values(columns, rows, progress)
    widths = [display_width(column.label) + 2 for column in columns]
    for record in values[:WIDTH_SAMPLE]:
        for index, (column, value) in enumerate(zip(columns, record, strict=True)):
            widths[index] = max(widths[index], display_width(value, column.kind) + 2)

    book = Workbook(write_only=True)
    sheet = book.create_sheet(_sheet_title(sheet_title or title))
    for index, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(MIN_WIDTH, min(MAX_WIDTH, width))
    last_column = get_column_letter(max(1, len(columns)))
    header_row = TITLE_ROWS + 1
    sheet.freeze_panes = f"A{header_row + 1}"
    sheet.auto_filter.ref = f"A{header_row}:{last_column}{header_row + len(values)}"

    def text_cell(text: str, **style: Any) -> WriteOnlyCell:
        cell = exports.xlsx_row(sheet, [text])[0]   # a string cell: never a formula
        for name, value in style.items():
            setattr(cell, name, value)
        return cell

    at = timezone.localtime(exported_at or timezone.now())
    sheet.append([text_cell(title, font=Font(bold=True, size=14))])
    sheet.append([text_cell(f"筛选：{filters}　导出时间：{at:%Y-%m-%d %H:%M}", font=Font(color="555555"))])
    header_fill = PatternFill("solid", fgColor="F2F2F2")
    sheet.append([text_cell(column.label, font=Font(bold=True), fill=header_fill,
                            alignment=Alignment(vertical="center")) for column in columns])
    wrap = Alignment(wrap_text=True, vertical="top")
    for record in values:
        cells: list[Any] = []
        for column, value in zip(columns, record, strict=True):
            if value is None:
                cells.append(None)
                continue
            if isinstance(value, str):
                cell = text_cell(value)
                if "\n" in value or display_width(value) > MAX_WIDTH:
                    cell.alignment = wrap
            else:
                cell = WriteOnlyCell(sheet, value)
                if column.kind in FORMATS and not isinstance(value, str):
                    cell.number_format = FORMATS[column.kind]
                elif isinstance(value, datetime.datetime):
                    cell.number_format = FORMATS["datetime"]
                elif isinstance(value, datetime.date):
                    cell.number_format = FORMATS["date"]
            cells.append(cell)
        sheet.append(cells)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def csv_bytes(*, columns: Sequence[Column], rows: Iterable[Any], progress: Callable[[int], None] | None = None) -> bytes:
    def as_text(value: Any, kind: Kind) -> Any:
        if value is None:
            return ""
        if kind == "percent" and isinstance(value, int | float):
            return f"{value * 100:.1f}%"
        if isinstance(value, datetime.datetime):
            return value.strftime("%Y-%m-%d %H:%M")
        if isinstance(value, datetime.date):
            return value.isoformat()
        return value

    table = [[column.label for column in columns]]
    table += [[as_text(value, column.kind) for column, value in zip(columns, record, strict=True)]
              for record in _values(columns, rows, progress)]
    return exports.csv_bytes(table)


EXPORT_FORMATS = ("xlsx", "csv")


def wanted(request: Any) -> str | None:
    """The export format the list's address asks for (``?export=xlsx`` or ``csv``), else None: a list
    view answers with ``export_response`` instead of its page when this is set."""
    fmt = request.GET.get("export", "")
    return fmt if fmt in EXPORT_FORMATS else None


def export_response(request: Any, *, subject: str, columns: Sequence[Column], rows: Iterable[Any],
                    filters: str = "全部", filename: str = "", fmt: str | None = None) -> HttpResponse:
    """The download of ``rows`` as ``fmt`` (default: the address's ``export``), titled
    "<congress> · <subject>" and named "<subject>（<today>）.<fmt>" unless ``filename`` is given.

    More rows than the congress's rule ``exports.background_rows``: a progress page instead, whose
    build request (the same address with ``build=<token>``) comes back here and writes the file in
    the background (renda.core.export_jobs)."""
    fmt = fmt or wanted(request)
    if fmt not in EXPORT_FORMATS:
        raise ValueError(f"unknown export format {fmt!r}")
    congress = getattr(request, "congress", None)
    name = filename or downloads.dated(subject, fmt)
    title = f"{congress.name} · {subject}" if congress is not None else subject

    def write(progress: Callable[[int], None] | None = None) -> bytes:
        if fmt == "csv":
            return csv_bytes(columns=columns, rows=rows, progress=progress)
        return xlsx_bytes(title=title, columns=columns, rows=rows, filters=filters, sheet_title=subject,
                          progress=progress)

    if congress is not None and hasattr(request, "session"):
        from renda.core import export_jobs

        total = 0 if request.GET.get("build") else count_rows(rows)
        return export_jobs.respond(request, subject=subject, fmt=fmt, name=name, total=total, write=write)
    response = HttpResponse(write(), content_type=CSV_TYPE if fmt == "csv" else XLSX_TYPE)
    return downloads.attachment(response, name)


def count_rows(rows: Iterable[Any]) -> int:
    """How many rows an export holds, without reading them where the database can count."""
    count = getattr(rows, "count", None)
    if hasattr(rows, "query") and callable(count):   # a queryset
        return int(count())
    if hasattr(rows, "__len__"):
        return len(rows)  # type: ignore[arg-type]
    return 0   # a generator: read once, so never a background job


def _sheet_title(text: str) -> str:
    # A sheet's name: at most 31 characters, none of []:*?/\
    cleaned = "".join("_" if ch in "[]:*?/\\" else ch for ch in text)
    return cleaned[:31] or "Sheet1"
