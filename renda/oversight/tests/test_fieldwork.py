"""Fieldwork actions: notices and replies, letters and self-inspection reports, site visits with
photos, symposia, questionnaires — allowed, refused, and another congress's records not found."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from renda.core.errors import NotFound, NotPermitted, ValidationError
from renda.core.models import AuditEntry
from renda.core.roles import Role
from renda.oversight import participation
from renda.oversight.actions import fieldwork as fw
from renda.oversight.models import Activity, Letter, NoticeReply, Photo, SiteVisit, Symposium
from renda.oversight.tests.permission_calls_fieldwork import (
    YEAR,
    jpeg,
    make_activity,
    make_questionnaire,
    pdf,
)
from renda.people import actions as people
from renda.people.models import Organisation

DAY = datetime.date(YEAR, 6, 1)


@pytest.fixture
def world(world_a):
    return world_a


def members(world):
    return [m.person for m in world.deputies]


def messages_of(error) -> str:
    return " ".join(m for ms in error.value.message_dict.values() for m in ms)


# ── notices ──

def test_notice_goes_to_each_team_member_pending(world):
    activity = make_activity(world)
    notice = fw.send_team_notice(world.congress, activity, actor=world.office, text="请参加调研",
                                 reply_by=datetime.date.today())
    replies = NoticeReply.objects.in_congress(world.congress).filter(notice=notice)
    assert {r.person for r in replies} == set(members(world))
    assert {r.answer for r in replies} == {NoticeReply.Answer.PENDING}
    assert AuditEntry.objects.in_congress(world.congress).filter(action="send_team_notice").exists()


def test_notice_refused_without_team_or_text_or_past_reply_date(world):
    with pytest.raises(ValidationError) as error:
        fw.send_team_notice(world.congress, make_activity(world, team=[], status=Activity.Status.PREPARING),
                            actor=world.office, text="请参加")
    assert "组成人员" in messages_of(error)
    with pytest.raises(ValidationError) as error:
        fw.send_team_notice(world.congress, make_activity(world), actor=world.office, text=" ",
                            reply_by=datetime.date.today() - datetime.timedelta(days=1))
    assert "“通知内容”必须填写" in messages_of(error) and "“回复截止”不能早于今天" in messages_of(error)


def test_notice_denied_to_a_deputy_and_another_congress_activity_not_found(world, world_b):
    with pytest.raises(NotPermitted):
        fw.send_team_notice(world.congress, make_activity(world), actor=world.deputy, text="请参加")
    with pytest.raises(NotFound):
        fw.send_team_notice(world.congress, make_activity(world_b), actor=world.office, text="请参加")


def test_member_replies_for_themselves_absent_needs_a_reason(world):
    notice = fw.send_team_notice(world.congress, make_activity(world), actor=world.office, text="请参加调研")
    with pytest.raises(ValidationError) as error:
        fw.reply_to_notice(world.congress, notice, actor=world.deputy, answer="absent")
    assert "理由" in messages_of(error)
    reply = fw.reply_to_notice(world.congress, notice, actor=world.deputy, answer="absent", reason="出差")
    assert (reply.answer, reply.reason, reply.person) == ("absent", "出差", world.deputies[0].person)
    reply = fw.reply_to_notice(world.congress, notice, actor=world.deputy, answer="attend")
    assert reply.answer == "attend" and reply.replied_at is not None


def test_reply_by_a_non_member_refused(world):
    outsider = world.make_deputy("赵强")
    notice = fw.send_team_notice(world.congress, make_activity(world, team=[outsider.person]), actor=world.office,
                                 text="请参加")
    with pytest.raises(NotPermitted, match="您不在本通知的名单中"):
        fw.reply_to_notice(world.congress, notice, actor=world.deputy, answer="attend")
    with pytest.raises(NotPermitted):  # nor for someone else
        fw.reply_to_notice(world.congress, notice, actor=world.deputy, answer="attend", person=outsider.person)
    with pytest.raises(NotPermitted):
        fw.reply_to_notice(world.congress, notice, actor=world.users[Role.UNIT_OFFICER], answer="attend")


def test_staff_records_a_reply_for_a_named_person_not_for_someone_off_the_notice(world):
    notice = fw.send_team_notice(world.congress, make_activity(world), actor=world.office, text="请参加")
    reply = fw.reply_to_notice(world.congress, notice, actor=world.office, answer="attend",
                               person=world.deputies[1].person)
    assert reply.answer == "attend"
    with pytest.raises(ValidationError) as error:
        fw.reply_to_notice(world.congress, notice, actor=world.office, answer="attend",
                           person=world.make_deputy("孙丽").person)
    assert "孙丽不在本通知的名单中" in messages_of(error)
    with pytest.raises(ValidationError):
        fw.reply_to_notice(world.congress, notice, actor=world.office, answer="maybe", person=world.deputies[1].person)


def test_reply_to_another_congress_notice_not_found(world, world_b):
    notice_b = fw.send_team_notice(world_b.congress, make_activity(world_b), actor=world_b.office, text="请参加")
    with pytest.raises(NotFound):
        fw.reply_to_notice(world.congress, notice_b, actor=world.deputy, answer="attend")


def test_inbox_lists_the_members_pending_notices(world):
    from renda.core.inbox import Ask
    from renda.oversight.inbox import tasks

    activity = make_activity(world)
    notice = fw.send_team_notice(world.congress, activity, actor=world.office, text="请参加")
    found = tasks(Ask(world.congress, world.deputy))
    assert [t.count for t in found] == [1] and found[0].items[0].title == activity.title
    fw.reply_to_notice(world.congress, notice, actor=world.deputy, answer="attend")
    assert tasks(Ask(world.congress, world.deputy)) == []
    assert tasks(Ask(world.congress, world.office)) == []


def test_inbox_lists_a_unit_officers_reports_to_file(world):
    from renda.core.inbox import Ask
    from renda.oversight.inbox import tasks

    activity = make_activity(world)
    letter = fw.send_self_report_letter(world.congress, activity, actor=world.office, units=[world.unit], text="请报送",
                                        due_on=datetime.date(YEAR, 12, 31))[0]
    officer = world.users[Role.UNIT_OFFICER]
    found = tasks(Ask(world.congress, officer))
    assert [(t.key, t.count) for t in found] == [("oversight_self_reports", 1)]
    assert found[0].items[0].url.endswith(f"/oversight/letters/{letter.pk}/")
    fw.file_self_report(world.congress, letter, actor=officer, upload=pdf())
    assert tasks(Ask(world.congress, officer)) == []


# ── letters ──

def _unit(world, name):
    return people.create_organisation(world.congress, actor=world.root, kind=Organisation.Kind.HANDLING_UNIT, name=name,
                                      unit_type="department")


def test_letter_due_yesterday_refused_today_accepted(world):
    activity = make_activity(world)
    today = datetime.date(YEAR, 5, 10)
    with pytest.raises(ValidationError) as error:
        fw.send_self_report_letter(world.congress, activity, actor=world.office, units=[world.unit], text="请报送",
                                   due_on=today - datetime.timedelta(days=1), today=today)
    assert "“报送期限”不能早于今天" in messages_of(error)
    letters = fw.send_self_report_letter(world.congress, activity, actor=world.office, units=[world.unit],
                                         text="请报送", due_on=today, today=today)
    assert [letter.due_on for letter in letters] == [today]


def test_letter_due_outside_the_year_refused(world):
    activity = make_activity(world)
    with pytest.raises(ValidationError) as error:
        fw.send_self_report_letter(world.congress, activity, actor=world.office, units=[world.unit], text="请报送",
                                   due_on=datetime.date(YEAR + 1, 1, 1), today=datetime.date(YEAR, 5, 1))
    assert f"须在{YEAR}年内" in messages_of(error)


def test_second_letter_to_a_unit_refused_naming_it_and_only_handling_units(world):
    activity = make_activity(world)
    other = _unit(world, "水利局")
    fw.send_self_report_letter(world.congress, activity, actor=world.office, units=[world.unit], text="请报送",
                               due_on=datetime.date(YEAR, 12, 31))
    with pytest.raises(ValidationError) as error:
        fw.send_self_report_letter(world.congress, activity, actor=world.office, units=[other, world.unit],
                                   text="请报送", due_on=datetime.date(YEAR, 12, 31))
    assert "教育局" in messages_of(error) and "不能重复致函" in messages_of(error)
    assert Letter.objects.in_congress(world.congress).filter(activity=activity).count() == 1
    with pytest.raises(ValidationError) as error:
        fw.send_self_report_letter(world.congress, activity, actor=world.office, units=[world.committee],
                                   text="请报送", due_on=datetime.date(YEAR, 12, 31))
    assert "不是" in messages_of(error)


def test_unit_officer_files_own_units_report_not_anothers(world, world_b):
    activity = make_activity(world)
    other = _unit(world, "水利局")
    mine, theirs = fw.send_self_report_letter(world.congress, activity, actor=world.office, units=[world.unit, other],
                                              text="请报送", due_on=datetime.date(YEAR, 12, 31))
    officer = world.users[Role.UNIT_OFFICER]
    with pytest.raises(NotPermitted, match="水利局"):
        fw.file_self_report(world.congress, theirs, actor=officer, upload=pdf())
    with pytest.raises(NotPermitted):
        fw.file_self_report(world.congress, mine, actor=world.deputy, upload=pdf())
    letter = fw.file_self_report(world.congress, mine, actor=officer, upload=pdf("自查报告.pdf"))
    assert letter.received_at is not None and letter.self_report_name == "自查报告.pdf"
    assert fw.letter_status(letter) == "已报送"
    with pytest.raises(ValidationError, match="已于"):
        fw.file_self_report(world.congress, mine, actor=officer, upload=pdf())
    fw.file_self_report(world.congress, theirs, actor=world.office, upload=pdf())  # staff for any unit
    letter_b = fw.send_self_report_letter(world_b.congress, make_activity(world_b), actor=world_b.office,
                                          units=[world_b.unit], text="请报送", due_on=datetime.date(YEAR, 12, 31))[0]
    with pytest.raises(NotFound):
        fw.file_self_report(world.congress, letter_b, actor=world.office, upload=pdf())


def test_self_report_not_a_document_refused_naming_the_field(world):
    letter = fw.send_self_report_letter(world.congress, make_activity(world), actor=world.office, units=[world.unit],
                                        text="请报送", due_on=datetime.date(YEAR, 12, 31))[0]
    exe = SimpleUploadedFile("报告.pdf", b"MZ\x90\x00\x03" + b"\x00" * 60)
    with pytest.raises(ValidationError) as error:
        fw.file_self_report(world.congress, letter, actor=world.office, upload=exe)
    assert "upload" in error.value.message_dict and "“自查报告”不是" in messages_of(error)
    letter.refresh_from_db()
    assert letter.received_at is None and not letter.self_report


def test_late_filing_is_marked(world):
    letter = fw.send_self_report_letter(world.congress, make_activity(world), actor=world.office, units=[world.unit],
                                        text="请报送", due_on=datetime.date(YEAR, 12, 31))[0]
    Letter.objects.in_congress(world.congress).filter(pk=letter.pk).update(due_on=datetime.date.today() - datetime.timedelta(days=2))
    letter.refresh_from_db()
    assert fw.letter_status(letter) == "逾期未报送"
    fw.file_self_report(world.congress, letter, actor=world.office, upload=pdf())
    assert fw.letter_status(letter) == "逾期报送"
    fresh = Letter(due_on=datetime.date.today())
    assert fw.letter_status(fresh) == "未报送"


# ── site visits ──

def _visit(world, activity, **kw):
    args = {"day": DAY, "county": "东湖区", "place": "城关水厂", "observations": "水质达标"} | kw
    return fw.record_site_visit(world.congress, activity, actor=kw.pop("actor", world.office),
                                **{k: v for k, v in args.items() if k != "actor"})


def test_site_visit_on_the_last_day_of_the_year_accepted_next_day_refused(world):
    activity = make_activity(world)
    visit = _visit(world, activity, day=datetime.date(YEAR, 12, 31))
    assert visit.day == datetime.date(YEAR, 12, 31)
    with pytest.raises(ValidationError) as error:
        _visit(world, activity, day=datetime.date(YEAR + 1, 1, 1))
    assert "day" in error.value.message_dict and f"须在{YEAR}年内" in messages_of(error)


def test_site_visit_inside_the_activity_dates_when_set(world):
    activity = make_activity(world, starts_on=datetime.date(YEAR, 5, 1), ends_on=datetime.date(YEAR, 5, 31))
    _visit(world, activity, day=datetime.date(YEAR, 5, 31))
    with pytest.raises(ValidationError, match="期间"):
        _visit(world, activity, day=datetime.date(YEAR, 6, 1))
    with pytest.raises(ValidationError, match="期间"):
        _visit(world, activity, day=datetime.date(YEAR, 4, 30))


def test_six_photos_accepted_seven_refused(world):
    activity = make_activity(world)
    visit = _visit(world, activity, photos=[jpeg(f"p{n}.jpg") for n in range(6)], captions=["水厂进水口"])
    assert Photo.objects.in_congress(world.congress).filter(visit=visit).count() == 6
    assert visit.photos.first().caption == "水厂进水口"
    with pytest.raises(ValidationError) as error:
        _visit(world, activity, photos=[jpeg(f"p{n}.jpg") for n in range(7)])
    assert "最多 6 张" in messages_of(error)
    assert SiteVisit.objects.in_congress(world.congress).count() == 1


def test_pdf_named_as_a_photo_refused_and_nothing_written(world):
    activity = make_activity(world)
    with pytest.raises(ValidationError) as error:
        _visit(world, activity, photos=[jpeg(), pdf("fake.jpg")])
    assert "photos" in error.value.message_dict and "第2张照片不是 JPEG 或 PNG 文件" in messages_of(error)
    assert not SiteVisit.objects.in_congress(world.congress).exists()
    assert not Photo.objects.in_congress(world.congress).exists()


def test_visitor_not_on_the_team_refused_naming_them(world):
    activity = make_activity(world)
    stranger = world.make_deputy("钱进").person
    with pytest.raises(ValidationError) as error:
        _visit(world, activity, visitors=[world.deputies[0].person, stranger])
    assert "“钱进”不是本调研（检查）组成员" in messages_of(error)
    visit = _visit(world, activity, visitors=members(world))
    assert {v.person for v in visit.visitors.all()} == set(members(world))


def test_team_member_records_a_visit_an_outsider_deputy_may_not(world):
    activity = make_activity(world, team=[world.deputies[0].person])
    assert _visit(world, activity, actor=world.deputy).recorded_by == world.deputy
    with pytest.raises(NotPermitted):
        _visit(world, activity, actor=world.users[Role.SC_MEMBER])
    with pytest.raises(NotPermitted):
        _visit(world, activity, actor=world.users[Role.UNIT_OFFICER])


def test_site_visit_only_while_under_way_or_drafting(world, world_b):
    for status in (Activity.Status.PREPARING, Activity.Status.REPORTED):
        with pytest.raises(ValidationError, match="正在开展、起草报告"):
            _visit(world, make_activity(world, status=status))
    _visit(world, make_activity(world, status=Activity.Status.DRAFTING))
    with pytest.raises(NotFound):
        _visit(world, make_activity(world_b))


def test_visits_grouped_by_county(world):
    activity = make_activity(world)
    for county, n in [("东湖区", 7), ("西山县", 3), ("南河县", 5)]:
        for i in range(n):
            _visit(world, activity, county=county, place=f"{county}{i}号点")
    visits = list(SiteVisit.objects.in_congress(world.congress).filter(activity=activity))
    assert [(c, len(v)) for c, v in fw.visits_by_county(visits)] == [("东湖区", 7), ("西山县", 3), ("南河县", 5)]


# ── symposia ──

def test_symposium_with_reports_and_speeches(world):
    activity = make_activity(world)
    symposium = fw.record_symposium(
        world.congress, activity, actor=world.office, day=DAY, place="县政府会议室", topic="饮水安全座谈",
        summary="各单位汇报", reports=[(world.unit, "教育局汇报材料", pdf())],
        speeches=[{"person": world.deputies[0].person, "summary": "建议加大投入"},
                  {"speaker": "周明", "affiliation": "水利局局长", "summary": "介绍情况"}])
    assert [r.title for r in symposium.reports.all()] == ["教育局汇报材料"]
    assert [(s.order, s.speaker) for s in symposium.speeches.all()] == [(1, "李明"), (2, "周明")]


def test_symposium_refusals(world, world_b):
    activity = make_activity(world)
    with pytest.raises(ValidationError) as error:
        fw.record_symposium(world.congress, activity, actor=world.office, day=datetime.date(YEAR + 1, 1, 1),
                            place="会议室", topic="", reports=[(world.unit, "材料", jpeg("a.docx"))],
                            speeches=[{"speaker": "", "summary": ""}])
    text = messages_of(error)
    assert f"须在{YEAR}年内" in text and "“主题”必须填写" in text and "第1条发言的发言人" in text
    with pytest.raises(ValidationError, match="第1份汇报材料不是"):
        fw.record_symposium(world.congress, activity, actor=world.office, day=DAY, place="会议室", topic="座谈",
                            reports=[(world.unit, "材料", SimpleUploadedFile("a.pdf", b"MZ" + b"\0" * 40))])
    assert not Symposium.objects.in_congress(world.congress).exists()
    with pytest.raises(NotPermitted):
        fw.record_symposium(world.congress, activity, actor=world.deputy, day=DAY, place="会议室", topic="座谈")
    with pytest.raises(NotFound):
        fw.record_symposium(world.congress, make_activity(world_b), actor=world.office, day=DAY, place="会议室",
                            topic="座谈")


# ── questionnaires ──

def test_questionnaire_attached_once_and_of_this_congress(world, world_b):
    activity = make_activity(world)
    questionnaire = make_questionnaire(world)
    fw.attach_questionnaire(world.congress, activity, actor=world.office, questionnaire=questionnaire)
    assert list(activity.questionnaires.all()) == [questionnaire]
    with pytest.raises(ValidationError, match="已附加"):
        fw.attach_questionnaire(world.congress, activity, actor=world.office, questionnaire=questionnaire)
    with pytest.raises(NotFound):
        fw.attach_questionnaire(world.congress, activity, actor=world.office, questionnaire=make_questionnaire(world_b))
    with pytest.raises(NotPermitted):
        fw.attach_questionnaire(world.congress, activity, actor=world.deputy, questionnaire=make_questionnaire(world))


# ── participation ──

def test_participation_lists_team_roles_and_site_visits(world):
    li, wang = members(world)
    survey = make_activity(world, team=[li, wang])
    visit = make_activity(world, kind=Activity.Kind.VISIT, team=[wang], title="视察农村公路")
    make_activity(world, team=[li], title="另一次调研")
    _visit(world, visit, visitors=[wang])
    _visit(world, visit, visitors=[wang])
    _visit(world, survey, visitors=[li])
    parts = participation.activities_of(world.congress, wang)
    assert [(p.activity, p.role, p.site_visits) for p in parts] == [(visit, "组长", 2), (survey, "成员", 0)]
    assert parts[0].roles == ["组长", "实地察看 2 处"]
    assert len(participation.activities_of(world.congress, li)) == 2
    assert participation.activities_of(world.congress, world.make_deputy("无关").person) == []


# ── the permission matrix's cells for these actions (the core matrix test runs them with every stage) ──

FIELDWORK_ACTIONS = ["send_team_notice", "reply_to_notice", "send_self_report_letter", "file_self_report",
                     "record_site_visit", "record_symposium", "attach_questionnaire"]


@pytest.mark.parametrize("action", FIELDWORK_ACTIONS)
def test_matrix_cells(world, action):
    from renda.core.tests.test_permission_matrix import MATRIX
    from renda.oversight.tests.permission_calls_fieldwork import writes

    for role, allowed in MATRIX[action].items():
        user = world.users[role]
        call = writes(world)[action]
        if allowed:
            call(user)
            assert AuditEntry.objects.in_congress(world.congress).filter(action=action, actor=user).exists(), role
        else:
            with pytest.raises(NotPermitted):
                call(user)


def test_letters_and_questionnaires_of_another_congress_not_found(world, world_b):
    with pytest.raises(NotFound):
        fw.send_self_report_letter(world.congress, make_activity(world_b), actor=world.office, units=[world.unit],
                                   text="请报送", due_on=datetime.date(YEAR, 12, 31))
    with pytest.raises(ValidationError, match="须为本级的承办单位"):
        fw.send_self_report_letter(world.congress, make_activity(world), actor=world.office, units=[world_b.unit],
                                   text="请报送", due_on=datetime.date(YEAR, 12, 31))
    with pytest.raises(NotPermitted):
        fw.send_self_report_letter(world.congress, make_activity(world), actor=world_b.office, units=[world.unit],
                                   text="请报送", due_on=datetime.date(YEAR, 12, 31))
    with pytest.raises(NotFound):
        fw.attach_questionnaire(world.congress, make_activity(world_b), actor=world.office,
                                questionnaire=make_questionnaire(world))
