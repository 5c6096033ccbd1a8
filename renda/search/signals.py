"""Keeps the search index current in the same transaction as the write.

Infrastructure, not a domain write: a receiver on each source model (and on the children whose text or whose
relation decides an entry's audience: an answer, an author, an assignment…) rebuilds that entry from the
database and puts it, or removes it when the row is gone. The action's ``transaction.atomic()`` covers both,
so a rolled-back write leaves the index as it was.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

from django.db.models.signals import post_delete, post_save

from renda.core import before_commit
from renda.search import engine, sources

# child model → how to reach the source row(s) it belongs to
PARENTS: dict[str, Callable[[Any], list]] = {
    "proposals.Author": lambda row: [_fresh("proposals.Suggestion", row.congress_id, row.suggestion_id)],
    "proposals.Assignment": lambda row: [_fresh("proposals.Suggestion", row.congress_id, row.suggestion_id)],
    "proposals.Answer": lambda row: [_fresh("proposals.Suggestion", row.congress_id, row.suggestion_id)],
    "meetings.AgendaItem": lambda row: [_fresh("meetings.Meeting", row.congress_id, row.meeting_id)],
    "livelihood.ProgressReport": lambda row: [_fresh("livelihood.Proposal", row.congress_id, row.proposal_id)],
    "livelihood.Inspection": lambda row: [_fresh("livelihood.Proposal", row.congress_id, row.proposal_id)],
    "oversight.Finding": lambda row: [_fresh("oversight.Report", row.congress_id, row.report_id)],
    "oversight.Activity": lambda row: _rows("oversight.Report", row.congress_id, activity_id=row.pk),
    "legislation.BillVersion": lambda row: [_fresh("legislation.Bill", row.congress_id, row.bill_id)],
    "legislation.LawRevision": lambda row: [_fresh("legislation.Law", row.congress_id, row.law_id)],
    "legislation.Provision": lambda row: _version_owners(row.congress_id, row.version_id),
    "people.Person": lambda row: _mandates_of(row),
}
SOURCE_MODELS = ("proposals.Suggestion", "liaison.Concern", "meetings.Document", "meetings.Meeting",
                 "livelihood.Proposal", "oversight.Report", "legislation.Bill", "legislation.Law",
                 "people.Mandate", "people.Organisation")


def _model(label: str):
    from django.apps import apps

    return apps.get_model(label)


def _rows(label: str, congress_id: int, **where) -> list:
    return list(_model(label).objects.in_congress(congress_id).filter(**where))


def _fresh(label: str, congress_id: int, pk: int | None):
    if pk is None:
        return None
    return _model(label).objects.in_congress(congress_id).filter(pk=pk).first()


def _version_owners(congress_id: int, version_id: int) -> list:
    version = _fresh("legislation.BillVersion", congress_id, version_id)
    if version is None:
        return []
    laws = _model("legislation.Law").objects.in_congress(congress_id).filter(
        pk__in=_model("legislation.LawRevision").objects.in_congress(congress_id).filter(version_id=version_id)
        .values("law_id"))
    return [_fresh("legislation.Bill", congress_id, version.bill_id), *laws]


def _mandates_of(person) -> list:
    from renda.people.queries import congresses_holding

    return [m for c in congresses_holding(person) for m in _rows("people.Mandate", c.pk, person=person)]


def reindex(row) -> None:
    """Put the row's entry as it now stands (or remove it where the row is no longer searchable)."""
    document = sources.document_for(row)
    if document is not None:
        engine.put(document)


def _sync_later(model, congress_id: int, pk: int, kind: str | None = None) -> None:
    """At the end of the action (``core.before_commit``), once per row however often it changed: the entry
    as the row then stands, or removed if the row is gone by then."""
    def sync() -> None:
        row = model._base_manager.filter(congress_id=congress_id, pk=pk).first()
        if row is not None:
            reindex(row)
            return
        for gone in [kind] if kind is not None else sources.kinds_of_model(model):
            engine.remove(gone, pk, congress_id=congress_id)

    before_commit.defer(("search", model._meta.label, pk), sync)


def _saved(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):  # loading fixtures
        return
    _sync_later(sender, instance.congress_id, instance.pk, sources.kind_of(instance))


def _deleted(sender, instance, **kwargs) -> None:
    kind = sources.kind_of(instance)
    if kind is not None:
        _sync_later(sender, instance.congress_id, instance.pk, kind)


def _child_changed(sender, instance, **kwargs) -> None:
    if kwargs.get("raw"):
        return
    for parent in PARENTS[sender._meta.label](instance):
        if parent is not None:
            _sync_later(type(parent), parent.congress_id, parent.pk, sources.kind_of(parent))


@functools.cache
def _audited_models() -> dict[str, Any]:
    """Audit rows name their object by model name only: the source models whose name no other model shares."""
    from django.apps import apps

    names: dict[str | None, list] = {}
    for model in apps.get_models():
        names.setdefault(model._meta.model_name, []).append(model)
    wanted = [_model(label) for label in (*SOURCE_MODELS, "oversight.Activity")]
    return {m._meta.model_name: m for m in wanted if len(names[m._meta.model_name]) == 1}


def _audited(sender, instance, created=False, **kwargs) -> None:
    """Every action ends with its audit row naming the object it changed. Some change the object's children in
    bulk (``bulk_create``, ``update()``: no signals), an assignment to units among them: the audit row, in the
    same transaction, re-indexes the object as it now stands."""
    if not created or kwargs.get("raw") or not instance.object_id.isdecimal():
        return
    model = _audited_models().get(instance.object_type)
    if model is None:
        return
    if model._meta.label in PARENTS:
        row = model.objects.in_congress(instance.congress_id).filter(pk=int(instance.object_id)).first()
        if row is not None:
            _child_changed(model, row)
    else:
        _sync_later(model, instance.congress_id, int(instance.object_id))


def connect() -> None:
    from renda.core.models import AuditEntry

    post_save.connect(_audited, sender=AuditEntry, dispatch_uid="search-audited")
    for label in SOURCE_MODELS:
        model = _model(label)
        post_save.connect(_saved, sender=model, dispatch_uid=f"search-save-{label}")
        post_delete.connect(_deleted, sender=model, dispatch_uid=f"search-delete-{label}")
    for label in PARENTS:
        model = _model(label)
        post_save.connect(_child_changed, sender=model, dispatch_uid=f"search-child-save-{label}")
        # No delete receivers on children: a receiver stops Django's fast delete, whose single statement keeps
        # the congress predicate (the tenancy guard). A child is removed inside an action, whose audit row
        # re-indexes its parent (``_audited``).
