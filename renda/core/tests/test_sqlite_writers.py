"""SQLite's writers wait for their turn on a lock of their own (core.sqlite_backend), woken as soon as the
writer before them is done, instead of sleeping in SQLite's busy handler; one that waits past the
database's timeout fails as SQLite would, with nothing written."""

import fcntl
import sys
import threading
import time
from types import FrameType

import pytest
from django.db import connections, transaction
from django.db.utils import OperationalError

from renda.core.sqlite_backend.base import DatabaseWrapper

ALIAS = "writers_test"


def open_database(path, timeout: float) -> DatabaseWrapper:
    """A connection of this thread to the file ``path``, as the server's threads have theirs."""
    wrapper = DatabaseWrapper({
        "ENGINE": "renda.core.sqlite_backend", "NAME": str(path), "USER": "", "PASSWORD": "", "HOST": "",
        "PORT": "", "TIME_ZONE": None, "CONN_MAX_AGE": 0, "CONN_HEALTH_CHECKS": False, "AUTOCOMMIT": True,
        "ATOMIC_REQUESTS": False, "TEST": {},
        "OPTIONS": {"timeout": timeout, "transaction_mode": "IMMEDIATE", "init_command": "PRAGMA journal_mode=WAL"},
    }, alias=ALIAS)
    connections[ALIAS] = wrapper
    return wrapper


def functions_running(thread: threading.Thread) -> list[str]:
    assert thread.ident is not None
    frame: FrameType | None = sys._current_frames()[thread.ident]
    names = []
    while frame is not None:
        names.append(frame.f_code.co_name)
        frame = frame.f_back
    return names


def rows(path) -> list[str]:
    wrapper = open_database(path, 1)
    try:
        with wrapper.cursor() as cursor:
            cursor.execute("SELECT what FROM writes ORDER BY id")
            return [r[0] for r in cursor.fetchall()]
    finally:
        wrapper.close()


@pytest.fixture(autouse=True)
def own_database_files(django_db_blocker):
    """These tests open SQLite files of their own, not the test database."""
    with django_db_blocker.unblock():
        yield


@pytest.fixture
def database(tmp_path):
    path = tmp_path / "renda.sqlite3"
    wrapper = open_database(path, 1)
    with wrapper.cursor() as cursor:
        cursor.execute("CREATE TABLE writes (id INTEGER PRIMARY KEY, what TEXT)")
    wrapper.close()
    yield path
    del connections[ALIAS]


def write(path, what: str, *, timeout: float = 1.0, hold: threading.Event | None = None,
          started: threading.Event | None = None, outcome: dict | None = None):
    wrapper = open_database(path, timeout)
    try:
        with transaction.atomic(using=ALIAS):
            if started:
                started.set()
            with wrapper.cursor() as cursor:
                cursor.execute("INSERT INTO writes (what) VALUES (%s)", [what])
            if hold:
                hold.wait(5)
        if outcome is not None:
            outcome[what] = "written"
    except OperationalError as error:
        if outcome is None:
            raise
        outcome[what] = str(error)
    finally:
        wrapper.close()


def writing_until_released(database, what: str, outcome: dict) -> tuple[threading.Thread, threading.Event]:
    """A writer in another thread, inside its transaction until the event is set."""
    release, inside = threading.Event(), threading.Event()
    thread = threading.Thread(target=write, args=(database, what), kwargs={"hold": release, "started": inside,
                                                                          "outcome": outcome})
    thread.start()
    assert inside.wait(5)
    return thread, release


def test_a_writer_waits_for_the_one_before_it_outside_sqlite_and_then_writes(database):
    outcome: dict = {}
    first, release = writing_until_released(database, "first", outcome)
    second_in = threading.Event()
    second = threading.Thread(target=write, args=(database, "second"), kwargs={"started": second_in, "outcome": outcome})
    second.start()
    time.sleep(0.2)
    assert not second_in.is_set()
    assert "_take_turn" in functions_running(second)  # it waits for its turn, not in SQLite's busy handler
    release.set()
    first.join(5)
    second.join(5)
    assert outcome == {"first": "written", "second": "written"}
    assert rows(database) == ["first", "second"]


def test_a_writer_that_waits_past_the_timeout_fails_as_sqlite_would_and_writes_nothing(database):
    outcome: dict = {}
    first, release = writing_until_released(database, "first", outcome)
    write(database, "late", timeout=0.2, outcome=outcome)
    release.set()
    first.join(5)
    assert outcome == {"late": "database is locked", "first": "written"}
    write(database, "after")  # the turn the late writer never had is not left taken
    assert rows(database) == ["first", "after"]


def test_a_rolled_back_transaction_gives_up_its_turn(database):
    wrapper = open_database(database, 1)
    with pytest.raises(ZeroDivisionError):
        with transaction.atomic(using=ALIAS):
            with wrapper.cursor() as cursor:
                cursor.execute("INSERT INTO writes (what) VALUES ('rolled back')")
            1 / 0  # noqa: B018
    wrapper.close()
    outcome: dict = {}
    thread = threading.Thread(target=write, args=(database, "next"), kwargs={"timeout": 0.5, "outcome": outcome})
    thread.start()
    thread.join(5)
    assert outcome == {"next": "written"}
    assert rows(database) == ["next"]


def test_writers_of_another_process_are_waited_for_on_the_lock_file(database):
    """Another process's writer is one holding the flock on ``<database>-writers``."""
    with open(f"{database}-writers", "a") as other_process:
        fcntl.flock(other_process, fcntl.LOCK_EX)
        outcome: dict = {}
        write(database, "refused", timeout=0.2, outcome=outcome)
        assert outcome == {"refused": "database is locked"}
        waiting = threading.Thread(target=write, args=(database, "waited"), kwargs={"timeout": 5, "outcome": outcome})
        waiting.start()
        time.sleep(0.2)
        assert "waited" not in outcome
        fcntl.flock(other_process, fcntl.LOCK_UN)
        waiting.join(5)
    assert outcome["waited"] == "written"
    assert rows(database) == ["waited"]


def test_an_in_memory_database_has_no_lock_file(tmp_path):
    wrapper = open_database(":memory:", 1)
    try:
        with transaction.atomic(using=ALIAS):
            with wrapper.cursor() as cursor:
                cursor.execute("CREATE TABLE t (x)")
        assert wrapper._writers_lock_path() is None and wrapper._turn is None
    finally:
        wrapper.close()
        del connections[ALIAS]


def test_the_suites_sqlite_database_stays_in_memory_under_xdist(db):
    """RENDA_DATABASE_URL=sqlite:// means an in-memory test database for every pytest-xdist worker: not a
    file named after the worker (pytest-django recognises Django's own SQLite engine by name only)."""
    import os

    from django.db import connection

    from renda.settings import database_from_url

    if connection.vendor != "sqlite" or database_from_url(os.environ.get("RENDA_DATABASE_URL", ""))["NAME"] != ":memory:":
        pytest.skip("the suite runs on a database file or on PostgreSQL")
    assert connection.is_in_memory_db()
    assert connection._writers_lock_path() is None
