"""The answer flags list answers ``?export=xlsx`` and ``?export=csv`` (core.spreadsheets): exactly
what the filters and keyword chose, the score as a percentage (a number), the time of the check as a
date; another congress's staff are refused and their own export holds none of these flags."""

from renda.answer_quality.tests.helpers import STOCK, answered
from renda.oversight.tests.list_exports import check_xlsx, csv_rows, header, texts
from renda.testing import signed_in


def url(world, query: str) -> str:
    return f"/c/{world.congress.code}/answer-quality/?{query}"


def test_it_exports_the_flags_as_filtered(world_a, world_b):
    answered(world_a, STOCK)
    answered(world_a, STOCK)
    office = signed_in(world_a.office)
    assert "export=xlsx" in office.get(url(world_a, "")).content.decode()
    ws = check_xlsx(office.get(url(world_a, "kind=boilerplate&export=xlsx")), world_a.congress, "答复质量提示",
                    dates=["检查时间"], numbers=["比例"])
    assert texts(ws, "承办单位") == ["教育局"] and "提示：套话答复" in ws["A2"].value
    assert texts(check_xlsx(office.get(url(world_a, "q=没有的单位&export=xlsx")), world_a.congress, "答复质量提示"),
                 "承办单位") == []
    assert csv_rows(office.get(url(world_a, "export=csv")))[0] == header(ws)
    assert signed_in(world_b.office).get(url(world_a, "export=xlsx")).status_code in (403, 404)
    assert texts(check_xlsx(signed_in(world_b.office).get(url(world_b, "export=xlsx")), world_b.congress,
                            "答复质量提示"), "承办单位") == []
