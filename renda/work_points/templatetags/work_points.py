"""``{% work_points_overdue meeting %}``: on a directors' meeting's page, the box 逾期未完成的工作要点 —
the items of the year's work points not done by the meeting's day (due that day is not overdue)."""

from __future__ import annotations

from django import template
from django.utils import timezone

from renda.meetings.models import Meeting
from renda.meetings.viewer import MeetingViewer
from renda.work_points.queries import overdue_for

register = template.Library()


@register.inclusion_tag("work_points/_overdue_box.html", takes_context=True)
def work_points_overdue(context, meeting: Meeting, viewer: MeetingViewer) -> dict:
    if meeting is None or meeting.kind != Meeting.Kind.DIRECTORS or not viewer.view_work_points:
        return {"show": False}
    congress = context["congress"]
    day = timezone.localtime(meeting.starts_at).date()
    return {"show": True, "congress": congress, "day": day, "points": list(overdue_for(congress, day))}
