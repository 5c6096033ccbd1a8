"""The meeting pages as each role uses them: forms that come back as typed with the error beside the
field, confirmations that say what will happen, attendees picked by name, a message after every action."""

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from renda.meetings import actions
from renda.meetings.models import Meeting, RosterEntry
from renda.people.models import Person
from renda.testing import make_meeting, signed_in


def page_of(world, meeting):
    return f"/c/{world.congress.code}/meetings/{meeting.pk}/"


def test_a_refused_new_meeting_comes_back_as_typed(world_a, world_b):
    url = f"/c/{world_a.congress.code}/meetings/new/"
    typed = {"kind": "sc_session", "term": world_a.term.pk, "starts_at": "2026-03-31T09:00", "place": "第一会议室",
             "allow_vote_change": "on"}
    response = signed_in(world_a.office).post(url, typed)
    body = response.content.decode()
    assert response.status_code == 200 and "须指定本级的常务委员会" in body
    assert 'value="第一会议室"' in body and 'value="2026-03-31T09:00"' in body and "checked" in body
    assert '<option value="sc_session" selected>' in body
    assert not Meeting.objects.in_congress(world_a.congress).exists()
    assert signed_in(world_a.deputy).post(url, typed).status_code == 403
    assert signed_in(world_b.office).post(url, typed).status_code == 403


def test_a_new_meeting_is_convened_with_a_message(world_a):
    typed = {"kind": "symposium", "term": world_a.term.pk, "starts_at": "2026-03-31T09:00", "place": "第一会议室"}
    done = signed_in(world_a.office).post(f"/c/{world_a.congress.code}/meetings/new/", typed, follow=True)
    assert "已召集" in done.content.decode()
    meeting = Meeting.objects.in_congress(world_a.congress).get()
    assert timezone.localtime(meeting.starts_at).hour == 9  # typed as local time


@pytest.mark.parametrize(("what", "typed", "kept", "error"), [
    ("agenda", {"kind": "oath", "title": ""}, '<option value="oath" selected>', "这个字段是必填项"),
    ("document", {"title": "审议稿", "audience": "public", "release_at": "2026-04-01T08:00"},
     'value="审议稿"', "这个字段是必填项"),
    ("vote", {"title": "", "kind": "satisfaction", "secret": "on"}, '<option value="satisfaction" selected>',
     "这个字段是必填项"),
    ("election", {"title": "选举副主任", "post": "vice", "seats": 2, "candidates": "甲\n乙"}, "甲\n乙",
     "组织法第二十七条"),
    ("attendee", {"name": "", "post": "市人民政府副市长"}, 'value="市人民政府副市长"', "请选择本级人员"),
    ("devices", {"file": SimpleUploadedFile("s.csv", "姓名\n李明\n".encode() + b"\x81\x30\xff\xff\n")}, "",
     "TXT/CSV"),  # neither UTF-8 nor GB18030 (GBK itself is read: test_no_server_error.py)
])
def test_each_staff_form_of_the_meeting_page_keeps_what_was_typed(world_a, what, typed, kept, error):
    meeting = make_meeting(world_a, members=3, sign_in=0)
    response = signed_in(world_a.office).post(f"{page_of(world_a, meeting)}do/{what}/", typed)
    body = response.content.decode()
    assert response.status_code == 200 and error in body and kept in body
    assert f'id="form-{what}" open' in body  # the form that failed is shown open


