"""The demo's work-report hearings (听取和审议专项工作报告), all through the actions:

- a session held two weeks ago heard the 市卫生健康委员会's report on primary health care — filed on
  time (received 25 days before), reviewed, deliberated (three members' speeches) and evaluated
  unsatisfactory: the body reports again within the rule's months;
- this week's session hears the 市教育局's report on compulsory education, filed late with its reason,
  and the 市民政局's report on elderly care, not filed yet (both flagged on the directors' meeting);
- next month's session hears the again-report of the health commission (not yet filed) and the
  handling of the key-supervision suggestions (重点督办建议办理情况报告).

``build(city)`` returns the reports made, by key."""

from __future__ import annotations

import datetime

from renda.demo_support import at as _at
from renda.meetings import actions as meetings
from renda.meetings.models import AgendaItem, Meeting, RosterEntry
from renda.oversight.actions import hearings
from renda.people.models import Organisation
from renda.proposals.models import Suggestion
from renda.voting import actions as voting

SPEECHES = [
    "基层医疗卫生机构人才短缺问题突出，乡镇卫生院全科医生缺口较大，建议加大定向培养力度。",
    "家庭医生签约服务“签而不约”现象仍然存在，建议完善考核办法，提高履约质量。",
    "部分村卫生室设备老化、药品配备不足，群众就近就医不便，建议列入明年财政预算统筹解决。",
]



def _unit(city, short: str, full: str) -> Organisation:
    if short in city.units:
        return city.units[short]
    found = Organisation.objects.in_congress(city.congress).filter(kind=Organisation.Kind.HANDLING_UNIT,
                                                                   name__contains=short).first()
    if found is not None:
        return found
    from renda.people import actions as people

    made = people.create_organisation(city.congress, actor=city.office, kind=Organisation.Kind.HANDLING_UNIT,
                                      name=full, unit_type="department")
    city.units[short] = made
    return made


def _committee(city) -> Organisation | None:
    return (city.committees.get("科教文卫工作委员会") or next(iter(city.committees.values()), None)
            if city.committees else None)


def _session(city, day: datetime.date) -> Meeting:
    """A standing-committee session on ``day``, its roster drawn (not opened)."""
    meeting = meetings.create_meeting(city.congress, actor=city.office, term=city.term, kind="sc_session",
                                      organisation=city.sc, place="常委会会议室", starts_at=_at(day),
                                      chair=city.mandates[0].person)
    meetings.build_roster(city.congress, meeting, actor=city.office)
    return meeting


def _coming_session(city) -> Meeting | None:
    return (Meeting.objects.in_congress(city.congress).filter(kind=Meeting.Kind.SC_SESSION)
            .exclude(status=Meeting.Status.CLOSED).order_by("starts_at").first())


def _unsatisfactory(city) -> dict:
    c, office = city.congress, city.office
    held = city.today - datetime.timedelta(days=14)
    meeting = _session(city, held)
    health = _unit(city, "卫生健康委员会", "示例市卫生健康委员会")
    report = hearings.schedule_work_report(c, actor=office, title="关于全市基层医疗卫生服务体系建设情况的报告",
                                           body=health, meeting=meeting, reporter="副市长 赵建国",
                                           committee=_committee(city))
    received = _at(held - datetime.timedelta(days=25), 16)
    hearings.file_work_report(c, report, actor=office, received_at=received,
                              summary="一、基层医疗卫生服务体系建设基本情况\n二、存在的主要问题\n三、下一步工作打算")
    hearings.review_work_report(c, report, actor=office, reviewed_on=held - datetime.timedelta(days=12),
                                opinion="报告较全面地反映了基层医疗卫生服务体系建设情况，但对人才短缺、"
                                        "村卫生室运行困难等问题分析不够深入，建议报告机关补充完善后提请常委会会议审议。")
    members = [e.person for e in RosterEntry.objects.in_congress(c).filter(meeting=meeting, voting=True)
               .select_related("person").order_by("id")]
    meetings.open_meeting(c, meeting, actor=office)
    for person in members:
        meetings.sign_in_at_desk(c, meeting, actor=office, person=person)
    item = AgendaItem.objects.in_congress(c).get(pk=report.agenda_item_id)
    for person, text in zip(members[1:4], SPEECHES, strict=False):
        meetings.record_speech(c, item, actor=office, speaker=person, text=text)
    vote = hearings.start_work_report_evaluation(c, report, actor=office)
    vote = voting.open_vote(c, vote, actor=office)
    slips = list(vote.teller_slips)
    for n, person in enumerate(m for m in members if m.pk in city.users):
        rating = "不满意" if n % 5 < 3 else ("基本满意" if n % 5 == 3 else "满意")
        voting.cast_ballot(c, vote, actor=city.user(person), content={"rating": rating})
    voting.announce_result(c, voting.close_vote(c, vote, actor=office, teller_keys=slips[:2]), actor=office)
    report = hearings.record_work_report_outcome(c, report, actor=office)
    meetings.close_meeting(c, meeting, actor=office)
    return {"unsatisfactory": report}


def build(city) -> dict:
    c, office = city.congress, city.office
    made = _unsatisfactory(city)
    this_week = _coming_session(city)
    if this_week is None:
        this_week = _session(city, city.today + datetime.timedelta(days=2))
    education = _unit(city, "教育局", "示例市教育局")
    late = hearings.schedule_work_report(c, actor=office, title="关于全市义务教育优质均衡发展情况的报告",
                                         body=education, meeting=this_week, reporter="副市长 李文",
                                         committee=_committee(city))
    officer = city.unit_users.get(education.pk, office)
    hearings.file_work_report(c, late, actor=officer, late_reason="部分县区统计数据核实耗时，未能按期报送",
                              summary="一、义务教育优质均衡发展推进情况\n二、存在的困难和问题\n三、下一步工作措施")
    made["late"] = late
    made["not_filed"] = hearings.schedule_work_report(
        c, actor=office, title="关于全市养老服务体系建设情况的报告", body=_unit(city, "民政局", "示例市民政局"),
        meeting=this_week, reporter="副市长 赵建国", committee=_committee(city))
    next_month = _session(city, city.today + datetime.timedelta(days=28))
    on_time = hearings.schedule_work_report(
        c, actor=office, title="关于全市农村饮水安全工作情况的报告", body=_unit(city, "水务局", "示例市水务局"),
        meeting=next_month, reporter="副市长 李文", committee=_committee(city))
    hearings.file_work_report(c, on_time, actor=office, summary="一、基本情况\n二、主要做法\n三、存在问题和下一步打算")
    made["on_time"] = on_time
    first = made["unsatisfactory"]
    orgs = Organisation.objects.in_congress(c)
    made["again"] = hearings.schedule_work_report(
        c, actor=office, kind="again", again_of=first, title=f"{first.title}（再次报告）",
        body=orgs.get(pk=first.body_id), meeting=next_month, reporter=first.reporter,
        committee=orgs.filter(pk=first.committee_id).first())
    key = list(Suggestion.objects.in_congress(c).filter(key_supervision=True).order_by("id")[:5])
    if key:
        made["key_suggestions"] = hearings.schedule_work_report(
            c, actor=office, kind="key_suggestions", title="关于重点督办建议办理情况的报告",
            body=_unit(city, "人民政府", "示例市人民政府"), meeting=next_month, reporter="市人民政府秘书长",
            suggestions=key)
    return made
