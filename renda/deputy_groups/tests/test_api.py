"""Deputy groups through the API with a token: a county group with a city deputy, the leader, the plan,
a watched project and item, refusals naming the field, another congress's group not found."""

import datetime

from django.test import Client

from renda.core.tests.test_api import bearer
from renda.deputy_groups.tests.fixtures import chosen_project, county_under, rectification_item


def test_a_group_through_the_api(world_a, world_b):
    county = county_under(world_a)
    api, office = Client(), bearer(county, county.office)
    post = lambda url, body, **h: api.post(url, body, content_type="application/json", **(h or office))  # noqa: E731
    made = post("/api/deputy-groups", {"name": "城关代表小组", "basis": "area", "scope": "城关镇",
                                       "station_id": county.station.pk})
    assert made.status_code == 201, made.content
    gid = made.json()["id"]
    own, city, stranger = county.make_deputy("县代表"), world_a.make_deputy("市代表"), world_b.make_deputy("外市代表")
    refused = post("/api/deputy-group-placements", {"placements": [{"group_id": gid, "mandate_id": own.pk},
                                                                 {"group_id": gid, "mandate_id": stranger.pk}]})
    assert refused.status_code == 422 and str(stranger.pk) in str(refused.json())
    placed = post("/api/deputy-group-placements", {"placements": [{"group_id": gid, "mandate_id": own.pk},
                                                                {"group_id": gid, "mandate_id": city.pk}]})
    assert placed.status_code == 201 and {m["as_deputy_of_id"] for m in placed.json()} == {county.congress.pk, world_a.congress.pk}
    member = next(m for m in placed.json() if m["name"] == "市代表")
    led = api.put(f"/api/deputy-groups/{gid}/members/{member['id']}/post", {"post": "组长"},
                  content_type="application/json", **office)
    assert led.json()["leader"] == "市代表"
    year = datetime.date.today().year
    plan = post(f"/api/deputy-groups/{gid}/plans", {"year": year, "items": [
        {"on": f"{year}-05-01", "kind": "视察", "topic": "农村饮水"}]})
    assert plan.status_code == 201 and plan.json()["plans"][0]["items"][0]["topic"] == "农村饮水"
    project, item = chosen_project(county), rectification_item(county)
    assert post(f"/api/deputy-groups/{gid}/watch", {"project_id": project.pk}).status_code == 200
    both = post(f"/api/deputy-groups/{gid}/watch", {"project_id": project.pk, "rectification_item_id": item.pk})
    assert both.status_code == 422
    watched = post(f"/api/deputy-groups/{gid}/watch", {"rectification_item_id": item.pk}).json()
    assert [w["project_id"] for w in watched["watched_projects"]] == [project.pk]
    assert [w["rectification_item_id"] for w in watched["watched_items"]] == [item.pk]
    assert post(f"/api/deputy-groups/{gid}/unwatch", {"rectification_item_id": item.pk}).json()["watched_items"] == []
    listed = api.get("/api/deputy-groups?basis=area", **office).json()
    assert [(g["name"], g["members"], g["leader"]) for g in listed if g["id"] == gid] == [("城关代表小组", 2, "市代表")]
    left = post(f"/api/deputy-groups/{gid}/members/{member['id']}/leave", {})
    assert left.json()["members"] == 1
    assert api.get(f"/api/deputy-groups/{gid}", **bearer(world_b, world_b.office)).status_code == 404
    assert api.get("/api/deputy-groups", **bearer(county, county.users["unit_officer"])).status_code == 403
