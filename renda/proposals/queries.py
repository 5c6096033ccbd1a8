"""Reads of suggestions other apps show: a deputy's own items on their home page."""

from __future__ import annotations

from renda.core.models import Congress
from renda.proposals.models import Author, Suggestion


def items_of(congress: Congress, person, limit: int = 20) -> list[Suggestion]:
    """The deputy's items (lead or co-signer), newest first, each with its lead unit's due date."""
    ids = Author.objects.in_congress(congress).filter(person=person).values("suggestion_id")
    items = list(Suggestion.objects.in_congress(congress).filter(pk__in=ids).exclude(status="withdrawn")
                 .prefetch_related("assignments").order_by("-id")[:limit])
    for item in items:
        item.due_on = next((a.due_on for a in item.assignments.all() if a.lead and not a.ended_on), None)
    return items
