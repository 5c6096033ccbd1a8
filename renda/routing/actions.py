"""Writes for 承办单位职责: office staff record what each handling unit is responsible for (its 三定方案's
主要职责), which the router ranks units on. The length is a rule (routing.duties_max_chars)."""

from __future__ import annotations

from renda.core import audit, rules
from renda.core.errors import ValidationError
from renda.core.models import Congress
from renda.core.usecase import action, ensure_own
from renda.people.models import Organisation
from renda.people.validation import Errors, text


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
    return unit
