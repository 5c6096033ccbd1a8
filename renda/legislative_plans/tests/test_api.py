"""The plans API: a plan and its items (bad input names the JSON field, nothing written), a move
with its reason, proposals and decisions (a decline needs its reason), the public's proposal
without a token (limited per address; a sum after a few) and its reference code, research and
review; another congress's ids are 404."""

import pytest
from django.test import Client

from renda.core.actions import issue_api_token
from renda.legislative_plans.models import PlanItem, Proposal
from renda.legislative_plans.tests.fixtures import item, law_in_force, legal_committee


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def post(client, path, body, **headers):
    return client.post(path, body, content_type="application/json", **headers)


@pytest.fixture(autouse=True)
def _still_hour(monkeypatch):
    from renda.liaison import intake_guard

    monkeypatch.setattr(intake_guard, "_hour", lambda: 2000)


def test_plan_items_and_moves(world_a, world_b):
    client, office = Client(), bearer(world_a, world_a.office)
    made = post(client, "/api/legislative-plans/yearly", {"year": 2026}, **office)
    assert made.status_code == 201, made.content
    plan_id = made.json()["id"]
    bad = post(client, f"/api/legislative-plans/{plan_id}/items",
               {"title": "示例市农田灌溉用水管理条例", "status": "formal", "committee_id": 999999}, **office)
    assert bad.status_code == 422 and {p["field"] for p in bad.json()["detail"]} == {"committee_id"}
    assert not PlanItem.objects.in_congress(world_a.congress).exists()
    added = post(client, f"/api/legislative-plans/{plan_id}/items",
                 {"title": "示例市物业管理条例", "status": "preparatory", "committee_id": legal_committee(world_a).pk,
                  "planned_readings": [{"reading": "一审", "month": "2026-09"}]}, **office)
    assert added.status_code == 201, added.content
    item_id = added.json()["id"]
    no_reason = post(client, f"/api/legislative-plans/items/{item_id}/change", {"status": "formal"}, **office)
    assert no_reason.status_code == 422 and no_reason.json()["detail"][0]["field"] == "reason"
    moved = post(client, f"/api/legislative-plans/items/{item_id}/change",
                 {"status": "formal", "reason": "条件成熟"}, **office)
    assert moved.json()["status"] == "formal" and moved.json()["moves"][0]["reason"] == "条件成熟"
    plan = client.get(f"/api/legislative-plans/{plan_id}", **office).json()
    assert plan["statistics"]["by_status"]["formal"] == 1
    other = bearer(world_b, world_b.office)
    assert client.get(f"/api/legislative-plans/{plan_id}", **other).status_code == 404
    assert post(client, f"/api/legislative-plans/items/{item_id}/change", {"notes": "x"}, **other).status_code == 404
    deputy = bearer(world_a, world_a.deputy)
    assert post(client, f"/api/legislative-plans/{plan_id}/items", {"title": "x", "status": "formal"},
                **deputy).status_code == 403


def test_proposals_and_decisions(world_a, world_b):
    client, office, deputy = Client(), bearer(world_a, world_a.office), bearer(world_a, world_a.deputy)
    the_item = item(world_a)
    made = post(client, "/api/legislative-plans/proposals", {"title": "示例市黑土地保护条例", "necessity": "黑土地退化"},
                **deputy)
    assert made.status_code == 201 and made.json()["source"] == "deputy"
    pid = made.json()["id"]
    refused = post(client, f"/api/legislative-plans/proposals/{pid}/decision", {"accept": False}, **office)
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "reason"
    accepted = post(client, f"/api/legislative-plans/proposals/{pid}/decision",
                    {"accept": True, "plan_id": the_item.plan_id, "status": "research"}, **office)
    assert accepted.status_code == 200 and accepted.json()["status"] == "accepted" and accepted.json()["item_id"]
    assert client.get(f"/api/legislative-plans/proposals/{pid}", **deputy).json()["status"] == "accepted"
    assert client.get(f"/api/legislative-plans/proposals/{pid}", **bearer(world_b, world_b.office)).status_code == 404
    assert post(client, f"/api/legislative-plans/proposals/{pid}/decision", {"accept": False, "reason": "x"},
                **bearer(world_b, world_b.office)).status_code in (403, 404)


def test_public_proposal_without_a_token_is_limited(world_a, world_b):
    client = Client(REMOTE_ADDR="198.51.100.7")
    path = f"/api/public/{world_a.congress.code}/legislative-proposals"
    first = post(client, path, {"title": "示例市养犬管理条例", "necessity": "扰民"})
    assert first.status_code == 201, first.content
    code = first.json()["reference_code"]
    post(client, path, {"title": "示例市养犬管理条例", "necessity": "扰民"})
    asked = post(client, path, {"title": "示例市养犬管理条例", "necessity": "扰民"})
    assert asked.status_code == 422 and asked.json()["challenge"]["challenge_token"]
    assert Proposal.objects.in_congress(world_a.congress).count() == 2
    for _ in range(2):
        post(client, path, {"title": "x", "necessity": "y"})
    over = post(client, path, {"title": "x", "necessity": "y"})
    assert over.status_code == 429
    seen = client.get(f"{path}/{code}")
    assert seen.status_code == 200 and seen.json()["status"] == "submitted"
    assert client.get(f"/api/public/{world_b.congress.code}/legislative-proposals/{code}").status_code == 404


def test_research_and_review(world_a, world_b):
    client, office = Client(), bearer(world_a, world_a.office)
    the_item = item(world_a)
    research = post(client, f"/api/legislative-plans/items/{the_item.pk}/research",
                    {"title": "灌溉条例立法调研", "year": 2026}, **office)
    assert research.status_code == 201 and research.json()["kind"] == "law_research"
    law = law_in_force(world_a)
    review = post(client, f"/api/legislative-plans/laws/{law.pk}/reviews",
                  {"title": "乌梁素海条例立法后评估", "year": 2024,
                   "lead_committee_id": legal_committee(world_a).pk}, **office)
    assert review.status_code == 201, review.content
    other = post(client, f"/api/legislative-plans/laws/{law.pk}/reviews",
                 {"title": "x", "year": 2024, "lead_committee_id": legal_committee(world_b).pk},
                 **bearer(world_b, world_b.office))
    assert other.status_code == 404
