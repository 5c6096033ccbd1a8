"""Hearing a work report: the lead times at their boundaries, scheduling's refusals, filing, the
preliminary review, speeches moving the report to 已审议, the evaluation's outcome at the rule's
boundary (exactly half 不满意 is not more than half), and another congress's objects not found."""

import datetime
from fractions import Fraction

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.core import actions as core_actions
from renda.core.errors import NotFound, NotPermitted, ValidationError
from renda.core.models import AuditEntry
from renda.core.roles import Role
from renda.meetings import actions as meetings
from renda.meetings.models import AgendaItem, Speech
from renda.oversight import hearing_deadlines
from renda.oversight.actions import hearings
from renda.oversight.models import WorkReport
from renda.oversight.tests.permission_calls_hearings import (
    deliberated,
    filed,
    item_of,
    reviewed,
    scheduled,
    session,
)
from renda.testing import teller_keys, voters
from renda.voting import actions as voting

D = datetime.date


# ---------------------------------------------------------------- lead times


@pytest.mark.parametrize(("before", "missed"), [
    (21, []), (20, []), (19, ["committee"]), (10, ["committee"]), (9, ["committee", "sc"]),
    (7, ["committee", "sc"]), (6, ["committee", "sc", "members"])])
def test_lead_times_at_each_boundary(world_a, before, missed):
    meeting_day = D(2026, 6, 30)
    late = hearing_deadlines.lead_times(world_a.congress, meeting_day, meeting_day - datetime.timedelta(days=before))
    assert [t.key for t in late.missed] == missed
    if missed:
        assert late.missed[0].days_late == 20 - before and late.flag == f"逾期报送 {20 - before} 日"
    else:
        assert late.flag == "按期报送"


def test_not_filed_is_late_once_a_last_day_has_passed(world_a):
    meeting_day = D(2026, 6, 30)
    assert hearing_deadlines.lead_times(world_a.congress, meeting_day, None, today=D(2026, 6, 10)).flag == "待报送"
    late = hearing_deadlines.lead_times(world_a.congress, meeting_day, None, today=D(2026, 6, 12))
    assert late.flag == "未报送，已逾期 2 日" and [t.key for t in late.missed] == ["committee"]


def test_lead_times_follow_the_rule(world_a):
    core_actions.change_rule(world_a.congress, actor=world_a.root, key="oversight.report_to_committee_days", value=30)
    late = hearing_deadlines.lead_times(world_a.congress, D(2026, 6, 30), D(2026, 6, 5))
    assert [t.key for t in late.missed] == ["committee"] and late.days_late == 5


# ---------------------------------------------------------------- scheduling


def test_schedule_makes_the_agenda_item(world_a):
    report = scheduled(world_a, title="关于全市义务教育工作情况的报告")
    item = AgendaItem.objects.in_congress(world_a.congress).get(pk=report.agenda_item_id)
    assert item.title == "听取和审议关于全市义务教育工作情况的报告" and item.kind == "report"
    assert report.status == "expected" and item.meeting_id == report.meeting_id


def test_schedule_refuses_wrong_body_meeting_and_missing_title(world_a):
    directors = session(world_a)
    directors.kind = "directors"
    directors.save(update_fields=["kind"])
    with pytest.raises(ValidationError) as refused:
        hearings.schedule_work_report(world_a.congress, actor=world_a.office, title=" ", body=world_a.committee,
                                      meeting=directors)
    found = refused.value.message_dict
    assert "“报告名称”" in found["title"][0] and "承办单位" in found["body"][0] and "常务委员会会议" in found["meeting"][0]
    assert not WorkReport.objects.in_congress(world_a.congress).exists()


def test_key_suggestions_need_key_supervision_items(world_a):
    with pytest.raises(ValidationError) as refused:
        scheduled(world_a, kind="key_suggestions")
    assert "至少选择一件" in refused.value.message_dict["suggestions"][0]


def test_again_needs_an_unsatisfactory_report(world_a):
    first = scheduled(world_a)
    with pytest.raises(ValidationError) as refused:
        scheduled(world_a, kind="again", again_of=first)
    assert "不满意" in refused.value.message_dict["again_of"][0]


