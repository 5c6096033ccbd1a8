"""The report API round trip: draft, figures, findings, comments, versions, finalise, the findings as
records, the hand-over; refusals in the API's error body; another congress's ids not found."""

import datetime

from django.test import Client
from django.utils import timezone

from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.oversight.tests.permission_calls_reporting import activity_in_field, future_session, site_visit


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_the_round_trip(world_a):
    api, office = Client(), bearer(world_a, world_a.office)
    activity = activity_in_field(world_a)
    visit = site_visit(world_a, activity)
    post = lambda path, body, **h: api.post(path, body, content_type="application/json", **(h or office))  # noqa: E731

    made = post(f"/api/oversight/activities/{activity.pk}/report",
                {"title": "关于饮水安全的视察报告", "situation": "察看{{visits}}处，合计{{total}}家。"})
    assert made.status_code == 200, made.content
    report = made.json()
    assert report["status"] == "drafting" and report["unknown_keys"] == ["visits", "total"]
    rid = report["id"]
    figures = post(f"/api/oversight/reports/{rid}/figures", {"key": "visits", "label": "察看点",
                                                             "source": {"kind": "site_visits"}}).json()
    assert figures[0]["value"] == "1" and figures[0]["ok"]
    for key, value in (("a", "594"), ("b", "2258")):
        post(f"/api/oversight/reports/{rid}/figures", {"key": key, "label": key, "value": value, "unit": "家"})
    wrong = post(f"/api/oversight/reports/{rid}/figures", {"key": "total", "label": "合计", "kind": "sum",
                                                           "value": "2851", "unit": "家", "parts": ["a", "b"]}).json()
    total = next(f for f in wrong if f["key"] == "total")
    assert not total["ok"] and total["computed"] == "2852" and "应为 2852" in total["message"]
    post(f"/api/oversight/reports/{rid}/figures", {"key": "total", "label": "合计", "kind": "sum", "value": "2852",
                                                   "unit": "家", "parts": ["a", "b"]})

    problem = post(f"/api/oversight/reports/{rid}/findings", {"kind": "problem", "heading": "设施老化",
                                                              "site_visit_id": visit.pk, "unit_id": world_a.unit.pk})
    assert problem.status_code == 201 and problem.json()["unit"] == "教育局"
    pid = problem.json()["id"]
    answer = post(f"/api/oversight/reports/{rid}/findings", {"kind": "recommendation", "heading": "加快改造",
                                                             "addresses_id": pid}).json()
    comment = post(f"/api/oversight/reports/{rid}/comments", {"text": "请核实", "finding_id": pid})
    assert comment.status_code == 201
    refused = post(f"/api/oversight/reports/{rid}/finalise", {})
    assert refused.status_code == 422 and "1 条修改意见未处理" in refused.json()["detail"][0]["message"]
    assert post(f"/api/oversight/reports/{rid}/comments/{comment.json()['id']}/resolve", {}).json()["resolved"]
    version = post(f"/api/oversight/reports/{rid}/versions", {"note": "初稿"})
    assert version.status_code == 201 and version.json()["number"] == 1
    final = post(f"/api/oversight/reports/{rid}/finalise", {"note": "定稿"})
    assert final.status_code == 200 and final.json()["status"] == "final"
    versions = api.get(f"/api/oversight/reports/{rid}/versions", **office).json()
    assert [v["number"] for v in versions] == [1, 2]

    findings = api.get(f"/api/oversight/reports/{rid}/findings", **office).json()
    assert [f["heading"] for f in findings["problems"]] == ["设施老化"]
    assert findings["problems"][0]["site_visit_id"] == visit.pk
    assert findings["recommendations"][0]["id"] == answer["id"]
    assert findings["recommendations"][0]["addresses_id"] == pid

    meeting = future_session(world_a, days=3)
    placed = post(f"/api/oversight/reports/{rid}/agenda", {"meeting_id": meeting.pk,
                                                           "release_at": (timezone.now() + datetime.timedelta(hours=2)).isoformat()})
    assert placed.status_code == 200, placed.content
    assert "监督法第十五条" in placed.json()["warnings"][0]


def test_refusals_and_other_congresses(world_a, world_b):
    api = Client()
    office = bearer(world_a, world_a.office)
    activity = activity_in_field(world_a)
    bad = api.post(f"/api/oversight/activities/{activity.pk}/report", {"title": "报告", "extra": 1},
                   content_type="application/json", **office)
    assert bad.status_code == 422
    foreign = activity_in_field(world_b)
    assert api.post(f"/api/oversight/activities/{foreign.pk}/report", {"title": "越权"},
                    content_type="application/json", **office).status_code == 404
    rid = api.post(f"/api/oversight/activities/{activity.pk}/report", {"title": "报告"},
                   content_type="application/json", **office).json()["id"]
    outsider = bearer(world_a, world_a.users[Role.UNIT_OFFICER])
    assert api.get(f"/api/oversight/reports/{rid}/findings", **outsider).status_code == 404
    deputy = bearer(world_a, world_a.deputy)  # on the team by default
    assert api.get(f"/api/oversight/reports/{rid}", **deputy).status_code == 200
    assert api.post(f"/api/oversight/reports/{rid}/findings", {"kind": "problem", "heading": "问题"},
                    content_type="application/json", **deputy).status_code == 403
    other = bearer(world_b, world_b.office)
    assert api.get(f"/api/oversight/reports/{rid}", **other).status_code == 404
