"""``{% directors_business meeting %}``: on a directors' meeting's page, what it decided — the items it
submitted to the standing committee or declined, the sessions whose draft agenda it fixed, and the
任免案 it submitted — each linked to its own page."""

from __future__ import annotations

from django import template

from renda.agenda.models import DraftAgenda, ProposedItem
from renda.meetings.models import Meeting
from renda.meetings.viewer import MeetingViewer

register = template.Library()


@register.inclusion_tag("agenda/_directors_business.html", takes_context=True)
def directors_business(context, meeting: Meeting, viewer: MeetingViewer) -> dict:
    if meeting.kind != Meeting.Kind.DIRECTORS or not viewer.view_agenda:
        return {"show": False}
    congress = context["congress"]
    from renda.appointments.models import AppointmentBill

    return {
        "show": True, "congress": congress,
        "items": ProposedItem.objects.in_congress(congress).filter(directors_meeting=meeting).order_by("id"),
        "drafts": DraftAgenda.objects.in_congress(congress).filter(directors_meeting=meeting)
        .select_related("session", "session__term", "session__congress").order_by("session__starts_at"),
        "bills": AppointmentBill.objects.in_congress(congress).filter(submitted_by=meeting).order_by("id")
        if viewer.view_appointments else [],
    }
