"""Reading the records (履职档案): one deputy's year (``record_for``), every deputy's year for the
list and the spreadsheet (``all_deputies``: one grouped query per figure), the combined record of a
person who is a deputy at several levels (``combined_for``: the named cross-congress query
``combined_record``), and who may see what.

A record exists for a person who held a mandate of the congress at some time in the year; for anyone
else it is not found."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Q, QuerySet
from django.utils import timezone

from renda.core.errors import NotFound
from renda.core.models import Congress
from renda.core.permissions import may
from renda.core.tenancy import congress_scope, cross_congress_query
from renda.duty_reports.queries import results_for
from renda.people.models import Mandate, Person
from renda.people.validation import FIRST_REPORT_YEAR
from renda.records import figures
from renda.records.models import RecordNote
from renda.records.score import Score, score, weights


def held_in(year: int) -> Q:
    """A mandate in force at some time in the year."""
    return Q(elected_on__lte=datetime.date(year, 12, 31)) & (
        Q(ended_on__isnull=True) | Q(ended_on__gte=datetime.date(year, 1, 1)))


def mandates_in(congress: Congress, year: int) -> QuerySet:
    return (Mandate.objects.in_congress(congress).filter(held_in(year))
            .select_related("person", "delegation", "deputy_group", "liaison_station").order_by("person_id", "-elected_on", "-id"))


@dataclass
class Line:
    key: str
    label: str
    section: str
    unit: str
    value: int | Decimal
    help: str = ""


@dataclass
class Record:
    congress: Congress
    person: Person
    year: int
    mandate: Mandate | None
    lines: list[Line]
    note: RecordNote | None = None
    duty_results: list = field(default_factory=list)
    score: Score | None = None

    @property
    def values(self) -> dict[str, int | Decimal]:
        return {line.key: line.value for line in self.lines}

    @property
    def sections(self) -> list[tuple[str, list[Line]]]:
        return [(name, [line for line in self.lines if line.section == name]) for name in figures.SECTIONS]


def _line(f: figures.Figure, value) -> Line:
    return Line(f.key, f.label, f.section, f.unit, value, f.help)


def check_year(year: int) -> None:
    """A record is of a year that has begun: from the first year reports go back to (FIRST_REPORT_YEAR)
    to this one; any other year (0, 9999, next year) has no record."""
    if not FIRST_REPORT_YEAR <= year <= timezone.localdate().year:
        raise NotFound(f"没有{year}年的履职档案：年度须在{FIRST_REPORT_YEAR}年至今年之间")


def deputy_in(congress: Congress, person_id, year: int) -> Mandate:
    """The person's mandate of this congress in the year (the latest), or NotFound."""
    check_year(year)
    pk = getattr(person_id, "pk", person_id)
    mandate = mandates_in(congress, year).filter(person_id=pk).first() if isinstance(pk, int) else None
    if mandate is None:
        raise NotFound("找不到该代表在本年度的履职档案")
    return mandate


def record_for(congress: Congress, person, year: int) -> Record:
    """One deputy's year, every figure computed now from its source rows."""
    with congress_scope(congress):
        mandate = deputy_in(congress, person, year)
        lines = [_line(f, figures.count(congress, mandate.person_id, year, f.key).value) for f in figures.FIGURES]
        note = RecordNote.objects.in_congress(congress).filter(person_id=mandate.person_id, year=year).first()
        duty = [r for r in results_for(congress, mandate.person_id) if r.plan.year == year]
        weighting = weights(congress)
        record = Record(congress, mandate.person, year, mandate, lines, note, duty)
        if weighting is not None:
            record.score = score(record.values, weighting)
        return record


def all_deputies(congress: Congress, year: int, *, delegation=None, group=None, station=None) -> list[Record]:
    """Every deputy who held a mandate in the year (filtered by delegation, group or station), with all
    figures: one query for the deputies and one grouped query per figure (per way), whatever their number."""
    with congress_scope(congress):
        mandates = mandates_in(congress, year)
        if delegation:
            mandates = mandates.filter(delegation_id=getattr(delegation, "pk", delegation))
        if group:
            mandates = mandates.filter(deputy_group_id=getattr(group, "pk", group))
        if station:
            mandates = mandates.filter(liaison_station_id=getattr(station, "pk", station))
        latest: dict[int, Mandate] = {}
        for m in mandates:
            latest.setdefault(m.person_id, m)
        ids = list(latest)
        values = {f.key: figures.counts(congress, year, ids, f.key) for f in figures.FIGURES} if ids else {}
        weighting = weights(congress)
        records = []
        for pid, m in sorted(latest.items(), key=lambda item: (item[1].person.name, item[0])):
            lines = [_line(f, values[f.key].get(pid, 0)) for f in figures.FIGURES]
            record = Record(congress, m.person, year, m, lines)
            if weighting is not None:
                record.score = score(record.values, weighting)
            records.append(record)
        return records


@dataclass
class Combined:
    person: Person
    year: int
    records: list[Record]

    @property
    def lines(self) -> list[Line]:
        totals: dict[str, int | Decimal] = {}
        for record in self.records:
            for line in record.lines:
                totals[line.key] = totals.get(line.key, 0) + line.value
        return [_line(f, totals.get(f.key, 0)) for f in figures.FIGURES]

    @property
    def values(self) -> dict[str, int | Decimal]:
        return {line.key: line.value for line in self.lines}

    @property
    def sections(self) -> list[tuple[str, list[Line]]]:
        lines = self.lines
        return [(name, [line for line in lines if line.section == name]) for name in figures.SECTIONS]


def congresses_holding(person, year: int) -> list[Congress]:
    """The congresses where the person held a mandate in the year (五级代表), highest level first."""
    pk = getattr(person, "pk", person)
    with cross_congress_query("combined_record"):
        ids = set(Mandate.unscoped.filter(held_in(year), person_id=pk).values_list("congress_id", flat=True))
    order = {level: n for n, level in enumerate(["national", "provincial", "city", "county", "township"])}
    return sorted(Congress.objects.filter(pk__in=ids), key=lambda c: (order.get(c.level, 9), c.pk))


def combined_for(person, year: int) -> Combined:
    check_year(year)
    """The named cross-congress report ``combined_record``: the person's records added up over the
    congresses where they hold a mandate that year, and no other congress is read."""
    pk = getattr(person, "pk", person)
    congresses = congresses_holding(pk, year)
    if not congresses:
        raise NotFound("找不到该代表在本年度的履职档案")
    records = [record_for(c, pk, year) for c in congresses]
    return Combined(records[0].person, year, records)


# ---------------------------------------------------------------- who sees what


def person_of(user) -> Person | None:
    return getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None


def sees_all(user, congress: Congress) -> bool:
    return may(user, congress, "view_records")


def may_see(user, congress: Congress, person_id: int) -> bool:
    """Staff see every record; a deputy their own."""
    if sees_all(user, congress):
        return True
    own = person_of(user)
    return own is not None and own.pk == person_id and may(user, congress, "view_own_record")
