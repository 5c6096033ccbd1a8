"""The demo's major-matter decisions: a session held ten days ago deliberates and passes two (the
city government's proposals); one is published with its text and its implementation report on the
rectification list, the other waits for publishing (the office's inbox); a third proposal is on the
agenda of the coming session. Everything goes through the actions and the voting engine.

Wire with ``decisions_demo.build(city)`` after ``_sc_sessions`` (and after the rectification demo)
in renda/demo.py."""

from __future__ import annotations

import datetime

from renda.core.usecase import Request
from renda.decisions import actions
from renda.decisions.models import Decision
from renda.demo_support import at as _at
from renda.meetings import actions as meetings
from renda.meetings.models import AgendaItem, Meeting, RosterEntry
from renda.voting import actions as voting

PUBLISHED = ("关于加强城市更新工作的决定", [
    "为推进城市更新，改善人居环境，提升城市品质，根据有关法律法规，结合本市实际，作如下决定：",
    "一、市人民政府应当编制城市更新专项规划，统筹老旧小区、老旧街区、城中村改造，坚持先规划后建设。",
    "二、城市更新项目应当充分听取居民意见，涉及群众切身利益的事项依法公开，接受社会监督。",
    "三、市人民政府应当建立城市更新资金保障机制，规范资金使用和管理，每年向市人民代表大会常务委员会报告城市更新工作情况。",
    "四、本决定自公布之日起施行。"])
PASSED = ("关于开展第九个五年法治宣传教育的决议", [
    "为深入开展法治宣传教育，推进法治社会建设，市人民代表大会常务委员会作如下决议：",
    "一、全市国家机关、社会团体、企业事业组织应当落实“谁执法谁普法”普法责任制。",
    "二、市人民政府应当将法治宣传教育纳入国民经济和社会发展规划，保障所需经费。",
    "三、各级人民代表大会常务委员会应当加强对本决议贯彻执行情况的监督检查。"])
PROPOSED = ("关于设立示例市生态保护日的决定（草案）", [
    "为增强全社会生态环境保护意识，决定每年八月十五日为示例市生态保护日。"])
SPEECHES = ["城市更新要坚持留改拆并举，防止大拆大建，建议在决定中进一步明确居民参与的程序。",
            "建议市人民政府每年报告城市更新资金的筹集和使用情况，常委会加强跟踪监督。"]



def _vote(city, decision: Decision, members: list, against: int, abstain: int) -> Decision:
    c, office = city.congress, city.office
    vote = voting.open_vote(c, actions.put_decision_to_vote(c, decision, actor=office), actor=office)
    choices = ["no"] * against + ["abstain"] * abstain
    voting.cast_votes(c, vote, requests=[Request(city.user(p), {"choice": choices[n] if n < len(choices) else "yes"})
                                         for n, p in enumerate(members)])
    voting.announce_result(c, voting.close_vote(c, vote, actor=office), actor=office)
    return actions.record_decision_outcome(c, decision, actor=office)


def build(city) -> dict:
    c, office = city.congress, city.office
    government = city.units["人民政府"]
    held = city.today - datetime.timedelta(days=10)
    session = meetings.create_meeting(c, actor=office, term=city.term, kind="sc_session", organisation=city.sc,
                                      place="常委会会议室", starts_at=_at(held), chair=city.mandates[0].person)
    meetings.build_roster(c, session, actor=office)
    made: dict = {}
    for key, (title, paragraphs) in (("published", PUBLISHED), ("passed", PASSED)):
        made[key] = actions.propose_decision(
            c, actor=office, title=title, kind="resolution" if title.endswith("决议") else "decision",
            proposer=government, meeting=session, text_="\n".join(paragraphs),
            explanation=f"受市人民政府委托，现就《{title}（草案）》作说明。")
    members = [e.person for e in RosterEntry.objects.in_congress(c).filter(meeting=session, voting=True)
               .select_related("person").order_by("id")]
    meetings.open_meeting(c, session, actor=office)
    present = [p for p in members[:-3] if p.pk in city.users]  # three members on leave or away
    for person in present:
        meetings.sign_in_at_desk(c, session, actor=office, person=person)
    item = AgendaItem.objects.in_congress(c).get(pk=made["published"].agenda_item_id)
    for person, text in zip(present[2:4], SPEECHES, strict=False):
        meetings.record_speech(c, item, actor=office, speaker=person, text=text)
    made["published"] = _vote(city, made["published"], present, against=1, abstain=2)
    made["passed"] = _vote(city, made["passed"], present, against=0, abstain=1)
    meetings.close_meeting(c, session, actor=office)
    made["published"] = actions.publish_decision(c, made["published"], actor=office, on=held + datetime.timedelta(days=3))
    made["implementation"] = actions.track_implementation(
        c, made["published"], actor=office, unit=city.units["住房和城乡建设局"], owner="分管副局长",
        measures="报告城市更新专项规划编制、资金筹集和使用、居民参与等情况")
    coming = (Meeting.objects.in_congress(c).filter(kind=Meeting.Kind.SC_SESSION)
              .exclude(status=Meeting.Status.CLOSED).filter(starts_at__gte=_at(city.today, 0)).order_by("starts_at")
              .first())
    if coming is not None:
        made["proposed"] = actions.propose_decision(c, actor=office, title=PROPOSED[0].removesuffix("（草案）"),
                                                    proposer=government, meeting=coming, text_="\n".join(PROPOSED[1]))
    return made
