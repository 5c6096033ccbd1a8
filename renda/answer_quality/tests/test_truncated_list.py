"""The flags page shows the latest few and says so when there are more: the export holds them all."""

from renda.answer_quality import views
from renda.answer_quality.tests.helpers import STOCK, answered
from renda.oversight.tests.list_exports import csv_rows
from renda.testing import signed_in


def url(world, query: str = "") -> str:
    return f"/c/{world.congress.code}/answer-quality/?{query}"


def test_it_says_how_many_there_are_when_the_page_holds_only_the_latest(world_a, monkeypatch):
    for _ in range(3):
        answered(world_a, STOCK)
    office = signed_in(world_a.office)
    flags = len(csv_rows(office.get(url(world_a, "export=csv")))) - 1
    assert flags >= 2
    monkeypatch.setattr(views, "SHOWN", flags)  # exactly all of them fit: no line
    assert "只显示最近" not in office.get(url(world_a)).content.decode()
    monkeypatch.setattr(views, "SHOWN", flags - 1)
    assert f"只显示最近 {flags - 1} 条，共 {flags} 条；导出包含全部" in office.get(url(world_a)).content.decode()
    assert len(csv_rows(office.get(url(world_a, "export=csv")))) - 1 == flags


def test_it_keeps_the_page_from_those_without_the_permission(world_a):
    assert signed_in(world_a.deputy).get(url(world_a)).status_code in (403, 404)
