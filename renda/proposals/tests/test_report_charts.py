"""The suggestion report's charts: by lead unit, by category and the on-time and satisfaction rates over
the years draw the page's own figures, and the report's .xlsx holds the same numbers."""

from __future__ import annotations

import datetime
import re

from renda.core import tallies
from renda.core.tests import chart_checks as charts
from renda.proposals import actions, reports
from renda.proposals import tallies as proposal_tallies
from renda.proposals.models import Suggestion
from renda.proposals.tests.test_handling_and_feedback import assigned
from renda.proposals.tests.test_supervision_and_evaluation import answered, unit
from renda.testing import signed_in


def url(world, suffix=""):
    return f"/c/{world.congress.code}/suggestions/reports/{suffix}"


def two_years(world):
    """This year: one item answered on time and rated satisfied (教育局); last year: one answered late
    and rated not satisfied (慢办局)."""
    slow, slow_officer = unit(world, "慢办局<b>")
    good = assigned(world, on=datetime.date(2026, 1, 10))
    answered(world, good, outcome="A", on="2026-04-10")
    actions.rate_suggestion(world.congress, good, actor=world.deputy, work="满意", result="满意")
    late = actions.save_suggestion_draft(world.congress, actor=world.deputy, term=world.term, title="迟办件", body="b")
    actions.submit_suggestion(world.congress, late, actor=world.deputy)
    actions.accept_suggestion(world.congress, late, actor=world.office)
    actions.assign_suggestion(world.congress, late, actor=world.office, lead_unit=slow, on=datetime.date(2026, 1, 10))
    actions.record_contact(world.congress, late, actor=slow_officer, on="2026-02-01", way="phone", summary="电话")
    actions.answer_suggestion(world.congress, late, actor=slow_officer, outcome="C", text_="留作参考",
                              answered_on="2026-04-11")
    actions.rate_suggestion(world.congress, late, actor=world.deputy, work="不满意", result="不满意")
    Suggestion.objects.in_congress(world.congress).filter(pk=late.pk).update(year=good.year - 1)
    for kept in proposal_tallies.ALL:  # a change made outside the actions: recount, as after a bulk load
        tallies.rebuild(kept, world.congress)
    return good.year


def test_it_charts_the_page_figures_and_exports_them(world_a):
    year = two_years(world_a)
    client = signed_in(world_a.office)
    page = client.get(url(world_a), {"year": year}).content.decode()
    totals = reports.summary(world_a.congress, year=year)

    by_unit = charts.table(page, "chart-by-unit")
    assert by_unit == [(u, str(n)) for u, n in totals.by_unit] == [("教育局", "1")]
    listed = re.search(r"按主办单位</h2><ul>(.*?)</ul>", page, re.S).group(1)
    assert [f"{u} {n}" for u, n in by_unit] == re.findall(r"<li>(.*?)</li>", listed)
    assert charts.table(page, "chart-by-category") == [(c or "未分类", str(n)) for c, n in totals.by_category]

    rates = charts.table(page, "chart-rates")
    assert rates == [(str(year - 1), "0.0%", "0.0%"), (str(year), "100.0%", "100.0%")]
    assert rates[-1][1:] == (totals.on_time, totals.satisfaction)      # the sentence above the charts
    assert f"按期答复率 {rates[-1][1]}" in page and f"代表满意率 {rates[-1][2]}" in page

    book = charts.workbook(client.get(url(world_a, "evaluation.xlsx"), {"year": year}))
    trend = charts.sheet_rows(book, "历年办理情况")
    assert [(str(r[0]), charts.percent(r[3]), charts.percent(r[6])) for r in trend[1:]] == rates
    assert book["历年办理情况"]["D2"].number_format == "0.0%"
    stats = charts.sheet_rows(book, "办理情况")
    unit_rows = stats[stats.index(("按主办单位",) + (None,) * (len(stats[0]) - 1)) + 1:]
    assert (by_unit[0][0], int(by_unit[0][1])) == unit_rows[0][:2]


def test_it_escapes_unit_names_in_the_charts(world_a):
    two_years(world_a)
    client = signed_in(world_a.office)
    page = client.get(url(world_a), {"year": 2025}).content.decode()
    assert charts.table(page, "chart-by-unit") == [("慢办局<b>", "1")]
    assert "慢办局<b>" not in page and "慢办局&lt;b&gt;" in page


def test_it_shows_the_empty_text_for_a_year_without_items(world_a):
    client = signed_in(world_a.office)
    page = client.get(url(world_a), {"year": 2026}).content.decode()
    assert all(charts.is_empty(page, name) for name in ("chart-by-unit", "chart-by-category", "chart-rates"))


def test_it_shows_another_congress_none_of_these_figures(world_a, world_b):
    year = two_years(world_a)
    page = signed_in(world_b.office).get(url(world_b), {"year": year}).content.decode()
    assert charts.is_empty(page, "chart-by-unit") and "教育局" not in page


def test_it_refuses_the_report_to_a_deputy(world_a):
    two_years(world_a)
    response = signed_in(world_a.deputy).get(url(world_a), {"year": 2026})
    assert response.status_code in (302, 403)
