"""The rectification API: the filtered list, detail, each step, reminders, escalation, the
dashboard; a unit's token sees its own items; another congress's id is not found."""

import datetime

from django.test import Client

from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.rectification.tests.fixtures import make_item, other_unit, pdf, today
from renda.testing import make_meeting

DAY = datetime.timedelta(days=1)


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_the_round_trip_to_closure(world_a):
    client = Client()
    office, unit = bearer(world_a, world_a.office), bearer(world_a, world_a.users[Role.UNIT_OFFICER])
    made = client.post("/api/rectification/items", {"source": "visit", "entries": [
        {"problem": "饮水设施老化", "due_on": (today() + 30 * DAY).isoformat(), "unit_id": world_a.unit.pk,
         "owner": "赵局长"}]}, content_type="application/json", **office)
    assert made.status_code == 201, made.content
    item_id = made.json()[0]["id"]
    refused = client.post("/api/rectification/items", {"source": "visit", "entries": [
        {"problem": "无时限", "unit_id": world_a.unit.pk}]}, content_type="application/json", **office)
    assert refused.status_code == 422
    said = {p["field"]: p["message"] for p in refused.json()["detail"]}
    assert set(said) == {"entries.0.owner", "entries.0.due_on"} and "必须填写" in said["entries.0.owner"]
    foreign_unit = client.post("/api/rectification/items", {"source": "visit", "entries": [
        {"problem": "单位不对", "due_on": "2030-01-01", "unit_id": 999999, "owner": "赵"}]},
        content_type="application/json", **office)
    assert foreign_unit.json()["detail"] == [{"field": "entries", "message": "“第1项整改事项的责任单位”不是本级的单位"}]
    progress = client.post(f"/api/rectification/items/{item_id}/progress", {"text": "已完成一半", "goal": "十月底完成"},
                           **unit)
    assert progress.status_code == 201, progress.json()
    assert progress.json()["goal"] == "十月底完成"
    bare = client.post(f"/api/rectification/items/{item_id}/closure", {"text": "已完成"}, **unit)
    assert bare.status_code == 422 and bare.json()["detail"][0]["field"] == "evidence"
    closure = client.post(f"/api/rectification/items/{item_id}/closure", {"text": "已完成", "evidence": pdf()}, **unit)
    assert closure.status_code == 201 and closure.json()["status"] == "claimed"
    assert closure.json()["updates"][-1]["evidence"].endswith(f"/evidence/{closure.json()['updates'][-1]['id']}/")
    assert client.post(f"/api/rectification/items/{item_id}/accept", {}, content_type="application/json",
                       **unit).status_code == 403
    accepted = client.post(f"/api/rectification/items/{item_id}/accept", {"resolution": "合格"},
                           content_type="application/json", **office)
    assert accepted.status_code == 200 and accepted.json()["status"] == "closed"
    again = client.post(f"/api/rectification/items/{item_id}/return", {"reason": "x"}, content_type="application/json",
                        **office)
    assert again.status_code == 422


def test_the_list_filters_and_the_unit_sees_its_own(world_a, world_b):
    mine = make_item(world_a, due_on=today() - DAY)
    theirs = make_item(world_a, unit=other_unit(world_a))
    foreign = make_item(world_b)
    client = Client()
    office, unit = bearer(world_a, world_a.office), bearer(world_a, world_a.users[Role.UNIT_OFFICER])
    assert {i["id"] for i in client.get("/api/rectification/items", **office).json()} == {mine.pk, theirs.pk}
    assert [i["id"] for i in client.get("/api/rectification/items?overdue=true", **office).json()] == [mine.pk]
    assert [i["id"] for i in client.get("/api/rectification/items", **unit).json()] == [mine.pk]
    assert client.get(f"/api/rectification/items/{theirs.pk}", **unit).status_code == 404
    assert client.get(f"/api/rectification/items/{foreign.pk}", **office).status_code == 404
    assert client.get("/api/rectification/items?unit_id=999999", **office).status_code == 422
    figures = client.get("/api/rectification/dashboard", **office).json()
    assert figures["whole"]["total"] == 2 and figures["whole"]["overdue"] == 1
    assert client.get("/api/rectification/items").status_code == 401


def test_checks_reminders_and_escalation(world_a):
    item = make_item(world_a, due_on=today() - 31 * DAY)
    client = Client()
    office = bearer(world_a, world_a.office)
    member = bearer(world_a, world_a.users[Role.SC_MEMBER])
    check = client.post(f"/api/rectification/items/{item.pk}/checks", {"kind": "site_check", "findings": "现场查看"},
                        **member)
    assert check.status_code == 201 and check.json()["updates"][-1]["kind"] == "site_check"
    odd = client.post(f"/api/rectification/items/{item.pk}/checks", {"kind": "site_check", "findings": "x", "who": "y"},
                      **member)
    assert odd.status_code == 422
    assert client.post("/api/rectification/reminders", **office).json() == {"sent": 1}
    assert client.post("/api/rectification/reminders", **office).json() == {"sent": 0}
    meeting = make_meeting(world_a, kind="directors", open_it=False)
    escalated = client.post("/api/rectification/escalations", {"meeting_id": meeting.pk},
                            content_type="application/json", **office)
    assert escalated.status_code == 200 and escalated.json()["items"] == [item.pk]
    assert client.post("/api/rectification/escalations", {"meeting_id": meeting.pk}, content_type="application/json",
                       **member).status_code == 403
