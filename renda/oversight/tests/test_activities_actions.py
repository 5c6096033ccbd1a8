"""Surveys, inspections and visits before the field: start, team, plan document and itinerary, begin."""

import datetime

import pytest

from renda.core.errors import IllegalTransition, NotFound, NotPermitted, ValidationError
from renda.core.models import AuditEntry, Congress
from renda.oversight import queries
from renda.oversight.actions import activities as act
from renda.oversight.models import Activity, ActivityCommittee, Stop, TeamMember
from renda.oversight.tests.plan_fixtures import committee, make_activity, ready_activity, this_year
from renda.testing import make_world


def test_it_starts_an_activity_with_an_audit_record(world_a):
    activity = make_activity(world_a)
    assert activity.status == Activity.Status.PREPARING
    assert AuditEntry.objects.in_congress(world_a.congress).filter(action="start_activity",
                                                                   object_id=str(activity.pk)).exists()


def test_deputies_may_not_start_one(world_a):
    for user in (world_a.deputy, world_a.users["sc_member"], world_a.public, world_a.users["unit_officer"]):
        with pytest.raises(NotPermitted):
            act.start_activity(world_a.congress, actor=user, kind="survey", title="调研", year=this_year(),
                               lead_committee=world_a.committee)


def test_another_congresss_staff_may_not_start_one(world_a, world_b):
    with pytest.raises(NotPermitted):
        act.start_activity(world_a.congress, actor=world_b.office, kind="survey", title="调研", year=this_year(),
                           lead_committee=world_a.committee)


def test_a_law_inspection_names_at_least_one_law(world_a):
    with pytest.raises(ValidationError) as refused:
        make_activity(world_a, kind="law_inspection", laws=[])
    assert "至少一部" in refused.value.message_dict["laws"][0]
    with pytest.raises(ValidationError):
        make_activity(world_a, kind="law_inspection", laws=["  "])
    made = make_activity(world_a, kind="law_inspection", laws=["中华人民共和国义务教育法", "某某自治区义务教育条例"])
    assert made.laws == ["中华人民共和国义务教育法", "某某自治区义务教育条例"]


def test_it_needs_a_lead_committee_or_an_organiser(world_a):
    with pytest.raises(ValidationError) as refused:
        act.start_activity(world_a.congress, actor=world_a.root, kind="visit", title="视察", year=this_year())
    assert "至少填写一项" in refused.value.message_dict["lead_committee"][0]
    made = act.start_activity(world_a.congress, actor=world_a.root, kind="visit", title="视察", year=this_year(),
                              organiser=world_a.group)
    assert made.organiser == world_a.group


def test_the_partner_is_the_parent_or_a_child(db):
    city = make_world("city", "示例市人民代表大会")
    county = make_world("cty", "示例县人民代表大会", level=Congress.Level.COUNTY, parent=city.congress)
    other = make_world("oth", "另一市人民代表大会")
    made = make_activity(city, partner=county.congress)
    assert made.partner == county.congress
    assert make_activity(county, partner=city.congress).partner == city.congress
    for partner in (other.congress, city.congress):
        with pytest.raises(ValidationError) as refused:
            make_activity(city, partner=partner)
        assert "联动的人大" in refused.value.message_dict["partner"][0]


def test_a_joint_activity_is_listed_in_the_partners_plan_not_in_an_unrelated_one(db):
    city = make_world("city", "示例市人民代表大会")
    county = make_world("cty", "示例县人民代表大会", level=Congress.Level.COUNTY, parent=city.congress)
    other = make_world("oth", "另一市人民代表大会")
    made = make_activity(city, partner=county.congress)
    assert queries.joint_activities(county.congress, this_year()) == [made]
    assert queries.joint_activities(other.congress, this_year()) == []
    assert queries.joint_activities(county.congress, this_year() - 1) == []


