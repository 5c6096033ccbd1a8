import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from renda.people import actions
from renda.people.models import Membership, Organisation
from renda.people.queries import current_members


def test_a_handling_unit_needs_its_unit_type(world_a):
    with pytest.raises(ValidationError) as error:
        actions.create_organisation(world_a.congress, actor=world_a.office, kind="handling_unit", name="财政局")
    assert "单位类型" in error.value.message_dict["unit_type"][0]


def test_two_bodies_of_one_kind_cannot_share_a_name_within_a_congress(world_a, world_b):
    with pytest.raises(ValidationError):
        actions.create_organisation(world_a.congress, actor=world_a.office, kind="delegation", name="a东湖代表团")
    # …but another congress may use the same name.
    made = actions.create_organisation(world_b.congress, actor=world_b.office, kind="delegation", name="a东湖代表团")
    assert made.congress == world_b.congress


def test_a_membership_runs_from_start_to_end(world_a):
    person = world_a.deputies[0].person
    ms = actions.add_membership(world_a.congress, actor=world_a.office, organisation=world_a.committee,
                                person=person, post="主任", start="2022-02-01")
    assert [m.person for m in current_members(world_a.congress, world_a.committee)] == [person]
    actions.end_membership(world_a.congress, ms, actor=world_a.office, end="2023-12-31")
    assert not current_members(world_a.congress, world_a.committee).exists()
    with pytest.raises(ValidationError):
        actions.end_membership(world_a.congress, ms, actor=world_a.office, end="2024-01-31")


def test_a_membership_cannot_end_before_it_starts(world_a):
    with pytest.raises(ValidationError) as error:
        actions.add_membership(world_a.congress, actor=world_a.office, organisation=world_a.committee,
                               person=world_a.deputies[0].person, start="2022-02-01", end="2021-01-01")
    assert "不能早于" in error.value.message_dict["end"][0]
    assert not Membership.objects.in_congress(world_a.congress).exists()


def test_another_congress_s_person_cannot_be_added_by_reference(world_a, world_b):
    with pytest.raises(ValidationError) as error:
        actions.add_membership(world_a.congress, actor=world_a.office, organisation=world_a.committee,
                               person=world_b.deputies[0].person, start="2022-02-01")
    assert "没有任职或代表资格" in error.value.message_dict["person"][0]


def test_staff_add_a_member_on_the_organisation_page(world_a):
    client = Client()
    client.force_login(world_a.office)
    url = f"/c/{world_a.congress.code}/organisations/{world_a.committee.pk}/"
    response = client.post(url, {"people": world_a.deputies[0].number, "post": "委员", "start": "2022-03-01"})
    assert response.status_code == 302
    assert "李明" in client.get(url).content.decode()
    missing = client.post(url, {"people": "NOPE", "post": "委员", "start": "2022-03-01"})
    assert "找不到人员：NOPE" in missing.content.decode()


def test_an_organisation_of_another_congress_is_not_found(world_a, world_b):
    client = Client()
    client.force_login(world_a.office)
    assert client.get(f"/c/{world_a.congress.code}/organisations/{world_b.unit.pk}/").status_code == 404
    assert client.get(f"/c/{world_a.congress.code}/organisations/{world_a.unit.pk}/").status_code == 200


def test_organisations_through_the_api(world_a):
    from renda.core.tests.test_api import bearer

    client, headers = Client(), bearer(world_a, world_a.office)
    made = client.post("/api/organisations", {"kind": "liaison_station", "name": "河口代表联络站", "address": "河口镇"},
                       content_type="application/json", **headers)
    assert made.status_code == 201
    org_id = made.json()["id"]
    added = client.post(f"/api/organisations/{org_id}/memberships",
                        {"deputy_id": world_a.deputies[0].pk, "post": "站长", "start": "2023-01-01"},
                        content_type="application/json", **headers)
    assert added.status_code == 201 and added.json()["person_name"] == "李明"
    bad = client.post("/api/organisations", {"kind": "handling_unit", "name": "税务局"},
                      content_type="application/json", **headers)
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "unit_type"
    assert Organisation.objects.in_congress(world_a.congress).filter(name="税务局").count() == 0
