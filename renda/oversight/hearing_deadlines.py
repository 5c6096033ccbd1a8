"""The statutory lead times of a special work report (监督法第十五条), derived, never stored.

The body sends its report to the committee that reviews it first at least N days before the session
(``oversight.report_to_committee_days``, 20 by default), to the standing committee's office at least
``oversight.report_to_sc_days`` (10) days before, and the office gives it to the members at least
``oversight.report_to_members_days`` (7) days before. Each lead time is a last day: the session's
date less N days. A report filed on that day or before is on time; filed a day later it is one day
late. While it is not filed, a lead time whose last day has passed is missed by the days since."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from renda.core import rules
from renda.core.models import Congress

LEAD_TIMES = [
    ("committee", "oversight.report_to_committee_days", "送交专门委员会或工作机构"),
    ("sc", "oversight.report_to_sc_days", "送交常委会办事机构"),
    ("members", "oversight.report_to_members_days", "发给常委会组成人员"),
]


@dataclass(frozen=True)
class LeadTime:
    key: str
    label: str
    days: int
    last_day: datetime.date
    missed: bool
    days_late: int  # 0 when not missed

    @property
    def text(self) -> str:
        head = f"{self.label}（会前 {self.days} 日，即 {self.last_day:%Y-%m-%d} 前）"
        return f"{head}逾期 {self.days_late} 日" if self.missed else head


@dataclass(frozen=True)
class Lateness:
    filed: bool
    lead_times: list[LeadTime]

    @property
    def missed(self) -> list[LeadTime]:
        return [t for t in self.lead_times if t.missed]

    @property
    def late(self) -> bool:
        return bool(self.missed)

    @property
    def days_late(self) -> int:
        return max((t.days_late for t in self.lead_times), default=0)

    @property
    def flag(self) -> str:
        """The short flag the lists show: 按期报送 / 逾期报送N日 / 未报送（已逾期N日） / 待报送."""
        if self.filed:
            return f"逾期报送 {self.days_late} 日" if self.late else "按期报送"
        return f"未报送，已逾期 {self.days_late} 日" if self.late else "待报送"

    @property
    def summary(self) -> str:
        return "；".join(t.text for t in self.missed)


def lead_times(congress: Congress, meeting_day: datetime.date, filed_on: datetime.date | None,
               today: datetime.date | None = None) -> Lateness:
    """The three lead times against a session held on ``meeting_day``: judged on ``filed_on`` when
    the report was filed, else on ``today`` (a report not filed is late once a last day has passed)."""
    on = filed_on if filed_on is not None else (today or timezone.localdate())
    found = []
    for key, rule, label in LEAD_TIMES:
        days = int(rules.get(congress, rule))
        last_day = meeting_day - datetime.timedelta(days=days)
        late_by = (on - last_day).days
        found.append(LeadTime(key, label, days, last_day, late_by > 0, max(late_by, 0)))
    return Lateness(filed_on is not None, found)


def lateness(report, today: datetime.date | None = None) -> Lateness:
    """A work report's lead times: its filing time (local date) against its meeting's date."""
    meeting = report._state.fields_cache.get("meeting")
    if meeting is None:
        from renda.meetings.models import Meeting

        meeting = Meeting.objects.in_congress(report.congress_id).get(pk=report.meeting_id)
    meeting_day = timezone.localdate(meeting.starts_at)
    filed_on = timezone.localdate(report.filed_at) if report.filed_at else None
    return lead_times(_congress(report), meeting_day, filed_on, today)


def _congress(report) -> Congress:
    cached = report._state.fields_cache.get("congress")
    return cached if cached is not None else Congress.objects.get(pk=report.congress_id)
