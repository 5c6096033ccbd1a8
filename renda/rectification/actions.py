"""Writes to the rectification list, one function per use case.

``check_entries`` and ``make_items`` are the one way any app puts problems on the list: an action
of its own (an inspection, a review opinion, an inquiry) validates the entries with
``check_entries`` among its other fields and creates them with ``make_items`` inside its own
transaction and audit record; ``list_problems`` is the office's direct way to do the same."""

from __future__ import annotations

import datetime
from typing import Any

from django.urls import reverse
from django.utils import timezone

from renda.core import audit, rules, uploads
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress
from renda.core.permissions import roles_of
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.meetings import actions as meeting_actions
from renda.meetings.models import AgendaItem, Meeting
from renda.people import validation
from renda.people.models import Organisation
from renda.people.validation import Errors, date, id_or_none, text
from renda.proposals.models import Notice
from renda.rectification import queries
from renda.rectification import tallies as kept
from renda.rectification.models import RectificationItem, RectificationUpdate
from renda.rectification.workflows import RECTIFICATION_WORKFLOW

# The link each source may carry (the model's foreign keys); an entry's source and link must agree.
LINKS = {
    RectificationItem.Source.REVIEW_OPINION: "opinion_point",
    RectificationItem.Source.LAW_INSPECTION: "finding",
    RectificationItem.Source.SURVEY: "finding",
    RectificationItem.Source.VISIT: "finding",
    RectificationItem.Source.LIVELIHOOD: "livelihood_project",
    RectificationItem.Source.INQUIRY: "inquiry_question",
    RectificationItem.Source.QUESTIONING: "questioning",
    RectificationItem.Source.INVESTIGATION: "investigation",
    RectificationItem.Source.DECISION: "decision",
}


def _unit(congress: Congress, value: Any) -> Organisation | None:
    if isinstance(value, Organisation):
        return value if value.congress_id == congress.pk else None
    pk = id_or_none(value)
    return Organisation.objects.in_congress(congress).filter(pk=pk).first() if pk else None


def check_entries(congress: Congress, entries: Any, errors: Errors, field: str = "items",
                  default_unit: Organisation | None = None, required: bool = False) -> list[dict]:
    """Each entry — a dict with problem, goal, measures, due_on, unit (an organisation or its id) and
    owner — cleaned; every fault is added to ``errors`` under ``field``, naming the entry by number
    (“第2项整改事项的责任人必须填写”). The unit may be left out where ``default_unit`` stands in (a
    livelihood project's lead unit)."""
    if entries in (None, ""):
        entries = []
    if not isinstance(entries, list):
        errors.add(field, "整改事项须为列表")
        return []
    if required and not entries:
        errors.add(field, "至少要列入一项整改事项")
    cleaned = []
    for n, entry in enumerate(entries, start=1):
        what = f"第{n}项整改事项"
        if not isinstance(entry, dict):
            errors.add(field, f"{what}须写明问题、整改时限、责任单位和责任人")
            continue
        row = Errors()
        problem = text(entry, row, "problem", f"{what}的问题", required=True, max_length=1000)
        goal = text(entry, row, "goal", f"{what}的整改目标", max_length=500)
        measures = text(entry, row, "measures", f"{what}的整改措施", max_length=4000)
        owner = text(entry, row, "owner", f"{what}的责任人", required=True, max_length=100)
        due_on = date(entry, row, "due_on", f"{what}的整改时限", required=True)
        unit = default_unit if entry.get("unit") in (None, "") else _unit(congress, entry.get("unit"))
        if unit is None:
            row.add("unit", f"“{what}的责任单位”必须填写，且须为本级的单位" if entry.get("unit") in (None, "")
                    else f"“{what}的责任单位”不是本级的单位")
        for messages in row.by_field.values():
            for message in messages:
                errors.add(field, message)
        cleaned.append({"problem": problem, "goal": goal, "measures": measures, "owner": owner,
                        "due_on": due_on, "unit": unit})
    return cleaned


def make_items(congress: Congress, *, actor, source: str, cleaned: list[dict],
               **link: Any) -> list[RectificationItem]:
    """Create the entries ``check_entries`` returned (call only once it found no fault), each
    carrying the link its source allows (e.g. ``finding=…``, ``livelihood_project=…``)."""
    allowed = {LINKS[RectificationItem.Source(source)], "livelihood_inspection"}
    unknown = set(link) - allowed
    if unknown:
        raise TypeError(f"a {source} item cannot link {sorted(unknown)}")
    items = [RectificationItem(congress=congress, source=source, created_by=actor, **entry, **link)
             for entry in cleaned]
    made = RectificationItem.objects.bulk_create(items)
    kept.added(congress, made)
    return made


