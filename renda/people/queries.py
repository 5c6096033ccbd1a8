"""Reads for people and organisations, always within one congress."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from renda.core.models import Congress
from renda.people.models import Mandate, Membership, Organisation

PAGE_SIZE = 50


def current_members(congress: Congress, organisation: Organisation, on: datetime.date | None = None):
    day = on or timezone.localdate()
    return (
        Membership.objects.in_congress(congress)
        .filter(organisation=organisation, start__lte=day)
        .filter(Q(end__isnull=True) | Q(end__gte=day))
        .select_related("person")
    )


def deputies(congress: Congress, *, q: str = "", status: str = "", delegation: int | None = None,
             deputy_group: int | None = None, liaison_station: int | None = None, term: int | None = None):
    """The deputies register with its filters; every filter column is indexed with congress first."""
    rows = Mandate.objects.in_congress(congress).select_related(
        "person", "term", "delegation", "deputy_group", "liaison_station"
    )
    if q:
        rows = rows.filter(Q(person__name__contains=q) | Q(number=q))
    if status:
        rows = rows.filter(status=status)
    if delegation:
        rows = rows.filter(delegation_id=delegation)
    if deputy_group:
        rows = rows.filter(deputy_group_id=deputy_group)
    if liaison_station:
        rows = rows.filter(liaison_station_id=liaison_station)
    if term:
        rows = rows.filter(term_id=term)
    return rows


def keyset_page(rows, after: int | None, size: int = PAGE_SIZE):
    """One page after the row with id ``after``: constant cost however deep the page (no OFFSET)."""
    if after:
        rows = rows.filter(id__gt=after)
    page = list(rows.order_by("id")[: size + 1])
    more = len(page) > size
    page = page[:size]
    return page, (page[-1].id if more and page else None)


def organisations(congress: Congress, kind: str = ""):
    rows = Organisation.objects.in_congress(congress)
    return rows.filter(kind=kind) if kind else rows
