"""The demo's review opinions: built through the actions for a deliberated work report, one published
with its reply, the rectification list holding its first point; an inspection report's opinion sent."""

import datetime
from types import SimpleNamespace

from django.utils import timezone

from renda.core.roles import Role
from renda.oversight import demo_opinions
from renda.oversight.actions import reporting
from renda.oversight.models import ReviewOpinion
from renda.oversight.tests.permission_calls_opinions import deliberated_work_report, directors_meeting
from renda.oversight.tests.permission_calls_reporting import activity_in_field, future_session, ready
from renda.rectification.models import RectificationItem


def test_the_demo_publishes_one_opinion_and_sends_another(world_a):
    directors_meeting(world_a)  # the directors' meeting body the demo's meetings belong to
    final = reporting.finalise_oversight_report(world_a.congress, ready(world_a, activity_in_field(world_a)),
                                                actor=world_a.root)
    reporting.place_report_on_agenda(world_a.congress, final, actor=world_a.root, meeting=future_session(world_a),
                                     release_at=timezone.now() + datetime.timedelta(days=1))
    city = SimpleNamespace(congress=world_a.congress, office=world_a.office, term=world_a.term,
                           mandates=world_a.deputies, unit_users={world_a.unit.pk: world_a.users[Role.UNIT_OFFICER]})
    made = demo_opinions.build(city, deliberated_work_report(world_a, status="concluded"))
    assert [o.status for o in made] == [ReviewOpinion.Status.PUBLISHED, ReviewOpinion.Status.DRAFTING]
    assert len(demo_opinions.opinions.points_of(made[0])) == 3
    assert RectificationItem.objects.in_congress(world_a.congress).filter(source="review_opinion").count() == 1
