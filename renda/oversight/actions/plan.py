"""Writes for the yearly oversight plan (年度监督工作计划): drafted by the office, item by item, approved
by the directors' meeting, published; afterwards only an item's postponement, cancellation or hearing
is recorded by hand (its progress otherwise follows from its activities: ``oversight.progress``)."""

from __future__ import annotations

import datetime

from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone

from renda.core import audit, tallies
from renda.core.errors import ValidationError
from renda.core.models import Congress
from renda.core.permissions import roles_of
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.meetings.models import Meeting
from renda.oversight import tallies as kept
from renda.oversight.models import Plan, PlanItem, PlanItemCommittee
from renda.oversight.workflows import PLAN_WORKFLOW
from renda.people.models import Organisation, Person
from renda.people.queries import person_of
from renda.people.validation import FIRST_REPORT_YEAR, Errors, date, text, whole_number

COMMITTEE_KINDS = (Organisation.Kind.SPECIAL_COMMITTEE, Organisation.Kind.WORKING_COMMITTEE)
K = PlanItem.Kind
# Items that hear a body's report: the body (报告机关) must be named.
REPORT_KINDS = (K.WORK_REPORT, K.ENVIRONMENT, K.RULE_OF_LAW, K.PLAN_EXECUTION, K.BUDGET, K.FINAL_ACCOUNTS, K.AUDIT,
                K.STATE_ASSETS, K.DEBT)
# What an office may record by hand once the plan is approved; PLANNED takes a recorded decision back.
SETTABLE = (PlanItem.Status.POSTPONED, PlanItem.Status.CANCELLED, PlanItem.Status.HEARD, PlanItem.Status.PLANNED)


def year_bounds() -> tuple[int, int]:
    return FIRST_REPORT_YEAR, timezone.localdate().year + 1


def meeting_day(meeting: Meeting) -> datetime.date:
    return timezone.localtime(meeting.starts_at).date()


def own_organisation(congress: Congress, errors: Errors, field: str, label: str, org, kinds) -> Organisation | None:
    """An organisation of this congress of one of ``kinds``, or None with the error noted."""
    if org is None:
        return None
    if not isinstance(org, Organisation) or org.congress_id != congress.pk:
        errors.add(field, f"“{label}”在本级找不到")
        return None
    if org.kind not in kinds:
        wanted = "或".join(Organisation.Kind(k).label for k in kinds)
        errors.add(field, f"“{label}”须为{wanted}，“{org.name}”是{org.get_kind_display()}")
        return None
    return org


def own_person(congress: Congress, errors: Errors, field: str, label: str, person) -> Person | None:
    """A person this congress holds a record of (a mandate or a post here), or None with the error noted."""
    if person is None:
        return None
    found = person_of(congress, getattr(person, "pk", None))
    if found is None:
        errors.add(field, f"“{label}”须为本级的人员（代表或机构组成人员）")
    return found


def _lock(congress: Congress, plan: Plan) -> None:
    """Lock the plan's row for the rest of the action and read its state afresh from it."""
    plan.status = Plan.objects.in_congress(congress).select_for_update().values_list("status", flat=True).get(pk=plan.pk)


@action("draft_oversight_plan")
def draft_oversight_plan(congress: Congress, *, actor, year, title: str) -> Plan:
    """Start the year's oversight plan (one per year), as a draft the office fills item by item."""
    errors = Errors()
    first, last = year_bounds()
    year = whole_number(year, errors, "year", "年度", minimum=first, maximum=last)
    title = text({"title": title}, errors, "title", "标题", required=True, max_length=200)
    if year and Plan.objects.in_congress(congress).filter(year=year).exists():
        errors.add("year", f"{year} 年度的监督工作计划已经存在")
    errors.raise_if_any()
    try:
        # Two offices drafting the same year at once: the unique constraint decides, the loser is told.
        with transaction.atomic():
            plan = Plan.objects.create(congress=congress, year=year, title=title)
    except IntegrityError:
        raise ValidationError({"year": f"{year} 年度的监督工作计划已经存在"}) from None
    audit.record(congress, actor, "draft_oversight_plan", plan, after={"year": year, "title": title})
    return plan


ITEM_FIELDS = ["kind", "title", "body", "lead_committee", "leader", "month", "meeting", "session_note", "note"]


