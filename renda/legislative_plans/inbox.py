"""What the plans ask of whom today (see renda/core/inbox.py): the office, proposals awaiting a
decision; a committee's staff, the items in its charge whose reading is planned for this month or
that are 正式项目 of this year's adopted plan still without a bill; a deputy or the proposer of a
body, their proposals decided in the last thirty days (to know)."""

from __future__ import annotations

import datetime

from django.urls import reverse

from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import OFFICE, organisations_of
from renda.core.roles import Role
from renda.legislative_plans.actions import readings_text
from renda.legislative_plans.models import LegislativePlan, PlanItem, Proposal

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "legislation.Bill",
    "legislative_plans.LegislativePlan",
    "legislative_plans.PlanItem",
    "legislative_plans.Proposal",
)


def tasks(ask: Ask) -> list[Task]:
    found: list[Task] = []
    code = ask.congress.code
    if ask.has(*OFFICE):
        waiting = Proposal.objects.in_congress(ask.congress).filter(status=Proposal.Status.SUBMITTED) \
            .order_by("submitted_at", "id")
        count = waiting.count()
        if count:
            found.append(Task("legislative_proposals", "待研究的立项建议", count,
                              reverse("legislative_proposals", kwargs={"congress_code": code}),
                              [Item(p.title[:60], reverse("legislative_proposal", kwargs={"congress_code": code,
                                                                                          "pk": p.pk}),
                                    f"{p.get_source_display()}，{p.submitted_at:%Y-%m-%d}提出")
                               for p in waiting[:SHOWN]]))
    if ask.has(Role.COMMITTEE_STAFF):
        committees = organisations_of(ask.user, ask.congress, Role.COMMITTEE_STAFF)
        month = f"{ask.today.year}-{ask.today.month:02d}"
        items = PlanItem.objects.in_congress(ask.congress).filter(
            committee_id__in=committees, plan__status=LegislativePlan.Status.ADOPTED).select_related("bill", "plan")
        due = []
        for item in items.order_by("plan__year", "order", "id"):
            reading_now = any(r.get("month") == month for r in item.planned_readings or [])
            drafting_due = (item.status == PlanItem.Status.FORMAL and item.bill_id is None
                            and item.plan.kind == LegislativePlan.Kind.YEARLY and item.plan.year == ask.today.year)
            if reading_now or drafting_due:
                due.append((item, "本月计划审议：" + readings_text(
                    [r for r in item.planned_readings if r.get("month") == month]) if reading_now else "正式项目，尚未建立法规案"))
        if due:
            found.append(Task("legislative_plan_items_due", "本委员会牵头的立法计划项目：本月审议或待起草", len(due),
                              reverse("legislative_plans", kwargs={"congress_code": code}),
                              [Item(i.title[:60], reverse("legislative_plan_item", kwargs={"congress_code": code,
                                                                                             "pk": i.pk}), note)
                               for i, note in due[:SHOWN]]))
    if getattr(ask.user, "is_authenticated", False):
        since = ask.today - datetime.timedelta(days=30)
        decided = Proposal.objects.in_congress(ask.congress).filter(
            submitted_by=ask.user, decided_on__gte=since).exclude(status=Proposal.Status.SUBMITTED).order_by("-decided_on")
        count = decided.count()
        if count:
            found.append(Task("legislative_proposals_decided", "您的立项建议已有处理结果", count,
                              reverse("legislative_proposals_mine", kwargs={"congress_code": code}),
                              [Item(p.title[:60], reverse("legislative_proposal", kwargs={"congress_code": code,
                                                                                          "pk": p.pk}),
                                    p.get_status_display()) for p in decided[:SHOWN]], todo=False))
    return found
