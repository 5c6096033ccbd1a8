"""A call's proposals, the chosen projects' progress and the accountability cases export exactly what the
page's filters chose (.xlsx and .csv): money and counts as numbers, rates as percentages, dates as
dates, the proposer's contact never; another congress's do not exist."""

import datetime

from django.utils import timezone
from openpyxl.cell.cell import TYPE_STRING

from renda.livelihood import actions
from renda.livelihood import actions_accountability as accountability
from renda.livelihood.tests.permission_calls_accountability import supervised_project
from renda.proposals.tests.sheets import column, csv_rows, xlsx
from renda.testing import make_call, signed_in


def test_it_exports_a_calls_proposals_as_filtered(world_a):
    call = make_call(world_a, proposals=2, screen=False)
    actions.submit_proposal(world_a.congress, call, actor=None, title="=HYPERLINK(\"x\")修路", description="修路",
                            place="河西村", estimated_cost="80", proposer_name="群众乙", proposer_contact="13900002222")
    office = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/livelihood/calls/{call.pk}/"
    page = office.get(url, {"q": "河西"}).content.decode()
    assert page.count('<tr id="proposal-') == 1 and "export=xlsx" in page
    sheet, header, rows = xlsx(office, url)
    assert world_a.congress.name in sheet["A1"].value and sheet.freeze_panes == "A4" and len(rows) == 3
    assert "联系方式" not in header
    assert not any("1390000" in str(c.value) for row in rows for c in row)
    cost = column(header, rows, "估算投资（万元）")[0]
    assert cost.data_type == "n" and cost.value == 120.5
    assert isinstance(column(header, rows, "提交时间")[0].value, datetime.datetime)
    assert all(c.data_type == "n" for c in column(header, rows, "已通过审查环节"))
    title = next(c for c in column(header, rows, "项目") if c.value.startswith("="))
    assert title.data_type == TYPE_STRING
    _, header, rows = xlsx(office, url, q="河西")
    assert len(rows) == 1
    assert len(csv_rows(office, url, q="河西")) == 2


def test_it_exports_the_chosen_projects_progress_with_rates(world_a):
    project = supervised_project(world_a)
    office = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/livelihood/calls/{project.call_id}/"
    assert "list=projects" in office.get(url).content.decode()
    _, header, rows = xlsx(office, url, list="projects")
    assert [c.value for c in column(header, rows, "项目")] == [project.title]
    assert column(header, rows, "完成率")[0].number_format == "0.0%" and column(header, rows, "完成率")[0].value == 0
    assert column(header, rows, "节点数")[0].value == 1 and column(header, rows, "预算（万元）")[0].value == 100
    table = csv_rows(office, url, list="projects")
    assert table[1][table[0].index("完成率")] == "0.0%"


def test_it_exports_accountability_cases_as_filtered(world_a):
    c, office = world_a.congress, world_a.office
    first = accountability.open_case(c, actor=office, unit=world_a.unit, proposal=supervised_project(world_a, title="甲项目"),
                                     reason="项目逾期未开工", on=timezone.localdate() - datetime.timedelta(days=3))
    accountability.open_case(c, actor=office, unit=world_a.unit, proposal=supervised_project(world_a, title="乙项目"),
                             reason="资金挪用")
    client = signed_in(office)
    url = f"/c/{world_a.congress.code}/livelihood/accountability/"
    sheet, header, rows = xlsx(client, url)
    assert world_a.congress.name in sheet["A1"].value and len(rows) == 2
    _, header, rows = xlsx(client, url, q="逾期")
    assert [c.value for c in column(header, rows, "事项")] == ["甲项目"]
    assert column(header, rows, "启动日期")[0].value == datetime.datetime.combine(first.opened_on, datetime.time())
    _, _, rows = xlsx(client, url, status="dropped")
    assert rows == []
    assert len(csv_rows(client, url, q="挪用")) == 2
    table = client.get(url, {"q": "挪用"}).content.decode().split('id="cases"')[1].split("</table>")[0]
    assert "乙项目" in table and "甲项目" not in table


def test_another_congresss_lists_do_not_exist(world_a, world_b):
    project = supervised_project(world_b)
    office = signed_in(world_a.office)
    for path in (f"livelihood/calls/{project.call_id}/", "livelihood/accountability/"):
        response = office.get(f"/c/{world_b.congress.code}/{path}", {"export": "xlsx"})
        assert response.status_code in (403, 404), path
    response = office.get(f"/c/{world_a.congress.code}/livelihood/calls/{project.call_id}/", {"export": "xlsx"})
    assert response.status_code == 404


def test_the_public_page_exports_the_projects_it_lists(world_a):
    from django.test import Client

    old = supervised_project(world_a, year=2024, title="旧小区改造")
    new = supervised_project(world_a, title="新建公园")
    public = Client()
    url = f"/c/{world_a.congress.code}/livelihood/"
    page = public.get(url, {"q": "公园"}).content.decode()
    assert "新建公园" in page and "旧小区改造" not in page and "export=xlsx" in page
    sheet, header, rows = xlsx(public, url)
    assert world_a.congress.name in sheet["A1"].value
    assert {c.value for c in column(header, rows, "项目")} == {old.title, new.title}
    assert "得分" not in header and "满意率" not in header
    _, header, rows = xlsx(public, url, year=2024)
    assert [c.value for c in column(header, rows, "项目")] == ["旧小区改造"]
    assert column(header, rows, "年度")[0].value == 2024 and column(header, rows, "节点数")[0].data_type == "n"
    assert len(csv_rows(public, url, q="公园")) == 2
