"""Aggregates kept as the writes happen: reports whose cost does not grow with history.

A report that counted its rows on every request (the year's concerns, the suggestions by unit) costs
more each year. Instead, each such report declares a ``Kept`` aggregate: the rows it reads
(``source``) and what one row contributes (``contributions``: ``(period, key, total)`` triples, usually
the year, a tuple of dimensions, and a number to sum such as days taken). Every action that adds,
changes or removes such a row calls ``change(kept, congress, before, after)`` with the row's
contributions before and after, in the action's own transaction, so the kept counts commit or roll
back with the write (a savepoint that rolls back takes its adjustment with it). The report then reads
``read(kept, congress, period)``: one row per combination of dimensions that occurs.

``rebuild`` recounts an aggregate from its source rows (``renda manage rebuild_tallies``), and the
tests of each aggregate compare the kept rows with a full recount after a random mix of writes,
corrections and deletions.

Apps declare their aggregates in a ``tallies.py`` module with ``register(Kept(...))``.
"""

from __future__ import annotations

import contextlib
import json
import re
import threading
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.db import connection, transaction
from django.db.models import QuerySet, Sum
from django.utils.module_loading import autodiscover_modules

from renda.core import before_commit
from renda.core.models import Congress, Tally

Contribution = tuple[int, tuple, int]  # (period, key, total)


@dataclass(frozen=True)
class Kept:
    name: str                                               # "liaison.concerns"
    source: Callable[[Congress], QuerySet]                   # the rows a recount reads
    contributions: Callable[[Any], Iterable[Contribution]]  # what one source row adds


REGISTRY: dict[str, Kept] = {}


def register(kept: Kept) -> Kept:
    REGISTRY[kept.name] = kept
    return kept


def all_kept() -> dict[str, Kept]:
    autodiscover_modules("tallies")
    return REGISTRY


def encode(key: tuple) -> str:
    return json.dumps(list(key), ensure_ascii=False, separators=(",", ":"))


def _upsert(congress_id: int, name: str, rows: dict[tuple[int, str], tuple[int, int]]) -> None:
    """Add (count, total) to each (period, key) row, creating it when missing."""
    _add_to_rows([(congress_id, name, period, key, count, total)
                  for (period, key), (count, total) in rows.items() if count or total])


UPSERT_CHUNK = 500  # rows a statement: 3,000 placeholders, within both databases' limits


def _add_to_rows(params: list[tuple[int, str, int, str, int, int]]) -> None:
    """``INSERT … ON CONFLICT … DO UPDATE``, the same on SQLite and PostgreSQL: two transactions adding to
    the same new row cannot both insert it (the unique constraint ``tally_one_row``). Many rows go in one
    statement (one round trip to PostgreSQL, where a batch of statements took several), in one order
    (name, period, key), so that two transactions take the rows' locks in the same order."""
    if not params:
        return
    table = Tally._meta.db_table
    params = sorted(params, key=lambda row: (row[1], row[2], row[3]))
    with connection.cursor() as cursor:
        for start in range(0, len(params), UPSERT_CHUNK):
            chunk = params[start:start + UPSERT_CHUNK]
            values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(chunk))
            cursor.execute(f'INSERT INTO {table} (congress_id, name, period, "key", count, total) VALUES {values} '
                           f'ON CONFLICT (congress_id, name, period, "key") DO UPDATE SET '
                           f'count = {table}.count + excluded.count, total = {table}.total + excluded.total',
                           [value for row in chunk for value in row])


def _net(before: Iterable[Contribution], after: Iterable[Contribution]) -> dict[tuple[int, str], tuple[int, int]]:
    rows: dict[tuple[int, str], list[int]] = {}
    for sign, contributions in ((-1, before), (1, after)):
        for period, key, total in contributions:
            row = rows.setdefault((period, encode(key)), [0, 0])
            row[0] += sign
            row[1] += sign * total
    return {k: (c, t) for k, (c, t) in rows.items()}


