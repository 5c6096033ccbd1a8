"""The personal iCal feed: issued and regenerated through the actions (audited), read without signing
in by its secret address, parsed by icalendar with the page's entries in Asia/Shanghai; a revoked
address answers 404."""

import datetime
import zoneinfo

import icalendar
import pytest
from django.test import Client

from renda.core import actions as core_actions
from renda.core.errors import NotFound, NotPermitted
from renda.core.models import AuditEntry
from renda.schedule import actions
from renda.schedule.models import CalendarFeed
from renda.schedule.tests.helpers import sc_meeting, soon
from renda.testing import signed_in

SHANGHAI = zoneinfo.ZoneInfo("Asia/Shanghai")


def feed_path(feed: CalendarFeed) -> str:
    return f"/c/{feed.congress.code}/calendar/feed/{feed.secret}.ics"


def events(response) -> list:
    return list(icalendar.Calendar.from_ical(response.content).walk("VEVENT"))


def test_it_serves_the_persons_meetings_and_deadlines_as_icalendar_without_login(world_a):
    from renda.answer_quality.tests.helpers import answered

    day = soon()
    meeting = sc_meeting(world_a, day)
    answered(world_a, "已调整线路。", title="关于校车的建议")  # rating due 2026-03-31
    core_actions.change_rule(world_a.congress, actor=world_a.admin, key="schedule.feed_days_back", value=3660)
    feed = actions.issue_calendar_feed(world_a.congress, actor=world_a.deputy)
    response = Client().get(feed_path(feed))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    assert "filename*=UTF-8''" in response["Content-Disposition"] and ".ics" in response["Content-Disposition"]
    cal = icalendar.Calendar.from_ical(response.content)
    assert [str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")] == ["Asia/Shanghai"]
    found = {str(e["UID"]): e for e in events(response)}
    event = found[f"meeting-{meeting.pk}@{world_a.congress.code}.renda"]
    start, end = event["DTSTART"].dt, event["DTEND"].dt
    assert start == datetime.datetime.combine(day, datetime.time(9, 30), SHANGHAI)
    assert start.tzinfo.key == "Asia/Shanghai" and end - start == datetime.timedelta(hours=3)
    assert meeting.title in str(event["SUMMARY"]) and "出席" in str(event["SUMMARY"])
    assert str(event["URL"]) == f"http://testserver/c/{world_a.congress.code}/meetings/{meeting.pk}/"
    rating = next(e for e in found.values() if "评价答复" in str(e["SUMMARY"]))
    assert rating["DTSTART"].dt == datetime.date(2026, 3, 31) and rating["DTEND"].dt == datetime.date(2026, 4, 1)
    # The UID of an item is the same on the next fetch.
    assert set(found) == {str(e["UID"]) for e in events(Client().get(feed_path(feed)))}


def test_it_does_not_carry_another_persons_deadlines(world_a):
    from renda.answer_quality.tests.helpers import answered

    answered(world_a, "已调整线路。", title="关于校车的建议")
    core_actions.change_rule(world_a.congress, actor=world_a.admin, key="schedule.feed_days_back", value=3660)
    feed = actions.issue_calendar_feed(world_a.congress, actor=world_a.users["sc_member"])
    assert not any("评价答复" in str(e["SUMMARY"]) for e in events(Client().get(feed_path(feed))))


def test_regenerating_revokes_the_old_address(world_a):
    old = actions.issue_calendar_feed(world_a.congress, actor=world_a.deputy)
    new = actions.issue_calendar_feed(world_a.congress, actor=world_a.deputy)
    assert old.secret != new.secret
    assert Client().get(feed_path(old)).status_code == 404
    assert Client().get(feed_path(new)).status_code == 200
    assert AuditEntry.objects.in_congress(world_a.congress).filter(action="issue_calendar_feed").count() == 2


def test_revoking_makes_the_address_404(world_a):
    feed = actions.issue_calendar_feed(world_a.congress, actor=world_a.deputy)
    actions.revoke_calendar_feed(world_a.congress, actor=world_a.deputy)
    assert Client().get(feed_path(feed)).status_code == 404
    assert AuditEntry.objects.in_congress(world_a.congress).filter(action="revoke_calendar_feed").exists()
    with pytest.raises(NotFound):
        actions.revoke_calendar_feed(world_a.congress, actor=world_a.deputy)


def test_the_page_shows_the_address_and_its_buttons_work(world_a):
    client = signed_in(world_a.deputy)
    base = f"/c/{world_a.congress.code}/calendar/"
    assert "生成订阅地址" in client.get(base).content.decode()
    client.post(base + "feed/issue/")
    first = actions.active_feed(world_a.congress, world_a.deputy)
    html = client.get(base).content.decode()
    assert f"http://testserver{feed_path(first)}" in html and "复制订阅地址" in html and "重新生成" in html
    client.post(base + "feed/issue/")
    assert Client().get(feed_path(first)).status_code == 404
    client.post(base + "feed/revoke/")
    assert actions.active_feed(world_a.congress, world_a.deputy) is None


def test_another_congress_user_may_not_issue_and_addresses_do_not_cross(world_a, world_b):
    with pytest.raises(NotPermitted):
        actions.issue_calendar_feed(world_a.congress, actor=world_b.deputy)
    assert signed_in(world_b.deputy).post(f"/c/{world_a.congress.code}/calendar/feed/issue/").status_code == 404
    theirs = actions.issue_calendar_feed(world_b.congress, actor=world_b.deputy)
    assert Client().get(f"/c/{world_a.congress.code}/calendar/feed/{theirs.secret}.ics").status_code == 404
    assert Client().get(f"/c/{world_a.congress.code}/calendar/feed/not-a-secret.ics").status_code == 404


def test_a_disabled_account_feed_answers_404(world_a):
    feed = actions.issue_calendar_feed(world_a.congress, actor=world_a.deputy)
    core_actions.disable_account(world_a.congress, world_a.deputy, actor=world_a.admin)
    assert Client().get(feed_path(feed)).status_code == 404
