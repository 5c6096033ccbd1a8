"""Demo data for special inquiries, questioning and investigations (called by renda/demo.py after the
standing-committee sessions and the oversight demo): a session held a week ago at which an inquiry
on compulsory education was held and rated (one promise on the rectification list), a questioning of
the housing department was filed, decided by the directors' meeting and answered in writing, and a
special investigation committee on school-building safety was established by a roll-call vote, with
its members and two entries in its evidence log."""

from __future__ import annotations

import datetime

from django.utils import timezone

from renda.core.usecase import Request
from renda.demo_support import at as _at
from renda.meetings import actions as meetings
from renda.meetings.models import Meeting, RosterEntry
from renda.oversight.actions import inquiries, investigations, questioning
from renda.oversight.models import InquiryAnswerer
from renda.people.models import Organisation
from renda.voting import actions as voting
from renda.voting.models import Vote


def _unit(city, *names: str) -> Organisation:
    for name in names:
        if name in city.units:
            return city.units[name]
    return next(iter(city.units.values()))


def _session(city) -> tuple[Meeting, list]:
    """A standing-committee session a week ago, open, its members signed in (two on leave)."""
    from renda.demo import _held

    meeting = meetings.create_meeting(city.congress, actor=city.office, term=city.term, kind="sc_session",
                                      organisation=city.sc, place="常委会会议室",
                                      starts_at=_at(city.today - datetime.timedelta(days=7)),
                                      chair=city.mandates[0].person)
    present = _held(city, meeting, absent=1, leave=2)
    return meeting, present


def _directors(city, day: datetime.date) -> Meeting:
    directors = Organisation.objects.in_congress(city.congress).get(kind=Organisation.Kind.DIRECTORS_MEETING)
    meeting = meetings.create_meeting(city.congress, actor=city.office, term=city.term, kind="directors",
                                      organisation=directors, place="常委会第一会议室", starts_at=_at(day, 15),
                                      chair=city.mandates[0].person)
    meetings.open_meeting(city.congress, meeting, actor=city.office)
    meetings.close_meeting(city.congress, meeting, actor=city.office)
    return meeting


def _inquiry(city, meeting: Meeting, present: list) -> None:
    c, office = city.congress, city.office
    education, finance = _unit(city, "教育局", "市教育局"), _unit(city, "财政局", "市财政局")
    inquiry = inquiries.prepare_inquiry(c, actor=office, topic="全市义务教育优质均衡发展情况", meeting=meeting, answerers=[
        {"name": "周立新", "post": "局长", "organisation": education},
        {"name": "郑晓燕", "post": "副局长", "organisation": finance},
        {"name": "孙海涛", "post": "副局长", "organisation": education, "present": False}])
    zhou, zheng = InquiryAnswerer.objects.in_congress(c).filter(inquiry=inquiry).order_by("id")[:2]
    asked = [
        (present[1], zhou, "城区学校大班额问题什么时候能够全部消除？新建学校的进度如何？",
         "今年新建改扩建中小学 6 所，新增学位 5400 个，明年秋季开学前全部消除 56 人以上大班额。", "satisfied"),
        (present[2], zheng, "教育经费“两个只增不减”落实得怎么样？农村学校公用经费是否足额拨付？",
         "今年一般公共预算教育支出增长 6.2%，生均公用经费已按标准足额拨付到校，下一步将建立动态监测。", "basic"),
        (present[3], zhou, "乡村教师“下不去、留不住”的问题，有什么针对性措施？",
         "将落实乡村教师生活补助，优先保障周转宿舍建设，职称评聘向乡村教师倾斜。", "unsatisfied"),
    ]
    registered = [inquiries.register_inquiry_question(c, inquiry, actor=office, text=text, to=to, asker=person)
                  for person, to, text, _, _ in asked]  # all in advance, before the meeting puts them
    for q, (_, to, _, answer, rating) in zip(registered, asked, strict=True):
        inquiries.record_inquiry_answer(c, q, actor=office, answered_by=to, answer=answer)
        inquiries.rate_inquiry_answer(c, q, actor=office, satisfaction=rating)
        if rating == "unsatisfied":
            inquiries.list_inquiry_follow_up(c, q, actor=office, entries=[{
                "problem": "乡村教师补充和稳定机制不健全", "goal": "乡村学校教师缺编问题基本解决",
                "measures": "落实乡村教师生活补助；建设教师周转宿舍；职称评聘向乡村倾斜",
                "due_on": city.today + datetime.timedelta(days=180), "unit": education, "owner": "周立新"}])
    inquiries.write_inquiry_summary(c, inquiry, actor=office, summary=(
        "常委会组成人员围绕城区大班额、教育经费保障、乡村教师队伍建设等问题提出询问，市教育局、市财政局负责同志到会回答。"
        "询问人对回答表示满意 1 人、基本满意 1 人、不满意 1 人；对不满意的事项已列入整改清单，跟踪督办。"))


