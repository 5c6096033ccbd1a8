"""What oversight's hearings ask of each person today (see renda/core/inbox.py):

- a unit officer: their unit's work reports still to file (late once a statutory lead time has
  passed), and the reports again their unit owes after an unsatisfactory evaluation;
- office staff: the work reports of coming standing-committee sessions filed late or not yet filed.
"""

from __future__ import annotations

from django.urls import reverse

from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.roles import Role
from renda.meetings.models import Meeting
from renda.oversight import hearing_deadlines
from renda.oversight.models import WorkReport

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "core.Congress",
    "core.RuleSetting",
    "core.Term",
    "meetings.Meeting",
    "oversight.WorkReport",
)


def tasks(ask: Ask) -> list[Task]:
    return _to_file(ask) + _again(ask) + _office(ask)


def _url(ask: Ask, report: WorkReport) -> str:
    return reverse("work_report_detail", kwargs={"congress_code": ask.congress.code, "pk": report.pk})


def _list_url(ask: Ask) -> str:
    return reverse("work_report_list", kwargs={"congress_code": ask.congress.code})


def _reports(ask: Ask):
    return WorkReport.objects.in_congress(ask.congress).select_related("body", "meeting__term", "meeting__congress",
                                                                         "congress")


def _to_file(ask: Ask) -> list[Task]:
    if not ask.unit_ids:
        return []
    waiting = list(_reports(ask).filter(body_id__in=ask.unit_ids, status=WorkReport.Status.EXPECTED)
                   .order_by("meeting__starts_at", "id"))
    if not waiting:
        return []
    items = []
    for report in waiting[:SHOWN]:
        late = hearing_deadlines.lateness(report, ask.today)
        first = late.lead_times[0]
        note = (late.flag + "：" + late.summary) if late.late else f"请于 {first.last_day:%m月%d日} 前报送（会前 {first.days} 日）"
        items.append(Item(report.title, _url(ask, report), note, late=late.late))
    return [Task("work_reports_to_file", "待报送的专项工作报告", len(waiting), items[0].url, items,
                 late=any(i.late for i in items))]


def _again(ask: Ask) -> list[Task]:
    if not ask.unit_ids:
        return []
    owed = list(_reports(ask).filter(body_id__in=ask.unit_ids, outcome=WorkReport.Outcome.UNSATISFIED,
                                     reported_again__isnull=True).order_by("report_again_by", "id"))
    if not owed:
        return []
    items = [Item(report.title, _url(ask, report),
                  f"满意度测评不满意，须于 {report.report_again_by:%Y年%m月%d日} 前再次报告" if report.report_again_by
                  else "满意度测评不满意，须再次报告",
                  late=report.report_again_by is not None and report.report_again_by < ask.today)
             for report in owed[:SHOWN]]
    return [Task("work_reports_again", "须再次报告的专项工作报告", len(owed), items[0].url, items,
                 late=any(i.late for i in items))]


def _office(ask: Ask) -> list[Task]:
    if not ask.has(Role.OFFICE_STAFF, Role.ADMIN):
        return []
    coming = (_reports(ask).filter(meeting__kind=Meeting.Kind.SC_SESSION)
              .exclude(meeting__status=Meeting.Status.CLOSED)
              .filter(status__in=[WorkReport.Status.EXPECTED, WorkReport.Status.FILED])
              .order_by("meeting__starts_at", "id"))
    flagged = []
    for report in coming:
        late = hearing_deadlines.lateness(report, ask.today)
        if late.late:
            flagged.append(Item(f"{report.title}（{report.body.name}）", _url(ask, report), late.flag, late=True))
    if not flagged:
        return []
    return [Task("work_reports_late", "逾期或未报送的专项工作报告", len(flagged), _list_url(ask), flagged[:SHOWN],
                 late=True)]
