"""The work-report pages: the list and its late flags, the report's page for each role, each step's
form keeping its input when refused, the key-supervision suggestions (point 7), the directors'
meeting box, the speeches on the session's page, and the inbox."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.core.inbox import tasks_for
from renda.core.roles import Role
from renda.oversight.models import WorkReport, WorkReportSuggestion
from renda.oversight.tests.permission_calls_hearings import deliberated, filed, reviewed, scheduled, session
from renda.testing import make_meeting, signed_in


def url(world, tail=""):
    return f"/c/{world.congress.code}/oversight/work-reports/{tail}"


def test_list_flags_late_and_unfiled_reports(world_a):
    late = scheduled(world_a, session(world_a, days=15), title="关于食品安全工作情况的报告")
    scheduled(world_a, session(world_a, days=40), title="关于养老服务工作情况的报告")
    page = signed_in(world_a.office).get(url(world_a))
    html = page.content.decode()
    assert page.status_code == 200
    assert "未报送，已逾期 5 日" in html and "待报送" in html and "有 1 份报告未按" in html
    assert late.title in html
    for role in (Role.DEPUTY, Role.PUBLIC):
        assert signed_in(world_a.users[role]).get(url(world_a)).status_code == 403


def test_detail_for_each_role(world_a, world_b):
    report = scheduled(world_a)
    for role in (Role.OFFICE_STAFF, Role.COMMITTEE_STAFF, Role.SC_MEMBER, Role.UNIT_OFFICER):
        page = signed_in(world_a.users[role]).get(url(world_a, f"{report.pk}/"))
        assert page.status_code == 200, role
        assert "待报送" in page.content.decode()
    assert ("报送报告" in signed_in(world_a.users[Role.UNIT_OFFICER]).get(url(world_a, f"{report.pk}/")).content.decode())
    assert signed_in(world_a.deputy).get(url(world_a, f"{report.pk}/")).status_code == 404
    other = scheduled(world_b)
    assert signed_in(world_a.office).get(url(world_a, f"{other.pk}/")).status_code == 404


def test_schedule_form_keeps_input_on_refusal(world_a):
    meeting = session(world_a)
    page = signed_in(world_a.office).post(url(world_a, "new/"), {
        "title": "关于河长制工作情况的报告", "kind": "again", "body": world_a.unit.pk, "meeting": meeting.pk,
        "reporter": "副市长 赵某"})
    html = page.content.decode()
    assert page.status_code == 422
    assert "“前次报告”必须选择" in html and 'value="关于河长制工作情况的报告"' in html and "副市长 赵某" in html
    assert not WorkReport.objects.in_congress(world_a.congress).exists()
    done = signed_in(world_a.office).post(url(world_a, "new/"), {
        "title": "关于河长制工作情况的报告", "kind": "special", "body": world_a.unit.pk, "meeting": meeting.pk})
    assert done.status_code == 302
    assert signed_in(world_a.deputy).get(url(world_a, "new/")).status_code == 403


def test_filing_page_refuses_nothing_and_flags_lateness(world_a):
    report = scheduled(world_a, session(world_a, days=12))
    officer = signed_in(world_a.users[Role.UNIT_OFFICER])
    form = officer.get(url(world_a, f"{report.pk}/do/file/"))
    assert form.status_code == 200 and "已逾期" in form.content.decode()
    refused = officer.post(url(world_a, f"{report.pk}/do/file/"), {"late_reason": "统计数据未齐"})
    assert refused.status_code == 422
    assert "至少报送一项" in refused.content.decode() and "统计数据未齐" in refused.content.decode()
    done = officer.post(url(world_a, f"{report.pk}/do/file/"), {
        "late_reason": "统计数据未齐", "document": SimpleUploadedFile("报告.pdf", b"%PDF-1.4\n%%EOF\n")})
    assert done.status_code == 302
    page = officer.get(url(world_a, f"{report.pk}/")).content.decode()
    assert "逾期报送 8 日" in page and "统计数据未齐" in page
    assert officer.get(url(world_a, f"{report.pk}/text/")).status_code == 200


def test_review_and_speech_forms_keep_input(world_a):
    report = filed(world_a)
    office = signed_in(world_a.office)
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    refused = office.post(url(world_a, f"{report.pk}/do/review/"), {"opinion": "建议提请审议", "reviewed_on": tomorrow})
    assert refused.status_code == 422 and "不能晚于今天" in refused.content.decode()
    assert "建议提请审议" in refused.content.decode()
    assert office.post(url(world_a, f"{report.pk}/do/review/"),
                       {"opinion": "建议提请审议", "reviewed_on": timezone.localdate().isoformat()}).status_code == 302
    refused = office.post(url(world_a, f"{report.pk}/do/speech/"), {"speaker": world_a.deputies[1].person.pk})
    assert refused.status_code == 422 and "至少填写一项" in refused.content.decode()
    assert office.post(url(world_a, f"{report.pk}/do/speech/"),
                       {"speaker": world_a.deputies[1].person.pk, "text": "建议加强师资"}).status_code == 302
    page = office.get(url(world_a, f"{report.pk}/")).content.decode()
    assert "建议加强师资" in page and "已审议" in page and "data-confirm" in page
    meeting_page = office.get(f"/c/{world_a.congress.code}/meetings/{report.meeting_id}/").content.decode()
    assert "审议发言" in meeting_page and "建议加强师资" in meeting_page
    assert signed_in(world_a.users[Role.UNIT_OFFICER]).get(url(world_a, f"{report.pk}/do/speech/")).status_code == 403


def test_key_suggestions_listed_with_status_and_links(world_a):
    from renda.proposals.models import Suggestion

    item = Suggestion.objects.create(congress=world_a.congress, term=world_a.term, year=timezone.localdate().year,
                                     title="关于改善农村学校条件的建议", status="assigned", number=12,
                                     key_supervision=True)
    report = scheduled(world_a, kind="key_suggestions", suggestions=[item])
    assert WorkReportSuggestion.objects.in_congress(world_a.congress).filter(work_report=report).count() == 1
    html = signed_in(world_a.office).get(url(world_a, f"{report.pk}/")).content.decode()
    assert "关于改善农村学校条件的建议" in html and "已交办" in html
    assert f"/c/{world_a.congress.code}/suggestions/supervision/" in html
    assert f"/c/{world_a.congress.code}/suggestions/{item.pk}/" in html


def test_directors_meeting_box(world_a):
    scheduled(world_a, session(world_a, days=15), title="关于食品安全工作情况的报告")
    directors = make_meeting(world_a, kind="directors", open_it=False, members=2)
    html = signed_in(world_a.office).get(f"/c/{world_a.congress.code}/meetings/{directors.pk}/").content.decode()
    assert "专项工作报告报送情况" in html and "关于食品安全工作情况的报告" in html and "未报送，已逾期 5 日" in html


def test_evaluation_buttons(world_a):
    report = deliberated(world_a, scheduled(world_a, session(world_a, days=0, open_it=True)))
    office = signed_in(world_a.office)
    page = office.get(url(world_a, f"{report.pk}/")).content.decode()
    assert "开展满意度测评" in page and "data-confirm" in page
    assert office.post(url(world_a, f"{report.pk}/act/evaluate/")).status_code == 302
    report.refresh_from_db()
    assert report.status == "evaluating" and report.evaluation_id
    office.post(url(world_a, f"{report.pk}/act/outcome/"))
    report.refresh_from_db()
    assert report.status == "evaluating"  # the vote is not over: refused, message flashed
    assert signed_in(world_a.users[Role.COMMITTEE_STAFF]).post(url(world_a, f"{report.pk}/act/conclude/")).status_code == 403


def test_inbox(world_a):
    report = scheduled(world_a, session(world_a, days=15))
    officer = [t for t in tasks_for(world_a.congress, world_a.users[Role.UNIT_OFFICER]) if t.key == "work_reports_to_file"]
    assert officer and officer[0].late and officer[0].items[0].title == report.title
    office = [t for t in tasks_for(world_a.congress, world_a.office) if t.key == "work_reports_late"]
    assert office and office[0].count == 1
    reviewed(world_a)  # filed on time, not flagged
    office = [t for t in tasks_for(world_a.congress, world_a.office) if t.key == "work_reports_late"]
    assert office[0].count == 1
