"""Fieldwork pages and API: the activity page's section, the step forms (kept as typed when refused),
a unit's letter page, files served only to those who may see the activity, and the API round trip."""

import datetime
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.loader import render_to_string
from django.test import Client, RequestFactory

from renda.core import actions as core_actions
from renda.core.roles import Role
from renda.oversight.actions import fieldwork as fw
from renda.oversight.models import Letter, NoticeReply, Photo, SiteVisit, Symposium
from renda.oversight.tests.permission_calls_fieldwork import (
    YEAR,
    jpeg,
    make_activity,
    make_questionnaire,
    pdf,
)
from renda.oversight.views.fieldwork import activity_context
from renda.testing import make_user, signed_in

DAY = datetime.date(YEAR, 6, 1)


@pytest.fixture
def world(world_a):
    return world_a


def section(world, user, activity) -> str:
    """The fieldwork section of the activity page, as this user sees it."""
    request = RequestFactory().get("/")
    request.user = user
    request.congress = world.congress  # type: ignore[attr-defined]  # set by the congress middleware in a real request
    context = {"activity": activity, "congress": world.congress, **activity_context(request, activity)}
    return render_to_string("oversight/_activity_fieldwork.html", context, request=request)


def base(world, activity) -> str:
    return f"/c/{world.congress.code}/oversight"


def test_member_sees_pending_notice_and_replies_with_a_tap(world):
    activity = make_activity(world)
    notice = fw.send_team_notice(world.congress, activity, actor=world.office, text="6月1日赴东湖区调研")
    html = section(world, world.deputy, activity)
    assert "请回复是否参加" in html and "参加</button>" in html and "不参加（说明理由）" in html
    page = signed_in(world.deputy).post(f"{base(world, activity)}/notices/{notice.pk}/do/reply/", {"answer": "attend"})
    assert page.status_code == 302
    assert NoticeReply.objects.in_congress(world.congress).get(notice=notice, person=world.deputies[0].person).answer == "attend"
    html = section(world, world.office, activity)
    assert "参加 1 · 不参加 0 · 未回复 1" in html and "李明" in html


def test_absent_without_reason_comes_back_with_the_message_beside_the_field(world):
    activity = make_activity(world)
    notice = fw.send_team_notice(world.congress, activity, actor=world.office, text="请参加")
    client = signed_in(world.deputy)
    assert client.get(f"{base(world, activity)}/notices/{notice.pk}/reply/?answer=absent").status_code == 200
    page = client.post(f"{base(world, activity)}/notices/{notice.pk}/do/reply/", {"answer": "absent", "reason": ""})
    assert page.status_code == 422 and "不参加的须说明理由" in page.content.decode()
    outsider = world.make_deputy("赵强")
    user = make_user("zhao")
    core_actions.grant_role(world.congress, actor=world.root, user=user, role=Role.DEPUTY)
    outsider.person.user = user
    outsider.person.save(update_fields=["user"])
    user.refresh_from_db()
    assert signed_in(user).post(f"{base(world, activity)}/notices/{notice.pk}/do/reply/",
                                {"answer": "attend"}).status_code == 404  # cannot see the activity


def test_staff_send_a_notice_and_letters_from_the_step_pages(world):
    activity = make_activity(world)
    client = signed_in(world.office)
    url = base(world, activity)
    assert client.get(f"{url}/activities/{activity.pk}/fieldwork/notice/").status_code == 200
    refused = client.post(f"{url}/fieldwork/{activity.pk}/do/notice/", {"text": "", "reply_by": "2000-01-01"})
    assert refused.status_code == 422 and "“通知内容”必须填写" in refused.content.decode()
    assert client.post(f"{url}/fieldwork/{activity.pk}/do/notice/", {"text": "请参加"}).status_code == 302
    form = client.get(f"{url}/activities/{activity.pk}/fieldwork/letters/").content.decode()
    assert "教育局" in form and "data-confirm" in form
    past = client.post(f"{url}/fieldwork/{activity.pk}/do/letters/",
                       {"units": [world.unit.pk], "text": "请报送自查报告", "due_on": "2000-01-01"})
    assert past.status_code == 422 and "请报送自查报告" in past.content.decode()  # kept as typed
    assert client.post(f"{url}/fieldwork/{activity.pk}/do/letters/",
                       {"units": [world.unit.pk], "text": "请报送自查报告", "due_on": f"{YEAR}-12-31"}).status_code == 302
    html = section(world, world.office, activity)
    assert "未回复 2" in html and "教育局" in html and "未报送" in html


