"""The duty reports' demo on a small city: a plan, one rated at a session, one at a station."""

from types import SimpleNamespace

from django.utils import timezone

from renda.duty_reports import demo_data
from renda.duty_reports.models import DutyReport
from renda.testing import make_meeting, voters


def test_the_demo_builds(world_a):
    c = world_a.congress
    make_meeting(world_a, members=8, open_it=False)  # the standing committee and its members
    users = {}
    for user in voters(make_meeting(world_a, members=8, sign_in=8)):
        users[user.person.pk] = user
    from renda.people.actions import create_organisation

    units = {"教育局": world_a.unit,
             "民政局": create_organisation(c, actor=world_a.root, kind="handling_unit", name="民政局", unit_type="department")}
    deputies = [world_a.make_deputy(f"代表{n}") for n in range(61)]
    from renda.people.models import Organisation

    city = SimpleNamespace(congress=c, office=world_a.office, admin=world_a.root, today=timezone.localdate(),
                           term=world_a.term, sc=Organisation.objects.in_congress(c).get(kind="standing_committee"),
                           mandates=world_a.deputies + deputies, serving=world_a.deputies + deputies, users=users,
                           unit=units.__getitem__, user=lambda p: users[p.pk])
    made = demo_data.build(city)
    reports = DutyReport.objects.in_congress(c).filter(plan=made["plan"])
    assert reports.count() == 3
    rated = reports.filter(status="rated")
    assert {r.rated_by for r in rated} == {"session", "station"}
    assert reports.filter(status="filed").count() == 1
