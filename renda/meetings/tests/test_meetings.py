import datetime

import pytest
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.test import Client
from django.utils import timezone

from renda.core.errors import NotFound, NotPermitted
from renda.core.tenancy import congress_scope
from renda.meetings import actions, queries
from renda.meetings.models import DocumentDownload, Meeting, RosterEntry
from renda.people import actions as people
from renda.testing import make_meeting, make_world, teller_keys


def test_meetings_are_numbered_within_the_term_and_kind(world_a):
    first = make_meeting(world_a, members=3, open_it=False)
    second = make_meeting(world_a, members=3, open_it=False)
    assert (first.number, second.number) == (1, 2)
    assert second.title == "示例甲市第五届人大常委会第二次会议"


def test_the_roster_follows_memberships_on_the_meeting_date(world_a):
    meeting = make_meeting(world_a, members=4, open_it=False)
    sc = meeting.organisation
    leaver = people.add_membership(world_a.congress, actor=world_a.root, organisation=sc,
                                   person=world_a.make_deputy("离任委员").person, start="2022-01-10")
    people.end_membership(world_a.congress, leaver, actor=world_a.root, end="2023-01-01")
    later = actions.create_meeting(world_a.congress, actor=world_a.root, term=world_a.term, kind="sc_session",
                                   starts_at=timezone.now(), organisation=sc)
    actions.build_roster(world_a.congress, later, actor=world_a.root)
    names = set(RosterEntry.objects.in_congress(world_a.congress).filter(meeting=later).values_list("person__name", flat=True))
    assert "离任委员" not in names and len(names) == 4


def test_a_body_meeting_needs_its_body(world_a):
    with pytest.raises(ValidationError) as error:
        actions.create_meeting(world_a.congress, actor=world_a.root, term=world_a.term, kind="sc_session",
                               starts_at=timezone.now())
    assert "须指定本级的常务委员会" in error.value.message_dict["organisation"][0]


@pytest.mark.parametrize(("present", "met"), [(21, False), (22, True)])
def test_sc_quorum_is_more_than_half_of_all_43_members(world_a, present, met):
    meeting = make_meeting(world_a, members=43, sign_in=present)
    q = queries.quorum(meeting)
    assert (q.total, q.present, q.met) == (43, present, met)
    assert ("符合法定人数" in q.line) is met


@pytest.mark.parametrize(("present", "met"), [(19, False), (20, True)])
def test_plenary_quorum_is_two_thirds_of_all_deputies(world_a, present, met):
    for i in range(28):
        world_a.make_deputy(f"代表{i}")
    meeting = make_meeting(world_a, kind="plenary", members=30, sign_in=present)  # 30 deputies: 20 is 2/3
    q = queries.quorum(meeting)
    assert (q.total, q.met) == (30, met)


def test_leave_then_close_records_attendance_and_flags_repeated_absence(world_a):
    for _ in range(2):
        meeting = make_meeting(world_a, kind="plenary", members=2, sign_in=0)
        absentee, excused = world_a.deputies
        leave = actions.request_leave(world_a.congress, meeting, actor=world_a.users["sc_member"], reason="出国访问")
        assert leave.person == excused.person
        actions.decide_leave(world_a.congress, leave, actor=world_a.office, approve=True)
        actions.close_meeting(world_a.congress, meeting, actor=world_a.office)
        rows = dict(RosterEntry.objects.in_congress(world_a.congress).filter(meeting=meeting)
                    .values_list("person__name", "attendance"))
        assert rows == {"李明": "absent", "王芳": "leave"}
    flagged = queries.repeated_absences(world_a.congress, world_a.term)
    assert [(r["person__name"], r["absent"]) for r in flagged] == [("李明", 2)]


def test_only_the_chair_among_members_may_decide_leave(world_a):
    meeting = make_meeting(world_a, members=3, open_it=False)
    leave = actions.request_leave(world_a.congress, meeting, actor=world_a.deputy, reason="生病")
    with pytest.raises(NotPermitted):
        actions.decide_leave(world_a.congress, leave, actor=world_a.users["sc_member"], approve=True)
    meeting.chair = world_a.deputies[1].person
    with congress_scope(world_a.congress):
        meeting.save(update_fields=["chair"])
    leave.refresh_from_db()
    actions.decide_leave(world_a.congress, leave, actor=world_a.users["sc_member"], approve=False)
    leave.refresh_from_db()
    assert leave.status == "refused"


