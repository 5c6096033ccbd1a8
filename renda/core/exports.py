"""Spreadsheet exports that cannot run anything: every text cell stays text (CSV/formula injection,
OWASP "CSV Injection").

A spreadsheet program treats a cell whose text begins with = + - @ (or a tab or carriage return
before one) as a formula: a deputy named ``=HYPERLINK("http://…","点击")`` would become a live link,
or worse, in whoever opens deputies.xlsx. Every export writes its cells through this module:

- CSV: such a text gets a leading apostrophe (``'=HYPERLINK(…)``), which spreadsheet programs show as
  text; ``unquote`` takes it off again when Renda reads its own export back (people import).
- .xlsx: such a text is written as a string cell (openpyxl would otherwise write a text beginning
  with = as a formula); the value is unchanged, no apostrophe.

Numbers, dates and empty cells are written as they are: only text is ever a formula.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from typing import Any

# OWASP's list, and the full-width forms a Chinese input method types (WPS reads them as formulas too).
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def is_formula_like(value: Any) -> bool:
    return isinstance(value, str) and value.startswith(FORMULA_STARTS)


def csv_cell(value: Any) -> Any:
    """A CSV field: text that a spreadsheet would run gets a leading apostrophe; anything else as is."""
    return "'" + value if is_formula_like(value) else value


def csv_row(values: Iterable[Any]) -> list[Any]:
    return [csv_cell(v) for v in values]


def unquote(value: Any) -> Any:
    """A field of a CSV Renda wrote, as it was before ``csv_cell``."""
    if isinstance(value, str) and value.startswith("'") and is_formula_like(value[1:]):
        return value[1:]
    return value


def csv_writer(out) -> Any:
    """``csv.writer`` whose rows go through ``csv_cell`` (``writerow`` returns what the stream's write
    returns, so it works with a pseudo-buffer for streaming responses)."""
    writer = csv.writer(out)

    class SafeWriter:
        def writerow(self, row: Iterable[Any]):
            return writer.writerow(csv_row(row))

        def writerows(self, rows: Iterable[Iterable[Any]]) -> None:
            for row in rows:
                writer.writerow(csv_row(row))

    return SafeWriter()


def csv_bytes(rows: Iterable[Iterable[Any]]) -> bytes:
    """A whole CSV in UTF-8 with a BOM (so that Excel opens the Chinese correctly)."""
    out = io.StringIO()
    csv_writer(out).writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def xlsx_row(sheet, values: Iterable[Any]) -> list[Any]:
    """The cells to ``sheet.append`` for ``values`` (ordinary and write-only worksheets alike): text as
    string cells, so that none is a formula, without the control characters .xlsx cannot hold; numbers,
    dates and empty cells as they are."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    row: list[Any] = []
    for value in values:
        if isinstance(value, str):
            cell = WriteOnlyCell(sheet, ILLEGAL_CHARACTERS_RE.sub("", value))
            cell.data_type = "s"
            row.append(cell)
        else:
            row.append(value)
    return row


def append(sheet, values: Iterable[Any]) -> None:
    """``sheet.append(values)`` where no text becomes a formula."""
    sheet.append(xlsx_row(sheet, values))
