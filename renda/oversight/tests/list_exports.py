"""Checks shared by the list-export tests of the later modules (oversight, rectification, legislation
and the rest): the .xlsx the shared writer (core.spreadsheets) gives for a list's ``?export=xlsx`` — a
title row naming the congress, the filter line, the frozen header row, dates as dates, numbers as
numbers, a text beginning with = kept as text — and the .csv of the same rows."""

from __future__ import annotations

import csv
import datetime
import io
from urllib.parse import quote

from openpyxl import load_workbook

from renda.core.spreadsheets import CSV_TYPE, XLSX_TYPE

FORMULA = "=1+1"  # a text a spreadsheet would run, were it not a string cell


def sheet(response):
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == XLSX_TYPE
    return load_workbook(io.BytesIO(response.content)).active


def header(ws) -> list:
    return [cell.value for cell in ws[3]]


def body(ws) -> list[list]:
    """The data rows, as cells (below the title, the filter line and the header)."""
    return [list(row) for row in ws.iter_rows(min_row=4)]


def column(ws, label: str) -> list:
    at = header(ws).index(label)
    return [row[at] for row in body(ws)]


def texts(ws, label: str) -> list:
    return [cell.value for cell in column(ws, label)]


def check_xlsx(response, congress, subject: str, *, dates=(), numbers=(), formula_in: str = "") -> object:
    """The .xlsx of a list: named in Chinese with the date, titled with the congress, frozen under the
    header; each column in ``dates`` holds a date, each in ``numbers`` a number; the column
    ``formula_in`` holds a text beginning with FORMULA, as a string cell."""
    ws = sheet(response)
    assert quote(subject) in response["Content-Disposition"]
    assert congress.name in ws["A1"].value and subject in ws["A1"].value
    assert ws["A2"].value.startswith("筛选：")
    assert ws.freeze_panes == "A4"
    for label in dates:
        values = [cell.value for cell in column(ws, label) if cell.value is not None]
        assert values and all(isinstance(v, datetime.date) for v in values), (label, values)
    for label in numbers:
        values = [cell.value for cell in column(ws, label) if cell.value is not None]
        assert values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values), (label, values)
    if formula_in:
        cells = [cell for cell in column(ws, formula_in) if str(cell.value or "").startswith(FORMULA)]
        assert cells and all(cell.data_type == "s" for cell in cells)
    return ws


def csv_rows(response) -> list[list[str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"] == CSV_TYPE
    assert response.content.startswith("\ufeff".encode())
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