def test_sign_in_by_hall_code(world_a):
    meeting = make_meeting(world_a, members=3, sign_in=0)
    with pytest.raises(ValidationError) as error:
        actions.sign_in_by_code(world_a.congress, meeting, actor=world_a.deputy, code="000000x")
    assert "签到码不正确" in error.value.messages[0]
    entry = actions.sign_in_by_code(world_a.congress, meeting, actor=world_a.deputy, code=actions.hall_code(meeting))
    assert (entry.attendance, entry.sign_in_method) == ("present", "phone")
    expired = actions.hall_code(meeting, at=datetime.datetime.now().timestamp() - 300)
    with pytest.raises(ValidationError):
        actions.sign_in_by_code(world_a.congress, meeting, actor=world_a.users["sc_member"], code=expired)


def test_device_sign_ins_are_all_or_nothing(world_a):
    meeting = make_meeting(world_a, members=3, sign_in=0)
    with pytest.raises(ValidationError) as error:
        actions.import_sign_ins(world_a.congress, meeting, actor=world_a.office,
                                rows=[{"姓名": "李明"}, {"代表证号": "NOPE"}])
    assert "第 3 行" in error.value.messages[0]
    assert queries.quorum(meeting).present == 0
    assert actions.import_sign_ins(world_a.congress, meeting, actor=world_a.office,
                                   rows=[{"姓名": "李明"}, {"代表证号": world_a.deputies[1].number}]) == 2
    assert queries.quorum(meeting).present == 2


def test_documents_reach_their_audience_at_release_and_not_before(world_a):
    meeting = make_meeting(world_a, members=3)
    actions.add_attendee(world_a.congress, meeting, actor=world_a.office, name="赵副市长", post="副市长")
    later = timezone.now() + datetime.timedelta(hours=1)
    doc = actions.publish_document(world_a.congress, meeting, actor=world_a.office, title="审议稿", audience="members",
                                   file=ContentFile("草案全文".encode(), name="draft.txt"), release_at=later)
    member, outsider = Client(), Client()
    member.force_login(world_a.deputy)
    outsider.force_login(world_a.users["unit_officer"])
    url = f"/c/{world_a.congress.code}/documents/{doc.pk}/"
    assert member.get(url).status_code == 404
    assert not queries.may_fetch(doc, world_a.deputy)
    assert queries.may_fetch(doc, world_a.deputy, now=later)
    assert not queries.may_fetch(doc, world_a.users["unit_officer"], now=later)
    doc.release_at = timezone.now() - datetime.timedelta(seconds=1)
    with congress_scope(world_a.congress):
        doc.save(update_fields=["release_at"])
    response = member.get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content).decode() == "草案全文"
    assert outsider.get(url).status_code == 404
    assert DocumentDownload.objects.in_congress(world_a.congress).filter(document=doc).count() == 1


def test_another_congress_s_meeting_is_not_found(world_a, world_b):
    meeting = make_meeting(world_b, members=3)
    with pytest.raises(NotFound):
        actions.open_meeting(world_a.congress, meeting, actor=world_a.office)
    client = Client()
    client.force_login(world_a.office)
    assert client.get(f"/c/{world_a.congress.code}/meetings/{meeting.pk}/").status_code == 404


def test_a_closed_meeting_refuses_sign_in(world_a):
    meeting = make_meeting(world_a, members=2, sign_in=0)
    actions.close_meeting(world_a.congress, meeting, actor=world_a.office)
    with pytest.raises(ValidationError):
        actions.sign_in_at_desk(world_a.congress, meeting, actor=world_a.office, person=world_a.deputies[0].person)
    assert Meeting.objects.in_congress(world_a.congress).get(pk=meeting.pk).status == "closed"


def test_the_desk_signs_in_with_one_tap(world_a):
    meeting = make_meeting(world_a, members=3, sign_in=0)
    client = Client()
    client.force_login(world_a.office)
    url = f"/c/{world_a.congress.code}/meetings/{meeting.pk}/desk/"
    rows = client.get(url, {"q": "李"}, HTTP_HX_REQUEST="true").content.decode()
    assert "李明" in rows and "王芳" not in rows
    client.post(url + "?q=李", {"person": world_a.deputies[0].person.pk}, HTTP_HX_REQUEST="true")
    assert queries.quorum(meeting).present == 1


