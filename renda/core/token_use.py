"""When each API token was last used, kept in memory and written in bulk at most once every
``FLUSH_SECONDS`` per process: during a vote thousands of tokens are used for the first time within
seconds, and a write for each would queue behind (and delay) the votes themselves. The token list
shows the time to within a minute or so; a process that dies loses its unwritten stamps."""

from __future__ import annotations

import threading
import time
from collections import defaultdict
from datetime import datetime, timedelta

from django.utils import timezone

from renda.core.models import ApiToken

FLUSH_SECONDS = 30
FRESH = timedelta(seconds=60)  # a stamp younger than this is not worth renewing

_lock = threading.Lock()
_pending: dict[int, tuple[int, datetime]] = {}  # token id → (its congress id, when used)
_flushed_at = time.monotonic()


def note(token: ApiToken) -> None:
    global _flushed_at
    now = timezone.now()
    if token.last_used_at is not None and now - token.last_used_at < FRESH:
        return
    with _lock:
        _pending[token.pk] = (token.congress_id, now)
        if time.monotonic() - _flushed_at < FLUSH_SECONDS:
            return
        batch = dict(_pending)
        _pending.clear()
        _flushed_at = time.monotonic()
    write(batch)


def flush() -> None:
    """Write every pending stamp now (tests, and a server worker on its way out: see cli.serve)."""
    with _lock:
        batch = dict(_pending)
        _pending.clear()
    write(batch)


def write(batch: dict[int, tuple[int, datetime]]) -> None:
    by_congress: dict[int, list[int]] = defaultdict(list)
    latest: dict[int, datetime] = {}
    for token_id, (congress_id, when) in batch.items():
        by_congress[congress_id].append(token_id)
        latest[congress_id] = max(when, latest.get(congress_id, when))
    for congress_id, ids in by_congress.items():
        ApiToken.objects.in_congress(congress_id).filter(pk__in=ids).update(last_used_at=latest[congress_id])
