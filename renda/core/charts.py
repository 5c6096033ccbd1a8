"""Charts drawn on the server as inline SVG: no JavaScript library, no CDN.

Four kinds, each from labels and series of numbers a page has already computed:

- ``bars``: horizontal bars, one per label ("by unit", "by station": long Chinese labels);
- ``stacked``: horizontal bars split into series (the 三办 split per station or per month);
- ``line``: rates over years, 0–100 %, with the 100 % line at the top;
- ``progress``: done against planned (milestones, budget spent), one bar per row.

Each gives a ``Chart`` that ``core/_chart.html`` renders: the ``<svg role="img" aria-label>`` with its
``<title>``, a legend, and one click away the same numbers as a table (查看数据表). Layout: the SVG is
``width: 100%`` with a fixed height; horizontal positions are percentages of the width, so the same
chart fills 390 px and 1366 px alike while its text keeps its size (a viewBox would shrink the labels
to unreadable on a phone). Each label has a line of its own above its bar, wrapped rather than cut off.
Series differ in lightness (dark / mid / light) and lines in dash and marker, so a greyscale print
still tells them apart. Every label is escaped: unit and station names are user text.

No data, or only zeros, gives ``empty`` and the chart's ``empty_text`` instead of a drawing.
"""

from __future__ import annotations

import decimal
import itertools
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

Number = int | float | decimal.Decimal

SERIES = 4                     # distinct series styles (chart-s0 … chart-s3); more repeat
BAR_SPAN = 78.0                # % of the width the longest bar takes; the rest holds its value
LABEL_CHARS = 22               # a label line's characters before it wraps (13 px each fits 390 px)
FONT = 13
LINE = 17                      # px per label line
BAR = 14                       # bar thickness, px
ROW_GAP = 10
PLOT_LEFT, PLOT_RIGHT = 13.0, 96.0   # the line chart's plot area, % of the width
PLOT_TOP, PLOT_HEIGHT = 14, 160      # px
TRACK_SPAN = 62.0              # % of the width a progress track takes; the rest holds "3/5（60.0%）"
EMPTY_TEXT = "暂无数据"

_ids = itertools.count(1)


@dataclass(frozen=True)
class Mark:
    """One drawn value, for tests and for the hover title: where it starts and how long it is, in %
    of the width (bars) or its height in % of the plot (line points: 100 = top)."""

    label: str
    series: str
    value: float | None
    start: float
    length: float


@dataclass(frozen=True)
class Chart:
    kind: str
    title: str
    svg: SafeString
    headings: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    legend: tuple[tuple[str, str], ...] = ()      # (series name, css class)
    marks: tuple[Mark, ...] = ()
    height: int = 0
    empty_text: str = EMPTY_TEXT
    slug: str = field(default="")

    @property
    def empty(self) -> bool:
        return not self.svg


def fmt(value: Number | None, *, percent: bool = False) -> str:
    """12 → "12"; 1.50 → "1.5"; a fraction as a percentage with one decimal (0.875 → "87.5%")."""
    if value is None:
        return "—"
    if percent:
        return f"{float(value) * 100:.1f}%"
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    text = f"{float(value):.2f}".rstrip("0").rstrip(".")
    return text or "0"


def wrap(label: str, width: int = LABEL_CHARS) -> list[str]:
    """A label cut into lines of ``width`` characters (Chinese has no spaces to break at)."""
    label = " ".join(str(label).split()) or "（无）"
    return [label[i:i + width] for i in range(0, len(label), width)]


def _svg(title: str, height: int, body: list[str], extra_class: str = "") -> SafeString:
    t = escape(title)
    return mark_safe(  # noqa: S308 - every piece of text in ``body`` went through escape()
        f'<svg class="chart-svg{(" " + extra_class) if extra_class else ""}" role="img" aria-label="{t}" '
        f'width="100%" height="{height}" overflow="visible" xmlns="http://www.w3.org/2000/svg">'
        f"<title>{t}</title>{''.join(body)}</svg>")


def _label(lines: list[str], y: int, x: str = "0") -> str:
    spans = "".join(f'<tspan x="{x}" dy="{0 if n == 0 else LINE}">{escape(line)}</tspan>'
                    for n, line in enumerate(lines))
    return f'<text class="chart-label" x="{x}" y="{y}">{spans}</text>'


def _float(value: Number | None) -> float:
    return float(value) if value is not None else 0.0


def _slug(title: str) -> str:
    return f"chart-{next(_ids)}"


