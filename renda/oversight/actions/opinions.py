"""Writes for review opinions (审议意见书) and the body's reply (研究处理情况报告), 监督法第十四条、第十七条.

The office drafts the opinions after the standing committee deliberated a work report or an
inspection report: the points are pre-filled from the report's findings (problems and
recommendations) and from the members' speeches on the agenda item, then edited while drafting.
The directors' meeting approves them; they are sent to the body with a due date for its written
reply (``oversight.review_response_days``, none when the rule is empty), a point naming a problem to
fix may go onto the rectification list at sending; the body files its reply (refused before the
opinion was sent); where the congress so decides (``oversight.reply_deliberated``) the reply is put
on a later session's agenda; opinion and reply are then published.
"""

from __future__ import annotations

import datetime
from typing import Any

from django.utils import timezone

from renda.core import audit, rules, uploads
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress
from renda.core.permissions import STAFF, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.usecase import action, ensure_own
from renda.meetings import actions as meeting_actions
from renda.meetings.models import AgendaItem, Meeting, Speech
from renda.oversight.models import Finding, OpinionPoint, OpinionReply, Report, ReviewOpinion, WorkReport
from renda.oversight.workflows import OPINION_WORKFLOW
from renda.people import validation
from renda.people.models import Organisation
from renda.people.validation import Errors, id_or_none
from renda.rectification.actions import check_entries, make_items
from renda.rectification.models import RectificationItem

OP = ReviewOpinion.Status
DELIBERATED_REPORTS = (WorkReport.Status.DELIBERATED, WorkReport.Status.EVALUATING, WorkReport.Status.CONCLUDED)
MAX_POINTS = 100


# ---------------------------------------------------------------- reading (pages, API, documents)


def opinion_of(congress: Congress, opinion: ReviewOpinion) -> ReviewOpinion:
    """The opinion, locked for this transaction."""
    ensure_own(congress, opinion, "审议意见")
    return ReviewOpinion.objects.in_congress(congress).select_for_update().get(pk=opinion.pk)


def visible_opinions(congress: Congress, user):
    """The opinions this user may read: every one with view_oversight, those sent to their own body
    for a unit officer; None for anyone else."""
    from renda.core.permissions import may

    rows = ReviewOpinion.objects.in_congress(congress)
    if may(user, congress, "view_oversight"):
        return rows
    units = organisations_of(user, congress, Role.UNIT_OFFICER)
    if units:
        return rows.filter(body_id__in=units, status__in=(OP.SENT, OP.REPLIED, OP.DELIBERATED, OP.PUBLISHED))
    return None


def points_of(opinion: ReviewOpinion) -> list[OpinionPoint]:
    return list(OpinionPoint.objects.in_congress(opinion.congress_id).filter(opinion=opinion).order_by("order", "id"))


def reply_of(opinion: ReviewOpinion) -> OpinionReply | None:
    return OpinionReply.objects.in_congress(opinion.congress_id).filter(opinion=opinion).first()


def agenda_item_of(work_report: WorkReport | None, report: Report | None) -> AgendaItem | None:
    item_id = work_report.agenda_item_id if work_report is not None else report.agenda_item_id if report else None
    if item_id is None:
        return None
    congress_id = (work_report or report).congress_id  # type: ignore[union-attr]
    return AgendaItem.objects.in_congress(congress_id).select_related("meeting").filter(pk=item_id).first()


def source_findings(congress: Congress, work_report: WorkReport | None = None,
                    report: Report | None = None) -> list[Finding]:
    """The problems and recommendations the opinion may start from: the inspection report's own, or
    for a work report those of the finished reports of the activities under the same plan item."""
    found = Finding.objects.in_congress(congress).filter(kind__in=Finding.Kind.values)
    if report is not None:
        found = found.filter(report=report)
    elif work_report is not None and work_report.plan_item_id:
        found = found.filter(report__activity__plan_item_id=work_report.plan_item_id)
    else:
        return []
    kinds = {Finding.Kind.PROBLEM: 0, Finding.Kind.RECOMMENDATION: 1}
    return sorted(found.order_by("report_id", "order", "id"), key=lambda f: (f.report_id, kinds[Finding.Kind(f.kind)],
                                                                              f.order, f.pk))


