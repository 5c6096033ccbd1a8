"""GET /api/calendar refuses days outside the filter window (1949-01-01 to 2100-12-31) with a 422
naming the field, never a 500; the first subscription address says nothing of an earlier one."""

import datetime

from django.test import Client

from renda.core.tests.test_api import bearer
from renda.schedule import actions
from renda.schedule.entries import entries_for
from renda.testing import signed_in


def test_it_refuses_days_at_the_calendar_ends_naming_the_field(world_a):
    auth = bearer(world_a, world_a.deputy)
    for query, field, day in [("start=0001-01-01&end=0001-01-02", "start", "0001-01-01"),
                              ("start=9999-12-30&end=9999-12-31", "start", "9999-12-30"),
                              ("start=2100-12-30&end=9999-12-31", "end", "9999-12-31"),
                              ("start=1948-12-31", "start", "1948-12-31")]:
        response = Client().get(f"/api/calendar?{query}", **auth)
        assert response.status_code == 422, (query, response.status_code)
        detail = response.json()["detail"][0]
        assert detail["field"] == field
        assert f"须在 1949-01-01 至 2100-12-31 之间，收到：{day}" in detail["message"]
    edges = Client().get("/api/calendar?start=1949-01-01&end=1949-01-31", **auth)
    assert edges.status_code == 200 and edges.json() == []
    assert Client().get("/api/calendar?start=2100-12-01&end=2100-12-31", **auth).status_code == 200


def test_it_reads_nothing_beyond_the_window_when_asked_directly(world_a):
    far = entries_for(world_a.congress, world_a.deputy, datetime.date(1, 1, 1), datetime.date(9999, 12, 31))
    assert far == []


def test_it_says_the_old_address_is_gone_only_when_there_was_one(world_a, world_b):
    deputy = signed_in(world_a.deputy)
    url = f"/c/{world_a.congress.code}/calendar/feed/issue/"
    first = deputy.post(url, follow=True).content.decode()
    assert "已生成订阅地址" in first and "原来的地址已失效" not in first
    again = deputy.post(url, follow=True).content.decode()
    assert "原来的地址已失效" in again
    actions.revoke_calendar_feed(world_a.congress, actor=world_a.deputy)
    after_revoking = deputy.post(url, follow=True).content.decode()
    assert "原来的地址已失效" not in after_revoking
    # another congress's deputy has no calendar here
    assert signed_in(world_b.deputy).post(url).status_code == 404
