"""The livelihood dashboard's progress bars: milestones done of those planned and money spent of the
budget per chosen project draw the supervision table's own figures, and the evaluation .xlsx holds them."""

from __future__ import annotations

import datetime
import re

from renda.core import charts as draw
from renda.core.tests import chart_checks as charts
from renda.livelihood import actions, reports
from renda.livelihood.tests.test_livelihood import chosen
from renda.testing import signed_in


def supervised(world):
    call, _, project = chosen(world)
    today = datetime.date.today()
    actions.assign_supervision(world.congress, project, actor=world.office, lead_unit=world.unit, budget="200",
                               groups=[world.group], milestones=[
                                   {"title": "开工", "due_on": str(today + datetime.timedelta(days=5))},
                                   {"title": "完工", "due_on": str(today - datetime.timedelta(days=5))}])
    first = project.milestones.order_by("due_on").last()
    actions.report_progress(world.congress, project, actor=world.users["unit_officer"], text_="已开工", spent="80",
                            milestone=first)
    return call, project


def test_it_draws_the_supervision_tables_figures_and_they_are_in_the_evaluation_export(world_a):
    call, project = supervised(world_a)
    client = signed_in(world_a.office)
    page = client.get(f"/c/{world_a.congress.code}/livelihood/calls/{call.pk}/").content.decode()
    title = project.title
    row = re.search(rf"{re.escape(title)}</a></td><td[^>]*>.*?</td><td data-label=\"节点\">(\d+)/(\d+)</td>.*?"
                    rf"<td data-label=\"预算/已支出\">([\d.]+) / ([\d.]+)</td>", page, re.S)
    done, planned, budget, spent = row.groups()
    assert (done, planned) == ("1", "2")
    assert charts.table(page, "chart-milestones") == [(title, done, planned, "50.0%")]
    assert charts.table(page, "chart-budget") == [(title, draw.fmt(float(spent)), draw.fmt(float(budget)), "40.0%")]
    svg = charts.figure(page, "chart-milestones")
    assert f'width="{draw.TRACK_SPAN / 2:.3f}%"' in svg and "1/2（50.0%）" in svg

    book = charts.workbook(client.get(f"/c/{world_a.congress.code}/livelihood/calls/{call.pk}/export/evaluation.xlsx"))
    sheet = charts.sheet_rows(book, "项目评议")
    header, exported = list(sheet[0]), next(r for r in sheet if r[0] == title)
    values = dict(zip(header, exported, strict=True))
    assert (values["节点"], values["已完成"]) == (int(planned), int(done))
    assert (values["预算（万元）"], values["已支出（万元）"]) == (float(budget), float(spent))


def test_it_gives_the_empty_text_for_projects_without_milestones_or_budget(world_a):
    call, _, _ = chosen(world_a)
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/livelihood/calls/{call.pk}/").content.decode()
    assert charts.is_empty(page, "chart-milestones") and charts.is_empty(page, "chart-budget")


def test_another_congress_does_not_find_the_call(world_a, world_b):
    call, _ = supervised(world_a)
    assert signed_in(world_b.office).get(f"/c/{world_b.congress.code}/livelihood/calls/{call.pk}/").status_code == 404
    assert reports.progress_charts(reports.project_rows(call))["budget"].rows[0][3] == "40.0%"
