"""Tenancy: each congress (人大) is a tenant, and every domain row carries its congress.

Queries are scoped in two ways that back each other up:
- code passes the congress explicitly (``Deputy.objects.in_congress(c)``), and
- while a request or an action runs, ``congress_scope`` puts that congress in a context variable
  that the default and base managers add to every query, so related-object access, ``save()``
  and ``refresh_from_db()`` carry ``congress_id`` too.

The test suite records every SQL statement and fails on one that touches a tenant table without a
``congress_id`` predicate (see ``renda/conftest.py``). Queries that must span congresses — a higher
congress reading its subordinates' figures — go through ``Model.unscoped`` inside
``cross_congress_query(name)``, and each such name is listed in ``CROSS_CONGRESS_QUERIES``.
That discipline is what lets a province later shard by congress (Citus distribution column).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import TYPE_CHECKING

from django.db import models

if TYPE_CHECKING:
    from renda.core.models import Congress

_current_congress: ContextVar[Congress | None] = ContextVar("current_congress", default=None)
_cross_congress: ContextVar[str | None] = ContextVar("cross_congress", default=None)

# Every query allowed to read more than one congress, with why. Tests cover each one.
CROSS_CONGRESS_QUERIES = {
    "subordinate_deputy_counts": "a higher congress reads how many deputies its subordinate congresses have",
    "congresses_of_user": "a signed-in person sees the congresses where they hold a role",
    "congresses_of_person": "a deputy's home shows the levels at which they serve (五级代表)",
    "congresses_holding_person": "an edit of a shared person is audited in every congress that holds a record of them",
    "account_reach": "an admin may disable or reset an account only when it holds no role in another congress",
    "joint_oversight_activities": "a survey or inspection held jointly with the congress one level up or down "
                                  "is recorded once, by the host, and listed in the partner's plan too",
    "deputies_of_area": "an activity's participants may be deputies of this congress, of those above it and of "
                        "those below it: their mandates on the activity's day are read across those congresses",
    "record_activities_elsewhere": "a deputy's record counts the activities another congress of the area organised "
                                   "in which they took part as this congress's deputy (Participant.as_deputy_of)",
    "combined_record": "a person who is a deputy at several levels sees their records added up over the congresses "
                       "where they hold a mandate that year (五级代表), and only those",
    "back_office_admin": "superusers correct any congress's rows in Django admin (/admin/)",
}


def current_congress() -> Congress | None:
    return _current_congress.get()


@contextmanager
def congress_scope(congress: Congress) -> Iterator[Congress]:
    token = _current_congress.set(congress)
    try:
        yield congress
    finally:
        _current_congress.reset(token)


@contextmanager
def cross_congress_query(name: str) -> Iterator[None]:
    if name not in CROSS_CONGRESS_QUERIES:
        raise KeyError(f"cross-congress query {name!r} is not listed in CROSS_CONGRESS_QUERIES")
    token = _cross_congress.set(name)
    try:
        yield
    finally:
        _cross_congress.reset(token)


def cross_congress_query_name() -> str | None:
    return _cross_congress.get()


class TenantQuerySet(models.QuerySet):
    def in_congress(self, congress: Congress | int) -> TenantQuerySet:
        return self.filter(congress_id=getattr(congress, "pk", congress))


class TenantManager(models.Manager.from_queryset(TenantQuerySet)):  # type: ignore[misc]  # dynamic base
    def get_queryset(self) -> TenantQuerySet:
        queryset = super().get_queryset()
        congress = current_congress()
        if congress is not None:
            queryset = queryset.filter(congress_id=congress.pk)
        # As a related manager (``mandate.events``), stay in the owning row's congress as well.
        owner_congress = getattr(getattr(self, "instance", None), "congress_id", None)
        if owner_congress is not None:
            queryset = queryset.filter(congress_id=owner_congress)
        return queryset


class TenantModel(models.Model):
    """A row that belongs to one congress. Subclasses' ``Meta`` must inherit ``TenantModel.Meta``."""

    congress = models.ForeignKey(
        "core.Congress", on_delete=models.PROTECT, related_name="+", verbose_name="人大"
    )

    objects = TenantManager()
    # For the listed cross-congress report queries only; never in views or actions directly.
    unscoped = models.Manager()  # noqa: DJ012  (a second manager, not a field)

    class Meta:
        abstract = True
        base_manager_name = "objects"

    # Saving and reloading a row name its congress too, so the statement is routed by the
    # distribution column and can never touch another congress's row with the same id.
    def _do_update(self, base_qs, using, pk_val, values, update_fields, forced_update):
        return super()._do_update(base_qs.filter(congress_id=self.congress_id), using, pk_val, values,
                                  update_fields, forced_update)

    def refresh_from_db(self, using=None, fields=None, from_queryset=None):
        if from_queryset is None and self.congress_id is not None:
            from_queryset = type(self)._base_manager.filter(congress_id=self.congress_id)
        super().refresh_from_db(using=using, fields=fields, from_queryset=from_queryset)


def tenant_tables() -> set[str]:
    from django.apps import apps

    return {m._meta.db_table for m in apps.get_models() if issubclass(m, TenantModel)}
