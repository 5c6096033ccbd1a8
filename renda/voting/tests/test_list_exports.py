"""The list of votes with their results, and its export (issue 18, points 1 and 7a): a counted result
is the staff's until the chair announces it, on the page and in the export alike."""

from renda.core.tests import export_checks as check
from renda.testing import make_meeting, signed_in, teller_keys, voters
from renda.voting import actions


def _vote(world, title: str, yes: int, *, announce: bool):
    meeting = make_meeting(world, members=5, sign_in=5)
    vote = actions.create_vote(world.congress, meeting, actor=world.office, title=title)
    vote = actions.open_vote(world.congress, vote, actor=world.office)
    for n, user in enumerate(voters(meeting)):
        actions.cast_vote(world.congress, vote, actor=user, choice="yes" if n < yes else "no")
    actions.close_vote(world.congress, vote, actor=world.office, teller_keys=teller_keys(vote))
    vote.refresh_from_db()
    if announce:
        vote = actions.announce_result(world.congress, vote, actor=world.office)
    return vote


def test_it_lists_and_exports_the_votes_with_their_results(world_a, world_b):
    _vote(world_a, "关于批准预算调整方案的决议", 4, announce=True)
    _vote(world_a, "=关于人事任免的决定", 2, announce=False)
    _vote(world_b, "外市表决", 5, announce=True)
    office = signed_in(world_a.office)
    base = f"/c/{world_a.congress.code}/votes/"
    page = office.get(base + "?q=预算").content.decode()
    assert "关于批准预算调整方案的决议" in page and "人事任免" not in page and "export=xlsx" in page
    ws = check.sheet(office.get(base + "?export=xlsx"), world_a.congress)
    assert sorted(check.column(ws, "表决事项")) == sorted(["关于批准预算调整方案的决议", "=关于人事任免的决定"])
    check.assert_dates(ws, "会议日期")
    check.assert_dates(ws, "结束时间")
    check.assert_numbers(ws, "赞成", "0")
    check.assert_numbers(ws, "赞成票占应到人数", "0.0%")
    narrowed = check.sheet(office.get(base + "?q=预算&export=xlsx"), world_a.congress, filters="关键词：预算")
    [row] = check.records(narrowed)
    assert (row["赞成"], row["反对"], row["应到人数"], row["赞成票占应到人数"], row["结果"]) == (4, 1, 5, 0.8, "通过")
    rows = check.csv_records(office.get(base + "?status=closed&export=csv"))
    assert [(r["表决事项"], r["结果"]) for r in rows] == [("'=关于人事任免的决定", "未通过")]


def test_a_counted_result_is_the_staffs_until_announced(world_a, world_b):
    _vote(world_a, "关于批准预算调整方案的决议", 4, announce=True)
    _vote(world_a, "关于人事任免的决定", 2, announce=False)
    deputy = signed_in(world_a.deputy)
    rows = {r["表决事项"]: r for r in check.records(check.sheet(
        deputy.get(f"/c/{world_a.congress.code}/votes/?export=xlsx"), world_a.congress))}
    assert rows["关于批准预算调整方案的决议"]["赞成"] == 4
    assert rows["关于人事任免的决定"]["赞成"] is None and rows["关于人事任免的决定"]["结果"] is None
    # Another congress's staff sees this congress's announced results only, as the public does.
    other = {r["表决事项"]: r for r in check.csv_records(
        signed_in(world_b.office).get(f"/c/{world_a.congress.code}/votes/?export=csv"))}
    assert other["关于人事任免的决定"]["赞成"] == "" and other["关于批准预算调整方案的决议"]["赞成"] == "4"
    assert "外市表决" not in other
