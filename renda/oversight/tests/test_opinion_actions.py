"""Review opinions and the body's reply: drafting from findings and speeches, editing the points,
the directors' meeting's approval, sending with a due date and rectification items, the reply
(refused before sending, from another unit), deliberating it, publishing."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.core import actions as core_actions
from renda.core.errors import NotFound, NotPermitted, ValidationError
from renda.core.models import AuditEntry
from renda.core.roles import Role
from renda.meetings.models import AgendaItem
from renda.oversight.actions import opinions, reporting
from renda.oversight.models import Finding, OpinionPoint, OpinionReply, ReviewOpinion
from renda.oversight.tests.permission_calls_opinions import (
    approved_opinion,
    deliberated_work_report,
    directors_meeting,
    drafted_opinion,
    later_session,
    past_session,
    replied_opinion,
    reply_deliberated_on,
    sent_opinion,
)
from renda.oversight.tests.permission_calls_reporting import activity_in_field, future_session, ready
from renda.people import actions as people
from renda.people.models import Organisation
from renda.rectification.models import RectificationItem

OP = ReviewOpinion.Status


def messages(error) -> str:
    return " ".join(m for ms in error.value.message_dict.values() for m in ms)


def other_unit(world, name="卫生健康委员会"):
    return people.create_organisation(world.congress, actor=world.root, kind=Organisation.Kind.HANDLING_UNIT, name=name,
                                      unit_type="department")


# ---------------------------------------------------------------- drafting


def test_a_draft_starts_from_the_speeches_with_the_report_defaults(world_a):
    report = deliberated_work_report(world_a)
    opinion = opinions.draft_review_opinion(world_a.congress, actor=world_a.office, work_report=report)
    assert opinion.status == OP.DRAFTING
    assert opinion.body == world_a.unit and opinion.meeting_id == report.meeting_id
    assert opinion.title == f"关于《{report.title}》的审议意见"
    assert "听取和审议了教育局" in opinion.preamble
    points = opinions.points_of(opinion)
    assert [p.heading for p in points] == ["要加大财政投入", "农村学校师资不足，要完善交流机制"]
    assert points[0].text == "建议设立专项资金。" and points[0].speech_id is not None
    assert points[1].text == ""  # a one-sentence speech is said once, as the heading
    assert [p.order for p in points] == [1, 2]
    assert AuditEntry.objects.in_congress(world_a.congress).filter(action="draft_review_opinion").count() == 1


def test_a_draft_preamble_is_complete_text_without_a_placeholder(world_a):
    report = deliberated_work_report(world_a)
    opinion = opinions.draft_review_opinion(world_a.congress, actor=world_a.office, work_report=report)
    assert "……" not in opinion.preamble and "…" not in opinion.preamble
    assert f"关于《{report.title}》。" in opinion.preamble and opinion.preamble.endswith("书面报告常委会。")


def test_a_speech_point_heading_is_a_short_summary_not_the_whole_speech(world_a):
    long_first = "关于农村义务教育学校的师资配置问题，建议教育局会同编制部门统筹核定编制并建立县域内教师交流轮岗制度。另请报告进展。"
    report = deliberated_work_report(world_a, speeches=["要完善交流机制。", long_first, "没有句号的一句话"])
    points = opinions.points_of(opinions.draft_review_opinion(world_a.congress, actor=world_a.office,
                                                               work_report=report))
    assert [(p.heading, p.text) for p in points[::2]] == [("要完善交流机制", ""), ("没有句号的一句话", "")]
    assert points[1].heading == "关于农村义务教育学校的师资配置问题" and len(points[1].heading) <= 30
    assert points[1].text == long_first  # the heading only summarises: the whole speech stays the text


def test_a_work_reports_points_include_the_findings_of_its_plan_items_reports(world_a):
    from renda.oversight.tests.plan_fixtures import make_item, make_plan

    item = make_item(world_a, make_plan(world_a), kind="visit")
    ready(world_a, activity_in_field(world_a, plan_item=item))
    report = deliberated_work_report(world_a, plan_item=item, speeches=["发言一"])
    points = opinions.points_of(opinions.draft_review_opinion(world_a.congress, actor=world_a.office,
                                                               work_report=report))
    assert [p.heading for p in points] == ["供水设施老化", "加快设施改造", "发言一"]
    assert Finding.objects.in_congress(world_a.congress).get(pk=points[0].finding_id).kind == "problem"


def test_an_inspection_report_on_an_agenda_takes_its_findings_and_needs_a_body(world_a):
    final = reporting.finalise_oversight_report(world_a.congress, ready(world_a), actor=world_a.root)
    with pytest.raises(ValidationError) as refused:
        opinions.draft_review_opinion(world_a.congress, actor=world_a.office, report=final, body=world_a.unit)
    assert "尚未提请常委会会议审议" in messages(refused)
    placement = reporting.place_report_on_agenda(world_a.congress, final, actor=world_a.root,
                                                 meeting=future_session(world_a),
                                                 release_at=timezone.now() + datetime.timedelta(days=1))
    with pytest.raises(ValidationError) as refused:
        opinions.draft_review_opinion(world_a.congress, actor=world_a.office, report=final)
    assert "“送达机关”必须选择" in messages(refused)
    opinion = opinions.draft_review_opinion(world_a.congress, actor=world_a.office, report=final, body=world_a.unit)
    assert opinion.meeting_id == placement.agenda_item.meeting_id
    assert [p.heading for p in opinions.points_of(opinion)] == ["供水设施老化", "加快设施改造"]


@pytest.mark.parametrize("status, allowed", [("expected", False), ("filed", False), ("reviewed", False),
                                             ("deliberated", True), ("evaluating", True), ("concluded", True)])
def test_only_a_deliberated_work_report_takes_opinions(world_a, status, allowed):
    report = deliberated_work_report(world_a, status=status)
    if allowed:
        assert opinions.draft_review_opinion(world_a.congress, actor=world_a.office, work_report=report).pk
    else:
        with pytest.raises(ValidationError, match="须经常委会会议审议后才能起草审议意见"):
            opinions.draft_review_opinion(world_a.congress, actor=world_a.office, work_report=report)


def test_a_draft_names_its_faults_and_writes_nothing(world_a):
    report = deliberated_work_report(world_a)
    with pytest.raises(ValidationError) as refused:
        opinions.draft_review_opinion(world_a.congress, actor=world_a.office)
    assert "须选择一份" in messages(refused)
    with pytest.raises(ValidationError) as refused:
        opinions.draft_review_opinion(world_a.congress, actor=world_a.office, work_report=report, title="题" * 201,
                                      number="号" * 61)
    assert "“标题”不能超过 200 个字" in messages(refused) and "“文号”不能超过 60 个字" in messages(refused)
    with pytest.raises(ValidationError, match="须为常务委员会会议"):
        opinions.draft_review_opinion(world_a.congress, actor=world_a.office, work_report=report,
                                      meeting=directors_meeting(world_a))
    assert not ReviewOpinion.objects.in_congress(world_a.congress).exists()
    assert not OpinionPoint.objects.in_congress(world_a.congress).exists()
    opinions.draft_review_opinion(world_a.congress, actor=world_a.office, work_report=report)
    with pytest.raises(ValidationError, match="该报告已有审议意见"):
        opinions.draft_review_opinion(world_a.congress, actor=world_a.office, work_report=report)


def test_another_congresss_report_body_or_opinion_is_not_found(world_a, world_b):
    theirs = deliberated_work_report(world_b)
    with pytest.raises(NotFound):
        opinions.draft_review_opinion(world_a.congress, actor=world_a.office, work_report=theirs)
    with pytest.raises(NotFound):
        opinions.draft_review_opinion(world_a.congress, actor=world_a.office, work_report=theirs.pk)
    with pytest.raises(NotFound):
        opinions.draft_review_opinion(world_a.congress, actor=world_a.office,
                                      work_report=deliberated_work_report(world_a), body=world_b.unit)
    their_opinion = drafted_opinion(world_b)
    for call in (lambda: opinions.edit_review_opinion(world_a.congress, their_opinion, actor=world_a.office, title="x"),
                 lambda: opinions.approve_review_opinion(world_a.congress, their_opinion, actor=world_a.office,
                                                         meeting=directors_meeting(world_a)),
                 lambda: opinions.send_review_opinion(world_a.congress, their_opinion, actor=world_a.office),
                 lambda: opinions.file_opinion_reply(world_a.congress, their_opinion, actor=world_a.office, text="x"),
                 lambda: opinions.publish_review_opinion(world_a.congress, their_opinion, actor=world_a.office)):
        with pytest.raises(NotFound):
            call()


def test_points_are_edited_ordered_added_and_removed_while_drafting(world_a):
    opinion = drafted_opinion(world_a)
    first, second = opinions.points_of(opinion)
    opinions.edit_review_opinion(world_a.congress, opinion, actor=world_a.office, title="关于义务教育工作的审议意见",
                                 number="甲人常办〔2026〕9号", preamble="开头", points=[
                                     {"id": second.pk, "heading": "完善教师交流机制", "text": "改后的内容"},
                                     {"heading": "新增一条", "text": "新增内容"}])
    points = opinions.points_of(opinion)
    assert [(p.order, p.heading) for p in points] == [(1, "完善教师交流机制"), (2, "新增一条")]
    assert points[0].pk == second.pk and points[0].speech_id == second.speech_id
    assert not OpinionPoint.objects.in_congress(world_a.congress).filter(pk=first.pk).exists()
    opinion.refresh_from_db()
    assert (opinion.title, opinion.number, opinion.preamble) == ("关于义务教育工作的审议意见", "甲人常办〔2026〕9号", "开头")


def test_an_edit_names_the_point_and_keeps_everything_on_refusal(world_a, world_b):
    opinion = drafted_opinion(world_a)
    before = [(p.pk, p.heading) for p in opinions.points_of(opinion)]
    their_point = opinions.points_of(drafted_opinion(world_b))[0]
    with pytest.raises(ValidationError) as refused:
        opinions.edit_review_opinion(world_a.congress, opinion, actor=world_a.office, title="", points=[
            {"heading": "好的"}, {"heading": " ", "text": "无标题"}, {"id": their_point.pk, "heading": "别人的"},
            {"heading": "长", "text": "字" * 4001}])
    text = messages(refused)
    assert "“标题”必须填写" in text and "“第2条意见的标题”必须填写" in text
    assert f"第3条意见不是本审议意见的条目（编号 {their_point.pk}）" in text
    assert "“第4条意见的内容”不能超过 4000 个字" in text
    with pytest.raises(ValidationError, match="审议意见至少要有一条意见"):
        opinions.edit_review_opinion(world_a.congress, opinion, actor=world_a.office, title="题", points=[])
    assert [(p.pk, p.heading) for p in opinions.points_of(opinion)] == before


def test_an_approved_opinion_is_not_edited(world_a):
    opinion = approved_opinion(world_a)
    with pytest.raises(ValidationError, match="只能在起草中修改"):
        opinions.edit_review_opinion(world_a.congress, opinion, actor=world_a.office, title="改")


# ---------------------------------------------------------------- approval


def test_the_directors_meeting_approves_on_its_date(world_a):
    opinion = drafted_opinion(world_a)
    meeting = directors_meeting(world_a, days_ago=3)
    opinions.approve_review_opinion(world_a.congress, opinion, actor=world_a.office, meeting=meeting)
    opinion.refresh_from_db()
    assert opinion.status == OP.APPROVED and opinion.approved_at_meeting_id == meeting.pk
    assert opinion.approved_on == timezone.localtime(meeting.starts_at).date()


def test_approval_refuses_a_placeholder_left_in_the_preamble_or_a_point(world_a):
    opinion = drafted_opinion(world_a)
    points = [{"id": p.pk, "heading": p.heading, "text": p.text} for p in opinions.points_of(opinion)]
    opinions.edit_review_opinion(world_a.congress, opinion, actor=world_a.office, title=opinion.title,
                                 preamble="常委会组成人员认为……。现将审议意见交办如下。", points=points)
    with pytest.raises(ValidationError) as refused:
        opinions.approve_review_opinion(world_a.congress, opinion, actor=world_a.office,
                                        meeting=directors_meeting(world_a))
    assert "“开头”还有待填写的“……”" in refused.value.message_dict["preamble"][0]
    points[1]["text"] = "要……"
    opinions.edit_review_opinion(world_a.congress, opinion, actor=world_a.office, title=opinion.title,
                                 preamble="常委会组成人员认为，工作取得成效。", points=points)
    with pytest.raises(ValidationError) as refused:
        opinions.approve_review_opinion(world_a.congress, opinion, actor=world_a.office,
                                        meeting=directors_meeting(world_a))
    assert "preamble" not in refused.value.message_dict
    assert "第2条意见" in messages(refused) and "待填写的“……”" in messages(refused)
    opinion.refresh_from_db()
    assert opinion.status == OP.DRAFTING
    points[1]["text"] = "要完善。"
    opinions.edit_review_opinion(world_a.congress, opinion, actor=world_a.office, title=opinion.title,
                                 preamble="常委会组成人员认为，工作取得成效。", points=points)
    opinions.approve_review_opinion(world_a.congress, opinion, actor=world_a.office, meeting=directors_meeting(world_a))
    opinion.refresh_from_db()
    assert opinion.status == OP.APPROVED


def test_approval_refuses_an_opinion_without_points_or_with_an_empty_point(world_a):
    opinion = drafted_opinion(world_a)
    first, second = opinions.points_of(opinion)
    OpinionPoint.objects.in_congress(world_a.congress).filter(pk=first.pk).update(heading=" ", text="")
    with pytest.raises(ValidationError, match="第1条意见的标题为空"):
        opinions.approve_review_opinion(world_a.congress, opinion, actor=world_a.office,
                                        meeting=directors_meeting(world_a))
    gone = OpinionPoint.objects.in_congress(world_a.congress).filter(opinion=opinion)
    gone._raw_delete(gone.db)
    with pytest.raises(ValidationError, match="审议意见至少要有一条意见"):
        opinions.approve_review_opinion(world_a.congress, opinion, actor=world_a.office,
                                        meeting=directors_meeting(world_a))


def test_approval_refuses_another_kind_of_meeting_another_congresss_or_one_before_the_session(world_a, world_b):
    opinion = drafted_opinion(world_a)
    with pytest.raises(ValidationError) as refused:
        opinions.approve_review_opinion(world_a.congress, opinion, actor=world_a.office, meeting=past_session(world_a))
    assert "“通过的主任会议”须为主任会议" in messages(refused) and "常务委员会会议" in messages(refused)
    with pytest.raises(NotFound, match="主任会议"):
        opinions.approve_review_opinion(world_a.congress, opinion, actor=world_a.office,
                                        meeting=directors_meeting(world_b))
    with pytest.raises(ValidationError, match="“通过的主任会议”必须选择"):
        opinions.approve_review_opinion(world_a.congress, opinion, actor=world_a.office, meeting=None)
    # The session was 20 days ago: a directors' meeting 21 days ago is before it, one that day is not.
    with pytest.raises(ValidationError, match="须在审议的.*之后举行"):
        opinions.approve_review_opinion(world_a.congress, opinion, actor=world_a.office,
                                        meeting=directors_meeting(world_a, days_ago=21))
    opinion.refresh_from_db()
    assert opinion.status == OP.DRAFTING
    opinions.approve_review_opinion(world_a.congress, opinion, actor=world_a.office,
                                    meeting=directors_meeting(world_a, days_ago=20))
    with pytest.raises(ValidationError, match="不能从"):
        opinions.approve_review_opinion(world_a.congress, opinion, actor=world_a.office,
                                        meeting=directors_meeting(world_a))


# ---------------------------------------------------------------- sending


def test_sending_sets_the_due_date_from_the_rule_or_none(world_a):
    today = timezone.localdate()
    opinion = opinions.send_review_opinion(world_a.congress, approved_opinion(world_a), actor=world_a.office)
    assert (opinion.status, opinion.sent_on, opinion.reply_due) == (OP.SENT, today, None)
    core_actions.change_rule(world_a.congress, actor=world_a.root, key="oversight.review_response_days", value=60)
    opinion = opinions.send_review_opinion(world_a.congress, approved_opinion(world_a), actor=world_a.office,
                                           sent_on=today - datetime.timedelta(days=1))
    assert opinion.reply_due == today + datetime.timedelta(days=59)


def test_a_given_due_date_must_come_after_the_sending(world_a):
    today = timezone.localdate()
    opinion = approved_opinion(world_a)
    with pytest.raises(ValidationError) as refused:
        opinions.send_review_opinion(world_a.congress, opinion, actor=world_a.office, sent_on=today, reply_due=today)
    assert "“书面报告期限”须晚于交办日期" in messages(refused)
    with pytest.raises(ValidationError, match="“交办日期”须为日期"):
        opinions.send_review_opinion(world_a.congress, opinion, actor=world_a.office, sent_on="明天")
    with pytest.raises(ValidationError, match="“交办日期”不能早于主任会议通过日期"):
        opinions.send_review_opinion(world_a.congress, opinion, actor=world_a.office,
                                     sent_on=opinion.approved_on - datetime.timedelta(days=1))
    with pytest.raises(ValidationError, match="“交办日期”不能晚于今天"):
        opinions.send_review_opinion(world_a.congress, opinion, actor=world_a.office,
                                     sent_on=today + datetime.timedelta(days=1))
    opinion.refresh_from_db()
    assert opinion.status == OP.APPROVED
    sent = opinions.send_review_opinion(world_a.congress, opinion, actor=world_a.office, sent_on=today,
                                        reply_due=today + datetime.timedelta(days=1))
    assert sent.reply_due == today + datetime.timedelta(days=1)


def test_a_drafted_opinion_is_not_sent(world_a):
    with pytest.raises(ValidationError, match="不能从“起草中”变为“已交办”"):
        opinions.send_review_opinion(world_a.congress, drafted_opinion(world_a), actor=world_a.office)


def test_points_go_onto_the_rectification_list_at_sending(world_a):
    opinion = approved_opinion(world_a)
    first, second = opinions.points_of(opinion)
    due = timezone.localdate() + datetime.timedelta(days=90)
    health = other_unit(world_a)
    opinions.send_review_opinion(world_a.congress, opinion, actor=world_a.office, rectification={
        first.pk: [{"problem": "财政投入不足", "goal": "设立专项资金", "due_on": due, "owner": "李局长"}],
        str(second.pk): [{"problem": "师资不足", "due_on": due, "owner": "王处长", "unit": health.pk}]})
    items = list(RectificationItem.objects.in_congress(world_a.congress).order_by("id"))
    assert [(i.source, i.opinion_point_id, i.unit_id, i.owner) for i in items] == [
        ("review_opinion", first.pk, world_a.unit.pk, "李局长"), ("review_opinion", second.pk, health.pk, "王处长")]


def test_a_rectification_entry_without_owner_or_deadline_names_the_point_and_sends_nothing(world_a, world_b):
    opinion = approved_opinion(world_a)
    first, second = opinions.points_of(opinion)
    their_point = opinions.points_of(drafted_opinion(world_b))[0]
    with pytest.raises(ValidationError) as refused:
        opinions.send_review_opinion(world_a.congress, opinion, actor=world_a.office, rectification={
            first.pk: [{"problem": "财政投入不足"}], second.pk: [{"problem": "x", "owner": "王", "due_on": "2026-13-01"}],
            their_point.pk: [{"problem": "y"}]})
    text = messages(refused)
    assert "第1条意见“要加大财政投入”：第1项整改事项的责任人必须填写" in text.replace("“第1项整改事项的责任人”", "第1项整改事项的责任人")
    assert "第1条意见" in text and "整改时限" in text and "第2条意见" in text
    assert f"意见条目（{their_point.pk}）不是本审议意见的条目" in text
    opinion.refresh_from_db()
    assert opinion.status == OP.APPROVED
    assert not RectificationItem.objects.in_congress(world_a.congress).exists()


# ---------------------------------------------------------------- the reply


def test_a_reply_before_the_opinion_was_sent_is_refused(world_a):
    for opinion in (drafted_opinion(world_a), approved_opinion(world_a)):
        with pytest.raises(ValidationError) as refused:
            opinions.file_opinion_reply(world_a.congress, opinion, actor=world_a.users[Role.UNIT_OFFICER],
                                        text="已研究处理")
        assert "尚未交办" in messages(refused) and "不能报送研究处理情况" in messages(refused)
    assert not OpinionReply.objects.in_congress(world_a.congress).exists()


def test_the_bodys_unit_officer_files_the_reply_another_units_is_refused(world_a):
    opinion = sent_opinion(world_a)
    stranger = world_a.users[Role.UNIT_OFFICER].__class__.objects.create_user(username="health-officer", password="x")
    core_actions.grant_role(world_a.congress, actor=world_a.root, user=stranger, role=Role.UNIT_OFFICER,
                            organisation=other_unit(world_a))
    with pytest.raises(NotPermitted, match="只有教育局可以报送"):
        opinions.file_opinion_reply(world_a.congress, opinion, actor=stranger, text="不是我们的")
    with pytest.raises(ValidationError, match="“研究处理情况”必须填写"):
        opinions.file_opinion_reply(world_a.congress, opinion, actor=world_a.users[Role.UNIT_OFFICER], text="  ")
    document = SimpleUploadedFile("报告.pdf", b"%PDF-1.4\n%test\n", content_type="application/pdf")
    reply = opinions.file_opinion_reply(world_a.congress, opinion, actor=world_a.users[Role.UNIT_OFFICER],
                                        text="一、关于投入……", document=document, signed_by="市教育局")
    opinion.refresh_from_db()
    assert opinion.status == OP.REPLIED and reply.filed_by == world_a.users[Role.UNIT_OFFICER]
    assert opinions.reply_state(opinion) == "按期报告"
    with pytest.raises(ValidationError, match="已于 .* 报送研究处理情况"):
        opinions.file_opinion_reply(world_a.congress, opinion, actor=world_a.office, text="又一份")


def test_a_late_reply_is_flagged_against_the_due_date(world_a):
    today = timezone.localdate()
    opinion = sent_opinion(world_a, reply_due=today + datetime.timedelta(days=1))
    assert opinions.reply_state(opinion) == "待报告" and not opinions.is_reply_late(opinion)
    assert opinions.reply_state(opinion, today=today + datetime.timedelta(days=2)) == "逾期未报告"
    ReviewOpinion.objects.in_congress(world_a.congress).filter(pk=opinion.pk).update(
        reply_due=today - datetime.timedelta(days=1))
    opinion.refresh_from_db()
    opinions.file_opinion_reply(world_a.congress, opinion, actor=world_a.office, text="迟报的报告")
    opinion.refresh_from_db()
    assert opinions.is_reply_late(opinion) and opinions.reply_state(opinion) == "逾期报告"
    assert AuditEntry.objects.in_congress(world_a.congress).filter(action="file_opinion_reply").last().after["late"]


# ---------------------------------------------------------------- deliberating and publishing


def test_deliberating_the_reply_needs_the_rule_and_a_later_session(world_a):
    opinion = replied_opinion(world_a)
    with pytest.raises(ValidationError, match="未规定研究处理情况报告提请常委会会议审议"):
        opinions.deliberate_opinion_reply(world_a.congress, opinion, actor=world_a.office,
                                          meeting=later_session(world_a))
    reply_deliberated_on(world_a)
    with pytest.raises(ValidationError, match="须在研究处理情况报告报送之后举行"):
        opinions.deliberate_opinion_reply(world_a.congress, opinion, actor=world_a.office,
                                          meeting=past_session(world_a, days_ago=1))
    with pytest.raises(ValidationError, match="须为常务委员会会议"):
        opinions.deliberate_opinion_reply(world_a.congress, opinion, actor=world_a.office,
                                          meeting=directors_meeting(world_a))
    with pytest.raises(ValidationError, match="审议后才能公开"):
        opinions.publish_review_opinion(world_a.congress, opinion, actor=world_a.office)
    session = later_session(world_a)
    reply = opinions.deliberate_opinion_reply(world_a.congress, opinion, actor=world_a.office, meeting=session)
    item = AgendaItem.objects.in_congress(world_a.congress).get(pk=reply.agenda_item_id)
    assert item.meeting_id == session.pk and "研究处理情况的报告" in item.title
    opinion.refresh_from_db()
    assert opinion.status == OP.DELIBERATED
    opinions.publish_review_opinion(world_a.congress, opinion, actor=world_a.office)
    opinion.refresh_from_db()
    assert opinion.status == OP.PUBLISHED and opinion.published_on == timezone.localdate()


def test_publishing_needs_the_reply(world_a):
    opinion = sent_opinion(world_a)
    with pytest.raises(ValidationError, match="报送研究处理情况后才能公开"):
        opinions.publish_review_opinion(world_a.congress, opinion, actor=world_a.office)
    opinion = replied_opinion(world_a)
    with pytest.raises(ValidationError, match="“公开日期”不能早于研究处理情况报告报送日期"):
        opinions.publish_review_opinion(world_a.congress, opinion, actor=world_a.office,
                                        published_on=timezone.localdate() - datetime.timedelta(days=1))
    published = opinions.publish_review_opinion(world_a.congress, opinion, actor=world_a.office)
    assert published.status == OP.PUBLISHED


def test_roles_outside_the_table_are_refused(world_a):
    opinion = drafted_opinion(world_a)
    for role in (Role.DEPUTY, Role.SC_MEMBER, Role.UNIT_OFFICER, Role.PUBLIC):
        with pytest.raises(NotPermitted):
            opinions.approve_review_opinion(world_a.congress, opinion, actor=world_a.users[role],
                                            meeting=directors_meeting(world_a))
    with pytest.raises(NotPermitted):
        opinions.draft_review_opinion(world_a.congress, actor=world_a.users[Role.UNIT_OFFICER],
                                      work_report=deliberated_work_report(world_a))


def test_the_demo_reply_names_its_addressee_once(world_a):
    from types import SimpleNamespace

    from renda.oversight import demo_opinions
    from renda.oversight.opinion_documents import reply_document

    directors_meeting(world_a)
    city = SimpleNamespace(congress=world_a.congress, office=world_a.office, term=world_a.term,
                           mandates=world_a.deputies, unit_users={world_a.unit.pk: world_a.users[Role.UNIT_OFFICER]})
    [opinion, *_] = demo_opinions.build(city, deliberated_work_report(world_a, status="concluded"))
    reply = opinions.reply_of(opinion)
    document = reply_document(opinion, reply)
    said = [document.addressee, *(str(line) for line in document.preamble)]
    assert sum("人大常委会：" in line for line in said) == 1  # the document's addressee, not again in the text
    assert reply.text.startswith("收到审议意见后")
