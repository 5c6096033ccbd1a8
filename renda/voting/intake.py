"""The hall's intake of roll-call casts from phones and voting devices, group-committed: the casts
that arrive while a batch is being written are written together by ``actions.cast_votes``."""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.db import connection

from renda.core.errors import NotFound
from renda.core.groupcommit import GroupCommit
from renda.core.models import Congress
from renda.core.tenancy import congress_scope
from renda.core.usecase import Request
from renda.voting import actions
from renda.voting.models import RollCallCast, Vote


def _write(key: tuple[Congress, int], requests: list[Request]) -> list:
    congress, vote_id = key
    with congress_scope(congress):
        vote = Vote.objects.in_congress(congress).filter(pk=vote_id).first()
    if vote is None:
        raise NotFound("找不到该表决")
    return actions.cast_votes(congress, vote, requests=requests)


def _lock_file() -> Path | None:
    if connection.vendor != "sqlite":
        return None  # PostgreSQL wakes a waiting writer itself
    return Path(settings.DATA_DIR) / "locks" / "roll-call-casts.lock"


roll_call_casts = GroupCommit(_write, _lock_file)


def cast(congress: Congress, vote_id: int, *, actor, choice: str) -> RollCallCast:
    return roll_call_casts.submit((congress, vote_id), Request(actor, {"choice": choice}))
