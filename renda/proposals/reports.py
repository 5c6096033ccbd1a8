"""Reports on motions and suggestions per session or year, and the yearly evaluation of handling
units by a configurable formula (suggestion.weight_* rules). Every figure is a grouped query, so a
report costs in proportion to the items it counts."""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass

from django.db.models import Count, F, OuterRef, Q, Subquery
from django.utils import timezone

from renda.answer_quality import queries as answer_quality
from renda.core import exports, rules
from renda.core.models import Congress
from renda.core.official_documents import OfficialDocument, Section, to_pdf
from renda.people.models import Mandate
from renda.people.validation import report_year
from renda.proposals.models import Answer, Assignment, Author, Commitment, Rating, Suggestion

S = Suggestion.Status
NOT_COUNTED = [S.DRAFT, S.SUBMITTED, S.RETURNED, S.WITHDRAWN, S.MERGED]
GOOD = [Rating.Level.SATISFIED, Rating.Level.BASICALLY]


def counted(congress: Congress, *, year: int | None = None, session=None):
    """The items a report counts: accepted ones (numbered), of a year or a session."""
    items = Suggestion.objects.in_congress(congress).exclude(status__in=NOT_COUNTED)
    if session is not None:
        items = items.filter(session=session)
    if year is not None:
        items = items.filter(year=report_year(year))
    return items


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


def summary(congress: Congress, *, year: int | None = None, session=None) -> Summary:
    items = counted(congress, year=year, session=session)
    ids = items.values("id")
    labels = dict(S.choices)
    last_class = Answer.objects.in_congress(congress).filter(suggestion=OuterRef("pk")).order_by("-round").values("outcome")[:1]
    by_class = Counter(dict(items.annotate(c=Subquery(last_class)).values_list("c").annotate(n=Count("id"))))
    by_unit = (Assignment.objects.in_congress(congress).filter(suggestion__in=ids, lead=True, ended_on__isnull=True)
               .values_list("unit__name").annotate(n=Count("id")).order_by("-n"))
    leads = dict(Author.objects.in_congress(congress).filter(suggestion__in=ids, lead=True).values_list("suggestion_id",
                                                                                                   "person_id"))
    delegation_of = dict(Mandate.objects.in_congress(congress).filter(person_id__in=set(leads.values()))
                         .values_list("person_id", "delegation__name"))
    first = Answer.objects.in_congress(congress).filter(suggestion__in=ids, round=1)
    on_time = first.filter(answered_on__lte=F("due_on")).count()
    ratings = Rating.objects.in_congress(congress).filter(answer__suggestion__in=ids).exclude(result=Rating.Level.NONE)
    commitments = Commitment.objects.in_congress(congress).filter(answer__suggestion__in=ids)
    fulfilled = commitments.filter(done_on__isnull=False, confirmed_on__isnull=False).count()
    total_commitments = commitments.count()
    return Summary(
        total=items.count(),
        by_status=[(labels[s], n) for s, n in items.values_list("status").annotate(n=Count("id")).order_by("status")],
        by_class=sorted(((c or "未答复", n) for c, n in by_class.items()), key=lambda x: x[0]),
        by_category=list(items.values_list("category").annotate(n=Count("id")).order_by("-n")),
        by_unit=list(by_unit),
        by_delegation=Counter(delegation_of.get(p) or "（无代表团）" for p in leads.values()).most_common(),
        on_time=_rate(on_time, first.count()),
        satisfaction=_rate(ratings.filter(result__in=GOOD).count(), ratings.count()),
        done=_rate(fulfilled, total_commitments), commitments=total_commitments, fulfilled=fulfilled)


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
    ``YEARS_SHOWN`` back) to ``last_year``: two grouped queries, whatever the number of years."""
    last_year = report_year(last_year)
    items = counted(congress).filter(year__gt=last_year - YEARS_SHOWN, year__lte=last_year)
    first_year = items.order_by("year").values_list("year", flat=True).first()
    if first_year is None:
        return []
    ids = items.values("id")
    answers = {y: (n, good) for y, n, good in (
        Answer.objects.in_congress(congress).filter(suggestion__in=ids, round=1).values_list("suggestion__year")
        .annotate(n=Count("id"), good=Count("id", filter=Q(answered_on__lte=F("due_on")))).order_by())}
    ratings = {y: (n, good) for y, n, good in (
        Rating.objects.in_congress(congress).filter(answer__suggestion__in=ids).exclude(result=Rating.Level.NONE)
        .values_list("answer__suggestion__year")
        .annotate(n=Count("id"), good=Count("id", filter=Q(result__in=GOOD))).order_by())}
    return [YearRates(y, *answers.get(y, (0, 0)), *ratings.get(y, (0, 0))) for y in range(first_year, last_year + 1)]


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
    + A/B weight × A/B share − penalty × re-handlings, per lead unit, ranked."""
    ids = counted(congress, year=year).values("id")
    w_time, w_sat, w_ab, penalty = (rules.get(congress, k) for k in (
        "suggestion.weight_timeliness", "suggestion.weight_satisfaction", "suggestion.weight_ab_share",
        "suggestion.rehandling_penalty"))
    ab_classes = list(rules.get(congress, "suggestion.outcome_classes"))[:2]
    ab_codes = [line.split(maxsplit=1)[0] for line in ab_classes]
    rows: dict[int, UnitScore] = {}
    names = {}
    for unit_id, name, n in (Assignment.objects.in_congress(congress).filter(suggestion__in=ids, lead=True, ended_on__isnull=True)
                             .values_list("unit_id", "unit__name").annotate(n=Count("id"))):
        names[unit_id] = name
        rows[unit_id] = UnitScore(name, n, 0, 0, 0, 0, 0, 0)
    answers = (Answer.objects.in_congress(congress).filter(suggestion__in=ids).values("unit_id").annotate(
        answered=Count("id", filter=Q(round=1)),
        on_time=Count("id", filter=Q(round=1, answered_on__lte=F("due_on"))),
        ab=Count("id", filter=Q(round=1, outcome__in=ab_codes)),
        rehandled=Count("id", filter=Q(round__gt=1))))
    for a in answers:
        row = rows.setdefault(a["unit_id"], UnitScore(names.get(a["unit_id"], str(a["unit_id"])), 0, 0, 0, 0, 0, 0, 0))
        row.answered, row.on_time, row.ab, row.rehandled = a["answered"], a["on_time"], a["ab"], a["rehandled"]
    ratings: defaultdict[int, list[int]] = defaultdict(lambda: [0, 0])
    for unit_id, rated, good in (Rating.objects.in_congress(congress).filter(answer__suggestion__in=ids)
                                 .exclude(result=Rating.Level.NONE).values_list("answer__unit_id")
                                 .annotate(rated=Count("id"), good=Count("id", filter=Q(result__in=GOOD)))):
        ratings[unit_id] = [rated, good]
    flagged = answer_quality.counts_by_unit(congress, Answer.objects.in_congress(congress).filter(suggestion__in=ids)
                                            .values("id"))
    for unit_id, row in rows.items():
        row.rated, row.satisfied = ratings[unit_id]
        row.boilerplate, row.off_topic = flagged.get(unit_id, (0, 0))
        share = lambda part, whole: part / whole if whole else 0.0  # noqa: E731
        row.score = round(w_time * share(row.on_time, row.answered) + w_sat * share(row.satisfied, row.rated)
                          + w_ab * share(row.ab, row.answered) - penalty * row.rehandled, 1)
    ranked = sorted(rows.values(), key=lambda r: (-r.score, r.unit))
    for n, row in enumerate(ranked, start=1):
        row.rank = n
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
