import datetime

from renda.appointments import actions
from renda.appointments.models import Nominee
from renda.appointments.tests.fixtures import sitting, small_bill
from renda.core.actions import change_rule
from renda.people import popolo


def test_popolo_gains_the_appointed_posts_and_memberships_once_sworn(world_a):
    c = world_a.congress
    bill = small_bill(world_a, "decided", name="冯任")
    nominee = Nominee.objects.in_congress(c).get(bill=bill)
    data = popolo.export(c)
    post_id = f"post-{nominee.organisation_id}-副市长"
    assert data["posts"] == [{"id": post_id, "label": "市人民政府副市长", "role": "副市长",
                              "organization_id": f"organization-{nominee.organisation_id}"}]
    assert not any(m.get("post_id") == post_id for m in data["memberships"])  # 待宣誓: not shown yet
    actions.record_oath(c, actor=world_a.root, meeting=sitting(world_a, members=3, sign_in=3),
                        held_on=datetime.date.today(), leader=world_a.deputies[1].person, persons=[nominee.person_id])
    [held] = [m for m in popolo.export(c)["memberships"] if m.get("post_id") == post_id]
    assert held["person_id"] == f"person-{nominee.person_id}" and held["start_date"] == datetime.date.today().isoformat()


def test_without_the_oath_rule_the_appointment_shows_at_once(world_a):
    change_rule(world_a.congress, actor=world_a.root, key="appointments.oath_required", value=False)
    small_bill(world_a, "decided", name="褚任")
    assert any("post_id" in m for m in popolo.export(world_a.congress)["memberships"])
