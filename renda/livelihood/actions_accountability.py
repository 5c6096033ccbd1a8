"""Accountability for livelihood projects and suggestions (issue 13, point 6): the year-end ranking
decided by the directors' meeting and approved upward, commendations in batches, and the chain for a
unit that fails (调查核实 → 征求意见 → 提请审核 → 上级同意 → 督查问责, or 不予问责)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from renda.core import audit, uploads
from renda.core.errors import ValidationError
from renda.core.models import Congress
from renda.core.permissions import roles_of
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.livelihood import reports
from renda.livelihood.actions import is_of_congress
from renda.livelihood.models import (
    AccountabilityCase,
    AccountabilityStep,
    Call,
    Commendation,
    CommendationBatch,
    Proposal,
    Ranking,
)
from renda.livelihood.workflows import ACCOUNTABILITY_WORKFLOW
from renda.meetings.models import Meeting
from renda.people.models import Organisation, Person
from renda.people.validation import Errors, date, id_or_none, text
from renda.proposals.models import Suggestion

COMMENDATION_ROWS_MAX = 200


# ── the year-end ranking ──

@action("decide_livelihood_ranking")
def decide_ranking(congress: Congress, call: Call, meeting: Meeting, *, actor) -> Ranking:
    """The directors' meeting (主任会议) fixes the year-end ranking: the projects' scores as the report
    computes them now are kept as decided, whatever the figures do later."""
    ensure_own(congress, call)
    ensure_own(congress, meeting)
    require_status(call, Call.Status.CHOSEN)
    if meeting.kind != Meeting.Kind.DIRECTORS:
        raise ValidationError({"meeting": f"“确定排名的主任会议”须为主任会议，{meeting.title}是{meeting.get_kind_display()}"})
    existing = Ranking.objects.in_congress(congress).filter(call=call).select_related("decided_at_meeting").first()
    if existing is not None:
        raise ValidationError({"meeting": f"{call.year}年的排名已于 {existing.decided_on} 由"
                                          f"{existing.decided_at_meeting.title}确定，不能再次确定"})
    rows = reports.ranking_rows(call)
    if not rows:
        raise ValidationError({"call": "没有票决通过的项目，无从排名"})
    ranking = Ranking.objects.create(congress=congress, call=call, rows=rows, decided_at_meeting=meeting,
                                     decided_on=timezone.localdate(meeting.starts_at))
    audit.record(congress, actor, "decide_livelihood_ranking", call,
                 after={"meeting": meeting.title, "rows": [[r["rank"], r["title"], r["score"]] for r in rows]})
    return ranking


@action("decide_livelihood_ranking")
def approve_ranking(congress: Congress, ranking: Ranking, *, actor, approved_by: str, approved_on,
                    reference: str = "") -> Ranking:
    """The body above (e.g. 县委) agreed to the ranking the directors' meeting decided: who, when, by what."""
    ensure_own(congress, ranking)
    require_status(ranking, Ranking.Status.DECIDED)
    errors = Errors()
    data = {"approved_by": approved_by, "approved_on": approved_on, "reference": reference}
    body = text(data, errors, "approved_by", "审核同意的机关", required=True, max_length=100)
    day = date(data, errors, "approved_on", "同意日期", required=True)
    ref = text(data, errors, "reference", "同意文件", max_length=100)
    if day is not None and day < ranking.decided_on:
        errors.add("approved_on", f"“同意日期”不能早于主任会议确定排名的日期（{ranking.decided_on}）")
    if day is not None and day > timezone.localdate():
        errors.add("approved_on", "“同意日期”不能晚于今天")
    errors.raise_if_any()
    ranking.approved_by, ranking.approved_on, ranking.approval_reference = body, day, ref
    ranking.status = Ranking.Status.APPROVED
    ranking.save(update_fields=["approved_by", "approved_on", "approval_reference", "status"])
    audit.record(congress, actor, "approve_livelihood_ranking", ranking,
                 after={"approved_by": body, "approved_on": str(day), "reference": ref})
    return ranking


