"""Writes for questioning (质询案, 监督法第七章, 组织法第二十四条、第五十三条, 代表法第二十条): a motion
drafted and co-signed by members of the forum (the standing committee's members at its session, the
deputies at a plenary), filed only when the legal number have signed (``sc.inquiry_min_members`` —
county 3, otherwise 5 — or ``plenary.inquiry_min_deputies``); decided by the directors' meeting (or
the presidium), answered orally or in writing by the body's head by the date set, rated by each
signer; where more than the rule's fraction (``oversight.questioning_further_fraction``, half) of
the signers are not satisfied, a further answer may be required once."""

from __future__ import annotations

import datetime
from fractions import Fraction

from django.utils import timezone

from renda.core import audit, rules
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress
from renda.core.permissions import STAFF, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.usecase import action, ensure_own
from renda.meetings.models import Meeting
from renda.oversight.models import Questioning, QuestioningAnswer, QuestioningSigner
from renda.oversight.queries import person_of_user
from renda.oversight.workflows import QUESTIONING_WORKFLOW
from renda.people import validation
from renda.people.models import Mandate, Membership, Organisation, Person
from renda.people.validation import Errors

Q = Questioning.Status
F = Questioning.Forum
FIELDS = ["forum", "meeting", "body", "title", "status", "decided_at_meeting", "decision_note", "mode", "answer_by"]
DECISIONS = {"accept": "交受质询机关答复", "reject": "不列入", "further": "要求再作答复", "conclude": "办结"}


def is_staff(user, congress: Congress) -> bool:
    return bool(roles_of(user, congress) & STAFF)


def minimum(congress: Congress, forum: str) -> tuple[int, str]:
    """The legal number of signers and the rule's words."""
    if forum == F.PLENARY:
        return rules.get(congress, "plenary.inquiry_min_deputies"), "代表大会代表十人以上联名（组织法第二十四条）"
    n = rules.get(congress, "sc.inquiry_min_members")
    return n, f"常委会组成人员{n}人以上联名（组织法第五十三条）"


def in_forum(congress: Congress, meeting: Meeting, person: Person, on: datetime.date | None = None) -> bool:
    """A standing-committee member (a member of the session's body) or, at a plenary, a serving deputy
    of the meeting's term."""
    on = on or timezone.localdate()
    if meeting.kind == Meeting.Kind.SC_SESSION:
        members = Membership.objects.in_congress(congress).filter(person=person, start__lte=on).exclude(end__lt=on)
        if meeting.organisation_id:
            return members.filter(organisation_id=meeting.organisation_id).exists()
        return members.filter(organisation__kind=Organisation.Kind.STANDING_COMMITTEE).exists()
    return Mandate.objects.in_congress(congress).filter(person=person, term_id=meeting.term_id,
                                                        status=Mandate.Status.SERVING).exists()


def forum_word(forum: str) -> str:
    return "常委会组成人员" if forum == F.STANDING_COMMITTEE else "本次大会的代表"


def signer_count(q: Questioning) -> int:
    return QuestioningSigner.objects.in_congress(q.congress_id).filter(questioning=q).count()


def unsatisfied_count(q: Questioning) -> int:
    return QuestioningSigner.objects.in_congress(q.congress_id).filter(questioning=q, satisfied=False).count()


def further_allowed(congress: Congress, q: Questioning) -> tuple[bool, str]:
    """Whether MORE than the rule's fraction of the signers recorded themselves not satisfied."""
    fraction = Fraction(rules.get(congress, "oversight.questioning_further_fraction"))
    signers, unsatisfied = signer_count(q), unsatisfied_count(q)
    bar = fraction * signers
    ok = Fraction(unsatisfied) > bar
    shown = str(bar.numerator) if bar.denominator == 1 else f"{float(bar):g}"
    return ok, (f"提案人 {signers} 人中 {unsatisfied} 人表示不满意，须超过 {fraction} 即多于 "
                f"{shown} 人（oversight.questioning_further_fraction，代表法第二十条）")


def _locked(congress: Congress, q: Questioning) -> Questioning:
    ensure_own(congress, q, "质询案")
    return Questioning.objects.in_congress(congress).select_for_update().get(pk=q.pk)


def _sign(congress: Congress, q: Questioning, person: Person, errors: Errors) -> None:
    if not in_forum(congress, q.meeting, person):
        errors.add("signer", f"“提案人”{person.name}不是{forum_word(q.forum)}，不能联名")
    elif QuestioningSigner.objects.in_congress(congress).filter(questioning=q, person=person).exists():
        errors.add("signer", f"“提案人”{person.name}已经联名")