def change(kept: Kept, congress: Congress, before: Iterable[Contribution] = (),
           after: Iterable[Contribution] = ()) -> None:
    """Move a row's contributions from ``before`` to ``after`` (empty before: a new row; empty after: a
    removed one). Must run inside the writing action's transaction."""
    _upsert(congress.pk, kept.name, _net(before, after))


def changes(kept: Kept, congress: Congress, pairs: Iterable[tuple[Iterable[Contribution], Iterable[Contribution]]]) -> None:
    """``change`` for many rows at once (a batch action)."""
    rows: dict[tuple[int, str], tuple[int, int]] = {}
    for before, after in pairs:
        for k, (c, t) in _net(before, after).items():
            old = rows.get(k, (0, 0))
            rows[k] = (old[0] + c, old[1] + t)
    _upsert(congress.pk, kept.name, rows)


class Tracked:
    """Source rows as they were before an action's writes: ``done()`` after the writes moves each given
    aggregate's kept figures from that state to the state ``read()`` gives now, in the action's
    transaction. ``read`` returns the rows the writes may touch, as the aggregates' source gives them
    (a refusal raised before ``done()`` moves nothing; the transaction rolls back anyway)."""

    def __init__(self, congress: Congress, kept: Iterable[Kept], read: Callable[[], Iterable[Any]]):
        self.congress, self.kept, self.read = congress, list(kept), read
        self.before = self._contributions()  # now: ``read`` may hand back the very objects the action changes

    def _contributions(self) -> dict[str, list[Contribution]]:
        rows = list(self.read())
        return {k.name: [c for row in rows for c in k.contributions(row)] for k in self.kept}

    def done(self) -> None:
        after = self._contributions()
        for k in self.kept:
            change(k, self.congress, before=self.before[k.name], after=after[k.name])


@contextlib.contextmanager
def tracking(congress: Congress, kept: Iterable[Kept], read: Callable[[], Iterable[Any]]) -> Iterator[None]:
    """``Tracked`` around a block of writes."""
    tracked = Tracked(congress, kept, read)
    yield
    tracked.done()


@dataclass
class Row:
    key: tuple
    count: int
    total: int


def read(kept: Kept, congress: Congress, period: int | None = None) -> list[Row]:
    """The kept rows of one period (or of all), empty combinations left out."""
    rows = Tally.objects.in_congress(congress).filter(name=kept.name).exclude(count=0, total=0)
    if period is not None:
        rows = rows.filter(period=period)
    return [Row(tuple(json.loads(key)), count, total) for key, count, total in rows.values_list("key", "count", "total")]


def counts_before(kept: Kept, congress: Congress, period: int) -> dict[tuple, int]:
    """Each key's count summed over the periods before ``period`` (a figure kept by day: how many fell due
    before a day), keys with none left out."""
    rows = (Tally.objects.in_congress(congress).filter(name=kept.name, period__lt=period)
            .values_list("key").annotate(n=Sum("count")).order_by())
    return {tuple(json.loads(key)): n for key, n in rows if n}


def periods(kept: Kept, congress: Congress) -> list[int]:
    return list(Tally.objects.in_congress(congress).filter(name=kept.name, count__gt=0)
                .values_list("period", flat=True).distinct().order_by("period"))


def recount(kept: Kept, congress: Congress) -> dict[tuple[int, str], tuple[int, int]]:
    """The aggregate counted afresh from its source rows: {(period, key): (count, total)}."""
    counts: Counter = Counter()
    totals: Counter = Counter()
    for row in kept.source(congress).iterator(chunk_size=2000):
        for period, key, total in kept.contributions(row):
            counts[(period, encode(key))] += 1
            totals[(period, encode(key))] += total
    return {k: (counts[k], totals[k]) for k in counts if counts[k] or totals[k]}