def test_a_team_without_a_leader_is_refused_and_nothing_is_written(world_a):
    activity = ready_activity(world_a)
    before = list(TeamMember.objects.in_congress(world_a.congress).filter(activity=activity).values_list("person_id", "role"))
    with pytest.raises(ValidationError) as refused:
        act.set_team(world_a.congress, activity, actor=world_a.root, leader=None,
                     members=[(world_a.deputies[0].person, "member", "")], committees=[world_a.committee])
    assert refused.value.message_dict["leader"] == ["调研（检查）组须有组长"]
    after = list(TeamMember.objects.in_congress(world_a.congress).filter(activity=activity).values_list("person_id", "role"))
    assert after == before
    assert not ActivityCommittee.objects.in_congress(world_a.congress).filter(activity=activity).exists()


def test_one_person_is_on_the_team_once(world_a):
    activity = make_activity(world_a)
    leader = world_a.deputies[1].person
    with pytest.raises(ValidationError) as refused:
        act.set_team(world_a.congress, activity, actor=world_a.root, leader=leader, members=[(leader, "member", "")])
    assert refused.value.message_dict["members"] == ["“王芳”在组内只能出现一次"]


def test_a_member_of_another_congress_is_refused(world_a, world_b):
    activity = make_activity(world_a)
    with pytest.raises(ValidationError) as refused:
        act.set_team(world_a.congress, activity, actor=world_a.root, leader=world_b.deputies[0].person)
    assert "须为本级的人员" in refused.value.message_dict["leader"][0]


def test_the_team_is_replaced_as_a_whole(world_a):
    activity = make_activity(world_a)
    act.set_team(world_a.congress, activity, actor=world_a.root, leader=world_a.deputies[1].person,
                 members=[(world_a.deputies[0].person, "deputy", "市人大代表")], committees=[world_a.committee])
    act.set_team(world_a.congress, activity, actor=world_a.root, leader=world_a.deputies[0].person)
    team = list(TeamMember.objects.in_congress(world_a.congress).filter(activity=activity).values_list("person__name", "role"))
    assert team == [("李明", "leader")]
    assert not ActivityCommittee.objects.in_congress(world_a.congress).filter(activity=activity).exists()


def test_the_lead_committee_is_not_repeated_among_the_others(world_a):
    activity = make_activity(world_a)
    with pytest.raises(ValidationError) as refused:
        act.set_team(world_a.congress, activity, actor=world_a.root, leader=world_a.deputies[1].person,
                     committees=[committee(world_a)])
    assert "不必包括牵头委员会" in refused.value.message_dict["committees"][0]


def test_a_team_deputy_sees_the_activity(world_a):
    activity = ready_activity(world_a)
    assert queries.may_see_activity(world_a.deputy, world_a.congress, activity)
    assert list(queries.team_activities(world_a.deputy, world_a.congress)) == [activity]
    assert not queries.may_see_activity(world_a.users["unit_officer"], world_a.congress, activity)


def _plan(world, activity, stops, starts=(5, 1), ends=(5, 31)):
    year = activity.year
    return act.write_activity_plan(world.congress, activity, actor=world.root, goals="了解情况",
                                   starts_on=datetime.date(year, *starts), ends_on=datetime.date(year, *ends),
                                   stops=stops)


def test_itinerary_dates_lie_in_the_year_12_31_accepted(world_a):
    activity = make_activity(world_a)
    year = activity.year
    _plan(world_a, activity, [{"day": f"{year}-12-31", "county": "东湖区", "site": "一中"}], starts=(12, 1), ends=(12, 31))
    assert Stop.objects.in_congress(world_a.congress).get(activity=activity).day == datetime.date(year, 12, 31)


def test_itinerary_date_of_next_year_is_refused_and_nothing_is_written(world_a):
    activity = make_activity(world_a)
    year = activity.year
    stops = [{"day": f"{year}-12-30", "county": "东湖区", "site": "一中"},
             {"day": f"{year}-12-31", "county": "西山县", "site": "二中"},
             {"day": f"{year + 1}-01-01", "county": "西山县", "site": "三中"}]
    with pytest.raises(ValidationError) as refused:
        _plan(world_a, activity, stops, starts=(12, 1), ends=(12, 31))
    assert refused.value.message_dict["stops"] == [f"第3站：日期 {year + 1}-01-01 不在 {year} 年度内"]
    assert not Stop.objects.in_congress(world_a.congress).filter(activity=activity).exists()
    activity.refresh_from_db()
    assert activity.goals == ""


