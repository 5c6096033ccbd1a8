"""Writing the audit log. Every action records exactly who did what to which object, before and after."""

from __future__ import annotations

import datetime
from contextvars import ContextVar
from decimal import Decimal
from typing import Any

from django.db import models

from renda.core import written_out
from renda.core.models import AuditEntry, Congress

# Counts the audit rows written by the action now running, so an action that forgets one fails loudly.
_written: ContextVar[list[int] | None] = ContextVar("audit_written", default=None)


def _plain(value: Any) -> Any:
    if isinstance(value, datetime.date | datetime.datetime | Decimal):
        return str(value)
    if isinstance(value, models.Model):
        return str(value)
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The named fields of ``obj`` as JSON-safe values, foreign keys by their label."""
    return {name: _plain(getattr(obj, name)) for name in fields}


def changed(before: dict[str, Any], after: dict[str, Any]) -> tuple[dict, dict]:
    keys = [k for k in after if before.get(k) != after.get(k)]
    return {k: before.get(k) for k in keys}, {k: after[k] for k in keys}


def entry(
    congress: Congress,
    actor,
    action: str,
    obj: models.Model | None = None,
    *,
    before: dict | None = None,
    after: dict | None = None,
    object_repr: str = "",
) -> AuditEntry:
    """An unsaved audit row: ``record`` saves one, ``record_many`` inserts a batch."""
    return AuditEntry(
        congress=congress,
        actor=actor if getattr(actor, "pk", None) else None,
        actor_name=(actor.get_full_name() or actor.get_username()) if getattr(actor, "pk", None) else "系统",
        action=action,
        object_type=(obj._meta.model_name or "") if obj is not None else "",
        object_id=str(obj.pk) if obj is not None else "",
        object_repr=(object_repr or (str(obj) if obj is not None else ""))[:200],
        before=before,
        after=after,
    )


def record(congress: Congress, actor, action: str, obj: models.Model | None = None, **details) -> AuditEntry:
    row = entry(congress, actor, action, obj, **details)
    row.save()
    _count(1)
    return row


def record_many(rows: list[AuditEntry]) -> list[AuditEntry]:
    """Several audit rows (made by ``entry``) in one insert, for a group-committed batch."""
    written_out.insert(rows)  # the ORM's bulk_create cost a hall batch more than its statement
    _count(len(rows))
    return rows


def _count(rows: int) -> None:
    counter = _written.get()
    if counter is not None:
        counter[0] += rows


class expect_audit:
    """Used by the action decorator: fails the action (and rolls it back) if it wrote no audit row."""

    def __init__(self, action: str, minimum: int = 1):
        self.action = action
        self.minimum = minimum
        self.counter = [0]

    @property
    def written(self) -> int:
        return self.counter[0]

    def __enter__(self):
        self.token = _written.set(self.counter)
        return self

    def __exit__(self, exc_type, exc, tb):
        _written.reset(self.token)
        if exc_type is None and self.counter[0] < self.minimum:
            raise RuntimeError(f"action {self.action} wrote no audit record")
        return False
