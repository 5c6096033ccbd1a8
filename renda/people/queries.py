"""Reads for people and organisations, always within one congress."""

from __future__ import annotations

import datetime

from django.db.models import Q
from django.utils import timezone

from renda.core.models import Congress
from renda.core.tenancy import cross_congress_query
from renda.people.models import Mandate, Membership, Organisation, Person
from renda.people.validation import id_or_none

PAGE_SIZE = 50
def id_from(raw) -> int | None:
    """A person id as a form or the API gives it (``12``, ``"12"``, ``"@12"``), or None for anything else."""
    number = id_or_none(str(raw if raw is not None else "").strip().removeprefix("@"))
    return number if number else None


def people_of(congress: Congress):
    """The people this congress holds a record of: a mandate or a post (current or past) here.
    ``Person`` is shared by all congresses; it is reached only through these rows."""
    return Person.objects.filter(
        Q(pk__in=Mandate.objects.in_congress(congress).values("person_id"))
        | Q(pk__in=Membership.objects.in_congress(congress).values("person_id"))
    )


def person_of(congress: Congress, raw) -> Person | None:
    """The person an id from input names, if this congress holds a record of them. Another
    congress's person answers None, exactly like an id that does not exist (docs/tenancy.md)."""
    person_id = id_from(raw)
    return None if person_id is None else people_of(congress).filter(pk=person_id).first()


def congresses_holding(person: Person) -> list[Congress]:
    """Every congress that holds a mandate or a post (current or past) of this shared person: an edit
    of their identity is audited in each of them (docs/tenancy.md, “Shared persons”)."""
    with cross_congress_query("congresses_holding_person"):
        ids = set(Mandate.unscoped.filter(person=person).values_list("congress_id", flat=True))
        ids |= set(Membership.unscoped.filter(person=person).values_list("congress_id", flat=True))
    return list(Congress.objects.filter(pk__in=ids).order_by("id"))


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
