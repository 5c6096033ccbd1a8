"""Kept aggregates (core.tallies): adjusted in the writing transaction, read back per period, equal to
a full recount, rebuilt from the source rows; and the data version every action moves."""

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction

from renda.core import actions as core_actions
from renda.core import rules, tallies
from renda.core.models import RoleGrant, RuleSetting, Tally
from renda.people import actions as people_actions
from renda.people.models import Organisation
from renda.testing import make_world
from renda.voting.tally import RUNNING_TALLY_RULE

# Organisations by kind: a small aggregate over rows every world has, to test the machinery itself.
BY_KIND = tallies.Kept(
    name="test.organisations",
    source=lambda congress: Organisation.objects.in_congress(congress),
    contributions=lambda o: [(2026, (o.kind,), len(o.name))],
)


@pytest.fixture
def world(db):
    return make_world("t")


def test_change_adds_moves_and_removes_a_rows_contribution(world):
    congress = world.congress
    tallies.change(BY_KIND, congress, after=[(2026, ("unit",), 3)])
    tallies.change(BY_KIND, congress, after=[(2026, ("unit",), 4)])
    tallies.change(BY_KIND, congress, before=[(2026, ("unit",), 4)], after=[(2026, ("station",), 5)])
    rows = {r.key: (r.count, r.total) for r in tallies.read(BY_KIND, congress, 2026)}
    assert rows == {("unit",): (1, 3), ("station",): (1, 5)}
    tallies.change(BY_KIND, congress, before=[(2026, ("unit",), 3)])
    assert [r.key for r in tallies.read(BY_KIND, congress, 2026)] == [("station",)]  # an empty row is not read
    assert tallies.read(BY_KIND, congress, 2025) == []


def test_many_rows_in_one_change_are_added_chunk_by_chunk_and_each_counts_once(world, django_assert_num_queries):
    """More rows than one statement takes (``UPSERT_CHUNK``): each row added once, new rows and existing ones."""
    congress, n = world.congress, 2 * tallies.UPSERT_CHUNK + 1
    pairs = [((), [(2026, (f"k{i:04d}",), i)]) for i in range(n)]
    with django_assert_num_queries(3):
        tallies.changes(BY_KIND, congress, pairs)
    tallies.changes(BY_KIND, congress, pairs[:2] + [([(2026, ("k0002",), 2)], [])])
    rows = {r.key[0]: (r.count, r.total) for r in tallies.read(BY_KIND, congress, 2026)}
    assert len(rows) == n - 1 and "k0002" not in rows
    assert rows["k0000"] == (2, 0) and rows["k0001"] == (2, 2) and rows[f"k{n - 1:04d}"] == (1, n - 1)


def test_a_rolled_back_savepoint_takes_its_adjustment_with_it(world):
    congress = world.congress
    tallies.change(BY_KIND, congress, after=[(2026, ("unit",), 1)])
    with pytest.raises(RuntimeError), transaction.atomic():
        tallies.change(BY_KIND, congress, after=[(2026, ("unit",), 1)])
        raise RuntimeError
    assert [(r.count, r.total) for r in tallies.read(BY_KIND, congress, 2026)] == [(1, 1)]


def test_rebuild_equals_recount_and_another_congress_is_untouched(world):
    other = make_world("u")
    tallies.change(BY_KIND, other.congress, after=[(2026, ("unit",), 9)])
    version = tallies.data_version(world.congress)
    assert tallies.rebuild(BY_KIND, world.congress) == len(tallies.recount(BY_KIND, world.congress))
    assert tallies.data_version(world.congress) == version + 1  # pages computed from the old figures go
    assert tallies.stored(BY_KIND, world.congress) == tallies.recount(BY_KIND, world.congress)
    kinds = Organisation.objects.in_congress(world.congress).values_list("kind", flat=True)
    assert sum(c for c, _ in tallies.stored(BY_KIND, world.congress).values()) == len(kinds)
    assert tallies.stored(BY_KIND, other.congress) == {(2026, '["unit"]'): (1, 9)}


