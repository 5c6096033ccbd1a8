"""Writes on a bill's way through the standing committee, one function per use case.

``submit_bill`` (提请审议) registers the proposal through the agenda chain (``agenda.propose_item``);
``record_preliminary_review`` puts the committee's 初审意见的报告 on a directors' meeting's agenda with
its document; ``schedule_reading`` places a reading on a session's agenda and releases the version
to the members (at least ``legislation.draft_to_members_days`` days before, 立法法第三十一条 via
第八十七条, unless a special case is stated); ``record_reading`` marks it held; ``record_opinion``
takes a member's opinion down as a meeting speech tied to an article; ``record_review_report`` the
unified review and revision reports with the version they produce; ``set_readings_required`` the
readings the bill needs (立法法第三十二条、第三十三条); ``put_articles_to_vote`` and
``put_bill_to_vote`` the separate and the whole votes on the voting engine, ``record_bill_vote`` the
announced result; ``submit_for_approval`` and ``record_approval`` the province's approval
(第八十一条); ``promulgate_law`` the announcement, the law or its revision, the filings due;
``record_filing`` each filing (第一百零九条); ``end_bill`` a bill shelved two years (第四十五条);
``bring_laws_into_force`` moves laws whose date in force has come to 现行有效."""

from __future__ import annotations

import datetime
from typing import Any

from django.core.files.base import ContentFile
from django.db.models import Max
from django.utils import timezone

from renda.agenda import actions as agenda_actions
from renda.core import audit, official_documents, rules
from renda.core.chinese import numeral
from renda.core.errors import ValidationError
from renda.core.models import Congress
from renda.core.permissions import roles_of
from renda.core.usecase import action, ensure_own
from renda.enactment.models import (
    Approval,
    BillVote,
    Filing,
    Opinion,
    Promulgation,
    Reading,
    Report,
    Submission,
)
from renda.legislation import actions as legislation_actions
from renda.legislation import queries, storage
from renda.legislation import text as statute
from renda.legislation.models import Bill, BillVersion, Law, LawRevision, Provision
from renda.legislation.workflows import BILL_WORKFLOW
from renda.meetings import actions as meeting_actions
from renda.meetings.models import AgendaItem, Document, Meeting
from renda.people.models import Organisation
from renda.people.validation import Errors, date, id_or_none, text
from renda.voting import actions as voting
from renda.voting.models import Vote

S = Bill.Status
K = Report.Kind
# A bill no longer before the standing committee: nothing more can happen to it here.
FINISHED = (S.FAILED, S.NOT_APPROVED, S.PROMULGATED, S.ENDED, S.WITHDRAWN)


# ── helpers ──

def _locked(congress: Congress, bill: Bill) -> Bill:
    ensure_own(congress, bill, "法规案")
    return Bill.objects.in_congress(congress).select_for_update().get(pk=bill.pk)


def _move(congress: Congress, bill: Bill, actor, target: str, name: str) -> None:
    if bill.status in FINISHED:
        raise ValidationError({"status": f"“{bill.title}”{bill.get_status_display()}，不能再进行任何审议、表决、批准或公布"})
    BILL_WORKFLOW.check(bill.status, target, roles_of(actor, congress), congress, action=name)


def _require(bill: Bill, *allowed: str, what: str) -> None:
    if bill.status in allowed:
        return
    if bill.status in FINISHED:
        raise ValidationError({"status": f"“{bill.title}”{bill.get_status_display()}，不能再{what}"})
    labels = "、".join(S(s).label for s in allowed)
    raise ValidationError({"status": f"“{bill.title}”现为{bill.get_status_display()}，只有{labels}的法规案才能{what}"})


def _one(congress: Congress, model, value: Any, errors: Errors, field: str, label: str, *, required=True, **filters):
    """The row named by ``value`` (an instance or an id) of this congress, or None with the error noted."""
    if value in (None, ""):
        if required:
            errors.add(field, f"“{label}”必须填写")
        return None
    if isinstance(value, model):
        found = value if value.congress_id == congress.pk else None
        if found is not None and filters:
            found = model.objects.in_congress(congress).filter(pk=value.pk, **filters).first()
    else:
        pk = id_or_none(value)
        found = model.objects.in_congress(congress).filter(pk=pk, **filters).first() if pk else None
    if found is None:
        errors.add(field, f"“{label}”不存在或不属于本级")
    return found


def _version(congress: Congress, bill: Bill, value: Any, errors: Errors, field: str = "version",
             label: str = "文本") -> BillVersion | None:
    version = _one(congress, BillVersion, value, errors, field, label)
    if version is not None and version.bill_id != bill.pk:
        errors.add(field, f"“{label}”不是《{bill.title}》的文本")
        return None
    return version


def _day(value: Any, errors: Errors, field: str, label: str, *, default: datetime.date | None = None,
         required: bool = False) -> datetime.date | None:
    if value in (None, ""):
        if default is None and required:
            errors.add(field, f"“{label}”必须填写")
        return default
    day = date({field: value}, errors, field, label)
    today = timezone.localdate()
    if day is not None and day > today:
        errors.add(field, f"“{label}”不能晚于今天（{today:%Y-%m-%d}）")
    return day


def meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localdate(meeting.starts_at)


def version_text(version: BillVersion) -> list[str]:
    """The version's text as printed (第一章　总则, 第一条　…), one paragraph a line."""
    return [line for line in statute.render(storage.load(version)).splitlines() if line.strip()]


