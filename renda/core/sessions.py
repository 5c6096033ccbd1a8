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

from cachetools import LRUCache
from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.utils import timezone

from renda.core.written_out import columns, fetch_one, table


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
    """The account by its primary key, every column."""
    User = get_user_model()
    return f"SELECT {columns(User)} FROM {table(User)} WHERE \"{User._meta.pk.column}\" = %s"


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
