"""``{% bill_enactment_section bill %}``: on a bill's page, its way through the standing committee
— submission, readings with their meetings and opinions by article, reports, the votes, the
approval window, the announcement and the filings — with the form for each next step this person
may take. A page that re-renders a refused step puts the bound form in ``enactment_forms``."""

from __future__ import annotations

from django import template

from renda.enactment.section import section

register = template.Library()


@register.inclusion_tag("enactment/_section.html", takes_context=True)
def bill_enactment_section(context, bill) -> dict:
    request = context.get("request")
    if request is None or getattr(request, "congress", None) is None:
        return {"show": False}
    found = section(request, bill, context.get("enactment_forms"))
    found["request"] = request
    found["csrf_token"] = context.get("csrf_token")
    return found
