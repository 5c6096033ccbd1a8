"""What every list's export test checks (issue 18, point 7): the .xlsx opens ready to read — the
congress in the title row, the filter row, the header frozen and with filter buttons, dates as dates,
numbers as numbers, every text a string cell — and the CSV holds the same rows."""

from __future__ import annotations

import csv
import datetime
import io
from typing import Any

from openpyxl import load_workbook

HEADER_ROW = 3


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def sheet(response, congress, *, filters: str = ""):
    """The export's worksheet, after checking the layout every export shares."""
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("application/vnd.openxmlformats"), response["Content-Type"]
    assert "filename*=UTF-8''" in response["Content-Disposition"] and ".xlsx" in response["Content-Disposition"]
    ws = load_workbook(io.BytesIO(body(response))).worksheets[0]
    assert congress.name in ws["A1"].value
    assert ws["A2"].value.startswith("筛选：") and "导出时间" in ws["A2"].value
    if filters:
        assert filters in ws["A2"].value, ws["A2"].value
    assert ws.freeze_panes == f"A{HEADER_ROW + 1}"
    assert ws.auto_filter.ref and ws.auto_filter.ref.startswith(f"A{HEADER_ROW}:")
    for row in ws.iter_rows():
        for cell in row:
            if isinstance(cell.value, str):
                assert cell.data_type == "s", (cell.coordinate, cell.value)
    return ws


def headers(ws) -> list[str]:
    return [c.value for c in ws[HEADER_ROW]]


def cells(ws, label: str) -> list[Any]:
    """The cells of the column headed ``label``, below the header."""
    index = headers(ws).index(label)
    return [row[index] for row in ws.iter_rows(min_row=HEADER_ROW + 1)]


def records(ws) -> list[dict[str, Any]]:
    names = headers(ws)
    return [dict(zip(names, (c.value for c in row), strict=False)) for row in ws.iter_rows(min_row=HEADER_ROW + 1)]


def column(ws, label: str) -> list[Any]:
    return [c.value for c in cells(ws, label)]


def assert_dates(ws, label: str) -> None:
    """Every filled cell of the column is a date (or date and time) with a date number format."""
    filled = [c for c in cells(ws, label) if c.value is not None]
    assert filled, f"no {label} filled"
    for cell in filled:
        assert isinstance(cell.value, datetime.date | datetime.datetime), (label, cell.value)
        assert "yy" in cell.number_format, (label, cell.number_format)


def assert_numbers(ws, label: str, number_format: str | None = None) -> None:
    filled = [c for c in cells(ws, label) if c.value is not None]
    assert filled, f"no {label} filled"
    for cell in filled:
        assert cell.data_type == "n" and isinstance(cell.value, int | float), (label, cell.value)
        if number_format:
            assert cell.number_format == number_format, (label, cell.number_format)


def csv_records(response) -> list[dict[str, str]]:
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/csv")
    assert ".csv" in response["Content-Disposition"]
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))
