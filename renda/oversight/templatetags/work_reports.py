"""``{% work_reports_for meeting as box %}``: what a meeting page shows of work reports — on a
directors' meeting the box 专项工作报告报送情况 (the coming sessions' reports with their lead-time
flags), on a standing-committee session each report item's speeches (used by
meetings/_work_reports_box.html)."""

from __future__ import annotations

from django import template

from renda.meetings.models import Meeting, Speech
from renda.meetings.viewer import MeetingViewer
from renda.oversight.models import WorkReport

register = template.Library()


@register.simple_tag(takes_context=True)
def work_reports_for(context, meeting: Meeting, viewer: MeetingViewer) -> dict:
    from renda.oversight.views.hearings import coming

    if not viewer.view_oversight:
        return {}
    c = context["congress"]
    if meeting.kind == Meeting.Kind.DIRECTORS:
        return {"directors": True, "rows": coming(c, after=meeting.starts_at)}
    if meeting.kind != Meeting.Kind.SC_SESSION:
        return {}
    reports = {r.agenda_item_id: r for r in WorkReport.objects.in_congress(c).filter(meeting_id=meeting.pk)
               .exclude(agenda_item__isnull=True)}
    speeches = list(Speech.objects.in_congress(c).filter(agenda_item__meeting_id=meeting.pk)
                    .select_related("speaker", "agenda_item").order_by("agenda_item__order", "id"))
    items: dict[int, dict] = {}
    for s in speeches:
        entry = items.setdefault(s.agenda_item_id, {"item": s.agenda_item, "report": reports.get(s.agenda_item_id),
                                                   "speeches": []})
        entry["speeches"].append(s)
    return {"directors": False, "items": list(items.values()), "reports": list(reports.values())}
