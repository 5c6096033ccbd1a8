"""Writes for motions and suggestions: drafting with co-signers, submitting, review, numbering and
assignment to handling units (交办)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from renda.answer_quality.actions import check_quietly
from renda.core import audit, rules, uploads
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress, Term
from renda.core.permissions import OFFICE, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.usecase import action, ensure_own
from renda.meetings.models import Meeting
from renda.people.models import Mandate, Organisation, Person
from renda.people.validation import Errors, date, text
from renda.proposals import tallies as kept
from renda.proposals.models import (
    Answer,
    Assignment,
    Attachment,
    Author,
    Commitment,
    Contact,
    HandlingRequest,
    Notice,
    NumberSequence,
    Rating,
    Suggestion,
)
from renda.proposals.workflows import SUGGESTION_WORKFLOW


def _serving_person(congress: Congress, actor) -> Person:
    person = getattr(actor, "person", None)
    if person is None or not Mandate.objects.in_congress(congress).filter(person=person, status=Mandate.Status.SERVING).exists():
        raise NotPermitted("只有本级在任代表可以提出议案、建议")
    return person


def _lead(congress: Congress, suggestion: Suggestion, actor) -> Person:
    person = getattr(actor, "person", None)
    if person is None or not Author.objects.in_congress(congress).filter(suggestion=suggestion, person=person, lead=True).exists():
        raise NotPermitted("只有领衔代表可以修改、提交或撤回")
    return person


def _author(congress: Congress, suggestion: Suggestion, actor, doing: str = "这样做") -> Person:
    """The acting deputy, if a confirmed author of the item (lead or co-signer)."""
    person = getattr(actor, "person", None)
    if person is None or not Author.objects.in_congress(congress).filter(suggestion=suggestion, person=person,
                                                                         confirmed=True).exists():
        raise NotPermitted(f"只有该件的署名代表可以{doing}")
    return person


def _in_handling(suggestion: Suggestion) -> None:
    if suggestion.status not in (Suggestion.Status.ASSIGNED, Suggestion.Status.REHANDLING):
        raise ValidationError({"status": f"“{suggestion}”{suggestion.get_status_display()}，不在办理中"})


def _move(congress, suggestion, target, actor, action_name):
    SUGGESTION_WORKFLOW.check(suggestion.status, target, roles_of(actor, congress), congress, action=action_name)
    suggestion.status = target


@action("save_suggestion_draft")
def save_suggestion_draft(congress: Congress, *, actor, term: Term, suggestion: Suggestion | None = None,
                          session: Meeting | None = None, kind: str = Suggestion.Kind.SUGGESTION, title: str = "",
                          body: str = "", category: str = "", co_signers: list[Person] | None = None) -> Suggestion:
    """Save a draft as the deputy types; drafts may be incomplete, nothing is lost. ``co_signers`` is
    the whole list of co-signers (the lead aside): those left out are removed, as long as the item has
    not been submitted; None leaves them as they are."""
    person = _serving_person(congress, actor)
    errors = Errors()
    data = {"title": title, "body": body, "category": category}
    cleaned = {"title": text(data, errors, "title", "标题", max_length=200),
               "body": text(data, errors, "body", "内容", max_length=20000),
               "category": text(data, errors, "category", "分类", max_length=40)}
    if kind not in Suggestion.Kind.values:
        errors.add("kind", f"“类别”无效：{kind}")
    if term is None or term.congress_id != congress.pk:
        errors.add("term", f"“届次”须为{congress.name}的届次")
    if session is not None and (session.congress_id != congress.pk or not session.is_plenary):
        errors.add("session", "“大会会议”须为本级人民代表大会会议")
    errors.raise_if_any()
    if suggestion is None:
        suggestion = Suggestion.objects.create(congress=congress, term=term, session=session, kind=kind,
                                               year=timezone.localdate().year, **cleaned)
        Author.objects.create(congress=congress, suggestion=suggestion, person=person, lead=True, confirmed=True)
    else:
        ensure_own(congress, suggestion, "议案建议")
        _lead(congress, suggestion, actor)
        if suggestion.status not in (Suggestion.Status.DRAFT, Suggestion.Status.RETURNED):
            raise ValidationError({"status": f"“{suggestion}”已{suggestion.get_status_display()}，不能再修改"})
        for field, value in {**cleaned, "kind": kind, "session": session}.items():
            setattr(suggestion, field, value)
        suggestion.save(update_fields=["title", "body", "category", "kind", "session", "updated_at"])
    after: dict = {"title": suggestion.title, "kind": kind}
    if co_signers is not None:
        wanted = {co.pk: co for co in co_signers if co.pk != person.pk}
        have = set(Author.objects.in_congress(congress).filter(suggestion=suggestion).values_list("person_id", flat=True))
        for co in wanted.values():
            if co.pk not in have:
                if not Mandate.objects.in_congress(congress).filter(person=co, status=Mandate.Status.SERVING).exists():
                    raise ValidationError({"co_signers": f"{co.name}不是本级在任代表"})
                Author.objects.create(congress=congress, suggestion=suggestion, person=co)
        removed = Author.objects.in_congress(congress).filter(suggestion=suggestion, lead=False).exclude(person_id__in=wanted)
        if removed.exists():
            after["removed_co_signers"] = [a.person.name for a in removed.select_related("person")]
            removed.delete()
        after["co_signers"] = [co.name for co in wanted.values()]
    audit.record(congress, actor, "save_suggestion_draft", suggestion, after=after)
    return suggestion


MAX_ATTACHMENTS = 5


@action("attach_to_suggestion")
def attach_to_suggestion(congress: Congress, suggestion: Suggestion, *, actor, upload) -> Attachment:
    """The lead deputy attaches a file while the item is a draft or returned: PDF, OFD, Word, JPEG or
    PNG by content (core.uploads, purpose suggestion_attachment, 10 MB each), five files at most."""
    ensure_own(congress, suggestion, "议案建议")
    _lead(congress, suggestion, actor)
    if suggestion.status not in (Suggestion.Status.DRAFT, Suggestion.Status.RETURNED):
        raise ValidationError({"attachments": f"“{suggestion}”已{suggestion.get_status_display()}，不能再增加附件"})
    errors = Errors()
    if upload is None:
        errors.add("attachments", "请选择文件")
    else:
        kind = uploads.check(upload, "suggestion_attachment", errors, "attachments")
        if Attachment.objects.in_congress(congress).filter(suggestion=suggestion).count() >= MAX_ATTACHMENTS:
            errors.add("attachments", f"每件最多 {MAX_ATTACHMENTS} 个附件")
    errors.raise_if_any()
    made = Attachment.objects.create(congress=congress, suggestion=suggestion, file=upload, name=upload.name[:120],
                                     content_type=kind.content_type if kind else "", size=upload.size)
    audit.record(congress, actor, "attach_to_suggestion", suggestion, after={"file": made.name, "size": made.size})
    return made


@action("confirm_cosign")
def confirm_cosign(congress: Congress, suggestion: Suggestion, *, actor) -> Author:
    """A co-signing deputy confirms; only then does the item count as theirs."""
    ensure_own(congress, suggestion, "议案建议")
    person = getattr(actor, "person", None)
    author = Author.objects.in_congress(congress).filter(suggestion=suggestion, person=person).first()
    if person is None or author is None:
        raise NotPermitted("您不是该议案建议的联名代表")
    if not author.confirmed:
        author.confirmed = True
        author.save(update_fields=["confirmed"])
    audit.record(congress, actor, "confirm_cosign", suggestion, after={"person": person.name})
    return author


def cosigners_short(congress: Congress, suggestion: Suggestion) -> int:
    """How many more confirmed deputies a motion needs (组织法 art. 22: 10, or 5 at township level)."""
    if suggestion.kind != Suggestion.Kind.MOTION:
        return 0
    confirmed = Author.objects.in_congress(congress).filter(suggestion=suggestion, confirmed=True).count()
    return max(0, rules.motion_cosigners_needed(congress) - confirmed)


@action("submit_suggestion")
def submit_suggestion(congress: Congress, suggestion: Suggestion, *, actor, now=None) -> Suggestion:
    """Submit: during a plenary before its filing deadline, between sessions at any time; a motion
    needs the legal number of confirmed deputies."""
    ensure_own(congress, suggestion, "议案建议")
    _lead(congress, suggestion, actor)
    errors = Errors()
    text({"title": suggestion.title}, errors, "title", "标题", required=True, max_length=200)
    text({"body": suggestion.body}, errors, "body", "内容", required=True, max_length=20000)
    short = cosigners_short(congress, suggestion)
    if short:
        errors.add("co_signers", f"议案须有{rules.motion_cosigners_needed(congress)}名以上代表联名（组织法第二十二条），"
                                 f"还差{short}名已确认的联名代表")
    moment = now or timezone.now()
    session = suggestion.session
    if session is not None and session.filing_deadline and moment > session.filing_deadline:
        errors.add("session", f"{session.title}提出议案、建议的截止时间 "
                              f"{timezone.localtime(session.filing_deadline):%Y-%m-%d %H:%M} 已过，可在闭会期间提出")
    errors.raise_if_any()
    _move(congress, suggestion, Suggestion.Status.SUBMITTED, actor, "submit_suggestion")
    suggestion.submitted_at = moment
    suggestion.save(update_fields=["status", "submitted_at", "updated_at"])
    audit.record(congress, actor, "submit_suggestion", suggestion, after={"status": suggestion.status})
    return suggestion


@action("withdraw_suggestion")
def withdraw_suggestion(congress: Congress, suggestion: Suggestion, *, actor) -> Suggestion:
    """The lead deputy withdraws an item not yet accepted."""
    ensure_own(congress, suggestion, "议案建议")
    _lead(congress, suggestion, actor)
    _move(congress, suggestion, Suggestion.Status.WITHDRAWN, actor, "withdraw_suggestion")
    suggestion.save(update_fields=["status", "updated_at"])
    audit.record(congress, actor, "withdraw_suggestion", suggestion, after={"status": suggestion.status})
    return suggestion


@action("return_suggestion")
def return_suggestion(congress: Congress, suggestion: Suggestion, *, actor, message: str) -> Suggestion:
    """Return to the deputy for clarification, with a message."""
    ensure_own(congress, suggestion, "议案建议")
    errors = Errors()
    message = text({"message": message}, errors, "message", "退回说明", required=True, max_length=500)
    errors.raise_if_any()
    _move(congress, suggestion, Suggestion.Status.RETURNED, actor, "return_suggestion")
    suggestion.return_message = message
    suggestion.save(update_fields=["status", "return_message", "updated_at"])
    audit.record(congress, actor, "return_suggestion", suggestion, after={"message": message})
    return suggestion


def _next_number(congress: Congress, suggestion: Suggestion) -> int:
    scope = f"session:{suggestion.session_id}" if suggestion.session_id else f"year:{suggestion.year}"
    NumberSequence.objects.get_or_create(congress=congress, scope=scope)
    # Lock the scope's row: two reviewers accepting at once must not draw the same number.
    sequence = NumberSequence.objects.in_congress(congress).select_for_update().get(scope=scope)
    sequence.last += 1
    sequence.save(update_fields=["last"])
    return sequence.last


@action("accept_suggestion")
def accept_suggestion(congress: Congress, suggestion: Suggestion, *, actor, as_suggestion: bool = False) -> Suggestion:
    """Accept and number the item (第0001号, per session, or per year between sessions; gapless);
    an unaccepted motion may be accepted as a suggestion instead."""
    ensure_own(congress, suggestion, "议案建议")
    _move(congress, suggestion, Suggestion.Status.ACCEPTED, actor, "accept_suggestion")
    tracked = kept.track(congress, [suggestion.pk])
    if as_suggestion and suggestion.kind == Suggestion.Kind.MOTION:
        suggestion.kind, suggestion.converted = Suggestion.Kind.SUGGESTION, True
    suggestion.number = _next_number(congress, suggestion)
    suggestion.save(update_fields=["status", "number", "kind", "converted", "updated_at"])
    tracked.done()
    audit.record(congress, actor, "accept_suggestion", suggestion,
                 after={"number": suggestion.number, "kind": suggestion.kind, "converted": suggestion.converted})
    return suggestion


@action("merge_suggestions")
def merge_suggestions(congress: Congress, keep: Suggestion, duplicates: list[Suggestion], *, actor) -> Suggestion:
    """Merge duplicates into one item, keeping every deputy as an author."""
    ensure_own(congress, keep, "议案建议")
    if not duplicates or keep in duplicates:
        raise ValidationError({"duplicates": "请选择要并入的其他议案建议"})
    have = set(Author.objects.in_congress(congress).filter(suggestion=keep).values_list("person_id", flat=True))
    tracked = kept.track(congress, [keep.pk, *(d.pk for d in duplicates)])
    for d in duplicates:
        ensure_own(congress, d, "议案建议")
        _move(congress, d, Suggestion.Status.MERGED, actor, "merge_suggestions")
        d.merged_into = keep
        d.save(update_fields=["status", "merged_into", "updated_at"])
        for author in Author.objects.in_congress(congress).filter(suggestion=d, confirmed=True):
            if author.person_id not in have:
                Author.objects.create(congress=congress, suggestion=keep, person_id=author.person_id, confirmed=True)
                have.add(author.person_id)
    tracked.done()
    audit.record(congress, actor, "merge_suggestions", keep, after={"merged": [d.pk for d in duplicates]})
    return keep


@action("assign_suggestion")
def assign_suggestion(congress: Congress, suggestion: Suggestion, *, actor, lead_unit: Organisation,
                      co_units: list[Organisation] | None = None, complex_item: bool = False, on=None) -> Suggestion:
    """交办: a lead unit and any co-units. The legal clock starts: answer due in 3 months, or 6 for
    complex items (代表法 art. 51)."""
    ensure_own(congress, suggestion, "议案建议")
    units = [lead_unit, *(co_units or [])]
    if any(u is None or u.congress_id != congress.pk or u.kind != Organisation.Kind.HANDLING_UNIT for u in units):
        raise ValidationError({"lead_unit": "承办单位须为本级的承办单位"})
    if len({u.pk for u in units}) != len(units):
        raise ValidationError({"co_units": "协办单位不能与主办单位重复"})
    _move(congress, suggestion, Suggestion.Status.ASSIGNED, actor, "assign_suggestion")
    tracked = kept.track(congress, [suggestion.pk])
    day = on or timezone.localdate()
    due = rules.answer_due(congress, day, complex_item)
    suggestion.complex = complex_item
    suggestion.save(update_fields=["status", "complex", "updated_at"])
    co_due = rules.add_months(day, rules.get(congress, "suggestion.co_unit_opinion_months"))
    Assignment.objects.bulk_create([Assignment(congress=congress, suggestion=suggestion, unit=u, lead=(n == 0),
                                               assigned_on=day, due_on=due if n == 0 else co_due)
                                    for n, u in enumerate(units)])
    tracked.done()
    audit.record(congress, actor, "assign_suggestion", suggestion,
                 after={"lead_unit": lead_unit.name, "co_units": [u.name for u in units[1:]], "due_on": str(due)})
    return suggestion


def _unit_of(congress: Congress, actor, suggestion: Suggestion, lead_only: bool) -> Organisation:
    """The assigned unit the actor answers for; office staff act for the lead unit."""
    assignments = Assignment.objects.in_congress(congress).filter(suggestion=suggestion, ended_on__isnull=True
                                                                  ).select_related("unit")
    if lead_only:
        assignments = assignments.filter(lead=True)
    if roles_of(actor, congress) & OFFICE:
        first = assignments.order_by("-lead", "id").first()
        if first is not None:
            return first.unit
    mine = set(organisations_of(actor, congress, Role.UNIT_OFFICER))
    for assignment in assignments:
        if assignment.unit_id in mine:
            return assignment.unit
    raise NotPermitted("只有" + ("主办单位" if lead_only else "承办单位") + "可以办理本件")


@action("record_contact")
def record_contact(congress: Congress, suggestion: Suggestion, *, actor, on, way: str, summary: str) -> Contact:
    """The unit records its contact with the deputies (visit, meeting, phone) before answering."""
    ensure_own(congress, suggestion, "议案建议")
    _in_handling(suggestion)
    unit = _unit_of(congress, actor, suggestion, lead_only=False)
    errors = Errors()
    day = date({"on": on}, errors, "on", "日期", required=True)
    summary = text({"summary": summary}, errors, "summary", "沟通情况", required=True, max_length=1000)
    if way not in Contact.Way.values:
        errors.add("way", "“方式”须为走访、座谈、电话或其他")
    errors.raise_if_any()
    contact = Contact.objects.create(congress=congress, suggestion=suggestion, unit=unit, on=day, way=way, summary=summary)
    audit.record(congress, actor, "record_contact", suggestion, after={"unit": unit.name, "way": way, "on": str(day)})
    return contact


def outcome_classes(congress: Congress) -> dict[str, str]:
    """Configured answer classes: code → label (default A/B/C)."""
    return {line.split(maxsplit=1)[0]: line for line in rules.get(congress, "suggestion.outcome_classes")}


@action("answer_suggestion")
def answer_suggestion(congress: Congress, suggestion: Suggestion, *, actor, outcome: str, text_: str,
                      commitments: list[dict] | None = None, answered_on=None) -> Answer:
    """The lead unit answers in writing with the class and each commitment with its own due date;
    contact with the deputies must come first. Every author is told."""
    ensure_own(congress, suggestion, "议案建议")
    if suggestion.status == Suggestion.Status.WITHDRAWN:
        raise ValidationError({"status": "该件已撤回，不能答复"})
    unit = _unit_of(congress, actor, suggestion, lead_only=True)
    errors = Errors()
    classes = outcome_classes(congress)
    if outcome not in classes:
        errors.add("outcome", f"“答复分类”须为{'、'.join(classes)}之一")
    body = text({"text": text_}, errors, "text", "答复内容", required=True, max_length=20000)
    day = date({"answered_on": answered_on}, errors, "answered_on", "答复日期") or timezone.localdate()
    lead = Assignment.objects.in_congress(congress).filter(suggestion=suggestion, lead=True, ended_on__isnull=True).first()
    # Not before the assignment, nor in the future (it would count as on time): core.rules.ANSWER_DAYS_AHEAD.
    latest = timezone.localdate() + datetime.timedelta(days=rules.ANSWER_DAYS_AHEAD)
    if lead is not None and day < lead.assigned_on:
        errors.add("answered_on", f"“答复日期”不能早于交办日期 {lead.assigned_on.isoformat()}，收到：{day.isoformat()}")
    elif day > latest:
        errors.add("answered_on", f"“答复日期”不能晚于 {latest.isoformat()}，收到：{day.isoformat()}")
    promises = []
    for n, c in enumerate(commitments or [], start=1):
        if not isinstance(c, dict):
            errors.add("commitments", f"第{n}项承诺须含内容和完成时间")
            continue
        what = text({"commitments": c.get("text")}, errors, "commitments", f"第{n}项承诺", max_length=300)
        due = date(c, errors, "due_on", f"第{n}项承诺的完成时间", required=True)
        if not what:
            errors.add("commitments", f"第{n}项承诺没有内容")
        if due is not None:
            promises.append((what, due))
    if not suggestion.contact_waived and not Contact.objects.in_congress(congress).filter(suggestion=suggestion).exists():
        errors.add("contact", "答复前须先与代表沟通并记录（走访、座谈或电话），代表表示无需沟通的除外")
    errors.raise_if_any()
    _move(congress, suggestion, Suggestion.Status.ANSWERED, actor, "answer_suggestion")
    tracked = kept.track(congress, [suggestion.pk])
    suggestion.save(update_fields=["status", "updated_at"])
    lead = Assignment.objects.in_congress(congress).get(suggestion=suggestion, lead=True, ended_on__isnull=True)
    answer = Answer.objects.create(congress=congress, suggestion=suggestion, unit=unit, outcome=outcome, text=body,
                                   answered_on=day, due_on=lead.due_on,
                                   round=Answer.objects.in_congress(congress).filter(suggestion=suggestion).count() + 1)
    Commitment.objects.bulk_create([Commitment(congress=congress, answer=answer, text=t, due_on=d) for t, d in promises])
    tracked.done()
    check_quietly(congress, answer, actor=actor)  # advisory flags for staff (套话、答非所问); never blocks the answer
    Notice.objects.bulk_create([
        Notice(congress=congress, person_id=a.person_id, suggestion=suggestion,
               text=f"{unit.name}已答复“{suggestion}”（{classes[outcome]}），请在人大工作平台评价")
        for a in Author.objects.in_congress(congress).filter(suggestion=suggestion, confirmed=True)])
    audit.record(congress, actor, "answer_suggestion", suggestion,
                 after={"round": answer.round, "outcome": outcome, "on_time": answer.on_time, "commitments": len(promises)})
    return answer


@action("rate_suggestion")
def rate_suggestion(congress: Congress, suggestion: Suggestion, *, actor, work: str, result: str, comment: str = "") -> Rating:
    """An author rates the handling work and the result. 不满意 with the result sends the item back
    for re-handling with a new due date (default one month); when every author has rated otherwise,
    the item is closed."""
    ensure_own(congress, suggestion, "议案建议")
    person = _author(congress, suggestion, actor, doing="评价")
    levels = Rating.Level.values
    if work not in levels or result not in levels:
        raise ValidationError({"result": f"评价须为{'、'.join(levels)}之一"})
    if suggestion.status != Suggestion.Status.ANSWERED:
        raise ValidationError({"status": f"“{suggestion}”{suggestion.get_status_display()}，现在不能评价"})
    answer = Answer.objects.in_congress(congress).filter(suggestion=suggestion).order_by("-round").first()
    if Rating.objects.in_congress(congress).filter(answer=answer, person=person).exists():
        raise ValidationError({"result": "您已评价过这次答复"})
    tracked = kept.track(congress, [suggestion.pk])
    rating = Rating.objects.create(congress=congress, answer=answer, person=person, work=work, result=result,
                                   comment=(comment or "")[:500])
    authors = Author.objects.in_congress(congress).filter(suggestion=suggestion, confirmed=True).count()
    rated = Rating.objects.in_congress(congress).filter(answer=answer).count()
    after: dict = {"work": work, "result": result}
    if result == Rating.Level.DISSATISFIED:
        _move(congress, suggestion, Suggestion.Status.REHANDLING, actor, "rate_suggestion")
        due = rules.add_months(timezone.localdate(), rules.get(congress, "suggestion.rehandling_months"))
        Assignment.objects.in_congress(congress).filter(suggestion=suggestion, lead=True, ended_on__isnull=True
                                                        ).update(due_on=due)
        after["rehandling_due_on"] = str(due)
    elif rated >= authors:
        _move(congress, suggestion, Suggestion.Status.CLOSED, actor, "rate_suggestion")
    suggestion.save(update_fields=["status", "updated_at"])
    tracked.done()
    audit.record(congress, actor, "rate_suggestion", suggestion, after=after)
    return rating


@action("assign_in_bulk")
def assign_in_bulk(congress: Congress, suggestions: list[Suggestion], *, actor, lead_unit: Organisation,
                   co_units: list[Organisation] | None = None, complex_item: bool = False) -> list[Suggestion]:
    """交办 many items to the same units at once; all or none (one refused item refuses the batch)."""
    if not suggestions:
        raise ValidationError({"suggestions": "请选择要交办的议案建议"})
    for given in suggestions:
        ensure_own(congress, given, "议案建议")
    # Fresh rows, in the order given: what the caller holds may predate an earlier, rolled-back attempt.
    fresh = Suggestion.objects.in_congress(congress).in_bulk([s.pk for s in suggestions])
    suggestions = [fresh[s.pk] for s in suggestions]
    for item in suggestions:
        try:
            assign_suggestion(congress, item, actor=actor, lead_unit=lead_unit, co_units=co_units,
                              complex_item=complex_item)
        except ValidationError as error:
            raise ValidationError({"suggestions": f"{item.numbered or item.pk}“{item}”：{'；'.join(error.messages)}"}) \
                from error
    audit.record(congress, actor, "assign_in_bulk", None, object_repr=f"批量交办 {len(suggestions)} 件",
                 after={"suggestions": [s.pk for s in suggestions], "lead_unit": lead_unit.name})
    return suggestions


@action("waive_contact")
def waive_contact(congress: Congress, suggestion: Suggestion, *, actor) -> Suggestion:
    """An author tells the unit no meeting or call is needed before the answer."""
    ensure_own(congress, suggestion, "议案建议")
    _author(congress, suggestion, actor)
    _in_handling(suggestion)
    suggestion.contact_waived = True
    suggestion.save(update_fields=["contact_waived", "updated_at"])
    audit.record(congress, actor, "waive_contact", suggestion, after={"contact_waived": True})
    return suggestion


@action("submit_co_opinion")
def submit_co_opinion(congress: Congress, suggestion: Suggestion, *, actor, opinion: str) -> Assignment:
    """A co-unit sends its opinion to the lead unit, by its own due date (suggestion.co_unit_opinion_months)."""
    ensure_own(congress, suggestion, "议案建议")
    _in_handling(suggestion)
    mine = set(organisations_of(actor, congress, Role.UNIT_OFFICER))
    co = Assignment.objects.in_congress(congress).filter(suggestion=suggestion, lead=False, ended_on__isnull=True)
    if not roles_of(actor, congress) & OFFICE:
        co = co.filter(unit_id__in=mine)
    assignment = co.select_related("unit").order_by("id").first()
    if assignment is None:
        raise NotPermitted("只有协办单位可以提出协办意见")
    errors = Errors()
    opinion = text({"opinion": opinion}, errors, "opinion", "协办意见", required=True, max_length=5000)
    errors.raise_if_any()
    assignment.opinion, assignment.opinion_on = opinion, timezone.localdate()
    assignment.save(update_fields=["opinion", "opinion_on"])
    lead = Assignment.objects.in_congress(congress).filter(suggestion=suggestion, lead=True, ended_on__isnull=True).first()
    if lead is not None:
        Notice.objects.create(congress=congress, unit_id=lead.unit_id, suggestion=suggestion,
                              text=f"{assignment.unit.name}已提出“{suggestion}”的协办意见")
    audit.record(congress, actor, "submit_co_opinion", suggestion,
                 after={"unit": assignment.unit.name, "on_time": assignment.opinion_on <= assignment.due_on})
    return assignment


@action("request_handling_change")
def request_handling_change(congress: Congress, suggestion: Suggestion, *, actor, kind: str, reason: str,
                            months: int = 0) -> HandlingRequest:
    """A unit asks to be reassigned — within suggestion.wrong_assignment_return_days of the assignment —
    or for more time before its due date, with a reason; staff decide."""
    ensure_own(congress, suggestion, "议案建议")
    _in_handling(suggestion)
    unit = _unit_of(congress, actor, suggestion, lead_only=False)
    assignment = Assignment.objects.in_congress(congress).get(suggestion=suggestion, unit=unit, ended_on__isnull=True)
    errors = Errors()
    reason = text({"reason": reason}, errors, "reason", "理由", required=True, max_length=500)
    today = timezone.localdate()
    if kind == HandlingRequest.Kind.REASSIGN:
        window = rules.get(congress, "suggestion.wrong_assignment_return_days")
        last_day = rules.add_days(congress, assignment.assigned_on, window)
        if today > last_day:
            errors.add("kind", f"申请调整承办单位须在交办后 {window} 日内提出（交办日期 {assignment.assigned_on}，"
                               f"最后一日 {last_day}）")
        months = 0
    elif kind == HandlingRequest.Kind.EXTEND:
        longest = rules.get(congress, "suggestion.max_extension_months")
        if not isinstance(months, int) or not 1 <= months <= longest:
            errors.add("months", f"延期须为 1 至 {longest} 个月")
        if today > assignment.due_on:
            errors.add("kind", f"已超过答复期限（{assignment.due_on}），不能再申请延期")
    else:
        errors.add("kind", "“类别”须为申请调整承办单位或申请延期答复")
    if HandlingRequest.objects.in_congress(congress).filter(suggestion=suggestion, unit=unit,
                                                            status=HandlingRequest.Status.PENDING).exists():
        errors.add("kind", "已有待决定的申请")
    errors.raise_if_any()
    request = HandlingRequest.objects.create(congress=congress, suggestion=suggestion, unit=unit, kind=kind,
                                             reason=reason, months=months, created_on=today)
    audit.record(congress, actor, "request_handling_change", suggestion,
                 after={"unit": unit.name, "kind": kind, "months": months, "reason": reason})
    return request


@action("decide_handling_request")
def decide_handling_request(congress: Congress, request: HandlingRequest, *, actor, grant: bool, note: str = "",
                            new_unit: Organisation | None = None) -> HandlingRequest:
    """Staff grant or refuse. A granted reassignment ends the unit's assignment and gives the item to
    ``new_unit`` with a fresh legal clock; a granted extension moves the unit's due date."""
    ensure_own(congress, request, "申请")
    if request.status != HandlingRequest.Status.PENDING:
        raise ValidationError({"status": f"该申请已{request.get_status_display()}"})
    suggestion = request.suggestion
    assignment = Assignment.objects.in_congress(congress).get(suggestion=suggestion, unit=request.unit_id,
                                                              ended_on__isnull=True)
    today = timezone.localdate()
    after: dict = {"grant": grant}
    tracked = kept.track(congress, [suggestion.pk])
    if grant and request.kind == HandlingRequest.Kind.REASSIGN:
        if new_unit is None or new_unit.congress_id != congress.pk or new_unit.kind != Organisation.Kind.HANDLING_UNIT:
            raise ValidationError({"new_unit": "请选择本级的新承办单位"})
        if Assignment.objects.in_congress(congress).filter(suggestion=suggestion, unit=new_unit,
                                                           ended_on__isnull=True).exists():
            raise ValidationError({"new_unit": f"{new_unit.name}已承办本件"})
        assignment.ended_on = today
        assignment.save(update_fields=["ended_on"])
        due = rules.answer_due(congress, today, suggestion.complex) if assignment.lead else \
            rules.add_months(today, rules.get(congress, "suggestion.co_unit_opinion_months"))
        Assignment.objects.create(congress=congress, suggestion=suggestion, unit=new_unit, lead=assignment.lead,
                                  assigned_on=today, due_on=due)
        after.update(new_unit=new_unit.name, due_on=str(due))
    elif grant:
        assignment.due_on = rules.add_months(assignment.due_on, request.months)
        assignment.save(update_fields=["due_on"])
        after["due_on"] = str(assignment.due_on)
    request.status = HandlingRequest.Status.GRANTED if grant else HandlingRequest.Status.REFUSED
    request.decision_note = (note or "")[:300]
    request.save(update_fields=["status", "decision_note"])
    tracked.done()
    audit.record(congress, actor, "decide_handling_request", suggestion, after=after)
    return request


