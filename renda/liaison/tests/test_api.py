"""The whole way through the API: the person's public intake, the office and the unit with tokens,
the person's feedback by tracking code."""

from django.test import Client

from renda.core import actions as core_actions
from renda.core.tests.test_api import bearer


def test_a_concern_goes_from_public_intake_to_the_persons_satisfaction(world_a):
    code, station = world_a.congress.code, world_a.station.pk
    public = Client()
    made = public.post(f"/api/public/{code}/stations/{station}/concerns", {
        "category": "交通出行", "text": "公交站没有遮阳棚", "person_name": "郑先生", "person_contact": "13900000006"},
        content_type="application/json")
    assert made.status_code == 201
    tracking = made.json()["tracking_code"]
    assert "person_name" not in made.json() and made.json()["status"] == "received"

    office = bearer(world_a, world_a.office)
    queue = Client().get(f"/api/stations/{station}/concerns", **office).json()
    concern_id = queue[0]["id"]
    assert queue[0]["person_name"] == "郑先生"  # the office handles it
    assert Client().post(f"/api/concerns/{concern_id}/triage", {"path": "referred", "unit": world_a.unit.pk},
                         content_type="application/json", **office).json()["status"] == "referred"
    unit = bearer(world_a, world_a.users["unit_officer"])
    answered = Client().post(f"/api/concerns/{concern_id}/answer", {"answer": "年内增设遮阳棚"},
                             content_type="application/json", **unit)
    assert answered.json()["status"] == "answered"

    track = public.get(f"/api/public/{code}/track/{tracking}").json()
    assert track["answer"] == "年内增设遮阳棚" and "郑先生" not in str(track)
    wrong = public.post(f"/api/public/{code}/track/ZZZZZZZZZZ/feedback", {"satisfaction": "satisfied"},
                        content_type="application/json")
    assert wrong.status_code == 404
    rated = public.post(f"/api/public/{code}/track/{tracking}/feedback", {"satisfaction": "basically"},
                        content_type="application/json")
    assert rated.status_code == 200 and rated.json()["status"] == "closed"
    stats = Client().get("/api/liaison/statistics?year=" + track["raised_on"][:4], **office).json()
    assert stats["total"]["raised"] == 1 and stats["total"]["satisfaction_rate"] == "100.0%"


def test_the_public_api_names_the_field_and_asks_for_the_challenge(world_a):
    core_actions.change_rule(world_a.congress, actor=world_a.admin, key="liaison.challenge_after", value=1)
    url = f"/api/public/{world_a.congress.code}/stations/{world_a.station.pk}/concerns"
    client = Client(REMOTE_ADDR="10.1.1.1")
    # blank to the eye (only a zero-width space): past the schema's minLength, refused by the action
    bad = client.post(url, {"category": "教育", "text": "\u200b", "anonymous": True}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "text"
    second = client.post(url, {"category": "教育", "text": "操场积水", "anonymous": True}, content_type="application/json")
    assert second.status_code == 422 and second.json()["detail"][0]["field"] == "challenge"
    challenge = second.json()["challenge"]
    a, b = (int(x) for x in challenge["question"].replace("= ?", "").split("+"))
    ok = client.post(url, {"category": "教育", "text": "操场积水", "anonymous": True, "challenge": str(a + b),
                           "challenge_token": challenge["challenge_token"]}, content_type="application/json")
    assert ok.status_code == 201


def test_a_concern_is_hidden_from_whoever_does_not_handle_it(world_a, world_b):
    from renda.liaison.tests.factory import concern

    item = concern(world_a)
    assert Client().get(f"/api/concerns/{item.pk}", **bearer(world_a, world_a.users["sc_member"])).status_code == 404
    assert Client().get(f"/api/concerns/{item.pk}", **bearer(world_b, world_b.office)).status_code == 404
    assert Client().get(f"/api/concerns/{item.pk}", **bearer(world_a, world_a.office)).status_code == 200


def test_stations_rota_and_receptions_through_the_api(world_a):
    from django.utils import timezone

    from renda.liaison.models import Concern

    office = bearer(world_a, world_a.office)
    station, today = world_a.station.pk, timezone.localdate().isoformat()
    client = Client()
    made = client.put(f"/api/stations/{station}/profile", {"area": "城关区", "opening_days": "每周二"},
                      content_type="application/json", **office).json()
    assert (made["area"], made["opening_days"], made["intake_open"]) == ("城关区", "每周二", True)
    rota = client.put(f"/api/stations/{station}/rota", {"on": today, "mandate_ids": [world_a.deputies[0].pk]},
                      content_type="application/json", **office).json()
    assert rota["rota"] == [{"on": today, "deputies": ["李明"]}]
    public = Client().get(f"/api/public/{world_a.congress.code}/stations/{station}").json()
    assert public["rota"][0]["deputies"] == ["李明"] and "area" not in public
    reception = client.post(f"/api/stations/{station}/receptions", {
        "held_on": today, "mandate_ids": [world_a.deputies[0].pk], "visitors": 7,
        "concerns": [{"category": "教育", "text": "校门口拥堵", "anonymous": True}]},
        content_type="application/json", **office)
    assert reception.status_code == 201 and reception.json()["concerns"][0]["source"] == "reception"
    bad = client.post(f"/api/stations/{station}/receptions", {"held_on": today, "mandate_ids": [], "visitors": 2},
                      content_type="application/json", **office)
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "deputies"
    listed = client.get("/api/stations", **office).json()
    assert listed == [{"id": station, "name": world_a.station.name, "address": "", "area": "城关区", "open": 1,
                       "overdue": 0}]
    assert Concern.objects.in_congress(world_a.congress).count() == 1
    assert client.put(f"/api/stations/{station}/rota", {"on": today, "mandate_ids": []}, content_type="application/json",
                      **bearer(world_a, world_a.deputy)).status_code == 403


def test_contacts_and_who_is_not_contacted_through_the_api(world_a):
    from django.utils import timezone

    member = bearer(world_a, world_a.users["sc_member"])
    client = Client()
    others = [world_a.make_deputy(name) for name in ("陈静", "林涛")]
    links = [client.post("/api/contacts/links", {"kind": "member_deputy", "deputy_person_id": m.person_id},
                         content_type="application/json", **member).json() for m in others]
    assert [link["deputy"] for link in links] == ["陈静", "林涛"]
    made = client.post(f"/api/contacts/links/{links[0]['id']}/records",
                       {"on": timezone.localdate().isoformat(), "how": "phone", "raised": "道路养护"},
                       content_type="application/json", **member)
    assert made.status_code == 201
    page = client.get("/api/contacts", **member).json()
    assert page["holder"] == "王芳" and [link["deputy"] for link in page["not_contacted"]] == ["林涛"]
    assert page["records"][0]["raised"] == "道路养护"
    office_view = client.get(f"/api/contacts?holder_id={world_a.deputies[1].person_id}",
                             **bearer(world_a, world_a.office)).json()
    assert office_view["holder"] == "王芳"
    bad = client.post(f"/api/contacts/links/{links[1]['id']}/records", {"on": "2999-01-01", "how": "phone"},
                      content_type="application/json", **member)
    assert bad.status_code == 422 and bad.json()["detail"][0]["field"] == "on"
