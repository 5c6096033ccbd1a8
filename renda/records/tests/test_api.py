"""The records through the API with a token: a deputy's own record changes with its sources, each
figure links to its rows, the note (limit), staff see all, another congress's person is not found."""

from django.test import Client
from django.utils import timezone

from renda.core.actions import issue_api_token
from renda.meetings.models import RosterEntry
from renda.testing import make_meeting

YEAR = timezone.localdate().year


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_the_deputy_s_record_and_note_through_the_api(world_a, world_b):
    c, api = world_a.congress, Client()
    deputy, office = bearer(world_a, world_a.deputy), bearer(world_a, world_a.office)
    meeting = make_meeting(world_a, members=3)
    mine = api.get(f"/api/records/mine?year={YEAR}", **deputy)
    assert mine.status_code == 200, mine.content
    figures = {f["key"]: f for f in mine.json()["figures"]}
    assert figures["meetings_attended"]["value"] == 1
    rows = api.get(f"/api/records/people/{mine.json()['person_id']}/{YEAR}/figures/meetings_attended", **deputy).json()
    assert len(rows) == 1 and rows[0]["text"] == meeting.title
    person_id = mine.json()["person_id"]
    RosterEntry.objects.in_congress(c).filter(meeting=meeting, person_id=person_id).update(
        attendance=RosterEntry.Attendance.ABSENT)
    again = {f["key"]: f["value"] for f in api.get(f"/api/records/mine?year={YEAR}", **deputy).json()["figures"]}
    assert (again["meetings_attended"], again["meetings_absent"]) == (0, 1)
    long = api.post("/api/records/notes", {"year": YEAR, "text": "字" * 501}, content_type="application/json", **deputy)
    assert long.status_code == 422 and "不能超过 500 个字" in str(long.json())
    ok = api.post("/api/records/notes", {"year": YEAR, "text": "字" * 500}, content_type="application/json", **deputy)
    assert ok.status_code == 201 and ok.json()["note"] == "字" * 500
    refused = api.post("/api/records/notes", {"year": YEAR, "text": "代写"}, content_type="application/json", **office)
    assert refused.status_code == 403
    other = world_a.deputies[1].person.pk
    assert api.get(f"/api/records/people/{other}/{YEAR}", **deputy).status_code == 403
    assert api.get(f"/api/records/people/{other}/{YEAR}", **office).status_code == 200
    everyone = api.get(f"/api/records?year={YEAR}", **office)
    assert everyone.status_code == 200 and {"李明", "王芳"} <= {r["person"] for r in everyone.json()}
    assert api.get(f"/api/records?year={YEAR}", **deputy).status_code == 403
    assert api.get(f"/api/records/people/{world_b.deputies[0].person.pk}/{YEAR}", **office).status_code == 404
    combined = api.get(f"/api/records/people/{person_id}/{YEAR}/combined", **deputy)
    assert combined.status_code == 200 and combined.json()["congresses"] == [c.name]
