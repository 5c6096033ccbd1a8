"""GET /api/calendar: the token user's own entries between two days, refused clearly when the range
is wrong; another congress's token reads its own congress only."""

from django.test import Client

from renda.core.tests.test_api import bearer
from renda.schedule.tests.helpers import sc_meeting, soon


def test_it_lists_own_meetings_with_role_and_local_time(world_a):
    day = soon()
    meeting = sc_meeting(world_a, day)
    rows = Client().get(f"/api/calendar?start={day}&end={day}", **bearer(world_a, world_a.deputy)).json()
    assert [(r["title"], r["role"], r["kind"]) for r in rows] == [(meeting.title, "出席", "meeting")]
    assert rows[0]["starts_at"].endswith("09:30:00+08:00") and rows[0]["all_day"] is False
    assert rows[0]["url"] == f"/c/{world_a.congress.code}/meetings/{meeting.pk}/"


def test_it_refuses_a_reversed_or_too_long_range(world_a):
    auth = bearer(world_a, world_a.deputy)
    reversed_ = Client().get("/api/calendar?start=2026-12-31&end=2026-12-01", **auth)
    assert reversed_.status_code == 422 and reversed_.json()["detail"][0]["field"] == "end"
    assert Client().get("/api/calendar?start=2026-01-01&end=2028-01-01", **auth).status_code == 422
    assert Client().get("/api/calendar?start=not-a-day", **auth).status_code == 422


def test_another_congress_token_does_not_see_this_congress(world_a, world_b):
    day = soon()
    sc_meeting(world_a, day)
    rows = Client().get(f"/api/calendar?start={day}&end={day}", **bearer(world_b, world_b.office)).json()
    assert rows == []
    assert Client().get("/api/calendar").status_code == 401
