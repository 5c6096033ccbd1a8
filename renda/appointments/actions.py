"""Writes of 人事任免 and 宪法宣誓, one function per use case.

The office drafts a 任免案 (proposing body, title, letter, the session it goes to) and lists its
nominees, one row per person and post; the directors' meeting submits it (提请常委会审议), which
puts it on the session's agenda; each nominee is put to the vote on the voting engine; once every
vote is announced ``decide`` reads each result against ALL members (rules.vote_passes) and starts
or ends the person's post on the decision date; the 任命书 or 免职通知 is issued for a nominee
who passed; appointees swear the constitutional oath at a recorded ceremony."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Max
from django.utils import timezone

from renda.agenda.actions import record_outcome
from renda.appointments.models import OATH_TEXT, AppointmentBill, Nominee, OathCeremony, OathTaker
from renda.appointments.workflows import BILL_WORKFLOW, NOMINEE_WORKFLOW
from renda.core import audit, rules, uploads
from renda.core.errors import ValidationError
from renda.core.models import Congress
from renda.core.permissions import roles_of
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.meetings import actions as meeting_actions
from renda.meetings.models import AgendaItem, Meeting
from renda.people.actions import _find_or_create_person, person_in_congress
from renda.people.models import Membership, Organisation, Person
from renda.people.validation import Errors, date, id_or_none, person_fields, text, whole_number
from renda.voting import actions as voting
from renda.voting.models import Vote

B = AppointmentBill.Status
N = Nominee.Status
A = Nominee.Action
LETTER_PURPOSE = "meeting_document"
PERSON_FIELDS = ("name", "sex", "birth_date", "ethnicity", "party", "occupation", "workplace")


# ---------------------------------------------------------------- lookups


def _row(congress: Congress, model, value: Any):
    """A row of this congress given as an instance or an id, or None."""
    if isinstance(value, model):
        return value if getattr(value, "congress_id", None) == congress.pk else None
    pk = id_or_none(value)
    return model.objects.in_congress(congress).filter(pk=pk).first() if pk else None


def _meeting(congress: Congress, value: Any, kind: str, errors: Errors, field: str, label: str) -> Meeting | None:
    if value in (None, ""):
        errors.add(field, f"“{label}”必须选择")
        return None
    meeting = _titled(congress, _row(congress, Meeting, value))
    if meeting is None:
        errors.add(field, f"“{label}”不是本级人大的会议")
    elif meeting.kind != kind:
        errors.add(field, f"“{label}”须为{Meeting.Kind(kind).label}，所选为{meeting.get_kind_display()}")
    return meeting


def _titled(congress: Congress, meeting: Meeting | None) -> Meeting | None:
    """The meeting with what its title reads (term, congress, body) loaded within this congress."""
    if meeting is None:
        return None
    return Meeting.objects.in_congress(congress).select_related("term", "congress", "organisation").get(pk=meeting.pk)


def _person(congress: Congress, value: Any) -> Person | None:
    """A person of this congress (a deputy or someone holding a post here), given as a Person or an id."""
    if isinstance(value, Person):
        person: Person | None = value
    else:
        pk = id_or_none(value)
        person = Person.objects.filter(pk=pk).first() if pk is not None else None
    if person is None or not person_in_congress(congress, person):
        return None
    return person


def _locked_bill(congress: Congress, bill: AppointmentBill) -> AppointmentBill:
    ensure_own(congress, bill, "任免案")
    return AppointmentBill.objects.in_congress(congress).select_for_update().get(pk=bill.pk)


def _session(congress: Congress, bill: AppointmentBill) -> Meeting:
    return Meeting.objects.in_congress(congress).select_related("term", "congress", "organisation").get(
        pk=bill.meeting_id)


def _day(value: Any, errors: Errors, field: str, label: str) -> datetime.date:
    today = timezone.localdate()
    if value in (None, ""):
        return today
    day = date({field: value}, errors, field, label)
    if day is not None and day > today:
        errors.add(field, f"“{label}”不能晚于今天（{today}）")
    return day or today


def active_membership(congress: Congress, person: Person, organisation: Organisation, post: str):
    return Membership.objects.in_congress(congress).filter(
        person=person, organisation=organisation, post=post, end__isnull=True).order_by("id").first()


# ---------------------------------------------------------------- the bill


def _bill_fields(congress: Congress, errors: Errors, proposer, title, meeting, letter):
    if proposer not in AppointmentBill.Proposer.values:
        errors.add("proposer", "“提请机关”须为：" + "、".join(AppointmentBill.Proposer.labels))
    title = text({"title": title}, errors, "title", "标题", required=True, max_length=200)
    session = _meeting(congress, meeting, Meeting.Kind.SC_SESSION, errors, "meeting", "提请审议的常委会会议")
    if session is not None and session.status == Meeting.Status.CLOSED:
        errors.add("meeting", f"“提请审议的常委会会议”{session}已闭会")
    if letter not in (None, ""):
        uploads.check(letter, LETTER_PURPOSE, errors, "letter", what="“提请函”")
    return title, session


# ---------------------------------------------------------------- the session's 人事任免 agenda item


def _taken(congress: Congress, item_pk: int, bill: AppointmentBill | None) -> bool:
    """Whether another bill (not withdrawn) is already on this agenda item."""
    others = AppointmentBill.objects.in_congress(congress).filter(agenda_item_id=item_pk).exclude(status=B.WITHDRAWN)
    if bill is not None and bill.pk:
        others = others.exclude(pk=bill.pk)
    return others.exists()


def _named_item(congress: Congress, session: Meeting | None, bill: AppointmentBill | None, value: Any,
                errors: Errors, field: str = "agenda_item") -> AgendaItem | None:
    """The agenda item a bill names: a 人事任免 item of its session, not another bill's."""
    if value in (None, ""):
        return None
    item = _row(congress, AgendaItem, value)
    if item is None:
        errors.add(field, "“议程”不是本级人大会议的议程")
        return None
    if session is not None and item.meeting_id != session.pk:
        errors.add(field, f"“议程”{item.title}不是{session}的议程")
    elif item.kind != AgendaItem.Kind.APPOINTMENT:
        errors.add(field, f"“议程”须为人事任免事项，所选“{item.title}”为{item.get_kind_display()}")
    elif _taken(congress, item.pk, bill):
        errors.add(field, f"“议程”{item.title}已是另一任免案的议程")
    return item


