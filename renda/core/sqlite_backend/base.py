"""Django's SQLite backend, with the writers of one database file queued rather than left to SQLite's
busy handler.

A write transaction here begins ``BEGIN IMMEDIATE`` (settings: ``transaction_mode``), so writers already
take turns: SQLite has one writer at a time. A writer that finds the lock taken waits in SQLite's busy
handler, which sleeps 1, 2, 5 … 25, 50, 100 ms between tries: under a crowd of writers (citizens sending
concerns through a station's QR form, each send also counting its address's sends) the lock stood idle
while its waiters slept, and a send took over a second at the 95th percentile. Here a writer first waits
for its turn on locks of its own: a ``threading.Lock`` among the threads of a process (woken as soon as
the writer before it is done), then ``flock`` on ``<database>-writers`` among the processes (tried every
half millisecond by the one thread of each process whose turn it is). Nothing else changes: the same
transactions, one writer at a time as before, and a writer that has waited the database's ``timeout``
(settings) fails with SQLite's own "database is locked". An in-memory database (the tests) belongs to
one process and has no file: no lock.
"""

from __future__ import annotations

import fcntl
import os
import threading
import time

from django.db.backends.sqlite3 import base
from django.db.utils import OperationalError

_LOCKS_GUARD = threading.Lock()
_process_locks: dict[str, threading.Lock] = {}  # database file → the turn among this process's threads

POLL_SECONDS = 0.0005  # how often a writer whose process has the turn tries the lock between processes


def _process_lock(path: str) -> threading.Lock:
    with _LOCKS_GUARD:
        return _process_locks.setdefault(path, threading.Lock())


class DatabaseWrapper(base.DatabaseWrapper):
    _turn_file: int | None = None  # this connection's open lock file, once it has written
    _turn: threading.Lock | None = None  # this process's turn, while this connection holds it

    def _writers_lock_path(self) -> str | None:
        if self.is_in_memory_db():
            return None
        return f"{self.settings_dict['NAME']}-writers"

    def _take_turn(self) -> None:
        path = self._writers_lock_path()
        if path is None or self._turn is not None:
            return
        timeout = float(self.settings_dict["OPTIONS"].get("timeout", 5))
        deadline = time.monotonic() + timeout
        in_process = _process_lock(path)
        if not in_process.acquire(timeout=timeout):
            raise OperationalError("database is locked")
        try:
            if self._turn_file is None:
                self._turn_file = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            # Among processes: one thread of each asks at a time, so a short poll costs little and,
            # unlike a blocking flock, gives up at the deadline.
            while True:
                try:
                    fcntl.flock(self._turn_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise OperationalError("database is locked") from None
                    time.sleep(POLL_SECONDS)
        except BaseException:
            in_process.release()
            raise
        self._turn = in_process

    def _end_turn(self) -> None:
        turn, self._turn = self._turn, None
        if turn is None:
            return
        try:
            if self._turn_file is not None:
                fcntl.flock(self._turn_file, fcntl.LOCK_UN)
        finally:
            turn.release()

    def _start_transaction_under_autocommit(self):
        self._take_turn()
        try:
            super()._start_transaction_under_autocommit()
        except BaseException:
            self._end_turn()
            raise

    def _commit(self):
        try:
            return super()._commit()
        finally:
            self._end_turn()

    def _rollback(self):
        try:
            return super()._rollback()
        finally:
            self._end_turn()

    def _close(self):
        try:
            return super()._close()
        finally:
            self._end_turn()
            if self._turn_file is not None:
                os.close(self._turn_file)
                self._turn_file = None