def version_pdf(bill: Bill, version: BillVersion) -> ContentFile:
    label = version.label or version.get_stage_display()
    doc = official_documents.OfficialDocument(title=f"{bill.title}（{label}）",
                                              preamble=version_text(version) or ["（本文本尚无条文）"])
    return ContentFile(official_documents.to_pdf(doc), name=f"bill-{bill.pk}-v{version.number}.pdf")


def article_label(provision: Provision) -> str:
    return f"第{numeral(provision.number)}{provision.get_kind_display()}"


def held_readings(congress: Congress, bill: Bill) -> int:
    return Reading.objects.in_congress(congress).filter(bill=bill, status=Reading.Status.HELD).count()


def approval_required(congress: Congress, bill: Bill) -> bool:
    """A districted city's regulation goes to the provincial standing committee (立法法第八十一条);
    a province's regulation, and the standing committee's own rules, do not."""
    return bill.kind == Law.Kind.REGULATION and bool(rules.get(congress, "enactment.approval_required"))


# ── submission and preliminary review ──

@action("submit_bill")
def submit_bill(congress: Congress, bill: Bill, *, actor, version: Any, proposer_kind: str, presenter: str,
                proposer: Any = None, members: list | None = None, explanation: str | None = None,
                submitted_on: Any = None) -> Submission:
    """提请审议: a body entitled to propose (组织法第五十二条: the directors' meeting, the government, a
    committee, or members jointly) submits the bill's version with its explanation. The proposal is
    an item of the agenda chain (agenda.propose_item), which the directors' meeting then decides to
    put to a session; the bill becomes 已提请审议."""
    bill = _locked(congress, bill)
    _move(congress, bill, actor, S.SUBMITTED, "submit_bill")
    errors = Errors()
    chosen = _version(congress, bill, version, errors)
    why = text({"explanation": explanation if explanation is not None else (chosen.explanation if chosen else "")},
               errors, "explanation", "说明", max_length=40000, multiline=True)
    day = _day(submitted_on, errors, "submitted_on", "提请日期", default=timezone.localdate())
    if chosen is not None and not why:
        errors.add("explanation", "“说明”必须填写（法规草案的说明，立法法第五十八条）")
    errors.raise_if_any()
    assert chosen is not None and day is not None
    item = agenda_actions.propose_item(
        congress, actor=actor, title=f"关于提请审议《{bill.title}（{chosen.label or chosen.get_stage_display()}）》的议案"[:200],
        kind=AgendaItem.Kind.DRAFT, proposer_kind=proposer_kind, presenter=presenter, proposer=proposer,
        members=members, summary=why[:4000])
    queries.freeze_version(chosen)
    submission = Submission.objects.create(congress=congress, bill=bill, version=chosen, proposer=item.proposer,
                                           proposed_item=item, submitted_on=day, explanation=why, created_by=actor)
    bill.status = S.SUBMITTED
    fields = ["status"]
    if item.proposer is not None:
        bill.proposer = item.proposer
        fields.append("proposer")
    bill.save(update_fields=fields)
    audit.record(congress, actor, "submit_bill", bill, object_repr=bill.title, before={"status": S.DRAFTING},
                 after={"status": S.SUBMITTED, "version": chosen.number, "proposed_item": item.pk,
                        "proposer_kind": proposer_kind, "submitted_on": str(day)})
    return submission


def _publish(congress: Congress, actor, meeting: Meeting, item: AgendaItem, *, title: str, file, field: str,
             release_at=None, audience: str = Document.Audience.MEMBERS) -> Document:
    """A document on the agenda item through the meetings app; its refusals are said on ``field``."""
    try:
        return meeting_actions.publish_document(congress, meeting, actor=actor, title=title, file=file,
                                                audience=audience, release_at=release_at or timezone.now(),
                                                agenda_item=item)
    except ValidationError as error:
        messages = [m for ms in getattr(error, "message_dict", {"": error.messages}).values() for m in ms]
        raise ValidationError({field: messages}) from None


@action("record_preliminary_review")
def record_preliminary_review(congress: Congress, bill: Bill, *, actor, meeting: Any, committee: Any, file,
                              title: str = "", reported_on: Any = None) -> Report:
    """The committee's preliminary review report (初审意见的报告) heard at a directors' meeting: an
    agenda item of that meeting (听取和审议报告) with the report as its document."""
    bill = _locked(congress, bill)
    _require(bill, S.DRAFTING, S.SUBMITTED, S.UNDER_DELIBERATION, what="听取初审意见的报告")
    errors = Errors()
    held = _one(congress, Meeting, meeting, errors, "meeting", "主任会议")
    if held is not None and held.kind != Meeting.Kind.DIRECTORS:
        errors.add("meeting", f"初审意见的报告在主任会议上听取，“{held}”是{held.get_kind_display()}")
    body = _one(congress, Organisation, committee or bill.committee_id, errors, "committee", "负责初审的委员会")
    name = text({"title": title or f"关于《{bill.title}（草案）》初审意见的报告"}, errors, "title", "标题",
                required=True, max_length=200)
    day = _day(reported_on, errors, "reported_on", "报告日期", default=meeting_day(held) if held else None)
    if file is None:
        errors.add("file", "“报告文件”必须上传")
    errors.raise_if_any()
    assert held is not None and body is not None and day is not None
    item = meeting_actions.add_agenda_item(congress, held, actor=actor, kind=AgendaItem.Kind.REPORT,
                                           title=f"听取{body.name}{name}"[:200])
    document = _publish(congress, actor, held, item, title=name, file=file, field="file")
    report = Report.objects.create(congress=congress, bill=bill, kind=K.PRELIMINARY, title=name, body=body,
                                   meeting=held, agenda_item=item, document=document, reported_on=day)
    audit.record(congress, actor, "record_preliminary_review", report, object_repr=name,
                 after={"bill": bill.pk, "meeting": str(held), "agenda_item": item.pk, "reported_on": str(day)})
    return report


