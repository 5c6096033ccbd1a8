"""Staff see the flags beside the answer, in the list and through the API; deputies and units do not;
the suggestion report counts flagged answers per unit."""

from django.test import Client

from renda.answer_quality.models import AnswerFlag
from renda.answer_quality.tests.helpers import STOCK, answered
from renda.core.tests.test_api import bearer
from renda.proposals import reports
from renda.testing import signed_in


def two_stock_answers(world):
    first = answered(world, STOCK)
    return first, answered(world, STOCK)


def test_staff_see_the_flag_with_the_earlier_item_linked_and_the_passage_marked(world_a):
    first, second = two_stock_answers(world_a)
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/suggestions/{second.suggestion_id}/").content.decode()
    assert "套话答复" in page and f"/suggestions/{first.suggestion_id}/" in page and "<mark>" in page
    listing = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/answer-quality/?kind=boilerplate").content.decode()
    assert f"/suggestions/{second.suggestion_id}/" in listing


def test_the_deputy_and_the_unit_do_not_see_staff_flags(world_a):
    _, second = two_stock_answers(world_a)
    for user in (world_a.deputy, world_a.users["unit_officer"]):
        page = signed_in(user).get(f"/c/{world_a.congress.code}/suggestions/{second.suggestion_id}/").content.decode()
        assert "答复质量提示" not in page
        assert signed_in(user).get(f"/c/{world_a.congress.code}/answer-quality/").status_code == 403
        detail = Client().get(f"/api/suggestions/{second.suggestion_id}", **bearer(world_a, user)).json()
        assert all(a["quality_flags"] is None for a in detail["answers"])
        assert Client().get("/api/answer-quality/flags", **bearer(world_a, user)).status_code == 403


def test_the_api_lists_flags_by_unit_and_kind_and_the_detail_carries_them_to_staff(world_a, world_b):
    first, second = two_stock_answers(world_a)
    office = bearer(world_a, world_a.office)
    rows = Client().get(f"/api/answer-quality/flags?unit={world_a.unit.pk}&kind=boilerplate", **office).json()
    assert [(r["answer_id"], r["earlier"][0]["item_id"]) for r in rows] == [(second.pk, first.suggestion_id)]
    detail = Client().get(f"/api/suggestions/{second.suggestion_id}", **office).json()
    assert detail["answers"][0]["quality_flags"][0]["kind"] == "boilerplate"
    assert Client().get("/api/answer-quality/flags?kind=nonsense", **office).status_code == 422
    # another congress: its suggestion is not found, its unit is not one of ours, its flags are not listed
    other = bearer(world_b, world_b.office)
    assert Client().get(f"/api/suggestions/{second.suggestion_id}", **other).status_code == 404
    assert Client().get(f"/api/answer-quality/flags?unit={world_a.unit.pk}", **other).status_code == 422
    assert Client().get("/api/answer-quality/flags", **other).json() == []
    assert signed_in(world_b.office).get(f"/c/{world_b.congress.code}/suggestions/{second.suggestion_id}/").status_code == 404


def test_the_report_counts_flagged_answers_per_unit(world_a):
    first, _ = two_stock_answers(world_a)
    year = first.suggestion.year
    answered(world_a, "感谢您对教育工作的关心，我局将加强学校食堂管理。", title="关于在人民路增设红绿灯的建议",
             body="建议尽快在人民路与解放路交叉口增设红绿灯和人行横道。")
    kinds = sorted(AnswerFlag.objects.in_congress(world_a.congress).values_list("kind", flat=True))
    rows = {r.unit: r for r in reports.unit_evaluation(world_a.congress, year)}
    row = rows[world_a.unit.name]
    assert (row.boilerplate, row.off_topic) == (kinds.count("boilerplate"), kinds.count("off_topic"))
    assert row.boilerplate >= 1 and row.off_topic >= 1
    assert reports.EVALUATION_HEADINGS[-2:] == ["套话答复", "答非所问"]
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/suggestions/reports/?year={year}").content.decode()
    assert "套话答复" in page and "答非所问" in page
    book = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/suggestions/reports/evaluation.xlsx?year={year}")
    assert book.status_code == 200
