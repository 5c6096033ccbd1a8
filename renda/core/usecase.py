"""The ``@action`` decorator every write goes through.

An action is one use case in the domain's words. The decorator checks the declared permission,
then runs the body in one transaction inside the congress's scope, notes the tables it wrote (the
congress's data version, and each table's: ``core.tallies``), runs the derived writes its receivers
deferred (``core.before_commit``: the search index, once per row), and refuses to commit an action
that wrote no audit record.
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar

from django.core.exceptions import ImproperlyConfigured, PermissionDenied, ValidationError
from django.db import transaction

from renda.core import before_commit, tallies
from renda.core.audit import expect_audit
from renda.core.errors import NotFound
from renda.core.models import Congress
from renda.core.permissions import PERMISSIONS, check_permission, prime_roles
from renda.core.tenancy import congress_scope

F = TypeVar("F", bound=Callable)
T = TypeVar("T")
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
                with (congress_scope(congress), transaction.atomic(), expect_audit(name), before_commit.collecting(),
                      tallies.noting_tables(congress)):
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


@dataclass
class Request:
    """One member's request inside a group-committed batch: who asks, and the action's arguments."""

    actor: Any
    params: dict = field(default_factory=dict)


def batch_action(name: str) -> Callable[[F], F]:
    """The group-commit form of ``@action``: many members' requests of one use case, one transaction.

    Each request is permission-checked, and the body validates each as the single action would,
    returning per request its result or the refusal it met. What was accepted commits together with
    one audit row each; each refusal is logged. If the body itself refuses (the vote is closed), every
    request in the batch gets that refusal and nothing is written."""
    if name not in PERMISSIONS:
        raise ImproperlyConfigured(f"action {name!r} has no entry in core.permissions.PERMISSIONS")

    def decorate(body: F) -> F:
        @functools.wraps(body)
        def run(congress: Congress, *args, requests: list[Request], **kwargs) -> list:
            prime_roles([r.actor for r in requests], congress)
            outcomes: list = [None] * len(requests)
            admitted = []
            for i, request in enumerate(requests):
                try:
                    check_permission(request.actor, congress, name)
                    admitted.append(i)
                except PermissionDenied as refusal:
                    outcomes[i] = refusal
            if admitted:
                try:
                    with (congress_scope(congress), transaction.atomic(), expect_audit(name, minimum=0) as audit,
                          before_commit.collecting(), tallies.noting_tables(congress)):
                        results = body(congress, *args, requests=[requests[i] for i in admitted], **kwargs)
                        accepted = sum(not isinstance(r, Exception) for r in results)
                        if audit.written < accepted:
                            raise ImproperlyConfigured(f"action {name} accepted {accepted} requests "
                                                       f"but wrote {audit.written} audit records")
                except (ValidationError, PermissionDenied, NotFound) as refusal:
                    results = [refusal] * len(admitted)
                for i, result in zip(admitted, results, strict=True):
                    outcomes[i] = result
            for request, outcome in zip(requests, outcomes, strict=True):
                if isinstance(outcome, Exception):
                    logger.info("refused %s in %s by %s: %s", name, congress.code, request.actor,
                                getattr(outcome, "messages", None) or str(outcome))
            return outcomes

        run.action_name = name  # type: ignore[attr-defined]
        return run  # type: ignore[return-value]

    return decorate


def ensure_own(congress: Congress, obj: T | None, what: str = "记录") -> T:
    """An object of another congress is treated as absent: the same answer as 'not found'. Returns
    the object, now known to be there."""
    if obj is None or getattr(obj, "congress_id", None) != congress.pk:
        raise NotFound(f"找不到该{what}")
    return obj
