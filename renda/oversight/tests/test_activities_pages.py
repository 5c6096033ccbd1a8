"""The activity pages as each role: list, new, detail with team and itinerary, the team and plan forms
(input kept; adding an itinerary row keeps the typed rows), begin, print."""

import pytest
from django.test import Client

from renda.core.roles import Role
from renda.oversight.actions import activities as act
from renda.oversight.models import Activity, Stop, TeamMember
from renda.oversight.tests.plan_fixtures import (
    committee,
    make_activity,
    make_item,
    make_plan,
    ready_activity,
    this_year,
)
from renda.testing import signed_in


def url(world, rest=""):
    return f"/c/{world.congress.code}/oversight/activities/{rest}"


@pytest.mark.parametrize(("role", "status"), [(Role.OFFICE_STAFF, 200), (Role.COMMITTEE_STAFF, 200),
                                               (Role.SC_MEMBER, 200), (Role.DEPUTY, 403), (Role.PUBLIC, 403),
                                               (Role.UNIT_OFFICER, 403)])
def test_the_list_is_for_staff_and_members(world_a, role, status):
    make_activity(world_a)
    assert signed_in(world_a.users[role]).get(url(world_a)).status_code == status


def test_a_team_deputy_sees_their_activity_and_its_page(world_a):
    activity = ready_activity(world_a)
    other = make_activity(world_a, title="另一项调研")
    client = signed_in(world_a.deputy)
    page = client.get(url(world_a)).content.decode()
    assert activity.title in page and "另一项调研" not in page and "我参加的" in page
    assert client.get(url(world_a, f"{activity.pk}/")).status_code == 200
    assert client.get(url(world_a, f"{other.pk}/")).status_code == 404
    assert client.get(url(world_a, f"{activity.pk}/team/")).status_code == 403


def test_filters_come_from_the_address(world_a):
    make_activity(world_a, title="调研甲")
    make_activity(world_a, kind="law_inspection", title="检查乙")
    page = signed_in(world_a.office).get(url(world_a, "?kind=law_inspection")).content.decode()
    assert "检查乙" in page and "调研甲" not in page
    assert signed_in(world_a.office).get(url(world_a, "?year=abc&kind=x")).status_code == 200


def test_another_congresss_activity_is_not_found(world_a, world_b):
    activity = make_activity(world_b)
    assert signed_in(world_a.office).get(url(world_a, f"{activity.pk}/")).status_code == 404
    assert signed_in(world_a.office).post(url(world_a, f"{activity.pk}/do/begin/")).status_code == 404


def test_a_new_activity_from_a_plan_item(world_a):
    plan = make_plan(world_a)
    item = make_item(world_a, plan, kind="law_inspection", title="《义务教育法》执法检查")
    client = signed_in(world_a.users[Role.COMMITTEE_STAFF])
    form = client.get(url(world_a, f"new/?item={item.pk}")).content.decode()
    assert "《义务教育法》执法检查" in form
    data = {"kind": "law_inspection", "title": "《义务教育法》执法检查", "year": this_year(), "plan_item": item.pk,
            "laws": ""}
    refused = client.post(url(world_a, "new/"), data)
    assert refused.status_code == 422 and "至少一部" in refused.content.decode()
    data["laws"] = "中华人民共和国义务教育法\n某某自治区实施《义务教育法》办法"
    response = client.post(url(world_a, "new/"), data)
    activity = Activity.objects.in_congress(world_a.congress).get()
    assert response.status_code == 302 and activity.laws == ["中华人民共和国义务教育法", "某某自治区实施《义务教育法》办法"]
    assert activity.lead_committee_id == committee(world_a).pk


def test_deputies_may_not_open_the_new_form(world_a):
    assert signed_in(world_a.deputy).get(url(world_a, "new/")).status_code == 403


def test_the_team_form_refuses_a_team_without_a_leader_and_keeps_input(world_a):
    activity = make_activity(world_a)
    client = signed_in(world_a.office)
    assert client.get(url(world_a, f"{activity.pk}/team/")).status_code == 200
    refused = client.post(url(world_a, f"{activity.pk}/do/team/"), {"members": f"@{world_a.deputies[0].person.pk}"})
    page = refused.content.decode()
    assert refused.status_code == 422 and "调研（检查）组须有组长" in page and "李明" in page
    assert not TeamMember.objects.in_congress(world_a.congress).exists()
    ok = client.post(url(world_a, f"{activity.pk}/do/team/"), {"leader": f"@{world_a.deputies[1].person.pk}",
                                                              "deputies": f"@{world_a.deputies[0].person.pk}",
                                                              "committees": [world_a.committee.pk]})
    assert ok.status_code == 302
    page = client.get(url(world_a, f"{activity.pk}/")).content.decode()
    assert "组长" in page and "王芳" in page and "受邀代表" in page and "代表工作委员会" in page
    assert "目前不是常委会主任或副主任" in page  # advice, not a refusal


