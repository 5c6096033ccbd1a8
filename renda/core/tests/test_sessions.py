"""core.sessions: Django's database sessions read by a written-out statement, with Django's rules: a
live key signs the person in, an expired, unknown or malformed one does not, and signing out ends it."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.auth import SESSION_KEY
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


# A congress's page reads the session, its account and the congress's versions by one statement.

def _statements_of(client, path: str) -> tuple[list[str], object]:
    from django.db import connection

    seen: list[str] = []

    def spy(execute, sql, params, many, context):
        seen.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(spy):
        response = client.get(path)
    return seen, response


def test_a_kept_page_reads_session_account_and_versions_by_one_statement(world_a):
    client = signed_in(world_a.office)
    home = f"/c/{world_a.congress.code}/"
    first, _ = _statements_of(client, home)  # this worker learns whom the session names
    assert len(first) > 1
    again, response = _statements_of(client, home)
    assert response.status_code == 200 and world_a.office.username in response.content.decode()
    assert len(again) == 1, again
    assert "django_session" in again[0] and "auth_user" in again[0] and "core_tally" in again[0]


def test_the_meeting_page_reads_the_session_before_its_versions(world_a):
    """The meeting page's own key asks the version too: the reader is worked out first, so that the
    versions come with the session rather than by a statement of their own before it."""
    from renda.meetings import actions as meetings

    meeting = meetings.create_meeting(world_a.congress, actor=world_a.office, term=world_a.term, kind="plenary",
                                      starts_at=timezone.now(), place="会议室")
    client = signed_in(world_a.office)
    path = f"/c/{world_a.congress.code}/meetings/{meeting.pk}/"
    _statements_of(client, path)
    again, response = _statements_of(client, path)
    assert response.status_code == 200 and len(again) == 1, again


def test_a_session_naming_another_account_than_the_one_read_along_gets_its_own(world_a):
    from renda.core import sessions

    client = signed_in(world_a.office)
    home = f"/c/{world_a.congress.code}/"
    client.get(home)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    sessions._account_of_key[key] = str(world_a.deputy.pk)  # as if the key had named the deputy when last read
    seen, response = _statements_of(client, home)
    page = response.content.decode()
    assert world_a.office.username in page and world_a.deputy.username not in page
    assert len(seen) == 2  # the account read again, by the session's own word
    assert sessions._account_of_key[key] == str(world_a.office.pk)


def test_an_account_disabled_since_the_last_read_signs_no_one_in(world_a):
    client = signed_in(world_a.office)
    home = f"/c/{world_a.congress.code}/"
    assert "退出登录" in client.get(home).content.decode()
    world_a.office.is_active = False
    world_a.office.save(update_fields=["is_active"])
    assert "退出登录" not in client.get(home).content.decode()


def test_an_expired_session_read_with_its_account_signs_no_one_in(world_a):
    client = signed_in(world_a.office)
    home = f"/c/{world_a.congress.code}/"
    client.get(home)
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    Session.objects.filter(session_key=key).update(expire_date=timezone.now() - datetime.timedelta(seconds=1))
    assert "退出登录" not in client.get(home).content.decode()


def test_what_was_read_along_does_not_outlive_its_request(world_a):
    from renda.core import sessions

    client = signed_in(world_a.office)
    home = f"/c/{world_a.congress.code}/"
    client.get(home)
    client.get(home)
    assert getattr(sessions._read_along, "account", None) is None


def test_the_versions_read_with_the_session_are_those_data_version_reads(world_a):
    from renda.core import sessions, tallies
    from renda.core.tenancy import congress_scope
    from renda.testing import make_congress

    client = signed_in(world_a.office)
    client.get(f"/c/{world_a.congress.code}/")
    key = client.cookies[settings.SESSION_COOKIE_NAME].value
    quiet = make_congress("quiet-town", "无人办事的镇人大")  # no action yet: no version rows at all
    for congress in (world_a.congress, quiet):
        fresh = tallies._versions(congress.pk, tallies.WRITES)
        with tallies.reading_versions(), congress_scope(congress):
            assert sessions.SessionStore(key).load()[SESSION_KEY] == str(world_a.office.pk)
            assert tallies._request.versions[(congress.pk, tallies.WRITES)] == fresh
            assert tallies.data_version(congress) == fresh.get("[]", 0)
    assert tallies._versions(quiet.pk, tallies.WRITES) == {}
