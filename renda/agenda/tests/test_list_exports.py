"""The proposed agenda items answer ``?export=xlsx`` and ``?export=csv`` (core.spreadsheets): exactly
what the keyword and status chose, the date as a date, a title beginning with = kept as text; another
congress's staff are refused."""

from renda.agenda.tests.fixtures import propose
from renda.oversight.tests.list_exports import FORMULA, check_xlsx, csv_rows, header, texts
from renda.testing import signed_in


def url(world, query: str) -> str:
    return f"/c/{world.congress.code}/agenda/items/?{query}"


def test_it_exports_the_items_as_filtered(world_a, world_b):
    propose(world_a)
    propose(world_a, title=FORMULA, presenter="市民政局局长 钱进")
    office = signed_in(world_a.office)
    assert "export=xlsx" in office.get(url(world_a, "")).content.decode()
    ws = check_xlsx(office.get(url(world_a, "export=xlsx")), world_a.congress, "提请常委会审议的事项",
                    dates=["登记时间"], formula_in="议题")
    assert sorted(texts(ws, "议题")) == sorted([FORMULA, "关于全市义务教育工作情况的报告"])
    assert texts(check_xlsx(office.get(url(world_a, "q=钱进&export=xlsx")), world_a.congress, "提请常委会审议的事项"),
                 "议题") == [FORMULA]
    assert csv_rows(office.get(url(world_a, "export=csv")))[0] == header(ws)
    assert signed_in(world_b.office).get(url(world_a, "export=xlsx")).status_code in (403, 404)
