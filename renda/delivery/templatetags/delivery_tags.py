from django import template

from renda.delivery.outbox import unread_count

register = template.Library()


@register.simple_tag(takes_context=True)
def unread_notices(context) -> int:
    """The header's number: the signed-in account's unread inbox notices in this congress."""
    request = context.get("request")
    congress = getattr(request, "congress", None)
    if request is None or congress is None:
        return 0
    return unread_count(congress, request.user)
