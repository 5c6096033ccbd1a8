"""The liaison statistics' charts: concerns raised per station and the 三办 split (及时办/上报办/跟踪办)
per station and per month draw the page's own rows, and the .xlsx holds the same numbers."""

from __future__ import annotations

import re

from django.core.cache import caches
from django.utils import timezone

from renda.core.tests import chart_checks as charts
from renda.liaison import actions, reports
from renda.liaison.tests.factory import concern, station_deputy
from renda.testing import signed_in


def url(world, suffix="statistics/"):
    return f"/c/{world.congress.code}/liaison/{suffix}"


def three_ways(world):
    station_deputy(world)
    actions.set_up_station(world.congress, world.station, actor=world.office, area="城关区")
    solved, referred, tracked = (concern(world, text=f"诉求{n}") for n in range(3))
    actions.triage_concern(world.congress, solved, actor=world.deputy, path="on_the_spot", answer="已联系修复")
    actions.triage_concern(world.congress, referred, actor=world.office, path="referred", unit=world.unit)
    actions.triage_concern(world.congress, tracked, actor=world.deputy, path="tracked")
    return timezone.localdate()


def station_table(page: str) -> dict[str, list[str]]:
    """The page's own 按联络站 table: each station's cells as the page prints them."""
    part = page.split("<h2>按联络站</h2>")[1]
    rows = re.findall(r"<tr><td>(.*?)</td>(.*?)</tr>", part, re.S)
    return {name: re.findall(r"<td>(.*?)</td>", cells) for name, cells in rows}


def test_it_charts_the_three_ways_per_station_and_month_and_exports_them(world_a):
    today = three_ways(world_a)
    client = signed_in(world_a.office)
    page = client.get(url(world_a), {"year": today.year}).content.decode()
    stats = reports.statistics(world_a.congress, today.year)
    name = world_a.station.name

    cells = station_table(page)[name]
    on_the_spot, referred, tracked = (cells[reports.COUNTS.index(n)] for n in ("on_the_spot", "referred", "tracked"))
    assert (on_the_spot, referred, tracked) == ("1", "1", "1")
    assert (name, on_the_spot, referred, tracked, "3") in charts.table(page, "chart-stations")
    assert (name, cells[reports.COUNTS.index("raised")]) in charts.table(page, "chart-raised")

    months = charts.table(page, "chart-months")
    assert [m[0] for m in months] == [f"{m}月" for m in range(1, 13)]
    assert months[today.month - 1] == (f"{today.month}月", "1", "1", "1", "3")
    for column, name_ in enumerate(("on_the_spot", "referred", "tracked"), start=1):   # the months add up
        assert sum(int(m[column]) for m in months) == getattr(stats.total, name_)

    book = charts.workbook(client.get(url(world_a, "statistics.xlsx"), {"year": today.year}))
    sheet = charts.sheet_rows(book, "按月份")
    header = list(sheet[1])
    picked = [header.index(h) for h in ("月份", "及时办（件）", "上报办（件）", "跟踪办（件）")]
    exported = [tuple(str(row[i]) for i in picked) for row in sheet[2:]]
    assert exported == [m[:4] for m in months]
    stations = charts.sheet_rows(book, "按联络站")
    row = next(r for r in stations if r[0] == name)
    assert str(row[2 + reports.COUNTS.index("raised")]) == cells[reports.COUNTS.index("raised")]


def test_it_keeps_to_the_chosen_area_and_shows_empty_charts_without_concerns(world_a):
    today = three_ways(world_a)
    client = signed_in(world_a.office)
    page = client.get(url(world_a), {"year": today.year, "area": "别的区"}).content.decode()
    assert charts.is_empty(page, "chart-stations") and charts.is_empty(page, "chart-months")
    assert charts.is_empty(client.get(url(world_a), {"year": today.year - 1}).content.decode(), "chart-raised")


def test_it_shows_another_congress_none_of_these_figures_and_refuses_a_unit_officer(world_a, world_b):
    today = three_ways(world_a)
    page = signed_in(world_b.office).get(url(world_b), {"year": today.year}).content.decode()
    assert charts.is_empty(page, "chart-months") and world_a.station.name not in page
    assert signed_in(world_a.users["unit_officer"]).get(url(world_a)).status_code == 403


def test_past_a_readable_number_of_stations_it_charts_per_county_and_a_chosen_county_per_station(world_a, monkeypatch):
    from renda.people import actions as people
    from renda.people.models import Organisation

    today = three_ways(world_a)   # the world's station, in 城关区, with three concerns
    second = people.create_organisation(world_a.congress, actor=world_a.root, kind=Organisation.Kind.LIAISON_STATION,
                                        name="新区联络站")
    actions.set_up_station(world_a.congress, second, actor=world_a.office, area="新区")
    concern(world_a, text="新区的诉求")   # raised at the world's station: 城关区 has 4, 新区 none
    client = signed_in(world_a.office)

    def charted(max_stations, **query):
        monkeypatch.setattr(reports, "CHART_STATIONS_MAX", max_stations)
        caches["local"].clear()   # the kept page body was drawn under the other limit
        return client.get(url(world_a), {"year": today.year, **query}).content.decode()

    at_limit = charted(2)   # two stations, two allowed: a bar a station
    assert "各联络站反映诉求（件）" in at_limit and (world_a.station.name, "4") in charts.table(at_limit, "chart-raised")
    past = charted(1)       # two stations, one allowed: a bar a county, and the page says so
    assert "各旗县区反映诉求（件）" in past and "图表按旗县区汇总" in past
    assert charts.table(past, "chart-raised") == [("城关区", "4"), ("新区", "0")]
    assert ("城关区", "1", "1", "1", "3") in charts.table(past, "chart-stations")
    assert set(station_table(past)) == {world_a.station.name, "新区联络站"}   # the table keeps every station
    chosen = charted(1, area="城关区")   # one county chosen: its one station, a bar each again
    assert charts.table(chosen, "chart-raised") == [(world_a.station.name, "4")]
