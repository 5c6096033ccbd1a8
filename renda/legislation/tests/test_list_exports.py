"""The bills and laws lists' ``?export=xlsx`` and ``?export=csv`` (core.spreadsheets): exactly what
the keyword and filters chose, dates as dates, counts as numbers, a title beginning with = kept as
text; another congress's rows never in this congress's export."""

import datetime

from renda.legislation.models import Law
from renda.legislation.tests.fixtures import bill
from renda.oversight.tests.list_exports import FORMULA, check_xlsx, csv_rows, header, texts
from renda.testing import signed_in


def url(world, path: str, query: str) -> str:
    return f"/c/{world.congress.code}/legislation/{path}?{query}"


def test_it_exports_the_bills_as_filtered(world_a, world_b):
    bill(world_a, title="示例市河湖保护条例（草案）")
    bill(world_a, title=FORMULA)
    bill(world_b, title="乙市的条例")
    office = signed_in(world_a.office)
    assert "export=csv" in office.get(url(world_a, "bills/", "q=河湖")).content.decode()
    ws = check_xlsx(office.get(url(world_a, "bills/", "export=xlsx")), world_a.congress, "法规案",
                    dates=["创建时间"], numbers=["审议次数"], formula_in="名称")
    assert sorted(texts(ws, "名称")) == sorted([FORMULA, "示例市河湖保护条例（草案）"])
    narrowed = check_xlsx(office.get(url(world_a, "bills/", "q=河湖&status=drafting&export=xlsx")), world_a.congress,
                          "法规案")
    assert texts(narrowed, "名称") == ["示例市河湖保护条例（草案）"] and "状态：起草中" in narrowed["A2"].value
    rows = csv_rows(office.get(url(world_a, "bills/", "q=河湖&export=csv")))
    assert rows[0] == header(ws) and [r[0] for r in rows[1:]] == ["示例市河湖保护条例（草案）"]
    assert signed_in(world_b.office).get(url(world_a, "bills/", "export=xlsx")).status_code in (403, 404)
    assert texts(check_xlsx(signed_in(world_b.office).get(url(world_b, "bills/", "export=xlsx")), world_b.congress,
                            "法规案"), "名称") == ["乙市的条例"]


def test_it_exports_the_laws_in_force_and_repealed(world_a, world_b):
    Law.objects.create(congress=world_a.congress, title="示例市乌梁素海流域生态保护条例", status=Law.Status.IN_FORCE)
    Law.objects.create(congress=world_a.congress, title="示例市旧条例", status=Law.Status.REPEALED,
                       repealed_on=datetime.date(2024, 3, 1))
    Law.objects.create(congress=world_b.congress, title="乙市的条例", status=Law.Status.IN_FORCE)
    ws = check_xlsx(signed_in(world_a.public).get(url(world_a, "laws/", "export=xlsx")), world_a.congress, "法规",
                    dates=["废止日期"])
    assert sorted(texts(ws, "名称")) == ["示例市乌梁素海流域生态保护条例", "示例市旧条例"]
    assert texts(check_xlsx(signed_in(world_a.public).get(url(world_a, "laws/", "q=乌梁素海&export=xlsx")),
                            world_a.congress, "法规"), "名称") == ["示例市乌梁素海流域生态保护条例"]
    assert csv_rows(signed_in(world_a.public).get(url(world_a, "laws/", "export=csv")))[0] == header(ws)
