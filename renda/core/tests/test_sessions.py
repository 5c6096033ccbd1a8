"""core.sessions: Django's database sessions read by a written-out statement, with Django's rules: a
live key signs the person in, an expired, unknown or malformed one does not, and signing out ends it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.sessions.models import Session
from django.test import Client
from django.utils import timezone

from renda.core.sessions import SessionStore
from renda.testing import signed_in


def test_the_site_uses_this_store():
    assert settings.SESSION_ENGINE == "renda.core.sessions"


def test_a_live_session_loads_and_an_expired_or_unknown_one_does_not(db):
    store = SessionStore()
    store["colour"] = "red"
    store.create()
    assert SessionStore(store.session_key).load() == {"colour": "red"}
    Session.objects.filter(session_key=store.session_key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    expired = SessionStore(store.session_key)
    assert expired.load() == {} and expired.session_key is None
    assert SessionStore("x" * 32).load() == {}
    assert SessionStore("short").load() == {}  # not a key at all


def test_signing_out_ends_the_session_for_every_later_request(world_a):
    client = signed_in(world_a.office)
    home = f"/c/{world_a.congress.code}/"
    assert "退出登录" in client.get(home).content.decode()
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    client.post("/logout/")
    stale = Client()
    stale.cookies[settings.SESSION_COOKIE_NAME] = key  # the old cookie, replayed
    assert "退出登录" not in stale.get(home).content.decode()


def test_the_backend_gives_the_sessions_user_and_no_one_else(world_a):
    from renda.core.sessions import AccountBackend

    backend = AccountBackend()
    office = world_a.office
    assert backend.get_user(str(office.pk)) == office and backend.get_user(office.pk).username == office.username
    assert backend.get_user("not a number") is None and backend.get_user(10**12) is None
    office.is_active = False
    office.save(update_fields=["is_active"])
    assert backend.get_user(office.pk) is None  # a disabled account signs no one in


def test_a_changed_password_ends_the_other_sessions(world_a):
    other_device = signed_in(world_a.office)
    home = f"/c/{world_a.congress.code}/"
    assert "退出登录" in other_device.get(home).content.decode()
    world_a.office.set_password("another-secret-2026")
    world_a.office.save()
    assert "退出登录" not in other_device.get(home).content.decode()
