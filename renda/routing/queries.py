"""The router's inputs from a congress: its handling units with their duties, and its past
assignments (suggestions' lead units, concerns' and register items' units) as training examples."""

from __future__ import annotations

from django.utils import timezone

from renda.core.models import Congress
from renda.liaison.models import Concern
from renda.people.models import Organisation
from renda.proposals.models import Assignment
from renda.routing import embeddings
from renda.routing.router import PastItem, Router, Routing, UnitDuties

PAST_ITEMS = 3000  # the most recent assignments of each kind learnt from
BODY_CHARS = 600  # of a past item's body: enough to match on, small enough to load thousands


def handling_units(congress: Congress):
    return Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT, active=True)


def unit_duties(congress: Congress) -> list[UnitDuties]:
    return [UnitDuties(pk, name, duties) for pk, name, duties in
            handling_units(congress).order_by("name", "id").values_list("id", "name", "duties")]


def past_items(congress: Congress, *, except_suggestion: int | None = None,
               except_concern: int | None = None) -> list[PastItem]:
    today = timezone.localdate()
    items = []
    leads = (Assignment.objects.in_congress(congress).filter(lead=True).exclude(suggestion_id=except_suggestion)
             .order_by("-id").values_list("unit_id", "assigned_on", "ended_on", "suggestion__title",
                                          "suggestion__body", "suggestion__category", "suggestion__number",
                                          "suggestion_id")[:PAST_ITEMS])
    for unit_id, on, ended, title, body, category, number, sid in leads:
        label = f"建议第{number:04d}号《{title}》" if number else f"建议《{title or sid}》"
        items.append(PastItem(f"{title}\n{(body or '')[:BODY_CHARS]}", unit_id, label,
                              (today - on).days if on else 0, category or "", wrong=ended is not None))
    concerns = (Concern.objects.in_congress(congress).filter(unit__isnull=False).exclude(pk=except_concern)
                .order_by("-id").values_list("unit_id", "raised_on", "text", "category")[:PAST_ITEMS])
    for unit_id, on, text, category in concerns:
        items.append(PastItem(text[:BODY_CHARS], unit_id, f"诉求（{category}，{text[:12]}…）",
                              (today - on).days if on else 0, category or ""))
    return items


def unit_vectors(unit_list: list[UnitDuties]) -> dict:
    """The units' duties embeddings already computed (``renda manage routing_embed``); none are computed
    here, so a page never waits for them. Missing ones make the router rank on words alone."""
    return {u.unit_id: embeddings.cached(u.name, u.duties) for u in unit_list if u.duties.strip()}


def router_for(congress: Congress, **exclude) -> Router:
    unit_list = unit_duties(congress)
    return Router(unit_list, past_items(congress, **exclude), unit_vectors(unit_list))


def suggest(congress: Congress, title: str, body: str = "", *, category: str = "", limit: int = 3,
            **exclude) -> Routing:
    return router_for(congress, **exclude).suggest(title, body, category=category, limit=limit)


def proposals_for_suggestion(congress: Congress, suggestion) -> Routing:
    """The assignment page's proposals for a suggestion (its title, body and category)."""
    return suggest(congress, suggestion.title, suggestion.body, category=suggestion.category,
                   except_suggestion=suggestion.pk)


def proposals_for_concern(congress: Congress, concern: Concern) -> Routing:
    return suggest(congress, "", concern.text, category=concern.category, except_concern=concern.pk)


def for_assignment_page(congress: Congress, user, item) -> Routing | None:
    """The proposals an assignment page shows (a suggestion, a concern or a register item), or None
    for a user who may not see them or an item with no text to go on."""
    from renda.core.permissions import may
    from renda.routing.router import EmptyText

    if not may(user, congress, "view_unit_routing"):
        return None
    try:
        if isinstance(item, Concern):
            return proposals_for_concern(congress, item)
        return proposals_for_suggestion(congress, item)
    except EmptyText:
        return None
