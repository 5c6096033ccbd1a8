"""Writes for 承办单位职责: office staff record what each handling unit is responsible for (its 三定方案's
主要职责), which the router ranks units on. The length is a rule (routing.duties_max_chars)."""

from __future__ import annotations

import logging

from django.db import transaction

from renda.core import audit, rules
from renda.core.errors import ValidationError
from renda.core.models import Congress
from renda.core.usecase import action, ensure_own
from renda.people.models import Organisation
from renda.people.validation import Errors, text
from renda.routing import embeddings

logger = logging.getLogger("renda.routing")


def _embed_after_commit(name: str, duties: str) -> None:
    """The new duties' meaning vectors, once the edit is committed (a second or two for a unit; a file,
    no row). If it fails, routing ranks the unit on words until ``renda manage routing_embed`` runs."""
    try:
        embeddings.compute(name, duties)
    except Exception:  # noqa: BLE001 — advisory cache: the edit itself has been saved
        logger.exception("could not embed the duties of %s", name)


@action("set_unit_duties")
def set_unit_duties(congress: Congress, unit: Organisation, *, actor, duties: str) -> Organisation:
    """A handling unit's duties, as its 三定方案 words them; blank clears them (the router then says it
    cannot rank the unit on duties)."""
    unit = ensure_own(congress, unit, "承办单位")
    if unit.kind != Organisation.Kind.HANDLING_UNIT:
        raise ValidationError({"unit": f"{unit.name}不是承办单位，只有承办单位填写职责"})
    errors = Errors()
    cleaned = text({"duties": duties}, errors, "duties", "职责（三定方案）",
                   max_length=rules.get(congress, "routing.duties_max_chars"), multiline=True)
    errors.raise_if_any()
    before = unit.duties
    unit.duties = cleaned
    unit.save(update_fields=["duties"])
    audit.record(congress, actor, "set_unit_duties", unit, object_repr=f"{unit.name}的职责",
                 before={"duties_chars": len(before)}, after={"duties_chars": len(cleaned)})
    if cleaned and embeddings.available():
        transaction.on_commit(lambda: _embed_after_commit(unit.name, cleaned))
    return unit
