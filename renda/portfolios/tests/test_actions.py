"""Portfolios and the liaison map: who may be in charge, periods, one leader per committee and one
committee per unit at a time, routing at the period's edges, and what a leader's work collects."""

import datetime

import pytest
from django.utils import timezone

from renda.core.errors import NotFound, ValidationError
from renda.portfolios import actions, queries
from renda.portfolios.models import Liaison, Portfolio
from renda.portfolios.tests.fixtures import committee, unit, vice_chair
from renda.rectification.models import RectificationItem

DAY = datetime.timedelta(days=1)


def test_routing_follows_the_map_and_its_periods(world_a):
    c, office = world_a.congress, world_a.office
    today = timezone.localdate()
    leader, fin, dept = vice_chair(world_a), committee(world_a), unit(world_a)
    actions.assign_portfolio(c, actor=office, leader=leader, committee=fin, start="2023-01-01")
    link = actions.link_unit(c, actor=office, committee=fin, unit=dept, start="2023-01-01")
    assert queries.committee_for_unit(c, dept) == fin
    assert queries.leader_for_committee(c, fin) == leader
    assert queries.leader_for_unit(c, dept) == leader
    actions.end_liaison(c, link, actor=office, end=today)
    assert queries.committee_for_unit(c, dept, today) == fin, "the end day still counts"
    actions.end_liaison(c, Liaison.objects.in_congress(c).get(pk=link.pk), actor=office, end=today - DAY)
    assert queries.committee_for_unit(c, dept, today) is None, "a map ending yesterday does not route today"
    assert queries.committee_for_unit(c, dept, today - DAY) == fin
    assert queries.committee_for_unit(c, dept, datetime.date(2022, 12, 31)) is None, "not before its start"
    later = actions.link_unit(c, actor=office, committee=fin, unit=dept, start=today + DAY)
    assert queries.committee_for_unit(c, dept, today) is None and queries.committee_for_unit(c, dept, later.start) == fin


def test_only_a_standing_committee_leader_may_be_in_charge(world_a):
    c, office = world_a.congress, world_a.office
    member = vice_chair(world_a, "吴委员", post="委员")
    late = vice_chair(world_a, "郑副主任", start=datetime.date(2025, 6, 1))
    fin = committee(world_a)
    before = Portfolio.objects.in_congress(c).count()
    with pytest.raises(ValidationError) as error:
        actions.assign_portfolio(c, actor=office, leader=member, committee=fin, start="2024-01-01")
    assert "主任、副主任或秘书长" in error.value.message_dict["leader"][0]
    with pytest.raises(ValidationError):
        actions.assign_portfolio(c, actor=office, leader=late, committee=fin, start="2024-01-01")
    with pytest.raises(ValidationError) as error:
        actions.assign_portfolio(c, actor=office, leader=late, committee=world_a.unit, start="2026-01-01",
                                 end="2025-01-01")
    said = error.value.message_dict
    assert "须为工作委员会" in said["committee"][0] and "不能早于起始日期" in said["end"][0]
    assert Portfolio.objects.in_congress(c).count() == before


def test_one_leader_per_committee_and_one_committee_per_unit_at_a_time(world_a):
    c, office = world_a.congress, world_a.office
    a, b = vice_chair(world_a, "甲副主任"), vice_chair(world_a, "乙副主任")
    fin, law, dept = committee(world_a), committee(world_a, "法制工作委员会"), unit(world_a)
    first = actions.assign_portfolio(c, actor=office, leader=a, committee=fin, start="2023-01-01")
    with pytest.raises(ValidationError) as error:
        actions.assign_portfolio(c, actor=office, leader=b, committee=fin, start="2024-01-01")
    assert "已由甲副主任分管" in error.value.message_dict["start"][0]
    actions.end_portfolio(c, first, actor=office, end="2023-12-31")
    actions.assign_portfolio(c, actor=office, leader=b, committee=fin, start="2024-01-01")
    assert queries.leader_for_committee(c, fin, datetime.date(2023, 12, 31)) == a
    assert queries.leader_for_committee(c, fin, datetime.date(2024, 1, 1)) == b
    actions.link_unit(c, actor=office, committee=fin, unit=dept, start="2023-01-01")
    with pytest.raises(ValidationError) as error:
        actions.link_unit(c, actor=office, committee=law, unit=dept, start="2024-01-01")
    assert "已由财政经济工作委员会对口联系" in error.value.message_dict["unit"][0]
    assert Liaison.objects.in_congress(c).count() == 1


def test_another_congresss_rows_are_not_found(world_a, world_b):
    fin, dept = committee(world_a), unit(world_a)
    link = actions.link_unit(world_a.congress, actor=world_a.office, committee=fin, unit=dept, start="2023-01-01")
    with pytest.raises(NotFound):
        actions.end_liaison(world_b.congress, link, actor=world_b.office, end="2024-01-01")
    with pytest.raises(ValidationError) as error:
        actions.link_unit(world_b.congress, actor=world_b.office, committee=fin, unit=dept, start="2023-01-01")
    assert set(error.value.message_dict) == {"committee", "unit"}


def test_work_of_leader_collects_what_routes_to_them(world_a):
    from renda.rectification.tests.fixtures import make_item

    c, office = world_a.congress, world_a.office
    leader, fin, dept = vice_chair(world_a), committee(world_a), unit(world_a)
    actions.assign_portfolio(c, actor=office, leader=leader, committee=fin, start="2023-01-01")
    actions.link_unit(c, actor=office, committee=fin, unit=dept, start="2023-01-01")
    mine = make_item(world_a, unit=dept)
    make_item(world_a)  # the world's own unit, faced by no committee
    work = queries.work_of_leader(c, leader)
    assert work.committees == [fin] and work.units == [dept]
    assert list(work.groups["rectification"]) == [mine]
    assert work.counts()["suggestions"] == 0
    other = vice_chair(world_a, "钱副主任")
    assert queries.work_of_leader(c, other).counts()["rectification"] == 0
    assert RectificationItem.objects.in_congress(c).count() == 2