# ── readings ──

def distribution_days(meeting: Meeting, distributed_at: datetime.datetime) -> int:
    """Whole days between the day the draft reaches the members and the session's first day."""
    return (meeting_day(meeting) - timezone.localdate(distributed_at)).days


@action("schedule_reading")
def schedule_reading(congress: Congress, bill: Bill, *, actor, version: Any, meeting: Any,
                     distributed_at: Any = None, short_notice_reason: str = "", agenda_item: Any = None) -> Reading:
    """Place the next reading (第一次、第二次、第三次审议) on a standing-committee session's agenda and
    release the version to the members as a meeting document. The draft must reach them at least
    ``legislation.draft_to_members_days`` days (7) before the session (立法法第三十一条, applied by
    第八十七条) — "except in special circumstances": fewer days are refused unless the special case is
    stated, and then it is kept on the reading. The agenda item is the one named, or the one the
    agenda chain adopted for the bill's submission, or a new one."""
    bill = _locked(congress, bill)
    _require(bill, S.SUBMITTED, S.UNDER_DELIBERATION, what="列入常委会会议审议")
    errors = Errors()
    chosen = _version(congress, bill, version, errors)
    session = _one(congress, Meeting, meeting, errors, "meeting", "常委会会议")
    if session is not None:
        if session.kind != Meeting.Kind.SC_SESSION:
            errors.add("meeting", f"法规案由常务委员会会议审议，“{session}”是{session.get_kind_display()}")
        elif session.status == Meeting.Status.CLOSED:
            errors.add("meeting", f"“{session}”已闭会")
        elif Reading.objects.in_congress(congress).filter(bill=bill, meeting=session).exists():
            errors.add("meeting", f"《{bill.title}》已列入“{session}”审议，一次会议只审议一次")
    pending = Reading.objects.in_congress(congress).filter(bill=bill, status=Reading.Status.SCHEDULED).first()
    if pending is not None:
        errors.add("meeting", f"第{numeral(pending.number)}次审议（{pending.meeting}）尚未举行")
    reason = text({"short_notice_reason": short_notice_reason}, errors, "short_notice_reason",
                  "不足规定天数发出的特殊情况", max_length=500, multiline=True)
    now = timezone.now()
    when = now
    if distributed_at not in (None, ""):
        parsed = date({"d": distributed_at}, errors, "distributed_at", "发给组成人员的时间") \
            if not isinstance(distributed_at, datetime.datetime) else distributed_at
        if isinstance(parsed, datetime.datetime):
            when = parsed if timezone.is_aware(parsed) else timezone.make_aware(parsed)
        elif isinstance(parsed, datetime.date):
            when = timezone.make_aware(datetime.datetime.combine(parsed, datetime.time(9)))
    if session is not None and not errors.by_field:
        need = rules.get(congress, "legislation.draft_to_members_days")
        days = distribution_days(session, when)
        if days < need and not reason:
            errors.add("distributed_at", f"法规草案应当在会议举行的{need}日前发给常委会组成人员（立法法第三十一条），"
                                         f"现距{session}开会仅{max(days, 0)}日；确属特殊情况的，请填写特殊情况")
    item = None
    if agenda_item not in (None, "") and session is not None:
        item = _one(congress, AgendaItem, agenda_item, errors, "agenda_item", "议程", meeting=session)
    errors.raise_if_any()
    assert chosen is not None and session is not None
    if item is None:
        submission = Submission.objects.in_congress(congress).filter(bill=bill).select_related("proposed_item").first()
        adopted = submission.proposed_item.agenda_item if submission else None
        used = Reading.objects.in_congress(congress).filter(agenda_item=adopted).exists() if adopted else True
        if adopted is not None and adopted.meeting_id == session.pk and not used:
            item = adopted
    number = (Reading.objects.in_congress(congress).filter(bill=bill).aggregate(n=Max("number"))["n"] or 0) + 1
    if item is None:
        item = meeting_actions.add_agenda_item(congress, session, actor=actor, kind=AgendaItem.Kind.DRAFT,
                                               title=f"审议《{bill.title}（{chosen.label or chosen.get_stage_display()}）》"[:200])
    queries.freeze_version(chosen)
    label = chosen.label or chosen.get_stage_display()
    document = _publish(congress, actor, session, item, title=f"{bill.title}（{label}）", file=version_pdf(bill, chosen),
                        field="version", release_at=when)
    reading = Reading.objects.create(congress=congress, bill=bill, number=number, version=chosen, meeting=session,
                                     agenda_item=item, document=document, distributed_at=when,
                                     short_notice_reason=reason)
    audit.record(congress, actor, "schedule_reading", reading, object_repr=f"{bill.title}：第{numeral(number)}次审议",
                 after={"meeting": str(session), "version": chosen.number, "agenda_item": item.pk,
                        "distributed_days": distribution_days(session, when), "short_notice_reason": reason})
    return reading


def _reading(congress: Congress, reading: Reading) -> Reading:
    ensure_own(congress, reading, "审议")
    return Reading.objects.in_congress(congress).select_for_update().select_related("meeting", "version", "bill") \
        .get(pk=reading.pk)