def _commitment(congress: Congress, commitment: Commitment) -> Suggestion:
    ensure_own(congress, commitment, "承诺事项")
    return Suggestion.objects.in_congress(congress).get(answers=commitment.answer_id)


@action("report_commitment_done")
def report_commitment_done(congress: Congress, commitment: Commitment, *, actor, report: str) -> Commitment:
    """The lead unit reports a commitment of its answer done; a deputy confirms it (confirm_commitment)."""
    suggestion = _commitment(congress, commitment)
    _unit_of(congress, actor, suggestion, lead_only=True)
    errors = Errors()
    report = text({"report": report}, errors, "report", "完成情况", required=True, max_length=500)
    if commitment.done_on is not None:
        errors.add("report", "该承诺事项已报告完成")
    errors.raise_if_any()
    tracked = kept.track(congress, [suggestion.pk])
    commitment.done_on, commitment.done_report = timezone.localdate(), report
    commitment.save(update_fields=["done_on", "done_report"])
    tracked.done()
    Notice.objects.bulk_create([
        Notice(congress=congress, person_id=a.person_id, suggestion=suggestion,
               text=f"“{suggestion}”的承诺事项“{commitment.text}”已报告完成，请确认")
        for a in Author.objects.in_congress(congress).filter(suggestion=suggestion, confirmed=True)])
    audit.record(congress, actor, "report_commitment_done", suggestion, after={"commitment": commitment.text})
    return commitment