def source_speeches(congress: Congress, agenda_item: AgendaItem | None) -> list[Speech]:
    if agenda_item is None:
        return []
    return list(Speech.objects.in_congress(congress).filter(agenda_item=agenda_item).select_related("speaker")
                .order_by("id"))


HEADING_CHARS = 30
SENTENCE_ENDS = "。；！？!?;"
CLAUSE_ENDS = "，、：,:"
PLACEHOLDER = "……"


def _first_sentence(text: str) -> tuple[str, str]:
    """The first sentence of a text (its end mark dropped) and the rest after it."""
    text = text.strip()
    for n, char in enumerate(text):
        if char in SENTENCE_ENDS or char == "\n":
            return text[:n].strip(), text[n + 1:].strip()
    return text, ""


def speech_point(speech: Speech) -> tuple[str, str]:
    """A point's heading and text from a speech: the heading is the first sentence when it is short,
    else its first clauses up to ~30 characters; the text is what the heading does not already say
    (nothing when the speech is that one sentence) — the staff edit both."""
    speech_text = speech.text.strip()
    first, rest = _first_sentence(speech_text)
    if not first:
        return "审议发言", speech_text[:4000]
    if len(first) <= HEADING_CHARS:
        return first, rest[:4000]
    cut = max((n for n, char in enumerate(first[:HEADING_CHARS + 1]) if char in CLAUSE_ENDS), default=0)
    heading = first[:cut] if cut else first[:HEADING_CHARS]
    return heading.strip(), speech_text[:4000]


def speech_heading(speech: Speech) -> str:
    return speech_point(speech)[0]


def is_reply_late(opinion: ReviewOpinion, reply: OpinionReply | None = None, today: datetime.date | None = None) -> bool:
    """Filed after the due date, or not filed and the due date passed."""
    if opinion.reply_due is None or opinion.status in (OP.DRAFTING, OP.APPROVED):
        return False
    reply = reply if reply is not None else reply_of(opinion)
    if reply is not None:
        return timezone.localtime(reply.filed_at).date() > opinion.reply_due
    return (today or timezone.localdate()) > opinion.reply_due


def reply_state(opinion: ReviewOpinion, reply: OpinionReply | None = None, today: datetime.date | None = None) -> str:
    """未交办 / 待报告 / 逾期未报告 / 按期报告 / 逾期报告"""
    if opinion.status in (OP.DRAFTING, OP.APPROVED):
        return "未交办"
    reply = reply if reply is not None else reply_of(opinion)
    late = is_reply_late(opinion, reply, today)
    if reply is None:
        return "逾期未报告" if late else "待报告"
    return "逾期报告" if late else "按期报告"


def _is_staff(actor, congress: Congress) -> bool:
    return bool(roles_of(actor, congress) & STAFF)


def _own(congress: Congress, obj, what: str, kind: Any = None):
    """An object or an id of this congress (another congress's or an unknown one: NotFound)."""
    if obj is None or obj == "":
        return None
    if kind is not None and not isinstance(obj, kind):
        pk = id_or_none(obj)
        obj = kind.objects.in_congress(congress).filter(pk=pk).first() if pk else None
    ensure_own(congress, obj, what)
    # As it stands now (the caller's copy may be older than a step taken since).
    return type(obj).objects.in_congress(congress).get(pk=obj.pk)


# ---------------------------------------------------------------- drafting


def default_title(work_report: WorkReport | None, report: Report | None) -> str:
    source = work_report.title if work_report is not None else report.title if report is not None else ""
    source = source.strip().strip("《》")
    return f"关于《{source}》的审议意见"[:200] if source else ""


def default_preamble(meeting: Meeting | None, body: Organisation | None, work_report: WorkReport | None,
                     report: Report | None) -> str:
    if meeting is None:
        return ""
    day = timezone.localtime(meeting.starts_at)
    heard = (f"听取和审议了{body.name if body else ''}关于《{work_report.title}》" if work_report is not None
             else f"听取和审议了《{report.title if report else ''}》")
    return (f"{day.year}年{day.month}月{day.day}日，{meeting.title}{heard}。"
            "现将常委会组成人员的审议意见交办如下，请认真研究处理，并将研究处理情况书面报告常委会。")