def _who(congress: Congress, actor, person: Person | None, errors: Errors) -> Person | None:
    own = person_of_user(actor)
    if person is None:
        if own is None:
            errors.add("signer", "“提案人”必须选择")
        return own
    if not is_staff(actor, congress) and (own is None or own.pk != person.pk):
        raise NotPermitted("代表和常委会组成人员只能本人联名")
    return person


@action("draft_questioning")
def draft_questioning(congress: Congress, *, actor, forum, meeting: Meeting | None, body: Organisation | None,
                      title, questions, signer: Person | None = None) -> Questioning:
    """Draft a questioning at a standing-committee session or a plenary of this congress, naming the
    body questioned (人民政府及其部门、监察委员会、人民法院、人民检察院), its 案由 and its questions;
    the drafter signs first (staff name the member who drafts)."""
    errors = Errors()
    if forum not in F.values:
        errors.add("forum", "“提出场合”须为常委会会议或代表大会会议")
    if meeting is None:
        errors.add("meeting", "“会议”必须选择")
    else:
        ensure_own(congress, meeting, "会议")
        wanted = Meeting.Kind.SC_SESSION if forum == F.STANDING_COMMITTEE else Meeting.Kind.PLENARY
        if forum in F.values and meeting.kind != wanted:
            errors.add("meeting", f"“会议”须为{Meeting.Kind(wanted).label}")
        elif meeting.status == Meeting.Status.CLOSED:
            errors.add("meeting", f"“会议”{meeting.title}已闭会，不能提出质询案")
    if body is None:
        errors.add("body", "“受质询机关”必须选择")
    elif body.congress_id != congress.pk or body.kind != Organisation.Kind.HANDLING_UNIT:
        errors.add("body", "“受质询机关”须为本级的国家机关或政府部门")
    data = {"title": title, "questions": questions}
    title = validation.text(data, errors, "title", "案由", required=True, max_length=200, multiline=False)
    questions = validation.text(data, errors, "questions", "质询的问题和内容", required=True, max_length=8000,
                                multiline=True)
    person = _who(congress, actor, signer, errors)
    errors.raise_if_any()
    assert meeting is not None and person is not None
    q = Questioning(congress=congress, forum=forum, meeting=meeting, body=body, title=title, questions=questions,
                    created_by=actor)
    if not in_forum(congress, meeting, person):
        raise ValidationError({"signer": f"“提案人”{person.name}不是{forum_word(forum)}，不能提出质询案"})
    q.save()
    QuestioningSigner.objects.create(congress=congress, questioning=q, person=person)
    audit.record(congress, actor, "draft_questioning", q, after=audit.snapshot(q, FIELDS) | {"signers": [person.name]})
    return q


@action("draft_questioning")
def sign_questioning(congress: Congress, q: Questioning, *, actor, person: Person | None = None) -> QuestioningSigner:
    """A member of the forum co-signs (联名) a draft; staff may record a named member's signature."""
    q = _locked(congress, q)
    if q.status != Q.DRAFT:
        raise ValidationError({"status": f"该质询案{q.get_status_display()}，不能再联名"})
    errors = Errors()
    person = _who(congress, actor, person, errors)
    if person is not None:
        _sign(congress, q, person, errors)
    errors.raise_if_any()
    assert person is not None
    signer = QuestioningSigner.objects.create(congress=congress, questioning=q, person=person)
    audit.record(congress, actor, "draft_questioning", signer, object_repr=f"{q.title}：{person.name}联名",
                 after={"signer": person.name, "signers": signer_count(q)})
    return signer


@action("draft_questioning")
def withdraw_signature(congress: Congress, q: Questioning, *, actor, person: Person | None = None) -> None:
    """A co-signer takes their name off a draft (not the first signer)."""
    q = _locked(congress, q)
    if q.status != Q.DRAFT:
        raise ValidationError({"status": f"该质询案{q.get_status_display()}，不能撤回联名"})
    errors = Errors()
    person = _who(congress, actor, person, errors)
    errors.raise_if_any()
    assert person is not None
    rows = list(QuestioningSigner.objects.in_congress(congress).filter(questioning=q).order_by("id"))
    mine = [r for r in rows if r.person_id == person.pk]
    if not mine:
        raise ValidationError({"signer": f"“提案人”{person.name}没有联名"})
    if rows[0].pk == mine[0].pk:
        raise ValidationError({"signer": "领衔提案人不能撤回联名"})
    QuestioningSigner.objects.in_congress(congress).filter(pk=mine[0].pk).delete()
    audit.record(congress, actor, "draft_questioning", q, object_repr=f"{q.title}：{person.name}撤回联名",
                 after={"withdrawn": person.name})


