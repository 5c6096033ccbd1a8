"""Writes to the records (履职档案): the one thing stored is the deputy's own short note to a year.
No action changes a figure; figures are computed from the other modules (records.figures)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from renda.core import audit, rules
from renda.core.errors import NotPermitted
from renda.core.models import Congress
from renda.core.usecase import action
from renda.people.validation import FIRST_REPORT_YEAR, Errors, text, whole_number
from renda.records import queries
from renda.records.models import RecordNote


@action("write_record_note")
def write_record_note(congress: Congress, *, actor, year: Any, text_: Any) -> RecordNote:
    """The deputy writes (or rewrites) their note to a year of their own record, at most
    ``records.note_max_chars`` characters; an empty note removes it from the record's page but keeps
    the row's history in the audit log."""
    person = queries.person_of(actor)
    if person is None:
        raise NotPermitted("只有代表本人可以为履职档案写说明")
    errors = Errors()
    # A note is to a year that has begun (a record of next year has nothing in it yet).
    number = whole_number(year, errors, "year", "年度", minimum=FIRST_REPORT_YEAR, maximum=timezone.localdate().year)
    limit = rules.get(congress, "records.note_max_chars")
    body = text({"text": text_}, errors, "text", "履职情况说明", max_length=limit, multiline=True)
    errors.raise_if_any()
    queries.deputy_in(congress, person, number)  # not a deputy here that year: not found
    # A unique constraint (congress, person, year) settles two saves of the same note at once.
    note, created = RecordNote.objects.get_or_create(congress=congress, person=person, year=number,
                                                     defaults={"text": body, "updated_by": actor})
    before = None if created else {"text": note.text}
    if not created:
        note.text, note.updated_by = body, actor
        note.save(update_fields=["text", "updated_by", "updated_at"])
    audit.record(congress, actor, "write_record_note", note, object_repr=f"{person.name}{number}年履职情况说明",
                 before=before, after={"text": body})
    return note