@action("arrange_plan_item")
def arrange_plan_item(congress: Congress, plan: Plan, *, actor, item: PlanItem | None = None, kind: str, title: str,
                      lead_committee: Organisation | None, body: Organisation | None = None,
                      co_committees: list[Organisation] | tuple = (), leader: Person | None = None, month,
                      meeting: Meeting | None = None, session_note: str = "", note: str = "") -> PlanItem:
    """Add an item to a draft plan, or change one (``item``): what is to be heard, inspected or surveyed,
    by which committee, under which leader, in which month, and at which standing-committee session."""
    ensure_own(congress, plan, "监督工作计划")
    if item is not None:
        ensure_own(congress, item, "监督计划项目")
        if item.plan_id != plan.pk:
            raise ValidationError({"item": "该项目不属于这份监督工作计划"})
    # Lock the plan: an item added while another office records the approval would otherwise land
    # in an approved plan (and two items added at once would share an order number).
    _lock(congress, plan)
    require_status(plan, Plan.Status.DRAFT)
    errors = Errors()
    if kind not in K.values:
        errors.add("kind", f"“类别”须为以下之一：{'、'.join(K.labels)}，收到：{kind}")
    title = text({"title": title}, errors, "title", "项目", required=True, max_length=200)
    if lead_committee is None:
        errors.add("lead_committee", "“牵头委员会”必须填写")
    lead = own_organisation(congress, errors, "lead_committee", "牵头委员会", lead_committee, COMMITTEE_KINDS)
    co: list[Organisation] = []
    for org in co_committees or ():
        found = own_organisation(congress, errors, "co_committees", "协助委员会", org, COMMITTEE_KINDS)
        if found is None:
            continue
        if lead is not None and found.pk == lead.pk:
            errors.add("co_committees", f"“协助委员会”不能包括牵头委员会“{found.name}”")
        elif found.pk not in {o.pk for o in co}:
            co.append(found)
    if body is None and kind in REPORT_KINDS:
        errors.add("body", f"“报告机关”必须填写（{K(kind).label}须写明向常委会报告的机关）")
    body = own_organisation(congress, errors, "body", "报告机关", body, (Organisation.Kind.HANDLING_UNIT,))
    leader = own_person(congress, errors, "leader", "分管领导", leader)
    month = whole_number(month, errors, "month", "安排月份", minimum=1, maximum=12)
    if meeting is not None:
        if not isinstance(meeting, Meeting) or meeting.congress_id != congress.pk:
            errors.add("meeting", "“提请审议的常委会会议”在本级找不到")
            meeting = None
        elif meeting.kind != Meeting.Kind.SC_SESSION:
            errors.add("meeting", f"“提请审议的常委会会议”须为常务委员会会议，所选为{meeting.get_kind_display()}")
        elif meeting_day(meeting).year != plan.year:
            errors.add("meeting", f"“提请审议的常委会会议”须在 {plan.year} 年内举行，所选会议在 "
                                  f"{meeting_day(meeting).isoformat()}")
    session_note = text({"session_note": session_note}, errors, "session_note", "拟提请审议的会议", max_length=60)
    note = text({"note": note}, errors, "note", "备注", max_length=300)
    errors.raise_if_any()
    values = {"kind": kind, "title": title, "body": body, "lead_committee": lead, "leader": leader, "month": month,
              "meeting": meeting, "session_note": session_note, "note": note}
    if item is None:
        last = PlanItem.objects.in_congress(congress).filter(plan=plan).aggregate(n=Max("order"))["n"] or 0
        item = PlanItem.objects.create(congress=congress, plan=plan, order=last + 1, **values)
        tallies.change(kept.PLAN_ITEMS, congress, after=kept.PLAN_ITEMS.contributions(item))
        before: dict = {}
    else:
        before = audit.snapshot(item, ITEM_FIELDS)
        before["co_committees"] = [c.organisation.name for c in
                                   PlanItemCommittee.objects.in_congress(congress).filter(item=item)
                                   .select_related("organisation").order_by("id")]
        for name, value in values.items():
            setattr(item, name, value)
        item.save(update_fields=list(values))
        PlanItemCommittee.objects.in_congress(congress).filter(item=item).delete()
    PlanItemCommittee.objects.bulk_create(
        [PlanItemCommittee(congress=congress, item=item, organisation=org) for org in co])
    after = audit.snapshot(item, ITEM_FIELDS) | {"co_committees": [o.name for o in co]}
    if before:
        before, after = audit.changed(before, after)
    audit.record(congress, actor, "arrange_plan_item", item, before=before or None, after=after)
    return item


