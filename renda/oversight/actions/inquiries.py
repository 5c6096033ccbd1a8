"""Writes for a special inquiry (专题询问, 监督法第四章): preparing it on a standing-committee session's
agenda with the officials who answer, the members' and deputies' questions registered in advance,
the answers recorded at the meeting (the inquiry is then 已询问) with the broadcast-ready summary
(询问情况综述), each asker's rating of the answer, and the promised actions put on the
rectification list."""

from __future__ import annotations

import datetime

from django.db.models import Max
from django.utils import timezone

from renda.core import audit
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress
from renda.core.permissions import STAFF, roles_of
from renda.core.usecase import action, ensure_own
from renda.meetings.models import AgendaItem, Meeting
from renda.oversight.models import Inquiry, InquiryAnswerer, InquiryQuestion, PlanItem, WorkReport
from renda.oversight.queries import person_of_user
from renda.oversight.workflows import INQUIRY_WORKFLOW
from renda.people import validation
from renda.people.models import Mandate, Membership, Organisation, Person
from renda.people.validation import Errors

FIELDS = ["topic", "meeting", "work_report", "plan_item", "status", "summary"]


def is_staff(user, congress: Congress) -> bool:
    return bool(roles_of(user, congress) & STAFF)


def serves_in(congress: Congress, person: Person, on: datetime.date | None = None) -> bool:
    """A deputy of this congress (a serving mandate) or a member of its standing committee."""
    on = on or timezone.localdate()
    if Mandate.objects.in_congress(congress).filter(person=person, status=Mandate.Status.SERVING).exists():
        return True
    return Membership.objects.in_congress(congress).filter(
        person=person, organisation__kind=Organisation.Kind.STANDING_COMMITTEE, start__lte=on,
    ).exclude(end__lt=on).exists()


def satisfaction_counts(inquiry: Inquiry) -> dict[str, int]:
    """满意 / 基本满意 / 不满意 / 未评价, by label."""
    S = InquiryQuestion.Satisfaction
    found = {S(value).label: 0 for value in (S.SATISFIED, S.BASIC, S.UNSATISFIED, S.NONE)}
    for value in InquiryQuestion.objects.in_congress(inquiry.congress_id).filter(inquiry=inquiry).values_list(
            "satisfaction", flat=True):
        found[InquiryQuestion.Satisfaction(value).label] += 1
    return found


def _answerers(congress: Congress, rows, errors: Errors) -> list[dict]:
    if rows in (None, ""):
        rows = []
    if not isinstance(rows, list):
        errors.add("answerers", "“应询人”须为列表")
        return []
    cleaned = []
    for n, row in enumerate(rows, start=1):
        what = f"第{n}位应询人"
        if not isinstance(row, dict):
            errors.add("answerers", f"{what}须写明姓名、职务和所在单位")
            continue
        row_errors = Errors()
        name = validation.text(row, row_errors, "name", f"{what}的姓名", required=True, max_length=60)
        post = validation.text(row, row_errors, "post", f"{what}的职务", required=True, max_length=100)
        org = row.get("organisation")
        if isinstance(org, Organisation):
            organisation = org if org.congress_id == congress.pk else None
        else:
            pk = validation.id_or_none(org)
            organisation = Organisation.objects.in_congress(congress).filter(pk=pk).first() if pk else None
        if organisation is None:
            row_errors.add("organisation", f"{what}的所在单位必须填写，且须为本级的单位" if org in (None, "")
                           else f"{what}的所在单位不是本级的单位")
        for messages in row_errors.by_field.values():
            for message in messages:
                errors.add("answerers", message)
        if not row_errors.by_field:
            cleaned.append({"pk": validation.id_or_none(row.get("id")), "name": name, "post": post,
                            "organisation": organisation, "present": bool(row.get("present", True))})
    return cleaned