@action("file_questioning")
def file_questioning(congress: Congress, q: Questioning, *, actor) -> Questioning:
    """提出: refused unless the legal number of the forum's members have signed."""
    q = _locked(congress, q)
    QUESTIONING_WORKFLOW.check(q.status, Q.FILED, roles_of(actor, congress), congress, action="file_questioning")
    if not is_staff(actor, congress):
        own = person_of_user(actor)
        if own is None or not QuestioningSigner.objects.in_congress(congress).filter(questioning=q, person=own).exists():
            raise NotPermitted("只有联名的提案人（或工作人员）可以提出该质询案")
    if q.meeting.status == Meeting.Status.CLOSED:
        raise ValidationError({"meeting": f"“会议”{q.meeting.title}已闭会，不能提出质询案"})
    needed, words = minimum(congress, q.forum)
    have = signer_count(q)
    if have < needed:
        key = "plenary.inquiry_min_deputies" if q.forum == F.PLENARY else "sc.inquiry_min_members"
        raise ValidationError({"signers": f"联名人数不足：质询案须由{words}提出，本级规则（{key}）为不少于 {needed} 人，"
                                          f"现有 {have} 人联名，还差 {needed - have} 人"})
    q.status, q.filed_at = Q.FILED, timezone.now()
    q.save(update_fields=["status", "filed_at"])
    audit.record(congress, actor, "file_questioning", q, before={"status": Q.DRAFT},
                 after={"status": Q.FILED, "signers": have, "minimum": needed})
    return q


@action("decide_questioning")
def decide_questioning(congress: Congress, q: Questioning, *, actor, decision, meeting: Meeting | None = None,
                       mode="", answer_by=None, reason="") -> Questioning:
    """The presidium's (plenary) or directors' meeting's (standing committee) decision: ``accept`` (交
    受质询机关答复, with mode and date), ``reject`` (不列入, with the reason); after an answer,
    ``further`` (再作答复, only when more than the rule's fraction of the signers are not satisfied) or
    ``conclude`` (办结)."""
    q = _locked(congress, q)
    if decision not in DECISIONS:
        raise ValidationError({"decision": "“决定”须为：" + "、".join(DECISIONS.values())})
    target = {"accept": Q.ACCEPTED, "reject": Q.REJECTED, "further": Q.FURTHER, "conclude": Q.CONCLUDED}[decision]
    QUESTIONING_WORKFLOW.check(q.status, target, roles_of(actor, congress), congress, action="decide_questioning")
    errors = Errors()
    kind = Meeting.Kind.PRESIDIUM if q.forum == F.PLENARY else Meeting.Kind.DIRECTORS
    if meeting is None:
        errors.add("meeting", f"“决定的会议”必须选择（{Meeting.Kind(kind).label}）")
    else:
        ensure_own(congress, meeting, "会议")
        if meeting.kind != kind:
            errors.add("meeting", f"“决定的会议”须为本级的{Meeting.Kind(kind).label}")
    reason = validation.text({"reason": reason}, errors, "reason", "理由", required=decision == "reject",
                             max_length=300, multiline=False)
    due = None
    if decision in ("accept", "further"):
        if mode not in Questioning.Mode.values:
            errors.add("mode", "“答复方式”须为口头答复或书面答复")
        due = validation.date({"answer_by": answer_by}, errors, "answer_by", "答复期限", required=True)
        if due is not None and meeting is not None and due < timezone.localdate(meeting.starts_at):
            errors.add("answer_by", f"“答复期限”不能早于决定的会议日期（{timezone.localdate(meeting.starts_at):%Y-%m-%d}）")
    if decision == "further":
        if QuestioningAnswer.objects.in_congress(congress).filter(questioning=q).count() >= 2:
            errors.add("decision", "受质询机关已再作答复一次，不能再要求答复")
        ok, line = further_allowed(congress, q)
        if not ok:
            errors.add("decision", f"不能要求再作答复：{line}")
    errors.raise_if_any()
    before = audit.snapshot(q, FIELDS)
    q.status, q.decided_at_meeting = target, meeting
    q.decision_note = reason or DECISIONS[decision]
    if due is not None:
        q.mode, q.answer_by = mode, due
    q.save()
    if decision == "further":
        # The signers rate the further answer afresh (their first ratings stay in the audit log).
        QuestioningSigner.objects.in_congress(congress).filter(questioning=q).update(satisfied=None)
    audit.record(congress, actor, "decide_questioning", q, before=before, after=audit.snapshot(q, FIELDS))
    return q


