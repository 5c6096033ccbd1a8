"""The demo's work points (工作要点): this year's document adopted at a directors' meeting in January,
ten dated items across the committees and the office with the leaders in charge; the ones due
earlier in the year done with a closing note, one linked to the session that heard its report, one
overdue (due a week ago, not done), the rest ahead. Everything goes through the actions.

Wire with ``work_points_demo.build(city)`` after ``_sc_sessions(city)`` (and after the oversight demo,
whose sessions an item links) in renda/demo.py. It holds one directors' meeting of its own (adopting
the document, in January; opened and closed)."""

from __future__ import annotations

import calendar
import datetime

from django.utils import timezone

from renda.demo_support import at as _at
from renda.meetings import actions as meetings
from renda.meetings.models import Meeting
from renda.people.models import Organisation
from renda.work_points import actions
from renda.work_points.models import WorkPoint

# (text, owner: a working committee's name or None for the office, month due)
ITEMS = [
    ("制定常委会年度工作要点、监督工作计划和代表工作计划", None, 1),
    ("听取和审议市人民政府关于国民经济和社会发展计划执行情况的报告", "预算工作委员会", 2),
    ("开展《中华人民共和国食品安全法》执法检查", "科教文卫工作委员会", 4),
    ("听取和审议市人民政府关于生态环境保护工作情况的报告", "环境资源城乡建设工作委员会", 5),
    ("开展代表联络站规范化建设专题调研", "代表工作委员会", 6),
    ("审查和批准上年度市本级财政决算", "预算工作委员会", 7),
    ("组织常委会任命人员述职评议", "监察和司法工作委员会", 9),
    ("开展农村牧区人居环境整治专题询问", "农牧工作委员会", 10),
    ("听取和审议市中级人民法院关于行政审判工作情况的报告", "监察和司法工作委员会", 11),
    ("筹备市人民代表大会下次会议", None, 12),
]



def _month_end(year: int, month: int) -> datetime.date:
    return datetime.date(year, month, calendar.monthrange(year, month)[1])


def build(city) -> dict:
    c, office, today = city.congress, city.office, city.today
    year = today.year
    directors_org = Organisation.objects.in_congress(c).filter(kind=Organisation.Kind.DIRECTORS_MEETING).first()
    adopted = datetime.date(year, 1, 8)
    meeting = meetings.create_meeting(c, actor=office, term=city.term, kind="directors", organisation=directors_org,
                                      place="常委会第一会议室", starts_at=_at(adopted), chair=city.mandates[0].person)
    meetings.add_agenda_item(c, meeting, actor=office, kind="other", title=f"研究{year}年常委会工作要点")
    meetings.open_meeting(c, meeting, actor=office)
    meetings.close_meeting(c, meeting, actor=office)
    plan = actions.create_plan(c, actor=office, year=year, title=f"示例市人大常委会{year}年工作要点", meeting=meeting)
    office_org = Organisation.objects.in_congress(c).filter(kind=Organisation.Kind.OFFICE).first()
    leaders = [m.person for m in city.mandates[1:6]]  # the vice-chairs
    points = []
    for n, (text, owner, month) in enumerate(ITEMS):
        owner_org = city.committees[owner] if owner else office_org
        points.append(actions.add_point(c, plan, actor=office, text_=text, owner=owner_org.pk,
                                        due=f"{year}-{month:02d}", leader=leaders[n % len(leaders)].pk))
    # One overdue: due a week ago (this year), not done.
    overdue_day = max(today - datetime.timedelta(days=7), datetime.date(year, 1, 1))
    late = actions.add_point(c, plan, actor=office, text_="修订常委会议事规则和主任会议议事规则", owner=office_org.pk,
                             due=overdue_day.isoformat(), leader=leaders[0].pk)
    # Done: the items whose month has ended, each with a note; the first session item linked.
    sessions = list(Meeting.objects.in_congress(c).filter(kind=Meeting.Kind.SC_SESSION,
                                                          status=Meeting.Status.CLOSED,
                                                          starts_at__year=year).order_by("starts_at"))
    for point in points:
        if _month_end(year, point.due_on.month) >= today:
            continue
        session = next((s for s in sessions if timezone.localtime(s.starts_at).month == point.due_on.month), None)
        if session is not None:
            actions.link_point(c, point, actor=office, meeting=session.pk)
        actions.close_point(c, point, actor=office, note="已按计划完成，相关材料已归档。",
                            on=min(point.due_on, today).isoformat())
    return {"plan": plan, "overdue": late,
            "done": WorkPoint.objects.in_congress(c).filter(plan=plan, status=WorkPoint.Status.DONE).count()}
