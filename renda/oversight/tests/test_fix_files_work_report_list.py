"""A unit officer lists their own body's work reports (page and API), not another body's; staff and
standing-committee members list every one; anyone else is refused. The unit's menu holds the list."""

from django.test import Client, RequestFactory

from renda.core import actions as core_actions
from renda.core.actions import issue_api_token
from renda.core.navigation import menu_for
from renda.core.roles import Role
from renda.oversight.tests.permission_calls_hearings import scheduled
from renda.people import actions as people
from renda.people.models import Organisation
from renda.testing import signed_in


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def _two_bodies(world):
    health = people.create_organisation(world.congress, actor=world.root, kind=Organisation.Kind.HANDLING_UNIT,
                                        name="卫生健康委员会", unit_type="department")
    ours = scheduled(world, title="关于全市义务教育工作情况的报告")
    theirs = scheduled(world, title="关于医疗卫生服务体系建设情况的报告", body=health)
    return ours, theirs


def test_the_unit_officer_lists_its_own_bodys_reports_only(world_a, world_b):
    ours, theirs = _two_bodies(world_a)
    scheduled(world_b, title="乙市的专项工作报告")
    url = f"/c/{world_a.congress.code}/oversight/work-reports/"
    page = signed_in(world_a.users[Role.UNIT_OFFICER]).get(url)
    html = page.content.decode()
    assert page.status_code == 200
    assert ours.title in html and theirs.title not in html and "乙市的专项工作报告" not in html
    for role in (Role.OFFICE_STAFF, Role.SC_MEMBER):
        html = signed_in(world_a.users[role]).get(url).content.decode()
        assert ours.title in html and theirs.title in html, role
    assert signed_in(world_a.deputy).get(url).status_code == 403
    assert signed_in(world_a.users[Role.PUBLIC]).get(url).status_code == 403
    assert Client().get(url).status_code == 302


def test_the_api_list_is_narrowed_the_same_way(world_a, world_b):
    ours, theirs = _two_bodies(world_a)
    scheduled(world_b, title="乙市的专项工作报告")
    api = Client()
    got = api.get("/api/oversight/work-reports", **bearer(world_a, world_a.users[Role.UNIT_OFFICER]))
    assert got.status_code == 200
    assert [r["id"] for r in got.json()] == [ours.pk]
    filtered = api.get("/api/oversight/work-reports?status=expected", **bearer(world_a, world_a.users[Role.UNIT_OFFICER]))
    assert [r["id"] for r in filtered.json()] == [ours.pk]
    every = api.get("/api/oversight/work-reports", **bearer(world_a, world_a.office)).json()
    assert {r["id"] for r in every} == {ours.pk, theirs.pk}
    assert api.get("/api/oversight/work-reports", **bearer(world_a, world_a.deputy)).status_code == 403


def test_an_officer_of_another_body_does_not_see_ours(world_a):
    ours, theirs = _two_bodies(world_a)
    officer = world_a.users[Role.UNIT_OFFICER].__class__.objects.create_user(username="health-officer", password="x")
    core_actions.grant_role(world_a.congress, actor=world_a.root, user=officer, role=Role.UNIT_OFFICER,
                            organisation=theirs.body)
    html = signed_in(officer).get(f"/c/{world_a.congress.code}/oversight/work-reports/").content.decode()
    assert theirs.title in html and ours.title not in html


def test_the_units_menu_holds_the_work_reports(world_a):
    url = f"/c/{world_a.congress.code}/oversight/work-reports/"
    rf = RequestFactory().get(f"/c/{world_a.congress.code}/")
    rf.user, rf.resolver_match = world_a.users[Role.UNIT_OFFICER], None
    assert any(item.get("url") == url for item in menu_for(rf, world_a.congress))
    rf.user = world_a.deputy
    assert not any(item.get("url") == url for item in menu_for(rf, world_a.congress))
