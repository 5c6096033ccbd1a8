"""Suite-wide fixtures: the tenant-scoping SQL guard, personas in two congresses, browser set-up.

The guard records every SQL statement that a test body, and the building of its personas, runs and
fails the test when one reads or writes a tenant table without a ``congress_id`` predicate (INSERTs
must set the column). Queries inside a
listed ``cross_congress_query`` are exempt; tests marked ``unscoped_sql`` opt out (only the guard's
own tests do).
"""

from __future__ import annotations

import copy
import re
from contextlib import ExitStack, contextmanager

import pytest
from django.db import connections

from renda.core.tenancy import cross_congress_query_name, tenant_tables

_TABLE = re.compile(r'\b(FROM|JOIN|INTO|UPDATE)\s+"(\w+)"', re.IGNORECASE)


def tenant_violation(sql: str, tables: set[str]) -> str | None:
    """Why ``sql`` breaks the tenancy rule, or None. Joined tables are reached through a row that is
    itself filtered by congress; every FROM/INTO/UPDATE table must carry the predicate."""
    statement = sql.lstrip().split(None, 1)[0].upper() if sql.strip() else ""
    if statement not in {"SELECT", "INSERT", "UPDATE", "DELETE", "WITH"}:
        return None
    for keyword, table in _TABLE.findall(sql):
        if table not in tables or keyword.upper() == "JOIN":
            continue
        if keyword.upper() == "INTO":
            if '"congress_id"' not in sql:
                return f'INSERT into "{table}" without congress_id'
            continue
        if not re.search(rf'("{table}"\.)?"congress_id"\s*(=|IN\b)', sql):
            return f'{statement} on "{table}" without a congress_id predicate'
    return None


@contextmanager
def sql_guard(item=None):
    """Collect every tenant-scoping violation of the statements run inside the block."""
    violations: list[str] = []
    if item is not None and (item.get_closest_marker("unscoped_sql") or "browser" in item.keywords):
        yield violations
        return
    tables = tenant_tables()

    def guard(execute, sql, params, many, context):
        if cross_congress_query_name() is None:
            problem = tenant_violation(sql, tables)
            if problem:
                violations.append(f"{problem}:\n    {sql[:400]}")
        return execute(sql, params, many, context)

    with ExitStack() as stack:
        for conn in connections.all():
            stack.enter_context(conn.execute_wrapper(guard))
        yield violations


def _fail_on(violations: list[str], phase: str) -> None:
    if violations:
        pytest.fail(f"tenant-scoping guard ({phase}): queries not filtered by congress:\n" + "\n".join(violations[:5]),
                    pytrace=False)


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_call(item):
    with sql_guard(item) as violations:
        outcome = yield
    if outcome.excinfo is None:
        _fail_on(violations, "test")


def pytest_configure(config):
    from django.conf import settings

    # Test accounts need no strong hashing; PBKDF2 would dominate the suite's time.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    # Each run gets its own cache, emptied before every test (see ``fresh_cache``).
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
                       "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "local"}}
    # Persistent connections would keep the test database busy when it is dropped at the end.
    settings.DATABASES["default"]["CONN_MAX_AGE"] = 0
    config.addinivalue_line("markers", "unscoped_sql: the tenant SQL guard is off (its own tests only)")
    config.addinivalue_line("markers", "browser: drives headless chromium")


def pytest_collection_modifyitems(config, items):
    """Browser tests run once, in the SQLite run: what a page does in chromium does not depend on the
    database, and the database's part of every flow is tested on both by the rest of the suite. (Both
    runs together must fit CI's time.)"""
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    skip = pytest.mark.skip(reason="browser tests run once, in the SQLite run")
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(skip)


def pytest_report_header(config):
    from django.db import connection

    return f"renda database: {connection.vendor}"


@pytest.fixture(autouse=True)
def fresh_cache():
    from django.core.cache import cache, caches

    from renda.core import congress_lookup, kept_pages, token_use

    cache.clear()
    caches["local"].clear()
    kept_pages.forget_all()
    congress_lookup.forget()
    token_use._pending.clear()  # stamps noted by an earlier test belong to rows rolled back with it


@pytest.fixture(autouse=True)
def _routing_vectors_of_this_test_only(tmp_path_factory, monkeypatch):
    """Units' meaning vectors are a file cache under DATA_DIR and a memory cache: a test sees only
    those it computes, not vectors an earlier test (or a demo in var/) left behind."""
    from django.conf import settings

    from renda.routing import embeddings

    monkeypatch.setattr(settings, "DATA_DIR", tmp_path_factory.mktemp("data"), raising=False)
    monkeypatch.setattr(embeddings, "_memory", {})


def _guarded_world(code: str, name: str):
    """Personas are built under the same guard as test bodies (pytest-django's own database set-up
    runs outside it)."""
    from renda.testing import make_world

    with sql_guard() as violations:
        world = make_world(code, name)
    _fail_on(violations, "set-up")
    return world


WORLDS = {"a": "示例甲市人民代表大会", "b": "示例乙市人民代表大会"}


@pytest.fixture(scope="module", autouse=True)
def _shared_worlds(request):
    """A module that sets ``SHARED_WORLDS = True`` (thousands of cells over the same personas) builds worlds
    a and b once, inside a transaction that every test's own transaction (a savepoint within it) rolls back
    to, and that is rolled back when the module ends. Such a module holds no transactional test."""
    if not getattr(request.module, "SHARED_WORLDS", False):
        yield None
        return
    from django.db import transaction

    request.getfixturevalue("django_db_setup")
    with request.getfixturevalue("django_db_blocker").unblock():
        module_transaction = transaction.atomic()
        module_transaction.__enter__()
        try:
            yield {code: _guarded_world(code, name) for code, name in WORLDS.items()}
        finally:
            transaction.set_rollback(True)
            module_transaction.__exit__(None, None, None)


def _world(request, code: str):
    shared = request.getfixturevalue("_shared_worlds")
    if shared is None:
        return _guarded_world(code, WORLDS[code])
    return copy.deepcopy(shared[code])  # a test may change its copy (add deputies); the rows roll back


@pytest.fixture
def world_a(request, db):
    return _world(request, "a")


@pytest.fixture
def world_b(request, db):
    return _world(request, "b")


@pytest.fixture(autouse=True)
def _remember_teller_slips(monkeypatch):
    """Keep the tellers' key slips of votes opened in a test, for ``renda.testing.teller_keys``."""
    from renda import testing
    from renda.voting import sealing

    make_keys = sealing.make_keys

    def remembering(tellers: int, quorum: int) -> sealing.TellerKeys:
        keys = make_keys(tellers, quorum)
        testing.TELLER_SLIPS[keys.public_key] = keys.slips
        return keys

    monkeypatch.setattr(sealing, "make_keys", remembering)