def _questioning(city, meeting: Meeting, present: list) -> None:
    c, office = city.congress, city.office
    body = _unit(city, "住建局", "市住房和城乡建设局", "住房和城乡建设局")
    needed = questioning.minimum(c, "standing_committee")[0]
    q = questioning.draft_questioning(c, actor=office, forum="standing_committee", meeting=meeting, body=body,
                                      title="关于老旧小区改造工程质量问题的质询案", signer=present[4], questions=(
                                          "一、部分老旧小区改造完工不到一年即出现外墙脱落、管网渗漏，原因是什么？\n"
                                          "二、工程质量监管和竣工验收是如何把关的？\n三、对已发现问题如何返修、如何问责？"))
    for person in present[5:5 + needed]:
        questioning.sign_questioning(c, q, actor=office, person=person)
    questioning.file_questioning(c, q, actor=office)
    directors = _directors(city, city.today - datetime.timedelta(days=6))
    questioning.decide_questioning(c, q, actor=office, decision="accept", meeting=directors, mode="written",
                                   answer_by=city.today + datetime.timedelta(days=14))
    officer = city.unit_users.get(body.pk, office)
    # Answered the day it is recorded: a build that runs past midnight filed the questioning on the new day.
    questioning.record_questioning_answer(c, q, actor=officer, answerer=f"{body.name}局长", answered_on=timezone.localdate(),
                                          text=("经全面排查，外墙脱落和管网渗漏涉及 3 个小区 11 栋楼，系施工单位未按设计施工、"
                                                "监理履职不到位所致。已责令施工单位 30 日内返修，对监理单位记不良行为，"
                                                "并对全市在建改造项目开展质量专项检查。"))


def _investigation(city, meeting: Meeting, present: list) -> None:
    c, office = city.congress, city.office
    inv = investigations.propose_investigation(c, actor=office, title="关于全市中小学校舍安全问题的特定问题调查委员会",
                                               subject="全市中小学校舍安全隐患排查整治情况，以及相关资金使用和工程质量监管情况",
                                               meeting=meeting)
    vote = voting.open_vote(c, Vote.objects.in_congress(c).get(pk=inv.vote_id), actor=office)
    voters = [e.person for e in RosterEntry.objects.in_congress(c).filter(
        meeting=meeting, voting=True, attendance=RosterEntry.Attendance.PRESENT).select_related("person")]
    voting.cast_votes(c, vote, requests=[Request(city.user(p), {"choice": "abstain" if n < 2 else "yes"})
                                         for n, p in enumerate(voters)])
    voting.announce_result(c, voting.close_vote(c, vote, actor=office), actor=office)
    investigations.record_establishment(c, inv, actor=office)
    investigations.set_investigation_members(c, inv, actor=office, members=[
        (present[1], "chair"), (present[2], "vice_chair"), (present[6], "member"), (present[7], "member")])
    for title, source in (("市教育局校舍安全排查台账", "市教育局提供"),
                          ("东湖区第三中学教学楼现场检查记录", "调查委员会现场检查")):
        investigations.log_investigation_evidence(c, inv, actor=office, on=timezone.localdate(), title=title,
                                                  source=source)


def build(city) -> None:
    meeting, present = _session(city)
    _inquiry(city, meeting, present)
    _questioning(city, meeting, present)
    _investigation(city, meeting, present)
    meetings.close_meeting(city.congress, meeting, actor=city.office)
