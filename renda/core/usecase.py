"""The ``@action`` decorator every write goes through.

An action is one use case in the domain's words. The decorator checks the declared permission,
then runs the body in one transaction inside the congress's scope, and refuses to commit an
action that wrote no audit record.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from typing import TypeVar

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction

from renda.core.audit import expect_audit
from renda.core.errors import NotFound
from renda.core.models import Congress
from renda.core.permissions import PERMISSIONS, check_permission
from renda.core.tenancy import congress_scope

F = TypeVar("F", bound=Callable)
logger = logging.getLogger("renda.actions")
ACTIONS: dict[str, Callable] = {}


def action(name: str) -> Callable[[F], F]:
    if name not in PERMISSIONS:
        raise ImproperlyConfigured(f"action {name!r} has no entry in core.permissions.PERMISSIONS")

    def decorate(body: F) -> F:
        @functools.wraps(body)
        def run(congress: Congress, *args, actor, **kwargs):
            try:
                check_permission(actor, congress, name)
                with congress_scope(congress), transaction.atomic(), expect_audit(name):
                    return body(congress, *args, actor=actor, **kwargs)
            except (ValidationError, PermissionDenied, NotFound) as refusal:
                # Every refused write is logged; the transaction has already rolled back.
                logger.info("refused %s in %s by %s: %s", name, congress.code, actor,
                            getattr(refusal, "messages", None) or str(refusal))
                raise

        run.action_name = name  # type: ignore[attr-defined]
        ACTIONS[name] = run
        return run  # type: ignore[return-value]

    return decorate


def ensure_own(congress: Congress, obj, what: str = "记录") -> None:
    """An object of another congress is treated as absent: the same answer as 'not found'."""
    if obj is None or obj.congress_id != congress.pk:
        raise NotFound(f"找不到该{what}")