@action("draft_review_opinion")
def draft_review_opinion(congress: Congress, *, actor, work_report: WorkReport | None = None,
                         report: Report | None = None, title: str = "", number: str = "",
                         body: Organisation | None = None, meeting: Meeting | None = None,
                         preamble: str | None = None) -> ReviewOpinion:
    """Start the opinions on a deliberated work report or on an inspection report placed on an agenda;
    the points are pre-filled from the findings and the speeches."""
    work_report = _own(congress, work_report, "专项工作报告", WorkReport)
    report = _own(congress, report, "调研（检查）报告", Report)
    body = _own(congress, body, "送达机关", Organisation)
    meeting = _own(congress, meeting, "会议", Meeting)
    errors = Errors()
    if (work_report is None) == (report is None):
        errors.add("work_report", "须选择一份经常委会会议审议的专项工作报告或调研（检查）报告（只选一项）")
    agenda_item = None
    if work_report is not None:
        if work_report.status not in DELIBERATED_REPORTS:
            errors.add("work_report", f"“专项工作报告”《{work_report.title}》现为{work_report.get_status_display()}，"
                                      "须经常委会会议审议后才能起草审议意见")
        agenda_item = agenda_item_of(work_report, None)
        body = body or work_report.body
        meeting = meeting or Meeting.objects.in_congress(congress).get(pk=work_report.meeting_id)
    if report is not None:
        agenda_item = agenda_item_of(None, report)
        if agenda_item is None:
            errors.add("report", f"“调研（检查）报告”《{report.title}》尚未提请常委会会议审议，不能起草审议意见")
        else:
            meeting = meeting or agenda_item.meeting
        if body is None:
            errors.add("body", "“送达机关”必须选择（调研（检查）报告须指定审议意见送达的机关）")
    if meeting is not None and meeting.kind != Meeting.Kind.SC_SESSION:
        errors.add("meeting", f"“审议的常委会会议”须为常务委员会会议，{meeting.title}不是")
    source = work_report or report
    if source is None:
        errors.raise_if_any()  # nothing to draft from: the title's default is unknown too
    if source is not None:
        taken = ReviewOpinion.objects.in_congress(congress).filter(
            **({"work_report": work_report} if work_report is not None else {"report": report})).first()
        if taken is not None:
            errors.add("work_report" if work_report is not None else "report", f"该报告已有审议意见《{taken.title}》")
    data = {"title": title or default_title(work_report, report), "number": number,
            "preamble": default_preamble(meeting, body, work_report, report) if preamble is None else preamble}
    title = validation.text(data, errors, "title", "标题", required=True, max_length=200, multiline=False)
    number = validation.text(data, errors, "number", "文号", max_length=60, multiline=False)
    preamble = validation.text(data, errors, "preamble", "开头", max_length=4000, multiline=True)
    errors.raise_if_any()
    assert meeting is not None and body is not None
    opinion = ReviewOpinion.objects.create(congress=congress, title=title, number=number, work_report=work_report,
                                           report=report, meeting=meeting, body=body, preamble=preamble)
    order = 0
    for finding in source_findings(congress, work_report, report):
        order += 1
        OpinionPoint.objects.create(congress=congress, opinion=opinion, order=order, heading=finding.heading[:200],
                                    text=finding.text, finding=finding)
    for speech in source_speeches(congress, agenda_item):
        order += 1
        heading, point_text = speech_point(speech)
        OpinionPoint.objects.create(congress=congress, opinion=opinion, order=order, heading=heading,
                                    text=point_text, speech=speech)
    audit.record(congress, actor, "draft_review_opinion", opinion,
                 after={"title": title, "number": number, "body": body.name, "meeting": meeting.title,
                        "source": str(source), "points": order})
    return opinion