@action("record_reading")
def record_reading(congress: Congress, reading: Reading, *, actor) -> Reading:
    """The reading was held (deliberation, no vote): the first moves the bill to 审议中. The agenda
    item's outcome says which reading it was."""
    reading = _reading(congress, reading)
    bill = _locked(congress, reading.bill)
    if reading.status == Reading.Status.HELD:
        raise ValidationError({"status": f"第{numeral(reading.number)}次审议已记录"})
    if reading.meeting.status == Meeting.Status.PLANNED:
        raise ValidationError({"meeting": f"“{reading.meeting}”尚未举行"})
    if bill.status == S.SUBMITTED:
        _move(congress, bill, actor, S.UNDER_DELIBERATION, "record_reading")
        bill.status = S.UNDER_DELIBERATION
        bill.save(update_fields=["status"])
    else:
        _require(bill, S.UNDER_DELIBERATION, what="记录审议")
    reading.status, reading.held_on = Reading.Status.HELD, meeting_day(reading.meeting)
    reading.save(update_fields=["status", "held_on"])
    AgendaItem.objects.in_congress(congress).filter(pk=reading.agenda_item_id).update(
        outcome=f"第{numeral(reading.number)}次审议（不付表决）")
    audit.record(congress, actor, "record_reading", reading, object_repr=f"{bill.title}：{reading}",
                 after={"held_on": str(reading.held_on), "bill_status": bill.status})
    return reading


@action("record_opinion")
def record_opinion(congress: Congress, reading: Reading, *, actor, speaker, text_: str = "", provision: Any = None,
                   document=None) -> Opinion:
    """A member's opinion in a reading: the meeting's speech (meetings.record_speech — a member records
    only their own) tied to one article of the version read, or to the whole bill."""
    reading = _reading(congress, reading)
    errors = Errors()
    article = _one(congress, Provision, provision, errors, "provision", "条文", required=False,
                   version_id=reading.version_id)
    errors.raise_if_any()
    speech = meeting_actions.record_speech(congress, AgendaItem.objects.in_congress(congress).get(
        pk=reading.agenda_item_id), actor=actor, speaker=speaker, text=text_, document=document)
    opinion = Opinion.objects.create(congress=congress, reading=reading, speech=speech, provision=article)
    audit.record(congress, actor, "record_opinion", opinion, object_repr=f"{reading.bill.title}：{speech.speaker.name}",
                 after={"reading": reading.number, "provision": article_label(article) if article else "总体"})
    return opinion


@action("record_review_report")
def record_review_report(congress: Congress, reading: Reading, *, actor, kind: str, body: Any, file,
                         version: Any = None, title: str = "", reported_on: Any = None) -> Report:
    """The legal committee's unified review report (审议结果的报告) or its revision report (修改情况的
    报告), presented at a reading with its document; it names the version it produces (created with
    legislation's add_version): the one the next reading or the vote takes."""
    reading = _reading(congress, reading)
    bill = _locked(congress, reading.bill)
    _require(bill, S.SUBMITTED, S.UNDER_DELIBERATION, what="提出审议结果或修改情况的报告")
    errors = Errors()
    if kind not in (K.UNIFIED, K.REVISION):
        errors.add("kind", f"“报告”须为：{K.UNIFIED.label}、{K.REVISION.label}")
    org = _one(congress, Organisation, body, errors, "body", "报告机构")
    produced = _version(congress, bill, version, errors, label="据此形成的文本") if version not in (None, "") else None
    if produced is not None and produced.number <= reading.version.number:
        errors.add("version", f"“据此形成的文本”须在本次审议的文本（第{reading.version.number}稿）之后形成")
    default = f"关于《{bill.title}（{reading.version.label or reading.version.get_stage_display()}）》" \
              f"{'审议结果' if kind == K.UNIFIED else '修改情况'}的报告"
    name = text({"title": title or default}, errors, "title", "标题", required=True, max_length=200)
    day = _day(reported_on, errors, "reported_on", "报告日期", default=meeting_day(reading.meeting))
    if file is None:
        errors.add("file", "“报告文件”必须上传")
    errors.raise_if_any()
    assert org is not None and day is not None
    item = AgendaItem.objects.in_congress(congress).get(pk=reading.agenda_item_id)
    document = _publish(congress, actor, reading.meeting, item, title=name, file=file, field="file")
    report = Report.objects.create(congress=congress, bill=bill, kind=kind, title=name, body=org,
                                   meeting=reading.meeting, agenda_item=item, document=document, reading=reading,
                                   version=produced, reported_on=day)
    audit.record(congress, actor, "record_review_report", report, object_repr=name,
                 after={"kind": kind, "reading": reading.number, "version": produced.number if produced else None})
    return report


