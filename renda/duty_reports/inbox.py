"""What the duty reports ask of each person today (see renda/core/inbox.py): a person on this
year's list files their report; the office rates the filed ones (a voters' evaluation whose window
has ended is marked: the office closes it to write the result)."""

from __future__ import annotations

from django.urls import reverse
from django.utils import timezone

from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import OFFICE
from renda.duty_reports.models import DutyReport

S = DutyReport.Status

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "duty_reports.DutyPlan",
    "duty_reports.DutyReport",
)


def tasks(ask: Ask) -> list[Task]:
    found: list[Task] = []
    code = ask.congress.code
    reports = DutyReport.objects.in_congress(ask.congress).select_related("plan", "person")
    if ask.person is not None:
        mine = reports.filter(person=ask.person, status=S.DUE).order_by("-plan__year", "id")
        if mine.exists():
            found.append(Task("duty_report_due", "待提交的述职报告", mine.count(),
                              reverse("duty_report", args=[code, mine[0].pk]),
                              [Item(f"{r.plan.year}年述职报告", reverse("duty_report", args=[code, r.pk]),
                                    "请提交述职报告") for r in mine[:SHOWN]]))
    if ask.has(*OFFICE):
        filed = reports.filter(status__in=[S.FILED, S.RATING]).order_by("plan__year", "id")
        if filed.exists():
            found.append(Task("duty_report_rating", "待评议的述职报告", filed.count(),
                              reverse("duty_reports_list", args=[code]) + f"?year={filed[0].plan.year}",
                              [Item(f"{r.person.name}述职", reverse("duty_report", args=[code, r.pk]), _note(r))
                               for r in filed[:SHOWN]]))
    return found


def _note(report: DutyReport) -> str:
    if report.evaluation == DutyReport.Evaluation.OPEN and report.evaluation_closes_at is not None:
        if report.evaluation_closes_at <= timezone.now():
            return "选民评议时段已过，请结束评议并记录结果"
        return "选民扫码评议中"
    return report.get_status_display()
