"""Each suggestion list takes a keyword and its filters in the address and exports exactly what they
chose, to .xlsx (title naming the congress, frozen header, dates as dates, numbers as numbers, text
never a formula) and .csv; a unit exports only its own items; another congress's list does not exist."""

import datetime

from django.utils import timezone
from openpyxl.cell.cell import TYPE_STRING

from renda.proposals import actions
from renda.proposals.tests.sheets import column, csv_rows, xlsx
from renda.proposals.tests.test_handling_and_feedback import assigned
from renda.proposals.tests.test_supervision_and_evaluation import answered, unit
from renda.testing import signed_in


def _item(world, title, *, lead_unit=None, on=None):
    item = actions.save_suggestion_draft(world.congress, actor=world.deputy, term=world.term, title=title, body="内容")
    actions.submit_suggestion(world.congress, item, actor=world.deputy)
    actions.accept_suggestion(world.congress, item, actor=world.office)
    if lead_unit is not None:
        actions.assign_suggestion(world.congress, item, actor=world.office, lead_unit=lead_unit,
                                  on=on or datetime.date(2026, 1, 10))
    return item


def test_it_exports_the_staff_list_as_filtered(world_a):
    traffic, _ = unit(world_a, "交通局")
    school = assigned(world_a)
    _item(world_a, "=HYPERLINK(\"x\")关于公交的建议", lead_unit=traffic)
    office = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/suggestions/review/"
    page = office.get(url, {"q": "校车"}).content.decode()
    assert "关于校车的建议" in page and "关于公交的建议" not in page and "export=xlsx" in page and "q=%E6" in page
    sheet, header, rows = xlsx(office, url)
    assert world_a.congress.name in sheet["A1"].value and sheet.freeze_panes == "A4"
    assert len(rows) == 2
    titles = column(header, rows, "标题")
    formula = next(c for c in titles if c.value.startswith("="))
    assert formula.data_type == TYPE_STRING
    assert isinstance(column(header, rows, "答复期限")[0].value, datetime.datetime)
    assert all(isinstance(c.value, int) for c in column(header, rows, "编号"))
    assert column(header, rows, "年度")[0].value == school.year
    _, header, rows = xlsx(office, url, unit=traffic.pk)
    assert [c.value for c in column(header, rows, "主办单位")] == ["交通局"]
    _, header, rows = xlsx(office, url, q="校车")
    assert [c.value for c in column(header, rows, "标题")] == ["关于校车的建议"]
    table = csv_rows(office, url, q="校车")
    assert table[0][:2] == ["编号", "标题"] and len(table) == 2 and table[1][1] == "关于校车的建议"


def test_it_exports_every_page_not_only_the_first(world_a, monkeypatch):
    from renda.proposals import queries

    monkeypatch.setattr(queries, "PAGE", 1)
    assigned(world_a)
    _item(world_a, "第二件")
    office = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/suggestions/review/"
    first = office.get(url).content.decode()
    assert "下一页" in first
    _, _, rows = xlsx(office, url, after=10**9)
    assert len(rows) == 2


def test_it_exports_a_units_queue_with_only_its_own_items(world_a):
    traffic, traffic_officer = unit(world_a, "交通局")
    assigned(world_a, on=datetime.date(2025, 1, 10))
    _item(world_a, "关于公交的建议", lead_unit=traffic, on=timezone.localdate())
    url = f"/c/{world_a.congress.code}/suggestions/queue/"
    education = signed_in(world_a.users["unit_officer"])
    sheet, header, rows = xlsx(education, url)
    assert [c.value for c in column(header, rows, "标题")] == ["关于校车的建议"]
    assert column(header, rows, "逾期天数")[0].data_type == "n" and column(header, rows, "逾期天数")[0].value > 0
    assert isinstance(column(header, rows, "期限")[0].value, datetime.datetime)
    _, header, rows = xlsx(signed_in(traffic_officer), url)
    assert [c.value for c in column(header, rows, "标题")] == ["关于公交的建议"]
    _, header, rows = xlsx(signed_in(traffic_officer), url, overdue=1)
    assert rows == []
    assert len(csv_rows(education, url, q="公交")) == 1  # the header only: the other unit's item is not there
    page = education.get(url, {"q": "校车"}).content.decode()
    assert "关于校车的建议" in page and "export=csv" in page


def test_it_exports_a_deputys_own_items(world_a):
    item = assigned(world_a)
    answered(world_a, item, on="2026-03-01")
    other = actions.save_suggestion_draft(world_a.congress, actor=world_a.users["sc_member"], term=world_a.term,
                                          title="别人的建议", body="b")
    actions.submit_suggestion(world_a.congress, other, actor=world_a.users["sc_member"])
    deputy = signed_in(world_a.deputy)
    url = f"/c/{world_a.congress.code}/suggestions/mine/"
    _, header, rows = xlsx(deputy, url)
    assert [c.value for c in column(header, rows, "标题")] == ["关于校车的建议"]
    assert column(header, rows, "答复日期")[0].value == datetime.datetime(2026, 3, 1)
    assert column(header, rows, "需要您")[0].value == "请评价答复"
    _, _, rows = xlsx(deputy, url, status="draft")
    assert rows == []
    assert len(csv_rows(deputy, url, q="校车")) == 2


def test_it_exports_supervision_and_public_answers(world_a):
    item = assigned(world_a, on=datetime.date(2025, 1, 10))
    office = signed_in(world_a.office)
    _, header, rows = xlsx(office, f"/c/{world_a.congress.code}/suggestions/supervision/")
    assert [c.value for c in column(header, rows, "类别")] == ["逾期未答复"]
    assert column(header, rows, "逾期天数")[0].data_type == "n"
    _, _, rows = xlsx(office, f"/c/{world_a.congress.code}/suggestions/supervision/", q="不存在的词")
    assert rows == []
    answered(world_a, item, on="2026-03-01")
    from django.test import Client

    public = Client()
    url = f"/c/{world_a.congress.code}/suggestions/public/"
    sheet, header, rows = xlsx(public, url, year=item.year)
    assert world_a.congress.name in sheet["A1"].value
    assert [c.value for c in column(header, rows, "办理情况")] == ["已答复"]
    assert "领衔代表" not in header and "状态" not in header
    assert isinstance(column(header, rows, "答复日期")[0].value, datetime.datetime)
    actions.set_confidential(world_a.congress, item, actor=world_a.office, confidential=True)
    _, _, rows = xlsx(public, url, year=item.year)
    assert rows == []
    assert len(csv_rows(public, url, year=item.year, q="校车")) == 1


def test_it_refuses_another_congresss_export(world_a, world_b):
    assigned(world_b)
    office = signed_in(world_a.office)
    for path in ("review", "supervision", "queue", "mine"):
        response = office.get(f"/c/{world_b.congress.code}/suggestions/{path}/", {"export": "xlsx"})
        assert response.status_code in (403, 404), path
        assert "spreadsheetml" not in response.get("Content-Type", "")