def free_items(congress: Congress, session: Meeting, bill: AppointmentBill | None = None) -> list[AgendaItem]:
    """The session's 人事任免 agenda items no other (not withdrawn) bill is on."""
    taken = AppointmentBill.objects.in_congress(congress).filter(agenda_item__isnull=False) \
        .exclude(status=B.WITHDRAWN).exclude(pk=bill.pk if bill is not None and bill.pk else None) \
        .values("agenda_item_id")
    return list(AgendaItem.objects.in_congress(congress).filter(meeting=session, kind=AgendaItem.Kind.APPOINTMENT)
                .exclude(pk__in=taken).order_by("order", "id"))


def awaiting_adoption(congress: Congress, session: Meeting) -> bool:
    """Whether the session's draft agenda, fixed by the directors' meeting and not yet adopted, lists a
    人事任免 item: adopting it will write the session's agenda item the bill goes on."""
    from renda.agenda.models import DraftAgenda, DraftEntry

    return DraftEntry.objects.in_congress(congress).filter(
        draft__session=session, draft__status=DraftAgenda.Status.FIXED, item__kind=AgendaItem.Kind.APPOINTMENT,
        item__agenda_item__isnull=True).exists()


def _agenda_item(congress: Congress, session: Meeting, bill: AppointmentBill, errors: Errors, *, actor,
                 add: bool) -> AgendaItem | None:
    """The item the bill goes on when it names none: the session's one free 人事任免 item; none while the
    draft agenda that lists one awaits adoption; a new item only when there is none (``add``)."""
    free = free_items(congress, session, bill)
    if len(free) == 1:
        return free[0]
    if len(free) > 1:
        errors.add("agenda_item", f"{session}有{len(free)}项人事任免议程，请选择本任免案的议程："
                                  + "、".join(i.title for i in free))
        return None
    if not add or awaiting_adoption(congress, session):
        return None
    if errors.by_field:
        return None
    return meeting_actions.add_agenda_item(congress, session, actor=actor, kind=AgendaItem.Kind.APPOINTMENT,
                                           title=bill.title[:200])


