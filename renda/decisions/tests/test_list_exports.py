"""The major-matter decisions list and the public list answer ``?export=xlsx`` and ``?export=csv``
(core.spreadsheets): exactly what the keyword and status chose, the dates as dates, a title
beginning with = kept as text; another congress's staff are refused."""

from renda.decisions.tests.fixtures import passed, propose
from renda.oversight.tests.list_exports import FORMULA, check_xlsx, csv_rows, header, texts
from renda.testing import signed_in


def url(world, path: str, query: str) -> str:
    return f"/c/{world.congress.code}/decisions/{path}?{query}"


def test_it_exports_the_decisions_as_filtered(world_a, world_b):
    done = passed(world_a, yes=4, members=5)
    propose(world_a, title=FORMULA, text_="一、同意市人民政府提出的方案。")
    office = signed_in(world_a.office)
    assert "export=xlsx" in office.get(url(world_a, "", "")).content.decode()
    ws = check_xlsx(office.get(url(world_a, "", "export=xlsx")), world_a.congress, "重大事项决定",
                    dates=["通过日期"], formula_in="标题")
    assert sorted(texts(ws, "标题")) == sorted([FORMULA, done.title])
    assert texts(check_xlsx(office.get(url(world_a, "", "q=城市更新&export=xlsx")), world_a.congress, "重大事项决定"),
                 "标题") == [done.title]
    assert texts(check_xlsx(office.get(url(world_a, "", "status=proposed&export=xlsx")), world_a.congress,
                            "重大事项决定"), "标题") == [FORMULA]
    assert csv_rows(office.get(url(world_a, "", "export=csv")))[0] == header(ws)
    assert signed_in(world_b.office).get(url(world_a, "", "export=xlsx")).status_code in (403, 404)
    # The public list: only what is published (nothing yet), for anyone.
    public = check_xlsx(signed_in(world_a.public).get(url(world_a, "public/", "export=xlsx")), world_a.congress,
                        "常委会决议、决定")
    assert texts(public, "标题") == []
