"""The year's duty reports answer ``?export=xlsx`` and ``?export=csv`` (core.spreadsheets): exactly
what the keyword and status chose, the counts as numbers, the satisfaction rate as a percentage, the
dates as dates; another congress's staff are refused."""

from renda.duty_reports import actions
from renda.duty_reports.tests.fixtures import due_report, filed_report, year
from renda.oversight.tests.list_exports import check_xlsx, csv_rows, header, texts
from renda.testing import signed_in


def url(world, query: str) -> str:
    return f"/c/{world.congress.code}/duty-reports/?year={year()}&{query}"


def test_it_exports_the_reports_as_filtered(world_a, world_b):
    rated = filed_report(world_a, world_a.make_deputy("赵述职").person)
    actions.record_station_rating(world_a.congress, rated, actor=world_a.root, satisfied=5, basic=1, unsatisfied=2)
    due_report(world_a, world_a.make_deputy("钱待述").person)
    office = signed_in(world_a.office)
    assert "export=xlsx" in office.get(url(world_a, "")).content.decode()
    subject = f"{year()}年述职评议"
    ws = check_xlsx(office.get(url(world_a, "export=xlsx")), world_a.congress, subject,
                    dates=["提交日期", "评议日期"], numbers=["满意", "不满意", "满意率"])
    assert sorted(texts(ws, "述职人")) == ["赵述职", "钱待述"]
    rate = next(cell for cell in ws.iter_rows(min_row=4) if cell[0].value == "赵述职")[header(ws).index("满意率")]
    assert rate.value == 0.75 and rate.number_format == "0.0%"
    assert texts(check_xlsx(office.get(url(world_a, "q=钱待述&export=xlsx")), world_a.congress, subject),
                 "述职人") == ["钱待述"]
    rows = csv_rows(office.get(url(world_a, "q=赵述职&export=csv")))
    assert rows[0] == header(ws) and rows[1][header(ws).index("满意率")] == "75.0%"
    assert signed_in(world_b.office).get(url(world_a, "export=xlsx")).status_code in (403, 404)