@action("draft_appointment_bill")
def create_bill(congress: Congress, *, actor, proposer: str, title: str, meeting, letter=None,
                agenda_item=None) -> AppointmentBill:
    """The office registers a 任免案 received from the proposing body, and may name the session's 人事任免
    agenda item it goes on."""
    errors = Errors()
    title, session = _bill_fields(congress, errors, proposer, title, meeting, letter)
    item = _named_item(congress, session, None, agenda_item, errors)
    errors.raise_if_any()
    bill = AppointmentBill(congress=congress, proposer=proposer, title=title, meeting=session, created_by=actor,
                           agenda_item=item)
    if letter not in (None, ""):
        bill.letter = letter
    bill.save()
    audit.record(congress, actor, "draft_appointment_bill", bill, object_repr=title,
                 after={"proposer": proposer, "meeting": str(session), "letter": bool(bill.letter),
                        "agenda_item": item.title if item else ""})
    return bill


@action("draft_appointment_bill")
def edit_bill(congress: Congress, bill: AppointmentBill, *, actor, proposer: str, title: str, meeting,
              letter=None, agenda_item=None) -> AppointmentBill:
    bill = _locked_bill(congress, bill)
    require_status(bill, B.DRAFT)
    errors = Errors()
    title, session = _bill_fields(congress, errors, proposer, title, meeting, letter)
    item = _named_item(congress, session, bill, agenda_item, errors)
    errors.raise_if_any()
    assert session is not None
    before = {"proposer": bill.proposer, "title": bill.title, "meeting": bill.meeting_id,
              "agenda_item": bill.agenda_item_id}
    bill.proposer, bill.title, bill.meeting, bill.agenda_item = proposer, title, session, item
    if letter not in (None, ""):
        bill.letter = letter
    bill.save()
    audit.record(congress, actor, "draft_appointment_bill", bill, object_repr=title, before=before,
                 after={"proposer": proposer, "title": title, "meeting": session.pk,
                        "agenda_item": item.pk if item else None})
    return bill


