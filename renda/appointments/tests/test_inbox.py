from renda.appointments.models import Nominee
from renda.appointments.tests.fixtures import small_bill
from renda.core.inbox import tasks_for
from renda.core.roles import Role


def test_the_office_is_asked_to_decide_issue_and_swear(world_a):
    small_bill(world_a, "voting", name="蒋决")
    keys = {t.key: t.count for t in tasks_for(world_a.congress, world_a.office)}
    assert keys.get("appointments_decide") == 1
    decided = small_bill(world_a, "decided", name="沈任")
    keys = {t.key: t.count for t in tasks_for(world_a.congress, world_a.office)}
    assert keys.get("appointments_issue") == 1 and keys.get("appointments_oath") == 1
    assert Nominee.objects.in_congress(world_a.congress).filter(bill=decided).count() == 1
    assert not any(t.key.startswith("appointments") for t in tasks_for(world_a.congress, world_a.users[Role.DEPUTY]))
