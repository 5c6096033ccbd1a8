"""A 任免案 goes on its session's 人事任免 agenda item (the one named, else the session's one item no
other bill is on, else a new one), its result becomes that item's outcome, and the 任命书 is
downloadable over the API with a token."""

from __future__ import annotations

import pytest
from django.test import Client

from renda.appointments import actions
from renda.appointments.models import AppointmentBill, Nominee
from renda.appointments.tests.fixtures import bodies, directors, draft_bill, run_vote, sitting, small_bill
from renda.core.actions import issue_api_token
from renda.core.errors import ValidationError
from renda.core.models import AuditEntry
from renda.core.roles import Role
from renda.meetings import actions as meeting_actions
from renda.meetings.models import AgendaItem
from renda.people.models import Organisation, Person
from renda.testing import signed_in

APPOINTMENT = AgendaItem.Kind.APPOINTMENT


def item(world, session, kind=APPOINTMENT, title="审议市人民政府提请的人事任免案"):
    return meeting_actions.add_agenda_item(world.congress, session, actor=world.office, kind=kind, title=title)


def rows(world, session) -> int:
    return AgendaItem.objects.in_congress(world.congress).filter(meeting=session).count()


def bearer(world, user):
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(world.congress, actor=user, name='t')[1]}"}


def post(client, url, data, auth):
    return client.post(url, data, content_type="application/json", **auth)


# ---------------------------------------------------------------- actions


def test_the_sessions_one_appointment_item_is_used_and_gets_the_outcome(world_a):
    c, office = world_a.congress, world_a.office
    session = sitting(world_a, members=3, sign_in=3)
    item(world_a, session, kind=AgendaItem.Kind.REPORT, title="听取报告")
    existing = item(world_a, session)
    bill = draft_bill(world_a, session, name="郑新")
    actions.submit_bill(c, bill, actor=office, directors_meeting=directors(world_a))
    bill.refresh_from_db()
    assert bill.agenda_item_id == existing.pk and rows(world_a, session) == 2
    [vote] = actions.put_to_vote(c, bill, actor=office)
    assert vote.agenda_item_id == existing.pk
    run_vote(world_a, vote, 3)
    actions.decide(c, bill, actor=office)
    existing.refresh_from_db()
    assert existing.outcome == "表决通过：任命郑新为市人民政府副市长"
    assert AuditEntry.objects.filter(congress=c, action="record_agenda_outcome", object_id=str(existing.pk)).exists()


def test_a_failed_vote_is_the_outcome_too(world_a):
    c, office = world_a.congress, world_a.office
    session = sitting(world_a, members=3, sign_in=3)
    bill = draft_bill(world_a, session, name="林落")
    actions.submit_bill(c, bill, actor=office, directors_meeting=directors(world_a))
    bill.refresh_from_db()
    added = AgendaItem.objects.in_congress(c).get(pk=bill.agenda_item_id)  # none there: one was added
    assert added.kind == APPOINTMENT and added.meeting_id == session.pk
    [vote] = actions.put_to_vote(c, bill, actor=office)
    run_vote(world_a, vote, 1)  # 1 of 3: not more than half of all members
    actions.decide(c, bill, actor=office)
    assert AgendaItem.objects.in_congress(c).get(pk=added.pk).outcome == "未通过：任命林落为市人民政府副市长"


def test_an_item_of_another_meeting_or_kind_is_refused_naming_the_field(world_a, world_b):
    c, office = world_a.congress, world_a.office
    session, other = sitting(world_a, members=3, sign_in=3), sitting(world_a, members=3, sign_in=3)
    elsewhere, report = item(world_a, other), item(world_a, session, kind=AgendaItem.Kind.REPORT, title="听取报告")
    foreign = item(world_b, sitting(world_b, members=3, sign_in=3))
    bill = draft_bill(world_a, session)
    count = rows(world_a, session)
    for value, words in [(elsewhere, "不是"), (report, "须为人事任免事项"), (foreign.pk, "不是本级")]:
        with pytest.raises(ValidationError) as refused:
            actions.submit_bill(c, bill, actor=office, directors_meeting=directors(world_a), agenda_item=value)
        [message] = refused.value.message_dict["agenda_item"]
        assert words in message and "议程" in message
        bill.refresh_from_db()
        assert (bill.status, bill.agenda_item_id, rows(world_a, session)) == ("draft", None, count)
    with pytest.raises(ValidationError) as refused:
        actions.create_bill(c, actor=office, proposer="court", title="另一任免案", meeting=session, agenda_item=elsewhere)
    assert "agenda_item" in refused.value.message_dict


