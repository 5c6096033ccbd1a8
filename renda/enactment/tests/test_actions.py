"""The bill's way through the standing committee, at each rule's boundary."""

from __future__ import annotations

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from renda.core import rules
from renda.core.errors import IllegalTransition, NotFound
from renda.core.models import Congress
from renda.enactment import actions
from renda.enactment.models import Approval, Filing, Opinion, Reading, Report, Submission
from renda.enactment.tests import fixtures as f
from renda.legislation.models import Bill, BillVersion, Law, LawRevision, Provision
from renda.meetings.models import AgendaItem, Document, Meeting, Speech
from renda.testing import make_meeting, make_world

pytestmark = pytest.mark.django_db
S = Bill.Status
D = datetime.date


def in_c(world, model):
    return model.objects.in_congress(world.congress)


def fields(error: ValidationError) -> set[str]:
    return set(error.value.message_dict) if hasattr(error, "value") else set(error.message_dict)


# ── submission ──

def test_it_submits_a_bill_through_the_agenda_chain():
    w = make_world()
    bill = f.submitted(w)
    assert bill.status == S.SUBMITTED and bill.proposer_id == w.unit.pk
    submission = Submission.objects.in_congress(w.congress).select_related("proposed_item", "version").get(bill=bill)
    item = submission.proposed_item
    assert item.kind == AgendaItem.Kind.DRAFT and "示例市河湖保护条例" in item.title
    assert submission.version.frozen
    with pytest.raises(IllegalTransition):
        actions.submit_bill(w.congress, bill, actor=w.office, version=f.latest(bill), proposer_kind="government",
                            proposer=w.unit, presenter="局长")


def test_it_refuses_a_version_of_another_bill_and_another_congress_bill():
    w, other = make_world(), make_world("b", "示例乙市人民代表大会")
    bill, stranger = f.make_bill(w), f.make_bill(other)
    with pytest.raises(ValidationError) as e:
        actions.submit_bill(w.congress, bill, actor=w.office, version=f.latest(stranger), proposer_kind="government",
                            proposer=w.unit, presenter="局长")
    assert "version" in fields(e)
    with pytest.raises(NotFound):
        actions.submit_bill(w.congress, stranger, actor=w.office, version=f.latest(stranger),
                            proposer_kind="government", proposer=w.unit, presenter="局长")


def test_a_member_may_not_submit():
    from django.core.exceptions import PermissionDenied

    from renda.core.roles import Role

    w = make_world()
    with pytest.raises(PermissionDenied):
        actions.submit_bill(w.congress, f.make_bill(w), actor=w.users[Role.SC_MEMBER], version=None,
                            proposer_kind="government", presenter="局长")


# ── preliminary review ──

def test_the_preliminary_review_report_is_heard_at_a_directors_meeting():
    w = make_world()
    bill = f.make_bill(w)
    directors = make_meeting(w, kind="directors", members=2)
    report = actions.record_preliminary_review(w.congress, bill, actor=w.office, meeting=directors,
                                               committee=w.committee, file=f.pdf())
    assert report.kind == Report.Kind.PRELIMINARY and report.meeting_id == directors.pk
    assert in_c(w, Document).get(pk=report.document_id).agenda_item_id == report.agenda_item_id
    with pytest.raises(ValidationError) as e:
        actions.record_preliminary_review(w.congress, bill, actor=w.office, meeting=f.session(w, members=2),
                                          committee=w.committee, file=f.pdf())
    assert "meeting" in fields(e)


# ── readings and the 7-day distribution ──

def _schedule(w, bill, meeting, days, reason=""):
    out = timezone.localtime(meeting.starts_at) - datetime.timedelta(days=days)
    return actions.schedule_reading(w.congress, bill, actor=w.office, version=f.latest(bill), meeting=meeting,
                                    distributed_at=out, short_notice_reason=reason)


def test_the_draft_reaches_members_seven_days_before_not_six():
    w = make_world()
    bill = f.submitted(w)
    meeting = f.session(w, members=2)
    with pytest.raises(ValidationError) as e:
        _schedule(w, bill, meeting, 6)
    assert "distributed_at" in fields(e) and "7日前" in str(e.value)
    assert not in_c(w, Reading).filter(bill=bill).exists() and not in_c(w, AgendaItem).filter(meeting=meeting).exists()
    reading = _schedule(w, bill, meeting, 7)
    assert reading.number == 1 and not reading.short_notice_reason
    document = in_c(w, Document).get(pk=reading.document_id)
    assert document.agenda_item_id == reading.agenda_item_id and document.file.read(4) == b"%PDF"


