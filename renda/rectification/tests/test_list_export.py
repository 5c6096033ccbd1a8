"""The rectification list's ``?export=xlsx`` and ``?export=csv`` through the shared writer
(core.spreadsheets): exactly the filtered items, the due date as a date, the number as a number, a
problem beginning with = kept as text; a unit officer's export holds only the unit's items; another
congress's staff get nothing of this congress."""

from renda.core.roles import Role
from renda.oversight.tests.list_exports import FORMULA, check_xlsx, csv_rows, header, texts
from renda.rectification.tests.fixtures import make_item, other_unit
from renda.testing import signed_in


def url(world, query: str) -> str:
    return f"/c/{world.congress.code}/rectification/?{query}"


def test_it_exports_the_list_as_filtered(world_a, world_b):
    make_item(world_a, problem="学校饮水设施老化")
    make_item(world_a, problem=FORMULA)
    make_item(world_a, problem="医院排队时间长", unit=other_unit(world_a))
    make_item(world_b, problem="乙市的问题")
    office = signed_in(world_a.office)
    page = office.get(url(world_a, "q=饮水")).content.decode()
    assert "export=xlsx" in page and "q=%E9%A5%AE%E6%B0%B4" in page
    ws = check_xlsx(office.get(url(world_a, "export=xlsx")), world_a.congress, "整改清单",
                    dates=["整改时限"], numbers=["序号"], formula_in="问题")
    assert sorted(texts(ws, "问题")) == sorted(["学校饮水设施老化", FORMULA, "医院排队时间长"])
    narrowed = check_xlsx(office.get(url(world_a, "q=饮水&export=xlsx")), world_a.congress, "整改清单")
    assert texts(narrowed, "问题") == ["学校饮水设施老化"] and "关键词：饮水" in narrowed["A2"].value
    rows = csv_rows(office.get(url(world_a, "q=饮水&export=csv")))
    assert rows[0] == header(ws) and [r[2] for r in rows[1:]] == ["学校饮水设施老化"]
    officer = check_xlsx(signed_in(world_a.users[Role.UNIT_OFFICER]).get(url(world_a, "export=xlsx")),
                         world_a.congress, "整改清单")
    assert "医院排队时间长" not in texts(officer, "问题")
    assert signed_in(world_b.office).get(url(world_a, "export=xlsx")).status_code in (403, 404)
    assert texts(check_xlsx(signed_in(world_b.office).get(url(world_b, "export=xlsx")), world_b.congress, "整改清单"),
                 "问题") == ["乙市的问题"]
