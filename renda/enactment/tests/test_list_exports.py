"""The list of bills before the standing committee answers ``?export=xlsx`` and ``?export=csv``
(core.spreadsheets): exactly what the keyword and status chose, the date as a date, the readings as
a number, a title beginning with = kept as text; another congress's staff are refused."""

from renda.enactment.tests.fixtures import make_bill, submitted
from renda.oversight.tests.list_exports import FORMULA, check_xlsx, csv_rows, header, texts
from renda.testing import signed_in


def url(world, query: str) -> str:
    return f"/c/{world.congress.code}/enactment/?{query}"


def test_it_exports_the_bills_before_the_committee(world_a, world_b):
    submitted(world_a)
    submitted(world_a, title=FORMULA)
    make_bill(world_a, title="起草中的条例")  # not yet submitted: neither listed nor exported
    office = signed_in(world_a.office)
    assert "export=xlsx" in office.get(url(world_a, "")).content.decode()
    ws = check_xlsx(office.get(url(world_a, "export=xlsx")), world_a.congress, "常委会审议中的法规案",
                    dates=["创建时间"], numbers=["审议次数"], formula_in="法规案")
    assert sorted(texts(ws, "法规案")) == sorted([FORMULA, "示例市河湖保护条例"])
    narrowed = check_xlsx(office.get(url(world_a, "q=河湖&export=xlsx")), world_a.congress, "常委会审议中的法规案")
    assert texts(narrowed, "法规案") == ["示例市河湖保护条例"]
    assert csv_rows(office.get(url(world_a, "export=csv")))[0] == header(ws)
    assert signed_in(world_b.office).get(url(world_a, "export=xlsx")).status_code in (403, 404)
