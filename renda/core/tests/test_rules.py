from fractions import Fraction

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from renda.core import actions, rules
from renda.core.models import AuditEntry
from renda.testing import make_world


def test_sc_quorum_needs_more_than_half_of_all_members(world_a):
    # 组织法 art. 51: 43 members — 21 present is not a quorum, 22 is.
    assert not rules.sc_quorum_met(world_a.congress, 21, 43)
    assert rules.sc_quorum_met(world_a.congress, 22, 43)
    # An even number: exactly half is not "more than half".
    assert not rules.sc_quorum_met(world_a.congress, 21, 42)
    assert rules.sc_quorum_met(world_a.congress, 22, 42)


def test_plenary_quorum_needs_at_least_two_thirds(world_a):
    # 组织法 art. 14: two-thirds of 400 is 266.67 → 267 present needed; of 300 exactly 200 suffices.
    assert not rules.plenary_quorum_met(world_a.congress, 266, 400)
    assert rules.plenary_quorum_met(world_a.congress, 267, 400)
    assert not rules.plenary_quorum_met(world_a.congress, 199, 300)
    assert rules.plenary_quorum_met(world_a.congress, 200, 300)


def test_more_than_and_at_least_never_mix():
    assert rules.at_least(2, 4, Fraction(1, 2)) and not rules.more_than(2, 4, Fraction(1, 2))


def test_motion_cosigners_depend_on_the_level(db):
    county = make_world("k", "示例县人民代表大会", level="county")
    township = make_world("t", "示例镇人民代表大会", level="township")
    assert rules.motion_cosigners_needed(county.congress) == 10  # 组织法 art. 22
    assert rules.motion_cosigners_needed(township.congress) == 5
    assert rules.get(county.congress, "sc.motion_min_members") == 3  # art. 52, county
    assert rules.get(township.congress, "sc.size_min") is None


def test_every_rule_names_its_basis_and_parses_its_default(world_a):
    for r in rules.RULES:
        assert r.basis, r.key
        default = r.default_for(world_a.congress)
        if default is not None:
            rules.parse(r, default)


def test_a_congress_overrides_a_rule_and_the_change_is_audited(world_a, world_b):
    actions.change_rule(world_a.congress, actor=world_a.admin, key="suggestion.answer_months", value="4")
    assert rules.get(world_a.congress, "suggestion.answer_months") == 4
    assert rules.get(world_b.congress, "suggestion.answer_months") == 3
    entry = AuditEntry.objects.in_congress(world_a.congress).get(action="change_rule")
    assert entry.before == {"key": "suggestion.answer_months", "value": "3"}
    assert entry.after == {"key": "suggestion.answer_months", "value": "4"}
    actions.change_rule(world_a.congress, actor=world_a.admin, key="suggestion.answer_months", value=None)
    assert rules.get(world_a.congress, "suggestion.answer_months") == 3


def test_a_bad_value_names_the_rule_and_changes_nothing(world_a):
    with pytest.raises(ValidationError) as error:
        actions.change_rule(world_a.congress, actor=world_a.admin, key="sc.quorum", value="3/2")
    assert "常委会会议" in error.value.message_dict["value"][0]
    assert rules.get(world_a.congress, "sc.quorum") == Fraction(1, 2)
    assert not AuditEntry.objects.in_congress(world_a.congress).filter(action="change_rule").exists()


def test_the_settings_page_shows_rules_with_their_articles(world_a):
    client = Client()
    client.force_login(world_a.office)
    page = client.get(f"/c/{world_a.congress.code}/rules/").content.decode()
    assert "组织法第五十一条" in page and "代表法第五十一条" in page
    assert "修改</a>" not in page  # office staff may read, not change


def test_an_admin_changes_a_rule_on_the_settings_page(world_a):
    client = Client()
    client.force_login(world_a.admin)
    url = f"/c/{world_a.congress.code}/rules/plenary.quorum/"
    bad = client.post(url, {"value": "abc"})
    assert "须为 0 到 1 之间的分数" in bad.content.decode()
    assert client.post(url, {"value": "3/4"}).status_code == 302
    assert rules.get(world_a.congress, "plenary.quorum") == Fraction(3, 4)
