"""The letters list exports its letters as filtered, with counts as numbers and rates as percentages."""

from renda.deputy_pages import actions
from renda.proposals.tests.sheets import column, csv_rows, xlsx
from renda.testing import signed_in


def test_it_exports_the_letters_with_counts_and_rates(world_a, world_b):
    letter = actions.send_letter(world_a.congress, actor=world_a.office, title="关于征求大会议题意见的信",
                                 body="各位代表：请就明年大会议题提出意见。")
    actions.send_letter(world_a.congress, actor=world_a.office, title="=1+1 调研通知", body="请参加调研。")
    actions.reply_to_letter(world_a.congress, letter, actor=world_a.deputy, reply="建议讨论教育")
    office = signed_in(world_a.office)
    url = f"/c/{world_a.congress.code}/letters/"
    assert "export=csv" in office.get(url).content.decode()
    sheet, header, rows = xlsx(office, url)
    assert world_a.congress.name in sheet["A1"].value and sheet.freeze_panes == "A4" and len(rows) == 2
    assert next(c for c in column(header, rows, "标题") if c.value.startswith("=")).data_type == "s"
    _, header, rows = xlsx(office, url, q="议题")
    assert [c.value for c in column(header, rows, "标题")] == ["关于征求大会议题意见的信"]
    recipients = column(header, rows, "收信代表")[0].value
    assert isinstance(recipients, int) and recipients > 0 and column(header, rows, "回复")[0].value == 1
    assert column(header, rows, "回复率")[0].number_format == "0.0%"
    assert abs(column(header, rows, "回复率")[0].value - 1 / recipients) < 1e-9
    assert column(header, rows, "发出时间")[0].is_date
    assert "调研通知" not in office.get(url, {"q": "议题"}).content.decode()
    assert len(csv_rows(office, url, year="2001")) == 1
    response = office.get(f"/c/{world_b.congress.code}/letters/", {"export": "xlsx"})
    assert response.status_code in (403, 404)
