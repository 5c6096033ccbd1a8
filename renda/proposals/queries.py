"""Reads of suggestions shared by the pages, the API and other apps: the staff list, a unit's
queue, and a deputy's own items on their home page."""

from __future__ import annotations

import datetime

from django.utils import timezone

from renda.core.models import Congress
from renda.core.permissions import organisations_of
from renda.core.roles import Role
from renda.proposals.models import Assignment, Author, Commitment, Notice, Suggestion

PAGE = 50


def lead_due_on(item: Suggestion) -> datetime.date | None:
    """When the lead unit's answer is due (reads prefetched assignments where there are some)."""
    return next((a.due_on for a in item.assignments.all() if a.lead and not a.ended_on), None)


def staff_list(congress: Congress, *, status: str = "", unit: str = "", year: str = "", after: str = ""):
    """The staff list, filtered by status, lead unit and year, newest first, a page at a time (keyset)."""
    items = Suggestion.objects.in_congress(congress).exclude(status__in=["draft", "withdrawn"])
    if status:
        items = items.filter(status=status)
    if year.isdigit():
        items = items.filter(year=int(year))
    if unit.isdigit():
        items = items.filter(pk__in=Assignment.objects.in_congress(congress).filter(
            unit_id=int(unit), lead=True, ended_on__isnull=True).values("suggestion_id"))
    if after.isdigit():
        items = items.filter(id__lt=int(after))
    return list(items.prefetch_related("assignments__unit").order_by("-id")[:PAGE])


def units_of(congress: Congress, user) -> list[int]:
    """The handling units the user answers for."""
    return organisations_of(user, congress, Role.UNIT_OFFICER)


def unit_queue(congress: Congress, units: list[int]):
    """The items these handling units are working on, the nearest due date first."""
    return (Assignment.objects.in_congress(congress).filter(unit_id__in=units, ended_on__isnull=True,
                                                            suggestion__status__in=["assigned", "rehandling"])
            .select_related("suggestion", "unit").order_by("due_on", "id"))


def items_of(congress: Congress, person, limit: int = 20) -> list[Suggestion]:
    """The deputy's items (lead or co-signer), newest first, each with its lead unit's due date."""
    ids = Author.objects.in_congress(congress).filter(person=person).values("suggestion_id")
    items = list(Suggestion.objects.in_congress(congress).filter(pk__in=ids).exclude(status="withdrawn")
                 .prefetch_related("assignments").order_by("-id")[:limit])
    for item in items:
        item.due_on = lead_due_on(item)
    return items


def unit_notices(congress: Congress, units: list[int], limit: int = 20):
    """Reminders and messages to these handling units, newest first."""
    return Notice.objects.in_congress(congress).filter(unit_id__in=units)[:limit]


def open_commitments(congress: Congress, units: list[int]):
    """Commitments in these units' answers not yet reported done, the nearest first."""
    return (Commitment.objects.in_congress(congress).filter(answer__unit_id__in=units, done_on__isnull=True)
            .select_related("answer__suggestion").order_by("due_on"))


def supervision(congress: Congress) -> tuple[list[Suggestion], list[tuple[str, list[Assignment]]]]:
    """重点督办 items, and every overdue assignment grouped by its unit."""
    key_items = list(Suggestion.objects.in_congress(congress).filter(key_supervision=True)
                     .select_related("supervising_leader", "supervising_committee").prefetch_related("assignments")
                     .order_by("-id")[:200])
    overdue = (Assignment.objects.in_congress(congress).filter(ended_on__isnull=True, due_on__lt=timezone.localdate(),
                                                               suggestion__status__in=["assigned", "rehandling"])
               .select_related("unit", "suggestion").order_by("unit__name", "due_on"))
    by_unit: dict[str, list[Assignment]] = {}
    for a in overdue:
        by_unit.setdefault(a.unit.name, []).append(a)
    return key_items, sorted(by_unit.items())


def public_answers(congress: Congress, year: int):
    """Answered items of a year and their answers, except those marked confidential."""
    return (Suggestion.objects.in_congress(congress).filter(year=year, confidential=False,
                                                            status__in=["answered", "rehandling", "closed"])
            .prefetch_related("answers").order_by("number", "id")[:500])