def bars(title: str, labels: Sequence[str], values: Sequence[Number], *, heading: str = "项目",
         value_heading: str = "数量", percent: bool = False, empty_text: str = EMPTY_TEXT) -> Chart:
    """One horizontal bar per label, the longest ``BAR_SPAN`` % of the width, the others in proportion."""
    return stacked(title, labels, [(value_heading, list(values))], heading=heading, percent=percent,
                   empty_text=empty_text, kind="bars")


def stacked(title: str, labels: Sequence[str], series: Sequence[tuple[str, Sequence[Number]]], *,
            heading: str = "项目", percent: bool = False, empty_text: str = EMPTY_TEXT, kind: str = "stacked",
            total_heading: str = "合计") -> Chart:
    """One horizontal bar per label, split into the series' parts; the whole bar is the row's total."""
    labels = [str(label) for label in labels]
    for name, values in series:
        if len(values) != len(labels):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(labels)} labels")
    totals = [sum(_float(values[i]) for _, values in series) for i in range(len(labels))]
    many = len(series) > 1
    headings = (heading, *(name for name, _ in series), *((total_heading,) if many else ()))
    rows = tuple((label, *(fmt(values[i], percent=percent) for _, values in series),
                  *((fmt(_sum_as_number([values[i] for _, values in series]), percent=percent),) if many else ()))
                 for i, label in enumerate(labels))
    legend = tuple((name, f"chart-s{n % SERIES}") for n, (name, _) in enumerate(series)) if many else ()
    top = max(totals, default=0.0)
    if top <= 0:
        return Chart(kind, title, mark_safe(""), headings, rows, legend, empty_text=empty_text, slug=_slug(title))
    body, marks, y = [], [], 0
    for i, label in enumerate(labels):
        lines = wrap(label)
        body.append(_label(lines, y + FONT))
        bar_y = y + LINE * len(lines) + 3
        start = 0.0
        for n, (name, values) in enumerate(series):
            value = _float(values[i])
            length = round(value / top * BAR_SPAN, 3)
            marks.append(Mark(label, name, value, round(start, 3), length))
            if length > 0:
                hover = f"{label}{('：' + name) if many else ''}：{fmt(values[i], percent=percent)}"
                body.append(f'<rect class="chart-bar chart-s{n % SERIES}" x="{start:.3f}%" y="{bar_y}" '
                            f'width="{length:.3f}%" height="{BAR}"><title>{escape(hover)}</title></rect>')
            start += length
        shown = fmt(_sum_as_number([values[i] for _, values in series]), percent=percent)
        body.append(f'<text class="chart-value" x="{start + 1:.3f}%" y="{bar_y + BAR - 2}">{escape(shown)}</text>')
        y = bar_y + BAR + ROW_GAP
    return Chart(kind, title, _svg(title, y, body), headings, rows, legend, tuple(marks), y, empty_text,
                 _slug(title))


def _sum_as_number(values: Sequence[Number | None]) -> Number:
    if all(isinstance(v, int) for v in values):
        return sum(v for v in values if v is not None)
    return sum(_float(v) for v in values)


MARKERS = ("circle", "square")   # series 2 and 3 repeat them hollow (charts.css)


def _marker(shape: str, x: float, y: float, css: str, hover: str) -> str:
    t = f"<title>{escape(hover)}</title>"
    if shape == "circle":
        return f'<circle class="chart-point {css}" cx="{x:.3f}%" cy="{y:.1f}" r="4.5">{t}</circle>'
    return (f'<rect class="chart-point {css}" x="{x:.3f}%" y="{y - 4:.1f}" width="8" height="8" '
            f'transform="translate(-4 0)">{t}</rect>')


