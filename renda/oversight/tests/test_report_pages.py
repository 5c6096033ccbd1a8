"""The report's pages: the editor (forms keep input, checks shown), versions side by side, the
downloads with their Chinese names, the activity page's section, and the public pages."""

import datetime
import io
from urllib.parse import quote

from django.test import Client
from django.utils import timezone
from docx import Document as read_docx
from pypdf import PdfReader

from renda.core.official_documents import to_pdf
from renda.core.roles import Role
from renda.oversight.actions import reporting
from renda.oversight.documents import covering_letter, report_document
from renda.oversight.models import Activity, Figure, Finding, Report
from renda.oversight.tests.permission_calls_reporting import activity_in_field, drafted, future_session, ready


def client_for(user):
    client = Client()
    client.force_login(user)
    return client


def url(world, report, tail=""):
    return f"/c/{world.congress.code}/oversight/reports/{report.pk}/{tail}"


def test_the_editor_shows_the_check_of_each_figure(world_a):
    report = ready(world_a)
    reporting.tag_report_figure(world_a.congress, report, actor=world_a.office, key="share", label="占比",
                                kind="percent", value="20.83", parts=["a", "total"])
    reporting.tag_report_figure(world_a.congress, report, actor=world_a.office, key="bad", label="错数",
                                kind="sum", value="2851", parts=["a", "b"])
    page = client_for(world_a.office).get(url(world_a, report))
    html = page.content.decode()
    assert page.status_code == 200
    assert "✓" in html and "“错数”（bad）印为 2851" in html
    assert "data-confirm=" in html and "定稿前须解决" in html


def test_a_refused_figure_keeps_what_was_typed(world_a):
    report = drafted(world_a)
    page = client_for(world_a.office).post(url(world_a, report, "do/figure/"),
                                           {"key": "1bad", "label": "察看点数", "kind": "value", "value": "十二"})
    html = page.content.decode()
    assert page.status_code == 422
    assert "“代号”须以英文字母" in html and 'value="察看点数"' in html and 'value="十二"' in html
    assert not Figure.objects.in_congress(world_a.congress).exists()


def test_a_finding_is_recorded_with_its_site_visit_from_the_page(world_a):
    from renda.oversight.tests.permission_calls_reporting import site_visit

    activity = activity_in_field(world_a)
    visit = site_visit(world_a, activity)
    report = drafted(world_a, activity)
    done = client_for(world_a.office).post(url(world_a, report, "do/finding/"), {
        "prefix": "new", "new-kind": "problem", "new-heading": "水厂设备陈旧", "new-text": "多处锈蚀",
        "new-site_visit": visit.pk})
    assert done.status_code == 302
    finding = Finding.objects.in_congress(world_a.congress).get(report=report)
    assert finding.site_visit_id == visit.pk
    edited = client_for(world_a.office).post(url(world_a, report, "do/finding/"), {
        "prefix": f"f{finding.pk}", f"f{finding.pk}-finding": finding.pk, f"f{finding.pk}-kind": "problem",
        f"f{finding.pk}-heading": ""})
    assert edited.status_code == 422 and "“标题”必须填写" in edited.content.decode()


def test_a_deputy_off_the_team_sees_nothing_and_a_member_on_it_comments(world_a):
    report = drafted(world_a, activity_in_field(world_a, team=[]))
    assert client_for(world_a.deputy).get(url(world_a, report)).status_code == 404
    member = client_for(world_a.users[Role.SC_MEMBER])
    assert "提出意见" in member.get(url(world_a, report)).content.decode()
    assert member.post(url(world_a, report, "do/comment/"), {"text": "请补充数据"}).status_code == 302
    assert member.post(url(world_a, report, "do/finalise/"), {}).status_code == 403


def test_finalising_from_the_page_shows_the_refusal_beside_the_form(world_a):
    report = drafted(world_a)
    page = client_for(world_a.office).post(url(world_a, report, "do/finalise/"), {"note": "定稿"})
    assert page.status_code == 422 and "报告须列明存在的问题和意见建议" in page.content.decode()
    assert Report.objects.in_congress(world_a.congress).get(pk=report.pk).status == Report.Status.DRAFTING


def test_versions_side_by_side(world_a):
    report = ready(world_a)
    reporting.save_report_version(world_a.congress, report, actor=world_a.office, note="初稿")
    reporting.draft_oversight_report(world_a.congress, Activity.objects.in_congress(world_a.congress).get(
        pk=report.activity_id), actor=world_a.office, title="第二稿标题", situation="改了")
    reporting.save_report_version(world_a.congress, report, actor=world_a.office, note="二稿")
    html = client_for(world_a.office).get(url(world_a, report, "versions/?a=1&b=2")).content.decode()
    assert "关于全市农村饮水安全工作情况的视察报告" in html and "第二稿标题" in html and "有改动" in html


