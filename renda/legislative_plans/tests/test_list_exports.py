"""The legislative plans and the proposals lists' ``?export=xlsx`` and ``?export=csv``
(core.spreadsheets): exactly what the keyword and filters chose, the item counts as numbers, dates as
dates, a title beginning with = kept as text; another congress's rows never here."""

from renda.legislative_plans import actions
from renda.legislative_plans.tests.fixtures import item, plan
from renda.oversight.tests.list_exports import FORMULA, check_xlsx, csv_rows, header, texts
from renda.testing import signed_in


def url(world, path: str, query: str) -> str:
    return f"/c/{world.congress.code}/legislative-plans/{path}?{query}"


def test_it_exports_the_plans_with_their_counts(world_a, world_b):
    this = plan(world_a, 2026)
    item(world_a, this)
    item(world_a, this, title="示例市养犬管理条例", status="preparatory")
    plan(world_a, 2025)
    plan(world_b, 2026)
    office = signed_in(world_a.office)
    assert "export=xlsx" in office.get(url(world_a, "", "")).content.decode()
    ws = check_xlsx(office.get(url(world_a, "", "export=xlsx")), world_a.congress, "立法规划和计划",
                    numbers=["年度", "项目数", "正式项目"])
    assert len(texts(ws, "标题")) == 2 and sorted(texts(ws, "项目数")) == [0, 2]
    narrowed = check_xlsx(office.get(url(world_a, "", f"q={this.title}&export=xlsx")), world_a.congress, "立法规划和计划")
    assert texts(narrowed, "标题") == [this.title]
    assert csv_rows(office.get(url(world_a, "", "export=csv")))[0] == header(ws)
    assert signed_in(world_b.office).get(url(world_a, "", "export=xlsx")).status_code in (403, 404)


def test_it_exports_the_proposals_as_filtered(world_a, world_b):
    for title in ("示例市电动自行车管理条例", FORMULA):
        actions.submit_legislative_proposal(world_a.congress, actor=world_a.office, title=title,
                                            necessity="群众反映强烈", organisation=world_a.unit)
    actions.submit_legislative_proposal(world_b.congress, actor=world_b.office, title="乙市的建议",
                                        necessity="需要", organisation=world_b.unit)
    office = signed_in(world_a.office)
    ws = check_xlsx(office.get(url(world_a, "proposals/", "status=all&export=xlsx")), world_a.congress, "立项建议",
                    dates=["提出日期"], formula_in="法规名称")
    assert sorted(texts(ws, "法规名称")) == sorted([FORMULA, "示例市电动自行车管理条例"])
    narrowed = check_xlsx(office.get(url(world_a, "proposals/", "q=电动自行车&export=xlsx")), world_a.congress, "立项建议")
    assert texts(narrowed, "法规名称") == ["示例市电动自行车管理条例"] and "处理情况：待研究" in narrowed["A2"].value
    assert [r[0] for r in csv_rows(office.get(url(world_a, "proposals/", "q=电动自行车&export=csv")))[1:]] == \
        ["示例市电动自行车管理条例"]
