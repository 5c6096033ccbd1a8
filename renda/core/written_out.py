"""Rows read and written by statements written out once, instead of queries the ORM builds anew.

On the paths every request or every hall batch takes, Django spent longer building a query (its
compiler, its ordering, its joins) than the database took to answer it. Here a caller writes the
statement itself; the rows still become model instances through the ORM's own column converters
(SQLite's datetimes made aware, JSON decoded) and values are prepared for the database by each field,
as a save would. Same tables, same rows, same rules: only the building is skipped. Table and column
names are quoted so that the tests' tenancy guard (conftest.py) reads every statement.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from typing import TypeVar

from django.db import connections, models
from django.db.models.fields import AutoFieldMixin

M = TypeVar("M", bound=models.Model)


def quoted(name: str) -> str:
    return f'"{name}"'


def table(model: type[models.Model]) -> str:
    """The model's table, quoted."""
    return quoted(model._meta.db_table)


@functools.cache
def columns(model: type[models.Model], alias: str = "") -> str:
    """Every concrete column of ``model`` in field order, quoted (and prefixed by ``alias``): what
    ``instance`` expects a row to hold."""
    prefix = f"{alias}." if alias else ""
    return ", ".join(prefix + quoted(f.column) for f in model._meta.concrete_fields)


def instance(model: type[M], row: Sequence, using: str = "default") -> M:
    """A row of ``columns(model)`` as a model instance, converted as the ORM converts it."""
    return model.from_db(using, _attnames(model), _converted_row(model, _attnames(model), row, using))


@functools.cache
def some_columns(model: type[models.Model], attnames: tuple[str, ...], alias: str = "") -> str:
    """The columns of these fields (attribute names: ``unit_id``), quoted, in the model's field order:
    what ``partial_instance`` expects a row to hold."""
    prefix = f"{alias}." if alias else ""
    column = {f.attname: f.column for f in model._meta.concrete_fields}
    return ", ".join(prefix + quoted(column[name]) for name in in_field_order(model, attnames))


def partial_instance(model: type[M], attnames: tuple[str, ...], row: Sequence, using: str = "default") -> M:
    """A row of ``some_columns(model, attnames)`` as a model instance whose other fields are deferred, as
    ``.only()`` gives it (reading one of them asks the database)."""
    names = in_field_order(model, attnames)
    return model.from_db(using, list(names), _converted_row(model, names, row, using))


def _converted_row(model: type[models.Model], names: Sequence[str], row: Sequence, using: str) -> list:
    """The values of a row holding the fields ``names`` (in this order), converted as the ORM converts them."""
    connection = connections[using]
    converters = _converters(model, using)
    return [value if value is None or not (convert := converters[name]) else _converted(value, convert, connection)
            for value, name in zip(row, names, strict=True)]


@functools.cache
def in_field_order(model: type[models.Model], attnames: tuple[str, ...]) -> tuple[str, ...]:
    """``Model.from_db`` takes a partial row's values in the model's field order."""
    if unknown := set(attnames) - set(_attnames(model)):
        raise ValueError(f"{model.__name__} has no column for {sorted(unknown)}")
    if "congress_id" in _attnames(model) and "congress_id" not in attnames:
        raise ValueError(f"a {model.__name__} read in part needs its congress_id: a deferred field is read within it")
    return tuple(name for name in _attnames(model) if name in attnames)


def instances(row: Sequence, *models_in_row: type[models.Model], using: str = "default") -> list:
    """A row that joins several models (``columns`` of each, in this order) as one instance of each."""
    found, start = [], 0
    for model in models_in_row:
        end = start + len(_attnames(model))
        found.append(instance(model, row[start:end], using))
        start = end
    return found


def fetch_one(model: type[M], statement: str, params: list, using: str = "default") -> M | None:
    """The one row ``statement`` selects (``columns(model)``) as a model instance, or None."""
    with connections[using].cursor() as cursor:
        cursor.execute(statement, params)
        row = cursor.fetchone()
    return None if row is None else instance(model, row, using)


def fetch_all(model: type[M], statement: str, params: list, using: str = "default") -> list[M]:
    with connections[using].cursor() as cursor:
        cursor.execute(statement, params)
        rows = cursor.fetchall()
    return [instance(model, row, using) for row in rows]


def placeholders(count: int) -> str:
    """``%s, %s, …`` for an ``IN (…)`` of ``count`` values (at least one: ``IN ()`` is not SQL)."""
    return ", ".join(["%s"] * max(count, 1))


def insert(objs: Sequence[models.Model], using: str = "default") -> None:
    """Insert new rows of one model and set each one's primary key, as ``bulk_create`` does: each field
    prepares its value as a save would (``auto_now_add`` stamps, JSON, binary); a key the database makes
    comes back by ``RETURNING`` (SQLite 3.35+ and PostgreSQL) in the order of the rows, which Django's own
    ``bulk_create`` relies on too. As many rows a statement as the backend takes parameters."""
    if not objs:
        return
    model = type(objs[0])
    connection = connections[using]
    pk = model._meta.pk
    key_made = isinstance(pk, AutoFieldMixin)  # the database numbers the row; a UUID key is set beforehand
    fields = [f for f in model._meta.concrete_fields if not (key_made and f.primary_key)]
    head = (f"INSERT INTO {table(model)} ({', '.join(quoted(f.column) for f in fields)}) VALUES ")
    tail = f" RETURNING {quoted(pk.column)}" if key_made else ""
    row = f"({placeholders(len(fields))})"
    size = max(connection.ops.bulk_batch_size(fields, objs), 1)
    with connection.cursor() as cursor:
        for start in range(0, len(objs), size):
            chunk = objs[start:start + size]
            values = [f.get_db_prep_save(f.pre_save(obj, add=True), connection) for obj in chunk for f in fields]
            cursor.execute(head + ", ".join([row] * len(chunk)) + tail, values)
            keys = cursor.fetchall() if key_made else []
            for i, obj in enumerate(chunk):
                if key_made:
                    setattr(obj, pk.attname, pk.to_python(keys[i][0]))
                obj._state.adding, obj._state.db = False, using


def _converted(value, convert: tuple, connection):
    for converter, column in convert:
        value = converter(value, column, connection)
    return value


@functools.cache
def _attnames(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


@functools.cache
def _converters(model: type[models.Model], using: str) -> dict[str, tuple]:
    """Per field (by attribute name), the (converter, column) pairs the ORM's compiler would apply
    (backend's, then field's)."""
    connection = connections[using]
    found = {}
    for field in model._meta.concrete_fields:
        column = field.get_col(model._meta.db_table)
        found[field.attname] = tuple((c, column) for c in connection.ops.get_db_converters(column)
                                     + column.get_db_converters(connection))
    return found
