"""An empty database built in one step from the current models, instead of replaying every migration.

Replaying Renda's migrations on an empty database re-renders the project's model state after each
operation (every model is related to ``Congress``, so each render touches them all): ~85 s of CPU. Creating
the tables straight from the models and recording every migration as applied takes a few seconds and
leaves the same schema: ``makemigrations --check`` keeps the models equal to the migrations, the
operations a model cannot express (``EXTRA_SQL``) are run here too, and
``core/tests/test_fresh_schema.py`` compares the two schemas table by table, index by index, on
SQLite and PostgreSQL. A database that holds anything is migrated the ordinary way.
"""

from __future__ import annotations

import importlib

from django.apps import apps
from django.db import connections, router
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.recorder import MigrationRecorder

# Parts of the schema that only a migration's RunPython/RunSQL writes (module, attribute: vendor → SQL).
EXTRA_SQL = [("renda.search.migrations.0001_entry", "FULL_TEXT")]


def is_empty(alias: str = "default") -> bool:
    """No table at all: nothing to keep, nothing half-migrated."""
    connection = connections[alias]
    with connection.cursor() as cursor:
        return not connection.introspection.table_names(cursor)


def _ours(app_label: str) -> bool:
    """An app of Renda's own (its tables come from the models); other packages' apps are migrated."""
    return apps.get_app_config(app_label).name.startswith("renda.")


def create(alias: str = "default") -> int:
    """On the empty database ``alias``: the other packages' apps (auth, sessions, axes …) migrated the ordinary
    way — they are few and their history shaped their tables (auth's many-to-many ids) — then every Renda
    model's table created from the model, and every Renda migration recorded as applied. Returns the number
    of Renda migrations recorded."""
    connection = connections[alias]
    executor = MigrationExecutor(connection)
    graph = executor.loader.graph
    executor.migrate([node for node in graph.leaf_nodes() if not _ours(node[0])])
    models = [model for config in apps.get_app_configs() if _ours(config.label)
              for model in router.get_migratable_models(config, alias, include_auto_created=False)
              if model._meta.can_migrate(connection)]
    with connection.schema_editor() as editor:  # one transaction where the database allows it
        for model in models:
            editor.create_model(model)  # with its many-to-many tables, indexes and constraints
        for module, name in EXTRA_SQL:
            for sql in getattr(importlib.import_module(module), name).get(connection.vendor, []):
                editor.execute(sql)
    ours = sorted(node for node in graph.nodes if _ours(node[0]))
    recorder = MigrationRecorder(connection)
    recorder.migration_qs.bulk_create([recorder.Migration(app=app, name=name) for app, name in ours])
    return len(ours)
