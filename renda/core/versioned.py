"""What is worked out from a congress's data, kept in the worker's memory until the data changes.

``tallies.data_version`` moves with every committed action of the congress, so a value computed at
version n stays right while the version is n: the header's to-do count, a list's filter choices (the
delegations, the units). The day is part of every key (lateness, "this week"), and nothing is kept
longer than ``KEPT_FOR`` seconds, for what changes with the clock inside a day.
"""

from __future__ import annotations

import contextlib
import hashlib
import threading
from collections.abc import Callable, Iterable, Iterator
from typing import TypeVar
from urllib.parse import urlencode

from django.core.cache import caches
from django.db.models import Model
from django.utils import timezone

from renda.core import before_commit, tallies
from renda.core.models import Congress

T = TypeVar("T")
KEPT_FOR = 300


def key_of(congress: Congress, name: str, part: str = "") -> str:
    """The key of ``name`` at this congress's current data version (of ``part``) and day."""
    return f"v:{congress.pk}:{part}{tallies.data_version(congress, part)}:{timezone.localdate()}:{name}"


def key_by_tables(congress: Congress, name: str, tables: Iterable[type[Model]]) -> str:
    """The key of ``name`` while no action of this congress writes one of ``tables`` (the models it is
    worked out from: ``tallies.table_versions``), nor any write whose tables are not known, today."""
    versions = tallies.table_versions(congress)
    stamp = ".".join(str(versions.get(t, 0)) for t in (tallies.EVERY_TABLE, *sorted({m._meta.db_table for m in tables})))
    return f"t:{congress.pk}:{stamp}:{timezone.localdate()}:{name}"


def cached(congress: Congress, name: str, compute: Callable[[], T], *, part: str = "",
           tables: Iterable[type[Model]] = ()) -> T:
    """``compute()``, or what it gave at this congress's current data version today. ``name`` must
    say everything else the value depends on (the person, their roles, the filter). A value read
    from one part of the data only (``tallies.note_write``) names that part and is kept while that
    part's version stands. A value given ``tables``, every model it is worked out from, is kept while no
    action writes one of them (a station's rota outlives the concerns raised there all day); a test
    checks each such value reads no other table.

    When the version moves under a busy page, every thread of the worker would miss at once and work
    the same value out side by side (the GIL makes each take as long as all of them): the first
    computes it, the others wait for it (``one_at_a_time``)."""
    key = key_by_tables(congress, name, tables) if tables else key_of(congress, name, part)
    store = caches["local"]
    value = store.get(key)
    if value is not None:
        return value
    if before_commit.in_action():  # inside an action it may have read its own uncommitted rows: not kept
        return compute()
    with one_at_a_time(key) as first:
        value = None if first else store.get(key)
        if value is None:  # the first, or the first failed or took longer than the wait
            value = compute()
            store.set(key, value, KEPT_FOR)
    return value


WAIT = 10.0  # seconds a thread waits for another's computation before doing it itself
_computing: dict[str, threading.Event] = {}
_computing_guard = threading.Lock()


@contextlib.contextmanager
def one_at_a_time(key: str) -> Iterator[bool]:
    """Yields True to the thread that is to compute ``key``; a thread arriving while another computes
    it waits until that one is done (or ``WAIT`` has passed) and yields False."""
    with _computing_guard:
        other = _computing.get(key)
        if other is None:
            mine = _computing[key] = threading.Event()
    if other is not None:
        other.wait(WAIT)
        yield False
        return
    try:
        yield True
    finally:
        with _computing_guard:
            _computing.pop(key, None)
        mine.set()


def query_key(params) -> str:
    """A request's query (a QueryDict) as a short part of a key: the same filters in any order give the
    same key, and free text of any length none longer."""
    return text_key(urlencode(sorted(params.lists()), doseq=True))


def text_key(text: str) -> str:
    """Free text (search words, names) as a short part of a key: no spaces, no unbounded length, which
    Django's cache warns of."""
    return hashlib.sha256(text.encode()).hexdigest()[:32]
