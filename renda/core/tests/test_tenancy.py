import pytest

from renda.conftest import tenant_violation
from renda.core.queries import congress_summary, congresses_of_user, subordinate_deputy_counts
from renda.core.tenancy import congress_scope, cross_congress_query, tenant_tables
from renda.people.models import Mandate
from renda.testing import make_world

TABLES = {"people_mandate", "core_auditentry"}


def test_it_flags_a_select_without_the_congress_column():
    sql = 'SELECT "people_mandate"."id" FROM "people_mandate" WHERE "people_mandate"."id" = %s'
    assert tenant_violation(sql, TABLES) == 'SELECT on "people_mandate" without a congress_id predicate'


def test_it_accepts_a_select_filtered_by_congress():
    sql = ('SELECT "people_mandate"."id" FROM "people_mandate" INNER JOIN "people_person" ON (1=1) '
           'WHERE ("people_mandate"."congress_id" = %s AND "people_mandate"."id" = %s)')
    assert tenant_violation(sql, TABLES) is None


def test_it_flags_an_insert_without_congress_and_an_unfiltered_delete():
    assert "INSERT" in tenant_violation('INSERT INTO "core_auditentry" ("action") VALUES (%s)', TABLES)
    assert "DELETE" in tenant_violation('DELETE FROM "people_mandate" WHERE "people_mandate"."id" IN (%s)', TABLES)


def test_it_ignores_tables_that_are_not_tenant_tables():
    assert tenant_violation('SELECT * FROM "auth_user" WHERE "auth_user"."id" = %s', TABLES) is None


def test_every_domain_table_is_a_tenant_table():
    assert {"people_mandate", "people_organisation", "people_membership", "people_mandateevent", "core_term",
            "core_auditentry", "core_rolegrant", "core_rulesetting", "core_apitoken"} <= tenant_tables()


@pytest.mark.unscoped_sql
def test_the_guard_fails_a_test_that_runs_an_unscoped_query(pytester_like_world):
    world, run_guarded = pytester_like_world
    problems = run_guarded(lambda: list(Mandate.objects.all()))
    assert problems and "without a congress_id predicate" in problems[0]
    assert run_guarded(lambda: list(Mandate.objects.in_congress(world.congress))) == []


@pytest.fixture
def pytester_like_world(db):
    """Runs a callable under the same guard the suite uses and returns what it flagged."""
    from django.db import connection

    world = make_world("g", "守卫测试人大")
    tables = tenant_tables()

    def run_guarded(fn):
        problems = []

        def guard(execute, sql, params, many, context):
            problem = tenant_violation(sql, tables)
            if problem:
                problems.append(problem)
            return execute(sql, params, many, context)

        with connection.execute_wrapper(guard):
            fn()
        return problems

    return world, run_guarded


def test_the_default_manager_scopes_to_the_congress_in_scope(world_a, world_b):
    with congress_scope(world_a.congress):
        names = {m.person.name for m in Mandate.objects.select_related("person")}
        assert Mandate.objects.count() == len(world_a.deputies)
        # Related access is scoped too: B's rows are invisible from A's scope.
        assert not Mandate.objects.filter(pk=world_b.deputies[0].pk).exists()
    assert names == {"李明", "王芳"}


def test_cross_congress_queries_must_be_listed():
    with pytest.raises(KeyError):
        with cross_congress_query("anything_goes"):
            pass


def test_a_higher_congress_reads_counts_of_its_subordinates_only(db):
    city = make_world("c", "示例市人民代表大会")
    county = make_world("d", "示例县人民代表大会", level="county", parent=city.congress)
    county.make_deputy("赵强")
    sibling = make_world("e", "邻市人民代表大会")
    assert subordinate_deputy_counts(city.congress) == [(county.congress, 3)]
    assert subordinate_deputy_counts(county.congress) == []
    assert all(c != sibling.congress for c, _ in subordinate_deputy_counts(city.congress))


def test_a_user_sees_only_the_congresses_where_they_hold_a_role(world_a, world_b):
    assert congresses_of_user(world_a.office) == [world_a.congress]
    summary = congress_summary(world_a.congress)
    assert summary["deputies_serving"] == 2
