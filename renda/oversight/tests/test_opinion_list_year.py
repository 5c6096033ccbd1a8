"""The review opinions list's 年度 filter: a year no congress could report on (1, 10000, 99999) shows
every year with a message naming the field, never a 500; a year in range filters; the export says which."""

from django.test import Client
from django.utils import timezone

from renda.oversight.tests.permission_calls_opinions import drafted_opinion


def url(world, query=""):
    return f"/c/{world.congress.code}/oversight/opinions/?{query}"


def test_it_shows_every_year_with_a_message_for_a_year_out_of_range(world_a, world_b):
    draft = drafted_opinion(world_a)
    office = Client()
    office.force_login(world_a.office)
    last = timezone.localdate().year + 1
    for year in ("1", "10000", "99999", "1948"):
        for query in (f"year={year}", f"year={year}&export=xlsx", f"year={year}&export=csv"):
            assert office.get(url(world_a, query)).status_code == 200, query
        page = office.get(url(world_a, f"year={year}")).content.decode()
        assert f"“年度”须为 1949 至 {last} 的整数，收到：{year}" in page and draft.title in page
    this_year = timezone.localdate().year
    assert draft.title in office.get(url(world_a, f"year={this_year}")).content.decode()
    assert draft.title not in office.get(url(world_a, "year=1949")).content.decode()
    other = Client()
    other.force_login(world_b.office)
    assert other.get(url(world_a, "year=1")).status_code in (403, 404)
