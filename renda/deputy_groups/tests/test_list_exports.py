"""The groups list exports its groups as filtered, the member counts as numbers."""

from renda.deputy_groups.tests.fixtures import area_group, field_group, place
from renda.proposals.tests.sheets import column, csv_rows, xlsx
from renda.testing import signed_in


def test_it_exports_the_groups_as_filtered(world_a, world_b):
    town = area_group(world_a)
    field_group(world_a)
    place(world_a, town, world_a.deputies[0])
    office = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/groups/"
    assert "export=xlsx" in office.get(url).content.decode()
    sheet, header, rows = xlsx(office, url, basis="area")
    assert world_a.congress.name in sheet["A1"].value and sheet.freeze_panes == "A4"
    assert "城关代表小组" in [c.value for c in column(header, rows, "小组")]
    assert "教育卫生代表小组" not in [c.value for c in column(header, rows, "小组")]
    members = column(header, rows, "成员")[[c.value for c in column(header, rows, "小组")].index("城关代表小组")]
    assert members.data_type == "n" and members.value == 1
    _, header, rows = xlsx(office, url, q="教育")
    assert [c.value for c in column(header, rows, "小组")] == ["教育卫生代表小组"]
    assert len(csv_rows(office, url, q="教育")) == 2
    response = office.get(f"/c/{world_b.congress.code}/groups/", {"export": "xlsx"})
    assert response.status_code in (403, 404)
