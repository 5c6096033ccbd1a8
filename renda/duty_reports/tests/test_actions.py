"""The duty reports' use cases: the plan and who the rule proposes, filing, the rating at a session on
the voting engine and by a station's counts, and the person's record."""

import pytest

from renda.core import actions as core_actions
from renda.core.errors import NotFound, NotPermitted, ValidationError
from renda.duty_reports import actions, queries
from renda.duty_reports.models import DutyPlan, DutyReport
from renda.duty_reports.tests.fixtures import appointee, due_report, filed_report, pdf, plan, year
from renda.testing import make_meeting, teller_keys, voters
from renda.voting import actions as voting

S = DutyReport.Status


def test_the_rule_proposes_appointees_not_yet_reported_this_term(world_a):
    c = world_a.congress
    first, second = appointee(world_a, "赵局长"), appointee(world_a, "钱副局长", post="副局长")
    assert {m.pk for m in actions.proposed_appointees(c, year())} == {first.pk, second.pk}
    # Last year first reported: once per term is enough, so this year only the second is proposed.
    actions.make_plan(c, actor=world_a.root, year=year() - 1, appointees=[first.pk], propose=False)
    assert [m.pk for m in actions.proposed_appointees(c, year())] == [second.pk]
    made = actions.make_plan(c, actor=world_a.office, year=year(), deputies=[world_a.deputies[0].person])
    rows = DutyReport.objects.in_congress(c).filter(plan=made)
    assert {(r.person.name, r.kind) for r in rows} == {("钱副局长", "appointee"), ("李明", "deputy")}
    assert rows.get(kind="appointee").post == "教育局副局长"
    # Twice per term: the first is due again.
    core_actions.change_rule(c, actor=world_a.root, key="duty_reports.appointee_times_per_term", value=2)
    assert first.pk in {m.pk for m in actions.proposed_appointees(c, year() + 1)}


def test_a_bad_plan_writes_nothing(world_a, world_b):
    c = world_a.congress
    stranger = world_b.deputies[0].person
    with pytest.raises(ValidationError) as raised:
        actions.make_plan(c, actor=world_a.root, year="明年", deputies=[stranger.pk])
    assert "年度" in str(raised.value) and "不是本级人大代表" in str(raised.value)
    assert DutyPlan.objects.in_congress(c).count() == 0
    plan(world_a)
    with pytest.raises(ValidationError, match="已经制定"):
        plan(world_a)
    with pytest.raises(NotPermitted):
        actions.make_plan(c, actor=world_a.deputy, year=year() + 1)


def test_adding_someone_twice_is_refused(world_a):
    report = due_report(world_a)
    with pytest.raises(ValidationError, match="已在"):
        actions.add_to_plan(world_a.congress, DutyPlan.objects.in_congress(world_a.congress).get(), actor=world_a.root,
                            deputies=[report.person])
    assert DutyReport.objects.in_congress(world_a.congress).count() == 1


def test_the_person_files_their_own_and_staff_file_for_anyone(world_a):
    c = world_a.congress
    own = due_report(world_a, world_a.deputies[0].person)  # 李明, the deputy persona
    other = due_report(world_a)
    with pytest.raises(ValidationError, match="正文或上传"):
        actions.file_report(c, own, actor=world_a.deputy, text_="  ")
    own.refresh_from_db()
    assert own.status == S.DUE
    actions.file_report(c, own, actor=world_a.deputy, text_="本人履职情况", file=pdf())
    own.refresh_from_db()
    assert own.status == S.FILED and own.file and own.filed_by == world_a.deputy
    with pytest.raises(NotPermitted, match="本人"):
        actions.file_report(c, other, actor=world_a.deputy, text_="代他人提交")
    actions.file_report(c, other, actor=world_a.office, text_="工作人员代为提交")


def test_a_file_that_is_not_a_document_is_refused(world_a):
    from django.core.files.uploadedfile import SimpleUploadedFile

    report = due_report(world_a)
    with pytest.raises(ValidationError):
        actions.file_report(world_a.congress, report, actor=world_a.root,
                            file=SimpleUploadedFile("x.exe", b"MZ\x90\x00\x03binary\x00\x00"))
    report.refresh_from_db()
    assert report.status == S.DUE and not report.file


def rate_at_session(world, report, ratings):
    c = world.congress
    meeting = make_meeting(world, members=len(ratings), sign_in=len(ratings))
    vote = actions.start_session_rating(c, report, meeting, actor=world.office)
    voting.open_vote(c, vote, actor=world.office)
    for user, rating in zip(voters(meeting), ratings, strict=True):
        voting.cast_ballot(c, vote, actor=user, content={"rating": rating})
    return vote, meeting


