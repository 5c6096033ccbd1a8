"""The office's meeting-notice page shows leave filed on the meeting page as 请假（待批准/已批准）,
not 未回复, and the reminder does not chase those people."""

from __future__ import annotations

import datetime

import pytest
from django.utils import timezone

from renda.delivery import actions
from renda.meetings import actions as meeting_actions
from renda.proposals.models import Notice
from renda.testing import make_meeting, signed_in

pytestmark = pytest.mark.django_db


def test_it_shows_leave_filed_on_the_meeting_page_and_skips_it_in_reminders(world_a, world_b):
    c = world_a.congress
    meeting = make_meeting(world_a, open_it=False, starts_at=timezone.now() + datetime.timedelta(days=3))
    actions.send_meeting_notice(c, meeting, actor=world_a.office)
    pending_person, approved_person = world_a.deputy.person, world_a.deputies[1].person
    meeting_actions.request_leave(c, meeting, actor=world_a.deputy, reason="外出培训")
    approved = meeting_actions.request_leave(c, meeting, actor=world_a.office, reason="住院", person=approved_person)
    meeting_actions.decide_leave(c, approved, actor=world_a.office, approve=True)
    page = signed_in(world_a.office).get(f"/c/{c.code}/notices/meetings/{meeting.pk}/").content.decode()
    rows = {row.split("</td>")[0]: row for row in page.split("<tr><td>")[1:]}
    assert "请假（待批准）" in next(r for k, r in rows.items() if pending_person.name in k)
    assert "请假（已批准）" in next(r for k, r in rows.items() if approved_person.name in k)
    assert page.count(">未回复<") == 3
    sent = actions.send_meeting_notice(c, meeting, actor=world_a.office, reminder=True)
    assert sent == 3
    reminded = set(Notice.objects.in_congress(c).filter(key__contains=":remind-").values_list("person_id", flat=True))
    assert pending_person.pk not in reminded and approved_person.pk not in reminded
    # another congress's office cannot see the page
    assert signed_in(world_b.office).get(f"/c/{c.code}/notices/meetings/{meeting.pk}/").status_code in (403, 404)
