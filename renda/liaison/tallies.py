"""Kept aggregates of the stations' work (core.tallies): the yearly statistics (reports.statistics) read
these instead of counting the year's concerns and receptions.

A station's concern (one with a station, not from the opinion register, not dismissed) adds under the
year it was raised one row per figure the statistics fold, by station (``BY_STATION``: key
``(station_id, figure)``) and by county and month (``BY_MONTH``: key ``(area, month, figure)``; the area
is the station's profile's, "" without one):

    "all"                       every counted concern; total: answered or solved   raised, answered
    "on_the_spot"/"referred"/   its way (三办); total: answered or solved           on_the_spot (total),
      "tracked"                                                                     referred, tracked
    "rated"                     a satisfaction recorded; total: (basically) satisfied  rated, satisfied
    "overdue"                   late once, or open with a deadline                 overdue (see below)

"Overdue" in the statistics is a concern that missed a step's deadline (``late``) or is open past its
deadline today. The second half moves with the calendar, not with a write: the kept "overdue" row
counts every concern late once or open with a deadline, and the report subtracts those open, never
late, whose deadline is still to come (``not_yet_due``: a count of the work in hand, not of the
history).

A reception adds (``RECEPTIONS_BY_STATION``: ``(station_id,)``, ``RECEPTIONS_BY_MONTH``:
``(area, month)``) one row whose total is its visitors.

Every action that creates or moves a concern calls ``track`` (before and after its writes, in its
transaction); ``set_up_station`` moves a station's rows when its area changes (``move_area``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import OuterRef, QuerySet, Subquery

from renda.core import tallies
from renda.core.models import Congress
from renda.liaison.models import Concern, Reception, StationProfile

S = Concern.Status
SOLVED = (S.SOLVED, S.ANSWERED, S.CLOSED)
GOOD = (Concern.Satisfaction.SATISFIED, Concern.Satisfaction.BASICALLY)
FIELDS = ("id", "station_id", "source", "status", "path", "raised_on", "late", "due_on", "satisfaction", "area")


def _area_of(congress: Congress) -> Subquery:
    return Subquery(StationProfile.objects.in_congress(congress).filter(station_id=OuterRef("station_id"))
                    .values("area")[:1])


def counted_concerns(congress: Congress) -> QuerySet:
    """The concerns the statistics count, as named rows of the fields their figures read, each with its
    station's area (``area``, None without a profile)."""
    return (Concern.objects.in_congress(congress).filter(station__isnull=False).exclude(status=S.DISMISSED)
            .exclude(source__in=Concern.REGISTER_SOURCES).annotate(area=_area_of(congress))
            .values_list(*FIELDS, named=True).order_by("id"))


def figures(c: Any) -> list[tuple[tuple, int]]:
    """(figure key, total) of one concern, as the statistics fold them."""
    if c.station_id is None or c.status == S.DISMISSED or c.source in Concern.REGISTER_SOURCES:
        return []
    solved = int(c.status in SOLVED)
    rows: list[tuple[tuple, int]] = [(("all",), solved)]
    if c.path:
        rows.append(((c.path,), solved))
    if c.satisfaction:
        rows.append((("rated",), int(c.satisfaction in GOOD)))
    if c.late or (c.status in Concern.OPEN and c.due_on is not None):
        rows.append((("overdue",), 0))
    return rows


def _by_station(c: Any) -> list[tallies.Contribution]:
    return [(c.raised_on.year, (c.station_id, *key), total) for key, total in figures(c)]


def _by_month(c: Any) -> list[tallies.Contribution]:
    area = getattr(c, "area", None) or ""
    return [(c.raised_on.year, (area, c.raised_on.month, *key), total) for key, total in figures(c)]


BY_STATION = tallies.register(tallies.Kept(name="liaison.concerns_by_station", source=counted_concerns,
                                           contributions=_by_station))
BY_MONTH = tallies.register(tallies.Kept(name="liaison.concerns_by_month", source=counted_concerns,
                                         contributions=_by_month))


