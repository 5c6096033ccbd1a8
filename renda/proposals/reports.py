"""Reports on motions and suggestions per session or year, and the yearly evaluation of handling
units by a configurable formula (suggestion.weight_* rules). Every figure is folded from the rows
kept as the items are accepted, assigned, answered and rated (proposals.tallies), so a report costs
the same in the tenth year as in the first."""

from __future__ import annotations

import json
from collections import Counter, defaultdict
from dataclasses import dataclass

from django.utils import timezone

from renda.answer_quality import queries as answer_quality
from renda.core import exports, rules, tallies
from renda.core.models import Congress
from renda.core.official_documents import OfficialDocument, Section, to_pdf
from renda.people.models import Mandate, Organisation
from renda.people.validation import report_year
from renda.proposals import tallies as kept
from renda.proposals.models import Answer, Rating, Suggestion

S = Suggestion.Status
GOOD = [Rating.Level.SATISFIED, Rating.Level.BASICALLY]


def _rate(good: int, total: int) -> str:
    return f"{good / total * 100:.1f}%" if total else "—"


@dataclass
class Summary:
    total: int
    by_status: list[tuple[str, int]]
    by_class: list[tuple[str, int]]
    by_category: list[tuple[str, int]]
    by_unit: list[tuple[str, int]]
    by_delegation: list[tuple[str, int]]
    on_time: str
    satisfaction: str
    done: str
    commitments: int
    fulfilled: int


def _kept_rows(congress: Congress, *, year: int | None, session) -> list[tallies.Row]:
    """The kept figures of a session, of a year, or (neither given) of every year."""
    if session is not None:
        return kept.read(kept.BY_SESSION, congress, session.pk)
    return kept.read(kept.YEARLY, congress, None if year is None else report_year(year))


def _unit_names(congress: Congress, ids) -> dict[int, str]:
    return dict(Organisation.objects.in_congress(congress).filter(pk__in=set(ids)).values_list("pk", "name"))


def _descending(counts: Counter) -> list[tuple[str, int]]:
    return sorted(counts.items(), key=lambda x: (-x[1], x[0]))


def summary(congress: Congress, *, year: int | None = None, session=None) -> Summary:
    """The year's (or the session's) figures, folded from the kept rows (proposals.tallies): a few
    hundred rows whatever the number of items."""
    status: Counter[str] = Counter()
    klass: Counter[str] = Counter()
    category: Counter[str] = Counter()
    units: Counter[int] = Counter()
    leads: Counter[int] = Counter()
    first = on_time = rated = good = commitments = fulfilled = 0
    for row in _kept_rows(congress, year=year, session=session):
        kind, n = row.key[0], row.count
        if kind == "s":
            status[row.key[1]] += n
        elif kind == "c":
            category[row.key[1]] += n
        elif kind == "u":
            units[row.key[1]] += n
        elif kind == "p":
            leads[row.key[1]] += n
        elif kind == "k":
            klass[row.key[1] or "未答复"] += n
        elif kind == "a1":
            first, on_time = first + n, on_time + row.total
        elif kind == "r":
            rated, good = rated + n, good + row.total
        elif kind == "m":
            commitments, fulfilled = commitments + n, fulfilled + row.total
    names = _unit_names(congress, units)
    by_unit: Counter = Counter()
    for unit_id, n in units.items():
        by_unit[names.get(unit_id, str(unit_id))] += n
    delegation_of = dict(Mandate.objects.in_congress(congress).filter(person_id__in=set(leads))
                         .values_list("person_id", "delegation__name"))
    by_delegation: Counter = Counter()
    for person_id, n in leads.items():
        by_delegation[delegation_of.get(person_id) or "（无代表团）"] += n
    labels = dict(S.choices)
    return Summary(
        total=sum(status.values()),
        by_status=[(labels[s], n) for s, n in sorted(status.items()) if n],
        by_class=sorted((c, n) for c, n in klass.items() if n),
        by_category=[(c, n) for c, n in _descending(category) if n],
        by_unit=[(u, n) for u, n in _descending(by_unit) if n],
        by_delegation=[(d, n) for d, n in _descending(by_delegation) if n],
        on_time=_rate(on_time, first), satisfaction=_rate(good, rated),
        done=_rate(fulfilled, commitments), commitments=commitments, fulfilled=fulfilled)


def total(congress: Congress, year: int) -> int:
    """How many items the year's report counts (one kept row per year)."""
    return sum(r.count for r in kept.read(kept.RATES, congress, report_year(year)) if r.key == ("n",))


