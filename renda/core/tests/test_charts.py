"""renda.core.charts: bars in proportion, nothing to draw gives the empty text (never a division by
zero), user text escaped, rates drawn from 0 % to a 100 % line at the top, and the include renders the
drawing with its numbers as a table."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from django.template.loader import render_to_string

from renda.core import charts


def test_it_draws_bars_in_proportion_to_their_values():
    chart = charts.bars("按承办单位", ["市住房和城乡建设局", "市交通运输局", "市教育局"], [10, 5, 0])
    lengths = {m.label: m.length for m in chart.marks}
    assert lengths["市住房和城乡建设局"] == charts.BAR_SPAN
    assert lengths["市交通运输局"] == pytest.approx(charts.BAR_SPAN / 2)
    assert lengths["市教育局"] == 0
    assert chart.rows == (("市住房和城乡建设局", "10"), ("市交通运输局", "5"), ("市教育局", "0"))
    assert '<svg class="chart-svg" role="img" aria-label="按承办单位"' in chart.svg
    assert "<title>按承办单位</title>" in chart.svg
    assert 'width="100%"' in chart.svg


def test_it_stacks_series_and_adds_the_total():
    chart = charts.stacked("三办", ["1月", "2月"], [("及时办", [2, 1]), ("上报办", [1, 0]), ("跟踪办", [1, 1])])
    first = [m for m in chart.marks if m.label == "1月"]
    assert [m.start for m in first] == pytest.approx([0, charts.BAR_SPAN / 2, charts.BAR_SPAN * 3 / 4])
    assert sum(m.length for m in first) == pytest.approx(charts.BAR_SPAN)
    assert sum(m.length for m in chart.marks if m.label == "2月") == pytest.approx(charts.BAR_SPAN / 2)
    assert chart.headings == ("项目", "及时办", "上报办", "跟踪办", "合计")
    assert chart.rows[0] == ("1月", "2", "1", "1", "4")
    assert [css for _, css in chart.legend] == ["chart-s0", "chart-s1", "chart-s2"]


@pytest.mark.parametrize("make", [
    lambda: charts.bars("空", [], []),
    lambda: charts.bars("零", ["甲", "乙"], [0, 0]),
    lambda: charts.stacked("零", ["甲"], [("一", [0]), ("二", [0])]),
    lambda: charts.line("空", [], []),
    lambda: charts.line("无比率", [2024, 2025], [("满意率", [None, None])]),
    lambda: charts.progress("空", []),
    lambda: charts.progress("零", [("项目", 0, 0), ("项目二", None, None)]),
])
def test_it_gives_the_empty_text_when_there_is_nothing_to_draw(make):
    chart = make()
    assert chart.empty and not chart.marks
    html = render_to_string("core/_chart.html", {"chart": chart})
    assert "暂无数据" in html and "<svg" not in html


def test_it_escapes_labels_and_titles():
    evil = '<script>alert("x")</script>&'
    chart = charts.bars(f"按单位{evil}", [evil], [3])
    assert "<script>" not in chart.svg
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;" in chart.svg
    html = render_to_string("core/_chart.html", {"chart": chart})
    assert "<script>" not in html
    line = charts.line(evil, [evil], [(evil, [0.5])])
    assert "<script>" not in line.svg
    progress = charts.progress(evil, [(evil, 1, 2)])
    assert "<script>" not in progress.svg


def test_it_draws_rates_between_zero_and_a_100_percent_line_at_the_top():
    chart = charts.line("按期答复率", [2023, 2024, 2025], [("按期答复率", [0.5, 1.0, None]), ("满意率", [0.0, 0.25, 0.75])])
    grid = dict(re.findall(r'data-pct="(\d+)"[^>]*y1="([\d.]+)"', chart.svg))
    assert float(grid["100"]) == charts.PLOT_TOP          # the top line is 100 %
    assert float(grid["0"]) == charts.PLOT_TOP + charts.PLOT_HEIGHT
    heights = {(m.label, m.series): m.length for m in chart.marks}
    assert heights[("2024", "按期答复率")] == 100
    assert heights[("2023", "按期答复率")] == 50
    assert heights[("2023", "满意率")] == 0
    assert chart.rows == (("2023", "50.0%", "0.0%"), ("2024", "100.0%", "25.0%"), ("2025", "—", "75.0%"))
    # No line is drawn into or out of a year without a rate.
    assert chart.svg.count('class="chart-line chart-s0') == 1
    assert chart.svg.count('class="chart-line chart-s1') == 2


def test_it_shows_progress_against_the_plan():
    chart = charts.progress("节点", [("道路改造", 3, 4), ("没有计划", 0, 0), ("超支", Decimal("120"), Decimal("100"))])
    lengths = {m.label: m.length for m in chart.marks}
    assert lengths["道路改造"] == pytest.approx(charts.TRACK_SPAN * 0.75)
    assert lengths["没有计划"] == 0
    assert lengths["超支"] == charts.TRACK_SPAN       # drawn full, said as it is
    assert "120/100（120.0%）" in chart.svg and "chart-over" in chart.svg
    assert chart.rows[0] == ("道路改造", "3", "4", "75.0%") and chart.rows[1][3] == "—"


def test_it_wraps_long_labels_instead_of_cutting_them():
    name = "内蒙古自治区呼和浩特市赛罕区人民代表大会常务委员会敕勒川路街道代表联络站"
    chart = charts.bars("按联络站", [name], [1])
    spans = re.findall(r"<tspan[^>]*>([^<]*)</tspan>", chart.svg)
    assert "".join(spans) == name and len(spans) > 1
    assert all(len(s) <= charts.LABEL_CHARS for s in spans)


def test_it_renders_the_numbers_as_a_table_one_click_away():
    chart = charts.bars("按类别", ["城乡建设", "教育"], [4, 2])
    html = render_to_string("core/_chart.html", {"chart": chart})
    assert "<details class=\"chart-data\"><summary>查看数据表</summary>" in html
    assert re.findall(r'<th scope="row">([^<]*)</th><td>([^<]*)</td>', html) == [("城乡建设", "4"), ("教育", "2")]
    assert 'role="img"' in html
