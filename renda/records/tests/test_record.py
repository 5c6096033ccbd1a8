"""The record (履职档案) is computed from its sources: change a source, the figure changes; the note's
limit; who sees what; secret ballots never read; the combined record reads only the person's congresses."""

from __future__ import annotations

import io

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from renda.core import actions as core_actions
from renda.core.errors import NotFound, NotPermitted
from renda.core.roles import Role
from renda.meetings import actions as meetings
from renda.meetings.models import RosterEntry
from renda.proposals import actions as sg
from renda.records import actions, figures, queries
from renda.testing import make_meeting, signed_in, voters
from renda.voting import actions as voting
from renda.voting.models import BallotReceipt, Vote

YEAR = timezone.localdate().year


def _deputy(world):
    return world.deputies[0]  # 李明, the DEPUTY persona's person


def test_it_changes_when_an_attendance_is_marked_absent(world_a):
    c, person = world_a.congress, _deputy(world_a).person
    meeting = make_meeting(world_a, members=3)
    assert queries.record_for(c, person, YEAR).values["meetings_attended"] == 1
    entry = RosterEntry.objects.in_congress(c).get(meeting=meeting, person=person)
    RosterEntry.objects.in_congress(c).filter(pk=entry.pk).update(attendance=RosterEntry.Attendance.ABSENT)
    record = queries.record_for(c, person, YEAR)
    assert record.values["meetings_attended"] == 0 and record.values["meetings_absent"] == 1
    rows = figures.source_rows(c, person.pk, YEAR, "meetings_absent")
    assert [r.meeting_id for r in rows] == [meeting.pk]


def test_leave_counts_as_absent_with_leave(world_a):
    c, person = world_a.congress, _deputy(world_a).person
    meeting = make_meeting(world_a, members=3, sign_in=0)
    leave = meetings.request_leave(c, meeting, actor=world_a.deputy, reason="出差")
    meetings.decide_leave(c, leave, actor=world_a.office, approve=True)
    meetings.close_meeting(c, meeting, actor=world_a.root)
    values = queries.record_for(c, person, YEAR).values
    assert (values["meetings_on_leave"], values["meetings_absent"]) == (1, 0)
    other = queries.record_for(c, world_a.deputies[1].person, YEAR).values
    assert other["meetings_absent"] == 1


def test_it_changes_when_a_suggestion_is_answered(world_a):
    c, person = world_a.congress, _deputy(world_a).person
    item = sg.save_suggestion_draft(c, actor=world_a.deputy, term=world_a.term, title="修路", body="请修路",
                                    co_signers=[world_a.deputies[1].person])
    sg.confirm_cosign(c, item, actor=world_a.users[Role.SC_MEMBER])
    sg.submit_suggestion(c, item, actor=world_a.deputy)
    values = queries.record_for(c, person, item.year).values
    assert (values["suggestions_led"], values["items_accepted"], values["items_answered"]) == (1, 0, 0)
    assert queries.record_for(c, world_a.deputies[1].person, item.year).values["suggestions_cosigned"] == 1
    sg.assign_suggestion(c, sg.accept_suggestion(c, item, actor=world_a.root), actor=world_a.root, lead_unit=world_a.unit)
    sg.record_contact(c, item, actor=world_a.root, on=timezone.localdate(), way="phone", summary="电话")
    sg.answer_suggestion(c, item, actor=world_a.root, outcome="A", text_="已解决")
    values = queries.record_for(c, person, item.year).values
    assert (values["items_accepted"], values["items_answered"], values["items_solved"]) == (1, 1, 1)
    sg.rate_suggestion(c, item, actor=world_a.deputy, work="满意", result="满意")
    assert queries.record_for(c, person, item.year).values["items_satisfied"] == 1


def test_votes_count_participation_and_never_read_the_choice(world_a):
    c, person = world_a.congress, _deputy(world_a).person
    meeting = make_meeting(world_a, members=3)
    vote = voting.create_vote(c, meeting, actor=world_a.root, title="关于某事项的决定")
    voting.open_vote(c, vote, actor=world_a.root)
    voting.cast_vote(c, vote, actor=voters(meeting)[0], choice="no")
    secret = voting.create_vote(c, meeting, actor=world_a.root, title="满意度测评", kind=Vote.Kind.SATISFACTION)
    BallotReceipt.objects.create(congress=c, vote=secret, person=person, returned=True)
    with CaptureQueriesContext(connection) as run:
        record = queries.record_for(c, person, YEAR)
        rows = figures.source_rows(c, person.pk, YEAR, "votes_cast")
    assert record.values["votes_cast"] == 2
    assert {v.pk for v in rows} == {vote.pk, secret.pk}
    sql = " ".join(q["sql"] for q in run.captured_queries)
    assert '"choice"' not in sql and "voting_secretballot" not in sql and "voting_sealedballot" not in sql
    assert "反对" not in repr(record.values) and "no" not in record.values.values()


