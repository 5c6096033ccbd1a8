"""Writes for a special investigation committee (特定问题调查委员会, 监督法第六章): proposed to a
session and put to a recorded vote on the voting engine; established or not by that vote's result;
its chair, vice-chairs, members and experts; its evidence log (restricted to its members and the
office's and committees' staff); its report to a later meeting and the body's decision on it."""

from __future__ import annotations

from django.utils import timezone

from renda.core import audit
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress
from renda.core.permissions import STAFF, roles_of
from renda.core.usecase import action, ensure_own
from renda.meetings.models import Meeting
from renda.oversight.models import Evidence, Investigation, InvestigationMember
from renda.oversight.queries import person_of_user
from renda.oversight.workflows import INVESTIGATION_WORKFLOW
from renda.people import validation
from renda.people.models import Mandate, Membership, Person
from renda.people.validation import Errors
from renda.voting import actions as voting
from renda.voting.models import Vote

V = Investigation.Status
FIELDS = ["title", "subject", "meeting", "status", "established_on", "report_meeting", "decided_on"]
FORUMS = (Meeting.Kind.SC_SESSION, Meeting.Kind.PLENARY)


def is_member(user, congress: Congress, inv: Investigation) -> bool:
    person = person_of_user(user)
    return person is not None and InvestigationMember.objects.in_congress(congress).filter(
        investigation=inv, person_id=person.pk).exists()


def may_view_evidence(user, congress: Congress, inv: Investigation) -> bool:
    """Only the committee's members and the office's and committees' staff see the evidence log:
    other standing-committee members and deputies do not."""
    return bool(roles_of(user, congress) & STAFF) or is_member(user, congress, inv)


def evidence_of(congress: Congress, inv: Investigation, *, actor) -> list[Evidence]:
    """The evidence log, for those who may see it (NotPermitted for everyone else)."""
    ensure_own(congress, inv, "特定问题调查委员会")
    if not may_view_evidence(actor, congress, inv):
        raise NotPermitted("调查取证材料仅限本调查委员会组成人员和机关工作人员查看")
    return list(Evidence.objects.in_congress(congress).filter(investigation=inv).select_related("recorded_by"))


def known_here(congress: Congress, person: Person) -> bool:
    """A person this congress holds a record of: a mandate or a post in one of its bodies."""
    return (Mandate.objects.in_congress(congress).filter(person=person).exists()
            or Membership.objects.in_congress(congress).filter(person=person).exists())


def _locked(congress: Congress, inv: Investigation) -> Investigation:
    ensure_own(congress, inv, "特定问题调查委员会")
    return Investigation.objects.in_congress(congress).select_for_update().get(pk=inv.pk)


def vote_title(inv: Investigation) -> str:
    return f"关于成立{inv.title}的决定"[:200]


@action("establish_investigation")
def propose_investigation(congress: Congress, *, actor, title, subject, meeting: Meeting | None) -> Investigation:
    """提请设立: the committee's name and the specific question, to a standing-committee session or a
    plenary of this congress that is not closed; a recorded (roll-call) vote is created for it."""
    errors = Errors()
    data = {"title": title, "subject": subject}
    title = validation.text(data, errors, "title", "名称", required=True, max_length=200, multiline=False)
    subject = validation.text(data, errors, "subject", "调查的特定问题", required=True, max_length=4000, multiline=True)
    if meeting is None:
        errors.add("meeting", "“决定设立的会议”必须选择")
    else:
        ensure_own(congress, meeting, "会议")
        if meeting.kind not in FORUMS:
            errors.add("meeting", "“决定设立的会议”须为常务委员会会议或人民代表大会会议")
        elif meeting.status == Meeting.Status.CLOSED:
            errors.add("meeting", f"“决定设立的会议”{meeting.title}已闭会")
    errors.raise_if_any()
    assert meeting is not None
    inv = Investigation.objects.create(congress=congress, title=title, subject=subject, meeting=meeting)
    inv.vote = voting.create_vote(congress, meeting, actor=actor, title=vote_title(inv), kind=Vote.Kind.ROLL_CALL)
    inv.save(update_fields=["vote"])
    audit.record(congress, actor, "establish_investigation", inv, after=audit.snapshot(inv, FIELDS))
    return inv


