"""Who may do what with notices: one's own inbox only, the office's dead letters, another congress's
user refused; the API shows and changes only one's own. Every cell of the delivery rows as well."""

from __future__ import annotations

import pytest
from django.test import Client

from renda.core.errors import NotFound, NotPermitted
from renda.core.tests.permission_cells import check_every_role
from renda.core.tests.test_api import bearer
from renda.delivery import actions, outbox
from renda.delivery.models import Delivery
from renda.delivery.tests import permission_calls
from renda.delivery.tests.helpers import notice_for
from renda.testing import signed_in

pytestmark = pytest.mark.django_db


def _inbox_of(world, user, text):
    notice = notice_for(world, user, text=text)
    outbox.plan(world.congress, [notice])
    return Delivery.objects.in_congress(world.congress).get(notice=notice, channel="inbox")


def test_it_shows_each_person_only_their_own_inbox_and_badge(world_a):
    mine = _inbox_of(world_a, world_a.deputy, "给李明的通知")
    theirs = _inbox_of(world_a, world_a.deputies[1].person.user, "给王芳的通知")
    me = signed_in(world_a.deputy)
    page = me.get(f"/c/{world_a.congress.code}/notices/").content.decode()
    assert "给李明的通知" in page and "给王芳的通知" not in page
    assert '<span class="badge">1</span>' in me.get(f"/c/{world_a.congress.code}/notices/settings/").content.decode()
    with pytest.raises(NotFound):
        actions.mark_read(world_a.congress, actor=world_a.deputy, delivery_ids=[theirs.pk])
    refused = me.post(f"/c/{world_a.congress.code}/notices/read/", {"delivery": theirs.pk})
    assert refused.status_code == 302
    theirs.refresh_from_db()
    assert theirs.read_at is None
    me.post(f"/c/{world_a.congress.code}/notices/read/", {"delivery": mine.pk})
    mine.refresh_from_db()
    assert mine.read_at is not None and outbox.unread_count(world_a.congress, world_a.deputy) == 0
    assert "delivery-badge" not in me.get(f"/c/{world_a.congress.code}/notices/").content.decode()


def test_the_header_counts_a_notice_planned_after_the_count_was_kept(world_a):
    me = signed_in(world_a.deputy)
    settings_page = f"/c/{world_a.congress.code}/notices/settings/"
    _inbox_of(world_a, world_a.deputy, "第一条通知")
    assert '<span class="badge">1</span>' in me.get(settings_page).content.decode()
    _inbox_of(world_a, world_a.deputy, "第二条通知")  # planned after the commit, outside any action
    assert '<span class="badge">2</span>' in me.get(settings_page).content.decode()


def test_it_refuses_another_congresss_user_and_rows(world_a, world_b):
    _inbox_of(world_a, world_a.deputy, "甲市的通知")
    outsider = signed_in(world_b.deputy)
    assert outsider.get(f"/c/{world_a.congress.code}/notices/").status_code == 403
    assert signed_in(world_b.office).get(f"/c/{world_a.congress.code}/notices/dead/").status_code == 403
    dead = permission_calls._dead(world_b)
    answer = signed_in(world_a.office).post(f"/c/{world_a.congress.code}/notices/dead/{dead.pk}/retry/")
    assert answer.status_code == 404
    with pytest.raises(NotPermitted):
        actions.mark_read(world_a.congress, actor=world_b.deputy)
    assert Client().get(f"/c/{world_a.congress.code}/notices/").status_code == 302  # sign in first


def test_it_gives_the_api_only_ones_own_notices_and_preferences(world_a, world_b):
    _inbox_of(world_a, world_a.deputy, "甲市给李明的通知")
    _inbox_of(world_a, world_a.deputies[1].person.user, "甲市给王芳的通知")
    headers = bearer(world_a, world_a.deputy)
    client = Client()
    listed = client.get("/api/notices", **headers).json()
    assert [n["text"] for n in listed] == ["甲市给李明的通知"] and listed[0]["read"] is False
    assert client.post("/api/notices/read", {"ids": [listed[0]["id"]]}, content_type="application/json",
                       **headers).json() == {"read": 1, "unread": 0}
    other = Delivery.objects.in_congress(world_a.congress).get(user=world_a.deputies[1].person.user)
    assert client.post("/api/notices/read", {"ids": [other.pk]}, content_type="application/json",
                       **headers).status_code == 404
    bad = client.put("/api/notices/preferences", {"channels": ["email"], "email": "不是邮箱"},
                     content_type="application/json", **headers)
    assert bad.status_code == 422 and "电子邮箱" in str(bad.json())
    good = client.put("/api/notices/preferences", {"channels": ["email", "sms"], "email": "li@example.cn"},
                      content_type="application/json", **headers)
    assert good.status_code == 422 and "接收渠道" in str(good.json())
    good = client.put("/api/notices/preferences", {"channels": ["email"], "email": "li@example.cn"},
                      content_type="application/json", **headers)
    assert good.status_code == 200 and good.json()["channels"] == ["email"]
    assert client.get("/api/notices/preferences", **headers).json()["email"] == "li@example.cn"
    assert client.get("/api/notices", **bearer(world_b, world_b.deputy)).json() == []


def test_it_saves_preferences_from_the_page_and_names_the_field_in_errors(world_a):
    me = signed_in(world_a.deputy)
    url = f"/c/{world_a.congress.code}/notices/settings/"
    bad = me.post(url, {"first": "email", "email": ""})
    assert bad.status_code == 400 and "须填写“电子邮箱”" in bad.content.decode()
    bad = me.post(url, {"first": "email", "email": "li@example.cn", "mobile": "12345"})
    assert bad.status_code == 400 and "手机号" in bad.content.decode()
    assert me.post(url, {"first": "email", "email": "li@example.cn"}).status_code == 302
    assert "li@example.cn" in me.get(url).content.decode()


def test_every_role_is_allowed_or_refused_as_declared(world_a):
    check_every_role(world_a, permission_calls)