def test_two_free_items_need_a_choice_and_a_taken_item_is_not_reused(world_a):
    c, office = world_a.congress, world_a.office
    session = sitting(world_a, members=3, sign_in=3)
    first, second = item(world_a, session), item(world_a, session, title="审议市中级人民法院提请的人事任免案")
    bill = draft_bill(world_a, session, name="甲")
    with pytest.raises(ValidationError) as refused:
        actions.submit_bill(c, bill, actor=office, directors_meeting=directors(world_a))
    assert "请选择本任免案的议程" in refused.value.message_dict["agenda_item"][0]
    actions.submit_bill(c, bill, actor=office, directors_meeting=directors(world_a), agenda_item=second.pk)
    bill.refresh_from_db()
    assert bill.agenda_item_id == second.pk
    # The next bill: the one free item left.
    other = draft_bill(world_a, session, name="乙")
    with pytest.raises(ValidationError) as refused:
        actions.submit_bill(c, other, actor=office, directors_meeting=directors(world_a), agenda_item=second)
    assert "另一任免案" in refused.value.message_dict["agenda_item"][0]
    actions.submit_bill(c, other, actor=office, directors_meeting=directors(world_a))
    other.refresh_from_db()
    assert other.agenda_item_id == first.pk and rows(world_a, session) == 2
    # A third: none free, one is added.
    third = draft_bill(world_a, session, name="丙")
    actions.submit_bill(c, third, actor=office, directors_meeting=directors(world_a))
    third.refresh_from_db()
    assert third.agenda_item_id not in (first.pk, second.pk) and rows(world_a, session) == 3


def test_the_outcome_counts_when_the_names_do_not_fit():
    org = Organisation(name="市中级人民法院")

    def n(name, status):
        return Nominee(person=Person(name=name), organisation=org, post="审判员", action="appoint", status=status)

    short = [n("甲", "passed"), n("乙", "failed")]
    assert actions.outcome_text(short) == "表决通过：任命甲为市中级人民法院审判员。未通过：任命乙为市中级人民法院审判员"
    many = [n(f"审判员候选{i}号", "passed") for i in range(8)] + [n("乙", "failed")]
    assert actions.outcome_text(many) == "表决通过任免事项8项，未通过1项"
    assert actions.outcome_text([n(f"候选人{i}号", "failed") for i in range(9)]) == "任免事项9项均未获表决通过"


# ---------------------------------------------------------------- API


def test_the_api_names_the_agenda_item(world_a):
    client, auth, c = Client(), bearer(world_a, world_a.office), world_a.congress
    session, other = sitting(world_a, members=3, sign_in=3), sitting(world_a, members=3, sign_in=3)
    mine, elsewhere = item(world_a, session), item(world_a, other)
    report = item(world_a, session, kind=AgendaItem.Kind.REPORT, title="听取报告")
    bills = AppointmentBill.objects.in_congress(c).count()
    for wrong in (elsewhere.pk, report.pk, 999999):
        refused = post(client, "/api/appointments/bills", {"proposer": "government", "title": "任免案",
                                                           "meeting_id": session.pk, "agenda_item_id": wrong}, auth)
        assert refused.status_code == 422, refused.content
        assert [d["field"] for d in refused.json()["detail"]] == ["agenda_item_id"]
    assert AppointmentBill.objects.in_congress(c).count() == bills
    made = post(client, "/api/appointments/bills", {"proposer": "government", "title": "任免案",
                                                    "meeting_id": session.pk, "agenda_item_id": mine.pk}, auth)
    assert made.status_code == 201 and made.json()["agenda_item_id"] == mine.pk
    bill_id = made.json()["id"]
    post(client, f"/api/appointments/bills/{bill_id}/nominees", {
        "action": "appoint", "organisation_id": bodies(world_a)["government"].pk, "post": "副市长", "resume": "履历",
        "person": {"name": "郑新", "sex": "男"}}, auth)
    refused = post(client, f"/api/appointments/bills/{bill_id}/submit",
                   {"directors_meeting_id": directors(world_a).pk, "agenda_item_id": elsewhere.pk}, auth)
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "agenda_item_id"
    submitted = post(client, f"/api/appointments/bills/{bill_id}/submit",
                     {"directors_meeting_id": directors(world_a).pk}, auth)
    assert submitted.status_code == 200 and submitted.json()["agenda_item_id"] == mine.pk
    assert rows(world_a, session) == 2