# ── commendations ──

def _pick(model_qs, value: Any):
    if value in (None, ""):
        return None
    if hasattr(value, "pk"):
        return model_qs.filter(pk=value.pk).first() or False
    pk = id_or_none(value)
    return (model_qs.filter(pk=pk).first() if pk else None) or False


@action("commend_livelihood")
def commend(congress: Congress, call: Call, *, actor, title: str, issued_on, number: str = "",
            meeting: Meeting | None = None, entries: list[dict]) -> CommendationBatch:
    """A batch of commendations (表扬通报): each entry a unit, a person or a project of this call, with
    what it is commended for; at least one entry."""
    ensure_own(congress, call)
    errors = Errors()
    data = {"title": title, "issued_on": issued_on, "number": number}
    title = text(data, errors, "title", "通报名称", required=True, max_length=200)
    number = text(data, errors, "number", "文号", max_length=60)
    day = date(data, errors, "issued_on", "印发日期", required=True)
    if day is not None and day > timezone.localdate():
        errors.add("issued_on", "“印发日期”不能晚于今天")
    if meeting is not None:
        ensure_own(congress, meeting)
        if meeting.kind not in (Meeting.Kind.DIRECTORS, Meeting.Kind.SC_SESSION):
            errors.add("meeting", "“决定的会议”须为主任会议或常务委员会会议")
    if not isinstance(entries, list) or not entries:
        errors.add("entries", "表扬通报至少要有一项表扬对象")
        entries = []
    if len(entries) > COMMENDATION_ROWS_MAX:
        errors.add("entries", f"一次通报最多 {COMMENDATION_ROWS_MAX} 项，收到 {len(entries)} 项")
        entries = []
    units = Organisation.objects.in_congress(congress)
    projects = Proposal.objects.in_congress(congress).filter(call=call, status=Proposal.Status.CHOSEN)
    cleaned = []
    for n, entry in enumerate(entries, start=1):
        what = f"第{n}项表扬对象"
        if not isinstance(entry, dict):
            errors.add("entries", f"{what}须写明单位、个人或项目之一和事迹")
            continue
        unit = _pick(units, entry.get("unit"))
        proposal = _pick(projects, entry.get("proposal"))
        person_value = entry.get("person")
        person: Any = None
        if person_value not in (None, ""):
            person = person_value if isinstance(person_value, Person) else \
                Person.objects.filter(pk=id_or_none(person_value) or 0).first()
            if person is None or not is_of_congress(congress, person):
                person = False
        given = [x for x in (unit, person, proposal) if x is not None]
        if len(given) != 1:
            errors.add("entries", f"{what}须恰好是单位、个人、项目之一，现填了 {len(given)} 个")
        if unit is False:
            errors.add("entries", f"{what}的单位不是本级的单位")
        if person is False:
            errors.add("entries", f"{what}的个人不是本级人大的人员")
        if proposal is False:
            errors.add("entries", f"{what}的项目不是本次征集票决通过的项目")
        reason = text({"entries": entry.get("reason")}, errors, "entries", f"{what}的事迹", required=True, max_length=300)
        cleaned.append({"unit": unit or None, "person": person or None, "proposal": proposal or None, "reason": reason})
    errors.raise_if_any()
    batch = CommendationBatch.objects.create(congress=congress, call=call, title=title, number=number,
                                             decided_at_meeting=meeting, issued_on=day)
    Commendation.objects.bulk_create([Commendation(congress=congress, batch=batch, **row) for row in cleaned])
    audit.record(congress, actor, "commend_livelihood", batch,
                 after={"title": title, "number": number, "entries": [commended_name(Commendation(**row))
                                                                      for row in cleaned]})
    return batch


def commended_name(entry: Commendation) -> str:
    """What an entry commends: the unit's or the person's name, or the project's title."""
    if entry.unit is not None:
        return entry.unit.name
    if entry.person is not None:
        return entry.person.name
    return f"“{entry.proposal.title}”项目" if entry.proposal is not None else ""