@action("prepare_inquiry")
def prepare_inquiry(congress: Congress, *, actor, topic, meeting: Meeting | None, answerers=None,
                    work_report: WorkReport | None = None, plan_item: PlanItem | None = None,
                    inquiry: Inquiry | None = None) -> Inquiry:
    """Prepare an inquiry (or, with ``inquiry``, amend it while it is being prepared): its topic, the
    standing-committee session of this congress that holds it (an agenda item 专题询问：… is added),
    the work report or plan item it goes with, and the officials who answer (name, post,
    organisation, present). Answerers not listed again are removed unless a question names them."""
    errors = Errors()
    if inquiry is not None:
        ensure_own(congress, inquiry, "专题询问")
        inquiry = Inquiry.objects.in_congress(congress).select_for_update().get(pk=inquiry.pk)
        if inquiry.status != Inquiry.Status.PREPARING:
            raise ValidationError({"status": f"该专题询问{inquiry.get_status_display()}，不能再修改筹备内容"})
    topic = validation.text({"topic": topic}, errors, "topic", "询问题目", required=True, max_length=200, multiline=False)
    if meeting is None:
        errors.add("meeting", "“常委会会议”必须选择")
    else:
        ensure_own(congress, meeting, "会议")
        if meeting.kind != Meeting.Kind.SC_SESSION:
            errors.add("meeting", "“常委会会议”须为常务委员会会议")
        elif meeting.status == Meeting.Status.CLOSED and (inquiry is None or inquiry.meeting_id != meeting.pk):
            errors.add("meeting", f"“常委会会议”{meeting.title}已闭会")
    if work_report is not None and work_report.congress_id != congress.pk:
        errors.add("work_report", "“结合审议的报告”不是本级的专项工作报告")
    if plan_item is not None and plan_item.congress_id != congress.pk:
        errors.add("plan_item", "“监督计划项目”不是本级的监督计划项目")
    rows = _answerers(congress, answerers, errors)
    if not rows:
        errors.add("answerers", "至少要列出一位应询人")
    errors.raise_if_any()
    assert meeting is not None
    title = f"专题询问：{topic}"[:200]
    if inquiry is None:
        last = AgendaItem.objects.in_congress(congress).filter(meeting=meeting).aggregate(n=Max("order"))["n"] or 0
        item = AgendaItem.objects.create(congress=congress, meeting=meeting, order=last + 1,
                                         kind=AgendaItem.Kind.OTHER, title=title)
        inquiry = Inquiry.objects.create(congress=congress, topic=topic, meeting=meeting, agenda_item=item,
                                         work_report=work_report, plan_item=plan_item)
        before = None
    else:
        before = audit.snapshot(inquiry, FIELDS)
        items = AgendaItem.objects.in_congress(congress).filter(pk=inquiry.agenda_item_id)
        if inquiry.meeting_id != meeting.pk:
            last = AgendaItem.objects.in_congress(congress).filter(meeting=meeting).aggregate(n=Max("order"))["n"] or 0
            items.update(meeting=meeting, order=last + 1, title=title)
        else:
            items.update(title=title)
        inquiry.topic, inquiry.meeting, inquiry.work_report, inquiry.plan_item = topic, meeting, work_report, plan_item
        inquiry.save()
    kept = []
    existing = {a.pk: a for a in InquiryAnswerer.objects.in_congress(congress).filter(inquiry=inquiry)}
    for row in rows:
        answerer = existing.get(row.pop("pk") or 0)
        if answerer is None:
            answerer = InquiryAnswerer.objects.create(congress=congress, inquiry=inquiry, **row)
        else:
            for key, value in row.items():
                setattr(answerer, key, value)
            answerer.save()
        kept.append(answerer.pk)
    for pk, gone in existing.items():
        if pk not in kept:
            if InquiryQuestion.objects.in_congress(congress).filter(to=gone).exists() or \
                    InquiryQuestion.objects.in_congress(congress).filter(answered_by=gone).exists():
                raise ValidationError({"answerers": f"应询人{gone.post}{gone.name}已有问题指向，不能删除"})
            rows = InquiryAnswerer.objects.in_congress(congress).filter(pk=pk)
            rows._raw_delete(rows.db)
    after = audit.snapshot(inquiry, FIELDS) | {"answerers": [f"{r['post']}{r['name']}" for r in rows]}
    audit.record(congress, actor, "prepare_inquiry", inquiry, before=before, after=after)
    return inquiry