@action("set_readings_required")
def set_readings_required(congress: Congress, bill: Bill, *, actor, readings: Any, reason: str = "") -> Bill:
    """How many readings the bill needs before the vote: normally ``legislation.normal_readings`` (three);
    two where the views agree, one for a partial amendment where the directors' meeting so decides
    (立法法第三十二条、第三十三条). Never fewer than the readings already held."""
    bill = _locked(congress, bill)
    _require(bill, S.DRAFTING, S.SUBMITTED, S.UNDER_DELIBERATION, what="确定审议次数")
    errors = Errors()
    normal = rules.get(congress, "legislation.normal_readings")
    try:
        n = int(readings)
    except (TypeError, ValueError):
        errors.add("readings", f"“审议次数”须为 1 到 {normal} 的整数")
        errors.raise_if_any()
    why = text({"reason": reason}, errors, "reason", "理由", max_length=1000, multiline=True)
    held = held_readings(congress, bill)
    if not 1 <= n <= normal:
        errors.add("readings", f"“审议次数”须为 1 到 {normal} 的整数（立法法第三十二条）")
    elif n < held:
        errors.add("readings", f"“审议次数”不能少于已经举行的 {held} 次审议")
    elif n == 1 and bill.purpose != Bill.Purpose.AMENDMENT:
        errors.add("readings", "一次审议即交付表决的，只适用于部分修改的法规案（立法法第三十三条）")
    if n < normal and not why:
        errors.add("reason", f"少于{normal}次审议的，须说明理由（如各方面意见比较一致）")
    errors.raise_if_any()
    before = bill.readings_required
    bill.readings_required = n
    bill.save(update_fields=["readings_required"])
    audit.record(congress, actor, "set_readings_required", bill, object_repr=bill.title,
                 before={"readings_required": before}, after={"readings_required": n, "reason": why})
    return bill


@action("end_bill")
def end_bill(congress: Congress, bill: Bill, *, actor, on: Any = None, reason: str = "") -> Bill:
    """终止审议: a bill under deliberation whose last reading is ``legislation.shelved_years`` (two)
    years past without a vote may be ended by the directors' meeting (立法法第四十五条)."""
    bill = _locked(congress, bill)
    errors = Errors()
    day = _day(on, errors, "on", "终止审议日期", default=timezone.localdate())
    why = text({"reason": reason}, errors, "reason", "理由", required=True, max_length=1000, multiline=True)
    errors.raise_if_any()
    assert day is not None
    _move(congress, bill, actor, S.ENDED, "end_bill")
    last = Reading.objects.in_congress(congress).filter(bill=bill, status=Reading.Status.HELD) \
        .aggregate(d=Max("held_on"))["d"]
    years = rules.get(congress, "legislation.shelved_years")
    since = last or timezone.localdate(bill.created_at)
    limit = rules.add_months(since, 12 * years)
    if day < limit:
        raise ValidationError({"on": f"搁置审议满{years}年（自{since:%Y-%m-%d}最后一次审议起，至{limit:%Y-%m-%d}）"
                                     "后方可终止审议（立法法第四十五条）"})
    if BillVote.objects.in_congress(congress).filter(bill=bill).exists():
        raise ValidationError({"status": f"《{bill.title}》已付表决，不能终止审议"})
    bill.status = S.ENDED
    bill.save(update_fields=["status"])
    audit.record(congress, actor, "end_bill", bill, object_repr=bill.title, before={"status": S.UNDER_DELIBERATION},
                 after={"status": S.ENDED, "on": str(day), "last_reading": str(since), "reason": why})
    return bill


# ── the vote ──

def final_version(congress: Congress, bill: Bill) -> BillVersion | None:
    latest = BillVersion.objects.in_congress(congress).filter(bill=bill).order_by("-number").first()
    return latest if latest is not None and latest.stage == BillVersion.Stage.FINAL else None


def _vote_session(congress: Congress, bill: Bill, meeting: Any, errors: Errors) -> Meeting | None:
    session = _one(congress, Meeting, meeting, errors, "meeting", "常委会会议")
    if session is not None:
        if session.kind != Meeting.Kind.SC_SESSION:
            errors.add("meeting", f"法规案由常务委员会会议表决，“{session}”是{session.get_kind_display()}")
        elif session.status == Meeting.Status.CLOSED:
            errors.add("meeting", f"“{session}”已闭会，不能再付表决")
    return session


def _ready_for_vote(congress: Congress, bill: Bill) -> BillVersion:
    _require(bill, S.UNDER_DELIBERATION, what="付表决")
    held = held_readings(congress, bill)
    if held < bill.readings_required:
        raise ValidationError({"status": f"《{bill.title}》须经{bill.readings_required}次审议后再交付表决"
                                         f"（立法法第三十二条），已审议{held}次"})
    final = final_version(congress, bill)
    if final is None:
        raise ValidationError({"version": f"《{bill.title}》还没有表决稿：请先由法制委员会形成表决稿"})
    return final


def _vote_item(congress: Congress, actor, bill: Bill, session: Meeting) -> AgendaItem:
    """The reading's item when the last reading is at this session (审议后当次会议表决), else a new one."""
    reading = Reading.objects.in_congress(congress).filter(bill=bill, meeting=session).first()
    if reading is not None:
        return AgendaItem.objects.in_congress(congress).get(pk=reading.agenda_item_id)
    return meeting_actions.add_agenda_item(congress, session, actor=actor, kind=AgendaItem.Kind.DRAFT,
                                           title=f"表决《{bill.title}（表决稿）》"[:200])


