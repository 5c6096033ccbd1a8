"""Training: 70 deputies of four levels on one day (the demo's builder and the API), hours per
person, certificates and their PDF; the demo's year of activities."""

import datetime

from django.test import Client
from django.utils import timezone

from renda.activities import actions, demo_data, queries
from renda.activities.models import Activity, Participant, TrainingCertificate, TrainingProgramme
from renda.activities.tests.fixtures import activity, deputy_in, tree
from renda.core.actions import issue_api_token
from renda.testing import signed_in


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def test_seventy_deputies_of_four_levels_trained_on_one_day_through_the_api(world_a):
    t = tree(world_a)
    levels = [t["province"], world_a.congress, t["county"], t["township"]]
    names = [deputy_in(world_a, levels[n % 4], f"学员{n:02d}").person.name for n in range(70)]
    api, office = Client(), bearer(world_a, world_a.office)
    programme = api.post("/api/training/programmes", {"kind": "induction", "title": "履职学习", "year": 2026,
                                                      "certificate": True, "required_hours": "6"},
                         content_type="application/json", **office)
    assert programme.status_code == 201, programme.content
    pid = programme.json()["id"]
    day = timezone.localdate() - datetime.timedelta(days=1)
    session = api.post("/api/activities", {"kind": "training", "topic": "代表法", "place": "党校", "programme_id": pid,
                                           "hours": "6", "starts_at": f"{day}T09:00:00"},
                       content_type="application/json", **office)
    assert session.status_code == 201, session.content
    aid = session.json()["id"]
    added = api.post(f"/api/activities/{aid}/participants", {"entries": names}, content_type="application/json", **office)
    assert added.status_code == 201, added.content
    rows = added.json()["participants"]
    assert len(rows) == 70
    assert {r["as_deputy_of_id"] for r in rows} == {c.pk for c in levels}
    present = [{"person_id": r["person_id"], "attendance": "present"} for r in rows[:69]]
    marked = api.post(f"/api/activities/{aid}/attendance", {"rows": present}, content_type="application/json", **office)
    assert marked.status_code == 201, marked.content
    held = api.post(f"/api/activities/{aid}/held", {"summary": "培训完成"}, content_type="application/json", **office)
    assert held.status_code == 201 and held.json()["status"] == "held"
    issued = api.post(f"/api/training/programmes/{pid}/certificates", **office)
    assert issued.status_code == 201, issued.content
    trainees = issued.json()["trainees"]
    assert len(trainees) == 70
    assert sum(t["completed"] for t in trainees) == 69
    assert len({t["certificate_number"] for t in trainees if t["certificate_number"]}) == 69
    pdf = signed_in(world_a.office).get(next(t["certificate_pdf"] for t in trainees if t["certificate_pdf"]))
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    again = api.post(f"/api/training/programmes/{pid}/certificates", **office)
    assert again.status_code == 422 and TrainingCertificate.objects.in_congress(world_a.congress).count() == 69


def test_a_wrong_participant_through_the_api_adds_nobody(world_a, world_b):
    made = activity(world_a)
    api, office = Client(), bearer(world_a, world_a.office)
    refused = api.post(f"/api/activities/{made.pk}/participants",
                       {"person_ids": [world_a.deputies[0].person_id, world_b.deputies[0].person_id]},
                       content_type="application/json", **office)
    assert refused.status_code == 422 and world_b.deputies[0].person.name in str(refused.json())
    assert not Participant.objects.in_congress(world_a.congress).exists()
    assert api.get(f"/api/activities/{made.pk}", **bearer(world_b, world_b.office)).status_code == 404


def test_a_participant_replies_and_reads_their_own_row_through_the_api(world_a):
    made = activity(world_a, day=timezone.localdate() + datetime.timedelta(days=2))
    other = world_a.make_deputy("另一位代表")
    actions.add_participants(world_a.congress, made, actor=world_a.office,
                             people=[world_a.deputies[0].person, other.person])
    api, me = Client(), bearer(world_a, world_a.deputy)
    replied = api.post(f"/api/activities/{made.pk}/reply", {"reply": "leave", "reason": "出差"},
                       content_type="application/json", **me)
    assert replied.status_code == 201 and replied.json()["attendance"] == "on_leave"
    seen = api.get(f"/api/activities/{made.pk}", **me).json()
    assert [p["person"] for p in seen["participants"]] == ["李明"]
    assert api.get("/api/activities", **me).json()[0]["id"] == made.pk


def test_the_demo_builds_a_year_with_a_training_day(world_a):
    for n in range(10):
        world_a.make_deputy(f"演示代表{n}")
    made = demo_data.build(world_a.congress, actor=world_a.office, year=timezone.localdate().year - 1)
    assert len(made) == 7
    assert {a.status for a in made} == {"held"}
    training = made[-1]
    assert training.kind == Activity.Kind.TRAINING
    programme = TrainingProgramme.objects.in_congress(world_a.congress).get(pk=training.programme_id)
    people = queries.trainees(world_a.congress, programme)
    assert len(people) == 12 and all(t.certificate for t in people)
