"""出席名单: the meeting page lists the first ``ROSTER_ON_PAGE`` of its roster and links a plenary's
thousands to their own page, a hundred at a time, found by name or delegation and by attendance, for
those who run the meeting only."""

from __future__ import annotations

import re

import pytest

from renda.meetings import actions, views
from renda.meetings.models import RosterEntry
from renda.testing import make_meeting, signed_in


def page_of(world, meeting, tail: str = "") -> str:
    return f"/c/{world.congress.code}/meetings/{meeting.pk}/{tail}"


def rows_of(html: str) -> list[list[str]]:
    table = re.search(r'<table class="responsive roster">.*?<tbody>(.*?)</tbody>', html, re.S)
    assert table is not None, "the page has its roster table"
    body = table.group(1)
    return [re.findall(r"<td[^>]*>(.*?)</td>", row) for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)]


@pytest.mark.parametrize("on_page, linked", [(4, False), (3, True)])
def test_the_meeting_page_lists_the_first_rows_and_links_the_rest(world_a, monkeypatch, on_page, linked):
    meeting = make_meeting(world_a, members=4, open_it=False)
    monkeypatch.setattr(views, "ROSTER_ON_PAGE", on_page)
    page = signed_in(world_a.office).get(page_of(world_a, meeting)).content.decode()
    assert len(rows_of(page)) == min(on_page, 4)
    assert (page_of(world_a, meeting, "roster/") in page) is linked
    assert ("共 4 人，这里列出前 3 人" in page) is linked


def test_the_roster_page_goes_on_where_a_page_ends_and_finds_by_name_and_attendance(world_a, monkeypatch):
    meeting = make_meeting(world_a, members=5, open_it=False)
    monkeypatch.setattr(views, "ROSTER_ON_PAGE", 2)
    office = signed_in(world_a.office)
    everyone = rows_of(office.get(page_of(world_a, meeting, "roster/?page=1")).content.decode())
    second = office.get(page_of(world_a, meeting, "roster/?page=2")).content.decode()
    last = office.get(page_of(world_a, meeting, "roster/?page=3")).content.decode()
    assert [r[0] for r in everyone] == ["1", "2"] and [r[0] for r in rows_of(second)] == ["3", "4"]
    assert [r[0] for r in rows_of(last)] == ["5"] and "下一页" not in last and "上一页" in last
    assert "第 2 / 3 页" in second
    names = [r[1] for r in everyone + rows_of(second) + rows_of(last)]
    assert len(set(names)) == 5

    wanted = names[3]
    found = office.get(page_of(world_a, meeting, "roster/"), {"q": wanted}).content.decode()
    assert [r[1] for r in rows_of(found)] == [wanted] and [r[0] for r in rows_of(found)] == ["4"]  # its place in the whole

    person = RosterEntry.objects.in_congress(world_a.congress).get(meeting=meeting, person__name=wanted).person
    actions.open_meeting(world_a.congress, meeting, actor=world_a.office)
    actions.sign_in_at_desk(world_a.congress, meeting, actor=world_a.office, person=person)
    present = office.get(page_of(world_a, meeting, "roster/"), {"attendance": "present"}).content.decode()
    assert [r[1] for r in rows_of(present)] == [wanted] and "出席 1 人" in present and "找到 1 人" in present
    assert [r[3] for r in rows_of(present)] == ["出席"]

@pytest.mark.parametrize("query", [{"page": "0"}, {"page": "-1"}, {"page": "x"}, {"page": "999999999999999999999"}, {"page": "²"},
                                   {"attendance": "nonsense"}, {"q": "没有这个人"}])
def test_odd_addresses_answer_a_page_not_an_error(world_a, query):
    meeting = make_meeting(world_a, members=3, open_it=False)
    response = signed_in(world_a.office).get(page_of(world_a, meeting, "roster/"), query)
    assert response.status_code == 200
    html = response.content.decode()
    if "q" in query:
        assert rows_of(html) == [["没有符合条件的人员。"]]
    else:
        assert len(rows_of(html)) == 3


def test_only_those_who_run_the_meeting_see_the_roster_and_only_of_their_congress(world_a, world_b):
    meeting = make_meeting(world_a, members=3, open_it=False)
    assert signed_in(world_a.deputy).get(page_of(world_a, meeting, "roster/")).status_code == 403
    other = f"/c/{world_b.congress.code}/meetings/{meeting.pk}/roster/"
    assert signed_in(world_b.office).get(other).status_code == 404
