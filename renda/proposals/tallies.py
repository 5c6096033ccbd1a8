"""Kept aggregates of motions and suggestions (core.tallies): the yearly report, the report of a
session, the evaluation of handling units and the rates over the years read these instead of
counting the year's items.

Only counted items (accepted, assigned, answered, re-handling or closed) contribute. Each source of
rows adds its figures under the item's year (``proposals.<source>``) and its session
(``proposals.<source>_by_session``); three also add a row to the year's rates
(``proposals.<source>_rates``):

    source        one row per                         key                       total
    items         counted item                        ("s", status)             —
                                                      ("c", category)           —
                                                      ("k", latest answer's class or None)
                  rates:                              ("n",)                    —
    leads         current lead assignment             ("u", unit_id)            —
    lead_authors  lead deputy (delegation at read)    ("p", person_id)          —
    answers       answer, first round                 ("a1", unit_id, class)    answered on time
                  answer, later round (re-handling)   ("re", unit_id)           —
                  rates, first round:                 ("a1",)                   answered on time
    ratings       rating other than 未表态             ("r", answer's unit_id)   satisfied or basically
                  rates:                              ("r",)                    satisfied or basically
    commitments   commitment                          ("m",)                    fulfilled (办成)

One more, not by year: ``proposals.leads_in_handling`` counts the lead assignments of the items in handling
(交办, 重新办理) by their due date (``period``, as the number 20261205) and unit (key ``(unit_id,)``), so
that the office's "units overdue" reads a few hundred kept rows instead of every item in handling.

A row's figures depend on its item's status, year and session (and, for ``leads_in_handling``, on its
assignment's unit and due date, which only assigning, re-handling and a granted request move), so an
action that may move any of them reads every source's rows of its items before and after its writes
(``track`` … ``done``), with
the very queries the recount uses. Saving a draft, submitting, returning and withdrawing move an item
only between states the report does not count, so those actions leave the figures alone.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import F, OuterRef, QuerySet, Subquery

from renda.core import tallies
from renda.core.models import Congress
from renda.people.models import Organisation
from renda.proposals.models import Answer, Assignment, Author, Commitment, Rating, Suggestion
from renda.proposals.queries import IN_HANDLING

S = Suggestion.Status
NOT_COUNTED = [S.DRAFT, S.SUBMITTED, S.RETURNED, S.WITHDRAWN, S.MERGED]
GOOD = (Rating.Level.SATISFIED, Rating.Level.BASICALLY)


def _items(congress: Congress) -> QuerySet:
    latest = (Answer.objects.in_congress(congress).filter(suggestion=OuterRef("pk")).order_by("-round", "-id")
              .values("outcome")[:1])
    return (Suggestion.objects.in_congress(congress).exclude(status__in=NOT_COUNTED)
            .values("id", "status", "category", year_=F("year"), session_=F("session_id"), latest=Subquery(latest))
            .order_by())


def _of_counted(queryset: QuerySet, path: str) -> QuerySet:
    """Rows whose item (at ``path``) is counted, with the item's year and session."""
    return (queryset.exclude(**{f"{path}__status__in": NOT_COUNTED})
            .annotate(year_=F(f"{path}__year"), session_=F(f"{path}__session_id")))


def _leads(congress: Congress) -> QuerySet:
    return (_of_counted(Assignment.objects.in_congress(congress).filter(lead=True, ended_on__isnull=True), "suggestion")
            .values("id", "unit_id", "year_", "session_").order_by())


def _lead_authors(congress: Congress) -> QuerySet:
    return (_of_counted(Author.objects.in_congress(congress).filter(lead=True), "suggestion")
            .values("id", "person_id", "year_", "session_").order_by())


def _answers(congress: Congress) -> QuerySet:
    return (_of_counted(Answer.objects.in_congress(congress), "suggestion")
            .values("id", "unit_id", "round", "outcome", "answered_on", "due_on", "year_", "session_").order_by())


def _ratings(congress: Congress) -> QuerySet:
    return (_of_counted(Rating.objects.in_congress(congress).exclude(result=Rating.Level.NONE), "answer__suggestion")
            .values("id", "result", "year_", "session_", unit_id=F("answer__unit_id")).order_by())


def _commitments(congress: Congress) -> QuerySet:
    return (_of_counted(Commitment.objects.in_congress(congress), "answer__suggestion")
            .values("id", "done_on", "confirmed_on", "year_", "session_").order_by())


def _leads_in_handling(congress: Congress) -> QuerySet:
    return (Assignment.objects.in_congress(congress)
            .filter(lead=True, ended_on__isnull=True, suggestion__status__in=IN_HANDLING)
            .values("id", "unit_id", "due_on").order_by())


def day_number(day: datetime.date) -> int:
    """A date as the kept rows' period: 2026-12-05 as 20261205, so that "before a day" is a range."""
    return day.year * 10000 + day.month * 100 + day.day


def _item_figures(row: dict) -> list[tuple[tuple, int]]:
    return [(("s", row["status"]), 0), (("c", row["category"]), 0), (("k", row["latest"]), 0)]


def _answer_figures(row: dict) -> list[tuple[tuple, int]]:
    if row["round"] == 1:
        return [(("a1", row["unit_id"], row["outcome"]), int(row["answered_on"] <= row["due_on"]))]
    return [(("re", row["unit_id"]), 0)]


