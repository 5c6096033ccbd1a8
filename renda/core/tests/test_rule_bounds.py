"""Whole-number rules have bounds (issue 11): a value outside them is refused naming the rule and the
range, by the action, the API (422) and the rule editor page, and nothing is stored."""

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from renda.core import actions, rules
from renda.core.models import AuditEntry, RuleSetting
from renda.core.tests.test_api import bearer
from renda.testing import signed_in

NUMBERS = (rules.INT, rules.OPTIONAL_INT, rules.DAYS_LIST)


def test_every_whole_number_rule_has_bounds_that_hold_its_defaults(world_a):
    for r in rules.RULES:
        if r.kind not in NUMBERS:
            assert r.bounds is None, r.key
            continue
        assert r.bounds is not None, r.key
        low, high = r.bounds
        assert 0 <= low <= high <= 100_000, r.key
        defaults = r.default.values() if isinstance(r.default, dict) else [r.default]
        for default in defaults:
            for value in (default if isinstance(default, list) else [default]):
                assert value is None or low <= value <= high, (r.key, value)


@pytest.mark.parametrize("key", ["voting.teller_slips", "voting.teller_quorum"])
def test_teller_numbers_are_one_to_twenty(world_a, key):
    for value in (1, 20, "20"):
        actions.change_rule(world_a.congress, actor=world_a.admin, key=key, value=value)
        assert rules.get(world_a.congress, key) == int(value)
    stored = rules.get(world_a.congress, key)
    for value in (0, 21, 256, 1_000_000, 10**20, "256"):
        with pytest.raises(ValidationError) as refused:
            actions.change_rule(world_a.congress, actor=world_a.admin, key=key, value=value)
        message = refused.value.message_dict["value"][0]
        assert rules.rule(key).label in message and "须为 1 至 20 的整数" in message, message
        assert rules.get(world_a.congress, key) == stored
    assert AuditEntry.objects.in_congress(world_a.congress).filter(action="change_rule").count() == 3


def test_other_number_rules_are_bounded_at_both_edges(world_a):
    c, admin = world_a.congress, world_a.admin
    for key, low, high in [("suggestion.answer_months", 1, 120), ("plenary.motion_min_deputies", 1, 3000),
                           ("liaison.committee_days", 0, 3660), ("legislation.normal_readings", 1, 10),
                           ("sc.size_max", 1, 3000)]:
        actions.change_rule(c, actor=admin, key=key, value=low)
        actions.change_rule(c, actor=admin, key=key, value=high)
        assert rules.get(c, key) == high
        for bad in (low - 1, high + 1):
            if bad < 0:
                continue
            with pytest.raises(ValidationError, match=f"须为 {low} 至 {high} 的整数"):
                actions.change_rule(c, actor=admin, key=key, value=bad)
        assert rules.get(c, key) == high
    actions.change_rule(c, actor=admin, key="suggestion.reminder_days", value="3660,7")
    with pytest.raises(ValidationError, match="须为 0 至 3660 的整数"):
        actions.change_rule(c, actor=admin, key="suggestion.reminder_days", value="3661,7")
    assert rules.get(c, "suggestion.reminder_days") == [3660, 7]


def test_the_api_refuses_an_out_of_bounds_rule_with_422(world_a):
    headers = bearer(world_a, world_a.admin)
    url = "/api/rules/voting.teller_slips"
    for value in (256, 1_000_000, 10**20, 0):
        refused = Client().put(url, {"value": value}, content_type="application/json", **headers)
        assert refused.status_code == 422, (value, refused.content)
        detail = refused.json()["detail"]
        assert detail[0]["field"] == "value" and "须为 1 至 20 的整数" in detail[0]["message"]
    assert not RuleSetting.objects.in_congress(world_a.congress).filter(key="voting.teller_slips").exists()
    taken = Client().put(url, {"value": 20}, content_type="application/json", **headers)
    assert taken.status_code == 200 and taken.json()["value"] == "20"


def test_the_rule_editor_shows_the_range_on_the_field(world_a):
    client = signed_in(world_a.admin)
    url = f"/c/{world_a.congress.code}/rules/voting.teller_slips/"
    refused = client.post(url, {"value": "256"})
    assert refused.status_code == 200 and "须为 1 至 20 的整数" in refused.content.decode()
    assert rules.get(world_a.congress, "voting.teller_slips") == 3
    assert client.post(url, {"value": "5"}).status_code == 302
    assert rules.get(world_a.congress, "voting.teller_slips") == 5


def test_a_value_stored_before_the_bounds_reads_as_the_default(world_a):
    RuleSetting.objects.create(congress=world_a.congress, key="voting.teller_slips", value=1_000_000)
    assert rules.get(world_a.congress, "voting.teller_slips") == 3
    page = signed_in(world_a.admin).get(f"/c/{world_a.congress.code}/rules/")
    assert page.status_code == 200