def test_itinerary_dates_lie_between_the_plans_dates(world_a):
    activity = make_activity(world_a)
    year = activity.year
    with pytest.raises(ValidationError) as refused:
        _plan(world_a, activity, [{"day": f"{year}-06-01", "county": "东湖区", "site": "一中"}])
    assert refused.value.message_dict["stops"] == [f"第1站：日期 {year}-06-01 不在 {year}-05-01 至 {year}-05-31 之间"]


def test_county_and_site_are_required(world_a):
    activity = make_activity(world_a)
    year = activity.year
    with pytest.raises(ValidationError) as refused:
        _plan(world_a, activity, [{"day": f"{year}-05-02", "county": "", "site": " "}])
    assert refused.value.message_dict["stops"] == ["第1站：“县（市、区）”必须填写", "第1站：“地点”必须填写"]


def test_the_plans_dates_lie_in_the_year(world_a):
    activity = make_activity(world_a)
    with pytest.raises(ValidationError) as refused:
        act.write_activity_plan(world_a.congress, activity, actor=world_a.root, goals="了解",
                                starts_on=f"{activity.year}-12-20", ends_on=f"{activity.year + 1}-01-05")
    assert refused.value.message_dict["ends_on"] == [f"“结束日期” {activity.year + 1}-01-05 不在 {activity.year} 年度内"]


def test_begin_needs_a_leader_and_an_itinerary(world_a):
    activity = make_activity(world_a)
    with pytest.raises(ValidationError) as refused:
        act.begin_fieldwork(world_a.congress, activity, actor=world_a.root)
    assert len(refused.value.message_dict["status"]) == 2
    visit = act.start_activity(world_a.congress, actor=world_a.root, kind="visit", title="视察", year=this_year(),
                               organiser=world_a.group)
    act.set_team(world_a.congress, visit, actor=world_a.root, leader=world_a.deputies[0].person)
    assert act.begin_fieldwork(world_a.congress, visit, actor=world_a.root).status == Activity.Status.UNDER_WAY
    ready = ready_activity(world_a)
    act.begin_fieldwork(world_a.congress, ready, actor=world_a.users["committee_staff"])
    assert ready.status == Activity.Status.UNDER_WAY
    with pytest.raises(IllegalTransition):
        act.begin_fieldwork(world_a.congress, ready, actor=world_a.root)
    with pytest.raises(ValidationError):  # the plan document is fixed once in the field
        _plan(world_a, ready, [])


def test_another_congresss_activity_is_not_found(world_a, world_b):
    activity = make_activity(world_b)
    with pytest.raises(NotFound):
        act.begin_fieldwork(world_a.congress, activity, actor=world_a.root)
    with pytest.raises(NotFound):
        act.set_team(world_a.congress, activity, actor=world_a.root, leader=world_a.deputies[0].person)


def test_a_plan_item_of_another_congress_is_refused_by_field(world_a, world_b):
    from renda.oversight.tests.plan_fixtures import make_item, make_plan

    item = make_item(world_b, make_plan(world_b))
    with pytest.raises(ValidationError) as refused:
        make_activity(world_a, plan_item=item)
    assert refused.value.message_dict["plan_item"] == ["“监督计划项目”在本级找不到"]


def test_a_team_role_must_be_one_of_the_roles_besides_leader(world_a):
    activity = make_activity(world_a)
    with pytest.raises(ValidationError) as refused:
        act.set_team(world_a.congress, activity, actor=world_a.root, leader=world_a.deputies[1].person,
                     members=[(world_a.deputies[0].person, "leader", "")])
    assert "组长另行指定" in refused.value.message_dict["members"][0]


def test_the_team_is_set_while_under_way_but_not_after(world_a):
    activity = ready_activity(world_a)
    act.begin_fieldwork(world_a.congress, activity, actor=world_a.root)
    act.set_team(world_a.congress, activity, actor=world_a.root, leader=world_a.deputies[0].person)
    activity.status = Activity.Status.DRAFTING
    activity.save(update_fields=["status"])
    with pytest.raises(ValidationError):
        act.set_team(world_a.congress, activity, actor=world_a.root, leader=world_a.deputies[1].person)
