"""A page of the staff list (``queries.staff_list``), read by one statement written out once.

Every filter of the list is a new page, and each worker works each page out once per data version:
the ORM spent ~1.5 ms building each of the page's two queries (the items, then their assignments), which
the database answered in a fifth of that (``core.written_out``); written out, they are one statement. Here
the same predicates are written as ``queries.staff_items`` builds them (the congress first), the keyword
as Django's ``icontains`` writes it on each database, and the rows become the same slim instances
``.only()`` gave; a test compares both with the ORM's answer for every filter.
"""

from __future__ import annotations

from django.db import connection

from renda.core.models import Congress
from renda.core.written_out import in_field_order, partial_instance, placeholders, quoted, some_columns, table
from renda.people.models import Organisation
from renda.people.validation import id_or_none
from renda.proposals.models import Assignment, Suggestion

# What a row shows (and the API's item).
ITEM_FIELDS = ("id", "congress_id", "number", "title", "key_supervision", "kind", "converted", "category", "status")
ASSIGNMENT_FIELDS = ("id", "congress_id", "suggestion_id", "unit_id", "lead", "due_on", "ended_on")
UNIT_FIELDS = ("id", "congress_id", "name")
NOT_LISTED = ("draft", "withdrawn")


def items(congress: Congress, *, status: str, unit: str, year: str, q: str, after: str, limit: int) -> list[Suggestion]:
    """The newest ``limit`` items after ``after`` (an id) that pass the filters, each with ``handling``:
    its assignments in handling, the lead unit's first, each with its unit."""
    where = ['s."congress_id" = %s', f's."status" NOT IN ({placeholders(len(NOT_LISTED))})']
    params: list = [congress.pk, *NOT_LISTED]
    if status:
        where.append('s."status" = %s')
        params.append(status)
    if (year_number := id_or_none(year)) is not None:
        where.append('s."year" = %s')
        params.append(year_number)
    if (unit_id := id_or_none(unit)) is not None:
        # "lead" and "ended_on" as the partial index writes them, so that a prepared statement's plan uses it.
        where.append(f's."id" IN (SELECT a."suggestion_id" FROM {table(Assignment)} a WHERE a."congress_id" = %s '
                     'AND a."unit_id" = %s AND a."ended_on" IS NULL AND a."lead")')
        params += [congress.pk, unit_id]
    if q:
        matches, matched = _keyword(q)
        where.append(matches)
        params += matched
    if (last := id_or_none(after)) is not None:
        where.append('s."id" < %s')
        params.append(last)
    page = (f"SELECT {some_columns(Suggestion, ITEM_FIELDS, 's')} FROM {table(Suggestion)} s "
            f"WHERE {' AND '.join(where)} ORDER BY s.\"id\" DESC LIMIT %s")
    with connection.cursor() as cursor:
        cursor.execute(_with_handling(page), [*params, limit, congress.pk])
        rows = cursor.fetchall()
    found: list[Suggestion] = []
    item_width, assignment_width = len(ITEM_FIELDS), len(ASSIGNMENT_FIELDS)
    for row in rows:
        if not found or found[-1].pk != row[_ITEM_ID]:
            found.append(partial_instance(Suggestion, ITEM_FIELDS, row[:item_width]))
            found[-1].handling = []  # type: ignore[attr-defined]  # the rows' own, as a prefetch
        if row[item_width] is not None:  # an assignment in handling (an item may have none yet)
            assignment = partial_instance(Assignment, ASSIGNMENT_FIELDS, row[item_width:item_width + assignment_width])
            assignment.unit = partial_instance(Organisation, UNIT_FIELDS, row[item_width + assignment_width:])
            found[-1].handling.append(assignment)  # type: ignore[attr-defined]
    return found


_ITEM_ID = in_field_order(Suggestion, ITEM_FIELDS).index("id")


def _with_handling(page: str) -> str:
    """The page's items (``page``, its last parameter the limit) each with its assignments in handling and
    their units, the lead unit's first: one statement, one round trip, its text the same for every page
    of the same filters (so PostgreSQL prepares it once a connection)."""
    return (f"WITH page AS ({page}) SELECT page.*, {some_columns(Assignment, ASSIGNMENT_FIELDS, 'a')}, "
            f"{some_columns(Organisation, UNIT_FIELDS, 'u')} FROM page "
            f"LEFT JOIN {table(Assignment)} a ON a.\"suggestion_id\" = page.\"id\" AND a.\"congress_id\" = %s "
            f"AND a.\"ended_on\" IS NULL "
            f"LEFT JOIN {table(Organisation)} u ON u.\"id\" = a.\"unit_id\" "
            f"ORDER BY page.\"id\" DESC, a.\"lead\" DESC, a.\"id\"")


def _keyword(q: str) -> tuple[str, list]:
    """Title or field (领域) holds the keyword, or the item's number is it: ``queries.matching``, written as
    Django writes ``icontains`` and ``exact`` on this database (a number the column cannot hold matches
    nothing, as the ORM drops it)."""
    pattern = f"%{connection.ops.prep_for_like_query(q)}%"
    contains = connection.operators["icontains"] % "%s"
    lhs = connection.ops.lookup_cast("icontains", "CharField")
    clauses = [f"{lhs % ('s.' + quoted('title'))} {contains}", f"{lhs % ('s.' + quoted('category'))} {contains}"]
    params: list = [pattern, pattern]
    lowest, highest = connection.ops.integer_field_range("PositiveIntegerField")
    if q.isdecimal() and lowest <= int(q) <= highest:
        clauses.append('s."number" = %s')
        params.append(int(q))
    return f"({' OR '.join(clauses)})", params
