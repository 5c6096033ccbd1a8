"""The all-deputies record list answers ``?export=xlsx`` and ``?export=csv`` (core.spreadsheets, with
export_records): exactly the deputies the filters and keyword chose, every figure a number; a deputy
is refused, and so is another congress's staff."""

from renda.oversight.tests.list_exports import check_xlsx, csv_rows, header, texts
from renda.testing import signed_in

YEAR = 2026


def url(world, query: str) -> str:
    return f"/c/{world.congress.code}/records/?year={YEAR}&{query}"


def test_it_exports_the_records_as_filtered(world_a, world_b):
    office = signed_in(world_a.office)
    assert "export=xlsx" in office.get(url(world_a, "")).content.decode()
    subject = f"{YEAR}年代表履职档案"
    ws = check_xlsx(office.get(url(world_a, "export=xlsx")), world_a.congress, subject, numbers=["序号"])
    assert sorted(texts(ws, "姓名")) == ["李明", "王芳"]
    figures = [label for label in header(ws) if label.endswith("）")]
    assert figures and all(isinstance(value, int | float) for label in figures for value in texts(ws, label))
    narrowed = check_xlsx(office.get(url(world_a, "q=李明&export=xlsx")), world_a.congress, subject)
    assert texts(narrowed, "姓名") == ["李明"] and "关键词：李明" in narrowed["A2"].value
    assert csv_rows(office.get(url(world_a, "export=csv")))[0] == header(ws)
    assert signed_in(world_a.deputy).get(url(world_a, "export=xlsx")).status_code == 403
    assert signed_in(world_b.office).get(url(world_a, "export=xlsx")).status_code in (403, 404)
