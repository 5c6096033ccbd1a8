"""The demo's 人事任免: one 任免案 of the city government and the court, decided at a session held
today — two appointments (a vice-mayor, a vice-president of the intermediate court) and one removal
(a vice-mayor leaving for another post) — submitted by the directors' meeting, voted person by
person on the voting engine, the 任命书 and the 免职通知 issued, and the two appointees sworn in at a
constitutional oath ceremony led by the chair. Everything goes through the actions.

Wire with ``appointments_demo.build(city)`` in renda/demo.py after the standing committee's sessions
(``_sc_sessions``); it adds one held session and one directors' meeting of its own."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile

from renda.appointments import actions
from renda.appointments.models import AppointmentBill, Nominee
from renda.core.official_documents import OfficialDocument, to_pdf
from renda.demo_support import at as _at
from renda.meetings import actions as meetings
from renda.meetings.models import RosterEntry
from renda.people import actions as people
from renda.people.models import Organisation
from renda.voting import actions as voting

APPOINTEES = [
    ("人民政府", "示例市人民政府", "government", "副市长",
     {"name": "孙丽华", "sex": "女", "birth_date": "1976-04-12", "ethnicity": "汉族", "party": "中共党员",
      "workplace": "示例市发展和改革委员会主任"}, "研究生",
     "1998年7月参加工作，历任示例市发展和改革委员会科员、副科长、科长、副主任，2019年起任示例市发展和改革委员会主任。",
     "如获任命，我将恪守宪法和法律，自觉接受人大监督，勤勉履职，廉洁奉公。", 92),
    ("中级人民法院", "示例市中级人民法院", "court", "副院长",
     {"name": "周文斌", "sex": "男", "birth_date": "1979-09-03", "ethnicity": "蒙古族", "party": "中共党员",
      "workplace": "示例市中级人民法院审判委员会委员、行政审判庭庭长"}, "法学硕士",
     "2002年7月参加工作，历任示例市中级人民法院书记员、助理审判员、审判员、行政审判庭副庭长、庭长。",
     "如获任命，我将忠于宪法和法律，公正司法，接受人大监督。", 88),
]
LEAVING = {"name": "钱卫东", "sex": "男", "birth_date": "1968-02-20", "party": "中共党员"}



def _body(city, short: str, full: str, unit_type: str) -> Organisation:
    found = city.units.get(short) or Organisation.objects.in_congress(city.congress).filter(name=full).first()
    if found is not None:
        return found
    made = people.create_organisation(city.congress, actor=city.office, kind=Organisation.Kind.HANDLING_UNIT,
                                      name=full, unit_type=unit_type)
    city.units[short] = made
    return made


def _letter(title: str) -> SimpleUploadedFile:
    data = to_pdf(OfficialDocument(title=title, addressee="示例市人大常委会：",
                                   preamble=["根据《中华人民共和国地方各级人民代表大会和地方各级人民政府组织法》的规定，"
                                             "提请市人大常委会审议决定下列人员的任免。"], closing=["请予审议。"]))
    return SimpleUploadedFile(f"{title}.pdf", data, content_type="application/pdf")


def build(city) -> AppointmentBill:
    c, office, today = city.congress, city.office, city.today
    chair = city.mandates[0].person
    gov = _body(city, "人民政府", "示例市人民政府", "government")
    leaving = people.add_membership(c, actor=office, organisation=gov, person_data=LEAVING, post="副市长",
                                    start=datetime.date(2022, 2, 15)).person
    # The directors' meeting that submits the bill, held a week before the session.
    directors_body = Organisation.objects.in_congress(c).filter(kind=Organisation.Kind.DIRECTORS_MEETING).first()
    directors = meetings.create_meeting(c, actor=office, term=city.term, kind="directors", organisation=directors_body,
                                        place="常委会第一会议室", starts_at=_at(today - datetime.timedelta(days=7)),
                                        chair=chair)
    meetings.open_meeting(c, directors, actor=office)
    meetings.close_meeting(c, directors, actor=office)
    session = meetings.create_meeting(c, actor=office, term=city.term, kind="sc_session", organisation=city.sc,
                                      place="常委会会议室", starts_at=_at(today, 9), chair=chair)
    meetings.build_roster(c, session, actor=office)
    title = "示例市人民政府、示例市中级人民法院关于提请任免职务的议案"
    bill = actions.create_bill(c, actor=office, proposer="government", title=title, meeting=session,
                               letter=_letter(title))
    for short, full, unit_type, post, person, education, resume, statement, score in APPOINTEES:
        actions.add_nominee(c, bill, actor=office, action="appoint", organisation=_body(city, short, full, unit_type),
                            post=post, person_data=person, education=education, resume=resume, statement=statement,
                            law_exam_score=score)
    actions.add_nominee(c, bill, actor=office, action="remove", organisation=gov, post="副市长", person=leaving,
                        reason="工作调动，另有任用")
    actions.submit_bill(c, bill, actor=office, directors_meeting=directors, on=today - datetime.timedelta(days=7))
    members = [e.person for e in RosterEntry.objects.in_congress(c).filter(meeting=session, voting=True)
               .select_related("person").order_by("id")]
    meetings.open_meeting(c, session, actor=office)
    present = [p for n, p in enumerate(members) if n % 9 != 4]  # a few away
    for person in present:
        meetings.sign_in_at_desk(c, session, actor=office, person=person)
    for n, vote in enumerate(actions.put_to_vote(c, bill, actor=office)):
        vote = voting.open_vote(c, vote, actor=office)
        for k, person in enumerate(p for p in present if p.pk in city.users):
            choice = "no" if k == n else ("abstain" if k == n + 1 else "yes")
            voting.cast_vote(c, vote, actor=city.user(person), choice=choice)
        voting.announce_result(c, voting.close_vote(c, vote, actor=office), actor=office)
    actions.decide(c, bill, actor=office, on=today)
    for nominee in Nominee.objects.in_congress(c).filter(bill=bill).order_by("order"):
        actions.issue_document(c, nominee, actor=office, on=today)
    appointed = [n.person_id for n in actions.due_to_swear(c).filter(bill=bill)]
    actions.record_oath(c, actor=office, meeting=session, held_on=today, leader=chair, persons=appointed,
                        attendance=len(present), presided_by="常委会秘书长")
    meetings.close_meeting(c, session, actor=office)
    bill.refresh_from_db()
    return bill
