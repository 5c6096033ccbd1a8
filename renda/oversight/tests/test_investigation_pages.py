"""Investigation pages and API: proposing keeps input, the vote's result recorded on the page, the
restricted evidence through the API."""

import datetime

from django.test import Client
from django.utils import timezone

from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.oversight.models import Investigation
from renda.oversight.tests.permission_calls_inquiries import (
    established_investigation,
    proposed_investigation,
    voted,
)
from renda.oversight.tests.permission_calls_inquiries import session as make_session
from renda.testing import signed_in


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_proposing_on_the_page_keeps_input(world_a):
    c = world_a.congress
    meeting = make_session(world_a, members=3)
    client = signed_in(world_a.office)
    url = f"/c/{c.code}/oversight/investigations/"
    page = client.post(url, {"title": "关于校舍安全问题的调查委员会", "subject": "", "meeting": meeting.pk})
    assert page.status_code == 422 and "关于校舍安全问题的调查委员会" in page.content.decode()
    assert client.post(url, {"title": "关于校舍安全问题的调查委员会", "subject": "隐患排查",
                             "meeting": meeting.pk}).status_code == 302
    assert Investigation.objects.in_congress(c).get().vote_id is not None
    assert signed_in(world_a.users[Role.SC_MEMBER]).post(url, {"title": "x"}).status_code == 403


def test_recording_the_vote_on_the_page(world_a):
    c = world_a.congress
    inv = proposed_investigation(world_a)
    client = signed_in(world_a.office)
    base = f"/c/{c.code}/oversight/investigations/{inv.pk}/"
    early = client.post(base + "do/record_vote/")
    assert early.status_code == 422 and "尚未结束" in early.content.decode()
    voted(world_a, inv)
    assert client.post(base + "do/record_vote/").status_code == 302
    inv.refresh_from_db()
    assert inv.status == Investigation.Status.ESTABLISHED


def test_the_evidence_api_is_restricted(world_a):
    c = world_a.congress
    inv = established_investigation(world_a, members=[(world_a.deputies[0].person, "chair")])
    api = Client()
    url = f"/api/oversight/investigations/{inv.pk}/evidence"
    made = api.post(url, {"on": timezone.localdate().isoformat(), "title": "询问笔录", "source": "现场"},
                    content_type="application/json", **bearer(world_a, world_a.deputy))
    assert made.status_code == 201, made.content
    assert api.get(url, **bearer(world_a, world_a.deputy)).json()[0]["title"] == "询问笔录"
    assert api.get(url, **bearer(world_a, world_a.office)).status_code == 200
    assert api.get(url, **bearer(world_a, world_a.users[Role.SC_MEMBER])).status_code == 403
    assert api.get(url, **bearer(world_a, world_a.users[Role.UNIT_OFFICER])).status_code == 403
    later = make_session(world_a, members=3, starts_at=timezone.now() + datetime.timedelta(days=20))
    report = api.post(f"/api/oversight/investigations/{inv.pk}/report", {"meeting_id": later.pk, "report": "经调查……"},
                      content_type="application/json", **bearer(world_a, world_a.office))
    assert report.status_code == 200 and report.json()["status"] == "reported"
    assert c
