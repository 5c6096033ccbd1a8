"""The enactment API: the journal's 乌梁素海 case from the vote to filing (passed 2023-08-25,
approved 2023-09-27 in 33 days, in force 2023-11-01), a reading refused on its named field at
6 days, another congress's bill 404."""

import datetime

from django.test import Client
from django.utils import timezone

from renda.core.actions import issue_api_token
from renda.enactment.tests import fixtures as f
from renda.voting import actions as voting  # noqa: F401

J = "application/json"


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_the_journal_case_through_the_api(world_a):
    client, office = Client(), bearer(world_a, world_a.office)
    bill, meeting = f.ready(world_a, readings=2, on=datetime.date(2023, 8, 25), title="乌梁素海流域生态保护条例")
    made = client.post(f"/api/enactment/bills/{bill.pk}/vote", {"meeting_id": meeting.pk}, content_type=J, **office)
    assert made.status_code == 201, made.content
    vote_id = made.json()["votes"][0]["vote_id"]
    from renda.voting.models import Vote

    f.cast(world_a, Vote.objects.in_congress(world_a.congress).get(pk=vote_id), meeting, yes=5)
    out = client.post(f"/api/enactment/bills/{bill.pk}/outcome", {}, content_type=J, **office).json()
    assert out["status"] == "passed" and out["passed_on"] == "2023-08-25" and out["approval_required"]
    sent = client.post(f"/api/enactment/bills/{bill.pk}/approval", {"submitted_on": "2023-08-28",
                                                                    "reference": "报〔2023〕5号"}, **office)
    assert sent.status_code == 201, sent.content
    assert sent.json()["approval"]["due_on"] == "2023-12-28"
    decided = client.post(f"/api/enactment/bills/{bill.pk}/approval/decision",
                          {"decided_on": "2023-09-27", "outcome": "approved"}, content_type=J, **office).json()
    assert decided["status"] == "approved" and decided["approval"]["late"] is False
    done = client.post(f"/api/enactment/bills/{bill.pk}/promulgation",
                       {"announcement_number": "第12号", "announced_on": "2023-09-28", "in_force_on": "2023-11-01"},
                       content_type=J, **office)
    assert done.status_code == 201, done.content
    p = done.json()["promulgation"]
    assert p["law_status"] == "in_force" and p["in_force_on"] == "2023-11-01" and len(p["filings"]) == 2
    filed = client.post(f"/api/enactment/bills/{bill.pk}/filings/{p['filings'][0]['id']}",
                        {"filed_on": "2023-10-29"}, content_type=J, **office).json()
    assert filed["promulgation"]["filings"][0]["late"] is True  # due 2023-10-28


def test_a_reading_six_days_ahead_is_refused_on_distributed_at(world_a, world_b):
    client, office = Client(), bearer(world_a, world_a.office)
    bill = f.submitted(world_a)
    meeting = f.session(world_a, members=2)
    out = (timezone.localtime(meeting.starts_at) - datetime.timedelta(days=6)).isoformat()
    bad = client.post(f"/api/enactment/bills/{bill.pk}/readings",
                      {"version_id": f.latest(bill).pk, "meeting_id": meeting.pk, "distributed_at": out},
                      content_type=J, **office)
    assert bad.status_code == 422 and {e["field"] for e in bad.json()["detail"]} == {"distributed_at"}
    ok = client.post(f"/api/enactment/bills/{bill.pk}/readings",
                     {"version_id": f.latest(bill).pk, "meeting_id": meeting.pk, "distributed_at": out,
                      "short_notice_reason": "特殊情况"}, content_type=J, **office)
    assert ok.status_code == 201 and ok.json()["readings"][0]["days_before"] == 6
    reading_id = ok.json()["readings"][0]["id"]
    held = client.post(f"/api/enactment/bills/{bill.pk}/readings/{reading_id}/held", {}, content_type=J, **office)
    assert held.json()["status"] == "under_deliberation"
    stranger = f.submitted(world_b)
    assert client.get(f"/api/enactment/bills/{stranger.pk}", **office).status_code == 404
    assert client.post(f"/api/enactment/bills/{stranger.pk}/outcome", {}, content_type=J, **office).status_code == 404