@action("draft_appointment_bill")
def add_nominee(congress: Congress, bill: AppointmentBill, *, actor, action: str, organisation, post: str,
                person=None, person_data: dict | None = None, education: str = "", resume: str = "",
                law_exam_score=None, statement: str = "", reason: str = "") -> Nominee:
    """One person and one post in the bill. The person is one of this congress (picked) or a new one
    whose particulars are entered; to remove or accept a resignation the person must hold the post."""
    bill = _locked_bill(congress, bill)
    require_status(bill, B.DRAFT)
    errors = Errors()
    if action not in A.values:
        errors.add("action", "“任免事项”须为：" + "、".join(A.labels))
    body = _row(congress, Organisation, organisation) if organisation not in (None, "") else None
    if body is None:
        errors.add("organisation", "“机构”必须选择本级的机构" if organisation in (None, "") else "“机构”不是本级的机构")
    if post not in Membership.Post.values:
        errors.add("post", f"“职务”须为{'、'.join(Membership.Post.values)}之一，收到：{post}")
    chosen: Person | None = None
    new_person: dict | None = None
    if person not in (None, ""):
        chosen = _person(congress, person)
        if chosen is None:
            errors.add("person", "“人员”不是本级人大的代表或任职人员；新人员请填写其基本情况")
    elif person_data:
        sub = Errors()
        new_person = person_fields({k: person_data.get(k, "") for k in PERSON_FIELDS if k in person_data}
                                   | {"name": person_data.get("name", ""), "sex": person_data.get("sex", "")}, sub)
        for field, messages in sub.by_field.items():
            for message in messages:
                errors.add(field, message)
    else:
        errors.add("person", "“人员”必须选择，或填写新人员的姓名、性别等基本情况")
    data = {"education": education, "resume": resume, "statement": statement, "reason": reason}
    education = text(data, errors, "education", "学历", max_length=40)
    resume = text(data, errors, "resume", "履历", max_length=8000, multiline=True)
    statement = text(data, errors, "statement", "拟任职发言", max_length=8000, multiline=True)
    reason = text(data, errors, "reason", "免职或辞职理由", max_length=500, multiline=True)
    score = None
    if law_exam_score not in (None, ""):
        score = whole_number(law_exam_score, errors, "law_exam_score", "任前法律知识考试成绩", maximum=100)
    if action == A.APPOINT:
        if not resume:
            errors.add("resume", "“履历”必须填写：提请任命须附拟任命人员的履历")
        if rules.get(congress, "appointments.law_exam") and "law_exam_score" not in errors.by_field:
            mark = rules.get(congress, "appointments.law_exam_pass_mark")
            if score is None:
                errors.add("law_exam_score", "“任前法律知识考试成绩”必须填写：本级实行任前法律知识考试")
            elif score < mark:
                errors.add("law_exam_score", f"“任前法律知识考试成绩”{score}分未达到合格分数{mark}分，不能提请任命")
    elif action in (A.REMOVE, A.ACCEPT_RESIGNATION, A.DISMISS):
        if not reason:
            labels: dict[str, str] = {A.ACCEPT_RESIGNATION: "辞职理由", A.DISMISS: "撤职理由"}
            label = labels.get(action, "免职理由")
            errors.add("reason", f"“{label}”必须填写")
    if body is not None and post in Membership.Post.values and chosen is not None and action in A.values:
        holds = active_membership(congress, chosen, body, post)
        if action == A.APPOINT and holds is not None:
            errors.add("person", f"{chosen.name}已任{body.name}{post}，不能重复任命")
        if action != A.APPOINT and holds is None:
            errors.add("person", f"{chosen.name}现未担任{body.name}{post}，不能免去、撤职或接受辞职")
    if new_person is not None and action in (A.REMOVE, A.ACCEPT_RESIGNATION, A.DISMISS):
        errors.add("person", "免职、撤职或接受辞职须选择现任人员，不能填写新人员")
    if chosen is not None and body is not None and Nominee.objects.in_congress(congress).filter(
            bill=bill, person=chosen, organisation=body, post=post).exists():
        errors.add("person", f"本任免案已列入{chosen.name}的{body.name}{post}")
    errors.raise_if_any()
    assert body is not None
    if chosen is None:
        assert new_person is not None
        chosen = _find_or_create_person(new_person)
    order = (Nominee.objects.in_congress(congress).filter(bill=bill).aggregate(n=Max("order"))["n"] or 0) + 1
    nominee = Nominee.objects.create(
        congress=congress, bill=bill, order=order, person=chosen, action=action, organisation=body, post=post,
        education=education, resume=resume, law_exam_score=score, statement=statement, reason=reason)
    nominee.person = chosen
    audit.record(congress, actor, "draft_appointment_bill", bill, object_repr=bill.title,
                 after={"nominee": str(nominee), "law_exam_score": score})
    return nominee


@action("draft_appointment_bill")
def remove_nominee(congress: Congress, nominee: Nominee, *, actor) -> None:
    ensure_own(congress, nominee, "任免人员")
    bill = _locked_bill(congress, AppointmentBill(pk=nominee.bill_id, congress_id=nominee.congress_id))
    require_status(bill, B.DRAFT)
    nominee = Nominee.objects.in_congress(congress).select_related("person", "organisation").get(pk=nominee.pk)
    described = str(nominee)
    nominee.delete()
    audit.record(congress, actor, "draft_appointment_bill", bill, object_repr=bill.title,
                 after={"removed_nominee": described})


@action("draft_appointment_bill")
def withdraw_bill(congress: Congress, bill: AppointmentBill, *, actor, reason: str) -> AppointmentBill:
    bill = _locked_bill(congress, bill)
    BILL_WORKFLOW.check(bill.status, B.WITHDRAWN, roles_of(actor, congress), congress, action="draft_appointment_bill")
    errors = Errors()
    reason = text({"reason": reason}, errors, "reason", "撤回理由", required=True, max_length=500)
    errors.raise_if_any()
    before = bill.status
    bill.status, bill.withdrawn_reason = B.WITHDRAWN, reason
    bill.save(update_fields=["status", "withdrawn_reason"])
    audit.record(congress, actor, "draft_appointment_bill", bill, object_repr=bill.title,
                 before={"status": before}, after={"status": B.WITHDRAWN, "reason": reason})
    return bill


