"""Work a write's receivers hand to the end of the action, done once per key just before it commits.

One action saves a row, adds its children and writes its audit row; each of those tells the search index
(and any other derived store) that the row changed. Inside an action (``core.usecase``) such a job is kept
under its key — the same key again replaces it — and run when the action's body has finished, still inside
its transaction: the derived rows commit or roll back with the write, as before, and are written once.
Outside an action (a migration, a management command, a test writing models directly) a job runs at once.

A job must read what it needs from the database when it runs (not from the instance that asked for it): a
nested action that failed inside its savepoint leaves jobs whose rows were rolled back.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable, Hashable, Iterator

_local = threading.local()


def defer(key: Hashable, job: Callable[[], None]) -> None:
    """Run ``job`` at the end of the current action (once for ``key``, the last one given), or now."""
    pending: dict | None = getattr(_local, "pending", None)
    if pending is None:
        job()
        return
    pending.pop(key, None)  # a later job for the same key runs in the later position
    pending[key] = job


def pending(key: Hashable) -> Callable[[], None] | None:
    """The job waiting under ``key`` in the current action, if any."""
    return (getattr(_local, "pending", None) or {}).get(key)


def in_action() -> bool:
    """Whether an action's transaction is open on this thread (what it reads may yet roll back)."""
    return getattr(_local, "pending", None) is not None


@contextlib.contextmanager
def collecting() -> Iterator[None]:
    """Inside an action's transaction: gather deferred jobs and run them when the body returns. Nested
    actions share the outermost collection; an exception discards it (the transaction rolls back)."""
    if getattr(_local, "pending", None) is not None:
        yield
        return
    _local.pending = {}
    try:
        yield
        while _local.pending:  # a job may defer another (a child re-indexing its parent)
            jobs, _local.pending = _local.pending, {}
            for job in jobs.values():
                job()
    finally:
        _local.pending = None
