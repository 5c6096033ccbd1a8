"""The portfolio map and the leaders' list answer ``?export=xlsx`` and ``?export=csv``
(core.spreadsheets): exactly what the keyword chose, the start of a portfolio as a date, the counts
as numbers; another congress's staff are refused."""

import datetime

from renda.oversight.tests.list_exports import check_xlsx, csv_rows, header, texts
from renda.portfolios import actions
from renda.portfolios.tests.fixtures import committee, unit, vice_chair
from renda.testing import signed_in


def url(world, path: str, query: str) -> str:
    return f"/c/{world.congress.code}/{path}?{query}"


def test_it_exports_the_map_and_the_leaders_as_filtered(world_a, world_b):
    leader = vice_chair(world_a)
    finance = committee(world_a)
    actions.assign_portfolio(world_a.congress, actor=world_a.root, leader=leader, committee=finance,
                             start=datetime.date(2023, 1, 1))
    actions.link_unit(world_a.congress, actor=world_a.root, committee=finance, unit=unit(world_a),
                      start=datetime.date(2023, 1, 1))
    office = signed_in(world_a.office)
    assert "export=xlsx" in office.get(url(world_a, "portfolios/", "")).content.decode()
    ws = check_xlsx(office.get(url(world_a, "portfolios/", "export=xlsx")), world_a.congress, "分管与对口联系",
                    dates=["分管起始日期"], numbers=["对口联系部门数"])
    assert "财政经济工作委员会" in texts(ws, "工作委员会") and "代表工作委员会" in texts(ws, "工作委员会")
    narrowed = check_xlsx(office.get(url(world_a, "portfolios/", "q=财政局&export=xlsx")), world_a.congress,
                          "分管与对口联系")
    assert texts(narrowed, "工作委员会") == ["财政经济工作委员会"] and texts(narrowed, "分管领导") == [leader.name]
    assert csv_rows(office.get(url(world_a, "portfolios/", "export=csv")))[0] == header(ws)
    leaders = check_xlsx(office.get(url(world_a, "leaders/", "export=xlsx")), world_a.congress, "常委会领导分管",
                         numbers=["分管委员会数"])
    assert texts(leaders, "姓名") == [leader.name] and texts(leaders, "分管") == ["财政经济工作委员会"]
    assert signed_in(world_b.office).get(url(world_a, "portfolios/", "export=xlsx")).status_code in (403, 404)
