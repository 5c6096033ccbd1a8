"""Reading a chart back from a rendered page in tests: its data table (查看数据表) and its SVG."""

from __future__ import annotations

import html
import io
import re

from openpyxl import load_workbook


def figure(page: str, chart_id: str) -> str:
    """The ``<figure>`` of the chart with this id on the page."""
    found = re.search(rf'<figure class="chart[^"]*" id="{re.escape(chart_id)}">(.*?)</figure>', page, re.S)
    assert found, f"no chart {chart_id} on the page"
    return found.group(1)


def table(page: str, chart_id: str) -> list[tuple[str, ...]]:
    """The chart's data table, a tuple of cell texts per row (the row's label first)."""
    body = figure(page, chart_id)
    rows = re.findall(r"<tr>(<th scope=\"row\">.*?)</tr>", body, re.S)
    return [tuple(html.unescape(c) for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)) for row in rows]


def is_empty(page: str, chart_id: str) -> bool:
    body = figure(page, chart_id)
    return "chart-empty" in body and "<svg" not in body


def workbook(response):
    assert response.status_code == 200, response.content[:300]
    return load_workbook(io.BytesIO(response.content))


def sheet_rows(book, title: str) -> list[tuple]:
    return [tuple(row) for row in book[title].iter_rows(values_only=True)]


def percent(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"
