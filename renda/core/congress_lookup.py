"""The congress a request names (by code in a URL, by id in an API token), kept in each process for
a few seconds. Every request starts with this lookup, hall screens poll twice a second, and congress
rows change a few times a term; saving or deleting one empties the cache at once in the process that
did it, and within ``SECONDS`` everywhere else. Callers get their own copy to keep."""

from __future__ import annotations

import copy
import threading
import time

from renda.core.models import Congress

SECONDS = 10

_lock = threading.Lock()
_found: dict[tuple[str, object], tuple[float, Congress | None]] = {}


def by_code(code: str) -> Congress | None:
    return _lookup(("code", code), lambda: Congress.objects.filter(code=code).select_related("parent").first())


def by_id(pk: int) -> Congress | None:
    return _lookup(("id", pk), lambda: Congress.objects.filter(pk=pk).select_related("parent").first())


def forget(*_args, **_kwargs) -> None:
    with _lock:
        _found.clear()


def _lookup(key, query) -> Congress | None:
    now = time.monotonic()
    with _lock:
        hit = _found.get(key)
    if hit is None or now - hit[0] > SECONDS:
        hit = (now, query())
        with _lock:
            _found[key] = hit
    return copy.copy(hit[1])
