"""Activities over the API: start, team, plan document with itinerary, begin, read back; refusals by field."""

from renda.core.models import Congress
from renda.core.roles import Role
from renda.oversight.tests.plan_fixtures import committee, this_year
from renda.oversight.tests.test_plan_api import api
from renda.testing import make_world


def test_an_activity_round_trip(world_a):
    call = api(world_a, world_a.users[Role.COMMITTEE_STAFF])
    made = call("post", "/oversight/activities", {"kind": "law_inspection", "title": "执法检查", "year": this_year(),
                                                  "lead_committee_id": committee(world_a).pk, "laws": []})
    assert made.status_code == 422 and made.json()["detail"][0]["field"] == "laws"
    made = call("post", "/oversight/activities", {"kind": "law_inspection", "title": "执法检查", "year": this_year(),
                                                  "lead_committee_id": committee(world_a).pk,
                                                  "laws": ["中华人民共和国义务教育法"]})
    assert made.status_code == 201
    activity_id = made.json()["id"]
    no_leader = call("put", f"/oversight/activities/{activity_id}/team", {"members": []})
    assert no_leader.status_code == 422 and no_leader.json()["detail"][0]["field"] == "leader_id"
    team = call("put", f"/oversight/activities/{activity_id}/team", {
        "leader_id": world_a.deputies[1].person.pk,
        "members": [{"person_id": world_a.deputies[0].person.pk, "role": "deputy", "note": "市人大代表"}],
        "committee_ids": [world_a.committee.pk]})
    assert team.status_code == 200 and [m["role"] for m in team.json()["team"]] == ["leader", "deputy"]
    assert "目前不是常委会主任或副主任" in team.json()["warnings"][0]  # advice only: the team is set
    year = this_year()
    late = call("put", f"/oversight/activities/{activity_id}/plan", {
        "goals": "检查实施情况", "starts_on": f"{year}-12-01", "ends_on": f"{year}-12-31",
        "stops": [{"day": f"{year + 1}-01-01", "county": "东湖区", "site": "一中"}]})
    assert late.status_code == 422
    assert late.json()["detail"] == [{"field": "stops", "message": f"第1站：日期 {year + 1}-01-01 不在 {year} 年度内"}]
    planned = call("put", f"/oversight/activities/{activity_id}/plan", {
        "goals": "检查实施情况", "starts_on": f"{year}-12-01", "ends_on": f"{year}-12-31",
        "stops": [{"day": f"{year}-12-31", "county": "东湖区", "site": "一中"}]})
    assert planned.status_code == 200 and planned.json()["itinerary"][0]["site"] == "一中"
    begun = call("post", f"/oversight/activities/{activity_id}/begin")
    assert begun.status_code == 200 and begun.json()["status"] == "under_way"
    assert call("post", f"/oversight/activities/{activity_id}/begin").status_code == 409
    listed = call("get", f"/oversight/activities?year={year}&kind=law_inspection").json()
    assert [a["id"] for a in listed] == [activity_id]
    deputy = api(world_a, world_a.deputy)
    assert deputy("get", f"/oversight/activities/{activity_id}").status_code == 200
    assert [a["id"] for a in deputy("get", "/oversight/activities").json()] == [activity_id]


def test_references_of_another_congress_are_refused_by_field(world_a, world_b):
    call = api(world_a, world_a.office)
    refused = call("post", "/oversight/activities", {"kind": "survey", "title": "调研", "year": this_year(),
                                                     "lead_committee_id": world_b.committee.pk})
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "lead_committee_id"
    made = call("post", "/oversight/activities", {"kind": "survey", "title": "调研", "year": this_year(),
                                                  "lead_committee_id": world_a.committee.pk}).json()
    refused = call("put", f"/oversight/activities/{made['id']}/team", {"leader_id": world_b.deputies[0].person.pk})
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "leader_id"
    assert api(world_b, world_b.office)("get", f"/oversight/activities/{made['id']}").status_code == 404


def test_a_partner_that_is_not_parent_or_child_is_refused(db):
    city = make_world("city", "示例市人民代表大会")
    county = make_world("cty", "示例县人民代表大会", level=Congress.Level.COUNTY, parent=city.congress)
    other = make_world("oth", "另一市人民代表大会")
    call = api(city, city.office)
    body = {"kind": "survey", "title": "联合调研", "year": this_year(), "lead_committee_id": city.committee.pk}
    refused = call("post", "/oversight/activities", body | {"partner_id": other.congress.pk})
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "partner"
    assert call("post", "/oversight/activities", body | {"partner_id": county.congress.pk}).status_code == 201


def test_a_deputy_on_no_team_may_not_list(world_a):
    assert api(world_a, world_a.deputy)("get", "/oversight/activities").status_code == 403
