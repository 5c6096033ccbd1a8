"""The work points' use cases: the adopted document, dated items, links, closing and carrying over,
and overdue at its boundary."""

import datetime

import pytest
from django.utils import timezone

from renda.core.errors import NotFound, NotPermitted, ValidationError
from renda.oversight.models import WorkReport
from renda.people import actions as people_actions
from renda.testing import make_meeting
from renda.work_points import actions, queries
from renda.work_points.models import WorkPlan, WorkPoint, WorkPointLink
from renda.work_points.tests.fixtures import office, point, today, work_plan

DAY = datetime.timedelta(days=1)


def test_the_plan_is_adopted_at_a_directors_or_party_group_meeting(world_a, world_b):
    c = world_a.congress
    symposium = make_meeting(world_a, kind="symposium", members=0, open_it=False)
    with pytest.raises(ValidationError, match="主任会议、党组会议或常委会会议"):
        actions.create_plan(c, actor=world_a.root, year=2026, meeting=symposium.pk)
    other = make_meeting(world_b, kind="directors", members=3, open_it=False)
    with pytest.raises(ValidationError, match="不是本级的会议"):
        actions.create_plan(c, actor=world_a.root, year=2026, meeting=other.pk)
    assert WorkPlan.objects.in_congress(c).count() == 0
    party = make_meeting(world_a, kind="party_group", members=0, open_it=False)
    made = actions.create_plan(c, actor=world_a.office, year=2026, meeting=party.pk)
    assert made.adopted_on == timezone.localtime(party.starts_at).date() and made.title == "2026年工作要点"
    with pytest.raises(ValidationError, match="已经建立"):
        actions.create_plan(c, actor=world_a.root, year=2026)
    with pytest.raises(NotPermitted):
        actions.create_plan(c, actor=world_a.users["committee_staff"], year=2027)


def test_an_item_by_day_or_by_month(world_a):
    c = world_a.congress
    plan = work_plan(world_a, 2026)
    by_month = actions.add_point(c, plan, actor=world_a.root, text_="听取审议计划执行情况报告", owner=office(world_a).pk,
                                 due="2026-02")
    assert by_month.due_on == datetime.date(2026, 2, 28) and by_month.month_only and by_month.due_text == "2026年2月"
    by_day = point(world_a, "2026-06-30", year=2026)
    assert by_day.number == 2 and by_day.leader == world_a.deputies[1].person


@pytest.mark.parametrize("bad,field", [
    ({"text_": " "}, "工作事项"), ({"owner": None}, "责任委室"), ({"due": ""}, "完成时间"), ({"due": "2026-13"}, "完成时间"),
    ({"due": "明天"}, "完成时间"), ({"leader": 999999}, "分管领导"),
])
def test_bad_items_write_nothing(world_a, bad, field):
    plan = work_plan(world_a, 2026)
    args = {"text_": "事项", "owner": world_a.committee.pk, "due": "2026-05-01"} | bad
    with pytest.raises(ValidationError, match=field):
        actions.add_point(world_a.congress, plan, actor=world_a.root, **args)
    assert WorkPoint.objects.in_congress(world_a.congress).count() == 0


def test_an_owner_must_be_a_committee_or_the_office(world_a):
    with pytest.raises(ValidationError, match="责任委室"):
        actions.add_point(world_a.congress, work_plan(world_a), actor=world_a.root, text_="事项", owner=world_a.unit.pk,
                          due="2026-05-01")


def test_overdue_at_the_boundary(world_a):
    c, day = world_a.congress, today()
    due_today, due_yesterday = point(world_a, day), point(world_a, day - DAY)
    assert not due_today.is_overdue(day) and due_yesterday.is_overdue(day)
    assert list(queries.overdue_for(c, day)) == [due_yesterday]
    assert set(queries.overdue_for(c, day + DAY)) == {due_today, due_yesterday}
    actions.close_point(c, due_yesterday, actor=world_a.root, note="已完成")
    assert list(queries.overdue_for(c, day)) == []