def test_the_session_rates_on_the_voting_engine(world_a):
    c = world_a.congress
    post = appointee(world_a, "孙局长")
    plan(world_a, appointees=[post.pk])
    report = DutyReport.objects.in_congress(c).get(person=post.person)
    actions.file_report(c, report, actor=world_a.root, text_="述职")
    vote, _ = rate_at_session(world_a, report, ["满意", "满意", "基本满意", "不满意", "满意"])
    with pytest.raises(ValidationError, match="结束后"):
        actions.record_session_rating(c, report, actor=world_a.office)
    voting.close_vote(c, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    actions.record_session_rating(c, report, actor=world_a.office)
    report.refresh_from_db()
    assert (report.satisfied, report.basic, report.unsatisfied) == (3, 1, 1)
    assert report.grade == "满意" and report.satisfaction_rate == "80.0%" and report.status == S.RATED
    assert queries.results_for(c, post.person) == [report]


def test_unsatisfied_at_the_rule_s_boundary(world_a):
    c = world_a.congress
    # Exactly half 不满意 is not more than half: 基本满意; one more is 不满意.
    assert actions.grade_of(c, 1, 1, 2) == "基本满意"
    assert actions.grade_of(c, 1, 0, 2) == "不满意"
    assert actions.grade_of(c, 3, 0, 3) == "基本满意"
    assert actions.grade_of(c, 4, 0, 3) == "满意"


def test_no_session_rating_where_the_congress_does_not_evaluate(world_a):
    c = world_a.congress
    report = filed_report(world_a)
    core_actions.change_rule(c, actor=world_a.root, key="sc.satisfaction_evaluation", value=False)
    meeting = make_meeting(world_a, members=3)
    with pytest.raises(ValidationError, match="未开展满意度测评"):
        actions.start_session_rating(c, report, meeting, actor=world_a.office)
    report.refresh_from_db()
    assert report.status == S.FILED and report.vote is None


def test_not_at_a_directors_meeting_nor_before_filing(world_a):
    c = world_a.congress
    directors = make_meeting(world_a, kind="directors", members=3)
    with pytest.raises(ValidationError, match="常务委员会会议"):
        actions.start_session_rating(c, filed_report(world_a), directors, actor=world_a.office)
    session = make_meeting(world_a, members=3)
    with pytest.raises(ValidationError, match="待提交"):
        actions.start_session_rating(c, due_report(world_a), session, actor=world_a.office)


def test_a_station_s_counts(world_a):
    c = world_a.congress
    report = filed_report(world_a)
    for bad, field in [({"satisfied": -1}, "满意"), ({"basic": "1.5"}, "基本满意"), ({"unsatisfied": "很多"}, "不满意"),
                       ({"satisfied": 0, "basic": 0, "unsatisfied": 0}, "合计须大于 0"),
                       ({"on": "2999-01-01"}, "评议日期")]:
        counts = {"satisfied": 10, "basic": 2, "unsatisfied": 1} | bad
        with pytest.raises(ValidationError, match=field):
            actions.record_station_rating(c, report, actor=world_a.office, **counts)
        report.refresh_from_db()
        assert report.status == S.FILED and report.satisfied is None
    actions.record_station_rating(c, report, actor=world_a.office, satisfied=10, basic=2, unsatisfied=1,
                                  station=world_a.station)
    report.refresh_from_db()
    assert report.grade == "满意" and report.rated_by == "station" and report.satisfaction_rate == "92.3%"


def test_an_appointee_is_not_rated_by_a_station(world_a):
    c = world_a.congress
    post = appointee(world_a)
    plan(world_a, appointees=[post.pk])
    report = DutyReport.objects.in_congress(c).get(person=post.person)
    actions.file_report(c, report, actor=world_a.root, text_="述职")
    with pytest.raises(ValidationError, match="只有代表述职"):
        actions.record_station_rating(c, report, actor=world_a.office, satisfied=1, basic=0, unsatisfied=0)


def test_another_congress_s_report_is_not_found(world_a, world_b):
    report = filed_report(world_b)
    with pytest.raises(NotFound):
        actions.record_station_rating(world_a.congress, report, actor=world_a.office, satisfied=1, basic=0,
                                      unsatisfied=0)
    with pytest.raises(NotFound):
        actions.file_report(world_a.congress, report, actor=world_a.root, text_="x")


def test_removing_only_while_due(world_a):
    c = world_a.congress
    report = filed_report(world_a)
    with pytest.raises(ValidationError):
        actions.remove_from_plan(c, report, actor=world_a.office)
    due = due_report(world_a)
    actions.remove_from_plan(c, due, actor=world_a.office)
    assert not DutyReport.objects.in_congress(c).filter(pk=due.pk).exists()
