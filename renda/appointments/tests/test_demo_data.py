"""The appointments demo on a small world: one decided bill (two appointments, one removal), the
certificates and the oath."""

import datetime
from types import SimpleNamespace

from renda.appointments import demo_data, queries
from renda.appointments.models import Nominee, OathCeremony
from renda.appointments.tests.fixtures import sitting
from renda.people.models import Membership, Organisation
from renda.testing import voters


def test_the_demo_bill_is_decided_with_certificates_and_the_oath(world_a):
    c = world_a.congress
    meeting = sitting(world_a, members=7, sign_in=7)  # the standing committee and its members
    users = {u.person.pk: u for u in voters(meeting)}
    city = SimpleNamespace(congress=c, office=world_a.office, today=datetime.date.today(), term=world_a.term,
                           sc=Organisation.objects.in_congress(c).get(kind="standing_committee"),
                           mandates=world_a.deputies, units={}, users=users, user=lambda p: users[p.pk])
    Organisation.objects.in_congress(c).filter(kind="directors_meeting").exists() or \
        Organisation.objects.create(congress=c, kind="directors_meeting", name="主任会议")
    bill = demo_data.build(city)
    assert bill.status == "decided"
    nominees = list(Nominee.objects.in_congress(c).filter(bill=bill).order_by("order"))
    assert [(n.action, n.status) for n in nominees] == [("appoint", "passed")] * 2 + [("remove", "passed")]
    assert all(n.document_number for n in nominees)
    assert nominees[2].document_number.startswith("示常免〔")
    assert OathCeremony.objects.in_congress(c).count() == 1
    assert [r.status for r in queries.register(c)] == ["在任", "在任"]
    assert Membership.objects.in_congress(c).get(person=nominees[2].person, post="副市长").end == datetime.date.today()
