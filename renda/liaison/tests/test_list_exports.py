"""The concern queue, 双联系 records and the CPPCC members take a keyword and their filters in the
address and export exactly what they chose (.xlsx and .csv); the queue's export never holds the
person's name or contact, a unit exports only what was passed to it; another congress's does not exist."""

import datetime

from openpyxl.cell.cell import TYPE_STRING

from renda.liaison import actions
from renda.liaison.tests.factory import concern
from renda.liaison.tests.test_cppcc import member
from renda.proposals.tests.sheets import column, csv_rows, xlsx
from renda.proposals.tests.test_supervision_and_evaluation import unit
from renda.testing import signed_in


def test_it_exports_the_concern_queue_as_filtered_without_the_persons_details(world_a):
    first = concern(world_a)
    second = concern(world_a, text="=1+1 路灯不亮", category="社会治理")
    actions.triage_concern(world_a.congress, second, actor=world_a.office, path="referred", unit=world_a.unit)
    office = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/concerns/"
    page = office.get(url, {"q": "路灯"}).content.decode()
    assert "路灯不亮" in page and "人行横道" not in page and "export=xlsx" in page
    sheet, header, rows = xlsx(office, url)
    assert world_a.congress.name in sheet["A1"].value and sheet.freeze_panes == "A4"
    assert len(rows) == 2 and "反映人" not in header and "联系方式" not in header
    flat = [str(c.value) for row in rows for c in row]
    assert not any("赵大妈" in v or "13900000001" in v for v in flat)
    text = next(c for c in column(header, rows, "内容") if c.value.startswith("="))
    assert text.data_type == TYPE_STRING
    assert isinstance(column(header, rows, "反映日期")[0].value, datetime.datetime)
    assert {c.value for c in column(header, rows, "编号")} == {first.pk, second.pk}
    _, header, rows = xlsx(office, url, q="路灯")
    assert [c.value for c in column(header, rows, "编号")] == [second.pk]
    _, header, rows = xlsx(office, url, status="received")
    assert [c.value for c in column(header, rows, "编号")] == [first.pk]
    table = csv_rows(office, url, q="路灯")
    assert table[0][0] == "编号" and len(table) == 2
    assert table[1][table[0].index("内容")] == "'=1+1 路灯不亮"  # quoted: a spreadsheet opening it runs nothing


def test_a_unit_exports_only_the_concerns_passed_to_it(world_a):
    traffic, traffic_officer = unit(world_a, "交通局")
    mine = concern(world_a)
    theirs = concern(world_a, text="公交站台破损")
    actions.triage_concern(world_a.congress, mine, actor=world_a.office, path="referred", unit=world_a.unit)
    actions.triage_concern(world_a.congress, theirs, actor=world_a.office, path="referred", unit=traffic)
    url = f"/c/{world_a.congress.code}/concerns/"
    _, header, rows = xlsx(signed_in(world_a.users["unit_officer"]), url)
    assert [c.value for c in column(header, rows, "编号")] == [mine.pk]
    _, header, rows = xlsx(signed_in(traffic_officer), url)
    assert [c.value for c in column(header, rows, "编号")] == [theirs.pk]


def test_it_exports_every_page_of_the_queue(world_a, monkeypatch):
    from renda.liaison import reports

    monkeypatch.setattr(reports, "PAGE", 1)
    concern(world_a)
    concern(world_a, text="第二件")
    office = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/concerns/"
    assert "下一页" in office.get(url).content.decode()
    assert len(xlsx(office, url)[2]) == 2


def test_it_exports_contact_records_and_cppcc_members(world_a):
    sc_member = world_a.users["sc_member"]
    link = actions.link_contact(world_a.congress, actor=sc_member, kind="member_deputy",
                                deputy=world_a.deputies[0].person)
    actions.record_liaison_contact(world_a.congress, link, actor=sc_member, on="2026-03-02", how="phone",
                                   raised="反映村道破损", followed="已转交通局")
    actions.record_liaison_contact(world_a.congress, link, actor=sc_member, on="2025-05-02", how="visit",
                                   raised="校车不足")
    own = signed_in(sc_member)
    url = f"/c/{world_a.congress.code}/contacts/"
    _, header, rows = xlsx(own, url)
    assert len(rows) == 2 and column(header, rows, "日期")[0].value == datetime.datetime(2026, 3, 2)
    _, header, rows = xlsx(own, url, q="校车")
    assert [c.value for c in column(header, rows, "反映的问题")] == ["校车不足"]
    assert len(csv_rows(own, url, year="2026")) == 2
    page = own.get(url, {"q": "校车"}).content.decode()
    assert "校车不足" in page and "反映村道破损" not in page

    member(world_a, "周委员")
    stopped = member(world_a, "吴委员", sector="经济界")
    actions.deactivate_cppcc_member(world_a.congress, stopped, actor=world_a.office, active=False)
    office = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/liaison/cppcc/"
    sheet, header, rows = xlsx(office, url)
    assert world_a.congress.name in sheet["A1"].value and len(rows) == 2 and "电话" not in header
    _, header, rows = xlsx(office, url, active="1")
    assert [c.value for c in column(header, rows, "姓名")] == ["周委员"]
    _, header, rows = xlsx(office, url, q="经济")
    assert [c.value for c in column(header, rows, "姓名")] == ["吴委员"]
    assert "周委员" not in office.get(url, {"q": "经济"}).content.decode()


def test_another_congresss_lists_do_not_exist(world_a, world_b):
    concern(world_b)
    office = signed_in(world_a.office)
    for path in ("concerns/", "liaison/cppcc/", "contacts/"):
        response = office.get(f"/c/{world_b.congress.code}/{path}", {"export": "xlsx"})
        assert response.status_code in (403, 404), path
        assert "spreadsheetml" not in response.get("Content-Type", "")
