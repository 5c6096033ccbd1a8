import pytest
from django.core.exceptions import ValidationError

from renda.core.errors import NotPermitted
from renda.people import actions
from renda.people.models import Mandate, Person
from renda.testing import make_world


def appoint(world, actor=None, **extra):
    data = {"term": world.term, "number": "A001", "elected_on": "2022-01-10",
            "person_data": {"name": "陈红", "sex": "女", "birth_date": "1975-03-02"}, "delegation": world.delegation}
    data.update(extra)
    return actions.appoint_deputy(world.congress, actor=actor or world.office, **data)


def test_it_records_a_mandate_with_its_history(world_a):
    mandate = appoint(world_a)
    assert mandate.person.name == "陈红" and mandate.status == Mandate.Status.SERVING
    assert [(e.what, e.after) for e in mandate.events.all()] == [("当选", "在任")]


def test_it_refuses_a_deputy_without_a_name_naming_the_field(world_a):
    with pytest.raises(ValidationError) as error:
        appoint(world_a, person_data={"name": "", "sex": "男"})
    assert error.value.message_dict["name"] == ["“姓名”必须填写"]
    assert not Mandate.objects.in_congress(world_a.congress).filter(number="A001").exists()


def test_it_refuses_a_number_already_used_in_the_term(world_a):
    appoint(world_a)
    with pytest.raises(ValidationError) as error:
        appoint(world_a, person_data={"name": "周强", "sex": "男"})
    assert "已被使用" in error.value.message_dict["number"][0]


def test_it_refuses_a_delegation_that_is_not_a_delegation(world_a):
    with pytest.raises(ValidationError) as error:
        appoint(world_a, delegation=world_a.station)
    assert "须为代表团" in error.value.message_dict["delegation"][0]


def test_it_refuses_another_congress_s_delegation_and_term(world_a, world_b):
    with pytest.raises(ValidationError) as error:
        appoint(world_a, delegation=world_b.delegation, term=world_b.term)
    assert set(error.value.message_dict) == {"delegation", "term"}


def test_it_is_denied_to_a_deputy_and_to_another_congress_s_office(world_a, world_b):
    with pytest.raises(NotPermitted):
        appoint(world_a, actor=world_a.deputy)
    with pytest.raises(NotPermitted):
        appoint(world_a, actor=world_b.office)


def test_one_person_serves_at_two_levels(db):
    city = make_world("c", "示例市人民代表大会")
    county = make_world("d", "示例县人民代表大会", level="county", parent=city.congress)
    at_city = appoint(city)
    at_county = appoint(county)
    assert at_city.person_id == at_county.person_id
    assert Person.objects.filter(name="陈红").count() == 1


def test_the_same_person_cannot_hold_two_mandates_in_one_term(world_a):
    appoint(world_a)
    with pytest.raises(ValidationError) as error:
        appoint(world_a, number="A002")
    assert "已是" in error.value.message_dict["name"][0]