@action("submit_appointment_bill")
def submit_bill(congress: Congress, bill: AppointmentBill, *, actor, directors_meeting, on=None,
                agenda_item=None) -> AppointmentBill:
    """The directors' meeting decides to submit the bill to the session (提请常委会审议). The bill goes
    on the session's 人事任免 agenda item: the one named (here or when the bill was drafted); else the
    session's one item no other bill is on; else, while the draft agenda listing one awaits adoption,
    the item adoption writes (tied when the bill is put to the vote); only when there is none is an
    item added to the session's agenda."""
    bill = _locked_bill(congress, bill)
    BILL_WORKFLOW.check(bill.status, B.SUBMITTED, roles_of(actor, congress), congress, action="submit_appointment_bill")
    errors = Errors()
    directors = _meeting(congress, directors_meeting, Meeting.Kind.DIRECTORS, errors, "directors_meeting", "主任会议")
    day = _day(on, errors, "on", "提请日期")
    if not Nominee.objects.in_congress(congress).filter(bill=bill).exists():
        errors.add("nominees", "任免案至少要列入一名拟任免人员")
    session = _session(congress, bill)
    if session.status == Meeting.Status.CLOSED:
        errors.add("meeting", f"{session}已闭会，请改选提请审议的会议")
    named = agenda_item if agenda_item not in (None, "") else bill.agenda_item_id
    item = _named_item(congress, session, bill, named, errors)
    errors.raise_if_any()
    if item is None:
        item = _agenda_item(congress, session, bill, errors, actor=actor, add=True)
        errors.raise_if_any()
    bill.status, bill.submitted_by, bill.submitted_on, bill.agenda_item = B.SUBMITTED, directors, day, item
    bill.save(update_fields=["status", "submitted_by", "submitted_on", "agenda_item"])
    audit.record(congress, actor, "submit_appointment_bill", bill, object_repr=bill.title,
                 before={"status": B.DRAFT}, after={"status": B.SUBMITTED, "directors_meeting": str(directors),
                                                    "on": str(day), "agenda_item": item.title if item else
                                                    "待会议通过议程后列入"})
    return bill


# ---------------------------------------------------------------- votes and the decision


@action("put_appointments_to_vote")
def put_to_vote(congress: Congress, bill: AppointmentBill, *, actor, persons: list | None = None) -> list[Vote]:
    """One vote per nominee on the voting engine, at the bill's session: of the persons named (ids or
    Persons), or of every nominee not yet put to the vote. A person the bill does not name is refused."""
    bill = _locked_bill(congress, bill)
    BILL_WORKFLOW.check(bill.status, B.VOTING, roles_of(actor, congress), congress, action="put_appointments_to_vote")
    nominees = list(Nominee.objects.in_congress(congress).filter(bill=bill).select_related("person", "organisation"))
    errors = Errors()
    if persons is None:
        chosen = [n for n in nominees if n.vote_id is None]
    else:
        chosen = []
        if not isinstance(persons, list | tuple) or not persons:
            errors.add("persons", "“表决对象”须为至少一名本任免案所列人员")
            persons = []
        for value in persons:
            pk = value.pk if isinstance(value, Person) else id_or_none(value)
            matches = [n for n in nominees if n.person_id == pk]
            if not matches:
                who = value.name if isinstance(value, Person) else \
                    (Person.objects.filter(pk=pk).values_list("name", flat=True).first() if pk else None)
                errors.add("persons", f"“表决对象”{who or value}不是本任免案提请任免的人员，不能对其表决")
            for n in matches:
                if n.vote_id is not None:
                    errors.add("persons", f"{n.person.name}（{n.organisation.name}{n.post}）已提请表决")
                elif n not in chosen:
                    chosen.append(n)
    if not chosen and "persons" not in errors.by_field:
        errors.add("persons", "本任免案的人员均已提请表决")
    errors.raise_if_any()
    session = _session(congress, bill)
    item = AgendaItem.objects.in_congress(congress).filter(pk=bill.agenda_item_id).first()
    if item is None:
        # Submitted while the draft agenda awaited adoption: the session's 人事任免 item, or a new one.
        item = _agenda_item(congress, session, bill, errors, actor=actor, add=True)
        errors.raise_if_any()
        if item is None:  # the draft agenda listing it has not been adopted yet
            raise ValidationError({"agenda_item": f"{session}的议程尚未表决通过，通过后再提请表决"})
        bill.agenda_item = item
        bill.save(update_fields=["agenda_item"])
    by_rule = bool(rules.get(congress, "appointments.secret_ballot"))
    votes = []
    for n in chosen:
        # 撤职案 is voted by secret ballot (监督法第六十二条); the rest as the congress's rule says.
        secret = by_rule or n.action == A.DISMISS
        vote = voting.create_vote(congress, session, actor=actor, title=f"{n}"[:200], kind=Vote.Kind.ROLL_CALL,
                                  secret=secret, agenda_item=item)
        n.vote = vote
        n.save(update_fields=["vote"])
        votes.append(vote)
    before = bill.status
    bill.status = B.VOTING
    bill.save(update_fields=["status"])
    audit.record(congress, actor, "put_appointments_to_vote", bill, object_repr=bill.title, before={"status": before},
                 after={"status": B.VOTING, "votes": [str(n) for n in chosen], "secret_by_rule": by_rule})
    return votes