def test_meetings_through_the_api(world_a):
    from renda.core.tests.test_api import bearer

    client = Client()
    office = bearer(world_a, world_a.office)
    sc = people.create_organisation(world_a.congress, actor=world_a.root, kind="standing_committee", name="常委会")
    for m in world_a.deputies:
        people.add_membership(world_a.congress, actor=world_a.root, organisation=sc, person=m.person, start="2022-01-10")
    made = client.post("/api/meetings", {"term": 5, "kind": "sc_session", "starts_at": timezone.now().isoformat(),
                                         "organisation_id": sc.pk}, content_type="application/json", **office)
    assert made.status_code == 201 and made.json()["total"] == 2
    meeting_id = made.json()["id"]
    client.post(f"/api/meetings/{meeting_id}/open", **office)
    meeting = Meeting.objects.in_congress(world_a.congress).get(pk=meeting_id)
    signed = client.post(f"/api/meetings/{meeting_id}/sign-in", {"code": actions.hall_code(meeting)},
                         content_type="application/json", **bearer(world_a, world_a.deputy))
    assert signed.json()["present"] == 1


def test_a_sibling_congress_cannot_be_reached_from_a_county(db):
    city = make_world("c", "示例市人民代表大会")
    county = make_world("d", "示例县人民代表大会", level="county", parent=city.congress)
    meeting = make_meeting(city, members=2)
    with pytest.raises(NotFound):
        actions.close_meeting(county.congress, meeting, actor=county.office)


def test_documents_through_the_api_respect_release_time(world_a):
    from renda.core.tests.test_api import bearer

    meeting = make_meeting(world_a, members=3)
    soon = actions.publish_document(world_a.congress, meeting, actor=world_a.office, title="议程草案",
                                    audience="members", file=ContentFile(b"agenda", name="a.txt"),
                                    release_at=timezone.now() + datetime.timedelta(days=1))
    out = actions.publish_document(world_a.congress, meeting, actor=world_a.office, title="会议须知",
                                   audience="public", file=ContentFile(b"notice", name="n.txt"),
                                   release_at=timezone.now() - datetime.timedelta(minutes=1))
    client, headers = Client(), bearer(world_a, world_a.deputy)
    listed = client.get(f"/api/meetings/{meeting.pk}/documents", **headers).json()
    assert [d["title"] for d in listed] == ["会议须知"]
    assert client.get(f"/api/documents/{soon.pk}", **headers).status_code == 404
    assert b"".join(client.get(f"/api/documents/{out.pk}", **headers).streaming_content) == b"notice"


def test_the_results_notice_is_a_pdf_with_chinese_text(world_a):
    from renda.voting import actions as voting

    meeting = make_meeting(world_a, members=3)
    vote = voting.open_vote(world_a.congress, voting.create_vote(world_a.congress, meeting, actor=world_a.office,
                                                                 title="关于城市绿化条例的决定"), actor=world_a.office)
    voting.announce_result(world_a.congress, voting.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote)),
                           actor=world_a.office)
    client = Client()
    client.force_login(world_a.office)
    pdf = client.get(f"/c/{world_a.congress.code}/meetings/{meeting.pk}/results.pdf")
    assert pdf["Content-Type"] == "application/pdf" and pdf.content.startswith(b"%PDF")
    assert b"STSong-Light" in pdf.content and b"UniGB-UCS2-H" in pdf.content  # built-in Chinese CID font
    record = client.get(f"/c/{world_a.congress.code}/meetings/{meeting.pk}/record/").content.decode()
    assert "出席3人" in record and "关于城市绿化条例的决定" in record


def test_refused_writes_are_logged(world_a, caplog):
    meeting = make_meeting(world_a, members=2, sign_in=0)
    with caplog.at_level("INFO", logger="renda.actions"), pytest.raises(ValidationError):
        actions.sign_in_by_code(world_a.congress, meeting, actor=world_a.deputy, code="nope")
    assert "refused sign_in_by_code" in caplog.text and "签到码不正确" in caplog.text


def test_the_hall_screen_shows_the_code_and_a_qr_code_that_fills_it_in(world_a):
    meeting = make_meeting(world_a, members=2, sign_in=0)
    staff = Client()
    staff.force_login(world_a.office)
    screen = staff.get(f"/c/{world_a.congress.code}/meetings/{meeting.pk}/code/").content.decode()
    code = actions.hall_code(meeting)
    assert code in screen and "<svg" in screen
    member = Client()
    member.force_login(world_a.deputy)
    page = member.get(f"/c/{world_a.congress.code}/meetings/{meeting.pk}/?code={code}").content.decode()
    assert f'value="{code}"' in page
    assert member.get(f"/c/{world_a.congress.code}/meetings/{meeting.pk}/code/").status_code == 403