def _drafting(opinion: ReviewOpinion) -> None:
    if opinion.status != OP.DRAFTING:
        raise ValidationError({"status": f"审议意见《{opinion.title}》现为{opinion.get_status_display()}，"
                                         "只能在起草中修改"})


@action("draft_review_opinion")
def edit_review_opinion(congress: Congress, opinion: ReviewOpinion, *, actor, title: str, number: str = "",
                        preamble: str = "", body: Organisation | None = None,
                        points: list[dict] | None = None) -> ReviewOpinion:
    """Edit the draft: its title, number, addressee and preamble, and its points — the list given is
    the whole list in its order (``{"id": …}`` keeps and edits a point, one without an id is added,
    a point left out is removed)."""
    opinion = opinion_of(congress, opinion)
    _drafting(opinion)
    body = _own(congress, body, "送达机关", Organisation) or opinion.body
    errors = Errors()
    data = {"title": title, "number": number, "preamble": preamble}
    title = validation.text(data, errors, "title", "标题", required=True, max_length=200, multiline=False)
    number = validation.text(data, errors, "number", "文号", max_length=60, multiline=False)
    preamble = validation.text(data, errors, "preamble", "开头", max_length=4000, multiline=True)
    existing = {p.pk: p for p in points_of(opinion)}
    cleaned: list[tuple[OpinionPoint | None, str, str]] = []
    if points is None:
        points = [{"id": p.pk, "heading": p.heading, "text": p.text} for p in existing.values()]
    if not isinstance(points, list):
        errors.add("points", "“意见条目”须为列表")
        points = []
    if not points:
        errors.add("points", "审议意见至少要有一条意见")
    if len(points) > MAX_POINTS:
        errors.add("points", f"审议意见至多 {MAX_POINTS} 条，现有 {len(points)} 条")
    seen: set[int] = set()
    for n, entry in enumerate(points[:MAX_POINTS], start=1):
        if not isinstance(entry, dict):
            errors.add("points", f"第{n}条意见须写明标题和内容")
            continue
        point = None
        if entry.get("id") not in (None, ""):
            pk = id_or_none(entry.get("id"))
            point = existing.get(pk) if pk is not None else None
            if point is None:
                errors.add("points", f"第{n}条意见不是本审议意见的条目（编号 {entry.get('id')}）")
                continue
            if point.pk in seen:
                errors.add("points", f"第{n}条意见与前面的条目重复")
                continue
            seen.add(point.pk)
        row = Errors()
        heading = validation.text(entry, row, "heading", f"第{n}条意见的标题", required=True, max_length=200, multiline=False)
        body_text = validation.text(entry, row, "text", f"第{n}条意见的内容", max_length=4000, multiline=True)
        for messages in row.by_field.values():
            for message in messages:
                errors.add("points", message)
        cleaned.append((point, heading, body_text))
    errors.raise_if_any()
    before = {"title": opinion.title, "number": opinion.number, "body": opinion.body.name,
              "points": [p.heading for p in existing.values()]}
    kept = {p.pk for p, _, _ in cleaned if p is not None}
    # Points are referenced by nothing while drafting (the rectification list takes them at sending);
    # one statement that names its congress (Django's collector would delete by id alone).
    gone = OpinionPoint.objects.in_congress(congress).filter(opinion=opinion).exclude(pk__in=kept)
    gone._raw_delete(gone.db)
    for order, (point, heading, body_text) in enumerate(cleaned, start=1):
        if point is None:
            OpinionPoint.objects.create(congress=congress, opinion=opinion, order=order, heading=heading,
                                        text=body_text)
        elif (point.order, point.heading, point.text) != (order, heading, body_text):
            point.order, point.heading, point.text = order, heading, body_text
            point.save(update_fields=["order", "heading", "text"])
    opinion.title, opinion.number, opinion.preamble, opinion.body = title, number, preamble, body
    opinion.save(update_fields=["title", "number", "preamble", "body"])
    after = {"title": title, "number": number, "body": body.name, "points": [h for _, h, _ in cleaned]}
    old, new = audit.changed(before, after)
    audit.record(congress, actor, "draft_review_opinion", opinion, before=old, after=new)
    return opinion


