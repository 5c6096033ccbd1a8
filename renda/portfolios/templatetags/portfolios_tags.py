"""``{% load portfolios_tags %}{% committee_portfolio organisation %}`` on a committee's page: its
leader in charge (分管领导) and the departments it faces (对口联系部门) today. Shows nothing for
another kind of organisation, or to someone who may not view portfolios."""

from __future__ import annotations

from django import template

from renda.core.permissions import may
from renda.people.models import Organisation

register = template.Library()


@register.inclusion_tag("portfolios/_committee_section.html", takes_context=True)
def committee_portfolio(context, organisation):
    from renda.portfolios.views import committee_section

    request = context.get("request")
    congress = getattr(request, "congress", None)
    shown = (congress is not None and organisation is not None
             and organisation.kind == Organisation.Kind.WORKING_COMMITTEE
             and may(request.user, congress, "view_portfolios"))
    return {"shown": shown, "congress": congress,
            **(committee_section(congress, organisation) if shown else {})}
