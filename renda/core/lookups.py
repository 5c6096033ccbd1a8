"""Lookups on integer columns (ids above all) that treat a number the column cannot hold as
matching nothing, instead of a server error.

Django already answers ``pk=2**63`` with no rows (its integer lookups know their column's range),
but not ``pk__in=[2**63]`` nor ``delegation_id=2**63`` (a foreign key's own lookups): SQLite raises
OverflowError while binding the number — a server error for a filter in the address, a form's
multiple choice (ModelMultipleChoiceField) or a list of ids in a body. A number the column cannot
hold matches no row, so leaving it out changes no answer. Registered in CoreConfig.ready: ``InRange``
on IntegerField (so every integer, big integer and auto field), the related ones on ForeignObject.
"""

from __future__ import annotations

from django.core.exceptions import EmptyResultSet
from django.db.models.fields.related_lookups import RelatedExact, RelatedIn
from django.db.models.lookups import In

BIGINT = (-(2**63), 2**63 - 1)  # what any integer key column holds, on either database


def _holdable(value, low, high) -> bool:
    return not isinstance(value, int) or ((low is None or value >= low) and (high is None or value <= high))


class InRange(In):
    lookup_name = "in"

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [v for v in self.rhs if _holdable(v, low, high)]
        return super().process_rhs(compiler, connection)


class RelatedExactInRange(RelatedExact):
    lookup_name = "exact"

    def process_rhs(self, compiler, connection):
        if not _holdable(self.rhs, *BIGINT):
            raise EmptyResultSet
        return super().process_rhs(compiler, connection)


class RelatedInRange(RelatedIn):
    lookup_name = "in"

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            self.rhs = [v for v in self.rhs if _holdable(v, *BIGINT)]
        return super().process_rhs(compiler, connection)
