"""Deputy groups: set up by area or field, members of any level of the area, one area group per
deputy, leader, leaving, the plan, watching; the mandate's group kept in step; another congress's
group not found."""

import datetime

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from renda.core.errors import NotFound
from renda.deputy_groups import actions, queries
from renda.deputy_groups.models import GroupMember, GroupPlanItem, GroupProfile
from renda.deputy_groups.tests.fixtures import (
    area_group,
    chosen_project,
    county_under,
    field_group,
    place,
    rectification_item,
)
from renda.people.models import Mandate


def test_it_sets_up_a_group_by_area_and_places_deputies_of_three_levels(world_a):
    county = county_under(world_a)
    town = county_under(county, "twn")
    group = area_group(county, station=county.station)
    own = county.make_deputy("县代表")
    city = world_a.make_deputy("市代表")
    township = town.make_deputy("乡代表")
    made = place(county, group, own, city, township)
    assert len(made) == 3
    levels = {m.person.name: m.as_deputy_of_id for m in queries.members_of(county.congress, group)}
    assert levels == {"县代表": county.congress.pk, "市代表": world_a.congress.pk, "乡代表": town.congress.pk}
    # the county's own deputy's mandate points at the area group; the others' mandates are untouched
    assert Mandate.objects.in_congress(county.congress).get(pk=own.pk).deputy_group_id == group.pk
    assert Mandate.objects.in_congress(world_a.congress).get(pk=city.pk).deputy_group_id is None


def test_it_refuses_a_deputy_outside_the_area(world_a, world_b):
    group = area_group(world_a)
    stranger = world_b.make_deputy("乙市代表")
    with pytest.raises(ValidationError) as refused:
        place(world_a, group, world_a.make_deputy("甲"), stranger)
    assert "乙市代表不是本行政区域内各级人大的在任代表" in str(refused.value)
    assert not GroupMember.objects.in_congress(world_a.congress).filter(group=group).exists()  # nothing half-written


def test_one_area_group_per_deputy_but_field_groups_free(world_a):
    first, second = area_group(world_a), area_group(world_a, "东城代表小组", "东城街道")
    subject = field_group(world_a)
    deputy = world_a.make_deputy("张三")
    place(world_a, first, deputy)
    place(world_a, subject, deputy)  # a field group beside the area group: allowed
    with pytest.raises(ValidationError) as refused:
        place(world_a, second, deputy)
    assert "一名代表只能参加一个区域代表小组" in str(refused.value)
    with pytest.raises(ValidationError, match="已是城关代表小组成员"):
        place(world_a, first, deputy)
    # after leaving the first, the second takes them, and the mandate follows
    member = GroupMember.objects.in_congress(world_a.congress).get(group=first, person=deputy.person)
    actions.remove_member(world_a.congress, member, actor=world_a.office)
    assert Mandate.objects.in_congress(world_a.congress).get(pk=deputy.pk).deputy_group_id is None
    place(world_a, second, deputy)
    assert Mandate.objects.in_congress(world_a.congress).get(pk=deputy.pk).deputy_group_id == second.pk


def test_a_bulk_placement_is_all_or_nothing(world_a):
    groups = [area_group(world_a, f"第{n}小组", f"{n}片区") for n in range(3)]
    deputies = [world_a.make_deputy(f"代表{n}") for n in range(9)]
    placements = [(groups[n % 3], m) for n, m in enumerate(deputies)] + [(groups[1], deputies[0])]
    with pytest.raises(ValidationError, match="第10项代表0已在按区域划分的代表小组"):
        actions.add_group_members(world_a.congress, actor=world_a.office, placements=placements)
    assert not GroupMember.objects.in_congress(world_a.congress).exists()
    actions.add_group_members(world_a.congress, actor=world_a.office, placements=placements[:9])
    assert [r.members for r in queries.group_rows(world_a.congress) if r.group in groups] == [3, 3, 3]


