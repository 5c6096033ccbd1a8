"""An empty database built from the models in one step (``core.fresh_schema``, which the test database and
the demo use) has exactly the schema that replaying every migration gives: the same tables, columns with
the same types and nullability, and the same indexes and constraints, on SQLite and on PostgreSQL."""

from __future__ import annotations

import contextlib
import uuid

import pytest
from django.core.management import call_command
from django.db import connection, connections
from django.db.migrations.loader import MigrationLoader
from django.db.migrations.recorder import MigrationRecorder

from renda.core import fresh_schema


def schema(alias: str) -> dict:
    conn = connections[alias]
    found = {}
    with conn.cursor() as cursor:
        for table in sorted(conn.introspection.table_names(cursor)):
            columns = {c.name: (str(c.type_code), bool(c.null_ok)) for c in
                       conn.introspection.get_table_description(cursor, table)}
            constraints = sorted(
                (tuple(info["columns"] or ()), bool(info["primary_key"]), bool(info["unique"]),
                 tuple(info["foreign_key"] or ()), bool(info["index"]), bool(info["check"]), str(info.get("type")))
                for info in conn.introspection.get_constraints(cursor, table).values())
            found[table] = (columns, constraints)
    return found


@pytest.fixture
def two_empty_databases(tmp_path, django_db_setup, django_db_blocker):
    """Two empty databases on the test database's server, outside any test transaction: one to migrate the
    long way, one to build from the models (the test database itself may be an in-memory SQLite database
    that lasts only while a connection holds it)."""
    with django_db_blocker.unblock(), contextlib.ExitStack() as stack:
        yield [stack.enter_context(_empty_database(tmp_path, alias)) for alias in ("step_by_step", "from_models")]


@contextlib.contextmanager
def _empty_database(tmp_path, alias: str):
    settings = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings["NAME"] = str(tmp_path / f"{alias}.sqlite3")
    else:
        settings["NAME"] = f"renda_schema_check_{uuid.uuid4().hex[:8]}"
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    connections.settings[alias] = settings
    try:
        yield alias
    finally:
        connections[alias].close()
        del connections[alias]
        connections.settings.pop(alias)
        if connection.vendor != "sqlite":
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')


@pytest.mark.unscoped_sql
def test_the_schema_built_from_the_models_equals_the_migrated_one(two_empty_databases):
    step_by_step, from_models = two_empty_databases
    call_command("migrate", database=step_by_step, step_by_step=True, interactive=False, verbosity=0)
    assert fresh_schema.is_empty(from_models)
    call_command("migrate", database=from_models, interactive=False, verbosity=0)
    migrated, built = schema(step_by_step), schema(from_models)
    assert sorted(migrated) == sorted(built)
    assert len(built) > 100 and any(table.startswith("search_") for table in built)
    for table in migrated:
        assert migrated[table][0] == built[table][0], f"columns of {table}"
        assert migrated[table][1] == built[table][1], f"indexes and constraints of {table}"
    # every migration is recorded as applied, so the next `migrate` has nothing to do
    built_connection = connections[from_models]
    assert set(MigrationRecorder(built_connection).applied_migrations()) == set(
        MigrationLoader(built_connection).graph.nodes)
    assert fresh_schema.is_empty(from_models) is False