def vote_outcome(congress: Congress, nominee: Nominee) -> bool | None:
    """True/False once the nominee's vote is announced (yes against ALL members, never those present);
    None while there is no announced, valid result."""
    vote = Vote.objects.in_congress(congress).filter(pk=nominee.vote_id).first() if nominee.vote_id else None
    if vote is None or vote.status != Vote.Status.ANNOUNCED or not vote.result or vote.result.get("abandoned"):
        return None
    return rules.vote_passes(congress, Meeting.Kind.SC_SESSION, int(vote.result.get("yes", 0)), vote.electorate or 0)


@action("decide_appointments")
def decide(congress: Congress, bill: AppointmentBill, *, actor, on=None) -> AppointmentBill:
    """Read each nominee's announced result: passed → the post starts (任命) or ends (免去, 接受辞职)
    on the decision date; failed → nothing changes. Every nominee's vote must be announced."""
    bill = _locked_bill(congress, bill)
    BILL_WORKFLOW.check(bill.status, B.DECIDED, roles_of(actor, congress), congress, action="decide_appointments")
    errors = Errors()
    day = _day(on, errors, "on", "决定日期")
    nominees = list(Nominee.objects.in_congress(congress).filter(bill=bill)
                    .select_related("person", "organisation", "vote"))
    outcomes = {}
    for n in nominees:
        outcome = vote_outcome(congress, n)
        if n.vote is None:
            errors.add("nominees", f"{n.person.name}（{n.organisation.name}{n.post}）尚未提请表决")
        elif outcome is None:
            errors.add("nominees", f"{n.person.name}（{n.organisation.name}{n.post}）的表决结果尚未宣布或已作废")
        elif n.vote.announced_at and day < timezone.localtime(n.vote.announced_at).date():
            errors.add("on", f"“决定日期”不能早于表决结果宣布的日期（{timezone.localtime(n.vote.announced_at).date()}）")
        outcomes[n.pk] = outcome
    errors.raise_if_any()
    roles = roles_of(actor, congress)
    summary = []
    for n in nominees:
        target = N.PASSED if outcomes[n.pk] else N.FAILED
        NOMINEE_WORKFLOW.check(n.status, target, roles, congress, action="decide_appointments")
        n.status, n.decided_on = target, day
        if target == N.PASSED:
            holds = active_membership(congress, n.person, n.organisation, n.post)
            if n.action == A.APPOINT:
                if holds is not None:
                    raise ValidationError({"nominees": f"{n.person.name}已任{n.organisation.name}{n.post}，不能重复任命"})
                n.membership = Membership.objects.create(congress=congress, person=n.person, organisation=n.organisation,
                                                         post=n.post, start=day)
            else:
                if holds is None:
                    raise ValidationError({"nominees": f"{n.person.name}现未担任{n.organisation.name}{n.post}"})
                if day < holds.start:
                    raise ValidationError({"on": f"“决定日期”不能早于{n.person.name}任职开始的日期（{holds.start}）"})
                holds.end = day
                holds.save(update_fields=["end"])
                n.membership = holds
        n.save(update_fields=["status", "decided_on", "membership"])
        summary.append(f"{n}：{n.get_status_display()}")
    bill.status, bill.decided_on = B.DECIDED, day
    bill.save(update_fields=["status", "decided_on"])
    if bill.agenda_item_id is not None:
        item = AgendaItem.objects.in_congress(congress).get(pk=bill.agenda_item_id)
        record_outcome(congress, item, actor=actor, outcome=outcome_text(nominees))
    audit.record(congress, actor, "decide_appointments", bill, object_repr=bill.title,
                 before={"status": B.VOTING}, after={"status": B.DECIDED, "on": str(day), "nominees": summary})
    return bill


