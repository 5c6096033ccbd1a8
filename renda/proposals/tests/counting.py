"""The report's figures counted afresh from the items, as the report counted them before it read the
kept rows (proposals.tallies): the oracle the kept figures are compared with."""

from __future__ import annotations

from collections import Counter, defaultdict

from django.db.models import Count, F, OuterRef, Q, Subquery

from renda.answer_quality import queries as answer_quality
from renda.core import rules
from renda.core.models import Congress
from renda.people.models import Mandate
from renda.people.validation import report_year
from renda.proposals.models import Answer, Assignment, Author, Commitment, Rating, Suggestion
from renda.proposals.reports import YEARS_SHOWN, Summary, UnitScore, YearRates, _rate

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
