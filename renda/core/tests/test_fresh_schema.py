"""An empty database built from the models in one step (``core.fresh_schema``, which the test database and
the demo use) has exactly the schema that replaying every migration gives: the same tables, columns with
the same types and nullability, and the same indexes and constraints, on SQLite and on PostgreSQL."""

from __future__ import annotations

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
def step_by_step_database(tmp_path, django_db_setup, django_db_blocker):
    """A second, empty database on the same server, migrated the long way (outside any test transaction:
    the test reads the test database's schema only)."""
    with django_db_blocker.unblock():
        yield from _second_database(tmp_path)


def _second_database(tmp_path):
    settings = dict(connection.settings_dict)
    if connection.vendor == "sqlite":
        settings["NAME"] = str(tmp_path / "step_by_step.sqlite3")
    else:
        settings["NAME"] = f"renda_schema_check_{uuid.uuid4().hex[:8]}"
        with connection._nodb_cursor() as cursor:
            cursor.execute(f'CREATE DATABASE "{settings["NAME"]}"')
    connections.settings["step_by_step"] = settings
    try:
        yield "step_by_step"
    finally:
        connections["step_by_step"].close()
        del connections["step_by_step"]
        connections.settings.pop("step_by_step")
        if connection.vendor != "sqlite":
            with connection._nodb_cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{settings["NAME"]}"')


@pytest.mark.unscoped_sql
def test_the_schema_built_from_the_models_equals_the_migrated_one(step_by_step_database):
    call_command("migrate", database=step_by_step_database, step_by_step=True, interactive=False, verbosity=0)
    migrated, built = schema(step_by_step_database), schema("default")  # the test database: built from the models
    assert sorted(migrated) == sorted(built)
    assert len(built) > 100 and any(table.startswith("search_") for table in built)
    for table in migrated:
        assert migrated[table][0] == built[table][0], f"columns of {table}"
        assert migrated[table][1] == built[table][1], f"indexes and constraints of {table}"
    # every migration is recorded as applied, so the next `migrate` has nothing to do
    loader = MigrationLoader(connection)
    assert set(MigrationRecorder(connection).applied_migrations()) == set(loader.graph.nodes)
    assert fresh_schema.is_empty("default") is False
