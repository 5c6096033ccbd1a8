"""Reads: a plan's statistics (items by category; how many became bills, reached a first reading,
passed — read from each bill's status), the research and reviews of a bill, item or law with their
sites and questionnaire results, and the plan's or proposal's reader checks (404 for another
congress's id)."""

from __future__ import annotations

from collections import Counter
from typing import Any

from django.http import Http404

from renda.core.permissions import may
from renda.legislation.models import Bill
from renda.legislative_plans.actions import PASSED, READ_AT_LEAST_ONCE, readings_text
from renda.legislative_plans.models import LegislativePlan, LegislativeResearch, PlanItem, PostEnactmentReview
from renda.oversight.models import ActivityQuestionnaire, Finding, Report, SiteVisit, Stop, Symposium
from renda.questionnaires import tally


def plans_of(congress):
    return LegislativePlan.objects.in_congress(congress).select_related("term", "meeting", "meeting__term",
                                                                        "meeting__congress", "meeting__organisation")


def items_of(congress):
    return PlanItem.objects.in_congress(congress).select_related("plan", "drafting_body", "committee", "bill", "law")


def plan_for(request, pk) -> LegislativePlan:
    """A plan of this congress: staff and members see drafts; everyone sees an adopted plan."""
    plan = plans_of(request.congress).filter(pk=pk).first()
    if plan is None or (plan.status != LegislativePlan.Status.ADOPTED
                        and not may(request.user, request.congress, "view_legislative_plans")):
        raise Http404("找不到该立法规划或计划")
    return plan


def statistics(congress, plan: LegislativePlan) -> dict[str, Any]:
    items = list(PlanItem.objects.in_congress(congress).filter(plan=plan).values_list("status", "bill__status"))
    by_status = Counter(status for status, _ in items)
    return {
        "total": len(items),
        "by_status": [{"status": value, "label": label, "count": by_status.get(value, 0)}
                      for value, label in PlanItem.Status.choices],
        "drafting": sum(1 for _, bill in items if bill),
        "first_reading": sum(1 for _, bill in items if bill in READ_AT_LEAST_ONCE),
        "passed": sum(1 for _, bill in items if bill in PASSED),
    }


def item_row(item: PlanItem) -> dict[str, Any]:
    return {"item": item, "readings": readings_text(item.planned_readings)}


def activity_summary(congress, activity) -> dict[str, Any]:
    """What a bill or law page shows of a research or review activity: dates, sites by county,
    symposia, questionnaires with their tallies, the report and its findings."""
    stops = list(Stop.objects.in_congress(congress).filter(activity=activity).order_by("day", "id"))
    visits = list(SiteVisit.objects.in_congress(congress).filter(activity=activity).order_by("day", "id"))
    counties: dict[str, int] = {}
    for row in visits or stops:
        counties[row.county] = counties.get(row.county, 0) + 1
    questionnaires = []
    for link in ActivityQuestionnaire.objects.in_congress(congress).filter(activity=activity) \
            .select_related("questionnaire").order_by("id"):
        questionnaires.append({"q": link.questionnaire, "tally": tally.tally(link.questionnaire)})
    report = Report.objects.in_congress(congress).filter(activity=activity).first()
    findings = list(Finding.objects.in_congress(congress).filter(report=report).order_by("kind", "order", "id")) \
        if report else []
    return {
        "activity": activity, "stops": stops, "visits": visits,
        "sites": len(visits) or len(stops), "counties": list(counties.items()),
        "symposia": list(Symposium.objects.in_congress(congress).filter(activity=activity).order_by("day", "id")),
        "questionnaires": questionnaires, "report": report,
        "problems": [f for f in findings if f.kind == Finding.Kind.PROBLEM],
        "recommendations": [f for f in findings if f.kind == Finding.Kind.RECOMMENDATION],
    }


def research_for(congress, *, bill: Bill | None = None, item: PlanItem | None = None) -> list[dict]:
    rows = LegislativeResearch.objects.in_congress(congress).select_related("activity", "activity__lead_committee")
    if bill is not None and item is not None:
        from django.db.models import Q

        rows = rows.filter(Q(bill=bill) | Q(item=item))
    elif bill is not None:
        rows = rows.filter(bill=bill)
    elif item is not None:
        rows = rows.filter(item=item)
    else:
        return []
    return [activity_summary(congress, r.activity) for r in rows.order_by("id")]


def reviews_for(congress, law) -> list[dict]:
    rows = PostEnactmentReview.objects.in_congress(congress).filter(law=law) \
        .select_related("activity", "activity__lead_committee", "amendment").order_by("id")
    return [activity_summary(congress, r.activity) | {"review": r} for r in rows]