def line(title: str, labels: Sequence[str | int], series: Sequence[tuple[str, Sequence[float | None]]], *,
         heading: str = "年度", empty_text: str = EMPTY_TEXT) -> Chart:
    """Rates (fractions 0–1, None where there is no rate) over ``labels`` (years), the plot from 0 % at
    the bottom to 100 % at the top, gridlines every 25 %."""
    names = [str(label) for label in labels]
    for name, values in series:
        if len(values) != len(names):
            raise ValueError(f"series {name!r} has {len(values)} values for {len(names)} labels")
    headings = (heading, *(name for name, _ in series))
    rows = tuple((label, *(fmt(values[i], percent=True) for _, values in series)) for i, label in enumerate(names))
    legend = tuple((name, f"chart-s{n % SERIES} chart-d{n % SERIES}") for n, (name, _) in enumerate(series))
    if not names or all(v is None for _, values in series for v in values):
        return Chart("line", title, mark_safe(""), headings, rows, legend, empty_text=empty_text, slug=_slug(title))
    bottom = PLOT_TOP + PLOT_HEIGHT

    def y_of(rate: float) -> float:
        return bottom - max(0.0, min(1.0, rate)) * PLOT_HEIGHT

    def x_of(i: int) -> float:
        if len(names) == 1:
            return (PLOT_LEFT + PLOT_RIGHT) / 2
        return PLOT_LEFT + (PLOT_RIGHT - PLOT_LEFT) * i / (len(names) - 1)

    body = []
    for pct in (100, 75, 50, 25, 0):
        y = y_of(pct / 100)
        body.append(f'<line class="chart-grid{" chart-grid-base" if pct in (0, 100) else ""}" data-pct="{pct}" '
                    f'x1="{PLOT_LEFT - 1}%" x2="{PLOT_RIGHT + 2}%" y1="{y:.1f}" y2="{y:.1f}"/>')
        body.append(f'<text class="chart-axis" x="0" y="{y + 4:.1f}">{pct}%</text>')
    step = max(1, -(-len(names) // 8))   # at most 8 year labels under the axis
    for i, label in enumerate(names):
        if i % step == 0 or i == len(names) - 1:
            body.append(f'<text class="chart-axis" x="{x_of(i):.3f}%" y="{bottom + 18}" text-anchor="middle">'
                        f"{escape(label)}</text>")
    marks = []
    for n, (name, values) in enumerate(series):
        css = f"chart-s{n % SERIES}"
        previous: tuple[float, float] | None = None
        for i, value in enumerate(values):
            if value is None:
                previous = None
                marks.append(Mark(names[i], name, None, x_of(i), 0.0))
                continue
            x, y = x_of(i), y_of(float(value))
            if previous is not None:
                body.append(f'<line class="chart-line {css} chart-d{n % SERIES}" x1="{previous[0]:.3f}%" '
                            f'y1="{previous[1]:.1f}" x2="{x:.3f}%" y2="{y:.1f}"/>')
            previous = (x, y)
            marks.append(Mark(names[i], name, float(value), round(x, 3),
                              round((bottom - y) / PLOT_HEIGHT * 100, 3)))
        for i, value in enumerate(values):
            if value is not None:
                body.append(_marker(MARKERS[n % len(MARKERS)], x_of(i), y_of(float(value)), css,
                                    f"{names[i]}年{name}：{fmt(value, percent=True)}"))
    height = bottom + 26
    return Chart("line", title, _svg(title, height, body), headings, rows, legend, tuple(marks), height, empty_text,
                 _slug(title))


def progress(title: str, rows: Sequence[tuple[str, Number | None, Number | None]], *, heading: str = "项目",
             done_heading: str = "已完成", total_heading: str = "计划", empty_text: str = EMPTY_TEXT) -> Chart:
    """One bar per (label, done, planned): the track is the plan, the fill what is done, the text
    "done / planned（share）". A plan of nothing has no share ("未定"); more than planned shows past 100 %."""
    headings = (heading, done_heading, total_heading, "完成比例")
    table = tuple((str(label), fmt(done), fmt(total),
                   fmt(_float(done) / _float(total), percent=True) if _float(total) > 0 else "—")
                  for label, done, total in rows)
    if not rows or all(_float(total) <= 0 and _float(done) <= 0 for _, done, total in rows):
        return Chart("progress", title, mark_safe(""), headings, table, empty_text=empty_text, slug=_slug(title))
    body, marks, y = [], [], 0
    for label, done, total in rows:
        lines = wrap(str(label))
        body.append(_label(lines, y + FONT))
        bar_y = y + LINE * len(lines) + 3
        planned, made = _float(total), _float(done)
        share = made / planned if planned > 0 else None
        length = round(min(1.0, share) * TRACK_SPAN, 3) if share is not None else 0.0
        marks.append(Mark(str(label), done_heading, share, 0.0, length))
        body.append(f'<rect class="chart-track" x="0" y="{bar_y}" width="{TRACK_SPAN}%" height="{BAR}"/>')
        over = share is not None and share > 1
        if length > 0:
            body.append(f'<rect class="chart-bar chart-s0{" chart-over" if over else ""}" x="0" y="{bar_y}" '
                        f'width="{length:.3f}%" height="{BAR}"><title>{escape(str(label))}：{escape(fmt(done))}/'
                        f'{escape(fmt(total))}</title></rect>')
        text = f"{fmt(done)}/{fmt(total)}（{fmt(share, percent=True)}）" if share is not None else f"{fmt(done)}/未定"
        body.append(f'<text class="chart-value" x="{TRACK_SPAN + 2}%" y="{bar_y + BAR - 2}">{escape(text)}</text>')
        y = bar_y + BAR + ROW_GAP
    return Chart("progress", title, _svg(title, y, body), headings, table, (), tuple(marks), y, empty_text,
                 _slug(title))
