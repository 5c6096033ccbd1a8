"""The demo's agenda chain: three items proposed to the standing committee (the government's report with
its text, a working committee's draft decision, a late request), the directors' meeting held yesterday
submitting two and declining one with its reason, and fixing the next planned session's draft agenda and
schedule. Everything goes through the actions.

Wire with ``agenda_demo.build(city)`` after the standing-committee sessions are built (``_sc_sessions``)
in renda/demo.py."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.agenda import actions
from renda.agenda.models import DraftAgenda
from renda.demo_support import pdf
from renda.meetings import actions as meeting_actions
from renda.meetings.models import Meeting, RosterEntry
from renda.people.models import Organisation


def _pdf(title: str, lines: list[str]) -> SimpleUploadedFile:
    return pdf(title, lines, heading="主要内容")


def build(city) -> DraftAgenda | None:
    c, office = city.congress, city.office
    now = timezone.now()
    taken = DraftAgenda.objects.in_congress(c).values("session_id")
    session = (Meeting.objects.in_congress(c).filter(kind=Meeting.Kind.SC_SESSION, status=Meeting.Status.PLANNED,
                                                     starts_at__gt=now).exclude(pk__in=taken)
               .select_related("term", "chair").order_by("starts_at").first())
    if session is None:
        return None
    body = Organisation.objects.in_congress(c).filter(kind=Organisation.Kind.DIRECTORS_MEETING).first()
    held = min(now - datetime.timedelta(hours=2), session.starts_at - datetime.timedelta(days=1))
    directors = meeting_actions.create_meeting(c, actor=office, term=session.term, kind="directors", organisation=body,
                                               place="常委会第一会议室", starts_at=held,
                                               chair=getattr(session, "chair", None))
    # The sitting is held: its members signed in, and it closes once it has decided.
    meeting_actions.build_roster(c, directors, actor=office)
    meeting_actions.open_meeting(c, directors, actor=office)
    for entry in RosterEntry.objects.in_congress(c).filter(meeting=directors, voting=True).select_related("person"):
        meeting_actions.sign_in_at_desk(c, directors, actor=office, person=entry.person)
    unit = city.units.get("住房和城乡建设局") or next(iter(city.units.values()))
    committee = next(iter(city.committees.values()))
    report = actions.propose_item(
        c, actor=office, title="市人民政府关于城市供热保障工作情况的报告", kind="report", proposer_kind="government",
        proposer=unit, presenter=f"{unit.name}局长",
        summary="报告今冬供热保障、老旧小区管网改造和群众投诉处理情况。",
        documents=[("关于城市供热保障工作情况的报告", _pdf("关于城市供热保障工作情况的报告", [
            "入冬以来，全市集中供热面积较上年增加，城区平均室温保持在二十摄氏度以上。",
            "下一步，将加强热源保障和应急抢修，畅通群众投诉渠道。"]))])
    draft_decision = actions.propose_item(
        c, actor=office, title="关于加强城市生活垃圾分类工作的决定（草案）", kind="draft", proposer_kind="committee",
        proposer=committee, presenter=f"{committee.name}主任",
        documents=[("决定草案及说明", _pdf("关于加强城市生活垃圾分类工作的决定（草案）", [
            "为推进生活垃圾分类，改善人居环境，根据有关法律法规，结合本市实际，作如下决定。"]))])
    late = actions.propose_item(
        c, actor=office, title="关于全市农村公路建设情况的报告", kind="report", proposer_kind="government",
        proposer=city.units.get("交通运输局") or unit, presenter="交通运输局局长")
    for item in (report, draft_decision):
        actions.decide_item(c, item, actor=office, directors_meeting=directors, submit=True)
    actions.decide_item(c, late, actor=office, directors_meeting=directors, submit=False,
                        reason="报告材料尚未经市人民政府常务会议研究，待材料完备后再提请")
    start = session.starts_at
    draft = actions.fix_draft_agenda(c, session, actor=office, directors_meeting=directors, entries=[
        {"item": report.pk, "scheduled_at": start, "presenter": report.presenter},
        {"item": draft_decision.pk, "scheduled_at": start + datetime.timedelta(minutes=50),
         "presenter": draft_decision.presenter},
    ])
    meeting_actions.close_meeting(c, directors, actor=office)
    return draft
