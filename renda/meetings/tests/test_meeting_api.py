"""The rest of a meeting through the API: attendees, device sign-ins, agenda, documents, the record,
the results notice and repeated absences."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from renda.core.tests.test_api import bearer
from renda.meetings import queries
from renda.testing import make_meeting, teller_keys
from renda.voting import actions as voting


def test_attendees_device_sign_ins_and_agenda_through_the_api(world_a):
    meeting = make_meeting(world_a, members=3, sign_in=0)
    office, client = bearer(world_a, world_a.office), Client()
    url = f"/api/meetings/{meeting.pk}"
    made = client.post(f"{url}/attendees", {"name": "赵副市长", "post": "市人民政府副市长"},
                       content_type="application/json", **office)
    assert made.status_code == 201 and made.json() == {"person": "赵副市长", "post": "市人民政府副市长", "voting": False}
    bad = SimpleUploadedFile("sign.csv", "姓名\n李明\n没有这个人\n".encode("utf-8-sig"))
    refused = client.post(f"{url}/device-sign-ins", {"file": bad}, **office)
    assert refused.status_code == 422 and queries.quorum(meeting).present == 0  # all or nothing
    good = SimpleUploadedFile("sign.csv", "姓名\n李明\n王芳\n".encode("utf-8-sig"))
    assert client.post(f"{url}/device-sign-ins", {"file": good}, **office).json()["present"] == 2
    item = client.post(f"{url}/agenda", {"kind": "report", "title": "听取和审议政府工作报告"},
                       content_type="application/json", **office)
    assert item.status_code == 201 and item.json()["order"] == 1
    assert client.post(f"{url}/attendees", {"name": "x", "post": "y"}, content_type="application/json",
                       **bearer(world_a, world_a.deputy)).status_code == 403


def test_a_document_published_through_the_api_waits_for_its_release(world_a):
    meeting = make_meeting(world_a, members=3)
    later = (timezone.now() + datetime.timedelta(hours=1)).isoformat()
    made = Client().post(f"/api/meetings/{meeting.pk}/documents", {
        "title": "政府工作报告", "audience": "members", "release_at": later,
        "file": SimpleUploadedFile("报告.pdf", b"%PDF-1.4 report")}, **bearer(world_a, world_a.office))
    assert made.status_code == 201
    fetched = Client().get(made.json()["url"], **bearer(world_a, world_a.deputy))
    assert fetched.status_code == 404  # a member, but before the release time


def test_the_record_results_notice_and_absences_through_the_api(world_a):
    meeting = make_meeting(world_a, members=3, sign_in=3)
    vote = voting.open_vote(world_a.congress, voting.create_vote(world_a.congress, meeting, actor=world_a.office,
                                                                 title="关于预算的决议"), actor=world_a.office)
    voting.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    office, deputy = bearer(world_a, world_a.office), bearer(world_a, world_a.deputy)
    assert Client().get(f"/api/meetings/{meeting.pk}/results.pdf", **office).status_code == 404  # nothing announced yet
    voting.announce_result(world_a.congress, vote, actor=world_a.office)
    pdf = Client().get(f"/api/meetings/{meeting.pk}/results.pdf", **office)
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert Client().get(f"/api/meetings/{meeting.pk}/record", **deputy).status_code == 403  # before the close
    record = Client().get(f"/api/meetings/{meeting.pk}/record", **office).json()
    assert "出席3人" in record["attendance"] and record["votes"][0]["lines"] and meeting.title in record["title"]
    assert Client().get("/api/absences", **office).json() == []
    assert Client().get("/api/absences", **deputy).status_code == 403
