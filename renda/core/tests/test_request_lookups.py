"""What every request looks up first — its congress and its token — is cheap without going stale."""

from django.test import Client
from django.test.utils import CaptureQueriesContext

from renda.core import congress_lookup, token_use
from renda.core.models import ApiToken, Congress
from renda.core.tests.test_api import bearer


def test_a_congress_is_looked_up_once_then_forgotten_when_saved(world_a, django_assert_num_queries):
    from django.db import connection

    code = world_a.congress.code
    with CaptureQueriesContext(connection) as first:
        found = congress_lookup.by_code(code)
    assert found.pk == world_a.congress.pk and len(first.captured_queries) == 1
    with django_assert_num_queries(0):
        again = congress_lookup.by_code(code)
    assert again.name == found.name and again is not found  # each caller gets its own copy
    renamed = Congress.objects.get(pk=world_a.congress.pk)
    renamed.name = "改名后的人民代表大会"
    renamed.save()
    assert congress_lookup.by_code(code).name == "改名后的人民代表大会"
    assert congress_lookup.by_code("no-such-congress") is None


def test_token_use_is_stamped_in_bulk_not_on_every_request(world_a, monkeypatch):
    headers = bearer(world_a, world_a.deputy)
    token = ApiToken.objects.in_congress(world_a.congress).get(user=world_a.deputy)
    monkeypatch.setattr(token_use, "_flushed_at", __import__("time").monotonic())
    assert Client().get("/api/me", **headers).status_code == 200
    token.refresh_from_db()
    assert token.last_used_at is None  # noted, not yet written
    token_use.flush()
    token.refresh_from_db()
    assert token.last_used_at is not None
    # Once stamped, a use within the minute is not even noted again.
    assert Client().get("/api/me", **headers).status_code == 200
    assert token.pk not in token_use._pending


def test_a_stamp_is_written_once_the_flush_interval_has_passed(world_a, monkeypatch):
    headers = bearer(world_a, world_a.deputy)
    monkeypatch.setattr(token_use, "_flushed_at", __import__("time").monotonic() - token_use.FLUSH_SECONDS - 1)
    assert Client().get("/api/me", **headers).status_code == 200
    token = ApiToken.objects.in_congress(world_a.congress).get(user=world_a.deputy)
    assert token.last_used_at is not None and not token_use._pending