@action("register_inquiry_question")
def register_inquiry_question(congress: Congress, inquiry: Inquiry, *, actor, text, to: InquiryAnswerer | None = None,
                              asker: Person | None = None) -> InquiryQuestion:
    """A member or deputy registers their own question in advance (staff may register one for a named
    asker); the asker must be a deputy or standing-committee member of this congress. Numbered in
    order of registration."""
    ensure_own(congress, inquiry, "专题询问")
    inquiry = Inquiry.objects.in_congress(congress).select_for_update().get(pk=inquiry.pk)
    if inquiry.status != Inquiry.Status.PREPARING:
        raise ValidationError({"status": f"该专题询问{inquiry.get_status_display()}，不再登记问题"})
    errors = Errors()
    own = person_of_user(actor)
    if asker is None:
        if own is None:
            errors.add("asker", "“询问人”必须选择")
        asker = own
    elif not is_staff(actor, congress) and (own is None or asker.pk != own.pk):
        raise NotPermitted("代表和常委会组成人员只能登记本人的询问问题")
    if asker is not None:
        if not serves_in(congress, asker):
            errors.add("asker", f"“询问人”{asker.name}不是本级人大代表或常委会组成人员")
    body = validation.text({"text": text}, errors, "text", "问题", required=True, max_length=2000, multiline=True)
    if to is not None and (to.congress_id != congress.pk or to.inquiry_id != inquiry.pk):
        errors.add("to", "“应询人”不是本次专题询问的应询人")
    errors.raise_if_any()
    assert asker is not None
    last = InquiryQuestion.objects.in_congress(congress).filter(inquiry=inquiry).aggregate(n=Max("order"))["n"] or 0
    question = InquiryQuestion.objects.create(congress=congress, inquiry=inquiry, order=last + 1, asker=asker,
                                              text=body, to=to)
    audit.record(congress, actor, "register_inquiry_question", question, object_repr=f"{inquiry.topic} 第{question.order}问",
                 after={"asker": asker.name, "text": body[:200], "to": str(to) if to else ""})
    return question


@action("record_inquiry_answer")
def record_inquiry_answer(congress: Congress, question: InquiryQuestion, *, actor, answered_by: InquiryAnswerer | None,
                          answer) -> InquiryQuestion:
    """Staff record who answered a question and the answer; the inquiry is then 已询问."""
    ensure_own(congress, question, "询问问题")
    inquiry = Inquiry.objects.in_congress(congress).select_for_update().get(pk=question.inquiry_id)
    if inquiry.status == Inquiry.Status.CONCLUDED:
        raise ValidationError({"status": "该专题询问已办结，不能再修改回答"})
    errors = Errors()
    body = validation.text({"answer": answer}, errors, "answer", "回答", required=True, max_length=8000, multiline=True)
    if answered_by is None:
        errors.add("answered_by", "“回答人”必须选择")
    elif answered_by.congress_id != congress.pk or answered_by.inquiry_id != inquiry.pk:
        errors.add("answered_by", "“回答人”不是本次专题询问的应询人")
    errors.raise_if_any()
    if inquiry.status == Inquiry.Status.PREPARING:
        INQUIRY_WORKFLOW.check(inquiry.status, Inquiry.Status.HELD, roles_of(actor, congress), congress,
                               action="record_inquiry_answer")
        inquiry.status = Inquiry.Status.HELD
        inquiry.save(update_fields=["status"])
    question = InquiryQuestion.objects.in_congress(congress).get(pk=question.pk)
    before = {"answer": question.answer[:200], "answered_by": str(question.answered_by or "")}
    question.answer, question.answered_by = body, answered_by
    question.save(update_fields=["answer", "answered_by"])
    audit.record(congress, actor, "record_inquiry_answer", question, object_repr=f"{inquiry.topic} 第{question.order}问",
                 before=before, after={"answer": body[:200], "answered_by": str(answered_by)})
    return question