@action("put_articles_to_vote")
def put_articles_to_vote(congress: Congress, bill: Bill, *, actor, meeting: Any, provisions: list) -> list[BillVote]:
    """Separate votes on contested articles, as the directors' meeting decides (立法法第四十四条): a
    roll call on each article of the 表决稿, before the vote on the whole."""
    bill = _locked(congress, bill)
    final = _ready_for_vote(congress, bill)
    errors = Errors()
    session = _vote_session(congress, bill, meeting, errors)
    chosen: list[Provision] = []
    if not provisions:
        errors.add("provisions", "“单独表决的条款”至少选择一条")
    for value in provisions or []:
        p = _one(congress, Provision, value, errors, "provisions", "单独表决的条款", version_id=final.pk)
        if p is not None and p.kind != Provision.Kind.ARTICLE:
            errors.add("provisions", f"单独表决的须为条，{article_label(p)}不是")
        elif p is not None and p not in chosen:
            chosen.append(p)
    votes = BillVote.objects.in_congress(congress).filter(bill=bill)
    if votes.filter(provision__isnull=True).exists():
        errors.add("provisions", "已对法规案全文付表决，单独表决的条款须在全文表决之前表决")
    taken = set(votes.filter(provision__in=chosen).values_list("provision_id", flat=True))
    for p in chosen:
        if p.pk in taken:
            errors.add("provisions", f"{article_label(p)}已单独付表决")
    errors.raise_if_any()
    assert session is not None
    item = _vote_item(congress, actor, bill, session)
    made = []
    for p in chosen:
        vote = voting.create_vote(congress, session, actor=actor, kind=Vote.Kind.ROLL_CALL, agenda_item=item,
                                  title=f"单独表决《{bill.title}（表决稿）》{article_label(p)}"[:200])
        made.append(BillVote.objects.create(congress=congress, bill=bill, version=final, meeting=session,
                                            provision=p, vote=vote))
    audit.record(congress, actor, "put_articles_to_vote", bill, object_repr=bill.title,
                 after={"meeting": str(session), "provisions": [article_label(p) for p in chosen]})
    return made


@action("put_bill_to_vote")
def put_bill_to_vote(congress: Congress, bill: Bill, *, actor, meeting: Any) -> BillVote:
    """The vote on the whole 表决稿: a roll call on the voting engine, passing with more than half of
    ALL members (组织法第五十一条, 立法法第四十四条), after the readings the bill needs and after any
    separate article votes are announced."""
    bill = _locked(congress, bill)
    final = _ready_for_vote(congress, bill)
    errors = Errors()
    session = _vote_session(congress, bill, meeting, errors)
    votes = BillVote.objects.in_congress(congress).filter(bill=bill).select_related("vote")
    if votes.filter(provision__isnull=True).exists():
        errors.add("meeting", f"《{bill.title}》已付表决")
    for bv in votes.filter(provision__isnull=False):
        if bv.vote.status != Vote.Status.ANNOUNCED:
            errors.add("meeting", f"单独表决“{bv.vote.title}”尚未宣布结果，全文须在其后表决")
    errors.raise_if_any()
    assert session is not None
    item = _vote_item(congress, actor, bill, session)
    vote = voting.create_vote(congress, session, actor=actor, kind=Vote.Kind.ROLL_CALL, agenda_item=item,
                              title=f"表决《{bill.title}（表决稿）》"[:200])
    made = BillVote.objects.create(congress=congress, bill=bill, version=final, meeting=session, vote=vote)
    audit.record(congress, actor, "put_bill_to_vote", bill, object_repr=bill.title,
                 after={"meeting": str(session), "vote": vote.pk, "version": final.number})
    return made


def whole_vote(congress: Congress, bill: Bill) -> BillVote | None:
    return BillVote.objects.in_congress(congress).filter(bill=bill, provision__isnull=True).select_related(
        "vote", "meeting").first()


def vote_day(meeting: Meeting, vote: Vote) -> datetime.date:
    """The day of the announced vote during the session (a session may sit several days); one
    recorded long after counts from the session's first day."""
    start = meeting_day(meeting)
    if vote.announced_at is None:
        return start
    announced = timezone.localdate(vote.announced_at)
    return announced if start <= announced <= start + datetime.timedelta(days=7) else start


@action("record_bill_vote")
def record_bill_vote(congress: Congress, bill: Bill, *, actor) -> Bill:
    """Once the whole vote is announced: passed (more than half of ALL members, as the engine counted
    by rules.vote_passes) → 已表决通过; else 表决未通过, and nothing more can happen to the bill."""
    bill = _locked(congress, bill)
    _require(bill, S.UNDER_DELIBERATION, what="记录表决结果")
    bv = whole_vote(congress, bill)
    if bv is None:
        raise ValidationError({"vote": f"《{bill.title}》尚未付表决"})
    vote = bv.vote
    if vote.status != Vote.Status.ANNOUNCED or not vote.result:
        raise ValidationError({"vote": f"表决“{vote.title}”{vote.get_status_display()}，宣布表决结果后才能记录"})
    passed = bool(vote.result.get("passed"))
    target = S.PASSED if passed else S.FAILED
    _move(congress, bill, actor, target, "record_bill_vote")
    bill.status = target
    bill.save(update_fields=["status"])
    figures = f"（赞成{vote.result.get('yes', 0)}票，全体组成人员{vote.result.get('electorate', vote.electorate or 0)}人）"
    if vote.agenda_item_id:
        AgendaItem.objects.in_congress(congress).filter(pk=vote.agenda_item_id).update(
            outcome=("表决通过" if passed else "表决未通过") + figures)
    audit.record(congress, actor, "record_bill_vote", bill, object_repr=bill.title,
                 before={"status": S.UNDER_DELIBERATION},
                 after={"status": target, "yes": vote.result.get("yes", 0), "on": str(vote_day(bv.meeting, vote))})
    return bill


def passed_on(congress: Congress, bill: Bill) -> datetime.date | None:
    bv = whole_vote(congress, bill)
    if bv is None or bill.status in (S.DRAFTING, S.SUBMITTED, S.UNDER_DELIBERATION, S.FAILED):
        return None
    return vote_day(bv.meeting, bv.vote)


# ── approval ──

