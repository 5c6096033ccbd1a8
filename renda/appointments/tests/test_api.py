"""The appointments API: a bill from creation to the oath, the refusals (a person not in the bill,
a document for a failed vote, an oath for someone not appointed), another congress's id → 404."""

import datetime

from django.test import Client

from renda.appointments.models import AppointmentBill, Nominee, OathCeremony
from renda.appointments.tests.fixtures import bodies, directors, run_vote, sitting, small_bill
from renda.core.actions import issue_api_token
from renda.core.roles import Role
from renda.voting.models import Vote


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def post(client, url, data, auth):
    return client.post(url, data, content_type="application/json", **auth)


def test_an_appointment_from_bill_to_oath(world_a):
    client, auth, c = Client(), bearer(world_a, world_a.office), world_a.congress
    session = sitting(world_a, members=3, sign_in=3)
    made = post(client, "/api/appointments/bills", {"proposer": "government", "title": "市政府任免案",
                                                    "meeting_id": session.pk}, auth)
    assert made.status_code == 201, made.content
    bill_id = made.json()["id"]
    gov = bodies(world_a)["government"]
    nominee = post(client, f"/api/appointments/bills/{bill_id}/nominees", {
        "action": "appoint", "organisation_id": gov.pk, "post": "副市长", "resume": "履历……",
        "person": {"name": "郑新", "sex": "男", "birth_date": "1978-05-01"}}, auth)
    assert nominee.status_code == 201, nominee.content
    [row] = nominee.json()["nominees"]
    submitted = post(client, f"/api/appointments/bills/{bill_id}/submit",
                     {"directors_meeting_id": directors(world_a).pk}, auth)
    assert submitted.status_code == 200 and submitted.json()["status"] == "submitted"
    stranger = world_a.deputies[0].person
    before = Vote.objects.in_congress(c).count()
    refused = post(client, f"/api/appointments/bills/{bill_id}/votes", {"person_ids": [stranger.pk]}, auth)
    assert refused.status_code == 422
    [problem] = refused.json()["detail"]
    assert problem["field"] == "person_ids" and "不是本任免案" in problem["message"]
    assert Vote.objects.in_congress(c).count() == before
    voted = post(client, f"/api/appointments/bills/{bill_id}/votes", {"person_ids": [row["person_id"]]}, auth)
    assert voted.status_code == 201
    vote = Vote.objects.in_congress(c).get(pk=voted.json()["nominees"][0]["vote_id"])
    early = post(client, f"/api/appointments/bills/{bill_id}/decision", {}, auth)
    assert early.status_code == 422 and "尚未宣布" in early.json()["detail"][0]["message"]
    run_vote(world_a, vote, 100)
    decided = post(client, f"/api/appointments/bills/{bill_id}/decision", {}, auth)
    assert decided.status_code == 200 and decided.json()["nominees"][0]["status"] == "passed"
    appointees = client.get("/api/appointees", **auth).json()
    assert [(a["name"], a["status"], a["in_office"]) for a in appointees] == [("郑新", "待宣誓", False)]
    issued = post(client, f"/api/appointments/nominees/{row['id']}/document", {}, auth)
    assert issued.status_code == 200 and issued.json()["document_number"].startswith("示常任〔")
    assert client.get(issued.json()["document_pdf"], **auth).status_code in (200, 302)
    oath = post(client, "/api/oaths", {"meeting_id": session.pk, "held_on": datetime.date.today().isoformat(),
                                       "leader_id": world_a.deputies[1].person.pk,
                                       "person_ids": [row["person_id"]], "attendance": 3}, auth)
    assert oath.status_code == 201, oath.content
    assert oath.json()["text"].startswith("我宣誓：忠于中华人民共和国宪法")
    appointees = client.get("/api/appointees", **auth).json()
    assert [(a["status"], a["in_office"]) for a in appointees] == [("在任", True)]
    assert client.get(f"/api/oaths/{oath.json()['id']}", **auth).status_code == 200


def test_refusals_over_the_api(world_a):
    client, auth, c = Client(), bearer(world_a, world_a.office), world_a.congress
    bill = small_bill(world_a, "voting")
    nominee = Nominee.objects.in_congress(c).get(bill=bill)
    vote = Vote.objects.in_congress(c).get(pk=nominee.vote_id)
    assert vote.status == "announced"
    # A nominee not yet decided: no document.
    refused = post(client, f"/api/appointments/nominees/{nominee.pk}/document", {}, auth)
    assert refused.status_code == 422 and "尚未表决决定" in refused.json()["detail"][0]["message"]
    session = sitting(world_a, members=3, sign_in=3)
    ceremonies = OathCeremony.objects.in_congress(c).count()
    oath = post(client, "/api/oaths", {"meeting_id": session.pk, "held_on": datetime.date.today().isoformat(),
                                       "leader_id": world_a.deputies[1].person.pk,
                                       "person_ids": [nominee.person_id]}, auth)
    assert oath.status_code == 422
    assert oath.json()["detail"][0]["field"] == "person_ids" and "未经本级人大常委会" in oath.json()["detail"][0]["message"]
    assert OathCeremony.objects.in_congress(c).count() == ceremonies
    bad = post(client, "/api/appointments/bills", {"proposer": "king", "title": "", "meeting_id": 999999}, auth)
    assert bad.status_code == 422
    assert {p["field"] for p in bad.json()["detail"]} >= {"proposer", "title"}
    deputy = bearer(world_a, world_a.users[Role.DEPUTY])
    assert client.get("/api/appointments/bills", **deputy).status_code == 403
    assert post(client, f"/api/appointments/bills/{bill.pk}/decision", {}, deputy).status_code == 403


def test_another_congress_ids_are_not_found(world_a, world_b):
    client, auth = Client(), bearer(world_a, world_a.office)
    bill = small_bill(world_b, "decided")
    nominee = Nominee.objects.in_congress(world_b.congress).get(bill=bill)
    assert client.get(f"/api/appointments/bills/{bill.pk}", **auth).status_code == 404
    assert post(client, f"/api/appointments/bills/{bill.pk}/decision", {}, auth).status_code == 404
    assert post(client, f"/api/appointments/nominees/{nominee.pk}/document", {}, auth).status_code == 404
    assert AppointmentBill.objects.in_congress(world_a.congress).count() == 0


def test_the_letter_is_uploaded_and_checked(world_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from renda.core.official_documents import OfficialDocument, to_pdf

    client, auth = Client(), bearer(world_a, world_a.office)
    bill = small_bill(world_a)
    pdf = SimpleUploadedFile("提请函.pdf", to_pdf(OfficialDocument(title="提请函")), content_type="application/pdf")
    done = client.post(f"/api/appointments/bills/{bill.pk}/letter", {"letter": pdf}, **auth)
    assert done.status_code == 200 and done.json()["letter"] is True
    exe = SimpleUploadedFile("提请函.pdf", b"MZ\x90\x00not a pdf", content_type="application/pdf")
    refused = client.post(f"/api/appointments/bills/{bill.pk}/letter", {"letter": exe}, **auth)
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "letter"
