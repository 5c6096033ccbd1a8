"""The duty reports' demo on a small city: a plan, one rated at a session, one at a station, two
reported to the voters with the phone evaluation (one closed, one open)."""

from types import SimpleNamespace

from django.utils import timezone

from renda.duty_reports import demo_data
from renda.duty_reports.models import DutyReport, VoterEvaluation
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
    from renda.people.actions import update_mandate
    from renda.people.models import Organisation

    everyone = world_a.deputies + deputies
    for n in (49, 50, 51):  # the persona (mandates[49]) and two deputies at the same station
        update_mandate(c, everyone[n], actor=world_a.root, liaison_station=world_a.station)
        everyone[n].refresh_from_db()

    city = SimpleNamespace(congress=c, office=world_a.office, admin=world_a.root, today=timezone.localdate(),
                           term=world_a.term, sc=Organisation.objects.in_congress(c).get(kind="standing_committee"),
                           mandates=everyone, serving=everyone, users=users, stations=[world_a.station],
                           unit=units.__getitem__, user=lambda p: users[p.pk])
    made = demo_data.build(city)
    reports = DutyReport.objects.in_congress(c).filter(plan=made["plan"])
    assert reports.count() == 5
    rated = reports.filter(status="rated")
    assert {r.rated_by for r in rated} == {"session", "station"}
    assert reports.filter(status="filed").count() == 1
    closed, running = made["voters_closed"], made["voters_open"]
    assert (closed.satisfied, closed.basic, closed.unsatisfied, closed.grade) == (30, 7, 3, "满意")
    assert closed.station_id == world_a.station.pk and closed.evaluation == "closed"
    assert running.status == "rating" and running.evaluation == "open"
    assert VoterEvaluation.objects.in_congress(c).filter(report=running).count() == 7
