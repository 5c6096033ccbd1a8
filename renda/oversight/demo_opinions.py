"""Demo review opinions, built through the actions: for a deliberated work report, the opinions are
drafted from the members' speeches (a point added where they said little), approved by a directors'
meeting a week after the session, sent with a due date and one point put on the rectification list,
answered by the body and published; for an inspection report already placed on a session's agenda,
a second opinion is drafted, and — where that session has been held — approved and sent, waiting
for the body's reply (the unit officer's inbox shows it)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from renda.core import rules
from renda.meetings.models import AgendaItem, Meeting
from renda.oversight.actions import opinions
from renda.oversight.demo_data import _directors_meeting
from renda.oversight.models import Finding, Report, ReviewOpinion, WorkReport
from renda.people.models import Organisation

EXTRA_POINTS = [
    ("进一步压实工作责任", "要把报告提出的目标任务分解到部门和县区，明确时间表和责任人，定期通报进展。"),
    ("加强督促检查", "要建立跟踪问效机制，对工作推进缓慢的单位及时督促，确保各项措施落到实处。"),
]


def _day(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.starts_at).date()


def _through_sending(city, opinion: ReviewOpinion, session_day: datetime.date, *, rectify: bool) -> ReviewOpinion:
    c, office, today = city.congress, city.office, timezone.localdate()
    approve_day = min(session_day + datetime.timedelta(days=7), today)
    opinion = opinions.approve_review_opinion(c, opinion, actor=office,
                                              meeting=_directors_meeting(city, approve_day))
    sent_on = min(approve_day + datetime.timedelta(days=2), today)
    due = None if rules.get(c, "oversight.review_response_days") else sent_on + datetime.timedelta(days=90)
    rectification = {}
    if rectify:
        point = opinions.points_of(opinion)[0]
        rectification[point.pk] = [{"problem": point.heading, "goal": "按审议意见完成整改",
                                    "measures": "制定整改方案，明确责任分工，按月报告进展。",
                                    "owner": "分管副局长", "due_on": sent_on + datetime.timedelta(days=180)}]
    return opinions.send_review_opinion(c, opinion, actor=office, sent_on=sent_on, reply_due=due,
                                        rectification=rectification)


def _ensure_points(city, opinion: ReviewOpinion) -> ReviewOpinion:
    points = [{"id": p.pk, "heading": p.heading, "text": p.text} for p in opinions.points_of(opinion)]
    for heading, text in EXTRA_POINTS[:max(0, 3 - len(points))]:
        points.append({"heading": heading, "text": text})
    return opinions.edit_review_opinion(city.congress, opinion, actor=city.office, title=opinion.title,
                                        number=opinion.number, preamble=opinion.preamble, points=points)


def build(city, work_report: WorkReport) -> list[ReviewOpinion]:
    c, office = city.congress, city.office
    made = []
    year = timezone.localdate().year
    session = Meeting.objects.in_congress(c).get(pk=work_report.meeting_id)
    opinion = opinions.draft_review_opinion(c, actor=office, work_report=work_report,
                                            number=f"示人常办〔{year}〕{20 + work_report.pk}号")
    opinion = _ensure_points(city, opinion)
    opinion = _through_sending(city, opinion, _day(session), rectify=True)
    officer = getattr(city, "unit_users", {}).get(work_report.body_id, office)
    opinions.file_opinion_reply(
        c, opinion, actor=officer, signed_by="",
        text="收到审议意见后，我们认真研究，逐条制定了整改措施。\n"
             "一、关于压实工作责任。已将目标任务分解到各县区和有关部门，建立月通报制度。\n"
             "二、关于加强督促检查。已开展专项督查两轮，督促整改问题十二个。\n下一步，我们将持续抓好落实。")
    if rules.get(c, "oversight.reply_deliberated"):
        later = (Meeting.objects.in_congress(c).filter(kind=Meeting.Kind.SC_SESSION, starts_at__gt=timezone.now())
                 .exclude(status=Meeting.Status.CLOSED).order_by("starts_at").first())
        if later is not None:
            opinions.deliberate_opinion_reply(c, opinion, actor=office, meeting=later)
            made.append(opinion)
            return made + _inspection_opinion(city)
    made.append(opinions.publish_review_opinion(c, opinion, actor=office))
    return made + _inspection_opinion(city)


def _inspection_opinion(city) -> list[ReviewOpinion]:
    """A second opinion on an inspection report placed on an agenda, if the demo has one."""
    c, office = city.congress, city.office
    taken = ReviewOpinion.objects.in_congress(c).filter(report__isnull=False).values("report_id")
    report = (Report.objects.in_congress(c).filter(agenda_item__isnull=False).exclude(pk__in=taken)
              .order_by("id").first())
    if report is None:
        return []
    item = AgendaItem.objects.in_congress(c).get(pk=report.agenda_item_id)
    session = Meeting.objects.in_congress(c).get(pk=item.meeting_id)
    unit_id = (Finding.objects.in_congress(c).filter(report=report, unit__isnull=False)
               .values_list("unit_id", flat=True).first())
    body = (Organisation.objects.in_congress(c).filter(pk=unit_id).first() if unit_id else None) or \
        Organisation.objects.in_congress(c).filter(kind=Organisation.Kind.HANDLING_UNIT).order_by("id").first()
    if body is None:
        return []
    opinion = opinions.draft_review_opinion(c, actor=office, report=report, body=body)
    opinion = _ensure_points(city, opinion)
    if _day(session) > timezone.localdate():
        return [opinion]  # the session is still to come: the draft waits for it
    return [_through_sending(city, opinion, _day(session), rectify=False)]