# ---------------------------------------------------------------- approval and sending


@action("approve_review_opinion")
def approve_review_opinion(congress: Congress, opinion: ReviewOpinion, *, actor, meeting: Meeting) -> ReviewOpinion:
    """The directors' meeting of this congress approved the opinions: recorded with its date."""
    opinion = opinion_of(congress, opinion)
    errors = Errors()
    if meeting in (None, ""):
        errors.add("meeting", "“通过的主任会议”必须选择")
        errors.raise_if_any()
    meeting = _own(congress, meeting, "主任会议", Meeting)
    if meeting.kind != Meeting.Kind.DIRECTORS:
        errors.add("meeting", f"“通过的主任会议”须为主任会议，{meeting.title}是{meeting.get_kind_display()}")
    else:
        deliberated = Meeting.objects.in_congress(congress).get(pk=opinion.meeting_id)
        if timezone.localtime(meeting.starts_at).date() < timezone.localtime(deliberated.starts_at).date():
            errors.add("meeting", f"“通过的主任会议”须在审议的{deliberated.title}之后举行")
    if opinion.status == OP.DRAFTING:
        points = points_of(opinion)
        if not points:
            errors.add("points", "审议意见至少要有一条意见")
        if PLACEHOLDER in opinion.preamble:
            errors.add("preamble", f"“开头”还有待填写的“{PLACEHOLDER}”，请写完整后再提请主任会议通过")
        for point in points:
            if not point.heading.strip():
                errors.add("points", f"第{point.order}条意见的标题为空，请填写后再提请主任会议通过")
            if PLACEHOLDER in point.heading or PLACEHOLDER in point.text:
                errors.add("points", f"第{point.order}条意见“{point.heading[:30]}”还有待填写的“{PLACEHOLDER}”，"
                                     "请写完整后再提请主任会议通过")
    errors.raise_if_any()
    OPINION_WORKFLOW.check(opinion.status, OP.APPROVED, roles_of(actor, congress), congress,
                           action="approve_review_opinion")
    opinion.status = OP.APPROVED
    opinion.approved_at_meeting = meeting
    opinion.approved_on = timezone.localtime(meeting.starts_at).date()
    opinion.save(update_fields=["status", "approved_at_meeting", "approved_on"])
    audit.record(congress, actor, "approve_review_opinion", opinion, before={"status": OP.DRAFTING},
                 after={"status": opinion.status, "meeting": meeting.title, "approved_on": str(opinion.approved_on)})
    return opinion