def test_the_note_keeps_to_the_limit_and_changes_no_figure(world_a):
    c = world_a.congress
    before = queries.record_for(c, _deputy(world_a).person, YEAR).values
    actions.write_record_note(c, actor=world_a.deputy, year=YEAR, text_="字" * 500)
    with pytest.raises(ValidationError) as refused:
        actions.write_record_note(c, actor=world_a.deputy, year=YEAR, text_="字" * 501)
    assert "不能超过 500 个字" in str(refused.value)
    record = queries.record_for(c, _deputy(world_a).person, YEAR)
    assert record.note.text == "字" * 500 and record.values == before
    with pytest.raises(NotPermitted):
        actions.write_record_note(c, actor=world_a.office, year=YEAR, text_="代写")
    core_actions.change_rule(c, actor=world_a.root, key="records.note_max_chars", value=100)
    with pytest.raises(ValidationError, match="不能超过 100 个字"):
        actions.write_record_note(c, actor=world_a.deputy, year=YEAR, text_="字" * 101)


def test_a_person_of_another_congress_is_not_found(world_a, world_b):
    other = world_b.deputies[0].person
    with pytest.raises(NotFound):
        queries.record_for(world_a.congress, other, YEAR)
    office = signed_in(world_a.office)
    assert office.get(f"/c/{world_a.congress.code}/records/{other.pk}/{YEAR}/").status_code == 404
    assert office.get(f"/c/{world_a.congress.code}/records/{other.pk}/{YEAR}/meetings_attended/").status_code == 404


def test_a_deputy_sees_their_own_and_staff_see_all(world_a):
    code, own, other = world_a.congress.code, _deputy(world_a).person, world_a.deputies[1].person
    deputy = signed_in(world_a.deputy)
    assert deputy.get(f"/c/{code}/records/{own.pk}/{YEAR}/").status_code == 200
    assert deputy.get(f"/c/{code}/records/mine/").status_code == 200
    assert deputy.get(f"/c/{code}/records/{other.pk}/{YEAR}/").status_code == 403
    assert deputy.get(f"/c/{code}/records/").status_code == 403
    assert signed_in(world_a.users[Role.UNIT_OFFICER]).get(f"/c/{code}/records/{own.pk}/{YEAR}/").status_code == 403
    office = signed_in(world_a.office)
    page = office.get(f"/c/{code}/records/{own.pk}/{YEAR}/")
    assert page.status_code == 200 and "records/" in page.content.decode()
    assert office.get(f"/c/{code}/records/?year={YEAR}").status_code == 200
    assert office.get(f"/c/{code}/records/{own.pk}/{YEAR}/no_such_figure/").status_code == 404


def test_the_deputy_writes_a_note_on_the_page_and_a_long_one_comes_back(world_a):
    code, own = world_a.congress.code, _deputy(world_a).person
    deputy = signed_in(world_a.deputy)
    bad = deputy.post(f"/c/{code}/records/{own.pk}/{YEAR}/note/", {"text": "长" * 501})
    assert bad.status_code == 422 and "长" * 501 in bad.content.decode() and "不能超过 500 个字" in bad.content.decode()
    ok = deputy.post(f"/c/{code}/records/{own.pk}/{YEAR}/note/", {"text": "今年重点关注教育"})
    assert ok.status_code == 302
    assert "今年重点关注教育" in deputy.get(f"/c/{code}/records/mine/").content.decode()
    assert signed_in(world_a.office).post(f"/c/{code}/records/{own.pk}/{YEAR}/note/", {"text": "x"}).status_code == 403


def test_the_score_shows_its_formula_when_the_congress_uses_one(world_a):
    c, person = world_a.congress, _deputy(world_a).person
    make_meeting(world_a, members=3)
    assert queries.record_for(c, person, YEAR).score is None
    core_actions.change_rule(c, actor=world_a.root, key="records.score_enabled", value=True)
    core_actions.change_rule(c, actor=world_a.root, key="records.score_weights",
                             value="meetings_attended 2\nsuggestions_led 3")
    score = queries.record_for(c, person, YEAR).score
    assert score.total == 2 and score.formula == "出席会议 1×2 = 2"
    page = signed_in(world_a.office).get(f"/c/{c.code}/records/{person.pk}/{YEAR}/")
    assert "出席会议 1×2 = 2" in page.content.decode()


