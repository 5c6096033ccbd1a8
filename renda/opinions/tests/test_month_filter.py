"""The register's 月份 filter: a month outside 1949-01 to 2100-12 (9999-12, 0001-01) or not a month is
named on its field in Chinese, never a 500, and the other filters still apply."""

from renda.opinions.queries import month_range
from renda.testing import signed_in


def test_it_names_a_month_out_of_range_and_keeps_the_other_filters(world_a, world_b):
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/opinions/"
    for month in ("9999-12", "0001-01", "1948-12", "2026-13", "abc"):
        for tail in ("", "&export=xlsx", "&export=csv"):
            assert office.get(f"{base}?month={month}&q=路{tail}").status_code == 200, (month, tail)
        page = office.get(f"{base}?month={month}&q=路").content.decode()
        assert "“月份”须为 1949-01 至 2100-12 间的年-月" in page and 'value="路"' in page
    assert "“月份”须为" not in office.get(f"{base}?month=2100-12").content.decode()
    assert signed_in(world_b.public).get(f"{base}?month=9999-12").status_code in (302, 403, 404)


def test_it_bounds_the_month_range_it_reads():
    assert month_range("9999-12") is None and month_range("0001-01") is None
    last, first = month_range("2100-12"), month_range("1949-01")
    assert last is not None and last[1].isoformat() == "2100-12-31"
    assert first is not None and first[0].isoformat() == "1949-01-01"
