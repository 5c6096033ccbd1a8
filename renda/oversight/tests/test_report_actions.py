"""The report's actions: drafting, versions, comments, findings, figures, finalising, the hand-over."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from renda.core.errors import NotFound, NotPermitted
from renda.core.models import AuditEntry
from renda.core.tenancy import congress_scope
from renda.meetings import queries as meeting_queries
from renda.meetings.models import AgendaItem, Document
from renda.oversight.actions import reporting
from renda.oversight.models import Activity, Figure, Finding, Report, ReportVersion
from renda.oversight.tests.permission_calls_reporting import (
    activity_in_field,
    drafted,
    future_session,
    ready,
    site_visit,
)


def messages(error) -> str:
    return " ".join(m for ms in error.value.message_dict.values() for m in ms)


def test_the_first_draft_creates_the_report_and_moves_the_activity(world_a):
    activity = activity_in_field(world_a)
    report = drafted(world_a, activity)
    assert Activity.objects.in_congress(world_a.congress).get(pk=activity.pk).status == Activity.Status.DRAFTING
    again = reporting.draft_oversight_report(world_a.congress, activity, actor=world_a.office, title="新标题",
                                             situation="新情况", closing="特此报告。")
    assert again.pk == report.pk and again.closing == "特此报告。"
    assert AuditEntry.objects.in_congress(world_a.congress).filter(action="draft_oversight_report").count() == 2


def test_it_refuses_a_report_before_fieldwork_and_an_empty_title(world_a):
    from renda.oversight.actions import activities

    preparing = activities.start_activity(world_a.congress, actor=world_a.root, kind="visit", title="未开始的视察",
                                          year=timezone.localdate().year, lead_committee=world_a.committee)
    with pytest.raises(ValidationError, match="不能从"):
        reporting.draft_oversight_report(world_a.congress, preparing, actor=world_a.office, title="报告", situation="")
    with pytest.raises(ValidationError) as refused:
        reporting.draft_oversight_report(world_a.congress, activity_in_field(world_a), actor=world_a.office,
                                         title="  ", situation="")
    assert "“报告标题”必须填写" in messages(refused)


def test_versions_are_numbered_and_keep_the_text(world_a):
    report = ready(world_a)
    first = reporting.save_report_version(world_a.congress, report, actor=world_a.office, note="初稿")
    reporting.draft_oversight_report(world_a.congress, Activity.objects.in_congress(world_a.congress).get(
        pk=report.activity_id), actor=world_a.office, title="改后的标题", situation="改后的情况{{total}}")
    second = reporting.save_report_version(world_a.congress, report, actor=world_a.office, note="第二稿")
    assert (first.number, second.number) == (1, 2)
    assert first.content["title"] == "关于全市农村饮水安全工作情况的视察报告"
    assert second.content["title"] == "改后的标题"
    assert [p["heading"] for p in second.content["problems"]] == ["供水设施老化"]
    assert [r["heading"] for r in second.content["recommendations"]] == ["加快设施改造"]


def test_a_team_member_comments_and_a_deputy_off_the_team_is_refused(world_a):
    from renda.core.roles import Role

    report = drafted(world_a, activity_in_field(world_a, team=[]))  # leader: the SC member persona; no deputy
    version = reporting.save_report_version(world_a.congress, report, actor=world_a.office)
    comment = reporting.comment_on_report(world_a.congress, report, actor=world_a.users[Role.SC_MEMBER],
                                          text="数据请核实", version=version)
    assert comment.version_id == version.pk
    with pytest.raises(NotPermitted, match="不是该调研（检查）组的组成人员"):
        reporting.comment_on_report(world_a.congress, report, actor=world_a.deputy, text="我也有意见")
    staff = reporting.comment_on_report(world_a.congress, report, actor=world_a.users[Role.COMMITTEE_STAFF], text="文字")
    assert staff.pk
    with pytest.raises(NotPermitted):
        reporting.comment_on_report(world_a.congress, report, actor=world_a.public, text="公众")
    with pytest.raises(ValidationError, match="“意见”必须填写"):
        reporting.comment_on_report(world_a.congress, report, actor=world_a.office, text="")


def test_findings_are_added_edited_reordered_and_removed(world_a):
    c, office = world_a.congress, world_a.office
    report = drafted(world_a)
    visit = site_visit(world_a, Activity.objects.in_congress(c).get(pk=report.activity_id))
    first = reporting.record_finding(c, report, actor=office, kind="problem", heading="一", site_visit=visit,
                                     evidence="现场察看")
    second = reporting.record_finding(c, report, actor=office, kind="problem", heading="二")
    assert (first.order, second.order) == (1, 2) and first.site_visit_id == visit.pk
    reporting.record_finding(c, report, actor=office, kind="problem", heading="一（改）", finding=first)
    reporting.reorder_findings(c, report, actor=office, kind="problem", ids=[second.pk, first.pk])
    rows = list(Finding.objects.in_congress(c).filter(report=report).order_by("order"))
    assert [(f.heading, f.order) for f in rows] == [("二", 1), ("一（改）", 2)]
    with pytest.raises(ValidationError, match="每项一次"):
        reporting.reorder_findings(c, report, actor=office, kind="problem", ids=[second.pk])
    answer = reporting.record_finding(c, report, actor=office, kind="recommendation", heading="建议", addresses=second)
    reporting.remove_finding(c, second, actor=office)
    assert list(Finding.objects.in_congress(c).filter(report=report, kind="problem").values_list("order", flat=True)) == [1]
    assert Finding.objects.in_congress(c).get(pk=answer.pk).addresses_id is None


def test_a_finding_names_its_field_and_refuses_a_foreign_source(world_a):
    c, office = world_a.congress, world_a.office
    report = drafted(world_a)
    other = site_visit(world_a, activity_in_field(world_a))
    with pytest.raises(ValidationError) as refused:
        reporting.record_finding(c, report, actor=office, kind="opinion", heading="", site_visit=other)
    text = messages(refused)
    assert "“类别”须为" in text and "“标题”必须填写" in text and "不是本次调研（检查）的实地察看" in text
    problem = reporting.record_finding(c, report, actor=office, kind="problem", heading="问题")
    with pytest.raises(ValidationError, match="只有意见建议可以针对"):
        reporting.record_finding(c, report, actor=office, kind="problem", heading="问题二", addresses=problem)


def test_a_figure_is_pulled_from_the_site_visits_and_refreshed(world_a):
    c, office = world_a.congress, world_a.office
    activity = activity_in_field(world_a)
    site_visit(world_a, activity, county="东湖区")
    site_visit(world_a, activity, county="西湖区")
    report = drafted(world_a, activity)
    visits = reporting.tag_report_figure(c, report, actor=office, key="visits", label="察看点", value="99",
                                         source={"kind": "site_visits"})
    counties = reporting.tag_report_figure(c, report, actor=office, key="counties", label="县区",
                                           source={"kind": "counties"})
    assert (visits.value, counties.value) == ("2", "2")  # typed 99 is ignored: a pulled figure is computed
    site_visit(world_a, activity, county="东湖区", place="泵站")
    reporting.save_report_version(c, report, actor=office)
    values = dict(Figure.objects.in_congress(c).filter(report=report).values_list("key", "value"))
    assert values == {"visits": "3", "counties": "2"}


def test_a_figure_key_and_source_are_checked(world_a):
    c, office = world_a.congress, world_a.office
    report = drafted(world_a)
    with pytest.raises(ValidationError) as refused:
        reporting.tag_report_figure(c, report, actor=office, key="1st", label="", value="abc")
    text = messages(refused)
    assert "“代号”须以英文字母" in text and "“名称”必须填写" in text and "须为数字" in text
    with pytest.raises(ValidationError, match="不是本次调研（检查）附加的问卷"):
        reporting.tag_report_figure(c, report, actor=office, key="q", label="问卷",
                                    source={"kind": "questionnaire", "questionnaire_id": 1, "measure": "responses"})
    with pytest.raises(ValidationError, match="“合计”须列出至少两个"):
        reporting.tag_report_figure(c, report, actor=office, key="t", label="合计", kind="sum", value="3", parts=["a"])
    with pytest.raises(ValidationError, match="数据代号不能重复：a"):
        reporting.tag_report_figure(c, report, actor=office, key="t", label="合计", kind="sum", value="2",
                                    parts=["a", "a"])
    # The same number twice is two parts that happen to be equal.
    reporting.tag_report_figure(c, report, actor=office, key="t", label="合计", kind="sum", value="10", parts=["5", "5"])


def test_finalising_refuses_until_every_check_passes(world_a):
    c, office = world_a.congress, world_a.office
    report = drafted(world_a, situation="共{{a}}家，合计{{total}}家，另有{{nope}}。")
    reporting.tag_report_figure(c, report, actor=office, key="a", label="甲", value="594")
    reporting.tag_report_figure(c, report, actor=office, key="b", label="乙", value="2258")
    reporting.tag_report_figure(c, report, actor=office, key="total", label="合计", kind="sum", value="2851",
                                parts=["a", "b"])
    with pytest.raises(ValidationError) as refused:
        reporting.finalise_oversight_report(c, report, actor=office)
    text = messages(refused)
    assert "数据核对未通过：“合计”（total）印为 2851" in text
    assert "未标注的数据：{{nope}}" in text
    assert "报告须列明存在的问题和意见建议" in text
    reporting.tag_report_figure(c, report, actor=office, key="total", label="合计", kind="sum", value="2852",
                                parts=["a", "b"])
    reporting.tag_report_figure(c, report, actor=office, key="nope", label="其他", value="3")
    reporting.record_finding(c, report, actor=office, kind="problem", heading="问题")
    with pytest.raises(ValidationError, match="报告须列明存在的问题和意见建议"):
        reporting.finalise_oversight_report(c, report, actor=office)
    reporting.record_finding(c, report, actor=office, kind="recommendation", heading="建议")
    comment = reporting.comment_on_report(c, report, actor=office, text="请再核实")
    with pytest.raises(ValidationError, match="还有 1 条修改意见未处理"):
        reporting.finalise_oversight_report(c, report, actor=office)
    reporting.resolve_report_comment(c, comment, actor=office)
    done = reporting.finalise_oversight_report(c, report, actor=office)
    assert done.status == Report.Status.FINAL and done.finalised_at
    assert Activity.objects.in_congress(c).get(pk=report.activity_id).status == Activity.Status.REPORTED
    assert ReportVersion.objects.in_congress(c).filter(report=report).get().note == "定稿"
    with pytest.raises(ValidationError, match="现为已定稿"):
        reporting.record_finding(c, report, actor=office, kind="problem", heading="再加一个")


def _final(world):
    return reporting.finalise_oversight_report(world.congress, ready(world), actor=world.office)


def test_placing_on_agenda_creates_the_item_and_a_document_released_on_schedule(world_a):
    from renda.core.roles import Role

    c, office = world_a.congress, world_a.office
    report = _final(world_a)
    meeting = future_session(world_a, days=10)
    release = timezone.now() + datetime.timedelta(days=2)
    placed = reporting.place_report_on_agenda(c, report, actor=office, meeting=meeting, release_at=release)
    assert placed.warnings == []
    item = AgendaItem.objects.in_congress(c).get(meeting=meeting)
    assert item.kind == "report" and item.title == "听取和审议关于全市农村饮水安全工作情况的视察报告"
    document = Document.objects.in_congress(c).get(meeting=meeting)
    assert document.agenda_item_id == item.pk and document.audience == Document.Audience.MEMBERS
    assert document.file.read(5) == b"%PDF-"
    member = world_a.users[Role.SC_MEMBER]
    with congress_scope(c):
        assert not meeting_queries.may_fetch(document, member, now=release - datetime.timedelta(minutes=1))
        assert meeting_queries.may_fetch(document, member, now=release + datetime.timedelta(minutes=1))
    assert Report.objects.in_congress(c).get(pk=report.pk).agenda_item_id == item.pk
    assert Activity.objects.in_congress(c).get(pk=report.activity_id).status == Activity.Status.ON_AGENDA


def test_a_late_release_is_warned_and_one_after_the_start_refused(world_a):
    c, office = world_a.congress, world_a.office
    report = _final(world_a)
    meeting = future_session(world_a, days=5)
    with pytest.raises(ValidationError, match="“发布时间”须早于会议开始时间"):
        reporting.place_report_on_agenda(c, report, actor=office, meeting=meeting,
                                         release_at=meeting.starts_at + datetime.timedelta(minutes=1))
    placed = reporting.place_report_on_agenda(c, report, actor=office, meeting=meeting,
                                              release_at=timezone.now() + datetime.timedelta(hours=1))
    assert "监督法第十五条" in placed.warnings[0] and "7 日" in placed.warnings[0]


def test_a_release_before_the_report_was_final_is_refused_and_a_second_placing_named(world_a):
    c, office = world_a.congress, world_a.office
    report = _final(world_a)
    meeting = future_session(world_a, days=10)
    final_at = Report.objects.in_congress(c).get(pk=report.pk).finalised_at
    with pytest.raises(ValidationError, match="不能早于报告定稿时间"):
        reporting.place_report_on_agenda(c, report, actor=office, meeting=meeting,
                                         release_at=final_at - datetime.timedelta(seconds=1))
    assert not AgendaItem.objects.in_congress(c).filter(meeting=meeting).exists()
    reporting.place_report_on_agenda(c, report, actor=office, meeting=meeting, release_at=final_at)
    with pytest.raises(ValidationError, match=f"该报告已提请{meeting.title}审议"):
        reporting.place_report_on_agenda(c, report, actor=office, meeting=future_session(world_a, days=12),
                                         release_at=timezone.now() + datetime.timedelta(days=1))
    assert AgendaItem.objects.in_congress(c).count() == 1


def test_only_an_open_standing_committee_session_takes_the_report(world_a):
    from renda.testing import make_meeting

    c, office = world_a.congress, world_a.office
    report = _final(world_a)
    symposium = make_meeting(world_a, kind="directors", members=3, open_it=False)
    with pytest.raises(ValidationError, match="须为常务委员会会议"):
        reporting.place_report_on_agenda(c, report, actor=office, meeting=symposium,
                                         release_at=timezone.now() - datetime.timedelta(days=1))
    draft = drafted(world_a)
    with pytest.raises(ValidationError, match="起草中"):
        reporting.place_report_on_agenda(c, draft, actor=office, meeting=future_session(world_a),
                                         release_at=timezone.now() + datetime.timedelta(days=1))


def test_another_congress_ids_are_refused(world_a, world_b):
    report = drafted(world_a)
    foreign = drafted(world_b)
    with pytest.raises(NotFound):
        reporting.record_finding(world_a.congress, foreign, actor=world_a.office, kind="problem", heading="越权")
    with pytest.raises(NotFound):
        reporting.tag_report_figure(world_a.congress, foreign, actor=world_a.office, key="x", label="x", value="1")
    with pytest.raises(NotFound):
        reporting.save_report_version(world_a.congress, foreign, actor=world_a.office)
    with pytest.raises(NotPermitted):  # a role in congress a grants nothing in b
        reporting.record_finding(world_b.congress, report, actor=world_a.office, kind="problem", heading="越权")
    final = _final(world_a)
    with pytest.raises(NotFound):
        reporting.place_report_on_agenda(world_a.congress, final, actor=world_a.office,
                                         meeting=future_session(world_b),
                                         release_at=timezone.now() + datetime.timedelta(days=1))


def test_a_figure_is_pulled_from_an_attached_questionnaire_only(world_a):
    from renda.questionnaires import actions as qa
    from renda.questionnaires.tally import figure as tally_figure

    c, root, office = world_a.congress, world_a.root, world_a.office
    activity = activity_in_field(world_a)
    report = drafted(world_a, activity)
    survey = qa.create_questionnaire(c, actor=root, title="饮水满意度")
    question = qa.set_questions(c, survey, actor=root, questions=[
        {"text": "您对饮水安全是否满意", "kind": "single", "choices": ["满意", "不满意", "说不清"]}])[0]
    qa.open_questionnaire(c, survey, actor=root)
    for n, choice in enumerate([0, 0, 1]):
        qa.answer_questionnaire(c, survey, actor=None, respondent_token=f"t{n}", answers={question.pk: choice})
    source = {"kind": "questionnaire", "questionnaire_id": survey.pk, "question_id": question.pk, "choice": 0,
              "measure": "percent"}
    with pytest.raises(ValidationError, match="不是本次调研（检查）附加的问卷"):
        reporting.tag_report_figure(c, report, actor=office, key="satisfied", label="满意率", unit="%", source=source)
    from renda.oversight.actions import fieldwork

    fieldwork.attach_questionnaire(c, activity, actor=root, questionnaire=survey)
    share = reporting.tag_report_figure(c, report, actor=office, key="satisfied", label="满意率", unit="%",
                                        source=source)
    assert share.value == str(tally_figure(survey, question_id=question.pk, choice=0, measure="percent").normalize())
    assert share.value in ("66.7", "66.67")  # 2 of 3, at the tally's places
    answered = reporting.tag_report_figure(c, report, actor=office, key="answered", label="答卷",
                                           source={"kind": "questionnaire", "questionnaire_id": survey.pk})
    assert answered.value == "3"


def test_the_plan_item_learns_the_session_it_goes_to(world_a):
    from renda.oversight.actions import plan as plan_actions
    from renda.oversight.models import PlanItem

    c, root, office = world_a.congress, world_a.root, world_a.office
    plan = plan_actions.draft_oversight_plan(c, actor=root, year=timezone.localdate().year, title="年度监督工作计划")
    item = plan_actions.arrange_plan_item(c, plan, actor=root, kind="visit", title="农村饮水安全视察",
                                          lead_committee=world_a.committee, month=6)
    report = reporting.finalise_oversight_report(c, ready(world_a, activity_in_field(world_a, plan_item=item)),
                                                 actor=office)
    meeting = future_session(world_a)
    reporting.place_report_on_agenda(c, report, actor=office, meeting=meeting,
                                     release_at=timezone.now() + datetime.timedelta(days=1))
    assert PlanItem.objects.in_congress(c).get(pk=item.pk).meeting_id == meeting.pk
