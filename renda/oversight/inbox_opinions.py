"""What oversight's opinions ask of each person today (see renda/core/inbox.py)."""

from __future__ import annotations

from renda.core.inbox import Ask, Task


def tasks(ask: Ask) -> list[Task]:
    return []
