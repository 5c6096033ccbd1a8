"""The activities list exports the activities its reader sees, as filtered: times as dates, counts as
numbers; a deputy, who has no list, gets no export; another congress's list does not exist."""

from renda.activities import actions
from renda.activities.tests.fixtures import DAY, activity
from renda.proposals.tests.sheets import column, csv_rows, xlsx
from renda.testing import signed_in


def test_it_exports_the_activities_as_filtered(world_a, world_b):
    survey = activity(world_a, topic="农村饮水安全调研")
    activity(world_a, topic="=1+1 教育座谈", kind="symposium")
    actions.add_participants(world_a.congress, survey, actor=world_a.office, people=[world_a.deputies[0].person])
    office = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/activities/"
    assert "export=xlsx" in office.get(url, {"year": DAY.year}).content.decode()
    sheet, header, rows = xlsx(office, url, year=DAY.year)
    assert world_a.congress.name in sheet["A1"].value and sheet.freeze_panes == "A4" and len(rows) == 2
    assert column(header, rows, "开始时间")[0].is_date
    assert next(c for c in column(header, rows, "主题") if c.value.startswith("=")).data_type == "s"
    _, header, rows = xlsx(office, url, year=DAY.year, q="饮水")
    assert [c.value for c in column(header, rows, "主题")] == ["农村饮水安全调研"]
    assert column(header, rows, "邀请人数")[0].value == 1 and column(header, rows, "邀请人数")[0].data_type == "n"
    _, _, rows = xlsx(office, url, year=DAY.year, kind="symposium")
    assert len(rows) == 1
    refused = signed_in(world_a.deputy).get(url, {"year": DAY.year, "export": "xlsx"})  # a deputy has 我的活动 instead
    assert refused.status_code == 403 and "spreadsheetml" not in refused.get("Content-Type", "")
    assert len(csv_rows(office, url, year=DAY.year, q="座谈")) == 2
    response = office.get(f"/c/{world_b.congress.code}/activities/", {"export": "xlsx"})
    assert response.status_code in (403, 404)
