"""The demo's bills before the standing committee, taken through the actions, the meetings app and
the voting engine (as renda/decisions/demo_data.py holds its sessions):

``first_reading(city, bill)`` submits a bill in drafting (the government's proposal through the
agenda chain), hears the committee's preliminary review report at a directors' meeting and holds
its first reading at a session (the journal's 农田灌溉用水管理条例: report 3/18, first reading 3/31,
no vote) — the draft out seven days before.

``wuliangsuhai(city, bill)`` takes a second bill through two readings (its readings set to two, the
views agreeing), the legal committee's unified review report with the 表决稿, the vote on
2023-08-25, approval submitted on 2023-08-28 and granted on 2023-09-27 (33 days after passing,
inside the four months), the announcement and the date in force 2023-11-01, and both filings.

Wire in renda/demo.py after the legislation demo creates the bills, e.g.
``enactment_demo.first_reading(city, bills["irrigation"], preliminary_on=date(Y, 3, 18),
reading_on=date(Y, 3, 31))`` and ``enactment_demo.wuliangsuhai(city, bills["wuliangsuhai"])``.
Call ``wuliangsuhai`` before the other demo sessions are made if their numbers should run in date
order (a session is numbered next in its term when it is created)."""

from __future__ import annotations

import datetime

from renda.core.usecase import Request
from renda.demo_support import at as _at
from renda.demo_support import pdf as _pdf
from renda.enactment import actions
from renda.legislation import actions as legislation
from renda.legislation.models import Bill, BillVersion
from renda.meetings import actions as meetings
from renda.meetings.models import Meeting, RosterEntry
from renda.voting import actions as voting

D = datetime.date
JOURNAL_PASSED = D(2023, 8, 25)  # 乌梁素海流域生态保护条例


def _latest(city, bill: Bill) -> BillVersion:
    return BillVersion.objects.in_congress(city.congress).filter(bill=bill).order_by("-number").first()


def _committee(city, bill: Bill):
    from renda.people.models import Organisation

    if bill.committee_id:
        return Organisation.objects.in_congress(city.congress).get(pk=bill.committee_id)
    return next(iter(city.committees.values()))


def _meeting(city, kind: str, day: D, organisation=None) -> Meeting:
    c, office = city.congress, city.office
    meeting = meetings.create_meeting(c, actor=office, term=city.term, kind=kind, organisation=organisation,
                                      place="常委会会议室", starts_at=_at(day), chair=city.mandates[0].person)
    meetings.build_roster(c, meeting, actor=office)
    return meeting


def _sit(city, meeting: Meeting, away: int = 2) -> list:
    """Open the session and sign in its voting members (all but ``away``) who have a login."""
    c, office = city.congress, city.office
    meetings.open_meeting(c, meeting, actor=office)
    members = [e.person for e in RosterEntry.objects.in_congress(c).filter(meeting=meeting, voting=True)
               .select_related("person").order_by("id")]
    present = [p for p in members[:len(members) - away] if p.pk in city.users]
    for person in present:
        meetings.sign_in_at_desk(c, meeting, actor=office, person=person)
    return present


def _submit(city, bill: Bill, on: D):
    if bill.status == Bill.Status.DRAFTING:
        actions.submit_bill(city.congress, bill, actor=city.office, version=_latest(city, bill),
                            proposer_kind="government", proposer=city.units["人民政府"], presenter="市司法局局长",
                            submitted_on=on)
        bill.refresh_from_db()


def _read(city, bill: Bill, day: D, *, opinions: tuple[str, ...] | list[str] = ()) -> tuple:
    meeting = _meeting(city, Meeting.Kind.SC_SESSION, day, organisation=city.sc)
    reading = actions.schedule_reading(city.congress, bill, actor=city.office, version=_latest(city, bill),
                                       meeting=meeting, distributed_at=_at(day - datetime.timedelta(days=8)))
    present = _sit(city, meeting)
    for person, text in zip(present[1:], opinions, strict=False):
        actions.record_opinion(city.congress, reading, actor=city.office, speaker=person, text_=text)
    return actions.record_reading(city.congress, reading, actor=city.office), meeting, present


