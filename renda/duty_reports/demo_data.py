"""The demo's duty reports (述职): this year's plan with two appointees (heads of departments, proposed
by the rule as not yet reported this term) and one deputy whose station asked; the education bureau's
head rated at a standing-committee session on the voting engine (the members' satisfaction ballots),
the deputy rated by the voters at the station, the third report filed and waiting. Everything goes
through the actions.

Wire with ``duty_reports_demo.build(city)`` after ``rectification_demo.build(city)`` in renda/demo.py.
It holds one standing-committee session of its own (21 days ago, opened, signed in and closed).

Two more deputies report to the voters at the liaison station of the ``deputy`` persona (city.mandates[49])
with the phone evaluation: one held this morning and closed (34 phone evaluations and 6 paper ballots,
now on the deputy's record), one in progress (open, with a few evaluations: the QR card and the live
counts). The signature is unchanged; the returned dict gains ``voters_closed`` and ``voters_open``."""

from __future__ import annotations

import datetime

from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from renda.demo_support import at as _at
from renda.duty_reports import actions
from renda.duty_reports.models import DutyReport
from renda.meetings import actions as meetings
from renda.meetings.models import RosterEntry
from renda.people import actions as people
from renda.voting import actions as voting

REPORT = ("一、学习贯彻宪法法律、依法履职情况\n二、推进重点工作情况\n三、办理代表建议和落实常委会审议意见情况\n"
          "四、廉洁自律情况\n五、存在的不足和今后努力方向")



def build(city) -> dict:
    c, office, today = city.congress, city.office, city.today
    heads = [people.add_membership(c, actor=city.admin, organisation=city.unit(short), post=post, start="2022-03-01",
                                   person_data={"name": name, "sex": sex, "ethnicity": ethnicity})
             for short, post, name, sex, ethnicity in (("教育局", "局长", "高文斌", "男", "汉族"), ("民政局", "局长", "苏雅拉图", "男", "蒙古族"))]
    deputy = city.serving[60]
    plan = actions.make_plan(c, actor=office, year=today.year, title=f"{today.year}年度常委会任命人员和代表述职计划",
                             appointees=[m.pk for m in heads], deputies=[deputy.person_id], propose=False)
    reports = {r.person_id: r for r in DutyReport.objects.in_congress(c).filter(plan=plan)}
    education, civil, own = (reports[heads[0].person_id], reports[heads[1].person_id], reports[deputy.person_id])
    for report, title in ((education, "示例市教育局局长述职报告"), (civil, "示例市民政局局长述职报告"),
                          (own, "代表履职情况报告")):
        actions.file_report(c, report, actor=office, title=title, text_=REPORT)
    # The education bureau's head, rated at a session 21 days ago.
    held = today - datetime.timedelta(days=21)
    meeting = meetings.create_meeting(c, actor=office, term=city.term, kind="sc_session", organisation=city.sc,
                                      place="常委会会议室", starts_at=_at(held), chair=city.mandates[0].person)
    meetings.build_roster(c, meeting, actor=office)
    members = [e.person for e in RosterEntry.objects.in_congress(c).filter(meeting=meeting, voting=True)
               .select_related("person").order_by("id")]
    meetings.open_meeting(c, meeting, actor=office)
    present = members[:36]
    for person in present:
        meetings.sign_in_at_desk(c, meeting, actor=office, person=person)
    item = meetings.add_agenda_item(c, meeting, actor=office, kind="duty_report", title="听取示例市教育局局长述职报告")
    vote = actions.start_session_rating(c, education, meeting, actor=office, agenda_item=item)
    vote = voting.open_vote(c, vote, actor=office)
    slips = list(vote.teller_slips)
    for n, person in enumerate(p for p in present if p.pk in city.users):
        rating = "满意" if n % 6 < 4 else ("基本满意" if n % 6 == 4 else "不满意")
        voting.cast_ballot(c, vote, actor=city.user(person), content={"rating": rating})
    voting.announce_result(c, voting.close_vote(c, vote, actor=office, teller_keys=slips[:2]), actor=office)
    actions.record_session_rating(c, education, actor=office)
    meetings.close_meeting(c, meeting, actor=office)
    # The deputy, rated by the voters at the station.
    actions.record_station_rating(c, own, actor=office, satisfied=42, basic=6, unsatisfied=1,
                                  on=today - datetime.timedelta(days=10))
    closed, running = _to_the_voters(city, plan)
    return {"plan": plan, "session": meeting, "voters_closed": closed, "voters_open": running}


SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
COMMENTS = ["希望多到社区听取群众意见", "", "", "老旧小区改造的建议办得好", "", "盼望继续关注学校周边交通"]


def _to_the_voters(city, plan) -> tuple[DutyReport, DutyReport]:
    """Two deputies' reports to the voters at the persona's station, evaluated on the phone."""
    c, office = city.congress, city.office
    station = next(s for s in city.stations if s.pk == city.mandates[49].liaison_station_id)
    on_plan = set(DutyReport.objects.in_congress(c).filter(plan=plan).values_list("person_id", flat=True))
    here = [m for m in city.serving if m.liaison_station_id == station.pk and m.pk != city.mandates[49].pk
            and m.person_id not in on_plan]
    first, second = here[0], here[1]
    actions.add_to_plan(c, plan, actor=office, deputies=[first.person_id, second.person_id])
    reports = {r.person_id: r for r in DutyReport.objects.in_congress(c).filter(plan=plan)}
    now = timezone.now()
    done = actions.file_report(c, reports[first.person_id], actor=office, title="向选民报告履职情况", text_=REPORT)
    done = actions.schedule_voter_evaluation(c, done, actor=office, held_at=now - datetime.timedelta(hours=2),
                                             station=station, closes_at=now + datetime.timedelta(hours=1))
    done = actions.open_voter_evaluation(c, done, actor=office)
    for n in range(34):
        rating = "满意" if n % 10 < 7 else ("基本满意" if n % 10 < 9 else "不满意")
        _evaluate(c, done, n, rating)
    actions.record_paper_counts(c, done, actor=office, satisfied=5, basic=1, unsatisfied=0)
    done = actions.close_voter_evaluation(c, done, actor=office)
    running = actions.file_report(c, reports[second.person_id], actor=office, title="向选民报告履职情况", text_=REPORT)
    running = actions.schedule_voter_evaluation(c, running, actor=office, held_at=now - datetime.timedelta(minutes=30),
                                                station=station, closes_at=now + datetime.timedelta(hours=3))
    running = actions.open_voter_evaluation(c, running, actor=office)
    for n in range(100, 107):
        _evaluate(c, running, n, "满意" if n % 3 else "基本满意")
    return done, running


def _evaluate(c, report: DutyReport, n: int, rating: str) -> None:
    actions.evaluate_duty_report(c, report, actor=AnonymousUser(), device=f"demo-phone-{n}",
                                 name=f"{SURNAMES[n % len(SURNAMES)]}选民{n}", digits=f"{(n * 37) % 10000:04d}",
                                 rating=rating, comment=COMMENTS[n % len(COMMENTS)])
