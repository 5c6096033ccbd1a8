"""The record page's attendance over the term: each year's attended / on leave / absent are the figures
that year's record shows, drawn as a chart whose table and .xlsx hold the same numbers; the deputy sees
their own, staff everyone's, another congress's person is not found."""

from __future__ import annotations

from django.utils import timezone

from renda.core.roles import Role
from renda.core.tests import chart_checks as charts
from renda.meetings.models import Meeting, RosterEntry
from renda.records import queries
from renda.testing import make_meeting, signed_in

YEAR = timezone.localdate().year


def a_term_of_meetings(world):
    """This year the deputy attends one meeting; last year they attended one and missed one."""
    c, person = world.congress, world.deputies[0].person
    make_meeting(world, members=3)
    earlier = [make_meeting(world, members=3) for _ in range(2)]
    Meeting.objects.in_congress(c).filter(pk__in=[m.pk for m in earlier]).update(
        starts_at=timezone.now().replace(year=YEAR - 1, month=6, day=1))
    RosterEntry.objects.in_congress(c).filter(meeting=earlier[1], person=person).update(
        attendance=RosterEntry.Attendance.ABSENT)
    return person


def url(world, person, suffix=""):
    return f"/c/{world.congress.code}/records/{person.pk}/{YEAR}/{suffix}"


def test_it_charts_each_year_of_the_term_with_that_years_record_figures(world_a):
    person = a_term_of_meetings(world_a)
    client = signed_in(world_a.office)
    page = client.get(url(world_a, person)).content.decode()
    table = charts.table(page, "chart-attendance")
    start = world_a.term.start.year
    assert [row[0] for row in table] == [f"{y}年" for y in range(start, YEAR + 1)]
    for label, attended, on_leave, absent, expected in table:
        values = queries.record_for(world_a.congress, person, int(label[:-1])).values
        assert (int(attended), int(on_leave), int(absent)) == (
            values["meetings_attended"], values["meetings_on_leave"], values["meetings_absent"])
        assert int(expected) == int(attended) + int(on_leave) + int(absent)
    assert table[-2][1:] == ("1", "0", "1", "2") and table[-1][1:] == ("1", "0", "0", "1")

    response = client.get(url(world_a, person, "attendance.xlsx"))
    assert "filename*=UTF-8''" in response["Content-Disposition"]
    sheet = charts.sheet_rows(charts.workbook(response), charts.workbook(response).sheetnames[0])
    exported = [r for r in sheet[3:] if r[0] is not None]
    assert [(f"{r[0]}年", *(str(v) for v in r[1:5])) for r in exported] == table
    assert exported[-2][5] == 0.5


def test_a_term_without_meetings_gives_the_empty_text(world_a):
    person = world_a.deputies[0].person
    page = signed_in(world_a.deputy).get(url(world_a, person)).content.decode()
    assert charts.is_empty(page, "chart-attendance") and "本届还没有应出席的会议" in page


def test_the_deputy_sees_their_own_only_and_another_congress_does_not_find_it(world_a, world_b):
    person = a_term_of_meetings(world_a)
    other = world_a.deputies[1].person
    deputy = signed_in(world_a.deputy)
    assert deputy.get(url(world_a, person, "attendance.xlsx")).status_code == 200
    assert deputy.get(url(world_a, other, "attendance.xlsx")).status_code == 403
    assert signed_in(world_a.users[Role.UNIT_OFFICER]).get(url(world_a, person, "attendance.xlsx")).status_code == 403
    elsewhere = signed_in(world_b.office).get(f"/c/{world_b.congress.code}/records/{person.pk}/{YEAR}/attendance.xlsx")
    assert elsewhere.status_code == 404
