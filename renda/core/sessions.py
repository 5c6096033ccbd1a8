"""Who is signed in: Django's database sessions and model backend, each reading its row by one statement
written out once.

Every signed-in page reads its session and then its user before anything else. Django builds both
queries through the ORM on each request, which costs more than the database takes to answer them (as
the API tokens did: core.actions). Same tables, same rows, same rules (a session's expiry, an inactive
account signs no one in); writing, rotating and deleting sessions and checking passwords are Django's own.

A kept page (core.kept_pages) then needs only the congress's data version, so on a congress's pages the
session's row, its account's row and the versions are read by one statement: the account is the one the
session named when this worker last read it. The session just read decides whose page it is: when it
names another account (or none), what came with it is not used and the account is read on its own. On
PostgreSQL each round trip cost the worker ~0.08 ms and the database ~0.1 ms: the kept page's three
became one.
"""

from __future__ import annotations

import functools
import json
import threading

from cachetools import LRUCache
from django.contrib.auth import SESSION_KEY, get_user_model
from django.contrib.auth.backends import ModelBackend
from django.contrib.sessions.backends import db
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.core.signals import request_finished, request_started
from django.db import connection
from django.utils import timezone

from renda.core import tallies
from renda.core.tenancy import current_congress
from renda.core.written_out import columns, fetch_one, instance, quoted, table


@functools.cache
def _statement() -> str:
    columns = ", ".join(f.column for f in Session._meta.concrete_fields)
    return f"SELECT {columns} FROM {Session._meta.db_table} WHERE session_key = %s AND expire_date > %s"


# A session's stored text decoded (signature checked, JSON read) is kept per worker by the text itself:
# the same text always decodes to the same data, and every change to a session is a new text.
_decoded: LRUCache = LRUCache(maxsize=4096)
_decoded_guard = threading.Lock()


# The account each session key named when this worker last read it: the one read along with the session.
_account_of_key: LRUCache = LRUCache(maxsize=4096)
# The account read along with this request's session, until the backend asks for it (one request a thread).
_read_along = threading.local()


@functools.cache
def _with_account_statement() -> str:
    """The session, the account it named last time and the congress's versions: one row, or none."""
    User = get_user_model()
    return (f"SELECT {columns(Session, 's')}, {columns(User, 'u')}, {tallies.versions_column()} "
            f"FROM {table(Session)} s LEFT JOIN {table(User)} u ON u.{quoted(User._meta.pk.column)} = %s "
            f"WHERE s.session_key = %s AND s.expire_date > %s")


def _forget_read_along(**kwargs) -> None:
    _read_along.account = None


request_started.connect(_forget_read_along, dispatch_uid="renda.core.sessions.started")
request_finished.connect(_forget_read_along, dispatch_uid="renda.core.sessions.finished")


class SessionStore(db.SessionStore):
    def _get_session_from_db(self):
        key = self.session_key
        if not key:
            found = None
        elif (read := self._read_with_account(key)) is not False:
            found = read
        else:
            found = fetch_one(Session, _statement(), [key, timezone.now()])
        if found is None:
            self._session_key = None  # as Django's: an unknown or expired key is forgotten
        return found

    def _read_with_account(self, key: str):
        """The session read with its account and the congress's versions (see the module), or False
        where that cannot be: no congress's page, the versions already read, an account not yet known."""
        congress = current_congress()
        with _decoded_guard:
            account_id = _account_of_key.get(key)
        if congress is None or account_id is None or not tallies.versions_wanted(congress.pk):
            return False
        try:
            account_id = get_user_model()._meta.pk.to_python(account_id)
        except ValidationError:
            return False
        cursor = connection.cursor()
        with cursor:
            cursor.execute(_with_account_statement(), [congress.pk, tallies.WRITES, account_id, key, timezone.now()])
            row = cursor.fetchone()
        if row is None:
            return None
        session_columns = len(Session._meta.concrete_fields)
        session = instance(Session, row[:session_columns])
        account_row = row[session_columns:-1]  # all None when the account is gone (LEFT JOIN)
        account = None if account_row[0] is None else instance(get_user_model(), account_row)
        tallies.versions_read(congress.pk, row[-1])
        _read_along.account = (key, account)
        return session

    def load(self):
        found = self._get_session_from_db()
        if found is None:
            return {}
        text = found.session_data
        with _decoded_guard:
            kept = _decoded.get(text)
        if kept is not None:
            data = json.loads(kept)  # the caller's own copy: a session changed in a request must not change the kept one
        else:
            data = self.decode(text)
            if data:  # a text that failed its signature decodes to {}: decoded again each time, as Django does
                with _decoded_guard:
                    _decoded[text] = json.dumps(data)
        self._note_account(data.get(SESSION_KEY))
        return data

    def _note_account(self, named) -> None:
        """Remember whom this session names, for the next read; what was read along for anyone else is dropped."""
        key = self.session_key
        with _decoded_guard:
            if named is None:
                _account_of_key.pop(key, None)
            else:
                _account_of_key[key] = str(named)
        along = getattr(_read_along, "account", None)
        if along is not None and (along[0] != key or along[1] is None or str(along[1].pk) != str(named)):
            _read_along.account = None


@functools.cache
def user_statement() -> str:
    """The account by its primary key, every column."""
    User = get_user_model()
    return f"SELECT {columns(User)} FROM {table(User)} WHERE \"{User._meta.pk.column}\" = %s"


class AccountBackend(ModelBackend):
    """Django's model backend (passwords, permissions) with the session's user read by ``user_statement``,
    or read already with the session that named it (``SessionStore``)."""

    def get_user(self, user_id):
        User = get_user_model()
        try:
            pk = User._meta.pk.to_python(user_id)
        except ValidationError:
            return None
        along = getattr(_read_along, "account", None)
        _read_along.account = None
        if along is not None and along[1] is not None and along[1].pk == pk:
            user = along[1]  # read with the session that named it, in this request (SessionStore)
        else:
            user = fetch_one(User, user_statement(), [pk])
        return user if user is not None and self.user_can_authenticate(user) else None