def stored(kept: Kept, congress: Congress) -> dict[tuple[int, str], tuple[int, int]]:
    """The kept rows as ``recount`` gives them, to compare."""
    rows = Tally.objects.in_congress(congress).filter(name=kept.name).exclude(count=0, total=0)
    return {(p, k): (c, t) for p, k, c, t in rows.values_list("period", "key", "count", "total")}


def rebuild(kept: Kept, congress: Congress) -> int:
    """Replace the kept rows with a full recount (after a bulk load, or if ever in doubt). Returns the
    number of rows written. The kept rows are locked against concurrent writers by the transaction."""
    with transaction.atomic():
        Tally.objects.in_congress(congress).filter(name=kept.name).delete()
        fresh = recount(kept, congress)
        Tally.objects.bulk_create([Tally(congress=congress, name=kept.name, period=p, key=k, count=c, total=t)
                                   for (p, k), (c, t) in fresh.items()], batch_size=1000)
        # What was computed from the old figures is redrawn, whatever tables it is kept by (core.inbox).
        _upsert(congress.pk, WRITES, {(0, _part_key("")): (1, 0), (0, _part_key(EVERY_TABLE)): (1, 0)})
    return len(fresh)


WRITES = "core.writes"
WRITES_BY_TABLE = "core.writes.tables"


_request = threading.local()  # the versions read during the current request (``reading_versions``)


def _part_key(part: str) -> str:
    return encode((part,)) if part else "[]"


EVERY_TABLE = "*"  # the part moved by a write whose tables are not known (see note_write)


def note_write(congress: Congress, *parts: str) -> None:
    """Count one more committed action of this congress (once per action, at its end, in its
    transaction). The count is the congress's data version: what was computed from its data at
    version n is still right at version n. A write that also changes a named part of the data
    (``"rules"``: the congress's rule settings) moves that part's own version too, so what depends
    on that part alone (the rules a hall screen asks on every poll) outlives the votes being cast.

    A write noted here, outside what an action's statements showed (``note_tables``), may have touched
    any table: it also moves ``EVERY_TABLE``, which every value kept by its tables' versions depends on."""
    _merge(congress, parts={*parts, EVERY_TABLE})


def note_tables(congress: Congress, tables: Iterable[str]) -> None:
    """One more committed action, and one more write to each table its statements wrote, so that what was
    worked out from other tables (``table_versions``: a person's to-do list, source by source) is kept."""
    _merge(congress, tables=set(tables))


@contextlib.contextmanager
def noting_tables(congress: Congress) -> Iterator[None]:
    """Around an action's body (core.usecase): ``note_tables`` with the tables its statements wrote, when
    it returns. The search index's deferred writes come after it, and nothing kept by its tables reads the
    index (core/tests/test_demo.py checks the inbox's reads)."""
    with tables_written() as written:
        yield
    note_tables(congress, written)


def _merge(congress: Congress, parts: Iterable[str] = (), tables: Iterable[str] = ()) -> None:
    key = (WRITES, congress.pk)
    earlier = before_commit.pending(key)  # one bump per action, of every part and table any of its writes named
    if isinstance(earlier, _Bump):
        parts, tables = [*parts, *earlier.parts], [*tables, *earlier.tables]
    before_commit.defer(key, _Bump(congress.pk, set(parts), set(tables)))


class _Bump:
    def __init__(self, congress_id: int, parts: set[str], tables: set[str]):
        self.congress_id, self.parts, self.tables = congress_id, parts, tables

    def __call__(self) -> None:
        _add_to_rows([(self.congress_id, WRITES, 0, _part_key(part), 1, 0) for part in ("", *self.parts)]
                     + [(self.congress_id, WRITES_BY_TABLE, 0, table, 1, 0) for table in self.tables])
        if getattr(_request, "versions", None) is not None:  # this request reads the new versions from now on
            for name in (WRITES, WRITES_BY_TABLE):
                _request.versions.pop((self.congress_id, name), None)