def _rating_figures(row: dict) -> list[tuple[tuple, int]]:
    return [(("r", row["unit_id"]), int(row["result"] in GOOD))]


def _commitment_figures(row: dict) -> list[tuple[tuple, int]]:
    return [(("m",), int(row["done_on"] is not None and row["confirmed_on"] is not None))]


def _rates_of(figures: Callable[[dict], list[tuple[tuple, int]]]) -> Callable[[dict], list[tuple[tuple, int]]]:
    """The year's rates row of a source: only the first element of each key (and, for items, ("n",))."""
    def rates(row: dict) -> list[tuple[tuple, int]]:
        if figures is _item_figures:
            return [(("n",), 0)]
        return [((key[0],), total) for key, total in figures(row) if key[0] in ("a1", "r")]
    return rates


@dataclass(frozen=True)
class Source:
    name: str
    rows: Callable[[Congress], QuerySet]
    item: str  # the path from a row to its item's id
    figures: Callable[[dict], list[tuple[tuple, int]]]
    rates: bool  # whether it adds to the rates over the years


SOURCES = [
    Source("items", _items, "id", _item_figures, True),
    Source("leads", _leads, "suggestion_id", lambda r: [(("u", r["unit_id"]), 0)], False),
    Source("lead_authors", _lead_authors, "suggestion_id", lambda r: [(("p", r["person_id"]), 0)], False),
    Source("answers", _answers, "suggestion_id", _answer_figures, True),
    Source("ratings", _ratings, "answer__suggestion_id", _rating_figures, True),
    Source("commitments", _commitments, "answer__suggestion_id", _commitment_figures, False),
]


def _yearly(figures):
    return lambda row: [(row["year_"], key, total) for key, total in figures(row)]


def _by_session(figures):
    return lambda row: [(row["session_"], key, total) for key, total in figures(row)] if row["session_"] else []


# (source, kept) pairs; YEARLY / BY_SESSION / RATES: the kept aggregates a report of a year, of a session
# and the rates over the years read.
KEPT: list[tuple[Source, tallies.Kept]] = []
YEARLY: list[tallies.Kept] = []
BY_SESSION: list[tallies.Kept] = []
RATES: list[tallies.Kept] = []
for source in SOURCES:
    for suffix, contributions, group in [("", _yearly(source.figures), YEARLY),
                                         ("_by_session", _by_session(source.figures), BY_SESSION),
                                         ("_rates", _yearly(_rates_of(source.figures)), RATES)]:
        if group is RATES and not source.rates:
            continue
        made = tallies.register(tallies.Kept(name=f"proposals.{source.name}{suffix}", source=source.rows,
                                             contributions=contributions))
        KEPT.append((source, made))
        group.append(made)
# Its own period and key (not the year's), no report by session and no rates over the years: registered
# on its own, and tracked as the other sources are.
IN_HANDLING_SOURCE = Source("leads_in_handling", _leads_in_handling, "suggestion_id", lambda row: [], False)
LEADS_IN_HANDLING = tallies.register(tallies.Kept(
    name="proposals.leads_in_handling", source=_leads_in_handling,
    contributions=lambda row: [(day_number(row["due_on"]), (row["unit_id"],), 0)]))
KEPT.append((IN_HANDLING_SOURCE, LEADS_IN_HANDLING))
ALL = [k for _, k in KEPT]


def overdue_by_unit(congress: Congress, today: datetime.date) -> list[tuple[str, int]]:
    """The units with lead assignments of items in handling due before ``today``, and how many: the most
    first, then by name (units of the same name counted together, as a list by name shows them)."""
    by_unit = {unit_id: n for (unit_id,), n in tallies.counts_before(LEADS_IN_HANDLING, congress, day_number(today)).items()}
    names = dict(Organisation.objects.in_congress(congress).filter(pk__in=by_unit).values_list("pk", "name"))
    by_name: Counter[str] = Counter()
    for unit_id, n in by_unit.items():
        by_name[names[unit_id]] += n
    return sorted(by_name.items(), key=lambda row: (-row[1], row[0]))


def read(group: list[tallies.Kept], congress: Congress, period: int | None) -> list[tallies.Row]:
    """The kept rows of every source of one group (YEARLY, BY_SESSION or RATES) for a period."""
    return [row for k in group for row in tallies.read(k, congress, period)]


class Tracked:
    """An action's items as they were before its writes: ``done()`` after the writes moves the kept
    figures of every source from that state to the items' state now (core.tallies.Tracked, per source)."""

    def __init__(self, congress: Congress, ids: Iterable[int]):
        ids = list(dict.fromkeys(ids))

        def rows_of(source: Source) -> Callable[[], QuerySet]:
            return lambda: source.rows(congress).filter(**{f"{source.item}__in": ids})

        self.parts = [tallies.Tracked(congress, [k for s, k in KEPT if s is source], rows_of(source))
                      for source in dict.fromkeys(s for s, _ in KEPT)]

    def done(self) -> None:
        for part in self.parts:
            part.done()


def track(congress: Congress, ids: Iterable[int]) -> Tracked:
    """Read the items' figures before an action writes to them (or to their assignments, answers,
    ratings, commitments); call ``done()`` on the answer after the writes."""
    return Tracked(congress, ids)