@action("send_review_opinion")
def send_review_opinion(congress: Congress, opinion: ReviewOpinion, *, actor, sent_on=None, reply_due=None,
                        rectification: dict | None = None) -> ReviewOpinion:
    """Send the opinions to the body: the reply is due ``reply_due`` (given, after the sending date),
    else the sending date plus the rule's days (none when the rule is empty). ``rectification`` maps a
    point (or its id) to the problems it puts on the rectification list (problem, goal, measures,
    due_on, owner, unit — the body when left out)."""
    opinion = opinion_of(congress, opinion)
    errors = Errors()
    data = {"sent_on": sent_on or timezone.localdate(), "reply_due": reply_due}
    sent = validation.date(data, errors, "sent_on", "交办日期", required=True)
    due = validation.date(data, errors, "reply_due", "书面报告期限")
    if sent is not None and opinion.approved_on is not None and sent < opinion.approved_on:
        errors.add("sent_on", f"“交办日期”不能早于主任会议通过日期（{opinion.approved_on.isoformat()}）")
    if sent is not None and sent > timezone.localdate():
        errors.add("sent_on", f"“交办日期”不能晚于今天（{timezone.localdate().isoformat()}）")
    if sent is not None and due is not None and due <= sent:
        errors.add("reply_due", f"“书面报告期限”须晚于交办日期（{sent.isoformat()}），收到：{due.isoformat()}")
    days = rules.get(congress, "oversight.review_response_days")
    if sent is not None and due is None and days:
        due = sent + datetime.timedelta(days=days)
    points = {p.pk: p for p in points_of(opinion)}
    listed: list[tuple[OpinionPoint, list[dict]]] = []
    if rectification not in (None, "", {}):
        if not isinstance(rectification, dict):
            errors.add("rectification", "“整改事项”须按意见条目列出")
        else:
            for key, entries in rectification.items():
                pk = key.pk if isinstance(key, OpinionPoint) else id_or_none(key)
                point = points.get(pk) if pk is not None else None
                if point is None:
                    errors.add("rectification", f"整改事项所属的意见条目（{key}）不是本审议意见的条目")
                    continue
                if entries in (None, "", []):
                    continue
                row = Errors()
                cleaned = check_entries(congress, entries, row, field="rectification", default_unit=opinion.body)
                for message in row.by_field.get("rectification", []):
                    errors.add("rectification", f"第{point.order}条意见“{point.heading[:30]}”：{message}")
                listed.append((point, cleaned))
    errors.raise_if_any()
    OPINION_WORKFLOW.check(opinion.status, OP.SENT, roles_of(actor, congress), congress, action="send_review_opinion")
    opinion.status, opinion.sent_on, opinion.reply_due = OP.SENT, sent, due
    opinion.save(update_fields=["status", "sent_on", "reply_due"])
    items = []
    for point, cleaned in sorted(listed, key=lambda pair: pair[0].order):
        items += make_items(congress, actor=actor, source=RectificationItem.Source.REVIEW_OPINION, cleaned=cleaned,
                            opinion_point=point)
    audit.record(congress, actor, "send_review_opinion", opinion, before={"status": OP.APPROVED},
                 after={"status": opinion.status, "sent_on": str(sent), "reply_due": str(due) if due else "",
                        "rectification": [i.problem[:60] for i in items]})
    return opinion


# ---------------------------------------------------------------- the reply


@action("file_opinion_reply")
def file_opinion_reply(congress: Congress, opinion: ReviewOpinion, *, actor, text: str = "",
                       document=None, signed_by: str = "") -> OpinionReply:
    """The body files its written report on how it dealt with the opinions (研究处理情况报告); only
    once the opinions were sent, only by the body's own unit officers (or the office's staff)."""
    reply_text = text
    opinion = opinion_of(congress, opinion)
    if not _is_staff(actor, congress) and opinion.body_id not in organisations_of(actor, congress, Role.UNIT_OFFICER):
        raise NotPermitted(f"只有{opinion.body.name}可以报送本机关的研究处理情况报告")
    if opinion.status in (OP.DRAFTING, OP.APPROVED):
        raise ValidationError({"status": f"审议意见《{opinion.title}》尚未交办（现为{opinion.get_status_display()}），"
                                         "不能报送研究处理情况"})
    earlier = reply_of(opinion)
    if earlier is not None:
        raise ValidationError({"text": f"{opinion.body.name}已于 {timezone.localtime(earlier.filed_at):%Y-%m-%d} "
                                       "报送研究处理情况"})
    errors = Errors()
    data = {"text": reply_text, "signed_by": signed_by}
    reply_text = validation.text(data, errors, "text", "研究处理情况", required=True, max_length=20000, multiline=True)
    signed_by = validation.text(data, errors, "signed_by", "报告人", max_length=100, multiline=False)
    if document is not None:
        uploads.check(document, "oversight_document", errors, "document", what="“报告文本”")
    errors.raise_if_any()
    OPINION_WORKFLOW.check(opinion.status, OP.REPLIED, roles_of(actor, congress), congress, action="file_opinion_reply")
    reply = OpinionReply(congress=congress, opinion=opinion, text=reply_text, signed_by=signed_by,
                         filed_at=timezone.now(), filed_by=actor)
    if document is not None:
        reply.document = document
    reply.save()
    opinion.status = OP.REPLIED
    opinion.save(update_fields=["status"])
    late = is_reply_late(opinion, reply)
    audit.record(congress, actor, "file_opinion_reply", opinion, before={"status": OP.SENT},
                 after={"status": opinion.status, "signed_by": signed_by, "late": late,
                        "document": reply.document.name if reply.document else ""})
    return reply


