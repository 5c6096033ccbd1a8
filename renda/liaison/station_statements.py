"""What a station's page reads, by statements written out once (``core.written_out``).

Each of a province's hundreds of stations is its own page, and each worker works each one out again
after an action writes what it reads (a concern raised redraws every station's queue): the ORM spent
longer building the page's six queries than the database took to answer them. Same tables, same predicates (the congress first), same order as the ORM's queries they replace
(``reports.open_concerns`` for the page's queue); tests compare both.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass

from django.db import connection
from django.utils import timezone

from renda.core.models import Congress
from renda.core.written_out import (
    columns,
    fetch_one,
    partial_instance,
    placeholders,
    quoted,
    some_columns,
    table,
)
from renda.liaison.models import Concern, CppccMember, Reception, RotaSlot, StationProfile
from renda.people.models import Mandate, Organisation, Person

# What a row of the queue shows (liaison/queue_rows.jinja): the station is the page's own.
QUEUE_COLUMNS = ("id", "source", "category", "text", "status", "step_owner", "due_on")
SOURCES, STATUSES = dict(Concern.Source.choices), dict(Concern.Status.choices)


@dataclass(frozen=True, slots=True)
class QueueRow:
    """A concern as its row in a station's queue shows it: what the template reads of a ``Concern``
    (a model instance per row cost more than reading the rows)."""

    pk: int
    station: Organisation
    source: str
    category: str
    text: str
    status: str
    step_owner: str
    due_on: datetime.date | None

    def get_source_display(self) -> str:
        return str(SOURCES.get(self.source, self.source))

    def get_status_display(self) -> str:
        return str(STATUSES.get(self.status, self.status))


def queue(congress: Congress, station: Organisation, *, after: int | None, overdue_only: bool, limit: int) -> list[QueueRow]:
    """The station's open concerns, newest first, ``limit`` after the id ``after``; only those past their
    due date when ``overdue_only``."""
    where = ['c."congress_id" = %s', f'c."status" IN ({placeholders(len(Concern.OPEN))})', 'c."station_id" = %s']
    params: list = [congress.pk, *Concern.OPEN, station.pk]
    if overdue_only:
        where.append('c."due_on" < %s')
        params.append(_date(Concern, "due_on", timezone.localdate()))
    highest = connection.ops.integer_field_range(Concern._meta.pk.get_internal_type())[1]
    if after and after <= highest:  # below a number the key cannot hold is every row, as the ORM has it
        where.append('c."id" < %s')
        params.append(after)
    statement = (f"SELECT {', '.join(f'c.{quoted(name)}' for name in QUEUE_COLUMNS)} FROM {table(Concern)} c "
                 f"WHERE {' AND '.join(where)} ORDER BY c.\"id\" DESC LIMIT %s")
    with connection.cursor() as cursor:
        cursor.execute(statement, [*params, limit])
        rows = cursor.fetchall()
    due_on = Concern._meta.get_field("due_on")
    return [QueueRow(pk, station, source, category, text, status, step_owner, due_on.to_python(due))
            for pk, source, category, text, status, step_owner, due in rows]


def profile(congress: Congress, station: Organisation) -> StationProfile | None:
    return fetch_one(StationProfile, f"SELECT {columns(StationProfile)} FROM {table(StationProfile)} "
                                     f"WHERE \"congress_id\" = %s AND \"station_id\" = %s", [congress.pk, station.pk])


@functools.cache
def _rota_statement() -> str:
    # A slot is a deputy's (its mandate's person) or a CPPCC member's (the member's person).
    return (f"SELECT r.\"on\", dp.\"name\", cp.\"name\" FROM {table(RotaSlot)} r "
            f"LEFT OUTER JOIN {table(Mandate)} m ON m.\"id\" = r.\"mandate_id\" "
            f"LEFT OUTER JOIN {table(Person)} dp ON dp.\"id\" = m.\"person_id\" "
            f"LEFT OUTER JOIN {table(CppccMember)} cm ON cm.\"id\" = r.\"cppcc_member_id\" "
            f"LEFT OUTER JOIN {table(Person)} cp ON cp.\"id\" = cm.\"person_id\" "
            f"WHERE r.\"congress_id\" = %s AND r.\"station_id\" = %s AND r.\"on\" BETWEEN %s AND %s "
            f"ORDER BY r.\"on\", r.\"id\"")


def rota_slots(congress: Congress, station: Organisation, first: datetime.date,
               last: datetime.date) -> list[tuple[datetime.date, str, str | None]]:
    """Each slot from ``first`` to ``last``, in the rota's order: (day, the deputy's name, the CPPCC
    member's name), one of the names None."""
    with connection.cursor() as cursor:
        cursor.execute(_rota_statement(), [congress.pk, station.pk, _date(RotaSlot, "on", first), _date(RotaSlot, "on", last)])
        rows = cursor.fetchall()
    on = RotaSlot._meta.get_field("on")
    return [(on.to_python(day), deputy, cppcc) for day, deputy, cppcc in rows]


def deputies(congress: Congress, station: Organisation) -> list[str]:
    """The names of the deputies serving who sit at the station, by name."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT p.\"name\" FROM {table(Mandate)} m INNER JOIN {table(Person)} p ON p.\"id\" = m.\"person_id\" "
                       f"WHERE m.\"congress_id\" = %s AND m.\"liaison_station_id\" = %s AND m.\"status\" = %s "
                       f"ORDER BY p.\"name\" ASC", [congress.pk, station.pk, Mandate.Status.SERVING.value])
        return [name for (name,) in cursor.fetchall()]


RECEPTION_FIELDS = ("id", "congress_id", "station_id", "held_on", "visitors")


def receptions(congress: Congress, station: Organisation, limit: int) -> list[dict]:
    """The station's last ``limit`` receptions: when, how many came, how many CPPCC members sat."""
    members = Reception.cppcc_members.through
    statement = (f"SELECT {some_columns(Reception, RECEPTION_FIELDS, 'r')}, "
                 f"(SELECT COUNT(*) FROM {table(members)} x WHERE x.\"reception_id\" = r.\"id\") "
                 f"FROM {table(Reception)} r WHERE r.\"congress_id\" = %s AND r.\"station_id\" = %s "
                 f"ORDER BY r.\"held_on\" DESC, r.\"id\" DESC LIMIT %s")
    with connection.cursor() as cursor:
        cursor.execute(statement, [congress.pk, station.pk, limit])
        rows = cursor.fetchall()
    width = len(RECEPTION_FIELDS)
    found = []
    for row in rows:
        reception = partial_instance(Reception, RECEPTION_FIELDS, row[:width])
        found.append({"held_on": reception.held_on, "visitors": reception.visitors, "cppcc_count": row[width]})
    return found


def _date(model, name: str, day: datetime.date):
    """A date as the field gives it to this database (as the ORM's filters do)."""
    return model._meta.get_field(name).get_db_prep_value(day, connection)