@action("record_inquiry_answer")
def write_inquiry_summary(congress: Congress, inquiry: Inquiry, *, actor, summary) -> Inquiry:
    """The broadcast-ready summary (询问情况综述), once the inquiry has been held."""
    ensure_own(congress, inquiry, "专题询问")
    inquiry = Inquiry.objects.in_congress(congress).select_for_update().get(pk=inquiry.pk)
    if inquiry.status == Inquiry.Status.PREPARING:
        raise ValidationError({"summary": "询问尚未进行（还没有记录任何回答），不能撰写询问情况综述"})
    errors = Errors()
    text = validation.text({"summary": summary}, errors, "summary", "询问情况综述", required=True, max_length=8000,
                           multiline=True)
    errors.raise_if_any()
    before = inquiry.summary[:200]
    inquiry.summary = text
    inquiry.save(update_fields=["summary"])
    audit.record(congress, actor, "record_inquiry_answer", inquiry, before={"summary": before},
                 after={"summary": text[:200]})
    return inquiry


@action("record_inquiry_answer")
def conclude_inquiry(congress: Congress, inquiry: Inquiry, *, actor) -> Inquiry:
    """跟踪办结: every question answered and the summary written."""
    ensure_own(congress, inquiry, "专题询问")
    inquiry = Inquiry.objects.in_congress(congress).select_for_update().get(pk=inquiry.pk)
    INQUIRY_WORKFLOW.check(inquiry.status, Inquiry.Status.CONCLUDED, roles_of(actor, congress), congress,
                           action="record_inquiry_answer")
    open_ = InquiryQuestion.objects.in_congress(congress).filter(inquiry=inquiry, answer="").count()
    if open_:
        raise ValidationError({"status": f"还有 {open_} 个问题没有记录回答，不能办结"})
    if not inquiry.summary.strip():
        raise ValidationError({"summary": "“询问情况综述”必须先撰写，才能办结"})
    inquiry.status = Inquiry.Status.CONCLUDED
    inquiry.save(update_fields=["status"])
    audit.record(congress, actor, "record_inquiry_answer", inquiry, before={"status": "held"},
                 after={"status": "concluded"})
    return inquiry


@action("rate_inquiry_answer")
def rate_inquiry_answer(congress: Congress, question: InquiryQuestion, *, actor, satisfaction) -> InquiryQuestion:
    """The asker (or staff for them) rates the answer 满意 / 基本满意 / 不满意 — only once it is
    answered."""
    ensure_own(congress, question, "询问问题")
    question = InquiryQuestion.objects.in_congress(congress).select_for_update().get(pk=question.pk)
    if not is_staff(actor, congress):
        own = person_of_user(actor)
        if own is None or own.pk != question.asker_id:
            raise NotPermitted("只有询问人本人（或工作人员代为记录）可以评价该问题的回答")
    valid = [v for v in InquiryQuestion.Satisfaction.values if v]
    if satisfaction not in valid:
        raise ValidationError({"satisfaction": "“询问人评价”须为满意、基本满意或不满意"})
    if not question.answer.strip():
        raise ValidationError({"satisfaction": "该问题尚未记录回答，不能评价"})
    inquiry = Inquiry.objects.in_congress(congress).get(pk=question.inquiry_id)
    if inquiry.status == Inquiry.Status.CONCLUDED:
        raise ValidationError({"satisfaction": "该专题询问已办结，不能再评价"})
    before = question.satisfaction
    question.satisfaction = satisfaction
    question.save(update_fields=["satisfaction"])
    audit.record(congress, actor, "rate_inquiry_answer", question, object_repr=f"{inquiry.topic} 第{question.order}问",
                 before={"satisfaction": before}, after={"satisfaction": satisfaction})
    return question


@action("record_inquiry_answer")
def list_inquiry_follow_up(congress: Congress, question: InquiryQuestion, *, actor, entries) -> list:
    """What the answerer promised goes onto the rectification list (source 专题询问), linked to the
    question."""
    from renda.rectification.actions import list_problems

    ensure_own(congress, question, "询问问题")
    question = InquiryQuestion.objects.in_congress(congress).get(pk=question.pk)
    if not question.answer.strip():
        raise ValidationError({"items": "该问题尚未记录回答，不能列入整改清单"})
    items = list_problems(congress, actor=actor, source="inquiry", entries=entries, inquiry_question=question)
    audit.record(congress, actor, "record_inquiry_answer", question, object_repr=f"第{question.order}问的跟踪事项",
                 after={"rectification": [i.pk for i in items]})
    return items
