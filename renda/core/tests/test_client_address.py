"""Per-address limits behind a reverse proxy count the client, not the proxy (issue 11, point 3)."""

import pytest
from django.test import Client, override_settings

from renda.core.client_address import client_address, trusted_networks

PROXIES = trusted_networks(["127.0.0.1", "10.0.0.0/8"])


@pytest.mark.parametrize("remote,forwarded,seen", [
    ("127.0.0.1", "203.0.113.7", "203.0.113.7"),                 # nginx on the same machine
    ("10.1.2.3", "203.0.113.7, 10.9.9.9", "203.0.113.7"),        # two proxies of ours in a row
    ("127.0.0.1", "1.1.1.1, 203.0.113.7", "203.0.113.7"),        # what the client claimed before is ignored
    ("198.51.100.4", "203.0.113.7", "198.51.100.4"),             # not from our proxy: the header is the client's
    ("127.0.0.1", "", "127.0.0.1"),
    ("127.0.0.1", "not-an-address", "127.0.0.1"),
    ("127.0.0.1", "2001:db8::1", "2001:db8::1"),
])
def test_the_client_is_the_nearest_address_our_proxies_did_not_add(remote, forwarded, seen):
    assert client_address(remote, forwarded, PROXIES) == seen


def test_without_trusted_proxies_the_header_is_ignored():
    assert client_address("127.0.0.1", "203.0.113.7", []) == "127.0.0.1"


@pytest.mark.parametrize("trusted", [True, False])
def test_behind_the_proxy_one_citizen_at_the_limit_does_not_shut_out_the_next(world_a, trusted):
    from renda.core import actions as core_actions

    for key, value in (("liaison.intake_per_address_hour", 2), ("liaison.challenge_after", 100)):
        core_actions.change_rule(world_a.congress, actor=world_a.admin, key=key, value=value)
    url = f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/intake/"
    form = {"category": "教育", "text": "学校门口早晚拥堵", "place": "实验小学", "anonymous": "on"}
    with override_settings(RENDA_TRUSTED_PROXIES=["127.0.0.1"] if trusted else []):
        first = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
        assert [first.post(url, form).status_code for _ in range(3)] == [302, 302, 429]
        second = Client(REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.2").post(url, form)
    assert second.status_code == (302 if trusted else 429)