def test_every_committed_action_moves_the_data_version_once_and_a_refused_one_does_not(world):
    congress, root = world.congress, world.root
    before = tallies.data_version(congress)
    people_actions.create_organisation(congress, actor=root, kind="delegation", name="新代表团")
    assert tallies.data_version(congress) == before + 1
    with pytest.raises(ValidationError):
        people_actions.create_organisation(congress, actor=root, kind="delegation", name="")
    assert tallies.data_version(congress) == before + 1
    assert Tally.objects.in_congress(congress).filter(name=tallies.WRITES, key="[]").count() == 1


def test_a_rule_change_moves_the_rules_version_and_the_data_version_once_and_other_actions_leave_the_rules(world):
    congress, root = world.congress, world.root
    version, rules_version = tallies.data_version(congress), tallies.data_version(congress, rules.VERSION_PART)
    people_actions.create_organisation(congress, actor=root, kind="delegation", name="新代表团")
    assert tallies.data_version(congress, rules.VERSION_PART) == rules_version  # a hall screen keeps its rules
    assert tallies.data_version(congress) == version + 1
    core_actions.change_rule(congress, actor=root, key=RUNNING_TALLY_RULE, value=True)
    assert (tallies.data_version(congress), tallies.data_version(congress, rules.VERSION_PART)) == (version + 2,
                                                                                                    rules_version + 1)
    core_actions.change_rule(congress, actor=root, key=RUNNING_TALLY_RULE, value=None)  # back to the default: a delete
    assert (tallies.data_version(congress), tallies.data_version(congress, rules.VERSION_PART)) == (version + 3,
                                                                                                    rules_version + 2)


def test_the_rules_are_read_once_per_rules_version_and_a_change_is_seen_at_once(world, django_assert_num_queries):
    congress, root = world.congress, world.root
    assert rules.get(congress, RUNNING_TALLY_RULE) is False
    people_actions.create_organisation(congress, actor=root, kind="delegation", name="新代表团")
    with django_assert_num_queries(1):  # the versions only: the settings are kept
        assert rules.get(congress, RUNNING_TALLY_RULE) is False
    core_actions.change_rule(congress, actor=root, key=RUNNING_TALLY_RULE, value=True)
    assert rules.get(congress, RUNNING_TALLY_RULE) is True
    RuleSetting.objects.in_congress(congress).filter(key=RUNNING_TALLY_RULE).get().save()  # any path that saves
    assert tallies.data_version(congress, rules.VERSION_PART) == 2
    core_actions.change_rule(congress, actor=root, key=RUNNING_TALLY_RULE, value=None)
    assert rules.get(congress, RUNNING_TALLY_RULE) is False


def test_a_request_reads_each_version_once_and_again_after_its_own_action(world):
    congress, root = world.congress, world.root
    with tallies.reading_versions():
        first = tallies.data_version(congress)
        Tally.objects.in_congress(congress).filter(name=tallies.WRITES).update(count=first + 5)  # not an action
        assert tallies.data_version(congress) == first  # read once per request
        people_actions.create_organisation(congress, actor=root, kind="delegation", name="又一代表团")
        assert tallies.data_version(congress) == first + 6  # the request's own write is seen
    assert tallies.data_version(congress) == first + 6


def test_roles_are_kept_per_data_version_and_a_grant_or_revocation_is_seen_at_once(world, django_assert_num_queries):
    from django.contrib.auth import get_user_model

    from renda.core.permissions import roles_of
    from renda.core.roles import Role

    congress, root = world.congress, world.root
    fresh = lambda: get_user_model().objects.get(pk=world.deputy.pk)  # noqa: E731 - a new request's user
    assert Role.OFFICE_STAFF not in roles_of(fresh(), congress)
    user = fresh()
    with django_assert_num_queries(1):  # the version only: the roles are kept
        roles_of(user, congress)
    grant = core_actions.grant_role(congress, actor=root, user=fresh(), role=Role.OFFICE_STAFF)
    assert Role.OFFICE_STAFF in roles_of(fresh(), congress)
    core_actions.revoke_role(congress, grant, actor=root)
    assert Role.OFFICE_STAFF not in roles_of(fresh(), congress)
    RoleGrant.objects.create(congress=congress, user=fresh(), role=Role.SC_MEMBER)  # any path that saves
    assert Role.SC_MEMBER in roles_of(fresh(), congress)
