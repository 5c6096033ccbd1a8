"""The comment periods list and a person's own comments answer ``?export=xlsx`` and ``?export=csv``
(core.spreadsheets): exactly what the keyword chose, the dates as dates, the counts as numbers, a
draft's name beginning with = kept as text; another congress's staff are refused."""

from renda.law_comments.tests.fixtures import make_version, open_period
from renda.oversight.tests.list_exports import FORMULA, check_xlsx, csv_rows, header, texts
from renda.testing import signed_in


def url(world, path: str, query: str) -> str:
    return f"/c/{world.congress.code}/law-comments/{path}?{query}"


def test_it_exports_the_periods_as_filtered(world_a, world_b):
    open_period(world_a, make_version(world_a, title="示例市养犬管理条例"))
    open_period(world_a, make_version(world_a, title=FORMULA))
    office = signed_in(world_a.office)
    assert "export=xlsx" in office.get(url(world_a, "periods/", "")).content.decode()
    ws = check_xlsx(office.get(url(world_a, "periods/", "export=xlsx")), world_a.congress, "法规草案征求意见",
                    dates=["开始日期", "截止日期"], numbers=["意见", "待研究"], formula_in="草案")
    assert len(texts(ws, "草案")) == 2
    narrowed = check_xlsx(office.get(url(world_a, "periods/", "q=养犬&export=xlsx")), world_a.congress, "法规草案征求意见")
    assert [t.startswith("示例市养犬管理条例") for t in texts(narrowed, "草案")] == [True]
    assert csv_rows(office.get(url(world_a, "periods/", "export=csv")))[0] == header(ws)
    assert signed_in(world_b.office).get(url(world_a, "periods/", "export=xlsx")).status_code in (403, 404)


def test_it_exports_ones_own_comments(world_a):
    ws = check_xlsx(signed_in(world_a.deputy).get(url(world_a, "mine/", "q=条例&export=xlsx")), world_a.congress,
                    "我提出的立法意见")
    assert texts(ws, "意见") == [] and "关键词：条例" in ws["A2"].value
    assert csv_rows(signed_in(world_a.deputy).get(url(world_a, "mine/", "export=csv")))[0] == header(ws)