def test_links_to_what_fulfils_an_item(world_a, world_b):
    c = world_a.congress
    item = point(world_a)
    meeting = make_meeting(world_a, members=3, open_it=False)
    actions.link_point(c, item, actor=world_a.root, meeting=meeting.pk)
    with pytest.raises(ValidationError, match="已关联"):
        actions.link_point(c, item, actor=world_a.root, meeting=meeting.pk)
    with pytest.raises(ValidationError, match="只选一项"):
        actions.link_point(c, item, actor=world_a.root)
    with pytest.raises(ValidationError, match="只选一项"):
        actions.link_point(c, item, actor=world_a.root, meeting=meeting.pk, work_report=1)
    other = make_meeting(world_b, members=3, open_it=False)
    with pytest.raises(ValidationError, match="不属于本级"):
        actions.link_point(c, item, actor=world_a.root, meeting=other.pk)
    report = WorkReport.objects.create(congress=c, title="关于教育工作的报告", body=world_a.unit, meeting=meeting)
    actions.link_point(c, item, actor=world_a.root, work_report=report)
    assert WorkPointLink.objects.in_congress(c).filter(point=item).count() == 2


def test_closing_needs_a_note_and_only_the_owner_closes(world_a):
    c = world_a.congress
    staff = world_a.users["committee_staff"]
    mine, office_s = point(world_a), point(world_a, owner=office(world_a))
    with pytest.raises(ValidationError, match="完成情况"):
        actions.close_point(c, mine, actor=staff, note="")
    with pytest.raises(ValidationError, match="办结日期"):
        actions.close_point(c, mine, actor=staff, note="已完成", on="2999-01-01")
    mine.refresh_from_db()
    assert mine.status == "open"
    with pytest.raises(NotPermitted, match="本委室"):
        actions.close_point(c, office_s, actor=staff, note="已完成")
    actions.close_point(c, mine, actor=staff, note="已完成")
    mine.refresh_from_db()
    assert mine.status == "done" and mine.closed_on == today()
    with pytest.raises(ValidationError):
        actions.close_point(c, mine, actor=world_a.root, note="再办结一次")


def test_carrying_over_to_next_year(world_a):
    c = world_a.congress
    item = point(world_a, "2026-11-30", year=2026)
    next_year = work_plan(world_a, 2027)
    with pytest.raises(ValidationError, match="结转理由"):
        actions.carry_over(c, item, actor=world_a.root, note="", to_plan=next_year, due="2027-03")
    earlier = work_plan(world_a, 2025)
    with pytest.raises(ValidationError, match="以后年度"):
        actions.carry_over(c, item, actor=world_a.root, note="跨年度", to_plan=earlier, due="2027-03")
    actions.carry_over(c, item, actor=world_a.root, note="需跨年度推进", to_plan=next_year, due="2027-03")
    item.refresh_from_db()
    copy = WorkPoint.objects.in_congress(c).get(pk=item.carried_to_id)
    assert item.status == "carried" and copy.plan_id == next_year.pk and copy.due_on == datetime.date(2027, 3, 31)


def test_another_congress_s_item_is_not_found(world_a, world_b):
    item = point(world_b)
    with pytest.raises(NotFound):
        actions.close_point(world_a.congress, item, actor=world_a.root, note="x")


def test_the_calendar_by_month(world_a):
    c = world_a.congress
    point(world_a, "2026-03-10", year=2026)
    point(world_a, "2026-03-20", year=2026)
    point(world_a, "2026-09-01", year=2026)
    months = queries.calendar(c, 2026)
    assert [len(m["points"]) for m in months] == [0, 0, 2, 0, 0, 0, 0, 0, 1, 0, 0, 0]
    assert people_actions  # the office organisation helper uses it


def test_voted_at_a_session_with_its_vote(world_a):
    from renda.voting import actions as voting

    c = world_a.congress
    session = make_meeting(world_a, members=3)
    elsewhere = make_meeting(world_a, members=3)
    vote = voting.create_vote(c, session, actor=world_a.office, title="表决2026年工作要点")
    other = voting.create_vote(c, elsewhere, actor=world_a.office, title="其他表决")
    with pytest.raises(ValidationError, match="通过的会议上的表决"):
        actions.create_plan(c, actor=world_a.root, year=2026, meeting=session.pk, vote=other.pk)
    assert WorkPlan.objects.in_congress(c).count() == 0
    made = actions.create_plan(c, actor=world_a.root, year=2026, meeting=session.pk, vote=vote.pk)
    assert made.vote_id == vote.pk and made.adopted_at_id == session.pk
