"""Writes for motions and suggestions: drafting with co-signers, submitting, review, numbering and
assignment to handling units (交办)."""

from __future__ import annotations

from django.utils import timezone

from renda.core import audit, rules
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress, Term
from renda.core.permissions import organisations_of, roles_of
from renda.core.roles import Role
from renda.core.usecase import action, ensure_own
from renda.meetings.models import Meeting
from renda.people.models import Mandate, Organisation, Person
from renda.people.validation import Errors, date, text
from renda.proposals.models import (
    Answer,
    Assignment,
    Author,
    Commitment,
    Contact,
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


def _move(congress, suggestion, target, actor, action_name):
    SUGGESTION_WORKFLOW.check(suggestion.status, target, roles_of(actor, congress), congress, action=action_name)
    suggestion.status = target


@action("save_suggestion_draft")
def save_suggestion_draft(congress: Congress, *, actor, term: Term, suggestion: Suggestion | None = None,
                          session: Meeting | None = None, kind: str = Suggestion.Kind.SUGGESTION, title: str = "",
                          body: str = "", category: str = "", co_signers: list[Person] | None = None) -> Suggestion:
    """Save a draft as the deputy types; drafts may be incomplete, nothing is lost."""
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
    have = set(Author.objects.in_congress(congress).filter(suggestion=suggestion).values_list("person_id", flat=True))
    for co in co_signers or []:
        if co.pk not in have:
            if not Mandate.objects.in_congress(congress).filter(person=co, status=Mandate.Status.SERVING).exists():
                raise ValidationError({"co_signers": f"{co.name}不是本级在任代表"})
            Author.objects.create(congress=congress, suggestion=suggestion, person=co)
            have.add(co.pk)
    audit.record(congress, actor, "save_suggestion_draft", suggestion, after={"title": suggestion.title, "kind": kind})
    return suggestion


@action("confirm_cosign")
def confirm_cosign(congress: Congress, suggestion: Suggestion, *, actor) -> Author:
    """A co-signing deputy confirms; only then does the item count as theirs."""
    ensure_own(congress, suggestion, "议案建议")
    person = getattr(actor, "person", None)
    author = Author.objects.in_congress(congress).filter(suggestion=suggestion, person=person).first() if person else None
    if author is None:
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
    if as_suggestion and suggestion.kind == Suggestion.Kind.MOTION:
        suggestion.kind, suggestion.converted = Suggestion.Kind.SUGGESTION, True
    suggestion.number = _next_number(congress, suggestion)
    suggestion.save(update_fields=["status", "number", "kind", "converted", "updated_at"])
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
    for d in duplicates:
        ensure_own(congress, d, "议案建议")
        _move(congress, d, Suggestion.Status.MERGED, actor, "merge_suggestions")
        d.merged_into = keep
        d.save(update_fields=["status", "merged_into", "updated_at"])
        for author in Author.objects.in_congress(congress).filter(suggestion=d, confirmed=True):
            if author.person_id not in have:
                Author.objects.create(congress=congress, suggestion=keep, person_id=author.person_id, confirmed=True)
                have.add(author.person_id)
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
    day = on or timezone.localdate()
    due = rules.answer_due(congress, day, complex_item)
    suggestion.complex = complex_item
    suggestion.save(update_fields=["status", "complex", "updated_at"])
    Assignment.objects.bulk_create([Assignment(congress=congress, suggestion=suggestion, unit=u, lead=(n == 0),
                                               assigned_on=day, due_on=due) for n, u in enumerate(units)])
    audit.record(congress, actor, "assign_suggestion", suggestion,
                 after={"lead_unit": lead_unit.name, "co_units": [u.name for u in units[1:]], "due_on": str(due)})
    return suggestion


def _unit_of(congress: Congress, actor, suggestion: Suggestion, lead_only: bool) -> Organisation:
    """The assigned unit the actor answers for; office staff act for the lead unit."""
    assignments = Assignment.objects.in_congress(congress).filter(suggestion=suggestion).select_related("unit")
    if lead_only:
        assignments = assignments.filter(lead=True)
    if roles_of(actor, congress) & {Role.ADMIN, Role.OFFICE_STAFF}:
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
    if suggestion.status not in (Suggestion.Status.ASSIGNED, Suggestion.Status.REHANDLING):
        raise ValidationError({"status": f"“{suggestion}”{suggestion.get_status_display()}，不在办理中"})
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
    promises = []
    for n, c in enumerate(commitments or [], start=1):
        what = str(c.get("text", "")).strip()[:300]
        due = date(c, errors, "due_on", f"第{n}项承诺的完成时间", required=True)
        if not what:
            errors.add("commitments", f"第{n}项承诺没有内容")
        promises.append((what, due))
    if not Contact.objects.in_congress(congress).filter(suggestion=suggestion).exists():
        errors.add("contact", "答复前须先与代表沟通并记录（走访、座谈或电话）")
    errors.raise_if_any()
    _move(congress, suggestion, Suggestion.Status.ANSWERED, actor, "answer_suggestion")
    suggestion.save(update_fields=["status", "updated_at"])
    lead = Assignment.objects.in_congress(congress).get(suggestion=suggestion, lead=True)
    answer = Answer.objects.create(congress=congress, suggestion=suggestion, unit=unit, outcome=outcome, text=body,
                                   answered_on=day, due_on=lead.due_on,
                                   round=Answer.objects.in_congress(congress).filter(suggestion=suggestion).count() + 1)
    Commitment.objects.bulk_create([Commitment(congress=congress, answer=answer, text=t, due_on=d) for t, d in promises])
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
    person = getattr(actor, "person", None)
    if person is None or not Author.objects.in_congress(congress).filter(suggestion=suggestion, person=person,
                                                                         confirmed=True).exists():
        raise NotPermitted("只有该件的署名代表可以评价")
    levels = Rating.Level.values
    if work not in levels or result not in levels:
        raise ValidationError({"result": f"评价须为{'、'.join(levels)}之一"})
    if suggestion.status != Suggestion.Status.ANSWERED:
        raise ValidationError({"status": f"“{suggestion}”{suggestion.get_status_display()}，现在不能评价"})
    answer = Answer.objects.in_congress(congress).filter(suggestion=suggestion).order_by("-round").first()
    if Rating.objects.in_congress(congress).filter(answer=answer, person=person).exists():
        raise ValidationError({"result": "您已评价过这次答复"})
    rating = Rating.objects.create(congress=congress, answer=answer, person=person, work=work, result=result,
                                   comment=(comment or "")[:500])
    authors = Author.objects.in_congress(congress).filter(suggestion=suggestion, confirmed=True).count()
    rated = Rating.objects.in_congress(congress).filter(answer=answer).count()
    after: dict = {"work": work, "result": result}
    if result == Rating.Level.DISSATISFIED:
        _move(congress, suggestion, Suggestion.Status.REHANDLING, actor, "rate_suggestion")
        due = rules.add_months(timezone.localdate(), rules.get(congress, "suggestion.rehandling_months"))
        Assignment.objects.in_congress(congress).filter(suggestion=suggestion, lead=True).update(due_on=due)
        after["rehandling_due_on"] = str(due)
    elif rated >= authors:
        _move(congress, suggestion, Suggestion.Status.CLOSED, actor, "rate_suggestion")
    suggestion.save(update_fields=["status", "updated_at"])
    audit.record(congress, actor, "rate_suggestion", suggestion, after=after)
    return rating
