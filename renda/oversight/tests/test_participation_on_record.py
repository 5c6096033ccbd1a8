"""A survey, inspection or visit counts in each participant's record: the deputy's page (staff) and the
deputy's own 我的履职 list it, with their part; the public page of a deputy does not."""

import datetime

from renda.oversight.actions import fieldwork
from renda.oversight.tests.permission_calls_fieldwork import make_activity
from renda.testing import signed_in


def test_it_lists_the_activity_with_the_part_taken(world_a):
    deputy, member = world_a.deputies
    activity = make_activity(world_a, kind="visit", title="代表视察城区供热工作")
    fieldwork.record_site_visit(world_a.congress, activity, actor=world_a.office, day=datetime.date.today(),
                                county="中城区", place="城区热源厂", observations="满负荷运行", visitors=[member.person])
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/deputies/{member.pk}/").content.decode()
    assert "参加调研、检查和视察" in page and "代表视察城区供热工作" in page
    assert "实地察看 1 处" in page
    mine = signed_in(member.person.user).get(f"/c/{world_a.congress.code}/me/").content.decode()
    assert "代表视察城区供热工作" in mine


def test_the_public_page_of_a_deputy_does_not_show_it(world_a, client):
    activity = make_activity(world_a, kind="visit", title="代表视察城区供热工作")
    assert activity.pk
    page = client.get(f"/c/{world_a.congress.code}/deputies/{world_a.deputies[0].pk}/").content.decode()
    assert "代表视察城区供热工作" not in page


def test_a_deputy_not_on_the_team_has_nothing_listed(world_a):
    make_activity(world_a, kind="visit", title="代表视察城区供热工作", team=[world_a.deputies[1].person])
    page = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/deputies/{world_a.deputies[0].pk}/").content.decode()
    assert "代表视察城区供热工作" not in page