OUTCOME_LENGTH = 120  # renda.agenda.actions.record_outcome's limit


def outcome_text(nominees: list[Nominee]) -> str:
    """The agenda item's outcome: what passed, by name (表决通过：任命张三为…；免去…), and what did not;
    the counts alone when the names do not fit (表决通过任免事项3项，未通过1项)."""
    passed = [str(n) for n in nominees if n.status == N.PASSED]
    failed = [str(n) for n in nominees if n.status == N.FAILED]
    parts = []
    if passed:
        parts.append("表决通过：" + "；".join(passed))
    if failed:
        parts.append("未通过：" + "；".join(failed))
    named = "。".join(parts)
    if len(named) <= OUTCOME_LENGTH:
        return named
    if not passed:
        return f"任免事项{len(failed)}项均未获表决通过"
    return f"表决通过任免事项{len(passed)}项" + (f"，未通过{len(failed)}项" if failed else "")


def document_prefix(congress: Congress, nominee: Nominee) -> str:
    place = congress.name.removesuffix("人民代表大会")
    return f"{place[:1]}常{'任' if nominee.action == A.APPOINT else '免'}"


@action("issue_appointment_document")
def issue_document(congress: Congress, nominee: Nominee, *, actor, on=None) -> Nominee:
    """The 任命书 (appointment), 免职通知 (removal, resignation accepted) or 撤职通知, numbered in the year's
    sequence (示常任〔2026〕3号). Only for a nominee whose vote passed; once."""
    ensure_own(congress, nominee, "任免人员")
    nominee = Nominee.objects.in_congress(congress).select_for_update().select_related("person", "organisation") \
        .get(pk=nominee.pk)
    kind = nominee.document_kind
    if nominee.status == N.FAILED:
        raise ValidationError({"nominee": f"{nominee.person.name}的任免未获表决通过，不能签发{kind}"})
    if nominee.status != N.PASSED:
        raise ValidationError({"nominee": f"{nominee.person.name}的任免尚未表决决定，不能签发{kind}"})
    if nominee.document_number:
        raise ValidationError({"nominee": f"{kind}已签发：{nominee.document_number}"})
    errors = Errors()
    day = _day(on, errors, "on", "签发日期")
    if nominee.decided_on and day < nominee.decided_on:
        errors.add("on", f"“签发日期”不能早于决定日期（{nominee.decided_on}）")
    errors.raise_if_any()
    # Lock the congress's numbering for the year: the congress row serialises concurrent issues.
    Congress.objects.select_for_update().filter(pk=congress.pk).first()
    last = Nominee.objects.in_congress(congress).filter(document_year=day.year).aggregate(n=Max("document_seq"))["n"]
    seq = (last or 0) + 1
    nominee.document_year, nominee.document_seq, nominee.issued_on = day.year, seq, day
    nominee.document_number = f"{document_prefix(congress, nominee)}〔{day.year}〕{seq}号"
    nominee.save(update_fields=["document_year", "document_seq", "issued_on", "document_number"])
    audit.record(congress, actor, "issue_appointment_document", nominee, object_repr=str(nominee),
                 after={"document": kind, "number": nominee.document_number, "on": str(day)})
    return nominee


