"""Questioning pages, API and inbox: the filing refusal shown as typed, the unit officer's and the
signer's tasks, the API's refusal at the co-signer boundary."""

import datetime

from django.test import Client
from django.utils import timezone

from renda.core.actions import issue_api_token
from renda.core.inbox import tasks_for
from renda.core.roles import Role
from renda.oversight.models import Questioning
from renda.oversight.tests.permission_calls_inquiries import (
    accepted_questioning,
    answered_questioning,
    session,
    signed_questioning,
)
from renda.testing import signed_in


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_drafting_on_the_page_keeps_input_on_refusal(world_a):
    c = world_a.congress
    meeting = session(world_a)
    client = signed_in(world_a.users[Role.SC_MEMBER])
    url = f"/c/{c.code}/oversight/questionings/"
    page = client.post(url, {"forum": "plenary", "meeting": meeting.pk, "body": world_a.unit.pk,
                             "title": "关于校舍安全的质询案", "questions": "请说明排查情况"})
    assert page.status_code == 422
    text = page.content.decode()
    assert "须为人民代表大会会议" in text and "关于校舍安全的质询案" in text and "请说明排查情况" in text
    page = client.post(url, {"forum": "standing_committee", "meeting": meeting.pk, "body": world_a.unit.pk,
                             "title": "关于校舍安全的质询案", "questions": "请说明排查情况"})
    assert page.status_code == 302
    assert Questioning.objects.in_congress(c).get().status == Questioning.Status.DRAFT
    detail = client.get(page["Location"]).content.decode()
    assert "不少于 5 人" in detail and "还差 4 人" in detail


def test_filing_too_few_on_the_page_names_the_rule(world_a):
    c = world_a.congress
    q = signed_questioning(world_a, signers=4)
    page = signed_in(world_a.office).post(f"/c/{c.code}/oversight/questionings/{q.pk}/do/file/")
    assert page.status_code == 422
    assert "sc.inquiry_min_members" in page.content.decode() and "现有 4 人" in page.content.decode()
    q.refresh_from_db()
    assert q.status == Questioning.Status.DRAFT


def test_unit_officer_inbox_and_answer_page(world_a):
    c = world_a.congress
    q = accepted_questioning(world_a)
    officer = world_a.users[Role.UNIT_OFFICER]
    tasks = {t.key: t for t in tasks_for(c, officer)}
    assert tasks["oversight_questioning_answers"].count == 1
    assert q.title in tasks["oversight_questioning_answers"].items[0].title
    client = signed_in(officer)
    assert client.get(f"/c/{c.code}/oversight/questionings/{q.pk}/").status_code == 200
    page = client.post(f"/c/{c.code}/oversight/questionings/{q.pk}/do/answer/",
                       {"answerer": "", "mode": "written", "answered_on": timezone.localdate().isoformat(),
                        "text": "已全面排查"})
    assert page.status_code == 422 and "已全面排查" in page.content.decode()
    page = client.post(f"/c/{c.code}/oversight/questionings/{q.pk}/do/answer/",
                       {"answerer": "局长赵强", "mode": "written", "answered_on": timezone.localdate().isoformat(),
                        "text": "已全面排查"})
    assert page.status_code == 302
    assert "oversight_questioning_answers" not in {t.key for t in tasks_for(c, officer)}
    # Now each signer with an account is asked to rate it.
    rating = {t.key: t for t in tasks_for(c, world_a.deputy)}
    assert rating["oversight_questioning_ratings"].count == 1


def test_a_signer_rates_on_the_page(world_a):
    c = world_a.congress
    q = answered_questioning(world_a)
    page = signed_in(world_a.deputy).post(f"/c/{c.code}/oversight/questionings/{q.pk}/do/rate/", {"satisfied": "no"})
    assert page.status_code == 302
    assert "oversight_questioning_ratings" not in {t.key for t in tasks_for(c, world_a.deputy)}


def test_the_api_refuses_one_signer_short_then_files_at_the_minimum(world_a):
    api, office = Client(), bearer(world_a, world_a.office)
    short = signed_questioning(world_a, signers=4)
    answer = api.post(f"/api/oversight/questionings/{short.pk}/file", content_type="application/json", **office)
    assert answer.status_code == 422
    assert "现有 4 人" in str(answer.json())
    enough = signed_questioning(world_a, signers=5)
    answer = api.post(f"/api/oversight/questionings/{enough.pk}/file", content_type="application/json", **office)
    assert answer.status_code == 200 and answer.json()["status"] == "filed"
    assert answer.json()["minimum_signers"] == 5 and len(answer.json()["signers"]) == 5


def test_the_api_hides_undecided_questionings_from_the_unit(world_a):
    signed_questioning(world_a, signers=2)
    api = Client()
    listed = api.get("/api/oversight/questionings", **bearer(world_a, world_a.users[Role.UNIT_OFFICER]))
    assert listed.status_code == 200 and listed.json() == []
    assert signed_in(world_a.public).get(f"/c/{world_a.congress.code}/oversight/questionings/").status_code == 403


def test_answer_by_date_set_by_the_decision(world_a):
    q = accepted_questioning(world_a)
    assert q.answer_by == timezone.localdate() + datetime.timedelta(days=30)
