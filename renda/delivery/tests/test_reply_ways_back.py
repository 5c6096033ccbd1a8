"""After replying: the confirmation links to 我的通知 (when signed in) and the meeting page, and
the notice's inbox copy is read."""

from __future__ import annotations

import datetime

import pytest
from django.test import Client
from django.utils import timezone

from renda.delivery import actions, attendance
from renda.delivery.models import Delivery
from renda.proposals.models import Notice
from renda.testing import make_meeting, signed_in

pytestmark = pytest.mark.django_db


def test_it_links_back_and_marks_the_notice_read(world_a, django_capture_on_commit_callbacks):
    c = world_a.congress
    meeting = make_meeting(world_a, open_it=False, starts_at=timezone.now() + datetime.timedelta(days=3))
    with django_capture_on_commit_callbacks(execute=True):
        actions.send_meeting_notice(c, meeting, actor=world_a.office)
    deputy, other = world_a.deputy, world_a.deputies[1].person.user
    notice = Notice.objects.in_congress(c).get(key__startswith=f"meeting:{meeting.pk}:{deputy.person.pk}:")
    inbox = Delivery.objects.in_congress(c).filter(channel="inbox")
    assert not inbox.filter(read_at__isnull=False).exists()
    done = signed_in(deputy).post(attendance.links_for(notice)["attend"], {"answer": "attend"}).content.decode()
    assert f'href="/c/{c.code}/notices/"' in done and f'href="/c/{c.code}/meetings/{meeting.pk}/"' in done
    assert inbox.get(user=deputy).read_at is not None
    assert inbox.get(user=other).read_at is None  # only the one who replied
    mine = Notice.objects.in_congress(c).get(key__startswith=f"meeting:{meeting.pk}:{other.person.pk}:")
    anonymous = Client().post(attendance.links_for(mine)["leave"], {"answer": "leave", "reason": "出差"})
    page = anonymous.content.decode()
    assert anonymous.status_code == 200 and f'href="/c/{c.code}/meetings/{meeting.pk}/"' in page
    assert f'href="/c/{c.code}/notices/"' not in page  # not signed in: no inbox to go back to
    assert inbox.get(user=other).read_at is not None