def test_all_deputies_cost_a_fixed_number_of_queries(world_a):
    c = world_a.congress
    make_meeting(world_a, members=4)
    queries.all_deputies(c, YEAR)  # the rule settings, read once per version of the rules, are then kept
    with CaptureQueriesContext(connection) as few:
        small = queries.all_deputies(c, YEAR)
    for n in range(6):
        world_a.make_deputy(f"新代表{n}")
    with CaptureQueriesContext(connection) as many:
        large = queries.all_deputies(c, YEAR)
    assert len(large) == len(small) + 6
    assert len(many.captured_queries) == len(few.captured_queries)
    by_name = {r.person.name: r.values for r in large}
    assert by_name["李明"]["meetings_attended"] == 1


def test_the_pdf_and_the_xlsx_open(world_a):
    from openpyxl import load_workbook

    code, own = world_a.congress.code, _deputy(world_a).person
    make_meeting(world_a, members=3)
    pdf = signed_in(world_a.deputy).get(f"/c/{code}/records/{own.pk}/{YEAR}/record.pdf")
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    office = signed_in(world_a.office)
    sheet = office.get(f"/c/{code}/records/export.xlsx?year={YEAR}")
    assert sheet.status_code == 200
    book = load_workbook(io.BytesIO(sheet.content))
    rows = list(book.active.iter_rows(values_only=True))
    assert rows[2][1] == "姓名" and any(r[1] == "李明" for r in rows[3:])
    assert signed_in(world_a.deputy).get(f"/c/{code}/records/export.xlsx").status_code == 403


def test_combined_reads_only_the_congresses_where_the_person_serves(world_a, world_b, monkeypatch):
    from renda.core.models import Congress
    from renda.people import actions as people
    from renda.testing import make_world

    person = _deputy(world_a).person
    county = make_world("cty", "示例县人民代表大会", level=Congress.Level.COUNTY, parent=world_a.congress)
    from renda.testing import congress_root

    county.deputies[0] = people.appoint_deputy(county.congress, actor=congress_root(county.congress), term=county.term,
                                               number="C001", elected_on="2022-01-10", person=person,
                                               delegation=county.delegation)
    make_meeting(world_a, members=3)
    make_meeting(county, members=3)
    seen = []
    real = queries.record_for
    monkeypatch.setattr(queries, "record_for", lambda c, p, y: seen.append(c.pk) or real(c, p, y))
    total = queries.combined_for(person, YEAR)
    assert sorted(seen) == sorted([world_a.congress.pk, county.congress.pk])
    assert world_b.congress.pk not in seen
    assert total.values["meetings_attended"] == 2
    page = signed_in(world_a.deputy).get(f"/c/{world_a.congress.code}/records/{person.pk}/{YEAR}/combined/")
    assert page.status_code == 200 and "示例县人民代表大会" in page.content.decode()


def test_a_standing_committee_visit_counts_once_it_has_begun(world_a):
    from renda.oversight.actions import activities as oversight
    from renda.oversight.models import TeamMember

    c, person = world_a.congress, _deputy(world_a).person
    from renda.people import actions as people

    expert = people.add_membership(c, actor=world_a.root, organisation=world_a.committee, post="委员", start="2024-01-01",
                                   person_data={"name": "张学文", "sex": "男", "ethnicity": "汉族"}).person
    survey = oversight.start_activity(c, actor=world_a.office, kind="visit", title="农村饮水安全工程视察", year=YEAR,
                                      lead_committee=world_a.committee)
    oversight.set_team(c, survey, actor=world_a.office, leader=world_a.deputies[1].person,
                       members=[(person, TeamMember.Role.DEPUTY, ""), (expert, TeamMember.Role.EXPERT, "")])
    assert queries.record_for(c, person, YEAR).values["oversight_teams"] == 0  # still preparing
    oversight.begin_fieldwork(c, survey, actor=world_a.office)
    assert queries.record_for(c, person, YEAR).values["oversight_teams"] == 1
    assert [r.activity_id for r in figures.source_rows(c, person.pk, YEAR, "oversight_teams")] == [survey.pk]
    assert figures.count(c, expert.pk, YEAR, "oversight_teams").value == 0  # an expert's part is not a deputy's work


def test_a_year_that_has_not_begun_or_cannot_be_has_no_record(world_a):
    code, own = world_a.congress.code, _deputy(world_a).person
    deputy = signed_in(world_a.deputy)
    for year in (0, 1948, YEAR + 1, 9999, 99999999999):
        for tail in ("", "record.pdf", "combined/"):
            assert deputy.get(f"/c/{code}/records/{own.pk}/{year}/{tail}").status_code == 404, (year, tail)
    assert deputy.get(f"/c/{code}/records/{own.pk}/{YEAR}/").status_code == 200
    with pytest.raises(ValidationError, match="年度"):
        actions.write_record_note(world_a.congress, actor=world_a.deputy, year=YEAR + 1, text_="明年的说明")
    actions.write_record_note(world_a.congress, actor=world_a.deputy, year=YEAR, text_="今年的说明")
