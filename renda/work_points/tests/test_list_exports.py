"""The year's calendar and the overdue list of work points answer ``?export=xlsx`` and
``?export=csv`` (core.spreadsheets): exactly what the keyword chose, the due date as a date, the
number as a number; another congress's staff are refused."""

import datetime

from renda.oversight.tests.list_exports import check_xlsx, csv_rows, header, texts
from renda.testing import signed_in
from renda.work_points.tests.fixtures import point, today


def url(world, path: str, query: str) -> str:
    return f"/c/{world.congress.code}/work-points/{path}?{query}"


def test_it_exports_the_calendar_and_the_overdue_as_filtered(world_a, world_b):
    first = point(world_a, due=today() + datetime.timedelta(days=3))
    late = point(world_a, due=datetime.date(today().year, 1, 1) if today() > datetime.date(today().year, 1, 1)
                 else today() - datetime.timedelta(days=1))
    office = signed_in(world_a.office)
    assert "export=xlsx" in office.get(url(world_a, "", "")).content.decode()
    ws = check_xlsx(office.get(url(world_a, "", "export=xlsx")), world_a.congress, f"{today().year}年重点工作行事历",
                    dates=["完成时间"], numbers=["序号"])
    assert sorted(texts(ws, "工作事项")) == sorted([first.text, late.text])
    assert texts(check_xlsx(office.get(url(world_a, "", f"q={first.text}&export=xlsx")), world_a.congress,
                            f"{today().year}年重点工作行事历"), "工作事项") == [first.text]
    assert csv_rows(office.get(url(world_a, "", "export=csv")))[0] == header(ws)
    overdue = check_xlsx(office.get(url(world_a, "overdue/", "export=xlsx")), world_a.congress, "逾期未完成的工作要点")
    assert texts(overdue, "工作事项") == [late.text]
    assert signed_in(world_b.office).get(url(world_a, "", "export=xlsx")).status_code in (403, 404)