def test_six_days_only_with_the_special_case_stated_and_kept():
    w = make_world()
    bill = f.submitted(w)
    reading = _schedule(w, bill, f.session(w, members=2), 6, reason="上级要求于本次会议审议")
    assert reading.short_notice_reason == "上级要求于本次会议审议"


def test_the_rule_is_the_congress_setting():
    from renda.core import actions as core_actions

    w = make_world()
    core_actions.change_rule(w.congress, actor=w.root, key="legislation.draft_to_members_days", value=10)
    bill = f.submitted(w)
    with pytest.raises(ValidationError):
        _schedule(w, bill, f.session(w, members=2), 9)


def test_the_first_reading_moves_the_bill_to_deliberation_without_a_vote():
    w = make_world()
    bill = f.submitted(w)
    reading = f.read(w, bill, members=2)
    bill.refresh_from_db()
    assert bill.status == S.UNDER_DELIBERATION and reading.status == Reading.Status.HELD
    assert "第一次审议" in in_c(w, AgendaItem).get(pk=reading.agenda_item_id).outcome
    with pytest.raises(ValidationError):
        actions.record_reading(w.congress, reading, actor=w.office)
    with pytest.raises(ValidationError) as e:  # one reading per session
        _schedule(w, bill, in_c(w, Meeting).get(pk=reading.meeting_id), 7)
    assert "meeting" in fields(e)


def test_a_reading_needs_a_submitted_bill_and_a_standing_committee_session():
    w = make_world()
    drafting = f.make_bill(w)
    with pytest.raises(ValidationError) as e:
        _schedule(w, drafting, f.session(w, members=2), 7)
    assert "status" in fields(e)
    bill = f.submitted(w)
    with pytest.raises(ValidationError) as e:
        _schedule(w, bill, make_meeting(w, kind="directors", members=2), 7)
    assert "meeting" in fields(e)


def test_opinions_are_speeches_tied_to_an_article_or_the_whole():
    from renda.core.roles import Role
    from renda.people.models import Person

    w = make_world()
    bill = f.submitted(w)
    reading = _schedule(w, bill, f.session(w, members=2), 7)
    article = in_c(w, Provision).filter(version_id=reading.version_id, kind="article", number=4).get()
    me = Person.objects.get(user=w.users[Role.SC_MEMBER])
    opinion = actions.record_opinion(w.congress, reading, actor=w.users[Role.SC_MEMBER], speaker=me,
                                     text_="建议第四条增加禁止围垦河湖。", provision=article)
    assert in_c(w, Speech).get(pk=opinion.speech_id).agenda_item_id == reading.agenda_item_id
    assert opinion.provision_id == article.pk
    whole = actions.record_opinion(w.congress, reading, actor=w.office, speaker=me, text_="总体赞成。")
    assert whole.provision_id is None and in_c(w, Opinion).filter(reading=reading).count() == 2
    other = f.make_bill(w, title="另一条例")
    stranger = in_c(w, Provision).filter(version=f.latest(other), kind="article").first()
    with pytest.raises(ValidationError) as e:
        actions.record_opinion(w.congress, reading, actor=w.office, speaker=me, text_="x", provision=stranger)
    assert "provision" in fields(e)


def test_the_review_report_names_the_version_it_produces():
    from renda.legislation import actions as legislation

    w = make_world()
    bill = f.submitted(w)
    reading = f.read(w, bill, members=2)
    revised = legislation.add_version(w.congress, bill, actor=w.office, stage=BillVersion.Stage.REVISION,
                                      label="草案修改稿")
    report = actions.record_review_report(w.congress, reading, actor=w.office, kind="unified", body=w.committee,
                                          file=f.pdf(), version=revised)
    assert report.version_id == revised.pk and report.reading_id == reading.pk
    with pytest.raises(ValidationError) as e:
        actions.record_review_report(w.congress, reading, actor=w.office, kind="revision", body=w.committee,
                                     file=f.pdf(), version=reading.version_id)
    assert "version" in fields(e)


# ── readings required ──

def test_three_readings_by_default_two_held_is_not_enough():
    w = make_world()
    bill = f.submitted(w)
    assert bill.readings_required == rules.get(w.congress, "legislation.normal_readings") == 3
    for _ in range(2):
        meeting = f.session(w, members=2)
        f.read(w, bill, meeting=meeting)
    f.final(w, bill)
    with pytest.raises(ValidationError) as e:
        actions.put_bill_to_vote(w.congress, bill, actor=w.office, meeting=meeting)
    assert "须经3次审议" in str(e.value)
    actions.set_readings_required(w.congress, bill, actor=w.office, readings=2, reason="各方面意见比较一致")
    assert actions.put_bill_to_vote(w.congress, bill, actor=w.office, meeting=meeting).provision_id is None


