"""Who is signed in: Django's database sessions and model backend, each reading its row by one statement
written out once.

Every signed-in page reads its session and then its user before anything else. Django builds both
queries through the ORM on each request, which costs more than the database takes to answer them (as
the API tokens did: core.actions). Same tables, same rows, same rules (a session's expiry, an inactive
account signs no one in); writing, rotating and deleting sessions and checking passwords are Django's own.
"""

from __future__ import annotations

import functools
import json
import threading
from typing import TypeVar

from cachetools import LRUCache
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.utils import timezone

M = TypeVar("M", bound=models.Model)


def fetch_one(model: type[M], statement: str, params: list, using: str = "default") -> M | None:
    """The one row ``statement`` selects (every concrete column of ``model``, in field order) as a model
    instance, its values converted as the ORM converts them (SQLite's datetimes made aware, say) — without
    building a query or a RawQuerySet, which cost more than the database takes to answer."""
    connection = connections[using]
    with connection.cursor() as cursor:
        cursor.execute(statement, params)
        row = cursor.fetchone()
    if row is None:
        return None
    converters = _converters(model, using)
    values = [value if value is None or not convert else _converted(value, convert, connection)
              for value, convert in zip(row, converters, strict=True)]
    return model.from_db(using, _attnames(model), values)


def _converted(value, convert: tuple, connection):
    for converter, column in convert:
        value = converter(value, column, connection)
    return value


@functools.cache
def _attnames(model: type[models.Model]) -> list[str]:
    return [f.attname for f in model._meta.concrete_fields]


@functools.cache
def _converters(model: type[models.Model], using: str) -> list[tuple]:
    """Per column, the (converter, column) pairs the ORM's compiler would apply (backend's, then field's)."""
    connection = connections[using]
    found = []
    for field in model._meta.concrete_fields:
        column = field.get_col(model._meta.db_table)
        found.append(tuple((c, column) for c in connection.ops.get_db_converters(column) + column.get_db_converters(connection)))
    return found


@functools.cache
def _statement() -> str:
    columns = ", ".join(f.column for f in Session._meta.concrete_fields)
    return f"SELECT {columns} FROM {Session._meta.db_table} WHERE session_key = %s AND expire_date > %s"


# A session's stored text decoded (signature checked, JSON read) is kept per worker by the text itself:
# the same text always decodes to the same data, and every change to a session is a new text.
_decoded: LRUCache = LRUCache(maxsize=4096)
_decoded_guard = threading.Lock()


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        key = self.session_key
        found = fetch_one(Session, _statement(), [key, timezone.now()]) if key else None
        if found is None:
            self._session_key = None  # as Django's: an unknown or expired key is forgotten
        return found

    def load(self):
        found = self._get_session_from_db()
        if found is None:
            return {}
        text = found.session_data
        with _decoded_guard:
            kept = _decoded.get(text)
        if kept is not None:
            return json.loads(kept)  # the caller's own copy: a session changed in a request must not change the kept one
        data = self.decode(text)
        if data:  # a text that failed its signature decodes to {}: decoded again each time, as Django does
            with _decoded_guard:
                _decoded[text] = json.dumps(data)
        return data


@functools.cache
def user_statement() -> str:
    """The account by its primary key, every column (the API tokens' lookup uses it too)."""
    User = get_user_model()
    columns = ", ".join(f.column for f in User._meta.concrete_fields)
    return f"SELECT {columns} FROM {User._meta.db_table} WHERE {User._meta.pk.column} = %s"


class AccountBackend(ModelBackend):
    """Django's model backend (passwords, permissions) with the session's user read by ``user_statement``."""

    def get_user(self, user_id):
        User = get_user_model()
        try:
            pk = User._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        user = fetch_one(User, user_statement(), [pk])
        return user if user is not None and self.user_can_authenticate(user) else None
