"""The plan page's items table and the activity list are kept per data version and reader (views.plan,
views.activities): a write is seen at once, each session's forms carry its own token, and a reader who may
do less is never shown what the office was shown."""

import re

from django.utils import timezone

from renda.core.roles import Role
from renda.oversight.actions import plan as plan_actions
from renda.oversight.tests.plan_fixtures import make_activity, make_item, make_plan, ready_activity
from renda.testing import make_meeting, signed_in


def page(client, url) -> str:
    return client.get(url).content.decode()


def test_the_plan_items_follow_a_write_and_each_reader_sees_their_own(world_a):
    plan = make_plan(world_a)
    item = make_item(world_a, plan)
    directors = make_meeting(world_a, kind="directors", open_it=False)
    plan_actions.approve_oversight_plan(world_a.congress, plan, actor=world_a.office, meeting=directors,
                                        approved_on=timezone.localdate())
    url = f"/c/{world_a.congress.code}/oversight/plans/{plan.pk}/"
    office, other_office = signed_in(world_a.office), signed_in(world_a.office)
    member = signed_in(world_a.users[Role.SC_MEMBER])
    first = page(office, url)
    assert f'action="/c/{world_a.congress.code}/oversight/plans/{plan.pk}/do/item-status/"' in first
    # Another session at the same version: the same kept table, with that session's own token in its forms.
    tokens = [set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', page(c, url))) for c in (office, other_office)]
    assert all(len(t) >= 1 for t in tokens) and tokens[0].isdisjoint(tokens[1])
    assert "item-status" not in page(member, url)   # a member may read the plan, not record a status
    plan_actions.set_plan_item_status(world_a.congress, item, actor=world_a.office, status="postponed",
                                      note="推迟到下半年")
    assert "推迟到下半年" in page(office, url) and "推迟到下半年" in page(member, url)


def test_the_activity_list_follows_a_write_and_a_team_member_sees_only_their_own(world_a):
    url = f"/c/{world_a.congress.code}/oversight/activities/"
    office = signed_in(world_a.office)
    make_activity(world_a, title="农村饮水安全调研")
    assert "农村饮水安全调研" in page(office, url)
    make_activity(world_a, title="食品安全法执法检查", kind="law_inspection")
    listed = page(office, url)
    assert "农村饮水安全调研" in listed and "食品安全法执法检查" in listed
    ready_activity(world_a, title="城市内涝治理视察")   # the deputy persona is on its team
    mine = page(signed_in(world_a.deputy), url)
    assert "城市内涝治理视察" in mine and "农村饮水安全调研" not in mine
