"""A kept PostgreSQL connection's health is checked without a round trip (core.postgresql_backend): a
healthy idle connection passes, one the server has dropped fails and is opened again before the
request's first statement, as with Django's ``SELECT 1``."""

import time

import pytest
from django.db import connection, connections

from renda.core.postgresql_backend.base import DatabaseWrapper

ALIAS = "health_test"

pytestmark = pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's own connection check")


@pytest.fixture
def kept_connection(db, django_db_blocker):
    """A connection of its own, kept between requests as a server thread's is."""
    with django_db_blocker.unblock():
        wrapper = DatabaseWrapper({**connection.settings_dict, "CONN_MAX_AGE": 600, "CONN_HEALTH_CHECKS": True},
                                  alias=ALIAS)
        connections[ALIAS] = wrapper
        wrapper.ensure_connection()
        yield wrapper
        wrapper.close()
        del connections[ALIAS]


def next_request(wrapper) -> None:
    """What Django does around a request for a kept connection: the health check before its first statement."""
    wrapper.health_check_done = False
    wrapper.close_if_health_check_failed()


def backend_pid(wrapper) -> int:
    with wrapper.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        return cursor.fetchone()[0]


def test_a_healthy_idle_connection_is_kept_and_asked_nothing(kept_connection):
    pid = backend_pid(kept_connection)
    psycopg_connection, cursors_opened = kept_connection.connection, []
    opened = psycopg_connection.cursor
    psycopg_connection.cursor = lambda *args, **kwargs: cursors_opened.append(1) or opened(*args, **kwargs)
    next_request(kept_connection)
    assert kept_connection.is_usable()
    assert cursors_opened == []  # the check sent the server nothing
    assert backend_pid(kept_connection) == pid  # the same connection, not a new one


def test_a_connection_the_server_dropped_is_opened_again_before_the_request_uses_it(kept_connection, django_db_blocker):
    pid = backend_pid(kept_connection)
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute("SELECT pg_terminate_backend(%s)", [pid])
        assert cursor.fetchone()[0] is True
    deadline = time.monotonic() + 5
    while kept_connection.is_usable() and time.monotonic() < deadline:  # the server's farewell is on its way
        time.sleep(0.01)
    assert not kept_connection.is_usable()
    next_request(kept_connection)
    assert backend_pid(kept_connection) != pid  # a new connection answered, and no error reached the request


def test_a_closed_or_failed_connection_is_not_usable(kept_connection):
    with kept_connection.cursor() as cursor:
        kept_connection.connection.execute("BEGIN")
        with pytest.raises(Exception):  # noqa: B017, PT011 (any database error: the point is the state it leaves)
            kept_connection.connection.execute("SELECT 1/0")
    assert not kept_connection.is_usable()  # a transaction left failed
    kept_connection.connection.rollback()
    assert kept_connection.is_usable()
    cursor.close()
    kept_connection.connection.close()
    assert not kept_connection.is_usable()
