"""``{% load law_comment_tags %}{% bill_comments_section bill %}``: the bill's comment periods on its
page — each version's period, its audiences and dates, its state, the comments received and not yet
decided, with links to the draft's comment page and (for those who may see it) the grouped view; and,
for staff who may open one, a link to open a period."""

from __future__ import annotations

from django import template

from renda.core.permissions import may
from renda.law_comments import actions, queries

register = template.Library()


@register.inclusion_tag("law_comments/_bill_section.html", takes_context=True)
def bill_comments_section(context, bill):
    request = context["request"]
    congress = request.congress
    day = actions.today()
    viewer = may(request.user, congress, "view_law_comments")
    rows = [{"period": p, "state": p.state_on(day), "totals": queries.totals(p) if viewer else None}
            for p in queries.for_bill(congress, bill.pk)]
    return {"congress": congress, "rows": rows, "viewer": viewer,
            "may_open": may(request.user, congress, "open_comment_period")}
