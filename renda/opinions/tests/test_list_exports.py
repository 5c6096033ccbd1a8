"""The opinion register exports exactly what its filters chose (.xlsx and .csv): the raiser's name as
listed, never their contact; a unit exports only its own items; another congress's does not exist."""

import datetime

from openpyxl.cell.cell import TYPE_STRING

from renda.core.roles import Role
from renda.opinions.tests.factory import answered, direct_line, petition
from renda.proposals.tests.sheets import column, csv_rows, xlsx
from renda.testing import signed_in


def test_it_exports_the_register_as_filtered(world_a):
    done = answered(world_a)
    letter = petition(world_a, text="=SUM(A1) 来信反映供暖不足")
    office = signed_in(world_a.root)
    url = f"/c/{world_a.congress.code}/opinions/"
    assert "export=xlsx" in office.get(url).content.decode()
    sheet, header, rows = xlsx(office, url)
    assert world_a.congress.name in sheet["A1"].value and sheet.freeze_panes == "A4" and len(rows) == 2
    assert "联系方式" not in header and not any("13900000000" in str(c.value) for row in rows for c in row)
    assert "赵六" in [c.value for c in column(header, rows, "提出人")]  # the list shows the name
    assert next(c for c in column(header, rows, "内容") if c.value.startswith("=")).data_type == TYPE_STRING
    assert all(c.data_type == "n" for c in column(header, rows, "编号"))
    assert isinstance(column(header, rows, "反映日期")[0].value, datetime.datetime)
    _, header, rows = xlsx(office, url, source="petition")
    assert [c.value for c in column(header, rows, "编号")] == [letter.pk]
    _, header, rows = xlsx(office, url, q="村道")
    assert [c.value for c in column(header, rows, "编号")] == [done.pk]
    assert isinstance(column(header, rows, "答复日期")[0].value, datetime.datetime)
    assert "来源：信访" in xlsx(office, url, source="petition")[0]["A2"].value
    assert len(csv_rows(office, url, q="供暖")) == 2


def test_a_unit_exports_only_its_own_items(world_a):
    own = answered(world_a)
    direct_line(world_a, text="没有交办的意见")
    _, header, rows = xlsx(signed_in(world_a.users[Role.UNIT_OFFICER]), f"/c/{world_a.congress.code}/opinions/")
    assert [c.value for c in column(header, rows, "编号")] == [own.pk]


def test_another_congresss_register_does_not_exist(world_a, world_b):
    direct_line(world_b)
    response = signed_in(world_a.office).get(f"/c/{world_b.congress.code}/opinions/", {"export": "xlsx"})
    assert response.status_code in (403, 404) and "spreadsheetml" not in response.get("Content-Type", "")
