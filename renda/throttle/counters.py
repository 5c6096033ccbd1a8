"""Atomic counters with an expiry: ``take`` counts one if the limit is not reached, in one locked step.

Race: two requests that both read "9 of 10" and both write would let 11 in. ``take`` inserts the row
if it is missing (a unique key, so a second insert is ignored, never duplicated), then locks it
(``select_for_update`` on PostgreSQL; SQLite's writers are serialised by BEGIN IMMEDIATE) and reads,
compares and writes under that lock. Called inside a caller's transaction, the count is undone if
that transaction rolls back — which is how "count only what was accepted" is built."""

from __future__ import annotations

import datetime
import random

from django.db import transaction
from django.db.models import F
from django.utils import timezone

from renda.throttle.models import Counter

PURGE_CHANCE = 0.01  # one take in a hundred also deletes the expired rows


def _now() -> datetime.datetime:
    """The counters' clock (one place, so that tests can move it past a lock)."""
    return timezone.now()


def _row(key: str, now: datetime.datetime, seconds: int) -> Counter:
    Counter.objects.bulk_create([Counter(key=key, count=0, expires_at=now + datetime.timedelta(seconds=seconds))],
                                ignore_conflicts=True)
    row = Counter.objects.select_for_update().get(key=key)
    if row.expires_at <= now:  # an old window: start again
        row.count, row.expires_at = 0, now + datetime.timedelta(seconds=seconds)
    return row


def take(key: str, *, limit: int, seconds: int, sliding: bool = False) -> int | None:
    """Count one against ``key`` unless ``limit`` is reached; the new count, or None if refused.
    The count lasts ``seconds`` from its first hit, or from its latest hit if ``sliding``."""
    now = _now()
    if random.random() < PURGE_CHANCE:  # noqa: S311 (housekeeping, not security)
        purge(now)
    with transaction.atomic():
        row = _row(key, now, seconds)
        if row.count >= limit:
            row.save(update_fields=["count", "expires_at"])
            return None
        row.count += 1
        if sliding:
            row.expires_at = now + datetime.timedelta(seconds=seconds)
        row.save(update_fields=["count", "expires_at"])
        return row.count


def peek(key: str) -> int:
    """The count now (0 once expired), without counting."""
    count = Counter.objects.filter(key=key, expires_at__gt=_now()).values_list("count", flat=True).first()
    return count or 0


def expires(key: str) -> datetime.datetime | None:
    """When the count of ``key`` lapses, or None if there is none."""
    return Counter.objects.filter(key=key, expires_at__gt=_now()).values_list("expires_at", flat=True).first()


def clear(key: str) -> None:
    Counter.objects.filter(key=key).delete()


def purge(now: datetime.datetime | None = None) -> int:
    """Delete expired counters; returns how many."""
    return Counter.objects.filter(expires_at__lte=now or _now()).delete()[0]


def give_back(key: str) -> None:
    """Undo one count (a lookup that found what it looked for)."""
    Counter.objects.filter(key=key, count__gt=0).update(count=F("count") - 1)