def test_a_deputy_may_not_open_staff_steps_and_another_congress_activity_is_not_found(world, world_b):
    activity = make_activity(world)
    assert signed_in(world.deputy).get(
        f"{base(world, activity)}/activities/{activity.pk}/fieldwork/letters/").status_code == 403
    other = make_activity(world_b)
    assert signed_in(world.office).get(
        f"{base(world, activity)}/activities/{other.pk}/fieldwork/notice/").status_code == 404


def test_unit_files_its_report_on_its_letter_page_and_only_viewers_download_it(world):
    activity = make_activity(world)
    letter = fw.send_self_report_letter(world.congress, activity, actor=world.office, units=[world.unit],
                                        text="请报送", due_on=datetime.date(YEAR, 12, 31))[0]
    officer = signed_in(world.users[Role.UNIT_OFFICER])
    url = base(world, activity)
    assert "报送自查报告" in officer.get(f"{url}/letters/").content.decode()
    assert officer.get(f"{url}/letters/{letter.pk}/").status_code == 200
    bad = officer.post(f"{url}/letters/{letter.pk}/do/self-report/",
                       {"upload": SimpleUploadedFile("报告.pdf", b"MZ" + b"\0" * 64)})
    assert bad.status_code == 422 and "“自查报告”不是" in bad.content.decode()
    assert officer.post(f"{url}/letters/{letter.pk}/do/self-report/", {"upload": pdf()}).status_code == 302
    letter.refresh_from_db()
    assert fw.letter_status(letter) == "已报送"
    assert signed_in(world.office).get(f"{url}/attachments/letters/{letter.pk}/").status_code == 200
    assert signed_in(world.deputy).get(f"{url}/attachments/letters/{letter.pk}/").status_code == 200  # on the team
    stranger = make_user("nobody-a")
    core_actions.grant_role(world.congress, actor=world.root, user=stranger, role=Role.DEPUTY)
    assert signed_in(stranger).get(f"{url}/attachments/letters/{letter.pk}/").status_code == 404
    assert "逾期" not in section(world, world.office, activity)


def test_site_visit_form_keeps_input_on_a_bad_photo_then_records_and_serves_photos(world):
    activity = make_activity(world)
    client = signed_in(world.deputy)  # on the team
    url = f"{base(world, activity)}/fieldwork/{activity.pk}/do/visit/"
    data = {"day": DAY.isoformat(), "county": "东湖区", "place": "城关水厂", "observations": "水质达标",
            "visitors": f"@{world.deputies[0].person.pk}"}
    refused = client.post(url, {**data, "photos": [pdf("fake.jpg")]})
    assert refused.status_code == 422
    body = refused.content.decode()
    assert "不是 JPEG 或 PNG 文件" in body and "城关水厂" in body and "水质达标" in body
    assert not SiteVisit.objects.in_congress(world.congress).exists()
    assert client.post(url, {**data, "photos": [jpeg("a.jpg"), jpeg("b.jpg")], "captions": "进水口\n沉淀池"}).status_code == 302
    photo = Photo.objects.in_congress(world.congress).first()
    assert photo.caption == "进水口"
    assert client.get(f"{base(world, activity)}/photos/{photo.pk}/").status_code == 200
    stranger = make_user("nobody-b")
    core_actions.grant_role(world.congress, actor=world.root, user=stranger, role=Role.DEPUTY)
    assert signed_in(stranger).get(f"{base(world, activity)}/photos/{photo.pk}/").status_code == 404
    assert Client().get(f"{base(world, activity)}/photos/{photo.pk}/").status_code in (302, 404)
    html = section(world, world.office, activity)
    assert "共 1 处，分布在 1 个县（市、区）：东湖区 1" in html and f"/photos/{photo.pk}/" in html


