"""The meeting page's lower part is rendered once per data version and viewer (meetings.viewer): each
reader still sees only what their rights allow, each session gets its own CSRF token, a write shows at
once, and a document appears for its audience when its release time passes, with no write at all."""

from __future__ import annotations

import datetime
import re

from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from renda.meetings import actions
from renda.meetings.models import LeaveRequest, Meeting
from renda.meetings.viewer import MeetingViewer
from renda.testing import make_meeting, signed_in


def page_of(world, meeting) -> str:
    return f"/c/{world.congress.code}/meetings/{meeting.pk}/"


def test_what_the_office_was_shown_is_not_shown_to_a_deputy(world_a):
    meeting = make_meeting(world_a, members=3, open_it=False)
    actions.request_leave(world_a.congress, meeting, actor=world_a.deputy, reason="出差")
    staff_page = signed_in(world_a.office).get(page_of(world_a, meeting)).content.decode()
    assert 'id="roster"' in staff_page and 'id="form-agenda"' in staff_page and "批准</button>" in staff_page
    deputy_page = signed_in(world_a.deputy).get(page_of(world_a, meeting)).content.decode()
    assert "出差" in deputy_page  # the same sections, kept, but the deputy's own cut of them
    assert 'id="roster"' not in deputy_page and 'id="form-agenda"' not in deputy_page
    assert "批准</button>" not in deputy_page and "列席人员" not in deputy_page


def test_the_chair_may_decide_leave_and_so_is_a_viewer_of_their_own(world_a):
    meeting = make_meeting(world_a, members=3, open_it=False)
    chair, other = world_a.deputies[0], world_a.deputies[1]
    actions.update_meeting(world_a.congress, meeting, actor=world_a.office, chair=chair.person)
    meeting = Meeting.objects.in_congress(world_a.congress).get(pk=meeting.pk)
    as_chair = MeetingViewer.of(chair.person.user, world_a.congress, meeting, None)
    as_other = MeetingViewer.of(other.person.user, world_a.congress, meeting, None)
    assert as_chair.decide_leave and not as_other.decide_leave
    assert as_chair.key != as_other.key


def test_each_session_posts_with_its_own_token_and_sees_the_decision_at_once(world_a):
    meeting = make_meeting(world_a, members=3, open_it=False)
    leave = actions.request_leave(world_a.congress, meeting, actor=world_a.deputy, reason="出差")
    first, second = Client(enforce_csrf_checks=True), Client(enforce_csrf_checks=True)
    first.force_login(world_a.office)
    second.force_login(world_a.admin)
    assert "批准</button>" in first.get(page_of(world_a, meeting)).content.decode()  # kept for the next viewer
    page = second.get(page_of(world_a, meeting)).content.decode()
    assert "<!--csrf-input-->" not in page and "csrf-token-of-the-request" not in page
    form = re.search(r'action="([^"]+/do/decide/)"[^>]*>(.*?)</form>', page, re.S)
    assert form, "the pending leave request offers 批准"
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form.group(2)).group(1)
    answer = second.post(form.group(1), {"csrfmiddlewaretoken": token, "leave": leave.pk, "approve": "1"})
    assert answer.status_code == 302  # the second session's own token, not the first's
    assert LeaveRequest.objects.in_congress(world_a.congress).get(pk=leave.pk).status == "approved"
    after = first.get(page_of(world_a, meeting)).content.decode()
    assert "批准</button>" not in after and "已批准" in after


def test_a_document_opens_to_its_audience_when_its_release_time_passes(world_a, monkeypatch):
    meeting = make_meeting(world_a, members=3)
    release = timezone.now() + datetime.timedelta(hours=1)
    doc = actions.publish_document(world_a.congress, meeting, actor=world_a.office, title="审议稿", audience="members",
                                   file=ContentFile("草案全文".encode(), name="draft.txt"), release_at=release)
    deputy = signed_in(world_a.deputy)
    link = f'href="/c/{world_a.congress.code}/documents/{doc.pk}/"'
    before = deputy.get(page_of(world_a, meeting)).content.decode()
    assert "审议稿" in before and "（未到发布时间）" in before and link not in before
    later = release + datetime.timedelta(minutes=1)
    monkeypatch.setattr(timezone, "now", lambda: later)  # no write in between: only the clock moved
    after = deputy.get(page_of(world_a, meeting)).content.decode()
    assert link in after and "（未到发布时间）" not in after
    outsider = signed_in(world_a.users["unit_officer"]).get(page_of(world_a, meeting))
    assert outsider.status_code != 200 or link not in outsider.content.decode()