@dataclass
class YearRates:
    """One year's on-time answering and satisfaction, as fractions (None: nothing to count that year),
    counted as ``summary`` counts them: first-round answers answered by their due day, and ratings
    (not "none") saying satisfied or basically satisfied."""

    year: int
    answered: int
    on_time: int
    rated: int
    satisfied: int

    @property
    def on_time_share(self) -> float | None:
        return self.on_time / self.answered if self.answered else None

    @property
    def satisfaction_share(self) -> float | None:
        return self.satisfied / self.rated if self.rated else None


YEARS_SHOWN = 10  # the rates-over-the-years chart looks back at most this many years


def rates_by_year(congress: Congress, last_year: int) -> list[YearRates]:
    """The on-time and satisfaction rates of every year from the first with counted items (at most
    ``YEARS_SHOWN`` back) to ``last_year``: three kept rows a year (proposals.tallies.RATES)."""
    last_year = report_year(last_year)
    shown = range(last_year - YEARS_SHOWN + 1, last_year + 1)
    years: dict[int, dict[str, tuple[int, int]]] = {}
    for k in kept.RATES:  # one row a year each: the whole history is a few dozen rows
        for (period, key), (count, total) in tallies.stored(k, congress).items():
            if period in shown:
                years.setdefault(period, {})[json.loads(key)[0]] = (count, total)
    first_year = next((y for y in shown if years.get(y, {}).get("n")), None)
    if first_year is None:
        return []
    return [YearRates(y, *years.get(y, {}).get("a1", (0, 0)), *years.get(y, {}).get("r", (0, 0)))
            for y in range(first_year, last_year + 1)]


def charts(totals: Summary, years: list[YearRates]) -> dict:
    """The report page's charts, drawn from the very figures the page and its export show."""
    from renda.core import charts as draw

    return {
        "by_unit": draw.bars("按主办单位（件）", [u for u, _ in totals.by_unit], [n for _, n in totals.by_unit],
                             heading="主办单位", value_heading="件数"),
        "by_category": draw.bars("按类别（件）", [c or "未分类" for c, _ in totals.by_category],
                                 [n for _, n in totals.by_category], heading="类别", value_heading="件数"),
        "rates": draw.line("历年按期答复率和满意率", [r.year for r in years],
                           [("按期答复率", [r.on_time_share for r in years]),
                            ("满意率", [r.satisfaction_share for r in years])]),
    }


@dataclass
class UnitScore:
    unit: str
    items: int
    answered: int
    on_time: int
    rated: int
    satisfied: int
    ab: int
    rehandled: int
    score: float = 0.0
    rank: int = 0
    boilerplate: int = 0  # answers flagged as repeating the unit's earlier answer to another item (answer_quality)
    off_topic: int = 0  # answers flagged as not taking up the item's request


def unit_evaluation(congress: Congress, year: int) -> list[UnitScore]:
    """Score = timeliness weight × on-time share + satisfaction weight × satisfied share
    + A/B weight × A/B share − penalty × re-handlings, per lead unit, ranked. The counts are the kept
    rows of the year (proposals.tallies); the advisory flags are answer_quality's own count."""
    year = report_year(year)
    w_time, w_sat, w_ab, penalty = (rules.get(congress, k) for k in (
        "suggestion.weight_timeliness", "suggestion.weight_satisfaction", "suggestion.weight_ab_share",
        "suggestion.rehandling_penalty"))
    ab_classes = list(rules.get(congress, "suggestion.outcome_classes"))[:2]
    ab_codes = {line.split(maxsplit=1)[0] for line in ab_classes}
    rows: dict[int, UnitScore] = {}
    ratings: defaultdict[int, list[int]] = defaultdict(lambda: [0, 0])

    def row(unit_id: int) -> UnitScore:
        return rows.setdefault(unit_id, UnitScore("", 0, 0, 0, 0, 0, 0, 0))

    for kept_row in kept.read(kept.YEARLY, congress, year):
        kind, n = kept_row.key[0], kept_row.count
        if kind == "u":
            row(kept_row.key[1]).items += n
        elif kind == "a1":
            r = row(kept_row.key[1])
            r.answered, r.on_time = r.answered + n, r.on_time + kept_row.total
            r.ab += n if kept_row.key[2] in ab_codes else 0
        elif kind == "re":
            row(kept_row.key[1]).rehandled += n
        elif kind == "r":
            ratings[kept_row.key[1]][0] += n
            ratings[kept_row.key[1]][1] += kept_row.total
    rows = {unit_id: r for unit_id, r in rows.items() if r.items or r.answered or r.rehandled}
    names = _unit_names(congress, rows)
    flagged = answer_quality.counts_by_unit(congress, Answer.objects.in_congress(congress).filter(
        suggestion__in=Suggestion.objects.in_congress(congress).filter(year=year).exclude(status__in=kept.NOT_COUNTED)
        .values("id")).values("id")) if rows else {}
    share = lambda part, whole: part / whole if whole else 0.0  # noqa: E731
    for unit_id, r in rows.items():
        r.unit = names.get(unit_id, str(unit_id))
        r.rated, r.satisfied = ratings[unit_id]
        r.boilerplate, r.off_topic = flagged.get(unit_id, (0, 0))
        r.score = round(w_time * share(r.on_time, r.answered) + w_sat * share(r.satisfied, r.rated)
                        + w_ab * share(r.ab, r.answered) - penalty * r.rehandled, 1)
    ranked = sorted(rows.values(), key=lambda r: (-r.score, r.unit))
    for n, r in enumerate(ranked, start=1):
        r.rank = n
    return ranked


