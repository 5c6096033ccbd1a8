"""The meetings list and the repeated absences export exactly what is filtered (issue 18, points 1
and 7a); attendance figures are the office's, as on the meeting's page."""

from renda.core.tests import export_checks as check
from renda.meetings import actions
from renda.testing import make_meeting, signed_in


def test_it_exports_the_filtered_meetings_with_attendance_for_the_office(world_a, world_b):
    make_meeting(world_a, members=4, sign_in=3)
    make_meeting(world_a, kind="plenary", members=4, sign_in=2, open_it=False)
    make_meeting(world_b, members=3)
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/meetings/"
    page = office.get(base + "?kind=sc_session&q=会议室").content.decode()
    assert "export=xlsx" in page and "kind=sc_session" in page
    ws = check.sheet(office.get(base + "?export=xlsx"), world_a.congress)
    assert len(check.records(ws)) == 2
    check.assert_dates(ws, "开始时间")
    check.assert_numbers(ws, "次数", "0")
    check.assert_numbers(ws, "出席率", "0.0%")
    narrowed = check.sheet(office.get(base + "?kind=sc_session&export=xlsx"), world_a.congress, filters="类别：常务委员会会议")
    [row] = check.records(narrowed)
    assert (row["应到人数"], row["实到人数"], row["出席率"]) == (4, 3, 0.75)
    rows = check.csv_records(office.get(base + "?kind=sc_session&export=csv"))
    assert len(rows) == 1 and rows[0]["出席率"] == "75.0%"
    assert check.csv_records(office.get(base + "?q=没有这个地点&export=csv")) == []


def test_a_deputy_gets_the_meetings_without_attendance(world_a):
    make_meeting(world_a, members=3)
    ws = check.sheet(signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/meetings/?export=xlsx"), world_a.congress)
    assert "出席率" not in check.headers(ws) and len(check.records(ws)) == 1


def test_it_exports_the_repeated_absences_for_the_office_only(world_a, world_b):
    for _ in range(2):
        meeting = make_meeting(world_a, kind="plenary", members=2, sign_in=0)
        actions.close_meeting(world_a.congress, meeting, actor=world_a.office)
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/meetings/absences/"
    assert "export=csv" in office.get(base).content.decode()
    ws = check.sheet(office.get(base + "?export=xlsx"), world_a.congress)
    assert sorted(check.column(ws, "姓名")) == sorted(["李明", "王芳"])
    check.assert_numbers(ws, "未经批准缺席次数", "0")
    narrowed = check.sheet(office.get(base + "?q=李&export=xlsx"), world_a.congress, filters="关键词：李")
    assert [(r["姓名"], r["未经批准缺席次数"]) for r in check.records(narrowed)] == [("李明", 2)]
    assert [r["姓名"] for r in check.csv_records(office.get(base + "?q=李&export=csv"))] == ["李明"]
    assert signed_in(world_a.deputy).get(base + "?export=xlsx").status_code == 403
    assert signed_in(world_b.office).get(base + "?export=xlsx").status_code == 403