@action("confirm_commitment")
def confirm_commitment(congress: Congress, commitment: Commitment, *, actor) -> Commitment:
    """An author confirms a reported commitment really is done (办成)."""
    suggestion = _commitment(congress, commitment)
    _author(congress, suggestion, actor)
    if commitment.done_on is None:
        raise ValidationError({"commitment": "承办单位尚未报告该承诺事项完成"})
    if commitment.confirmed_on is None:
        tracked = kept.track(congress, [suggestion.pk])
        commitment.confirmed_on = timezone.localdate()
        commitment.save(update_fields=["confirmed_on"])
        tracked.done()
    audit.record(congress, actor, "confirm_commitment", suggestion, after={"commitment": commitment.text})
    return commitment


@action("mark_key_supervision")
def mark_key_supervision(congress: Congress, suggestion: Suggestion, *, actor, leader: Person | None,
                         committee: Organisation | None) -> Suggestion:
    """重点督办: a supervising leader (a standing-committee member) and committee for the item."""
    ensure_own(congress, suggestion, "议案建议")
    errors = Errors()
    if suggestion.status not in (Suggestion.Status.ACCEPTED, Suggestion.Status.ASSIGNED, Suggestion.Status.ANSWERED,
                                 Suggestion.Status.REHANDLING):
        errors.add("status", f"“{suggestion}”{suggestion.get_status_display()}，不能确定重点督办")
    if leader is None:
        errors.add("leader", "请选择督办领导")
    if committee is None or committee.congress_id != congress.pk or committee.kind not in (
            Organisation.Kind.WORKING_COMMITTEE, Organisation.Kind.SPECIAL_COMMITTEE):
        errors.add("committee", "督办委员会须为本级的专门委员会或工作委员会")
    errors.raise_if_any()
    assert leader is not None and committee is not None  # both checked above
    suggestion.key_supervision, suggestion.supervising_leader, suggestion.supervising_committee = True, leader, committee
    suggestion.save(update_fields=["key_supervision", "supervising_leader", "supervising_committee", "updated_at"])
    audit.record(congress, actor, "mark_key_supervision", suggestion,
                 after={"leader": leader.name, "committee": committee.name})
    return suggestion


