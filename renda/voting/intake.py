"""The hall's intake from phones and voting devices, group-committed: the roll-call casts that arrive
while a batch is being written are written together by ``actions.cast_votes``, the secret ballots by
``actions.cast_ballots``. Each batch reads and locks its vote itself; the intake knows only its id."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import connection

from renda.core.groupcommit import GroupCommit
from renda.core.models import Congress
from renda.core.usecase import Request
from renda.voting import actions
from renda.voting.models import RollCallCast, Vote


def _write_casts(key: tuple[Congress, int], requests: list[Request]) -> list:
    congress, vote_id = key
    return actions.cast_votes(congress, Vote(pk=vote_id, congress_id=congress.pk), requests=requests)


def _write_ballots(key: tuple[Congress, int], requests: list[Request]) -> list:
    congress, vote_id = key
    return actions.cast_ballots(congress, Vote(pk=vote_id, congress_id=congress.pk), requests=requests)


def _lock_file() -> Path | None:
    """On SQLite the worker processes take turns on a lock file rather than on the database's busy
    timeout; casts and ballots share it, as they share the database's one writer."""
    if connection.vendor != "sqlite":
        return None  # PostgreSQL wakes a waiting writer itself
    return Path(settings.DATA_DIR) / "locks" / "roll-call-casts.lock"


roll_call_casts = GroupCommit(_write_casts, _lock_file)
secret_ballots = GroupCommit(_write_ballots, _lock_file)


def cast(congress: Congress, vote_id: int, *, actor, choice: str) -> RollCallCast:
    return roll_call_casts.submit((congress, vote_id), Request(actor, {"choice": choice}))


def cast_ballot(congress: Congress, vote_id: int, *, actor, content: dict) -> None:
    secret_ballots.submit((congress, vote_id), Request(actor, {"content": content}))