def test_one_reading_only_for_a_partial_amendment_and_never_below_held():
    w = make_world()
    bill = f.submitted(w)
    with pytest.raises(ValidationError) as e:
        actions.set_readings_required(w.congress, bill, actor=w.office, readings=1, reason="部分修改")
    assert "readings" in fields(e)
    with pytest.raises(ValidationError) as e:
        actions.set_readings_required(w.congress, bill, actor=w.office, readings=2)
    assert "reason" in fields(e)
    f.read(w, bill, members=2)
    f.read(w, bill, members=2)
    with pytest.raises(ValidationError):
        actions.set_readings_required(w.congress, bill, actor=w.office, readings=1, reason="x")


def test_no_vote_without_a_final_version():
    w = make_world()
    bill = f.submitted(w)
    actions.set_readings_required(w.congress, bill, actor=w.office, readings=2, reason="意见一致")
    meeting = None
    for _ in range(2):
        meeting = f.session(w, members=2)
        f.read(w, bill, meeting=meeting)
    with pytest.raises(ValidationError) as e:
        actions.put_bill_to_vote(w.congress, bill, actor=w.office, meeting=meeting)
    assert "version" in fields(e)


# ── the vote: more than half of ALL members ──

def test_fifteen_of_twenty_nine_pass_fourteen_fail():
    w = make_world()
    passed = f.voted(w, yes=15, members=29, readings=2)
    assert passed.status == S.PASSED
    w2 = make_world("c", "示例丙市人民代表大会")
    failed = f.voted(w2, yes=14, members=29, readings=2)
    assert failed.status == S.FAILED
    with pytest.raises(ValidationError) as e:
        actions.submit_for_approval(w2.congress, failed, actor=w2.office, submitted_on=timezone.localdate())
    assert "表决未通过" in str(e.value)
    with pytest.raises(ValidationError):
        actions.promulgate_law(w2.congress, failed, actor=w2.office, announcement_number="第1号",
                               announced_on=timezone.localdate(), in_force_on=timezone.localdate())


def test_contested_articles_are_voted_before_the_whole():
    w = make_world()
    bill, meeting = f.ready(w, readings=2)
    final = f.latest(bill)
    article = in_c(w, Provision).get(version=final, kind="article", number=5)
    paragraph = in_c(w, Provision).filter(version=final, kind="paragraph").first()
    with pytest.raises(ValidationError) as e:
        actions.put_articles_to_vote(w.congress, bill, actor=w.office, meeting=meeting, provisions=[paragraph.pk])
    assert "provisions" in fields(e)
    [separate] = actions.put_articles_to_vote(w.congress, bill, actor=w.office, meeting=meeting,
                                              provisions=[article.pk])
    assert separate.provision_id == article.pk
    with pytest.raises(ValidationError) as e:
        actions.put_bill_to_vote(w.congress, bill, actor=w.office, meeting=meeting)
    assert "尚未宣布结果" in str(e.value)
    f.cast(w, separate.vote, meeting, yes=2)
    whole = actions.put_bill_to_vote(w.congress, bill, actor=w.office, meeting=meeting)
    with pytest.raises(ValidationError):
        actions.put_articles_to_vote(w.congress, bill, actor=w.office, meeting=meeting,
                                     provisions=[in_c(w, Provision).get(version=final, kind="article", number=6).pk])
    f.cast(w, whole.vote, meeting, yes=5)
    assert actions.record_bill_vote(w.congress, bill, actor=w.office).status == S.PASSED


def test_the_outcome_waits_for_the_announced_result():
    w = make_world()
    bill, meeting = f.ready(w, readings=2)
    with pytest.raises(ValidationError) as e:
        actions.record_bill_vote(w.congress, bill, actor=w.office)
    assert "vote" in fields(e)
    actions.put_bill_to_vote(w.congress, bill, actor=w.office, meeting=meeting)
    with pytest.raises(ValidationError):
        actions.record_bill_vote(w.congress, bill, actor=w.office)


# ── approval: four months to the day ──

def _passed_on(w, day):
    bill = f.voted(w, readings=2, on=day)
    assert actions.passed_on(w.congress, bill) == day
    return bill