@action("submit_for_approval")
def submit_for_approval(congress: Congress, bill: Bill, *, actor, submitted_on: Any, reference: str = "",
                        document=None) -> Approval:
    """报请批准: a districted city's regulation, once passed, to the provincial standing committee,
    which decides within ``legislation.approval_months`` (four) months (立法法第八十一条): the window
    runs to the same date four months after the submission."""
    from renda.core import uploads

    bill = _locked(congress, bill)
    _require(bill, S.PASSED, what="报请批准")
    if not approval_required(congress, bill):
        raise ValidationError({"status": f"《{bill.title}》无需报请批准，通过后直接公布"})
    _move(congress, bill, actor, S.AWAITING_APPROVAL, "submit_for_approval")
    errors = Errors()
    day = _day(submitted_on, errors, "submitted_on", "报请批准日期", required=True)
    ref = text({"reference": reference}, errors, "reference", "报批请示文号", max_length=60)
    passed = passed_on(congress, bill)
    if day is not None and passed is not None and day < passed:
        errors.add("submitted_on", f"“报请批准日期”不能早于通过日期（{passed:%Y-%m-%d}）")
    if document is not None:
        uploads.check(document, "meeting_document", errors, "document", what="报批请示")
    errors.raise_if_any()
    assert day is not None
    due = rules.add_months(day, rules.get(congress, "legislation.approval_months"))
    approval = Approval.objects.create(congress=congress, bill=bill, submitted_on=day, reference=ref,
                                       document=document or "", due_on=due)
    bill.status = S.AWAITING_APPROVAL
    bill.save(update_fields=["status"])
    audit.record(congress, actor, "submit_for_approval", approval, object_repr=bill.title,
                 after={"submitted_on": str(day), "due_on": str(due), "reference": ref})
    return approval


@action("record_approval")
def record_approval(congress: Congress, bill: Bill, *, actor, decided_on: Any, outcome: str,
                    amendments: str = "") -> Approval:
    """The provincial standing committee's decision: approved, approved with required amendments
    (recorded), or not approved. A decision after the four months is kept and flagged late."""
    bill = _locked(congress, bill)
    _require(bill, S.AWAITING_APPROVAL, what="记录批准结果")
    approval = Approval.objects.in_congress(congress).select_for_update().get(bill=bill)
    errors = Errors()
    outcomes = Approval.Outcome
    if outcome not in outcomes.values:
        errors.add("outcome", "“批准结果”须为：" + "、".join(outcomes.labels))
    day = _day(decided_on, errors, "decided_on", "批准决定日期", required=True)
    changes = text({"amendments": amendments}, errors, "amendments", "要求修改的内容", max_length=8000, multiline=True)
    if outcome == outcomes.AMENDED and not changes:
        errors.add("amendments", "附修改意见批准的，“要求修改的内容”必须填写")
    if day is not None and day < approval.submitted_on:
        errors.add("decided_on", f"“批准决定日期”不能早于报请批准日期（{approval.submitted_on:%Y-%m-%d}）")
    errors.raise_if_any()
    target = S.NOT_APPROVED if outcome == outcomes.NOT_APPROVED else S.APPROVED
    _move(congress, bill, actor, target, "record_approval")
    approval.decided_on, approval.outcome, approval.amendments = day, outcome, changes
    approval.save(update_fields=["decided_on", "outcome", "amendments"])
    bill.status = target
    bill.save(update_fields=["status"])
    audit.record(congress, actor, "record_approval", approval, object_repr=bill.title,
                 before={"status": S.AWAITING_APPROVAL},
                 after={"status": target, "outcome": outcome, "decided_on": str(day), "late": approval.late})
    return approval


# ── promulgation and filing ──

def filing_bodies(congress: Congress, bill: Bill) -> list[str]:
    """The bodies a regulation is filed with (立法法第一百零九条); the standing committee's own rules
    are not filed under it."""
    return list(rules.get(congress, "enactment.filing_bodies")) if bill.kind == Law.Kind.REGULATION else []


