"""Reading the rectification list: the items linked to a record, the items a person may see, the
items the public may see, and the filters every list (page, export, API) shares."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q, QuerySet

from renda.core.models import Congress
from renda.core.permissions import MEMBERS, STAFF, organisations_of, roles_of
from renda.core.roles import Role
from renda.rectification.models import RectificationItem

S = RectificationItem.Status


def items_for(congress: Congress, **link: Any) -> QuerySet[RectificationItem]:
    """The items of this congress linked to a record, e.g. ``items_for(c, livelihood_project=p)``,
    ``items_for(c, finding__report=r)``; with no link, every item."""
    return RectificationItem.objects.in_congress(congress).filter(**link).select_related("unit")


def sees_all(user, congress: Congress) -> bool:
    """Staff and members see the whole list; a unit officer only the unit's own items."""
    return bool(roles_of(user, congress) & (STAFF | MEMBERS))


def own_units(user, congress: Congress) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    return organisations_of(user, congress, Role.UNIT_OFFICER)


def visible_items(congress: Congress, user) -> QuerySet[RectificationItem]:
    """The items this user may see: all for staff and members, the unit's own for a unit officer,
    none for anyone else."""
    items = items_for(congress)
    if sees_all(user, congress):
        return items
    units = own_units(user, congress)
    return items.filter(unit_id__in=units) if units else items.none()


def may_act_on(user, congress: Congress, item: RectificationItem) -> bool:
    """Staff act on every item; a unit officer only on the unit's own."""
    if roles_of(user, congress) & STAFF:
        return True
    return item.unit_id is not None and item.unit_id in own_units(user, congress)


def overdue_q(today: datetime.date) -> Q:
    return ~Q(status=S.CLOSED) & Q(due_on__lt=today)


def public_q() -> Q:
    """Items whose source record is itself public: a finished oversight report's findings, a
    published review opinion, a livelihood project once decided, a finished inquiry, questioning
    or investigation. Anything else stays inside."""
    return (Q(opinion_point__opinion__status="published")
            | Q(finding__report__status="final")
            | Q(livelihood_project__status="chosen")
            | Q(inquiry_question__inquiry__status__in=["held", "concluded"])
            | Q(questioning__status__in=["answered", "further", "concluded"])
            | Q(investigation__status="decided"))


def public_items(congress: Congress) -> QuerySet[RectificationItem]:
    return items_for(congress).filter(public_q())
