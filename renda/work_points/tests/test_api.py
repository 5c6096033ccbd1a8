"""Work points through the API with a token."""

import datetime

from django.test import Client

from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.testing import make_meeting
from renda.work_points.models import WorkPoint
from renda.work_points.tests.fixtures import point, today

DAY = datetime.timedelta(days=1)


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_the_round_trip(world_a, world_b):
    c, api = world_a.congress, Client()
    office = bearer(world_a, world_a.office)
    directors = make_meeting(world_a, kind="directors", members=3, open_it=False)
    made = api.post("/api/work-points/plans", {"year": "2026", "meeting_id": str(directors.pk)}, **office)
    assert made.status_code == 201, made.content
    plan_id = made.json()["id"]
    bad = api.post(f"/api/work-points/plans/{plan_id}/points", {"text": "执法检查", "owner_id": world_a.committee.pk,
                                                                "due": "2026-02-30"},
                   content_type="application/json", **office)
    assert bad.status_code == 422 and WorkPoint.objects.in_congress(c).count() == 0
    added = api.post(f"/api/work-points/plans/{plan_id}/points", {"text": "执法检查", "owner_id": world_a.committee.pk,
                                                                  "due": "2026-04", "leader_id": world_a.deputies[1].person.pk},
                     content_type="application/json", **office)
    assert added.status_code == 201 and added.json()["due_on"] == "2026-04-30" and added.json()["month_only"]
    pid = added.json()["id"]
    session = make_meeting(world_a, members=3, open_it=False)
    linked = api.post(f"/api/work-points/{pid}/links", {"meeting_id": session.pk}, content_type="application/json", **office)
    assert linked.status_code == 201 and linked.json()["links"][0]["meeting_id"] == session.pk
    months = api.get("/api/work-points/calendar/2026", **office).json()
    assert [len(m["points"]) for m in months][3] == 1
    staff = bearer(world_a, world_a.users[Role.COMMITTEE_STAFF])
    closed = api.post(f"/api/work-points/{pid}/close", {"note": "已完成"}, **staff)
    assert closed.status_code == 201 and closed.json()["status"] == "done"
    foreign = point(world_b)
    assert api.get(f"/api/work-points/{foreign.pk}", **office).status_code == 404
    assert api.post(f"/api/work-points/{foreign.pk}/close", {"note": "x"}, **office).status_code == 404
    assert api.post("/api/work-points/plans", {"year": "2027"}, **bearer(world_a, world_a.deputy)).status_code == 403


def test_overdue_at_the_boundary(world_a):
    api = Client()
    office = bearer(world_a, world_a.office)
    late, due_today = point(world_a, today() - DAY), point(world_a, today())
    assert [p["id"] for p in api.get("/api/work-points/overdue", **office).json()] == [late.pk]
    later = api.get(f"/api/work-points/overdue?day={today() + DAY}", **office).json()
    assert {p["id"] for p in later} == {late.pk, due_today.pk}
    carried = api.post(f"/api/work-points/{late.pk}/carry-over", {"note": "需跨年度推进"},
                       content_type="application/json", **office)
    assert carried.status_code == 201 and carried.json()["status"] == "carried"