@action("list_rectification")
def list_problems(congress: Congress, *, actor, source: str, entries: list[dict], **link: Any) -> list[RectificationItem]:
    """The office (or the committee) puts problems on the list directly, from any source, linked
    to the record they came from."""
    errors = Errors()
    if source not in RectificationItem.Source.values:
        errors.add("source", "“来源”须为：" + "、".join(RectificationItem.Source.labels))
    for name, obj in link.items():
        if obj is not None and getattr(obj, "congress_id", None) != congress.pk:
            errors.add(name, "关联的记录不属于本级人大")
    cleaned = check_entries(congress, entries, errors, required=True)
    errors.raise_if_any()
    items = make_items(congress, actor=actor, source=source, cleaned=cleaned,
                       **{k: v for k, v in link.items() if v is not None})
    audit.record(congress, actor, "list_rectification", None, object_repr=f"整改清单：{len(items)} 项",
                 after={"source": source, "items": [i.problem[:60] for i in items]})
    return items


def is_overdue(item: RectificationItem, today: datetime.date) -> bool:
    return item.status != RectificationItem.Status.CLOSED and item.due_on < today


# ---------------------------------------------------------------- tracking an item to closure

PURPOSE_DOCUMENT, PURPOSE_PHOTO = "oversight_document", "oversight_photo"
S = RectificationItem.Status
K = RectificationUpdate.Kind


def _locked(congress: Congress, item: RectificationItem) -> RectificationItem:
    """The item, ours (another congress's → NotFound), locked for this transaction."""
    ensure_own(congress, item, "整改事项")
    return RectificationItem.objects.in_congress(congress).select_for_update().get(pk=item.pk)


def _own_unit(congress: Congress, actor, item: RectificationItem) -> None:
    """Staff act on every item; a unit officer on the unit's own items only."""
    if not queries.may_act_on(actor, congress, item):
        raise NotPermitted("只能办理本单位的整改事项")


def _evidence(upload, errors: Errors, field: str, label: str, purpose: str = PURPOSE_DOCUMENT,
              required: bool = False):
    """The upload checked for its purpose (a document: pdf, ofd, Word, Excel or a photo; a photo:
    jpeg or png), or None."""
    if upload in (None, ""):
        if required:
            errors.add(field, f"“{label}”必须上传：申请销号须附整改佐证材料")
        return None
    uploads.check(upload, purpose, errors, field, what=f"“{label}”")
    return upload


def _today(on: Any, errors: Errors, field: str = "on", label: str = "日期") -> datetime.date:
    today = timezone.localdate()
    if on in (None, ""):
        return today
    value = date({field: on}, errors, field, label)
    if value is not None and value > today:
        errors.add(field, f"“{label}”不能晚于今天（{today}）")
    return value or today


def _update(congress: Congress, item: RectificationItem, actor, kind: str, text_: str, on: datetime.date,
            evidence=None) -> RectificationUpdate:
    update = RectificationUpdate(congress=congress, item=item, kind=kind, text=text_, on=on, by=actor)
    if evidence is not None:
        update.evidence = evidence
    update.save()
    return update


@action("report_rectification_progress")
def report_progress(congress: Congress, item: RectificationItem, *, actor, text: str, evidence=None, goal=None,
                    measures=None, on=None) -> RectificationUpdate:
    """The unit (or the office for it) reports how the work stands, optionally with a document or
    photo, and may set or refine the goal and the measures."""
    item = _locked(congress, item)
    _own_unit(congress, actor, item)
    require_status(item, S.OPEN)
    errors = Errors()
    data = {"text": text, "goal": goal, "measures": measures}
    body = validation.text(data, errors, "text", "进展情况", required=True, max_length=4000, multiline=True)
    new_goal = validation.text(data, errors, "goal", "整改目标", max_length=500) if goal is not None else None
    new_measures = (validation.text(data, errors, "measures", "整改措施", max_length=4000, multiline=True)
                    if measures is not None else None)
    day = _today(on, errors, "on", "报告日期")
    upload = _evidence(evidence, errors, "evidence", "佐证材料")
    errors.raise_if_any()
    before = {"goal": item.goal, "measures": item.measures}
    changed = []
    if new_goal is not None and new_goal != item.goal:
        item.goal = new_goal
        changed.append("goal")
    if new_measures is not None and new_measures != item.measures:
        item.measures = new_measures
        changed.append("measures")
    if changed:
        item.save(update_fields=changed)
    update = _update(congress, item, actor, K.PROGRESS, body, day, upload)
    audit.record(congress, actor, "report_rectification_progress", item, object_repr=str(item),
                 before=before if changed else None,
                 after={"progress": body[:200], "evidence": bool(upload), **{f: getattr(item, f) for f in changed}})
    return update


