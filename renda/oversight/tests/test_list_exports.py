"""Every oversight list answers ``?export=xlsx`` and ``?export=csv`` with exactly what its filters
and keyword chose (core.spreadsheets): the plans, the activities, the work reports, inquiries,
investigations, review opinions, questionings and self-report letters. A deputy's export holds only
the activities whose team they are on; another congress's staff get nothing of this congress."""

import pytest

from renda.oversight.tests.list_exports import FORMULA, check_xlsx, csv_rows, header, texts
from renda.oversight.tests.plan_fixtures import make_activity, make_item, make_plan, ready_activity, this_year
from renda.testing import signed_in

LISTS = [("", "年度监督工作计划"), ("activities/", "调研、检查和视察"), ("work-reports/", "专项工作报告"),
         ("inquiries/", "专题询问"), ("investigations/", "特定问题调查委员会"), ("opinions/", "审议意见"),
         ("questionings/", "质询案"), ("letters/", "自查报告函件")]


def url(world, path: str, query: str) -> str:
    return f"/c/{world.congress.code}/oversight/{path}?{query}"


@pytest.mark.parametrize(("path", "subject"), LISTS)
def test_it_exports_each_list_titled_frozen_and_as_csv(world_a, path, subject):
    office = signed_in(world_a.office)
    page = office.get(url(world_a, path, "q=调研"))
    assert page.status_code == 200 and "export=xlsx" in page.content.decode() and 'name="q"' in page.content.decode()
    ws = check_xlsx(office.get(url(world_a, path, "q=调研&export=xlsx")), world_a.congress, subject)
    assert "关键词：调研" in ws["A2"].value
    assert csv_rows(office.get(url(world_a, path, "export=csv")))[0] == header(ws)


def test_it_exports_the_activities_as_filtered_with_dates_numbers_and_text_kept_text(world_a, world_b):
    ready = ready_activity(world_a, title="河道治理情况调研")
    make_activity(world_a, title=FORMULA)
    make_activity(world_a, title="养老服务调研", year=this_year() - 1)
    make_activity(world_b, title="乙市的调研")
    office = signed_in(world_a.office)
    ws = check_xlsx(office.get(url(world_a, "activities/", "export=xlsx")), world_a.congress, "调研、检查和视察",
                    dates=["开始日期", "结束日期"], numbers=["年度"], formula_in="题目")
    assert sorted(texts(ws, "题目")) == sorted([FORMULA, "河道治理情况调研", "养老服务调研"])
    assert texts(check_xlsx(office.get(url(world_a, "activities/", "q=河道&export=xlsx")), world_a.congress,
                            "调研、检查和视察"), "题目") == ["河道治理情况调研"]
    ws = check_xlsx(office.get(url(world_a, "activities/", f"year={this_year() - 1}&export=xlsx")), world_a.congress,
                    "调研、检查和视察")
    assert texts(ws, "题目") == ["养老服务调研"] and f"年度：{this_year() - 1}" in ws["A2"].value
    rows = csv_rows(office.get(url(world_a, "activities/", "q=河道&export=csv")))
    assert len(rows) == 2 and rows[1][2] == "河道治理情况调研" and rows[1][5] == ready.starts_on.isoformat()
    # A deputy on one team: only that activity, as on the page.
    mine = check_xlsx(signed_in(world_a.deputy).get(url(world_a, "activities/", "export=xlsx")), world_a.congress,
                      "我参加的调研、检查和视察")
    assert texts(mine, "题目") == ["河道治理情况调研"]
    # Another congress's staff: refused here, and their own export holds none of this congress's rows.
    assert signed_in(world_b.office).get(url(world_a, "activities/", "export=xlsx")).status_code in (403, 404)
    theirs = check_xlsx(signed_in(world_b.office).get(url(world_b, "activities/", "export=xlsx")), world_b.congress,
                        "调研、检查和视察")
    assert texts(theirs, "题目") == ["乙市的调研"]


def test_it_exports_the_plans_with_their_item_counts(world_a):
    plan = make_plan(world_a)
    make_item(world_a, plan)
    make_item(world_a, plan, title="关于养老服务体系建设情况的调研", month=6)
    ws = check_xlsx(signed_in(world_a.office).get(url(world_a, "", "export=xlsx")), world_a.congress, "年度监督工作计划",
                    numbers=["年度", "项目数"])
    assert texts(ws, "项目数") == [2] and texts(ws, "标题") == [plan.title]
    assert texts(check_xlsx(signed_in(world_a.office).get(url(world_a, "", "q=没有的计划&export=xlsx")),
                            world_a.congress, "年度监督工作计划"), "标题") == []
