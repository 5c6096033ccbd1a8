"""The portfolios demo on the demo city: each 副主任 in charge of committees, each committee facing
two to four departments, routing answering for today and for the moved department's past."""

import datetime

import pytest


@pytest.mark.django_db
@pytest.mark.unscoped_sql  # the demo city is built inside the test, as the other demo tests do
def test_the_demo_map_routes():
    from django.utils import timezone

    from renda import demo
    from renda.portfolios import demo_data, queries

    admin = demo._user("admin", demo.STAFF["admin"][0], superuser=True)
    city = demo._city(admin, demo.Names(), timezone.localdate())
    demo_data.build(city)
    c = city.congress
    for index in range(1, 6):
        assert queries.committees_of(c, city.mandates[index].person), index
    for committee in city.committees.values():
        assert 2 <= len(queries.units_of(c, [committee])) <= 4, committee.name
    education = city.units["教育局"]
    assert queries.committee_for_unit(c, education).name == "科教文卫工作委员会"
    assert queries.leader_for_unit(c, education) == city.mandates[5].person
    medical = city.units["医疗保障局"]
    assert queries.committee_for_unit(c, medical, datetime.date(2025, 3, 31)).name == "社会建设工作委员会"
    assert queries.committee_for_unit(c, medical, datetime.date(2025, 4, 1)).name == "科教文卫工作委员会"