def test_the_journal_case_approved_in_thirty_three_days():
    w = make_world()
    bill = _passed_on(w, D(2023, 8, 25))
    approval = actions.submit_for_approval(w.congress, bill, actor=w.office, submitted_on="2023-08-28",
                                           reference="示常报〔2023〕5号", document=f.pdf())
    assert approval.due_on == D(2023, 12, 28)
    approval = actions.record_approval(w.congress, bill, actor=w.office, decided_on="2023-09-27", outcome="approved")
    assert not approval.late and (approval.decided_on - D(2023, 8, 25)).days == 33
    assert in_c(w, Bill).get(pk=bill.pk).status == S.APPROVED


def test_approval_on_the_last_day_is_in_time_the_day_after_is_late():
    w = make_world()
    bill = _passed_on(w, D(2023, 8, 25))
    actions.submit_for_approval(w.congress, bill, actor=w.office, submitted_on="2023-08-28")
    approval = actions.record_approval(w.congress, bill, actor=w.office, decided_on="2023-12-28", outcome="approved")
    assert not approval.late
    w2 = make_world("c", "示例丙市人民代表大会")
    late = _passed_on(w2, D(2023, 8, 25))
    actions.submit_for_approval(w2.congress, late, actor=w2.office, submitted_on="2023-08-28")
    approval = actions.record_approval(w2.congress, late, actor=w2.office, decided_on="2023-12-29",
                                       outcome="amended", amendments="第五条删去“经过审批”。")
    assert approval.late and approval.amendments


def test_approval_outcomes_and_their_fields():
    w = make_world()
    bill = _passed_on(w, D(2023, 8, 25))
    actions.submit_for_approval(w.congress, bill, actor=w.office, submitted_on="2023-08-28")
    with pytest.raises(ValidationError) as e:
        actions.record_approval(w.congress, bill, actor=w.office, decided_on="2023-09-27", outcome="amended")
    assert "amendments" in fields(e)
    with pytest.raises(ValidationError) as e:
        actions.record_approval(w.congress, bill, actor=w.office, decided_on="2023-08-27", outcome="approved")
    assert "decided_on" in fields(e)
    actions.record_approval(w.congress, bill, actor=w.office, decided_on="2023-10-27", outcome="not_approved")
    bill.refresh_from_db()
    assert bill.status == S.NOT_APPROVED
    with pytest.raises(ValidationError):
        actions.promulgate_law(w.congress, bill, actor=w.office, announcement_number="第1号",
                               announced_on="2023-11-01", in_force_on="2023-11-01")


def test_a_city_regulation_is_not_promulgated_before_approval():
    w = make_world()
    bill = _passed_on(w, D(2023, 8, 25))
    with pytest.raises(ValidationError) as e:
        actions.promulgate_law(w.congress, bill, actor=w.office, announcement_number="第1号",
                               announced_on="2023-09-01", in_force_on="2023-11-01")
    assert "第八十一条" in str(e.value)


def test_a_provincial_regulation_and_the_committees_own_rules_need_no_approval():
    province = make_world("p", "示例省人民代表大会", level=Congress.Level.PROVINCIAL)
    bill = _passed_on(province, D(2023, 8, 25))
    with pytest.raises(ValidationError):
        actions.submit_for_approval(province.congress, bill, actor=province.office, submitted_on="2023-08-28")
    made = actions.promulgate_law(province.congress, bill, actor=province.office, announcement_number="第3号",
                                  announced_on="2023-08-30", in_force_on="2023-11-01")
    assert in_c(province, Filing).filter(promulgation=made).count() == 2
    w = make_world()
    rules_bill = f.voted(w, readings=2, on=D(2023, 8, 25), title="示例市人大常委会议事规则", kind=Law.Kind.RULES)
    made = actions.promulgate_law(w.congress, rules_bill, actor=w.office, announcement_number="第4号",
                                  announced_on="2023-08-26", in_force_on="2023-08-26")
    assert in_c(w, Law).get(pk=made.law_id).kind == Law.Kind.RULES
    assert not in_c(w, Filing).filter(promulgation=made).exists()


# ── promulgation, filing, in force ──

def _promulgated(w, in_force="2023-11-01"):
    bill = _passed_on(w, D(2023, 8, 25))
    actions.submit_for_approval(w.congress, bill, actor=w.office, submitted_on="2023-08-28")
    actions.record_approval(w.congress, bill, actor=w.office, decided_on="2023-09-27", outcome="approved")
    return bill, actions.promulgate_law(w.congress, bill, actor=w.office, announcement_number="第12号",
                                        announced_on="2023-10-08", in_force_on=in_force)