EVALUATION_HEADINGS = ["名次", "承办单位", "主办件数", "已答复", "按期答复", "评价数", "满意和基本满意", "A、B类", "重新办理", "得分",
                       "套话答复", "答非所问"]


def _evaluation_cells(r: UnitScore) -> list:
    return [r.rank, r.unit, r.items, r.answered, r.on_time, r.rated, r.satisfied, r.ab, r.rehandled, r.score,
            r.boilerplate, r.off_topic]


def evaluation_workbook(congress: Congress, year: int, rows: list[UnitScore], totals: Summary,
                        years: list[YearRates] | None = None):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    sheet = book.active
    sheet.title = "承办单位考评"
    exports.append(sheet, [f"{congress.name}{year}年代表建议承办单位考评"])
    sheet["A1"].font = Font(bold=True, size=14)
    exports.append(sheet, EVALUATION_HEADINGS)
    for r in rows:
        exports.append(sheet, _evaluation_cells(r))
    sheet.column_dimensions["B"].width = 24
    stats = book.create_sheet("办理情况")
    exports.append(stats, ["共计", totals.total, "按期答复率", totals.on_time, "满意率", totals.satisfaction, "办成率", totals.done])
    for title, pairs in [("按状态", totals.by_status), ("按答复分类", totals.by_class), ("按类别", totals.by_category),
                         ("按主办单位", totals.by_unit), ("按代表团", totals.by_delegation)]:
        exports.append(stats, [])
        exports.append(stats, [title])
        for label, n in pairs:
            exports.append(stats, [label, n])
    if years is not None:
        trend = book.create_sheet("历年办理情况")
        exports.append(trend, ["年度", "首次答复件数", "按期答复件数", "按期答复率", "评价数", "满意和基本满意", "满意率"])
        for y in years:
            exports.append(trend, [y.year, y.answered, y.on_time, y.on_time_share, y.rated, y.satisfied,
                                   y.satisfaction_share])
        for row in trend.iter_rows(min_row=2):
            for cell in (row[3], row[6]):
                cell.number_format = "0.0%"
    return book


EVALUATION_PDF_HEADINGS = ["名次", "承办单位", "主办件数", "按期答复", "满意和基本满意", "A、B类", "重新办理", "得分"]


def evaluation_pdf(congress: Congress, year: int, rows: list[UnitScore], totals: Summary) -> bytes:
    """The 考评报告: the year's figures, then the units' scores as a table (a ranking reads down a
    column, not through a paragraph per unit), in the GB/T 9704 layout of core.official_documents."""
    table = [EVALUATION_PDF_HEADINGS] + [[r.rank, r.unit, r.items, r.on_time, r.satisfied, r.ab, r.rehandled, r.score]
                                         for r in rows]
    document = OfficialDocument(
        title=f"关于{year}年代表建议办理情况的考评报告", issuer=f"{congress.name}常务委员会",
        sections=[
            Section(heading="办理总体情况", paragraphs=[
                f"{year}年共交办代表议案建议{totals.total}件，按期答复率{totals.on_time}，代表满意率{totals.satisfaction}，"
                f"承诺事项{totals.commitments}项、办成{totals.fulfilled}项，办成率{totals.done}。"]),
            Section(heading="承办单位考评结果", paragraphs=["承办单位考评结果如下表（按得分排名）：" if rows else
                                                             "本年度没有交办给承办单位的代表建议。"],
                    table=table if rows else None),
        ],
        signature=f"{congress.name}常务委员会", date=timezone.localdate())
    return to_pdf(document)
