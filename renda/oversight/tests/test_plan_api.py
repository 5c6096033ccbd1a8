"""The plan over the API: a round trip from draft to published, progress in the answer, ids of another
congress refused by field."""

import json

from django.test import Client
from django.utils import timezone

from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.oversight.tests.plan_fixtures import committee, this_year
from renda.testing import make_meeting


def api(world, user):
    token = issue_api_token(world.congress, actor=user, name="t")[1]
    client = Client(HTTP_AUTHORIZATION=f"Bearer {token}")

    def call(method, path, body=None):
        kwargs = {"content_type": "application/json", "data": json.dumps(body)} if body is not None else {}
        return getattr(client, method)(f"/api{path}", **kwargs)

    return call


def test_a_plan_round_trip(world_a):
    call = api(world_a, world_a.office)
    made = call("post", "/oversight/plans", {"year": this_year(), "title": "年度监督工作计划"})
    assert made.status_code == 201, made.content
    plan_id = made.json()["id"]
    lead = committee(world_a)
    item = {"kind": "survey", "title": "关于养老服务的调研", "lead_committee_id": lead.pk, "month": 13,
            "leader_id": world_a.deputies[1].person.pk, "co_committee_ids": [world_a.committee.pk]}
    refused = call("post", f"/oversight/plans/{plan_id}/items", item)
    assert refused.status_code == 422
    assert refused.json()["detail"] == [{"field": "month", "message": "“month”不能大于 12"}]
    item["month"] = 12
    added = call("post", f"/oversight/plans/{plan_id}/items", item)
    assert added.status_code == 201 and added.json()["progress_label"] == "未开始"
    item_id = added.json()["id"]
    changed = call("put", f"/oversight/plans/{plan_id}/items/{item_id}", item | {"title": "改后的题目"})
    assert changed.status_code == 200 and changed.json()["title"] == "改后的题目"
    directors = make_meeting(world_a, kind="directors", open_it=False)
    approved = call("post", f"/oversight/plans/{plan_id}/approve",
                    {"meeting_id": directors.pk, "approved_on": timezone.localdate().isoformat()})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"
    published = call("post", f"/oversight/plans/{plan_id}/publish", {})
    assert published.json()["status"] == "published"
    status = call("post", f"/oversight/plan-items/{item_id}/status", {"status": "postponed", "note": "推迟至下年度"})
    assert status.status_code == 200 and status.json()["progress"] == "postponed"
    got = call("get", f"/oversight/plans/{plan_id}").json()
    assert [i["title"] for i in got["items"]] == ["改后的题目"] and got["items"][0]["co_committee_ids"] == [world_a.committee.pk]
    assert call("get", "/oversight/plans").json()[0]["id"] == plan_id


def test_ids_of_another_congress_are_refused_by_field(world_a, world_b):
    call = api(world_a, world_a.office)
    plan_id = call("post", "/oversight/plans", {"year": this_year(), "title": "计划"}).json()["id"]
    refused = call("post", f"/oversight/plans/{plan_id}/items",
                   {"kind": "survey", "title": "调研", "lead_committee_id": world_b.committee.pk, "month": 5,
                    "leader_id": world_b.deputies[0].person.pk})
    assert refused.status_code == 422
    assert {e["field"] for e in refused.json()["detail"]} == {"lead_committee_id"}
    other = api(world_b, world_b.office)("post", "/oversight/plans", {"year": this_year(), "title": "乙计划"}).json()["id"]
    assert call("get", f"/oversight/plans/{other}").status_code == 404


def test_deputies_see_only_published_plans_and_may_not_draft(world_a):
    api(world_a, world_a.office)("post", "/oversight/plans", {"year": this_year(), "title": "草案"})
    call = api(world_a, world_a.users[Role.DEPUTY])
    assert call("get", "/oversight/plans").json() == []
    assert call("post", "/oversight/plans", {"year": this_year() + 1, "title": "计划"}).status_code == 403


def test_an_unknown_field_is_refused(world_a):
    call = api(world_a, world_a.office)
    assert call("post", "/oversight/plans", {"year": this_year(), "title": "计划", "extra": 1}).status_code == 422
