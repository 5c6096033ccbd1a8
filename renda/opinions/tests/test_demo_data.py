import pytest

from renda.core.roles import Role
from renda.liaison.models import Concern
from renda.opinions import demo_data
from renda.testing import make_meeting

pytestmark = pytest.mark.django_db


def test_the_demo_builds_through_the_actions(world_a):
    third = world_a.make_deputy("赵强")
    from renda.core import actions as core_actions
    from renda.testing import make_user

    user = make_user("demo-third")
    third.person.user = user
    third.person.save(update_fields=["user"])
    core_actions.grant_role(world_a.congress, actor=world_a.root, user=user, role=Role.DEPUTY)
    made = demo_data.build(world_a.congress, office=world_a.office,
                           deputy_users=[world_a.deputy, world_a.users[Role.SC_MEMBER], user],
                           unit_users={world_a.unit.pk: world_a.users[Role.UNIT_OFFICER]},
                           meeting=make_meeting(world_a, open_it=False))
    main, merged = made["points"][:2]
    merged.refresh_from_db()
    assert merged.status == Concern.Status.ANSWERED and merged.merged_into_id == main.pk
    assert made["petition"].status == Concern.Status.CLOSED and len(made["tasks"]) == 1
