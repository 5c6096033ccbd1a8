"""我的日程: a person's month shows their own meetings with their role, duty days and deadlines — not
another person's; staff see every meeting; another congress's user gets 404; a bad month falls back."""


from django.test import Client

from renda.core.roles import Role
from renda.liaison import actions as liaison
from renda.meetings import actions as meetings
from renda.schedule.entries import entries_for
from renda.schedule.tests.helpers import month, sc_meeting, soon
from renda.testing import signed_in


def page(world, user, query: str = ""):
    return signed_in(user).get(f"/c/{world.congress.code}/calendar/{query}")


def test_it_shows_own_meeting_with_the_role_and_time_in_beijing(world_a):
    day = soon()
    meeting = sc_meeting(world_a, day, chair=world_a.deputies[1].person)
    html = page(world_a, world_a.deputy, f"?month={month(day)}").content.decode()
    assert meeting.title in html and f"/meetings/{meeting.pk}/" in html
    assert "09:30" in html and "出席" in html
    chair_html = page(world_a, world_a.users[Role.SC_MEMBER], f"?month={month(day)}").content.decode()
    assert meeting.title in chair_html and "主持" in chair_html


def test_it_names_a_non_voting_attendee_by_post(world_a):
    day = soon()
    meeting = sc_meeting(world_a, day)
    outsider = world_a.make_deputy("赵列席")
    meetings.add_attendee(world_a.congress, meeting, actor=world_a.root, person=outsider.person, post="市人大代表")
    entries = [e for e in entries_for(world_a.congress, _user_for(world_a, outsider), day, day)
               if e.kind == "meeting"]
    assert [(e.title, e.role) for e in entries] == [(meeting.title, "列席（市人大代表）")]


def _user_for(world, mandate):
    from renda.core import actions as core_actions
    from renda.testing import make_user

    user = make_user(f"u-{mandate.pk}-{world.congress.code}")
    core_actions.grant_role(world.congress, actor=world.root, user=user, role=Role.DEPUTY)
    mandate.person.user = user
    mandate.person.save(update_fields=["user"])
    return user


def test_it_does_not_show_a_meeting_the_person_is_not_on(world_a):
    day = soon()
    meeting = sc_meeting(world_a, day)
    stranger = world_a.make_deputy("钱不在")
    entries = entries_for(world_a.congress, _user_for(world_a, stranger), day, day)
    assert meeting.title not in [e.title for e in entries]


def test_staff_see_the_congress_meetings(world_a):
    day = soon()
    meeting = sc_meeting(world_a, day)
    html = page(world_a, world_a.office, f"?month={month(day)}").content.decode()
    assert meeting.title in html and "工作人员" in html


def test_it_shows_station_duty_days(world_a):
    day = soon(3)
    liaison.set_rota(world_a.congress, world_a.station, actor=world_a.root, on=day, mandates=[world_a.deputies[0]])
    html = page(world_a, world_a.deputy, f"?month={month(day)}").content.decode()
    assert f"进站接待：{world_a.station.name}" in html and f"/stations/{world_a.station.pk}/" in html
    other = page(world_a, world_a.users[Role.SC_MEMBER], f"?month={month(day)}").content.decode()
    assert "进站接待：" not in other


def test_it_shows_own_deadlines_and_not_another_persons(world_a):
    from renda.answer_quality.tests.helpers import answered, item_for

    waiting = item_for(world_a, world_a.unit, title="关于增设公交线路的建议", body="请研究")  # assigned 2026-01-10
    answered(world_a, "已于三月调整线路。", title="关于校车的建议")  # answered 2026-03-01: rating due 03-31
    unit_officer = world_a.users[Role.UNIT_OFFICER]
    unit_april = page(world_a, unit_officer, "?month=2026-04").content.decode()
    assert "答复期限：" in unit_april and "关于增设公交线路的建议" in unit_april
    assert f"/suggestions/{waiting.pk}/" in unit_april
    deputy_march = page(world_a, world_a.deputy, "?month=2026-03").content.decode()
    assert "评价答复：" in deputy_march and "关于校车的建议" in deputy_march
    # The deputy does not see the unit's answer due; the SC member does not see the deputy's rating.
    assert "答复期限：" not in page(world_a, world_a.deputy, "?month=2026-04").content.decode()
    assert "评价答复：" not in page(world_a, world_a.users[Role.SC_MEMBER], "?month=2026-03").content.decode()


def test_it_moves_between_months_in_the_address(world_a):
    html = page(world_a, world_a.deputy, "?month=2026-12").content.decode()
    assert "2026年12月" in html and "?month=2026-11" in html and "?month=2027-01" in html


def test_a_bad_month_falls_back_to_this_month_with_a_message(world_a):
    for bad in ("2026-13", "abc", "99999-01", "2026-0", "２０２６-１２", "1899-12"):
        response = page(world_a, world_a.deputy, f"?month={bad}")
        assert response.status_code == 200, bad
        assert "“月份”须为" in response.content.decode(), bad


def test_another_congress_user_gets_404_and_anonymous_signs_in(world_a, world_b):
    assert page(world_a, world_b.deputy).status_code == 404
    assert page(world_a, world_b.office).status_code == 404
    assert page(world_a, world_a.public).status_code == 404  # signed in, no role here: the same answer
    response = Client().get(f"/c/{world_a.congress.code}/calendar/")
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_another_congress_meeting_is_not_on_the_calendar(world_a, world_b):
    day = soon()
    theirs = sc_meeting(world_b, day)
    html = page(world_a, world_a.office, f"?month={month(day)}").content.decode()
    assert f"/meetings/{theirs.pk}/" not in html