def test_symposium_and_questionnaire_steps(world):
    activity = make_activity(world)
    client = signed_in(world.office)
    url = f"{base(world, activity)}/fieldwork/{activity.pk}/do"
    assert client.get(f"{base(world, activity)}/activities/{activity.pk}/fieldwork/symposium/").status_code == 200
    page = client.post(f"{url}/symposium/", {
        "day": DAY.isoformat(), "place": "县政府会议室", "topic": "饮水安全座谈", "summary": "",
        "report1_unit": world.unit.pk, "report1_title": "教育局汇报", "report1_file": pdf(),
        "speech1_speaker": "周明", "speech1_affiliation": "水利局局长", "speech1_summary": "介绍情况"})
    assert page.status_code == 302, page.content.decode()[:2000]
    symposium = Symposium.objects.in_congress(world.congress).get()
    assert [s.speaker for s in symposium.speeches.all()] == ["周明"]
    report = symposium.reports.get()
    assert client.get(f"{base(world, activity)}/attachments/symposium-reports/{report.pk}/").status_code == 200
    stranger = make_user("nobody-c")
    core_actions.grant_role(world.congress, actor=world.root, user=stranger, role=Role.DEPUTY)
    assert signed_in(stranger).get(f"{base(world, activity)}/attachments/symposium-reports/{report.pk}/").status_code == 404
    half = client.post(f"{url}/symposium/", {"day": DAY.isoformat(), "place": "会议室", "topic": "座谈",
                                             "speech2_speaker": "吴刚"})
    assert half.status_code == 422 and "第2条发言须写明“发言要点”" in half.content.decode()
    questionnaire = make_questionnaire(world)
    assert client.post(f"{url}/questionnaire/", {"questionnaire": questionnaire.pk}).status_code == 302
    html = section(world, world.office, activity)
    assert "饮水安全座谈" in html and "教育局汇报" in html and questionnaire.title in html and "已收 0 份答卷" in html


# ── API ──