@action("report_rectification_progress")
def request_closure(congress: Congress, item: RectificationItem, *, actor, text: str, evidence=None,
                    on=None) -> RectificationUpdate:
    """申请销号: the unit says what was done and lodges the evidence (a file is required); the item
    waits for the committee's acceptance."""
    item = _locked(congress, item)
    _own_unit(congress, actor, item)
    RECTIFICATION_WORKFLOW.check(item.status, S.CLAIMED, roles_of(actor, congress), congress,
                                 action="report_rectification_progress")
    errors = Errors()
    body = validation.text({"text": text}, errors, "text", "整改完成情况", required=True, max_length=4000,
                           multiline=True)
    day = _today(on, errors, "on", "申请日期")
    upload = _evidence(evidence, errors, "evidence", "佐证材料", required=True)
    errors.raise_if_any()
    with kept.track(congress, item):
        item.status = S.CLAIMED
        item.resolution = body[:1000]
        item.save(update_fields=["status", "resolution"])
    update = _update(congress, item, actor, K.CLOSURE_REQUEST, body, day, upload)
    audit.record(congress, actor, "report_rectification_progress", item, object_repr=str(item),
                 before={"status": S.OPEN}, after={"status": S.CLAIMED, "resolution": body[:200]})
    return update


@action("check_rectification")
def record_check(congress: Congress, item: RectificationItem, *, actor, kind: str, findings: str, photo=None,
                 on=None) -> RectificationUpdate:
    """实地检查 or 抽查 by staff or a member: what they found, optionally a photo."""
    item = _locked(congress, item)
    errors = Errors()
    if kind not in (K.SITE_CHECK, K.SPOT_CHECK):
        errors.add("kind", "“检查方式”须为：实地检查、抽查")
    body = validation.text({"findings": findings}, errors, "findings", "检查情况", required=True, max_length=4000,
                           multiline=True)
    day = _today(on, errors, "on", "检查日期")
    upload = _evidence(photo, errors, "photo", "现场照片", purpose=PURPOSE_PHOTO)
    errors.raise_if_any()
    update = _update(congress, item, actor, kind, body, day, upload)
    audit.record(congress, actor, "check_rectification", item, object_repr=str(item),
                 after={"kind": kind, "findings": body[:200], "photo": bool(upload)})
    return update


@action("accept_rectification")
def accept_closure(congress: Congress, item: RectificationItem, *, actor, resolution: str = "",
                   on=None) -> RectificationItem:
    """The committee's acceptance (验收销号) of a claimed item: closed on the day, with what was done."""
    item = _locked(congress, item)
    if item.status != S.CLAIMED:
        raise ValidationError({"status": f"只有“{S.CLAIMED.label}”的整改事项才能验收销号，该事项现为“{item.get_status_display()}”"})
    RECTIFICATION_WORKFLOW.check(item.status, S.CLOSED, roles_of(actor, congress), congress,
                                 action="accept_rectification")
    errors = Errors()
    text_ = validation.text({"resolution": resolution}, errors, "resolution", "验收意见", max_length=1000,
                            multiline=True)
    day = _today(on, errors, "on", "销号日期")
    errors.raise_if_any()
    with kept.track(congress, item):
        item.status = S.CLOSED
        item.closed_on = day
        item.resolution = text_ or item.resolution
        item.accepted_by = actor
        item.save(update_fields=["status", "closed_on", "resolution", "accepted_by"])
    _update(congress, item, actor, K.ACCEPTED, text_ or "验收通过，予以销号", day)
    audit.record(congress, actor, "accept_rectification", item, object_repr=str(item),
                 before={"status": S.CLAIMED}, after={"status": S.CLOSED, "closed_on": day.isoformat()})
    return item


@action("accept_rectification")
def return_item(congress: Congress, item: RectificationItem, *, actor, reason: str) -> RectificationItem:
    """验收未通过: the claimed item goes back to the unit with the reason."""
    item = _locked(congress, item)
    if item.status != S.CLAIMED:
        raise ValidationError({"status": f"只有“{S.CLAIMED.label}”的整改事项才能退回，该事项现为“{item.get_status_display()}”"})
    RECTIFICATION_WORKFLOW.check(item.status, S.OPEN, roles_of(actor, congress), congress,
                                 action="accept_rectification")
    errors = Errors()
    why = validation.text({"reason": reason}, errors, "reason", "退回理由", required=True, max_length=4000,
                          multiline=True)
    errors.raise_if_any()
    with kept.track(congress, item):
        item.status = S.OPEN
        item.save(update_fields=["status"])
    _update(congress, item, actor, K.RETURNED, why, timezone.localdate())
    audit.record(congress, actor, "accept_rectification", item, object_repr=str(item),
                 before={"status": S.CLAIMED}, after={"status": S.OPEN, "reason": why[:200]})
    return item


