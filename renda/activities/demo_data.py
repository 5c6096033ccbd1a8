"""Demo: a year of deputies' activities between sessions, through the actions — a survey, an
inspection, a symposium, a deputy group's activity and a visit, each with its deputies, replies,
attendance, summary and outputs — and a training programme whose one-day session trains every
deputy of the area given (e.g. 70 deputies of four levels) with certificates issued."""

from __future__ import annotations

import datetime

from django.utils import timezone

from renda.activities import actions
from renda.activities.models import Activity, TrainingProgramme
from renda.core.models import Congress
from renda.people.models import Mandate, Organisation, Person


def _at(day: datetime.date, hour: int = 9) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def build(congress: Congress, *, actor, year: int | None = None, trainees: list[Person] | None = None,
          also: tuple[Person, ...] = ()) -> list[Activity]:
    """A year of activities of ``congress`` organised by ``actor`` (a staff account). ``trainees``: the
    people of the one-day training (deputies of any level of the area; default this congress's serving
    deputies); ``also``: people who take part in every activity besides the first deputies (a persona
    whose record the demo shows). Activities before today are held; later ones stay notified."""
    today = timezone.localdate()
    year = year or today.year
    deputies = [m.person for m in Mandate.objects.in_congress(congress).filter(status=Mandate.Status.SERVING)
                .select_related("person").order_by("id")[:12]]
    deputies += [p for p in also if p not in deputies]
    group = Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.DEPUTY_GROUP).order_by("id").first()
    plan = [
        ("survey", "农村饮水安全专题调研", datetime.date(year, 3, 18), "城关镇、东湖乡", None),
        ("inspection", "城区老旧小区改造视察", datetime.date(year, 4, 22), "城区各街道", None),
        ("symposium", "优化营商环境代表座谈会", datetime.date(year, 6, 10), "常委会第一会议室", None),
        ("group", "代表小组进站接待选民活动", datetime.date(year, 7, 15), "城关代表联络站", group),
        ("leaders_visit", "常委会领导走访基层代表", datetime.date(year, 9, 9), "东湖乡", None),
        ("survey", "养老服务体系建设调研", datetime.date(year, 11, 20), "各社区养老服务中心", None),
    ]
    made: list[Activity] = []
    for kind, topic, day, place, deputy_group in plan:
        activity = actions.create_activity(congress, actor=actor, kind=kind, topic=topic, starts_at=_at(day), place=place,
                                           deputy_group=deputy_group, description=f"{topic}，请参加的代表按时到场。")
        people = deputies[: 4 + len(made) % 4] + [p for p in also if p not in deputies[: 4 + len(made) % 4]]
        if people or deputy_group:
            actions.add_participants(congress, activity, actor=actor, people=[p.pk for p in people],
                                     groups=[deputy_group.pk] if deputy_group else [])
        if activity.starts_at <= timezone.now():
            rows = [{"person": p.pk, "attendance": "present" if n % 5 else "on_leave"} for n, p in enumerate(people, start=1)]
            if rows:
                actions.record_attendance(congress, activity, actor=actor, rows=rows)
            activity = actions.record_activity_held(congress, activity, actor=actor, summary=f"{topic}已举行，代表们实地察看并提出意见。")
            actions.add_output(congress, activity, actor=actor, kind="report", title=f"关于{topic.removesuffix('调研')}的报告",
                               text_="（报告正文）")
        made.append(activity)
    made.append(_training(congress, actor, year, trainees if trainees is not None else deputies))
    return made


def _training(congress: Congress, actor, year: int, trainees: list[Person]) -> Activity:
    """One day of induction training (任职培训) for many deputies at once, with certificates."""
    programme = actions.create_training_programme(congress, actor=actor, kind=TrainingProgramme.Kind.INDUCTION,
                                                  title=f"{year}年代表履职学习培训班", year=year,
                                                  organiser="常委会代表工作委员会", certificate=True, required_hours="6")
    day = datetime.date(year, 5, 12)
    session = actions.create_activity(congress, actor=actor, kind=Activity.Kind.TRAINING, topic="代表法和履职实务",
                                      starts_at=_at(day), place="市委党校", programme=programme, hours="6")
    if trainees:
        actions.add_participants(congress, session, actor=actor, people=[p.pk for p in trainees])
    if session.starts_at <= timezone.now() and trainees:
        actions.record_attendance(congress, session, actor=actor,
                                  rows=[{"person": p.pk, "attendance": "present"} for p in trainees])
        session = actions.record_activity_held(congress, session, actor=actor,
                                     summary=f"{len(trainees)}名代表参加培训，学习代表法和履职实务。")
        actions.issue_certificates(congress, programme, actor=actor, on=day)
    return session
