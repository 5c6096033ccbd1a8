"""A deputy's public page and the public register show name, delegation and liaison station only;
staff keep the full record (birth date, ethnicity, party, workplace, certificate number, history)."""

import datetime

import pytest
from django.test import Client

from renda.people import actions

PARTICULARS = ["1975-03-08", "蒙古族", "中共党员", "巴彦淖尔市农牧局副局长", "T-PRIVATE-01", "13812345678"]


@pytest.fixture
def deputy(world_a):
    mandate = world_a.make_deputy("程雪琪", sex="女", birth_date=datetime.date(1975, 3, 8), phone="13812345678",
                                  number="T-PRIVATE-01", liaison_station=world_a.station)
    actions.update_person(world_a.congress, mandate.person, actor=world_a.root, ethnicity="蒙古族", party="中共党员",
                          workplace="巴彦淖尔市农牧局副局长")
    return mandate


def client_for(user=None):
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def pages(world, mandate):
    code = world.congress.code
    return [f"/c/{code}/deputies/{mandate.pk}/", f"/c/{code}/deputies/?q=程雪琪"]


def test_the_public_sees_name_delegation_and_station_only(world_a, deputy):
    for client in (client_for(), client_for(world_a.public), client_for(world_a.users["unit_officer"])):
        for url in pages(world_a, deputy):
            html = client.get(url).content.decode()
            assert "程雪琪" in html and world_a.delegation.name in html and world_a.station.name in html, url
            for private in PARTICULARS:
                assert private not in html, (url, private)
            assert "出生日期" not in html and "工作单位" not in html


def test_the_public_page_links_to_the_station_and_the_entry_page(world_a, deputy):
    html = client_for().get(f"/c/{world_a.congress.code}/deputies/{deputy.pk}/").content.decode()
    assert f"/c/{world_a.congress.code}/stations/{world_a.station.pk}/public/" in html
    assert f"/c/{world_a.congress.code}/liaison/" in html


def test_staff_keep_the_full_record(world_a, deputy):
    detail, register = pages(world_a, deputy)
    office = client_for(world_a.office)
    html = office.get(detail).content.decode()
    for private in PARTICULARS:
        assert private in html, private
    html = office.get(register).content.decode()
    for private in ("蒙古族", "巴彦淖尔市农牧局副局长", "T-PRIVATE-01", "13812345678"):  # the register's columns
        assert private in html, private


def test_another_congresss_staff_see_the_public_page_only(world_a, world_b, deputy):
    html = client_for(world_b.office).get(f"/c/{world_a.congress.code}/deputies/{deputy.pk}/").content.decode()
    assert "程雪琪" in html
    for private in PARTICULARS:
        assert private not in html
    assert client_for(world_b.office).get(f"/c/{world_b.congress.code}/deputies/{deputy.pk}/").status_code == 404
