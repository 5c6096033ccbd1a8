"""Sections other apps' pages show: ``{% bill_plan_section bill %}`` on the bill page (its plan
item, its legislative research with sites and questionnaire results), ``{% law_review_section law %}``
on the law page (its post-enactment reviews, findings and the amendment they led to), and
``{% activity_legislation activity %}`` on an oversight activity's page (the bill, item or law it
serves)."""

from __future__ import annotations

from django import template

from renda.core.permissions import may
from renda.legislative_plans import queries
from renda.legislative_plans.actions import readings_text
from renda.legislative_plans.forms import AmendmentForm
from renda.legislative_plans.models import LegislativeResearch, PlanItem, PostEnactmentReview

register = template.Library()


@register.inclusion_tag("legislative_plans/_bill_section.html", takes_context=True)
def bill_plan_section(context, bill) -> dict:
    request = context["request"]
    congress = request.congress
    items = list(queries.items_of(congress).filter(bill=bill).order_by("plan__year", "id"))
    staff = may(request.user, congress, "view_legislative_plans")
    research = queries.research_for(congress, bill=bill, item=items[-1] if items else None) \
        if items else queries.research_for(congress, bill=bill)
    return {"congress": congress, "bill": bill, "staff": staff, "research": research,
            "items": [{"item": i, "readings": readings_text(i.planned_readings)} for i in items],
            "may_research": may(request.user, congress, "start_legislative_research")}


@register.inclusion_tag("legislative_plans/_law_section.html", takes_context=True)
def law_review_section(context, law) -> dict:
    request = context["request"]
    congress = request.congress
    return {"congress": congress, "law": law, "reviews": queries.reviews_for(congress, law),
            "may_review": may(request.user, congress, "start_post_enactment_review")}


@register.inclusion_tag("legislative_plans/_activity_link.html", takes_context=True)
def activity_legislation(context, activity) -> dict:
    request = context["request"]
    congress = request.congress
    research = LegislativeResearch.objects.in_congress(congress).filter(activity=activity) \
        .select_related("item", "item__plan", "bill").first()
    review = PostEnactmentReview.objects.in_congress(congress).filter(activity=activity) \
        .select_related("law", "amendment").first()
    form = None
    if review is not None and may(request.user, congress, "link_review_amendment"):
        form = AmendmentForm(congress=congress, law_id=review.law_id)
    return {"congress": congress, "research": research, "review": review, "amendment_form": form,
            "staff": may(request.user, congress, "view_legislative_plans"),
            "item_of_bill": PlanItem.objects.in_congress(congress).filter(bill_id=research.bill_id).first()
            if research is not None and research.bill_id and research.item_id is None else None}
