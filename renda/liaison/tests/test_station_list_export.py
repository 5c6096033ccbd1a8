"""The liaison stations list: a keyword and its export (issue 18, points 1 and 7a)."""

from renda.core.tests import export_checks as check
from renda.people import actions as people_actions
from renda.people.models import Organisation
from renda.testing import signed_in


def test_it_filters_and_exports_the_stations(world_a, world_b):
    made = people_actions.create_organisation(world_a.congress, actor=world_a.root, kind=Organisation.Kind.LIAISON_STATION,
                                              name="西湖代表联络站", address="西湖路1号")
    Organisation.objects.in_congress(world_a.congress).filter(pk=made.pk).update(name="=西湖代表联络站")  # as if stored before names were checked
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/stations/"
    page = office.get(base + "?q=西湖").content.decode()
    assert "西湖代表联络站" in page and "a城关代表联络站" not in page and "export=xlsx" in page
    ws = check.sheet(office.get(base + "?export=xlsx"), world_a.congress)
    assert sorted(check.column(ws, "联络站")) == sorted(["=西湖代表联络站", "a城关代表联络站"])
    check.assert_numbers(ws, "在办诉求", "0")
    check.assert_dates(ws, "统计日期")
    narrowed = check.sheet(office.get(base + "?q=西湖&export=xlsx"), world_a.congress, filters="关键词：西湖")
    assert [(r["联络站"], r["地址"]) for r in check.records(narrowed)] == [("=西湖代表联络站", "西湖路1号")]
    rows = check.csv_records(office.get(base + "?q=城关&export=csv"))
    assert [r["联络站"] for r in rows] == ["a城关代表联络站"]
    assert signed_in(world_a.public).get(base + "?export=xlsx").status_code == 403
    assert signed_in(world_b.office).get(base + "?export=xlsx").status_code == 403
