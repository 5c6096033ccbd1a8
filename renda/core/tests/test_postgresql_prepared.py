"""PostgreSQL connections send parameters apart from the statement and let psycopg prepare a statement
once a connection has run it five times (settings.database_from_url): the server then skips parsing
and planning it. Off with RENDA_PG_PREPARED_STATEMENTS=0, for a pooler in transaction mode that cannot
keep prepared statements."""

import pytest
from django.db import connection
from django.test import Client

from renda import settings as renda_settings

URL = "postgres://renda@db.example:5432/renda"


def test_prepared_statements_are_on_by_default(monkeypatch):
    monkeypatch.delenv("RENDA_PG_PREPARED_STATEMENTS", raising=False)
    assert renda_settings.database_from_url(URL)["OPTIONS"] == {"server_side_binding": True, "prepare_threshold": 5}


@pytest.mark.parametrize("off", ["0", "off", "false"])
def test_a_pooler_in_transaction_mode_can_turn_them_off(monkeypatch, off):
    monkeypatch.setenv("RENDA_PG_PREPARED_STATEMENTS", off)
    assert renda_settings.database_from_url(URL)["OPTIONS"] == {}


def _prepared(text: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements WHERE statement LIKE %s", [f"%{text}%"])
        return [statement for (statement,) in cursor.fetchall()]


@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL's prepared statements")
def test_a_kept_pages_statement_is_prepared_once_run_five_times(world_a):
    client = Client()
    client.force_login(world_a.office)
    page = f"/c/{world_a.congress.code}/"
    for _ in range(4):
        assert client.get(page).status_code == 200
    assert _prepared("django_session") == []
    for _ in range(3):
        assert client.get(page).status_code == 200
    statements = _prepared("django_session")
    assert statements and all("$1" in s for s in statements)  # its parameters are bound by the server
