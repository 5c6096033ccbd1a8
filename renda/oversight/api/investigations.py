"""The oversight API: special investigation committees — proposing one (a roll-call vote is created),
recording the vote's result, the composition, the restricted evidence log, the report and the
decision, and follow-up items onto the rectification list."""

import datetime
from typing import Annotated

from django.http import Http404
from ninja import Router, Schema, Status

from renda.core.api import scoped
from renda.core.api_contract import Filled, In, OneOf, one
from renda.core.errors import NotPermitted, ValidationError
from renda.core.permissions import may
from renda.meetings.models import Meeting
from renda.oversight.actions import investigations as actions
from renda.oversight.api.inquiries import InquiryFollowUpIn, InquiryFollowUpOut, entries
from renda.oversight.models import Investigation, InvestigationMember
from renda.people.models import Person

router = Router(tags=["oversight"])
READ = "view_investigation_evidence"


def _investigation(request, investigation_id: int) -> Investigation:
    if not may(request.user, request.congress, READ):
        raise NotPermitted("您没有查看特定问题调查委员会的权限")
    found = Investigation.objects.in_congress(request.congress).filter(pk=investigation_id).first()
    if found is None:
        raise Http404("找不到该特定问题调查委员会")
    return found


class InvestigationMemberOut(Schema):
    person_id: int
    name: str
    role: Annotated[str, OneOf(InvestigationMember.Role)]


class InvestigationOut(Schema):
    id: int
    title: str
    subject: str
    meeting_id: int
    vote_id: int | None
    status: Annotated[str, OneOf(Investigation.Status)]
    established_on: datetime.date | None
    report: str
    report_meeting_id: int | None
    decision: str
    decided_on: datetime.date | None
    members: list[InvestigationMemberOut]


def _out(inv: Investigation) -> dict:
    c = inv.congress_id
    inv = Investigation.objects.in_congress(c).get(pk=inv.pk)
    members = InvestigationMember.objects.in_congress(c).filter(investigation=inv).select_related("person")
    return {"id": inv.pk, "title": inv.title, "subject": inv.subject, "meeting_id": inv.meeting_id,
            "vote_id": inv.vote_id, "status": inv.status, "established_on": inv.established_on, "report": inv.report,
            "report_meeting_id": inv.report_meeting_id, "decision": inv.decision, "decided_on": inv.decided_on,
            "members": [{"person_id": m.person_id, "name": m.person.name, "role": m.role} for m in members]}


@router.get("/oversight/investigations", response=list[InvestigationOut], summary="特定问题调查委员会")
@scoped
def list_investigations(request):
    if not may(request.user, request.congress, READ):
        raise NotPermitted("您没有查看特定问题调查委员会的权限")
    return [_out(i) for i in Investigation.objects.in_congress(request.congress).order_by("-id")]


@router.get("/oversight/investigations/{investigation_id}", response=InvestigationOut, summary="一个特定问题调查委员会")
@scoped
def get_investigation(request, investigation_id: int):
    return _out(_investigation(request, investigation_id))


class InvestigationProposeIn(In):
    title: Filled
    subject: Filled
    meeting_id: int


@router.post("/oversight/investigations", response={201: InvestigationOut},
             summary="提请设立特定问题调查委员会（在会议上建立记名表决事项）")
@scoped
def propose(request, payload: InvestigationProposeIn):
    c = request.congress
    inv = actions.propose_investigation(c, actor=request.user, title=payload.title, subject=payload.subject,
                                        meeting=one(Meeting.objects.in_congress(c), payload.meeting_id, "meeting_id", "会议"))
    return Status(201, _out(inv))


@router.post("/oversight/investigations/{investigation_id}/establishment", response=InvestigationOut,
             summary="按表决结果记录设立或未获通过")
@scoped
def establishment(request, investigation_id: int):
    inv = _investigation(request, investigation_id)
    return _out(actions.record_establishment(request.congress, inv, actor=request.user))


class InvestigationMemberIn(In):
    person_id: int
    role: Annotated[str, OneOf(InvestigationMember.Role)]


class InvestigationMembersIn(In):
    members: list[InvestigationMemberIn]


@router.put("/oversight/investigations/{investigation_id}/members", response=InvestigationOut,
            summary="组成人员（主任委员一名、副主任委员、委员、专家）")
@scoped
def members(request, investigation_id: int, payload: InvestigationMembersIn):
    inv = _investigation(request, investigation_id)
    people = {p.pk: p for p in Person.objects.filter(pk__in=[m.person_id for m in payload.members])}
    missing = [str(m.person_id) for m in payload.members if m.person_id not in people]
    if missing:
        raise ValidationError({"members": f"“members”中的编号 {'、'.join(missing)} 找不到对应的人员"})
    actions.set_investigation_members(request.congress, inv, actor=request.user,
                                      members=[(people[m.person_id], m.role) for m in payload.members])
    return _out(inv)


class EvidenceOut(Schema):
    id: int
    on: datetime.date
    title: str
    source: str
    description: str
    file: str | None


class EvidenceIn(In):
    on: datetime.date
    title: Filled
    source: Filled
    description: str = ""


def _evidence_out(e) -> dict:
    return {"id": e.pk, "on": e.on, "title": e.title, "source": e.source, "description": e.description,
            "file": e.file.name or None}


@router.get("/oversight/investigations/{investigation_id}/evidence", response=list[EvidenceOut],
            summary="调查取证记录（仅限调查委员会组成人员和机关工作人员）")
@scoped
def evidence(request, investigation_id: int):
    inv = _investigation(request, investigation_id)
    return [_evidence_out(e) for e in actions.evidence_of(request.congress, inv, actor=request.user)]


@router.post("/oversight/investigations/{investigation_id}/evidence", response={201: EvidenceOut},
             summary="登记调查取证材料")
@scoped
def log_evidence(request, investigation_id: int, payload: EvidenceIn):
    inv = _investigation(request, investigation_id)
    entry = actions.log_investigation_evidence(request.congress, inv, actor=request.user, on=payload.on,
                                               title=payload.title, source=payload.source,
                                               description=payload.description)
    return Status(201, _evidence_out(entry))


class InvestigationReportIn(In):
    meeting_id: int
    report: Filled


@router.post("/oversight/investigations/{investigation_id}/report", response=InvestigationOut,
             summary="提出调查报告（提交设立之后的会议）")
@scoped
def report(request, investigation_id: int, payload: InvestigationReportIn):
    c = request.congress
    inv = _investigation(request, investigation_id)
    return _out(actions.report_investigation(
        c, inv, actor=request.user, report=payload.report,
        meeting=one(Meeting.objects.in_congress(c), payload.meeting_id, "meeting_id", "会议")))


class InvestigationDecisionIn(In):
    decision: Filled
    decided_on: datetime.date


@router.post("/oversight/investigations/{investigation_id}/decision", response=InvestigationOut,
             summary="记录对调查报告的决议")
@scoped
def decision(request, investigation_id: int, payload: InvestigationDecisionIn):
    inv = _investigation(request, investigation_id)
    return _out(actions.decide_on_investigation(request.congress, inv, actor=request.user, decision=payload.decision,
                                                decided_on=payload.decided_on))


@router.post("/oversight/investigations/{investigation_id}/follow-up", response={201: InquiryFollowUpOut},
             summary="将调查发现的问题列入整改清单")
@scoped
def follow_up(request, investigation_id: int, payload: InquiryFollowUpIn):
    inv = _investigation(request, investigation_id)
    items = actions.list_investigation_follow_up(request.congress, inv, actor=request.user, entries=entries(payload))
    return Status(201, {"ids": [i.pk for i in items]})