def _plan_data(year, **rows):
    data = {"goals": "了解义务教育均衡发展情况", "questions": "", "starts_on": f"{year}-05-01",
            "ends_on": f"{year}-05-31", "rows": 3}
    return data | rows


def test_the_plan_form_adds_a_row_keeping_what_was_typed(world_a):
    activity = make_activity(world_a)
    year = activity.year
    client = signed_in(world_a.office)
    data = _plan_data(year, stop_0_day=f"{year}-05-02", stop_0_county="东湖区", stop_0_site="第一中学",
                      stop_2_county="西山县", more="1")
    page = client.post(url(world_a, f"{activity.pk}/do/plan/"), data).content.decode()
    assert 'name="stop_3_site"' in page and "第一中学" in page and "西山县" in page and "了解义务教育均衡发展情况" in page
    assert 'name="rows" value="4"' in page
    assert "必须填写" not in page
    assert not Stop.objects.in_congress(world_a.congress).exists()


def test_the_plan_form_puts_a_stop_error_beside_its_row(world_a):
    activity = make_activity(world_a)
    year = activity.year
    client = signed_in(world_a.office)
    data = _plan_data(year, stop_0_day=f"{year}-05-02", stop_0_county="东湖区", stop_0_site="第一中学",
                      stop_2_day=f"{year}-05-03", stop_2_site="西山小学")
    refused = client.post(url(world_a, f"{activity.pk}/do/plan/"), data)
    page = refused.content.decode()
    assert refused.status_code == 422 and "第2站：“县（市、区）”必须填写" in page and "第一中学" in page
    data["stop_2_county"] = "西山县"
    assert client.post(url(world_a, f"{activity.pk}/do/plan/"), data).status_code == 302
    page = client.get(url(world_a, f"{activity.pk}/")).content.decode()
    assert "共 2 处，分布在 2 个县（市、区）：东湖区 1 处、西山县 1 处" in page
    form = client.get(url(world_a, f"{activity.pk}/plan/")).content.decode()
    assert "西山小学" in form


def test_begin_from_the_page_says_what_is_missing(world_a):
    activity = make_activity(world_a)
    client = signed_in(world_a.office)
    page = client.get(url(world_a, f"{activity.pk}/")).content.decode()
    assert "data-confirm" in page
    response = client.post(url(world_a, f"{activity.pk}/do/begin/"), follow=True)
    assert "须有组长" in response.content.decode()
    ready = ready_activity(world_a)
    assert client.post(url(world_a, f"{ready.pk}/do/begin/")).status_code == 302
    ready.refresh_from_db()
    assert ready.status == Activity.Status.UNDER_WAY


def test_the_plan_document_prints(world_a):
    activity = ready_activity(world_a)
    page = signed_in(world_a.users[Role.SC_MEMBER]).get(url(world_a, f"{activity.pk}/print/")).content.decode()
    assert "调研方案" in page and "data-print" in page and "第一中学" in page


def test_the_public_may_not_see_an_activity(world_a):
    activity = ready_activity(world_a)
    assert Client().get(url(world_a, f"{activity.pk}/")).status_code == 404
    assert signed_in(world_a.public).get(url(world_a, f"{activity.pk}/")).status_code == 404
    act.begin_fieldwork(world_a.congress, activity, actor=world_a.root)
    assert signed_in(world_a.users[Role.UNIT_OFFICER]).get(url(world_a, f"{activity.pk}/print/")).status_code == 404


def test_a_vice_chair_as_leader_draws_no_advice(world_a):
    import datetime

    from renda.people import actions as people
    from renda.people.models import Organisation

    sc = people.create_organisation(world_a.congress, actor=world_a.root, kind=Organisation.Kind.STANDING_COMMITTEE,
                                    name="常务委员会")
    people.add_membership(world_a.congress, actor=world_a.root, organisation=sc, person=world_a.deputies[1].person,
                          post="副主任", start=datetime.date(2022, 1, 10))
    activity = ready_activity(world_a)
    page = signed_in(world_a.office).get(url(world_a, f"{activity.pk}/")).content.decode()
    assert "王芳" in page and "目前不是常委会主任或副主任" not in page