# ---------------------------------------------------------------- the constitutional oath


def sworn_ids(congress: Congress) -> set[int]:
    return set(OathTaker.objects.in_congress(congress).values_list("nominee_id", flat=True))


def due_to_swear(congress: Congress):
    """Appointees of this congress whose appointment passed and who have not yet sworn."""
    return (Nominee.objects.in_congress(congress).filter(action=A.APPOINT, status=N.PASSED, oath__isnull=True)
            .select_related("person", "organisation").order_by("decided_on", "id"))


@action("record_oath")
def record_oath(congress: Congress, *, actor, meeting, held_on, leader, persons: list, attendance=None,
                presided_by: str = "", note: str = "") -> OathCeremony:
    """The ceremony: the meeting, the date, who led the oath, who swore (appointees whose appointment
    passed in this congress, each once), the attendance. The oath text is the NPCSC decision's."""
    errors = Errors()
    session = _titled(congress, _row(congress, Meeting, meeting)) if meeting not in (None, "") else None
    if session is None:
        errors.add("meeting", "“会议”必须选择本级人大的会议" if meeting in (None, "") else "“会议”不是本级人大的会议")
    day = date({"held_on": held_on}, errors, "held_on", "宣誓日期", required=True)
    if day is not None and day > timezone.localdate():
        errors.add("held_on", f"“宣誓日期”不能晚于今天（{timezone.localdate()}）")
    lead = _person(congress, leader) if leader not in (None, "") else None
    if lead is None:
        errors.add("leader", "“领誓人”必须选择本级人大的人员")
    count = None
    if attendance not in (None, ""):
        count = whole_number(attendance, errors, "attendance", "出席人数", maximum=100000)
    data = {"presided_by": presided_by, "note": note}
    presided_by = text(data, errors, "presided_by", "监誓人", max_length=50)
    note = text(data, errors, "note", "说明", max_length=500)
    takers: list[Nominee] = []
    if not isinstance(persons, list | tuple) or not persons:
        errors.add("persons", "“宣誓人”至少选择一名经本级人大常委会任命的人员")
        persons = []
    due = list(due_to_swear(congress))
    seen: set[int] = set()
    for value in persons:
        pk = value.pk if isinstance(value, Person) else id_or_none(value)
        name = (value.name if isinstance(value, Person)
                else Person.objects.filter(pk=pk).values_list("name", flat=True).first() if pk else None) or str(value)
        if pk in seen:
            errors.add("persons", f"“宣誓人”{name}重复列入")
            continue
        seen.add(pk or 0)
        match = next((n for n in due if n.person_id == pk), None)
        if match is None:
            already = Nominee.objects.in_congress(congress).filter(person_id=pk, action=A.APPOINT, status=N.PASSED,
                                                                   oath__isnull=False).exists() if pk else False
            errors.add("persons", f"“宣誓人”{name}已进行宪法宣誓，每次任命只宣誓一次" if already
                       else f"“宣誓人”{name}未经本级人大常委会表决任命，不能记录宪法宣誓")
            continue
        if day is not None and match.decided_on and day < match.decided_on:
            errors.add("held_on", f"“宣誓日期”不能早于{name}的任命决定日期（{match.decided_on}）")
        takers.append(match)
    errors.raise_if_any()
    assert session is not None and day is not None and lead is not None
    ceremony = OathCeremony.objects.create(congress=congress, meeting=session, held_on=day, leader=lead,
                                           presided_by=presided_by, text=OATH_TEXT, attendance=count, note=note,
                                           created_by=actor)
    OathTaker.objects.bulk_create([OathTaker(congress=congress, ceremony=ceremony, nominee=n, person=n.person)
                                   for n in takers])
    audit.record(congress, actor, "record_oath", ceremony, object_repr=str(ceremony),
                 after={"meeting": str(session), "leader": lead.name, "persons": [n.person.name for n in takers],
                        "attendance": count})
    return ceremony