def test_a_member_s_sign_in_code_and_leave_keep_what_was_typed(world_a, world_b):
    meeting = make_meeting(world_a, members=3, sign_in=0)
    url = page_of(world_a, meeting)
    deputy = signed_in(world_a.deputy)
    wrong = deputy.post(f"{url}do/code/", {"code": "123450"}).content.decode()
    assert "签到码不正确" in wrong and 'value="123450"' in wrong
    assert "签到成功" in deputy.post(f"{url}do/code/", {"code": actions.hall_code(meeting)}, follow=True).content.decode()
    member = signed_in(world_a.users["sc_member"])
    too_long = member.post(f"{url}do/leave/", {"reason": "出" * 201}).content.decode()
    assert "errorlist" in too_long and "出" * 201 in too_long
    assert "请假申请已提交" in member.post(f"{url}do/leave/", {"reason": "出国访问"}, follow=True).content.decode()
    # Another congress's deputy cannot reach this meeting at all.
    assert signed_in(world_b.deputy).post(f"{url}do/leave/", {"reason": "x"}).status_code in (403, 404)


def test_opening_warns_of_an_empty_roster_or_a_far_date_and_closing_counts_the_absent(world_a):
    far = actions.create_meeting(world_a.congress, actor=world_a.root, term=world_a.term, kind="symposium",
                                 starts_at=timezone.now() + datetime.timedelta(days=10))
    office = signed_in(world_a.office)
    body = office.get(page_of(world_a, far)).content.decode()
    assert "还没有组成人员" in body and "距今还有10天" in body and "确定宣布开会吗" in body
    ready = make_meeting(world_a, members=3, open_it=False)
    body = office.get(page_of(world_a, ready)).content.decode()
    assert "确定宣布开会吗" in body and "还没有组成人员" not in body and "距今还有" not in body
    assert signed_in(world_a.deputy).post(f"{page_of(world_a, ready)}do/open/").status_code == 403
    assert "已宣布开会" in office.post(f"{page_of(world_a, ready)}do/open/", follow=True).content.decode()
    actions.sign_in_at_desk(world_a.congress, ready, actor=world_a.office, person=world_a.deputies[0].person)
    assert "2 人将记为缺席" in office.get(page_of(world_a, ready)).content.decode()
    assert "已宣布闭会" in office.post(f"{page_of(world_a, ready)}do/close/", follow=True).content.decode()
    refused = office.post(f"{page_of(world_a, ready)}do/open/", follow=True).content.decode()
    assert 'class="error"' in refused  # the workflow still refuses to reopen, and says so


def test_an_attendee_of_this_congress_is_linked_not_created_anew(world_a, world_b):
    meeting = make_meeting(world_a, members=2, sign_in=0)
    url = f"{page_of(world_a, meeting)}do/attendee/"
    office = signed_in(world_a.office)
    guest = world_a.make_deputy("赵列席")  # a deputy of this congress, not on this meeting's roster
    people_before = Person.objects.count()
    typed = office.post(url, {"name": "赵列席", "post": "特邀代表"}).content.decode()
    assert "是本级名册中的人员" in typed and 'value="特邀代表"' in typed
    assert "已增加列席人员" in office.post(url, {"person": f"@{guest.person.pk}", "post": "特邀代表"},
                                       follow=True).content.decode()
    entry = RosterEntry.objects.in_congress(world_a.congress).get(meeting=meeting, voting=False)
    assert entry.person == guest.person and Person.objects.count() == people_before
    # Someone outside the register is entered by name and post; a namesake only when the office says so.
    office.post(url, {"name": "钱副市长", "post": "市人民政府副市长"})
    office.post(url, {"name": "赵列席", "post": "市政府秘书长", "other_person": "on"})
    assert RosterEntry.objects.in_congress(world_a.congress).filter(meeting=meeting, voting=False).count() == 3
    # A person of another congress is "not found", by the page and by the API.
    outsider = world_b.make_deputy("孙外市").person
    refused = office.post(url, {"person": f"@{outsider.pk}", "post": "列席"}).content.decode()
    assert "找不到" in refused
    from renda.core.tests.test_api import bearer

    api = Client().post(f"/api/meetings/{meeting.pk}/attendees", {"person_id": outsider.pk, "post": "列席"},
                        content_type="application/json", **bearer(world_a, world_a.office))
    assert api.status_code == 422
    assert signed_in(world_a.deputy).post(url, {"name": "某人", "post": "列席"}).status_code == 403