def first_reading(city, bill: Bill, *, preliminary_on: D | None = None, reading_on: D | None = None):
    """Submission, the preliminary review report at a directors' meeting, the first reading (no vote)."""
    reading_on = reading_on or city.today - datetime.timedelta(days=3)
    preliminary_on = preliminary_on or reading_on - datetime.timedelta(days=13)
    _submit(city, bill, preliminary_on - datetime.timedelta(days=5))
    from renda.people.models import Organisation

    body = Organisation.objects.in_congress(city.congress).filter(kind=Organisation.Kind.DIRECTORS_MEETING).first()
    directors = _meeting(city, Meeting.Kind.DIRECTORS, preliminary_on, organisation=body)
    committee = _committee(city, bill)
    actions.record_preliminary_review(
        city.congress, bill, actor=city.office, meeting=directors, committee=committee, reported_on=preliminary_on,
        file=_pdf(f"关于《{bill.title}（草案）》初审意见的报告", [
            f"{committee.name}对《{bill.title}（草案）》进行了初步审查，召开座谈会听取意见，赴基层开展立法调研。",
            "委员会认为，制定本条例是必要的，草案基本可行，建议提请常委会会议审议。"], "初审意见的报告"))
    _sit(city, directors, away=0)
    meetings.close_meeting(city.congress, directors, actor=city.office)
    reading, meeting, _ = _read(city, bill, reading_on, opinions=[
        "建议明确用水计量设施的安装和维护责任。", "草案对节水奖励的规定较原则，建议细化。"])
    meetings.close_meeting(city.congress, meeting, actor=city.office)
    return reading


def _vote(city, meeting: Meeting, present: list, vote, against: int = 1) -> None:
    c, office = city.congress, city.office
    voting.open_vote(c, vote, actor=office)
    voting.cast_votes(c, vote, requests=[Request(city.user(p), {"choice": "no" if n < against else "yes"})
                                         for n, p in enumerate(present)])
    voting.announce_result(c, voting.close_vote(c, vote, actor=office), actor=office)


def wuliangsuhai(city, bill: Bill, *, passed_on: D = JOURNAL_PASSED):
    """Two readings, the 表决稿, the vote, approval within the window, promulgation and filing."""
    c, office = city.congress, city.office
    _submit(city, bill, passed_on - datetime.timedelta(days=75))
    actions.set_readings_required(c, bill, actor=office, readings=2, reason="各方面意见比较一致，经两次常委会会议审议后交付表决")
    _, first, _ = _read(city, bill, passed_on - datetime.timedelta(days=60), opinions=[
        "建议增加流域生态补偿的规定。", "建议明确入湖排污口的监督管理责任。"])
    meetings.close_meeting(c, first, actor=office)
    legislation.add_version(c, bill, actor=office, stage=BillVersion.Stage.REVISION, label="草案修改稿")
    reading, second, present = _read(city, bill, passed_on)
    final = legislation.add_version(c, bill, actor=office, stage=BillVersion.Stage.FINAL, label="表决稿")
    actions.record_review_report(
        c, reading, actor=office, kind="unified", body=city.committees.get("法制工作委员会") or _committee(city, bill),
        version=final,
        file=_pdf(f"关于《{bill.title}（草案）》审议结果的报告", [
            "常委会第一次审议后，法制委员会根据组成人员和各方面的意见，对草案进行了统一审议。",
            "法制委员会建议本次常委会会议审议通过。"], "审议结果的报告"))
    bv = actions.put_bill_to_vote(c, bill, actor=office, meeting=second)
    _vote(city, second, present, bv.vote)
    actions.record_bill_vote(c, bill, actor=office)
    meetings.close_meeting(c, second, actor=office)
    actions.submit_for_approval(c, bill, actor=office, submitted_on=passed_on + datetime.timedelta(days=3),
                                reference=f"{c.name.removesuffix('人民代表大会')[:1]}人常报〔{passed_on.year}〕5号")
    actions.record_approval(c, bill, actor=office, decided_on=D(passed_on.year, 9, 27), outcome="approved")
    made = actions.promulgate_law(c, bill, actor=office, announcement_number="第12号",
                                  announced_on=D(passed_on.year, 9, 28), in_force_on=D(passed_on.year, 11, 1))
    from renda.enactment.models import Filing

    for filing in Filing.objects.in_congress(c).filter(promulgation=made).order_by("id"):
        actions.record_filing(c, filing, actor=office, filed_on=D(passed_on.year, 10, 16))
    return made