@action("promulgate_law")
def promulgate_law(congress: Congress, bill: Bill, *, actor, announcement_number: str, announced_on: Any,
                   in_force_on: Any) -> Promulgation:
    """公布: the announcement (公告) with its number and date, and the date in force. A new law is
    made, an amendment adds a revision to the law it amends (its text, the 表决稿 as passed, becomes
    the consolidated text), a repeal marks the law repealed from the date in force. The filings the
    law owes (立法法第一百零九条: within ``enactment.filing_days`` days) are listed, each due."""
    bill = _locked(congress, bill)
    _require(bill, S.PASSED, S.APPROVED, what="公布")
    if bill.status == S.PASSED and approval_required(congress, bill):
        raise ValidationError({"status": f"《{bill.title}》须经省级人大常委会批准后公布（立法法第八十一条）"})
    _move(congress, bill, actor, S.PROMULGATED, "promulgate_law")
    errors = Errors()
    number = text({"announcement_number": announcement_number}, errors, "announcement_number", "公告号",
                  required=True, max_length=60)
    announced = _day(announced_on, errors, "announced_on", "公布日期", required=True)
    in_force = date({"in_force_on": in_force_on}, errors, "in_force_on", "施行日期", required=True)
    passed = passed_on(congress, bill)
    approval = Approval.objects.in_congress(congress).filter(bill=bill).first()
    approved = approval.decided_on if approval else None
    floor = approved or passed
    if announced is not None and floor is not None and announced < floor:
        errors.add("announced_on", f"“公布日期”不能早于{'批准' if approved else '通过'}日期（{floor:%Y-%m-%d}）")
    if announced is not None and in_force is not None and in_force < announced:
        errors.add("in_force_on", f"“施行日期”不能早于公布日期（{announced:%Y-%m-%d}）")
    if bill.purpose != Bill.Purpose.NEW and bill.law_id is None:
        errors.add("law", "修改或废止的法规案须指明所修改或废止的法规")
    errors.raise_if_any()
    assert announced is not None and in_force is not None and passed is not None
    today = timezone.localdate()
    revision = None
    if bill.purpose == Bill.Purpose.REPEAL:
        law = Law.objects.in_congress(congress).select_for_update().get(pk=bill.law_id)
        law.repealed_on = in_force
        law.status = Law.Status.REPEALED if in_force <= today else law.status
        law.save(update_fields=["repealed_on", "status"])
    else:
        voted = whole_vote(congress, bill)
        assert voted is not None
        # The enacted text (通过文本): a copy of the 表决稿 as passed, kept apart from the drafts.
        enacted = legislation_actions.add_version(congress, bill, actor=actor, stage=BillVersion.Stage.ENACTED,
                                                  based_on=voted.version_id, label="通过文本")
        if bill.purpose == Bill.Purpose.NEW:
            law = Law.objects.create(congress=congress, title=bill.title, kind=bill.kind,
                                     status=Law.Status.IN_FORCE if in_force <= today else Law.Status.NOT_YET_IN_FORCE)
        else:
            law = Law.objects.in_congress(congress).select_for_update().get(pk=bill.law_id)
        revision = LawRevision.objects.create(congress=congress, law=law, bill=bill, version=enacted, passed_on=passed,
                                              approved_on=approved, announcement_number=number,
                                              announced_on=announced, in_force_on=in_force)
    made = Promulgation.objects.create(congress=congress, bill=bill, law=law, revision=revision,
                                       announcement_number=number, announced_on=announced, in_force_on=in_force)
    due = announced + datetime.timedelta(days=rules.get(congress, "enactment.filing_days"))
    Filing.objects.bulk_create([Filing(congress=congress, promulgation=made, body=body, due_on=due)
                                for body in filing_bodies(congress, bill)])
    bill.status = S.PROMULGATED
    bill.save(update_fields=["status"])
    audit.record(congress, actor, "promulgate_law", made, object_repr=bill.title,
                 before={"status": S.APPROVED if approved else S.PASSED},
                 after={"status": S.PROMULGATED, "law": law.pk, "announcement_number": number,
                        "announced_on": str(announced), "in_force_on": str(in_force), "filing_due": str(due)})
    return made


@action("record_filing")
def record_filing(congress: Congress, filing: Filing, *, actor, filed_on: Any, reference: str = "") -> Filing:
    """The law filed with one body (报送备案), dated; after the due date it is kept and flagged late."""
    ensure_own(congress, filing, "备案")
    filing = Filing.objects.in_congress(congress).select_for_update().select_related("promulgation").get(pk=filing.pk)
    errors = Errors()
    day = _day(filed_on, errors, "filed_on", "报送备案日期", required=True)
    ref = text({"reference": reference}, errors, "reference", "备案报告文号", max_length=60)
    if filing.filed_on is not None:
        errors.add("filed_on", f"已于{filing.filed_on:%Y-%m-%d}报{filing.body}备案")
    elif day is not None and day < filing.promulgation.announced_on:
        errors.add("filed_on", f"“报送备案日期”不能早于公布日期（{filing.promulgation.announced_on:%Y-%m-%d}）")
    errors.raise_if_any()
    filing.filed_on, filing.reference = day, ref
    filing.save(update_fields=["filed_on", "reference"])
    audit.record(congress, actor, "record_filing", filing, object_repr=filing.body,
                 after={"filed_on": str(day), "due_on": str(filing.due_on), "late": filing.late})
    return filing


def law_status_on(law: Law, day: datetime.date) -> str:
    """The law's status on ``day`` from its dates, at read time: 已废止 from the repeal's date in
    force, 现行有效 from its first enactment's date in force, 尚未施行 before it. The stored status is
    moved on each day by ``bring_laws_into_force``."""
    if law.repealed_on is not None and law.repealed_on <= day:
        return Law.Status.REPEALED
    first = LawRevision.objects.in_congress(law.congress_id).filter(law=law).order_by("passed_on", "id").first()
    if first is None or first.in_force_on is None:
        return law.status
    return Law.Status.IN_FORCE if first.in_force_on <= day else Law.Status.NOT_YET_IN_FORCE


@action("bring_laws_into_force")
def bring_laws_into_force(congress: Congress, *, actor, on: Any = None) -> int:
    """Laws whose date in force has come move from 尚未施行 to 现行有效; laws whose repeal has taken
    effect to 已废止. Run daily (``renda manage bring_laws_into_force``); running it twice changes nothing."""
    day = date({"on": on}, Errors(), "on", "日期") if on not in (None, "") else timezone.localdate()
    assert day is not None
    moved = 0
    due = Promulgation.objects.in_congress(congress).filter(in_force_on__lte=day, law__status=Law.Status.NOT_YET_IN_FORCE)
    for law_id in due.values_list("law_id", flat=True).distinct():
        moved += Law.objects.in_congress(congress).filter(pk=law_id, status=Law.Status.NOT_YET_IN_FORCE) \
            .update(status=Law.Status.IN_FORCE)
    moved += Law.objects.in_congress(congress).filter(repealed_on__lte=day).exclude(status=Law.Status.REPEALED) \
        .update(status=Law.Status.REPEALED)
    audit.record(congress, actor, "bring_laws_into_force", None, object_repr=str(day), after={"moved": moved})
    return moved