# A statement that writes, and the table it writes (Django's and ours quote the name; tallies' own do not).
_WRITE = re.compile(r'\s*(?:INSERT\s+(?:OR\s+\w+\s+)?INTO|UPDATE|DELETE\s+FROM)\s+"?(\w+)"?', re.IGNORECASE)
_READ_OR_CONTROL = re.compile(r"\s*(?:SELECT|SAVEPOINT|RELEASE|ROLLBACK|BEGIN|COMMIT|PRAGMA|SET|SHOW)\b", re.IGNORECASE)


@contextlib.contextmanager
def tables_written() -> Iterator[set[str]]:
    """The tables the statements run inside the block write, as a set filled while it runs. A writing
    statement of another shape (``WITH … UPDATE``) counts as ``EVERY_TABLE``."""
    written: set[str] = set()

    def noting(execute, sql, params, many, context):
        found = _WRITE.match(sql)
        if found:
            written.add(found.group(1))
        elif not _READ_OR_CONTROL.match(sql):
            written.add(EVERY_TABLE)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(noting):
        yield written


@contextlib.contextmanager
def reading_versions() -> Iterator[None]:
    """Within a request (core.middleware): each congress's version is read once, however many parts of
    the page ask, and read again after the request's own action moved it."""
    _request.versions = {}
    try:
        yield
    finally:
        _request.versions = None


def data_version(congress: Congress, part: str = "") -> int:
    """The number of actions committed in this congress so far (or, given a part, of those that
    changed it): one statement reads every part's row by the unique index. Every page asks (the
    header's to-do count), so the statement is written out rather than built by the ORM, which took
    longer to build it than the database to answer."""
    return _versions(congress.pk, WRITES).get(_part_key(part), 0)


def versions_column() -> str:
    """What ``data_version`` reads, every part's row of a congress, as one JSON object: a column another
    statement can carry, so that a signed-in page reads its session, its account and the versions in one
    round trip (core.sessions). Its two parameters are the congress's id and ``WRITES``."""
    aggregate = "json_object_agg" if connection.vendor == "postgresql" else "json_group_object"
    return (f'(SELECT {aggregate}("key", "count") FROM "{Tally._meta.db_table}" '
            f'WHERE "congress_id" = %s AND "name" = %s AND "period" = 0)')


def versions_wanted(congress_id: int) -> bool:
    """This request has not read the congress's versions yet (and reads them once: ``reading_versions``)."""
    memo = getattr(_request, "versions", None)
    return memo is not None and (congress_id, WRITES) not in memo


def versions_read(congress_id: int, found: dict | str | None) -> None:
    """The versions another statement read by ``versions_column`` (PostgreSQL gives the object decoded,
    SQLite as text, and PostgreSQL no object at all for a congress with no action yet), kept for this
    request as ``data_version`` would have kept its own reading."""
    memo = getattr(_request, "versions", None)
    if memo is None:
        return
    versions = json.loads(found) if isinstance(found, str) else (found or {})
    memo.setdefault((congress_id, WRITES), {str(key): int(count) for key, count in versions.items()})


def table_versions(congress: Congress) -> dict[str, int]:
    """Per table, the actions of this congress that wrote it (``note_tables``), and under ``EVERY_TABLE``
    the writes whose tables are not known. Read only when a page is worked out afresh (a kept page has
    no need of it)."""
    return _versions(congress.pk, WRITES_BY_TABLE) | {EVERY_TABLE: data_version(congress, EVERY_TABLE)}


def _versions(congress_id: int, name: str) -> dict[str, int]:
    memo = getattr(_request, "versions", None)
    key = (congress_id, name)
    versions = memo.get(key) if memo is not None else None
    if versions is None:
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT "key", count FROM {Tally._meta.db_table} WHERE congress_id = %s AND name = %s '
                           f'AND period = 0', [congress_id, name])
            versions = dict(cursor.fetchall())
        if memo is not None:
            memo[key] = versions
    return versions
