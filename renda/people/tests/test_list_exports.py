"""The deputies register and the organisations list export exactly what is filtered (issue 18, points 1
and 7a), as .xlsx and .csv; the export shows a user no more than the page does."""

import datetime

from renda.core.roles import Role
from renda.core.tests import export_checks as check
from renda.people.models import Organisation, Person
from renda.testing import signed_in


def _url(world, path: str) -> str:
    return f"/c/{world.congress.code}/{path}"


def test_it_exports_the_filtered_register_for_staff_with_particulars(world_a):
    world_a.make_deputy("赵敏", birth_date=datetime.date(1980, 5, 1))
    other = world_a.make_deputy("=1+1")
    Person.objects.filter(pk=other.person_id).update(name="=HYPERLINK(\"x\")")
    office = signed_in(world_a.office)
    ws = check.sheet(office.get(_url(world_a, "deputies/?export=xlsx")), world_a.congress, filters="全部")
    names = check.column(ws, "姓名")
    assert {"李明", "王芳", "赵敏", "=HYPERLINK(\"x\")"} <= set(names)
    assert "出生日期" in check.headers(ws) and "联系电话" in check.headers(ws)
    check.assert_dates(ws, "出生日期")
    check.assert_dates(ws, "当选日期")
    narrowed = check.sheet(office.get(_url(world_a, "deputies/?q=赵&export=xlsx")), world_a.congress, filters="关键词：赵")
    assert check.column(narrowed, "姓名") == ["赵敏"]
    rows = check.csv_records(office.get(_url(world_a, "deputies/?q=赵&export=csv")))
    assert [r["姓名"] for r in rows] == ["赵敏"] and rows[0]["出生日期"] == "1980-05-01"
    assert office.get(_url(world_a, "deputies/?q=赵")).status_code == 200


def test_it_shows_a_member_and_the_public_no_more_than_their_page(world_a):
    member = check.sheet(signed_in(world_a.users[Role.SC_MEMBER]).get(_url(world_a, "deputies/?export=xlsx")),
                         world_a.congress)
    assert check.headers(member) == ["姓名", "代表团", "联络站", "联系电话", "状态"]
    public = check.sheet(signed_in(world_a.public).get(_url(world_a, "deputies/?export=xlsx")), world_a.congress)
    assert check.headers(public) == ["姓名", "代表团", "联络站", "状态"]
    assert "13800000000" not in str(check.records(public))
    rows = check.csv_records(signed_in(world_a.public).get(_url(world_a, "deputies/?export=csv")))
    assert set(rows[0]) == {"姓名", "代表团", "联络站", "状态"}


def test_it_exports_only_this_congress(world_a, world_b):
    world_b.make_deputy("外市代表")
    ws = check.sheet(signed_in(world_a.office).get(_url(world_a, "deputies/?export=xlsx")), world_a.congress)
    assert "外市代表" not in check.column(ws, "姓名")
    # Another congress's staff has no particulars here: the page and the export show the public columns.
    ws = check.sheet(signed_in(world_b.office).get(_url(world_a, "deputies/?export=xlsx")), world_a.congress)
    assert "出生日期" not in check.headers(ws)


def test_it_filters_and_exports_the_organisations(world_a):
    office = signed_in(world_a.office)
    page = office.get(_url(world_a, "organisations/?q=代表团"))
    assert page.status_code == 200 and "export=xlsx" in page.content.decode()
    ws = check.sheet(office.get(_url(world_a, "organisations/?export=xlsx")), world_a.congress)
    assert "教育局" in check.column(ws, "名称")
    ws = check.sheet(office.get(_url(world_a, f"organisations/?kind={Organisation.Kind.DELEGATION}&q=东湖&export=xlsx")),
                     world_a.congress, filters="类别：代表团")
    assert check.column(ws, "名称") == ["a东湖代表团"] and "关键词：东湖" in ws["A2"].value
    rows = check.csv_records(office.get(_url(world_a, "organisations/?q=教育&export=csv")))
    assert [r["名称"] for r in rows] == ["教育局"]


def test_it_keeps_the_register_filters_in_the_export_links(world_a):
    office = signed_in(world_a.office)
    html = office.get(_url(world_a, "deputies/?q=李&status=serving")).content.decode()
    assert "q=%E6%9D%8E" in html and "status=serving" in html and "export=csv" in html
    rows = office.get(_url(world_a, "deputies/?q=李"), headers={"HX-Request": "true"}).content.decode()
    assert 'hx-swap-oob="true"' in rows and "export=xlsx" in rows
