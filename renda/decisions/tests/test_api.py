"""The decisions API: propose (201), bad input (422 naming the fields, nothing written), vote,
outcome, publish, implementation; another congress's id is 404."""

from django.test import Client

from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.decisions.models import Decision
from renda.decisions.tests.fixtures import voted
from renda.testing import make_meeting


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_propose_and_refuse(world_a):
    client, office = Client(), bearer(world_a, world_a.office)
    meeting = make_meeting(world_a, members=5)
    made = client.post("/api/decisions", {"title": "关于城市更新的决定", "body_id": world_a.unit.pk,
                                          "meeting_id": meeting.pk, "text": "一、同意。"},
                       content_type="application/json", **office)
    assert made.status_code == 201, made.content
    assert made.json()["status"] == "proposed" and made.json()["agenda_item_id"]
    before = Decision.objects.in_congress(world_a.congress).count()
    bad = client.post("/api/decisions", {"title": "无正文", "body_id": 999999, "meeting_id": meeting.pk,
                                         "text": "x"}, content_type="application/json", **office)
    assert bad.status_code == 422
    assert {p["field"] for p in bad.json()["detail"]} == {"body_id"}
    assert Decision.objects.in_congress(world_a.congress).count() == before
    voting = client.post(f"/api/decisions/{made.json()['id']}/vote", {}, content_type="application/json", **office)
    assert voting.status_code == 201 and voting.json()["vote_id"]
    member = bearer(world_a, world_a.users[Role.SC_MEMBER])
    assert client.post("/api/decisions", {"title": "越权", "body_id": world_a.unit.pk, "meeting_id": meeting.pk,
                                          "text": "x"}, content_type="application/json", **member).status_code == 403


def test_outcome_publish_implementation_and_other_congress(world_a, world_b):
    client, office = Client(), bearer(world_a, world_a.office)
    decision = voted(world_a, yes=5, members=5)
    done = client.post(f"/api/decisions/{decision.pk}/outcome", {}, content_type="application/json", **office)
    assert done.status_code == 200 and done.json()["status"] == "passed" and done.json()["number"].endswith("1号")
    published = client.post(f"/api/decisions/{decision.pk}/publish", {}, content_type="application/json", **office)
    assert published.json()["status"] == "published"
    listed = client.get("/api/decisions/published", **bearer(world_a, world_a.users[Role.DEPUTY]))
    assert [d["id"] for d in listed.json()] == [decision.pk]
    tracked = client.post(f"/api/decisions/{decision.pk}/implementation", {"unit_id": world_a.unit.pk, "owner": "赵局长"},
                          content_type="application/json", **office)
    assert tracked.status_code == 201 and tracked.json()["implementations"][0]["status"] == "open"
    assert tracked.json()["implementations"][0]["source"] == "decision"
    other = bearer(world_b, world_b.office)
    assert client.get(f"/api/decisions/{decision.pk}", **other).status_code == 404
    assert client.post(f"/api/decisions/{decision.pk}/publish", {}, content_type="application/json",
                       **other).status_code == 404


def test_a_failed_vote_gives_no_decision(world_a):
    client, office = Client(), bearer(world_a, world_a.office)
    decision = voted(world_a, yes=2, members=5)
    failed = client.post(f"/api/decisions/{decision.pk}/outcome", {}, content_type="application/json", **office)
    assert failed.json()["status"] == "failed" and failed.json()["number"] == ""
    refused = client.post(f"/api/decisions/{decision.pk}/publish", {}, content_type="application/json", **office)
    assert refused.status_code == 422
    assert "表决未通过" in refused.json()["detail"][0]["message"]
