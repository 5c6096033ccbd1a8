"""The review-opinion API round trip: draft, edit the points, approve, send with rectification items,
the unit's reply (refused before sending), publish, the public read; refusals in the API's error
body; another congress's ids not found."""

import datetime

from django.test import Client
from django.utils import timezone

from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.oversight.tests.permission_calls_opinions import (
    deliberated_work_report,
    directors_meeting,
    drafted_opinion,
    past_session,
)


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def fields(response) -> str:
    return str(response.json())


def test_the_round_trip(world_a):
    api, office, unit = Client(), bearer(world_a, world_a.office), bearer(world_a, world_a.users[Role.UNIT_OFFICER])
    report = deliberated_work_report(world_a)

    def post(path, body, headers=None):
        return api.post(path, body, content_type="application/json", **(headers or office))

    made = post("/api/oversight/opinions", {"work_report_id": report.pk, "number": "甲人常办〔2026〕3号"})
    assert made.status_code == 201, made.content
    opinion = made.json()
    oid = opinion["id"]
    assert opinion["status"] == "drafting" and [p["heading"] for p in opinion["points"]] == [
        "要加大财政投入", "农村学校师资不足，要完善交流机制"]
    first, second = opinion["points"]
    edited = api.put(f"/api/oversight/opinions/{oid}", {
        "title": "关于义务教育工作情况报告的审议意见", "number": "甲人常办〔2026〕3号", "preamble": "开头",
        "points": [{"id": second["id"], "heading": "完善交流机制"}, {"heading": "新增", "text": "内容"}]},
        content_type="application/json", **office)
    assert edited.status_code == 200, edited.content
    assert [p["heading"] for p in edited.json()["points"]] == ["完善交流机制", "新增"]

    early = post(f"/api/oversight/opinions/{oid}/reply", {"text": "太早"})
    assert early.status_code == 422 and "尚未交办" in fields(early)
    # The body's officer does not see the opinion before it is sent.
    assert post(f"/api/oversight/opinions/{oid}/reply", {"text": "太早"}, unit).status_code == 404

    wrong = post(f"/api/oversight/opinions/{oid}/approve", {"meeting_id": past_session(world_a).pk})
    assert wrong.status_code == 422 and "须为主任会议" in fields(wrong)
    approved = post(f"/api/oversight/opinions/{oid}/approve", {"meeting_id": directors_meeting(world_a).pk})
    assert approved.status_code == 200 and approved.json()["status"] == "approved"

    today = timezone.localdate()
    point = approved.json()["points"][0]["id"]
    missing_owner = post(f"/api/oversight/opinions/{oid}/send", {"rectification": [
        {"point_id": point, "items": [{"problem": "x", "due_on": (today + datetime.timedelta(days=30)).isoformat()}]}]})
    assert missing_owner.status_code == 422 and "第1条意见" in fields(missing_owner) and "责任人" in fields(missing_owner)
    sent = post(f"/api/oversight/opinions/{oid}/send", {
        "reply_due": (today + datetime.timedelta(days=60)).isoformat(), "rectification": [
            {"point_id": point, "items": [{"problem": "交流机制不健全", "owner": "李局长",
                                           "due_on": (today + datetime.timedelta(days=90)).isoformat()}]}]})
    assert sent.status_code == 200, sent.content
    body = sent.json()
    assert body["status"] == "sent" and body["reply_state"] == "待报告" and len(body["points"][0]["rectification_item_ids"]) == 1

    listed = api.get("/api/oversight/opinions?status=sent", **unit)
    assert [o["id"] for o in listed.json()] == [oid]
    replied = post(f"/api/oversight/opinions/{oid}/reply", {"text": "已研究处理。", "signed_by": "市教育局"}, unit)
    assert replied.status_code == 200 and replied.json()["reply"]["text"] == "已研究处理。"
    assert post(f"/api/oversight/opinions/{oid}/publish", {}, unit).status_code == 403
    published = post(f"/api/oversight/opinions/{oid}/publish", {})
    assert published.status_code == 200 and published.json()["status"] == "published"

    public = Client().get(f"/api/public/{world_a.congress.code}/review-opinions")
    assert public.status_code == 200
    row = public.json()[0]
    assert row["title"] == "关于义务教育工作情况报告的审议意见" and row["reply_text"] == "已研究处理。"
    assert "signed_by" not in row and "市教育局" not in str(row)


def test_refusals_and_another_congresss_ids(world_a, world_b):
    api, office = Client(), bearer(world_a, world_a.office)
    theirs = drafted_opinion(world_b)
    assert api.get(f"/api/oversight/opinions/{theirs.pk}", **office).status_code == 404
    made = api.post("/api/oversight/opinions", {"work_report_id": deliberated_work_report(world_b).pk},
                    content_type="application/json", **office)
    assert made.status_code == 422 and "work_report_id" in fields(made)
    extra = api.post("/api/oversight/opinions", {"nonsense": 1}, content_type="application/json", **office)
    assert extra.status_code == 422
    ours = drafted_opinion(world_a)
    refused = api.post(f"/api/oversight/opinions/{ours.pk}/approve", {"meeting_id": directors_meeting(world_b).pk},
                       content_type="application/json", **office)
    assert refused.status_code == 422 and "meeting_id" in fields(refused)
    assert api.get("/api/oversight/opinions", **bearer(world_a, world_a.deputy)).status_code == 403
    assert Client().get("/api/public/no-such-congress/review-opinions").status_code == 404
