"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): the fieldwork
actions. Each call sets up what the user needs to be allowed where their role allows it (a member on
the team and on the notice, a unit officer's own unit), so that only the role decides."""

from __future__ import annotations

import datetime
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from renda.oversight.actions import fieldwork as fw
from renda.oversight.actions.activities import begin_fieldwork, set_team, start_activity, write_activity_plan
from renda.oversight.models import Activity, TeamMember
from renda.questionnaires.actions import create_questionnaire
from renda.questionnaires.models import Questionnaire

YEAR = datetime.date.today().year


def make_activity(world, *, status: str = Activity.Status.UNDER_WAY, team: list | None = None,
                  kind: str = Activity.Kind.SURVEY, year: int = YEAR, title: str = "农村饮水安全专题调研",
                  starts_on=None, ends_on=None) -> Activity:
    """An activity through the activities stage's actions: started, its team named (persons; default the
    world's two members, the first as leader), and — past preparation — its plan written (dates default
    to the whole year) and fieldwork begun. Drafting or later is set directly (the reporting stage's
    steps are not the subject here)."""
    c, root = world.congress, world.root
    activity = start_activity(c, actor=root, kind=kind, title=title, year=year, lead_committee=world.committee)
    people = [m.person for m in world.deputies] if team is None else team
    if people:
        set_team(c, activity, actor=root, leader=people[0],
                 members=[(p, TeamMember.Role.MEMBER, "") for p in people[1:]])
    if status != Activity.Status.PREPARING:
        starts, ends = starts_on or datetime.date(year, 1, 1), ends_on or datetime.date(year, 12, 31)
        write_activity_plan(c, activity, actor=root, goals="了解情况", starts_on=starts, ends_on=ends,
                            stops=[{"day": starts, "county": "东湖区", "site": "城关水厂"}])
        begin_fieldwork(c, activity, actor=root)
    if status not in (Activity.Status.PREPARING, Activity.Status.UNDER_WAY):
        Activity.objects.in_congress(c).filter(pk=activity.pk).update(status=status)
        activity.refresh_from_db()
    return activity


def jpeg(name: str = "site.jpg") -> SimpleUploadedFile:
    data = io.BytesIO()
    Image.new("RGB", (8, 8), (200, 30, 30)).save(data, "JPEG")
    return SimpleUploadedFile(name, data.getvalue(), content_type="image/jpeg")


def pdf(name: str = "report.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")


def make_questionnaire(world, title: str = "农村饮水满意度问卷") -> Questionnaire:
    return create_questionnaire(world.congress, actor=world.root, title=title)


def writes(world) -> dict:
    c, root = world.congress, world.root
    today = datetime.date.today()
    day = today if today.year == YEAR else datetime.date(YEAR, 6, 1)

    def reply(u):
        notice = fw.send_team_notice(c, make_activity(world), actor=root, text="请于下周一参加调研")
        own = getattr(u, "person", None)
        return fw.reply_to_notice(c, notice, actor=u, answer="attend",
                                  person=None if own is not None else world.deputies[0].person)

    def file_report(u):
        letter = fw.send_self_report_letter(c, make_activity(world), actor=root, units=[world.unit], text="请报送自查报告",
                                            due_on=datetime.date(YEAR, 12, 31))[0]
        return fw.file_self_report(c, letter, actor=u, upload=pdf())

    def visit(u):
        return fw.record_site_visit(c, make_activity(world), actor=u, day=day, county="东湖区", place="城关水厂", observations="水质达标")

    return {
        "send_team_notice": lambda u: fw.send_team_notice(c, make_activity(world), actor=u, text="请参加调研"),
        "reply_to_notice": reply,
        "send_self_report_letter": lambda u: fw.send_self_report_letter(
            c, make_activity(world), actor=u, units=[world.unit], text="请报送自查报告", due_on=datetime.date(YEAR, 12, 31)),
        "file_self_report": file_report,
        "record_site_visit": visit,
        "record_symposium": lambda u: fw.record_symposium(c, make_activity(world), actor=u, day=day, place="县政府会议室",
                                                          topic="饮水安全座谈"),
        "attach_questionnaire": lambda u: fw.attach_questionnaire(c, make_activity(world), actor=u,
                                                                  questionnaire=make_questionnaire(world)),
    }


def reads(world) -> dict:
    return {}