@action("approve_oversight_plan")
def approve_oversight_plan(congress: Congress, plan: Plan, *, actor, meeting: Meeting | None, approved_on) -> Plan:
    """Record that the directors' meeting (主任会议) approved the draft plan, and on which day."""
    ensure_own(congress, plan, "监督工作计划")
    _lock(congress, plan)
    PLAN_WORKFLOW.check(plan.status, Plan.Status.APPROVED, roles_of(actor, congress), congress,
                        action="approve_oversight_plan")
    errors = Errors()
    if meeting is None:
        errors.add("meeting", "“审议通过的主任会议”必须填写")
    elif not isinstance(meeting, Meeting) or meeting.congress_id != congress.pk:
        errors.add("meeting", "“审议通过的主任会议”在本级找不到")
    elif meeting.kind != Meeting.Kind.DIRECTORS:
        errors.add("meeting", f"“审议通过的主任会议”须为主任会议，所选为{meeting.get_kind_display()}")
    day = date({"approved_on": approved_on}, errors, "approved_on", "通过日期", required=True)
    if day is not None:
        earliest, latest = datetime.date(plan.year - 1, 1, 1), min(datetime.date(plan.year, 12, 31), timezone.localdate())
        if not earliest <= day <= latest:
            errors.add("approved_on", f"“通过日期”须在 {earliest.isoformat()} 至 {latest.isoformat()} 之间，"
                                      f"收到：{day.isoformat()}")
        elif isinstance(meeting, Meeting) and meeting.kind == Meeting.Kind.DIRECTORS and meeting_day(meeting) != day:
            # The plan is approved at the meeting: its date is the meeting's.
            errors.add("approved_on", f"“通过日期”须为所选主任会议的日期 {meeting_day(meeting).isoformat()}，"
                                      f"收到：{day.isoformat()}")
    if not PlanItem.objects.in_congress(congress).filter(plan=plan).exists():
        errors.add("plan", "计划还没有项目，不能提请主任会议通过")
    errors.raise_if_any()
    plan.status, plan.approved_at_meeting, plan.approved_on = Plan.Status.APPROVED, meeting, day
    plan.save(update_fields=["status", "approved_at_meeting", "approved_on"])
    audit.record(congress, actor, "approve_oversight_plan", plan,
                 before={"status": Plan.Status.DRAFT}, after={"status": plan.status, "meeting": str(meeting),
                                                              "approved_on": str(day)})
    return plan


@action("publish_oversight_plan")
def publish_oversight_plan(congress: Congress, plan: Plan, *, actor, published_on=None) -> Plan:
    """Publish the approved plan: from now on the public sees it and its items' progress."""
    ensure_own(congress, plan, "监督工作计划")
    _lock(congress, plan)
    PLAN_WORKFLOW.check(plan.status, Plan.Status.PUBLISHED, roles_of(actor, congress), congress,
                        action="publish_oversight_plan")
    errors = Errors()
    day = date({"published_on": published_on}, errors, "published_on", "公布日期") or timezone.localdate()
    if plan.approved_on and day < plan.approved_on:
        errors.add("published_on", f"“公布日期”不能早于主任会议通过的日期 {plan.approved_on.isoformat()}")
    errors.raise_if_any()
    plan.status, plan.published_on = Plan.Status.PUBLISHED, day
    plan.save(update_fields=["status", "published_on"])
    audit.record(congress, actor, "publish_oversight_plan", plan, before={"status": Plan.Status.APPROVED},
                 after={"status": plan.status, "published_on": str(day)})
    return plan


@action("set_plan_item_status")
def set_plan_item_status(congress: Congress, item: PlanItem, *, actor, status: str, note: str = "") -> PlanItem:
    """Record that an item of the approved plan was postponed, cancelled, or heard (where its meeting is
    not on record here); PLANNED takes such a record back, so progress follows the activities again."""
    ensure_own(congress, item, "监督计划项目")
    plan = item.plan
    require_status(plan, Plan.Status.APPROVED, Plan.Status.PUBLISHED)
    errors = Errors()
    if status not in SETTABLE:
        errors.add("status", f"“进展”须为以下之一：{'、'.join(PlanItem.Status(s).label for s in SETTABLE)}，收到：{status}")
    note = text({"note": note}, errors, "note", "说明", max_length=300)
    if status in (PlanItem.Status.POSTPONED, PlanItem.Status.CANCELLED) and not note:
        errors.add("note", f"“说明”必须填写（{PlanItem.Status(status).label}须写明原因）")
    errors.raise_if_any()
    before = {"status": item.status, "note": item.note}
    item.status = status
    if note:
        item.note = note
    item.save(update_fields=["status", "note"])
    audit.record(congress, actor, "set_plan_item_status", item, before=before,
                 after={"status": item.status, "note": item.note})
    return item