@action("establish_investigation")
def record_establishment(congress: Congress, inv: Investigation, *, actor) -> Investigation:
    """Once the vote is closed, its result decides: 已设立 (on the day it closed) or 未获通过."""
    inv = _locked(congress, inv)
    vote = Vote.objects.in_congress(congress).filter(pk=inv.vote_id).first()
    if vote is None or vote.status not in (Vote.Status.CLOSED, Vote.Status.ANNOUNCED) or not vote.result:
        raise ValidationError({"vote": "设立表决尚未结束，不能记录结果"})
    passed = bool(vote.result.get("passed"))
    target = V.ESTABLISHED if passed else V.NOT_ESTABLISHED
    INVESTIGATION_WORKFLOW.check(inv.status, target, roles_of(actor, congress), congress, action="establish_investigation")
    inv.status = target
    if passed:
        inv.established_on = timezone.localdate(vote.closed_at or timezone.now())
    inv.save(update_fields=["status", "established_on"])
    audit.record(congress, actor, "establish_investigation", inv, before={"status": V.PROPOSED},
                 after={"status": target, "yes": vote.result.get("yes"), "electorate": vote.result.get("electorate")})
    return inv


@action("establish_investigation")
def set_investigation_members(congress: Congress, inv: Investigation, *, actor, members: list) -> list[InvestigationMember]:
    """The composition: ``members`` as (person, role) pairs — one chair (主任委员), vice-chairs,
    members and experts; each person once. Replaces the list."""
    inv = _locked(congress, inv)
    if inv.status not in (V.PROPOSED, V.ESTABLISHED):
        raise ValidationError({"members": f"该调查委员会{inv.get_status_display()}，不能再调整组成人员"})
    errors = Errors()
    if not isinstance(members, list | tuple) or not members:
        errors.add("members", "至少要列出一名组成人员")
        members = []
    seen: set[int] = set()
    cleaned: list[tuple[Person, str]] = []
    for n, pair in enumerate(members, start=1):
        try:
            person, role = pair
        except (TypeError, ValueError):
            errors.add("members", f"第{n}名组成人员须写明人员和职务")
            continue
        if not isinstance(person, Person) or not known_here(congress, person):
            errors.add("members", f"第{n}名组成人员不是本级的人员")
            continue
        if role not in InvestigationMember.Role.values:
            errors.add("members", f"第{n}名组成人员{person.name}的职务须为：" + "、".join(InvestigationMember.Role.labels))
            continue
        if person.pk in seen:
            errors.add("members", f"{person.name}列出了不止一次")
            continue
        seen.add(person.pk)
        cleaned.append((person, role))
    chairs = sum(1 for _, role in cleaned if role == InvestigationMember.Role.CHAIR)
    if cleaned and chairs != 1:
        errors.add("members", f"调查委员会须有且只有一名主任委员（现为 {chairs} 名）")
    errors.raise_if_any()
    before = [f"{m.person.name}（{m.get_role_display()}）" for m in
              InvestigationMember.objects.in_congress(congress).filter(investigation=inv).select_related("person")]
    InvestigationMember.objects.in_congress(congress).filter(investigation=inv).delete()
    made = [InvestigationMember.objects.create(congress=congress, investigation=inv, person=p, role=r) for p, r in cleaned]
    audit.record(congress, actor, "establish_investigation", inv, before={"members": before},
                 after={"members": [f"{m.person.name}（{m.get_role_display()}）" for m in made]})
    return made


@action("log_investigation_evidence")
def log_investigation_evidence(congress: Congress, inv: Investigation, *, actor, on, title, source, description="",
                               file=None) -> Evidence:
    """An entry in the restricted evidence log, by a member of the committee or by staff, while the
    committee is at work (established, before its report)."""
    from renda.core import uploads

    inv = _locked(congress, inv)
    if not may_view_evidence(actor, congress, inv):
        raise NotPermitted("只有本调查委员会组成人员和机关工作人员可以登记调查取证材料")
    if inv.status != V.ESTABLISHED:
        raise ValidationError({"status": f"该调查委员会{inv.get_status_display()}，不能登记调查取证材料"})
    errors = Errors()
    data = {"on": on, "title": title, "source": source, "description": description}
    day = validation.date(data, errors, "on", "取得日期", required=True)
    title = validation.text(data, errors, "title", "材料名称", required=True, max_length=200, multiline=False)
    source = validation.text(data, errors, "source", "来源", required=True, max_length=200, multiline=False)
    description = validation.text(data, errors, "description", "内容摘要", max_length=4000, multiline=True)
    if day is not None and day > timezone.localdate():
        errors.add("on", "“取得日期”不能晚于今天")
    if day is not None and inv.established_on and day < inv.established_on:
        errors.add("on", f"“取得日期”不能早于调查委员会设立日期（{inv.established_on:%Y-%m-%d}）")
    if file is not None:
        uploads.check(file, "oversight_document", errors, "file", what="文件")
    errors.raise_if_any()
    assert day is not None
    entry = Evidence(congress=congress, investigation=inv, on=day, title=title, source=source, description=description,
                     recorded_by=actor)
    if file is not None:
        entry.file.save(file.name, file, save=False)
    entry.save()
    # The audit names the entry, not its content: the log itself is restricted.
    audit.record(congress, actor, "log_investigation_evidence", entry, object_repr=f"{inv.title}：调查取证记录",
                 after={"on": str(day), "file": bool(file)})
    return entry