def test_promulgation_makes_the_law_with_its_enacted_text_and_filings():
    w = make_world()
    bill, made = _promulgated(w)
    revision = in_c(w, LawRevision).select_related("version", "law").get(bill=bill)
    assert made.revision_id == revision.pk and revision.passed_on == D(2023, 8, 25)
    assert revision.approved_on == D(2023, 9, 27) and revision.in_force_on == D(2023, 11, 1)
    assert revision.version.stage == BillVersion.Stage.ENACTED
    assert in_c(w, Provision).filter(version=revision.version, kind="article").count() == 6
    assert revision.law.status == Law.Status.IN_FORCE and revision.law.title == bill.title
    assert [x.due_on for x in in_c(w, Filing).filter(promulgation=made)] == [D(2023, 11, 7)] * 2
    bill.refresh_from_db()
    assert bill.status == S.PROMULGATED
    with pytest.raises(ValidationError):
        actions.promulgate_law(w.congress, bill, actor=w.office, announcement_number="第13号",
                               announced_on="2023-10-08", in_force_on="2023-11-01")


def test_promulgation_dates_are_checked():
    w = make_world()
    bill = _passed_on(w, D(2023, 8, 25))
    actions.submit_for_approval(w.congress, bill, actor=w.office, submitted_on="2023-08-28")
    actions.record_approval(w.congress, bill, actor=w.office, decided_on="2023-09-27", outcome="approved")
    with pytest.raises(ValidationError) as e:
        actions.promulgate_law(w.congress, bill, actor=w.office, announcement_number="", announced_on="2023-09-26",
                               in_force_on="2023-09-20")
    assert {"announcement_number", "announced_on"} <= fields(e)


def test_filing_on_day_thirty_is_in_time_day_thirty_one_late():
    w = make_world()
    _, made = _promulgated(w)
    first, second = in_c(w, Filing).filter(promulgation=made).order_by("id")
    assert not actions.record_filing(w.congress, first, actor=w.office, filed_on="2023-11-07").late
    assert actions.record_filing(w.congress, second, actor=w.office, filed_on="2023-11-08").late
    with pytest.raises(ValidationError) as e:
        actions.record_filing(w.congress, first, actor=w.office, filed_on="2023-11-09")
    assert "filed_on" in fields(e)
    other = make_world("b", "示例乙市人民代表大会")
    with pytest.raises(NotFound):
        actions.record_filing(other.congress, first, actor=other.office, filed_on="2023-11-07")


def test_a_law_comes_into_force_on_its_date():
    w = make_world()
    later = timezone.localdate() + datetime.timedelta(days=10)
    _, made = _promulgated(w, in_force=later.isoformat())
    law = in_c(w, Law).get(pk=made.law_id)
    assert law.status == Law.Status.NOT_YET_IN_FORCE
    assert actions.law_status_on(law, later - datetime.timedelta(days=1)) == Law.Status.NOT_YET_IN_FORCE
    assert actions.law_status_on(law, later) == Law.Status.IN_FORCE
    assert actions.bring_laws_into_force(w.congress, actor=w.office, on=later - datetime.timedelta(days=1)) == 0
    assert actions.bring_laws_into_force(w.congress, actor=w.office, on=later) == 1
    assert in_c(w, Law).get(pk=law.pk).status == Law.Status.IN_FORCE
    assert actions.bring_laws_into_force(w.congress, actor=w.office, on=later) == 0


# ── ending a shelved bill ──

def test_a_bill_shelved_two_years_may_be_ended_not_a_day_sooner():
    w = make_world()
    bill = f.submitted(w)
    f.read(w, bill, meeting=f.session(w, members=2, on=D(2023, 3, 31)))
    with pytest.raises(ValidationError) as e:
        actions.end_bill(w.congress, bill, actor=w.office, on="2025-03-30", reason="各方面意见分歧较大")
    assert "on" in fields(e)
    ended = actions.end_bill(w.congress, bill, actor=w.office, on="2025-03-31", reason="各方面意见分歧较大")
    assert ended.status == S.ENDED
    with pytest.raises(ValidationError):
        f.read(w, ended, members=2)


def test_a_bill_not_under_deliberation_cannot_be_ended():
    w = make_world()
    with pytest.raises(IllegalTransition):
        actions.end_bill(w.congress, f.submitted(w), actor=w.office, reason="x")


def test_a_meeting_of_another_congress_is_refused_on_its_field():
    w, other = make_world(), make_world("b", "示例乙市人民代表大会")
    bill = f.submitted(w)
    with pytest.raises(ValidationError) as e:
        _schedule(w, bill, f.session(other, members=2), 7)
    assert "meeting" in fields(e)
    assert not in_c(w, Approval).exists()