@action("set_confidential")
def set_confidential(congress: Congress, suggestion: Suggestion, *, actor, confidential: bool) -> Suggestion:
    """Answers are published unless marked confidential."""
    ensure_own(congress, suggestion, "议案建议")
    suggestion.confidential = bool(confidential)
    suggestion.save(update_fields=["confidential", "updated_at"])
    audit.record(congress, actor, "set_confidential", suggestion, after={"confidential": suggestion.confidential})
    return suggestion


@action("send_due_reminders")
def send_due_reminders(congress: Congress, *, actor, today=None) -> int:
    """Reminders to handling units N days before a due date (suggestion.reminder_days: 30, 7, 1) and on
    every overdue day — the lead unit's answer, a co-unit's opinion, a commitment. Idempotent per day."""
    today = today or timezone.localdate()
    days_before = set(rules.get(congress, "suggestion.reminder_days"))
    notices = []

    def remind(kind: str, pk: int, unit_id: int, suggestion: Suggestion, due, what: str) -> None:
        left = (due - today).days
        if left in days_before:
            message = f"“{suggestion}”{what}还有 {left} 天到期（{due}）"
        elif left < 0:
            message = f"“{suggestion}”{what}已逾期 {-left} 天（期限 {due}）"
        else:
            return
        notices.append(Notice(congress=congress, unit_id=unit_id, suggestion=suggestion, text=message[:300],
                              key=f"{kind}:{pk}:{today.isoformat()}"))

    handling = (Assignment.objects.in_congress(congress).filter(
        ended_on__isnull=True, suggestion__status__in=[Suggestion.Status.ASSIGNED, Suggestion.Status.REHANDLING])
        .select_related("suggestion"))
    for a in handling:
        if a.lead:
            remind("answer", a.pk, a.unit_id, a.suggestion, a.due_on, "的答复")
        elif not a.opinion_on:
            remind("opinion", a.pk, a.unit_id, a.suggestion, a.due_on, "的协办意见")
    for c in (Commitment.objects.in_congress(congress).filter(done_on__isnull=True)
              .select_related("answer__suggestion")):
        remind("commitment", c.pk, c.answer.unit_id, c.answer.suggestion, c.due_on, f"的承诺事项“{c.text[:30]}”")
    sent = set(Notice.objects.in_congress(congress).filter(key__in=[n.key for n in notices]).values_list("key", flat=True))
    notices = [n for n in notices if n.key not in sent]
    Notice.objects.bulk_create(notices, ignore_conflicts=True)  # the unique key settles a concurrent run
    audit.record(congress, actor, "send_due_reminders", None, object_repr=f"{today} 期限提醒",
                 after={"reminders": len(notices)})
    return len(notices)
