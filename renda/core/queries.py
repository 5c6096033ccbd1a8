"""Reads for the congress as a whole, including the listed cross-congress report queries."""

from __future__ import annotations

from django.db.models import Count

from renda.core.models import Congress, RoleGrant
from renda.core.tenancy import cross_congress_query


def congresses_of_user(user) -> list[Congress]:
    """The congresses where a signed-in user holds a role (cross-congress: the user's own grants)."""
    if user.is_superuser:
        return list(Congress.objects.order_by("id")[:200])
    with cross_congress_query("congresses_of_user"):
        ids = set(RoleGrant.unscoped.filter(user=user).values_list("congress_id", flat=True))
    return list(Congress.objects.filter(pk__in=ids).order_by("id"))


def congress_summary(congress: Congress) -> dict:
    from renda.people.models import Mandate, Organisation

    mandates = Mandate.objects.in_congress(congress)
    by_kind = dict(
        Organisation.objects.in_congress(congress).filter(active=True).values_list("kind").annotate(n=Count("id"))
    )
    return {
        "deputies_serving": mandates.filter(status=Mandate.Status.SERVING).count(),
        "deputies_all": mandates.count(),
        "organisations": [(label, by_kind.get(kind, 0)) for kind, label in Organisation.Kind.choices],
        "children": list(congress.children.order_by("id")),
    }


def subordinate_deputy_counts(congress: Congress) -> list[tuple[Congress, int]]:
    """A higher congress reads how many serving deputies each congress beneath it has — never the
    deputies themselves. Only descendants are read; siblings and ancestors are not reachable."""
    from renda.people.models import Mandate

    descendants, frontier = [], [congress.pk]
    while frontier:
        children = list(Congress.objects.filter(parent_id__in=frontier).order_by("id"))
        descendants += children
        frontier = [c.pk for c in children]
    with cross_congress_query("subordinate_deputy_counts"):
        counts = dict(
            Mandate.unscoped.filter(congress_id__in=[c.pk for c in descendants], status=Mandate.Status.SERVING)
            .values_list("congress_id").annotate(n=Count("id"))
        )
    return [(c, counts.get(c.pk, 0)) for c in descendants]
