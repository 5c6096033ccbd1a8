import datetime

from renda.appointments import actions
from renda.appointments.models import AppointmentBill, Nominee, OathCeremony
from renda.appointments.tests.fixtures import bodies, decided_bill, directors, sitting, small_bill
from renda.core.roles import Role
from renda.testing import signed_in


def test_pages_for_staff_and_members_and_403_for_others(world_a):
    bill = small_bill(world_a, "decided")
    code = world_a.congress.code
    urls = [f"/c/{code}/appointments/", f"/c/{code}/appointments/{bill.pk}/", f"/c/{code}/appointments/register/"]
    for role in (Role.OFFICE_STAFF, Role.SC_MEMBER):
        client = signed_in(world_a.users[role])
        for url in urls:
            assert client.get(url).status_code == 200, (role, url)
    for role in (Role.DEPUTY, Role.UNIT_OFFICER):
        assert signed_in(world_a.users[role]).get(urls[0]).status_code == 403
    assert signed_in(world_a.users[Role.SC_MEMBER]).get(f"/c/{code}/appointments/new/").status_code == 403


def test_another_congress_bill_nominee_and_ceremony_are_not_found(world_a, world_b):
    bill = small_bill(world_b, "decided")
    nominee = Nominee.objects.in_congress(world_b.congress).get(bill=bill)
    actions.issue_document(world_b.congress, nominee, actor=world_b.root)
    session = sitting(world_b, members=3, sign_in=3)
    ceremony = actions.record_oath(world_b.congress, actor=world_b.root, meeting=session, held_on=datetime.date.today(),
                                   leader=world_b.deputies[1].person, persons=[nominee.person_id])
    client, code = signed_in(world_a.office), world_a.congress.code
    for url in [f"/c/{code}/appointments/{bill.pk}/", f"/c/{code}/appointments/{bill.pk}/edit/",
                f"/c/{code}/appointments/nominees/{nominee.pk}/document.pdf",
                f"/c/{code}/appointments/oaths/{ceremony.pk}/"]:
        assert client.get(url).status_code == 404, url
    assert client.post(f"/c/{code}/appointments/{bill.pk}/do/decide/").status_code == 404


def test_the_bill_form_keeps_input_and_names_the_field(world_a):
    client, code = signed_in(world_a.office), world_a.congress.code
    session = sitting(world_a, members=3, sign_in=3)
    before = AppointmentBill.objects.in_congress(world_a.congress).count()
    response = client.post(f"/c/{code}/appointments/new/", {"proposer": "court", "title": "", "meeting": session.pk})
    assert response.status_code == 422
    text = response.content.decode()
    assert "“标题”必须填写" in text and 'value="court" selected' in text
    assert AppointmentBill.objects.in_congress(world_a.congress).count() == before
    response = client.post(f"/c/{code}/appointments/new/", {"proposer": "court", "title": "法院任免案",
                                                             "meeting": session.pk})
    assert response.status_code == 302


def test_a_nominee_added_through_the_page_and_a_refused_one_keeps_input(world_a):
    client, code = signed_in(world_a.office), world_a.congress.code
    bill = small_bill(world_a)
    gov = bodies(world_a)["government"]
    url = f"/c/{code}/appointments/{bill.pk}/do/nominee/"
    count = Nominee.objects.in_congress(world_a.congress).count()
    response = client.post(url, {"action": "appoint", "organisation": gov.pk, "post": "副市长", "name": "韩新",
                                 "sex": "男", "resume": ""})
    assert response.status_code == 422 and "“履历”必须填写" in response.content.decode()
    assert 'value="韩新"' in response.content.decode()
    assert Nominee.objects.in_congress(world_a.congress).count() == count
    response = client.post(url, {"action": "appoint", "organisation": gov.pk, "post": "副市长", "name": "韩新",
                                 "sex": "男", "resume": "履历", "birth_date": "1980-01-01"})
    assert response.status_code == 302
    assert Nominee.objects.in_congress(world_a.congress).count() == count + 1


def test_certificate_downloads_and_the_register_shows_pending_oath(world_a):
    bill, session = decided_bill(world_a, yes=30)
    nominee = Nominee.objects.in_congress(world_a.congress).get(bill=bill)
    client, code = signed_in(world_a.office), world_a.congress.code
    response = client.post(f"/c/{code}/appointments/{bill.pk}/do/issue/", {"nominee": nominee.pk})
    assert response.status_code == 302
    nominee.refresh_from_db()
    assert nominee.document_number.startswith("示常任〔")
    pdf = client.get(f"/c/{code}/appointments/nominees/{nominee.pk}/document.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    docx = client.get(f"/c/{code}/appointments/nominees/{nominee.pk}/document.docx")
    assert docx.status_code == 200 and docx.content.startswith(b"PK")
    register = client.get(f"/c/{code}/appointments/register/").content.decode()
    assert ">待宣誓</span>" in register and nominee.person.name in register
    response = client.post(f"/c/{code}/appointments/oaths/new/", {
        "meeting": session.pk, "held_on": datetime.date.today().isoformat(), "leader": f"@{world_a.deputies[1].person.pk}",
        "persons": [str(nominee.person_id)], "attendance": "36"})
    assert response.status_code == 302, response.content.decode()[:3000]
    ceremony = OathCeremony.objects.in_congress(world_a.congress).get()
    page = client.get(f"/c/{code}/appointments/oaths/{ceremony.pk}/").content.decode()
    assert "我宣誓：忠于中华人民共和国宪法" in page and nominee.person.name in page
    register = client.get(f"/c/{code}/appointments/register/").content.decode()
    assert ">待宣誓</span>" not in register and ">在任</span>" in register


def test_submit_through_the_page_needs_a_directors_meeting(world_a):
    client, code = signed_in(world_a.office), world_a.congress.code
    bill = small_bill(world_a)
    response = client.post(f"/c/{code}/appointments/{bill.pk}/do/submit/", {"directors_meeting": ""})
    assert response.status_code == 422 and "“主任会议”必须选择" in response.content.decode()
    response = client.post(f"/c/{code}/appointments/{bill.pk}/do/submit/",
                           {"directors_meeting": directors(world_a).pk})
    assert response.status_code == 302
    bill.refresh_from_db()
    assert bill.status == "submitted"