# ── the accountability chain ──

def _step_day(errors: Errors, on, after=None):
    """The step's date: today unless given; never in the future nor before the previous step's."""
    day = date({"on": on}, errors, "on", "日期")
    if day is None:
        return None if errors.by_field.get("on") else timezone.localdate()
    if day > timezone.localdate():
        errors.add("on", "“日期”不能晚于今天")
    elif after is not None and day < after[1]:
        errors.add("on", f"“日期”不能早于上一环节（{after[0]}，{after[1]}）")
    return day


def _document(errors: Errors, document) -> None:
    if document is not None:
        uploads.check(document, "oversight_document", errors, "document", what="“材料”")


@action("hold_unit_accountable")
def open_case(congress: Congress, *, actor, unit: Organisation, reason: str, proposal: Proposal | None = None,
              suggestion: Suggestion | None = None, on=None, document=None) -> AccountabilityCase:
    """Open an accountability case against a handling unit for a livelihood project or a deputy's
    suggestion (exactly one); the case starts at 调查核实 with the reason as its first record."""
    errors = Errors()
    if unit is None or unit.congress_id != congress.pk or unit.kind != Organisation.Kind.HANDLING_UNIT:
        errors.add("unit", "“被问责单位”须为本级的承办单位")
    for obj in (proposal, suggestion):
        if obj is not None:
            ensure_own(congress, obj)
    if (proposal is None) == (suggestion is None):
        errors.add("proposal", "须选择“民生实事项目”或“代表建议”之一（只选一个）")
    elif proposal is not None and proposal.status != Proposal.Status.CHOSEN:
        errors.add("proposal", f"“民生实事项目”须为票决通过的项目，“{proposal.title}”{proposal.get_status_display()}")
    reason_text = text({"reason": reason}, errors, "reason", "问责事由", required=True, max_length=4000)
    day = _step_day(errors, on)
    _document(errors, document)
    errors.raise_if_any()
    case = AccountabilityCase.objects.create(congress=congress, unit=unit, proposal=proposal, suggestion=suggestion,
                                             reason=reason_text, opened_by=actor, opened_on=day)
    AccountabilityStep.objects.create(congress=congress, case=case, step=AccountabilityCase.Status.VERIFYING,
                                      text=reason_text, document=document or "", on=day, by=actor)
    audit.record(congress, actor, "hold_unit_accountable", case,
                 after={"unit": unit.name, "proposal": proposal.title if proposal else "",
                        "suggestion": suggestion.pk if suggestion else None, "status": case.status})
    return case


@action("hold_unit_accountable")
def advance_case(congress: Congress, case: AccountabilityCase, *, actor, target: str, text_: str, on=None,
                 document=None) -> AccountabilityStep:
    """Move the case to its next step (征求意见, 提请审核, 上级同意, 督查问责, or 不予问责), recording what
    was done: the text is required, a document may be attached, the date is not before the last step's."""
    ensure_own(congress, case)
    if target not in AccountabilityCase.Status.values:
        raise ValidationError({"target": "“下一环节”须为" + "、".join(AccountabilityCase.Status.labels) + "之一"})
    ACCOUNTABILITY_WORKFLOW.check(case.status, target, roles_of(actor, congress), congress, action="hold_unit_accountable")
    last = AccountabilityStep.objects.in_congress(congress).filter(case=case).order_by("-on", "-id").first()
    errors = Errors()
    body = text({"text": text_}, errors, "text", "情况", required=True, max_length=4000)
    day = _step_day(errors, on, after=(last.get_step_display(), last.on) if last else None)
    _document(errors, document)
    errors.raise_if_any()
    before = case.status
    step = AccountabilityStep.objects.create(congress=congress, case=case, step=target, text=body,
                                             document=document or "", on=day, by=actor)
    case.status = target
    case.save(update_fields=["status"])
    audit.record(congress, actor, "hold_unit_accountable", case, before={"status": before},
                 after={"status": target, "on": str(day)})
    return step