@action("record_questioning_answer")
def record_questioning_answer(congress: Congress, q: Questioning, *, actor, answerer, text, answered_on,
                              document=None, mode="") -> QuestioningAnswer:
    """The body's answer given by its head (round 1; round 2 for the further answer): recorded by the
    body's own officer or by staff."""
    from renda.core import uploads

    q = _locked(congress, q)
    if not is_staff(actor, congress) and q.body_id not in organisations_of(actor, congress, Role.UNIT_OFFICER):
        raise NotPermitted("只有受质询机关的工作人员（或人大机关工作人员）可以记录答复")
    QUESTIONING_WORKFLOW.check(q.status, Q.ANSWERED, roles_of(actor, congress), congress,
                               action="record_questioning_answer")
    errors = Errors()
    data = {"answerer": answerer, "text": text, "answered_on": answered_on}
    answerer = validation.text(data, errors, "answerer", "答复人（受质询机关负责人）", required=True, max_length=100,
                               multiline=False)
    body = validation.text(data, errors, "text", "答复内容", required=True, max_length=20000, multiline=True)
    day = validation.date(data, errors, "answered_on", "答复日期", required=True)
    if day is not None and day > timezone.localdate():
        errors.add("answered_on", "“答复日期”不能晚于今天")
    if day is not None and q.filed_at is not None and day < timezone.localdate(q.filed_at):
        errors.add("answered_on", f"“答复日期”不能早于质询案提出日期（{timezone.localdate(q.filed_at):%Y-%m-%d}）")
    mode = mode or q.mode
    if mode not in Questioning.Mode.values:
        errors.add("mode", "“答复方式”须为口头答复或书面答复")
    if document is not None:
        uploads.check(document, "oversight_document", errors, "document", what="书面答复")
    errors.raise_if_any()
    assert day is not None
    round_ = QuestioningAnswer.objects.in_congress(congress).filter(questioning=q).count() + 1
    answer = QuestioningAnswer(congress=congress, questioning=q, round=round_, mode=mode, answerer=answerer, text=body,
                               answered_on=day, recorded_by=actor)
    if document is not None:
        answer.document.save(document.name, document, save=False)
    answer.save()
    q.status = Q.ANSWERED
    q.save(update_fields=["status"])
    audit.record(congress, actor, "record_questioning_answer", answer, object_repr=f"{q.title} 第{round_}次答复",
                 after={"round": round_, "mode": mode, "answerer": answerer, "answered_on": str(day),
                        "overdue": bool(q.answer_by and day and day > q.answer_by)})
    return answer


@action("rate_questioning_answer")
def rate_questioning_answer(congress: Congress, q: Questioning, *, actor, satisfied, person: Person | None = None
                            ) -> QuestioningSigner:
    """A signer says whether they are satisfied with the latest answer (staff may record it for them)."""
    q = _locked(congress, q)
    if q.status != Q.ANSWERED:
        raise ValidationError({"satisfied": f"该质询案{q.get_status_display()}，现在不能评价答复"})
    if not isinstance(satisfied, bool):
        raise ValidationError({"satisfied": "“对答复满意”须为满意或不满意"})
    errors = Errors()
    person = _who(congress, actor, person, errors)
    errors.raise_if_any()
    assert person is not None
    signer = QuestioningSigner.objects.in_congress(congress).filter(questioning=q, person=person).first()
    if signer is None:
        if is_staff(actor, congress):
            raise ValidationError({"signer": f"“提案人”{person.name}不是该质询案的提案人"})
        raise NotPermitted("只有该质询案的提案人可以对答复表示满意与否")
    before = signer.satisfied
    signer.satisfied = satisfied
    signer.save(update_fields=["satisfied"])
    audit.record(congress, actor, "rate_questioning_answer", signer, object_repr=f"{q.title}：{person.name}",
                 before={"satisfied": before}, after={"satisfied": satisfied})
    return signer
