"""The work point pages and the directors' meeting box: by role, another congress, forms that keep input."""

import datetime

from django.template import Context, Template

from renda.core.roles import Role
from renda.meetings.viewer import MeetingViewer
from renda.testing import make_meeting, signed_in
from renda.work_points.models import WorkPlan, WorkPoint
from renda.work_points.tests.fixtures import point, today, work_plan

DAY = datetime.timedelta(days=1)


def test_the_calendar_by_month_and_by_role(world_a, world_b):
    c = world_a.congress
    item = point(world_a, today() - DAY)
    foreign = point(world_b)
    staff = signed_in(world_a.users[Role.COMMITTEE_STAFF])
    page = staff.get(f"/c/{c.code}/work-points/?year={today().year}")
    assert page.status_code == 200 and item.text in page.content.decode() and "逾期" in page.content.decode()
    assert f"{item.due_on.month}月" in page.content.decode()
    assert signed_in(world_a.users[Role.SC_MEMBER]).get(f"/c/{c.code}/work-points/{item.pk}/").status_code == 200
    assert signed_in(world_a.deputy).get(f"/c/{c.code}/work-points/").status_code == 403
    assert staff.get(f"/c/{c.code}/work-points/{foreign.pk}/").status_code == 404
    assert staff.post(f"/c/{c.code}/work-points/{foreign.pk}/do/close/", {"note": "x"}).status_code == 404
    assert item.text in staff.get(f"/c/{c.code}/work-points/overdue/").content.decode()


def test_the_office_makes_the_plan_and_adds_items_and_bad_input_is_kept(world_a):
    c = world_a.congress
    office = signed_in(world_a.office)
    meeting = make_meeting(world_a, kind="directors", members=3, open_it=False)
    bad = office.post(f"/c/{c.code}/work-points/plan/new/", {"year": "今年", "title": "要点标题", "meeting": meeting.pk})
    assert bad.status_code == 422 and "要点标题" in bad.content.decode()
    assert WorkPlan.objects.in_congress(c).count() == 0
    made = office.post(f"/c/{c.code}/work-points/plan/new/", {"year": "2026", "meeting": meeting.pk})
    assert made.status_code == 302
    plan = WorkPlan.objects.in_congress(c).get()
    wrong = office.post(f"/c/{c.code}/work-points/plan/{plan.pk}/add/", {"text": "开展执法检查", "owner": world_a.committee.pk,
                                                                       "due": "2026-13"})
    assert wrong.status_code == 422 and "开展执法检查" in wrong.content.decode() and "完成时间" in wrong.content.decode()
    assert WorkPoint.objects.in_congress(c).count() == 0
    ok = office.post(f"/c/{c.code}/work-points/plan/{plan.pk}/add/", {"text": "开展执法检查", "owner": world_a.committee.pk,
                                                                    "due": "2026-05"})
    assert ok.status_code == 302
    assert WorkPoint.objects.in_congress(c).get().due_on == datetime.date(2026, 5, 31)


def test_committee_staff_close_their_own_item(world_a):
    c = world_a.congress
    item = point(world_a)
    staff = signed_in(world_a.users[Role.COMMITTEE_STAFF])
    empty = staff.post(f"/c/{c.code}/work-points/{item.pk}/do/close/", {"note": "", "on": ""})
    assert empty.status_code == 422 and "完成情况" in empty.content.decode()
    done = staff.post(f"/c/{c.code}/work-points/{item.pk}/do/close/", {"note": "已完成检查"})
    assert done.status_code == 302
    item.refresh_from_db()
    assert item.status == "done"


def test_the_directors_meeting_box(world_a):
    c = world_a.congress
    work_plan(world_a)
    late = point(world_a, today() - DAY)
    point(world_a, today())
    directors = make_meeting(world_a, kind="directors", members=3, open_it=False)
    session = make_meeting(world_a, members=3, open_it=False)
    template = Template("{% load work_points %}{% work_points_overdue meeting viewer %}")

    def shown_to(user, meeting) -> str:
        viewer = MeetingViewer.of(user, c, meeting, None)
        return template.render(Context({"congress": c, "meeting": meeting, "viewer": viewer})).strip()

    shown = shown_to(world_a.office, directors)
    assert "逾期未完成的工作要点" in shown and late.text in shown and shown.count("<tr>") == 2
    assert shown_to(world_a.office, session) == ""
    assert shown_to(world_a.deputy, directors) == ""
