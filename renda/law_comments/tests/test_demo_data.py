"""The demo's comments: fifteen from every source across the articles, some decided, the rest waiting."""

from renda.core.roles import Role
from renda.law_comments import demo_data, queries
from renda.law_comments.models import LawComment
from renda.law_comments.tests.fixtures import make_version


def test_the_demo_opens_a_period_with_comments_from_every_source(world_a):
    period = demo_data.build(world_a.congress, office=world_a.office, version=make_version(world_a),
                             contact_point=world_a.contact_point,
                             deputies=[world_a.deputies[0], world_a.users[Role.SC_MEMBER]],
                             unit_officer=world_a.users[Role.UNIT_OFFICER])
    rows = LawComment.objects.in_congress(world_a.congress).filter(period=period)
    assert rows.count() == 15
    assert set(rows.values_list("source", flat=True)) == {"public", "deputy", "member", "unit", "contact_point"}
    totals = queries.totals(period)
    assert totals.undecided == 9 and totals.total == 15
    assert period.audiences == ["deputies", "units", "contact_points", "public"]
