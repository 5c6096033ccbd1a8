"""The pages: the list for viewers, a participant's reply and sign-in on the phone, the code screen
with its QR code, the forms keeping input on error, another congress's activity not found."""

import datetime

from django.utils import timezone

from renda.activities import actions
from renda.activities.models import Participant
from renda.activities.tests.fixtures import activity
from renda.testing import signed_in


def test_viewers_see_the_list_and_a_deputy_sees_only_their_own(world_a):
    made = activity(world_a)
    code = world_a.congress.code
    assert made.topic in signed_in(world_a.office).get(f"/c/{code}/activities/?year=2026").content.decode()
    assert signed_in(world_a.deputy).get(f"/c/{code}/activities/").status_code == 403
    assert signed_in(world_a.deputy).get(f"/c/{code}/activities/{made.pk}/").status_code == 404
    actions.add_participants(world_a.congress, made, actor=world_a.office, people=[world_a.deputies[0].person])
    assert signed_in(world_a.deputy).get(f"/c/{code}/activities/{made.pk}/").status_code == 200


def test_a_participant_replies_from_my_activities_and_signs_in_with_the_qr_link(world_a):
    code = world_a.congress.code
    later = activity(world_a, day=timezone.localdate() + datetime.timedelta(days=3), topic="下周调研")
    today = activity(world_a, day=timezone.localdate(), topic="今天视察")
    for a in (later, today):
        actions.add_participants(world_a.congress, a, actor=world_a.office, people=[world_a.deputies[0].person])
    me = signed_in(world_a.deputy)
    page = me.get(f"/c/{code}/activities/mine/").content.decode()
    assert "待回复的活动通知" in page and "下周调研" in page
    home_tasks = me.get(f"/c/{code}/").content.decode()
    assert "待回复的活动通知" in home_tasks
    refused = me.post(f"/c/{code}/activities/{later.pk}/do/reply/", {"reply": "leave", "reason": ""})
    assert refused.status_code == 422 and "请假理由" in refused.content.decode()
    me.post(f"/c/{code}/activities/{later.pk}/do/reply/", {"reply": "attend"})
    assert Participant.objects.in_congress(world_a.congress).get(activity=later).reply == "attend"
    screen = signed_in(world_a.office).get(f"/c/{code}/activities/{today.pk}/code/").content.decode()
    assert "<svg" in screen and actions.sign_in_code(today) in screen
    link = f"/c/{code}/activities/{today.pk}/?code={actions.sign_in_code(today)}"
    assert f'value="{actions.sign_in_code(today)}"' in me.get(link).content.decode()
    me.post(f"/c/{code}/activities/{today.pk}/do/sign_in/", {"code": actions.sign_in_code(today)})
    assert Participant.objects.in_congress(world_a.congress).get(activity=today).attendance == "present"


def test_the_form_keeps_input_on_error(world_a):
    page = signed_in(world_a.office).post(f"/c/{world_a.congress.code}/activities/new/",
                                          {"kind": "training", "topic": "保留的主题", "starts_at": "2026-05-12T09:00",
                                           "place": "党校", "hours": "30"})
    body = page.content.decode()
    assert page.status_code == 422 and "保留的主题" in body and "学时" in body


def test_staff_add_participants_by_pasting_and_record_attendance(world_a):
    made = activity(world_a, kind="training", hours="2")
    code, office = world_a.congress.code, signed_in(world_a.office)
    office.post(f"/c/{code}/activities/{made.pk}/do/add/", {"entries": "李明、王芳"})
    rows = list(Participant.objects.in_congress(world_a.congress).filter(activity=made).order_by("id"))
    assert len(rows) == 2
    bad = office.post(f"/c/{code}/activities/{made.pk}/do/add/", {"entries": "李明\n查无此人"})
    assert bad.status_code == 422 and "查无此人" in bad.content.decode()
    office.post(f"/c/{code}/activities/{made.pk}/do/attendance/",
                {f"att_{rows[0].pk}": "present", f"hours_{rows[0].pk}": "", f"att_{rows[1].pk}": "absent",
                 f"hours_{rows[1].pk}": ""})
    assert [r.attendance for r in Participant.objects.in_congress(world_a.congress).filter(activity=made).order_by("id")] \
        == ["present", "absent"]
    assert office.get(f"/c/{code}/training/").status_code == 200


def test_another_congress_activity_is_not_found(world_a, world_b):
    made = activity(world_a)
    assert signed_in(world_b.office).get(f"/c/{world_b.congress.code}/activities/{made.pk}/").status_code == 404
