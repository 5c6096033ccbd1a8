"""Reading a list's export in tests: the .xlsx as openpyxl sees it, the .csv as rows."""

from __future__ import annotations

import csv
import io

from openpyxl import load_workbook

HEADER_ROW = 3  # the title, the filter line, then the header (core.spreadsheets.TITLE_ROWS)


def xlsx(client, url: str, **params):
    """(sheet, header labels, data rows as cells) of the list at ``url`` exported as .xlsx."""
    response = client.get(url, {**params, "export": "xlsx"})
    assert response.status_code == 200, response.content[:300]
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(min_row=HEADER_ROW))
    return sheet, [c.value for c in rows[0]], rows[1:]


def column(header: list, rows: list, label: str) -> list:
    """The cells of one column, by its header label."""
    index = header.index(label)
    return [row[index] for row in rows]


def csv_rows(client, url: str, **params) -> list[list[str]]:
    response = client.get(url, {**params, "export": "csv"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