def test_the_pdf_and_docx_read_back_with_chinese_names(world_a):
    report = reporting.finalise_oversight_report(world_a.congress, ready(world_a), actor=world_a.office)
    office = client_for(world_a.office)
    pdf = office.get(url(world_a, report, "report.pdf"))
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "filename*=UTF-8''" + quote("关于全市农村饮水安全工作情况的视察报告") in pdf["Content-Disposition"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.content)).pages)
    squeezed = "".join(text.split())
    assert "视察报告" in squeezed and "供水设施老化" in squeezed and "2852" in squeezed
    docx = office.get(url(world_a, report, "report.docx"))
    paragraphs = "\n".join(p.text for p in read_docx(io.BytesIO(docx.content)).paragraphs)
    assert "关于全市农村饮水安全工作情况的视察报告" in paragraphs and "供水设施老化" in paragraphs
    assert "一、基本情况" in paragraphs and "合计2852家" in paragraphs
    letter = office.get(url(world_a, report, "covering-letter.docx"))
    letter_text = "\n".join(p.text for p in read_docx(io.BytesIO(letter.content)).paragraphs)
    assert "中共示例甲市委、示例甲市人民政府：" in letter_text and "供参阅" in letter_text
    letter_pdf = office.get(url(world_a, report, "covering-letter.pdf"))
    assert letter_pdf.content.startswith(b"%PDF-")
    assert letter_pdf["Content-Disposition"].startswith('attachment; filename="') and \
        "filename*=UTF-8''" in letter_pdf["Content-Disposition"]
    assert quote("关于报送《") in letter_pdf["Content-Disposition"]
    assert office.get(url(world_a, report, "report.xlsx")).status_code == 404


def test_the_documents_carry_the_journals_structure(world_a):
    report = ready(world_a)
    doc = report_document(report)
    assert [s.heading for s in doc.sections] == ["基本情况", "存在的问题", "意见建议"]
    assert doc.sections[0].paragraphs == ["共检查594家、2258家，合计2852家。"]
    assert doc.sections[1].items == ["供水设施老化。部分水厂设备陈旧。"]
    assert doc.signature == "示例甲市人大常委会视察组"
    letter = covering_letter(report)
    assert letter.title.startswith("关于报送《") and letter.attachments == [report.title]
    assert letter.issuer == letter.signature == "示例甲市人大常委会办公室"
    assert letter.addressee == "中共示例甲市委、示例甲市人民政府："


def test_the_public_sees_finished_reports_without_names(world_a, world_b):
    draft = drafted(world_a)
    report = reporting.finalise_oversight_report(world_a.congress, ready(world_a), actor=world_a.office)
    anonymous = Client()
    listing = anonymous.get(f"/c/{world_a.congress.code}/oversight/reports/public/").content.decode()
    assert report.title in listing and "新标题" not in listing
    page = anonymous.get(f"/c/{world_a.congress.code}/oversight/reports/public/{report.pk}/")
    html = page.content.decode()
    assert page.status_code == 200 and "供水设施老化" in html and "加快设施改造" in html
    assert "王芳" not in html and "李明" not in html  # the team's leader and member
    assert anonymous.get(f"/c/{world_a.congress.code}/oversight/reports/public/{draft.pk}/").status_code == 404
    assert anonymous.get(f"/c/{world_b.congress.code}/oversight/reports/public/{report.pk}/").status_code == 404
    assert anonymous.get(url(world_a, report, "report.pdf")).status_code == 200
    assert anonymous.get(url(world_a, report, "covering-letter.pdf")).status_code == 404
    assert anonymous.get(url(world_a, draft, "report.pdf")).status_code == 404
    assert anonymous.get(url(world_a, draft)).status_code == 302  # to sign in


def test_the_agenda_form_lists_open_sessions_and_places_the_report(world_a):
    report = reporting.finalise_oversight_report(world_a.congress, ready(world_a), actor=world_a.office)
    meeting = future_session(world_a, days=10)
    office = client_for(world_a.office)
    assert meeting.title in office.get(url(world_a, report)).content.decode()
    release = timezone.localtime(timezone.now() + datetime.timedelta(days=1)).strftime("%Y-%m-%dT%H:%M")
    done = office.post(url(world_a, report, "do/agenda/"), {"meeting": meeting.pk, "release_at": release}, follow=True)
    assert "已提请" in done.content.decode()
    assert Report.objects.in_congress(world_a.congress).get(pk=report.pk).agenda_item_id


def test_the_activity_page_offers_to_start_the_report(world_a):
    activity = activity_in_field(world_a)
    office = client_for(world_a.office)
    page = office.get(f"/c/{world_a.congress.code}/oversight/activities/{activity.pk}/").content.decode()
    assert "开始起草报告" in page
    started = office.post(f"/c/{world_a.congress.code}/oversight/activities/{activity.pk}/report/start/",
                          {"title": "关于饮水安全的视察报告", "situation": "", "closing": ""})
    assert started.status_code == 302
    page = office.get(f"/c/{world_a.congress.code}/oversight/activities/{activity.pk}/").content.decode()
    assert "关于饮水安全的视察报告" in page and "打开报告稿" in page


def test_another_congress_report_is_not_found(world_a, world_b):
    report = drafted(world_b)
    office = client_for(world_a.office)
    assert office.get(url(world_a, report)).status_code == 404
    assert office.post(url(world_a, report, "do/version/"), {"note": "越权"}).status_code == 404
    assert office.get(url(world_a, report, "report.pdf")).status_code == 404


def test_the_closing_follows_the_three_parts(world_a):
    report = ready(world_a)
    reporting.draft_oversight_report(world_a.congress, Activity.objects.in_congress(world_a.congress).get(
        pk=report.activity_id), actor=world_a.office, title=report.title, situation=report.situation,
        closing="视察组认为，{{total}}户供水须在年内改造完成。")
    doc = report_document(Report.objects.in_congress(world_a.congress).get(pk=report.pk))
    assert doc.closing == ["视察组认为，2852家户供水须在年内改造完成。"]
    assert [s.heading for s in doc.sections] == ["基本情况", "存在的问题", "意见建议"]
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(to_pdf(doc))).pages)
    assert "视察组认为" in text.replace("\n", "") and "四、" not in text
