"""Report pages take their year from the address and never fail on it: a word, 0 or 99999999999
means this year."""

import pytest
from django.utils import timezone


@pytest.mark.parametrize("year", ["abc", "0", "99999999999", "-1", "1948"])
def test_a_year_that_is_not_one_shows_this_year(client, world_a, year):
    this_year = str(timezone.localdate().year)
    assert this_year in client.get(f"/c/{world_a.congress.code}/suggestions/public/?year={year}").content.decode()
    client.force_login(world_a.office)
    for path in ("suggestions/reports/", "liaison/statistics/", "liaison/statistics.xlsx"):
        assert client.get(f"/c/{world_a.congress.code}/{path}?year={year}").status_code == 200


def test_a_year_in_range_is_taken(client, world_a):
    client.force_login(world_a.office)
    assert "2024" in client.get(f"/c/{world_a.congress.code}/suggestions/reports/?year=2024").content.decode()