def test_the_documents_download_over_the_api_with_a_token(world_a, world_b):
    client, auth, c = Client(), bearer(world_a, world_a.office), world_a.congress
    bill = small_bill(world_a, "decided")
    nominee = Nominee.objects.in_congress(c).get(bill=bill)
    assert client.get(f"/api/appointments/nominees/{nominee.pk}/document.pdf", **auth).status_code == 404  # not issued
    issued = post(client, f"/api/appointments/nominees/{nominee.pk}/document", {}, auth).json()
    assert issued["document_pdf"] == f"/api/appointments/nominees/{nominee.pk}/document.pdf"
    pdf = client.get(issued["document_pdf"], **auth)
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf.content[:4] == b"%PDF"
    docx = client.get(issued["document_docx"], **auth)
    assert docx.status_code == 200 and docx.content[:2] == b"PK" and "wordprocessingml" in docx["Content-Type"]
    listed = client.get(f"/api/appointments/bills/{bill.pk}", **auth).json()["nominees"][0]
    assert listed["document_docx"] == f"/api/appointments/nominees/{nominee.pk}/document.docx"
    deputy = bearer(world_a, world_a.users[Role.DEPUTY])
    assert client.get(issued["document_pdf"], **deputy).status_code == 403
    theirs = small_bill(world_b, "decided")
    foreign = Nominee.objects.in_congress(world_b.congress).get(bill=theirs)
    actions.issue_document(world_b.congress, foreign, actor=world_b.office)
    assert client.get(f"/api/appointments/nominees/{foreign.pk}/document.pdf", **auth).status_code == 404
    assert client.get(f"/api/appointments/nominees/{foreign.pk}/document.docx", **auth).status_code == 404


# ---------------------------------------------------------------- pages


def test_the_submit_form_offers_the_sessions_appointment_items(world_a):
    client, code = signed_in(world_a.office), world_a.congress.code
    bill = small_bill(world_a)
    session = bill.meeting
    first, second = item(world_a, session), item(world_a, session, title="审议市中级人民法院提请的人事任免案")
    page = client.get(f"/c/{code}/appointments/{bill.pk}/").content.decode()
    assert "列入的议程" in page and second.title in page
    response = client.post(f"/c/{code}/appointments/{bill.pk}/do/submit/",
                           {"directors_meeting": directors(world_a).pk})
    assert response.status_code == 422 and "请选择本任免案的议程" in response.content.decode()
    bill.refresh_from_db()
    assert bill.status == "draft"
    response = client.post(f"/c/{code}/appointments/{bill.pk}/do/submit/",
                           {"directors_meeting": directors(world_a).pk, "agenda_item": second.pk})
    assert response.status_code == 302
    bill.refresh_from_db()
    assert (bill.status, bill.agenda_item_id) == ("submitted", second.pk) and first.pk != second.pk
    page = client.get(f"/c/{code}/appointments/{bill.pk}/")
    assert page.status_code == 200 and f"<dt>议程</dt><dd>{second.title}" in page.content.decode()