def bearer(world, user):
    _, secret = core_actions.issue_api_token(world.congress, actor=user, name="测试")
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_api_round_trip(world, world_b):
    activity = make_activity(world)
    office, deputy = bearer(world, world.office), bearer(world, world.deputy)
    client = Client()
    a = f"/api/oversight/activities/{activity.pk}"
    sent = client.post(f"{a}/notices", {"text": "请参加", "reply_by": None}, content_type="application/json", **office)
    assert sent.status_code == 201 and sent.json()["pending"] == 2
    notice_id = sent.json()["id"]
    refused = client.post(f"/api/oversight/notices/{notice_id}/reply", {"answer": "absent"},
                          content_type="application/json", **deputy)
    assert refused.status_code == 422 and refused.json()["detail"][0]["field"] == "reason"
    replied = client.post(f"/api/oversight/notices/{notice_id}/reply", {"answer": "absent", "reason": "出差"},
                          content_type="application/json", **deputy)
    assert replied.status_code == 200 and replied.json()["absent"] == 1
    assert [r["name"] for r in replied.json()["replies"]] == ["李明"]  # a member sees only their own reply
    assert client.get(f"{a}/notices", **office).json()[0]["attend"] == 0

    letters = client.post(f"{a}/letters", {"unit_ids": [world.unit.pk], "text": "请报送", "due_on": f"{YEAR}-12-31"},
                          content_type="application/json", **office)
    assert letters.status_code == 201 and letters.json()[0]["status"] == "未报送"
    again = client.post(f"{a}/letters", {"unit_ids": [world.unit.pk], "text": "请报送", "due_on": f"{YEAR}-12-31"},
                        content_type="application/json", **office)
    assert again.status_code == 422 and "教育局" in again.json()["detail"][0]["message"]
    letter_id = letters.json()[0]["id"]
    officer = bearer(world, world.users[Role.UNIT_OFFICER])
    filed = client.post(f"/api/oversight/letters/{letter_id}/self-report", {"file": pdf()}, **officer)
    assert filed.status_code == 200 and filed.json()["status"] == "已报送" and filed.json()["self_report"]
    assert Letter.objects.in_congress(world.congress).get(pk=letter_id).self_report

    visit = client.post(f"{a}/site-visits", {"day": DAY.isoformat(), "county": "西山县", "place": "水库",
                                             "observations": "正常", "visitor_ids": [world.deputies[0].person.pk],
                                             "captions": ["大坝"], "photos": [jpeg()]}, **deputy)
    assert visit.status_code == 201, visit.content
    assert visit.json()["visitors"] == ["李明"] and visit.json()["photos"][0]["caption"] == "大坝"
    bad = client.post(f"{a}/site-visits", {"day": f"{YEAR + 1}-01-01", "county": "西山县", "place": "水库",
                                           "observations": "正常", "photos": [pdf("x.jpg")]}, **deputy)
    assert bad.status_code == 422 and {d["field"] for d in bad.json()["detail"]} >= {"day", "photos"}
    assert len(client.get(f"{a}/site-visits", **office).json()) == 1

    symposium = client.post(f"{a}/symposia", {
        "day": DAY.isoformat(), "place": "会议室", "topic": "座谈", "report_unit_ids": [world.unit.pk],
        "report_titles": ["汇报"], "reports": [pdf()],
        "speeches": json.dumps([{"person_id": world.deputies[1].person.pk, "summary": "建议"}])}, **office)
    assert symposium.status_code == 201, symposium.content
    assert symposium.json()["speeches"][0]["speaker"] == "王芳" and symposium.json()["reports"][0]["title"] == "汇报"
    assert len(client.get(f"{a}/symposia", **office).json()) == 1

    questionnaire = make_questionnaire(world)
    attached = client.post(f"{a}/questionnaires", {"questionnaire_id": questionnaire.pk},
                           content_type="application/json", **office)
    assert attached.status_code == 201 and attached.json()[0]["title"] == questionnaire.title
    other = make_questionnaire(world_b)
    assert client.post(f"{a}/questionnaires", {"questionnaire_id": other.pk}, content_type="application/json",
                       **office).status_code == 422
    assert client.post(f"{a}/letters", {"unit_ids": [world.unit.pk], "text": "x", "due_on": f"{YEAR}-12-31"},
                       content_type="application/json", **deputy).status_code == 403
    b = make_activity(world_b)
    assert client.get(f"/api/oversight/activities/{b.pk}/notices", **office).status_code == 404
    assert client.post(f"{a}/notices", {"text": "x", "extra": 1}, content_type="application/json",
                       **office).status_code == 422


def test_the_activity_page_shows_the_section(world):
    activity = make_activity(world)
    fw.send_team_notice(world.congress, activity, actor=world.office, text="请参加")
    page = signed_in(world.deputy).get(f"/c/{world.congress.code}/oversight/activities/{activity.pk}/")
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="fieldwork"' in html and "请回复是否参加" in html


def test_the_openapi_document_lists_the_fieldwork_endpoints(db):
    paths = Client().get("/api/openapi.json").json()["paths"]
    assert {"/api/oversight/activities/{activity_id}/notices", "/api/oversight/notices/{notice_id}/reply",
            "/api/oversight/activities/{activity_id}/letters", "/api/oversight/letters/{letter_id}/self-report",
            "/api/oversight/activities/{activity_id}/site-visits", "/api/oversight/activities/{activity_id}/symposia",
            "/api/oversight/activities/{activity_id}/questionnaires"} <= set(paths)
