"""``__in`` on an integer column (ids above all) leaves out the numbers that column cannot hold.

Django already answers ``pk=2**63`` with no rows (its integer lookups know their column's range),
but not ``pk__in=[2**63]``: SQLite raises OverflowError while binding the number, a server error
for a form's multiple choice (ModelMultipleChoiceField) or a list of ids in a body. A number the
column cannot hold matches no row, so leaving it out changes no answer. Registered on IntegerField,
so every integer, big integer and auto field (primary keys) has it; see CoreConfig.ready.
"""

from __future__ import annotations

from django.db.models.lookups import In


class InRange(In):
    lookup_name = "in"

    def process_rhs(self, compiler, connection):
        if self.rhs_is_direct_value():
            low, high = connection.ops.integer_field_range(self.lhs.output_field.get_internal_type())
            self.rhs = [v for v in self.rhs if not isinstance(v, int)
                        or ((low is None or v >= low) and (high is None or v <= high))]
        return super().process_rhs(compiler, connection)