def test_another_congress_objects_are_refused(world_a, world_b):
    other = scheduled(world_b)
    with pytest.raises(NotFound):
        hearings.file_work_report(world_a.congress, other, actor=world_a.office, summary="要点")
    with pytest.raises(ValidationError) as refused:
        hearings.schedule_work_report(world_a.congress, actor=world_a.office, title="报告", body=world_b.unit,
                                      meeting=session(world_a))
    assert "body" in refused.value.message_dict
    with pytest.raises(NotFound):
        meetings.record_speech(world_a.congress, item_of(other), actor=world_a.office,
                               speaker=world_a.deputies[1].person, text="发言")


# ---------------------------------------------------------------- filing and review


def test_filing_needs_something_and_only_once(world_a):
    report = scheduled(world_a)
    with pytest.raises(ValidationError) as refused:
        hearings.file_work_report(world_a.congress, report, actor=world_a.users[Role.UNIT_OFFICER])
    assert "至少报送一项" in refused.value.message_dict["document"][0]
    done = hearings.file_work_report(world_a.congress, report, actor=world_a.users[Role.UNIT_OFFICER],
                                     document=SimpleUploadedFile("报告.pdf", b"%PDF-1.4\n%%EOF\n"),
                                     late_reason="会前材料准备")
    assert done.status == "filed" and done.document and done.late_reason == ""  # on time: no reason kept
    with pytest.raises(ValidationError):
        hearings.file_work_report(world_a.congress, done, actor=world_a.office, summary="再次报送")


def test_a_late_filing_is_flagged_and_keeps_its_reason(world_a):
    report = scheduled(world_a, session(world_a, days=19))
    done = hearings.file_work_report(world_a.congress, report, actor=world_a.office, summary="要点",
                                     late_reason="数据核实耗时")
    late = hearing_deadlines.lateness(done)
    assert late.late and late.days_late == 1 and done.late_reason == "数据核实耗时"
    on_time = filed(world_a, scheduled(world_a, session(world_a, days=20)))
    assert not hearing_deadlines.lateness(on_time).late


def test_another_units_officer_may_not_file(world_a):
    from renda.people import actions as people

    court = people.create_organisation(world_a.congress, actor=world_a.root, kind="handling_unit", name="市中级人民法院",
                                       unit_type="court")
    report = scheduled(world_a, body=court)
    with pytest.raises(NotPermitted):
        hearings.file_work_report(world_a.congress, report, actor=world_a.users[Role.UNIT_OFFICER], summary="要点")


def test_review_date_is_checked(world_a):
    report = filed(world_a)
    with pytest.raises(ValidationError) as refused:
        hearings.review_work_report(world_a.congress, report, actor=world_a.office, opinion="同意",
                                    reviewed_on=timezone.localdate() + datetime.timedelta(days=1))
    assert "不能晚于今天" in refused.value.message_dict["reviewed_on"][0]
    with pytest.raises(ValidationError) as refused:
        hearings.review_work_report(world_a.congress, report, actor=world_a.office, opinion="同意",
                                    reviewed_on=timezone.localdate() - datetime.timedelta(days=1))
    assert "不能早于报告报送日期" in refused.value.message_dict["reviewed_on"][0]


# ---------------------------------------------------------------- speeches


def test_speeches_need_the_review_and_move_the_report(world_a):
    report = filed(world_a)
    speaker = world_a.deputies[1].person
    with pytest.raises(ValidationError) as refused:
        meetings.record_speech(world_a.congress, item_of(report), actor=world_a.office, speaker=speaker, text="发言")
    assert "须经初审" in refused.value.message_dict["agenda_item"][0]
    report = reviewed(world_a, report=None)
    with pytest.raises(ValidationError) as refused:
        meetings.record_speech(world_a.congress, item_of(report), actor=world_a.office, speaker=speaker)
    assert "至少填写一项" in refused.value.message_dict["text"][0]
    meetings.record_speech(world_a.congress, item_of(report), actor=world_a.office, speaker=speaker, text="建议一")
    report.refresh_from_db()
    assert report.status == "deliberated"
    meetings.record_speech(world_a.congress, item_of(report), actor=world_a.users[Role.SC_MEMBER], speaker=speaker,
                           text="建议二")
    assert Speech.objects.in_congress(world_a.congress).filter(agenda_item_id=report.agenda_item_id).count() == 2