@action("report_investigation")
def report_investigation(congress: Congress, inv: Investigation, *, actor, meeting: Meeting | None, report="",
                         document=None) -> Investigation:
    """The committee's report (text, or an uploaded file, or both) to a later session of the body that
    set it up."""
    from renda.core import uploads

    inv = _locked(congress, inv)
    INVESTIGATION_WORKFLOW.check(inv.status, V.REPORTED, roles_of(actor, congress), congress, action="report_investigation")
    errors = Errors()
    text = validation.text({"report": report}, errors, "report", "调查报告", max_length=40000, multiline=True)
    if not text and document is None:
        errors.add("report", "“调查报告”须填写或上传报告文本")
    if document is not None:
        uploads.check(document, "oversight_document", errors, "document", what="调查报告文本")
    if meeting is None:
        errors.add("meeting", "“听取报告的会议”必须选择")
    else:
        ensure_own(congress, meeting, "会议")
        if meeting.kind not in FORUMS:
            errors.add("meeting", "“听取报告的会议”须为常务委员会会议或人民代表大会会议")
        elif meeting.pk == inv.meeting_id or meeting.starts_at <= inv.meeting.starts_at:
            errors.add("meeting", f"“听取报告的会议”须为设立之后的会议（晚于{inv.meeting.title}）")
    errors.raise_if_any()
    inv.report, inv.report_meeting = text, meeting
    if document is not None:
        inv.report_document.save(document.name, document, save=False)
    inv.status = V.REPORTED
    inv.save()
    audit.record(congress, actor, "report_investigation", inv, before={"status": V.ESTABLISHED},
                 after={"status": V.REPORTED, "report_meeting": str(meeting), "document": bool(document)})
    return inv


@action("report_investigation")
def decide_on_investigation(congress: Congress, inv: Investigation, *, actor, decision, decided_on) -> Investigation:
    """The body's decision (决议) on the report."""
    inv = _locked(congress, inv)
    INVESTIGATION_WORKFLOW.check(inv.status, V.DECIDED, roles_of(actor, congress), congress, action="report_investigation")
    errors = Errors()
    data = {"decision": decision, "decided_on": decided_on}
    text = validation.text(data, errors, "decision", "决议", required=True, max_length=8000, multiline=True)
    day = validation.date(data, errors, "decided_on", "决议日期", required=True)
    heard = inv.report_meeting
    if day is not None and heard is not None and day < timezone.localdate(heard.starts_at):
        errors.add("decided_on", f"“决议日期”不能早于听取报告的会议（{timezone.localdate(heard.starts_at):%Y-%m-%d}）")
    errors.raise_if_any()
    inv.decision, inv.decided_on, inv.status = text, day, V.DECIDED
    inv.save(update_fields=["decision", "decided_on", "status"])
    audit.record(congress, actor, "report_investigation", inv, before={"status": V.REPORTED},
                 after={"status": V.DECIDED, "decided_on": str(day)})
    return inv


@action("report_investigation")
def list_investigation_follow_up(congress: Congress, inv: Investigation, *, actor, entries) -> list:
    """The problems the report found go onto the rectification list (source 特定问题调查)."""
    from renda.rectification.actions import list_problems

    inv = _locked(congress, inv)
    if inv.status not in (V.REPORTED, V.DECIDED):
        raise ValidationError({"items": "调查报告提出之后才能列入整改清单"})
    items = list_problems(congress, actor=actor, source="investigation", entries=entries, investigation=inv)
    audit.record(congress, actor, "report_investigation", inv, object_repr=f"{inv.title}：整改事项",
                 after={"rectification": [i.pk for i in items]})
    return items
