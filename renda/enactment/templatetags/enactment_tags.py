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


@register.inclusion_tag("enactment/_agenda_item_bill.html", takes_context=True)
def agenda_item_bill(context, item, viewer) -> dict:
    """``{% agenda_item_bill item viewer %}`` on the meeting page: the bill a reading, vote or report on
    this agenda item is about, linked to its page (``viewer``: meetings.viewer.MeetingViewer)."""
    from renda.enactment.models import BillVote, Reading, Report
    from renda.legislation.models import Bill

    if not viewer.view_bills:
        return {"bill": None}
    c = context["congress"]
    ids = {*Reading.objects.in_congress(c).filter(agenda_item=item).values_list("bill_id", flat=True),
           *Report.objects.in_congress(c).filter(agenda_item=item).values_list("bill_id", flat=True),
           *BillVote.objects.in_congress(c).filter(vote__agenda_item=item).values_list("bill_id", flat=True)}
    bill = Bill.objects.in_congress(c).filter(pk__in=ids).first() if ids else None
    return {"bill": bill, "congress": c}