def test_a_member_records_only_their_own_speech_and_speakers_are_on_the_roster(world_a):
    report = reviewed(world_a)
    with pytest.raises(NotPermitted):
        meetings.record_speech(world_a.congress, item_of(report), actor=world_a.users[Role.SC_MEMBER],
                               speaker=world_a.deputies[0].person, text="代别人发言")
    outsider = world_a.make_deputy("局外人").person
    with pytest.raises(ValidationError) as refused:
        meetings.record_speech(world_a.congress, item_of(report), actor=world_a.office, speaker=outsider, text="发言")
    assert "会议名单" in refused.value.message_dict["speaker"][0]


# ---------------------------------------------------------------- evaluation


@pytest.mark.parametrize(("counts", "returned", "outcome"), [
    ({"不满意": 2, "满意": 2}, 4, False), ({"不满意": 3, "满意": 1}, 4, True), ({"不满意": 0}, 0, False)])
def test_unsatisfied_is_more_than_the_fraction(counts, returned, outcome):
    assert hearings.unsatisfied(counts, returned, Fraction(1, 2)) is outcome


def _evaluate(world, ratings):
    meeting = session(world, days=0, open_it=True, members=len(ratings))
    report = deliberated(world, scheduled(world, meeting))
    vote = hearings.start_work_report_evaluation(world.congress, report, actor=world.office)
    voting.open_vote(world.congress, vote, actor=world.office)
    for user, rating in zip(voters(meeting), ratings, strict=True):
        voting.cast_ballot(world.congress, vote, actor=user, content={"rating": rating})
    voting.close_vote(world.congress, vote, actor=world.office, teller_keys=teller_keys(vote))
    return hearings.record_work_report_outcome(world.congress, report, actor=world.office), meeting


def test_exactly_half_unsatisfied_is_satisfied(world_a):
    report, _ = _evaluate(world_a, ["不满意", "不满意", "满意", "基本满意"])
    assert report.outcome == "satisfied" and report.report_again_by is None and report.status == "concluded"


def test_more_than_half_unsatisfied_obliges_a_report_again(world_a):
    report, meeting = _evaluate(world_a, ["不满意", "不满意", "不满意", "满意"])
    from renda.core.rules import add_months

    assert report.outcome == "unsatisfied"
    assert report.report_again_by == add_months(timezone.localdate(meeting.starts_at), 6)
    again = scheduled(world_a, kind="again", again_of=report)
    assert again.again_of_id == report.pk
    with pytest.raises(ValidationError) as refused:
        scheduled(world_a, kind="again", again_of=report)
    assert "已安排再次报告" in refused.value.message_dict["again_of"][0]


def test_outcome_waits_for_the_vote_and_the_rule_can_switch_evaluation_off(world_a):
    report = deliberated(world_a, scheduled(world_a, session(world_a, days=0, open_it=True)))
    hearings.start_work_report_evaluation(world_a.congress, report, actor=world_a.office)
    with pytest.raises(ValidationError) as refused:
        hearings.record_work_report_outcome(world_a.congress, report, actor=world_a.office)
    assert "结束后才能记录" in refused.value.message_dict["evaluation"][0]
    core_actions.change_rule(world_a.congress, actor=world_a.root, key="sc.satisfaction_evaluation", value=False)
    other = deliberated(world_a)
    with pytest.raises(ValidationError):
        hearings.start_work_report_evaluation(world_a.congress, other, actor=world_a.office)
    done = hearings.conclude_work_report(world_a.congress, other, actor=world_a.office)
    assert done.status == "concluded" and done.outcome == ""
    assert AuditEntry.objects.in_congress(world_a.congress).filter(action="evaluate_work_report").count() == 2


def test_staff_enter_a_paper_reports_received_time(world_a):
    report = scheduled(world_a, session(world_a, days=5))
    with pytest.raises(NotPermitted):
        hearings.file_work_report(world_a.congress, report, actor=world_a.users[Role.UNIT_OFFICER], summary="要点",
                                  received_at=timezone.now() - datetime.timedelta(days=20))
    with pytest.raises(ValidationError) as refused:
        hearings.file_work_report(world_a.congress, report, actor=world_a.office, summary="要点",
                                  received_at=timezone.now() + datetime.timedelta(hours=1))
    assert "不能晚于现在" in refused.value.message_dict["received_at"][0]
    done = hearings.file_work_report(world_a.congress, report, actor=world_a.office, summary="要点",
                                     received_at=timezone.now() - datetime.timedelta(days=16), late_reason="无")
    assert not hearing_deadlines.lateness(done).late and done.late_reason == ""