def counted_receptions(congress: Congress) -> QuerySet:
    return (Reception.objects.in_congress(congress).annotate(area=_area_of(congress))
            .values_list("id", "station_id", "held_on", "visitors", "area", named=True).order_by("id"))


def _reception_by_station(r: Any) -> list[tallies.Contribution]:
    return [(r.held_on.year, (r.station_id,), r.visitors)]


def _reception_by_month(r: Any) -> list[tallies.Contribution]:
    return [(r.held_on.year, (getattr(r, "area", None) or "", r.held_on.month), r.visitors)]


RECEPTIONS_BY_STATION = tallies.register(tallies.Kept(name="liaison.receptions_by_station", source=counted_receptions,
                                                      contributions=_reception_by_station))
RECEPTIONS_BY_MONTH = tallies.register(tallies.Kept(name="liaison.receptions_by_month", source=counted_receptions,
                                                    contributions=_reception_by_month))

def open_concerns(congress: Congress) -> QuerySet:
    """The open concerns the office's inbox counts (every source but the opinion register's)."""
    return (Concern.objects.in_congress(congress).filter(status__in=Concern.OPEN)
            .exclude(source__in=Concern.REGISTER_SOURCES).annotate(area=_area_of(congress))
            .values_list(*FIELDS, named=True).order_by("id"))


def _open(c: Any) -> list[tallies.Contribution]:
    """The inbox's counts (period 0, the present): ("received",) awaiting triage; ("due",) open with a
    deadline — those late today are these less the few whose deadline is still to come."""
    if c.status not in Concern.OPEN or c.source in Concern.REGISTER_SOURCES:
        return []
    return ([(0, ("received",), 0)] if c.status == S.RECEIVED else []) + ([(0, ("due",), 0)] if c.due_on else [])


OPEN = tallies.register(tallies.Kept(name="liaison.open_concerns", source=open_concerns, contributions=_open))

CONCERNS = (BY_STATION, BY_MONTH, OPEN)
RECEPTIONS = (RECEPTIONS_BY_STATION, RECEPTIONS_BY_MONTH)


def _read(congress: Congress, ids: Iterable[int]) -> dict[int, Any]:
    """These concerns as the recounts read them (each aggregate's contributions leave out what it does
    not count)."""
    return {c.id: c for c in Concern.objects.in_congress(congress).filter(pk__in=list(ids))
            .annotate(area=_area_of(congress)).values_list(*FIELDS, named=True)}


def track(congress: Congress, ids: Iterable[int]):
    """Adjust the kept rows of these concerns by what the writes inside the block changed: their
    figures are read from the database before and after (the same query the recount uses). New
    concerns: ``added``."""
    ids = list(ids)
    return tallies.tracking(congress, CONCERNS, lambda: _read(congress, ids).values())


def added(congress: Congress, concerns: Iterable[Concern]) -> None:
    """New concerns: their figures, read back as the recount reads them (with their station's area)."""
    found = _read(congress, [c.pk for c in concerns])
    for kept in CONCERNS:
        tallies.changes(kept, congress, [((), kept.contributions(c)) for c in found.values()])


def reception_added(congress: Congress, reception: Reception) -> None:
    row = counted_receptions(congress).get(pk=reception.pk)
    for kept in RECEPTIONS:
        tallies.change(kept, congress, after=kept.contributions(row))


def move_area(congress: Congress, station_id: int, old: str, new: str) -> None:
    """A station's area changed: its concerns' and receptions' rows by county move with it (a count of
    one station's history, on an action the office takes rarely)."""
    if (old or "") == (new or ""):
        return
    pairs: list[tuple[list, list]]
    sources: list[tuple[tallies.Kept, Callable[[Congress], QuerySet]]] = [(BY_MONTH, counted_concerns),
                                                                           (RECEPTIONS_BY_MONTH, counted_receptions)]
    for kept, source in sources:
        pairs = []
        for row in source(congress).filter(station_id=station_id).iterator(chunk_size=2000):
            pairs.append((list(kept.contributions(row._replace(area=old))),
                          list(kept.contributions(row._replace(area=new)))))
        tallies.changes(kept, congress, pairs)