@action("deliberate_opinion_reply")
def deliberate_opinion_reply(congress: Congress, opinion: ReviewOpinion, *, actor, meeting: Meeting) -> OpinionReply:
    """Put the reply on a later standing-committee session's agenda (where the congress so decides,
    rule ``oversight.reply_deliberated``)."""
    from renda.oversight.opinion_documents import reply_subject

    opinion = opinion_of(congress, opinion)
    if not rules.get(congress, "oversight.reply_deliberated"):
        raise ValidationError({"status": "本级人大未规定研究处理情况报告提请常委会会议审议"
                                         "（规则“审议意见研究处理情况报告提请常委会会议审议”未开启）"})
    errors = Errors()
    if meeting in (None, ""):
        errors.add("meeting", "“审议的常委会会议”必须选择")
        errors.raise_if_any()
    meeting = _own(congress, meeting, "会议", Meeting)
    reply = reply_of(opinion)
    if reply is None:
        raise ValidationError({"status": f"{opinion.body.name}尚未报送研究处理情况，不能提请审议"})
    if meeting.kind != Meeting.Kind.SC_SESSION:
        errors.add("meeting", f"“审议的常委会会议”须为常务委员会会议，{meeting.title}是{meeting.get_kind_display()}")
    elif meeting.status == Meeting.Status.CLOSED:
        errors.add("meeting", f"“审议的常委会会议”{meeting.title}已闭会")
    elif meeting.starts_at < reply.filed_at:
        errors.add("meeting", f"“审议的常委会会议”须在研究处理情况报告报送之后举行，{meeting.title}在此之前")
    errors.raise_if_any()
    OPINION_WORKFLOW.check(opinion.status, OP.DELIBERATED, roles_of(actor, congress), congress,
                           action="deliberate_opinion_reply")
    item = meeting_actions.add_agenda_item(
        congress, meeting, actor=actor, kind=AgendaItem.Kind.REPORT,
        title=f"审议{opinion.body.name}关于{reply_subject(opinion)}研究处理情况的报告"[:200])
    reply.agenda_item = item
    reply.save(update_fields=["agenda_item"])
    opinion.status = OP.DELIBERATED
    opinion.save(update_fields=["status"])
    audit.record(congress, actor, "deliberate_opinion_reply", opinion, before={"status": OP.REPLIED},
                 after={"status": opinion.status, "meeting": meeting.title, "agenda_item": item.title})
    return reply


@action("publish_review_opinion")
def publish_review_opinion(congress: Congress, opinion: ReviewOpinion, *, actor, published_on=None) -> ReviewOpinion:
    """Publish the opinions with the body's reply (监督法第十四条: 向社会公开)."""
    opinion = opinion_of(congress, opinion)
    if opinion.status == OP.REPLIED and rules.get(congress, "oversight.reply_deliberated"):
        raise ValidationError({"status": "本级人大规定研究处理情况报告须提请常委会会议审议，审议后才能公开"})
    if opinion.status in (OP.DRAFTING, OP.APPROVED, OP.SENT):
        raise ValidationError({"status": f"审议意见《{opinion.title}》现为{opinion.get_status_display()}，"
                                         "报送研究处理情况后才能公开"})
    errors = Errors()
    day = validation.date({"published_on": published_on or timezone.localdate()}, errors, "published_on", "公开日期",
               required=True)
    reply = reply_of(opinion)
    if day is not None and reply is not None and day < timezone.localtime(reply.filed_at).date():
        errors.add("published_on", f"“公开日期”不能早于研究处理情况报告报送日期"
                                   f"（{timezone.localtime(reply.filed_at):%Y-%m-%d}）")
    errors.raise_if_any()
    before = opinion.status
    OPINION_WORKFLOW.check(opinion.status, OP.PUBLISHED, roles_of(actor, congress), congress,
                           action="publish_review_opinion")
    opinion.status, opinion.published_on = OP.PUBLISHED, day
    opinion.save(update_fields=["status", "published_on"])
    audit.record(congress, actor, "publish_review_opinion", opinion, before={"status": before},
                 after={"status": opinion.status, "published_on": str(day)})
    return opinion