def reminder_text(item: RectificationItem, today: datetime.date, days_before: set[int]) -> str | None:
    """The reminder due today for an open item, or None: N days before the deadline (rule
    rectification.reminder_days) and on each overdue day. A claimed or closed item is not reminded."""
    if item.status != S.OPEN:
        return None
    left = (item.due_on - today).days
    if left in days_before:
        return f"整改事项“{item.problem[:40]}”还有 {left} 天到期（{item.due_on}）" if left else \
            f"整改事项“{item.problem[:40]}”今天到期（{item.due_on}）"
    if left < 0:
        return f"整改事项“{item.problem[:40]}”已逾期 {-left} 天（时限 {item.due_on}）"
    return None


@action("escalate_rectification")
def send_reminders(congress: Congress, *, actor, today=None) -> int:
    """Outbox notices to each open item's unit N days before its deadline and on every overdue day,
    with a 催办提醒 on the item's history. Idempotent: one per item and day."""
    today = today or timezone.localdate()
    days_before = set(rules.get(congress, "rectification.reminder_days"))
    due: list[tuple[RectificationItem, str, str]] = []
    for item in RectificationItem.objects.in_congress(congress).filter(status=S.OPEN, unit__isnull=False):
        message = reminder_text(item, today, days_before)
        if message:
            due.append((item, message, f"rectification:{item.pk}:{today.isoformat()}"))
    sent = set(Notice.objects.in_congress(congress).filter(key__in=[k for _, _, k in due]).values_list("key", flat=True))
    due = [row for row in due if row[2] not in sent]
    notices = [Notice(congress=congress, unit_id=item.unit_id, link=reverse("rectification_item", args=[congress.code, item.pk]),
                      text=message[:300], key=key) for item, message, key in due]
    created = Notice.objects.bulk_create(notices, ignore_conflicts=True)
    RectificationUpdate.objects.bulk_create([
        RectificationUpdate(congress=congress, item=item, kind=K.REMINDER, text=message, on=today, by=actor)
        for item, message, _ in due])
    audit.record(congress, actor, "escalate_rectification", None, object_repr=f"{today} 整改催办提醒",
                 after={"reminders": len(created)})
    return len(notices)


def overdue_for_escalation(congress: Congress, today: datetime.date):
    """Items not closed whose deadline passed more than ``rectification.escalate_after_days`` ago and
    not yet escalated."""
    after = rules.get(congress, "rectification.escalate_after_days")
    return (RectificationItem.objects.in_congress(congress)
            .filter(due_on__lt=today - datetime.timedelta(days=after), escalated_on__isnull=True)
            .exclude(status=S.CLOSED).select_related("unit").order_by("due_on", "id"))


@action("escalate_rectification")
def escalate_overdue(congress: Congress, *, actor, meeting: Meeting, today=None) -> AgendaItem | None:
    """提请主任会议研究: the items overdue beyond the rule go onto the given directors' meeting's agenda
    as one item listing them; each item records where it went. Items already escalated are not
    taken again; with nothing to escalate, nothing is written but the audit (None returned)."""
    today = today or timezone.localdate()
    ensure_own(congress, meeting, "会议")
    errors = Errors()
    if meeting.kind != Meeting.Kind.DIRECTORS:
        errors.add("meeting", "“会议”须为主任会议")
    elif meeting.status == Meeting.Status.CLOSED:
        errors.add("meeting", f"“会议”{meeting.title}已闭会")
    errors.raise_if_any()
    items = list(overdue_for_escalation(congress, today).select_for_update(of=("self",)))
    if not items:
        audit.record(congress, actor, "escalate_rectification", meeting, object_repr=meeting.title,
                     after={"escalated": 0})
        return None
    title = f"研究逾期未完成整改事项（{len(items)}项）"
    agenda_item = meeting_actions.add_agenda_item(congress, meeting, actor=actor, kind=AgendaItem.Kind.OTHER,
                                                  title=title)
    units = "、".join(dict.fromkeys(i.unit.name for i in items if i.unit))
    for item in items:
        item.escalated_on = today
        item.escalated_to = agenda_item
        item.save(update_fields=["escalated_on", "escalated_to"])
        _update(congress, item, actor, K.ESCALATED,
                f"逾期 {(today - item.due_on).days} 天，提请{meeting.title}研究（议题：{title}）", today)
    audit.record(congress, actor, "escalate_rectification", meeting, object_repr=title,
                 after={"escalated": [i.pk for i in items], "units": units[:300]})
    return agenda_item