def test_an_existing_group_is_adopted_with_its_deputies(world_a):
    group = actions.create_group(world_a.congress, actor=world_a.office, group=world_a.group, basis="area", scope="东湖")
    assert {m.person.name for m in queries.members_of(world_a.congress, group)} == {"李明", "王芳"}
    with pytest.raises(ValidationError, match="已建立小组信息"):
        actions.create_group(world_a.congress, actor=world_a.office, group=world_a.group, basis="area", scope="东湖")


def test_the_leader_is_one(world_a):
    group = area_group(world_a)
    a, b = world_a.make_deputy("甲"), world_a.make_deputy("乙")
    first, second = place(world_a, group, a, b)
    actions.set_group_leader(world_a.congress, first, actor=world_a.office)
    actions.set_group_leader(world_a.congress, second, actor=world_a.office)
    posts = dict(GroupMember.objects.in_congress(world_a.congress).values_list("person__name", "post"))
    assert posts == {"甲": "成员", "乙": "组长"}
    assert [r.leader for r in queries.group_rows(world_a.congress, q="城关代表")] == ["乙"]
    with pytest.raises(ValidationError, match="职务"):
        actions.set_group_leader(world_a.congress, first, actor=world_a.office, post="主任")


def test_the_plan_items_must_fall_in_the_year(world_a):
    group = area_group(world_a)
    year = datetime.date.today().year
    with pytest.raises(ValidationError) as refused:
        actions.adopt_plan(world_a.congress, group, actor=world_a.office, year=year, items=[
            {"on": f"{year}-03-05", "kind": "视察", "topic": "学校食堂"},
            {"on": f"{year + 1}-01-05", "kind": "调研", "topic": "x" * 201}])
    message = str(refused.value)
    assert f"第2项的计划日期 {year + 1}-01-05 不在{year}年内" in message and "第2项的主题" in message
    assert not GroupPlanItem.objects.in_congress(world_a.congress).exists()
    plan = actions.adopt_plan(world_a.congress, group, actor=world_a.office, year=year, items=[
        {"on": f"{year}-03-05", "kind": "视察", "topic": "学校食堂", "place": "城关一小"},
        {"on": f"{year}-06-05", "kind": "进站接待", "topic": "x" * 200}])
    actions.adopt_plan(world_a.congress, group, actor=world_a.office, year=year,
                       items=[{"on": f"{year}-09-01", "kind": "学习", "topic": "代表法"}])
    assert [i.topic[:4] for i in GroupPlanItem.objects.in_congress(world_a.congress).filter(plan=plan)] == ["学校食堂", "xxxx", "代表法"]


def test_watching_a_project_and_an_item(world_a):
    group = area_group(world_a)
    project, item = chosen_project(world_a), rectification_item(world_a)
    actions.watch(world_a.congress, group, actor=world_a.office, project=project)
    actions.watch(world_a.congress, group, actor=world_a.office, rectification_item=item)
    with pytest.raises(ValidationError, match="已在跟踪"):
        actions.watch(world_a.congress, group, actor=world_a.office, project=project)
    assert [w.proposal_id for w in queries.watched_projects(world_a.congress, group)] == [project.pk]
    actions.unwatch(world_a.congress, group, actor=world_a.office, project=project)
    actions.unwatch(world_a.congress, group, actor=world_a.office, rectification_item=item)
    # the project's last watching group cannot stop
    with pytest.raises(ValidationError, match="至少要有一个代表小组监督"):
        actions.unwatch(world_a.congress, world_a.group, actor=world_a.office, project=project)


def test_it_checks_permission_and_congress(world_a, world_b):
    with pytest.raises(PermissionDenied):
        area_group(world_a) and actions.create_group(world_a.congress, actor=world_a.deputy, name="x", basis="area", scope="y")
    with pytest.raises(NotFound):
        actions.create_group(world_a.congress, actor=world_a.office, group=world_b.group, basis="area", scope="东湖")
    with pytest.raises(ValidationError, match="已有名为"):
        area_group(world_a)
    assert GroupProfile.objects.in_congress(world_a.congress).count() == 1
