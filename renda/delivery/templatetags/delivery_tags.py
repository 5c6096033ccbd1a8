from django import template

from renda.core import versioned
from renda.delivery.outbox import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices(context) -> int:
    """The header's number: the signed-in account's unread inbox notices in this congress, counted once
    per data version (planning a notice's deliveries and reading them both move it)."""
    request = context.get("request")
    congress = getattr(request, "congress", None)
    if request is None or congress is None or not request.user.is_authenticated:
        return 0
    return versioned.cached(congress, f"unread:{request.user.pk}", lambda: unread_count(congress, request.user))
