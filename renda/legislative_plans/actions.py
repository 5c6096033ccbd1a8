"""Writes to the legislative programme and plans, one function per use case.

``create_legislative_plan`` drafts the term's programme (立法规划) or a year's plan (年度立法计划);
``add_plan_item`` places an item in it (正式项目/预备项目/调研项目, drafting body, committee in
charge, planned readings); ``change_plan_item`` adjusts one — a move between categories needs its
reason and is kept as a ``PlanItemMove``; ``adopt_legislative_plan`` records the meeting that
adopted it (from then on it is public); ``start_bill_for_plan_item`` opens the bill
(legislation.create_bill) when drafting starts. Proposals for items (立项) come in through
``submit_legislative_proposal`` from a body, a deputy or the public, and the office decides them
(``decide_legislative_proposal``: into a plan, or declined with a reason). Legislative research
and post-enactment review start an oversight activity of their kind through oversight's own
``start_activity`` and tie it to the item, bill or law (立法法第五十六条、第六十七条、第八十七条)."""

from __future__ import annotations

import datetime
import re
from typing import Any

from django.db.models import Max
from django.utils import timezone

from renda.core import audit
from renda.core.errors import ValidationError
from renda.core.models import Congress, Term
from renda.core.permissions import organisations_of, roles_of
from renda.core.roles import Role
from renda.core.usecase import action, ensure_own
from renda.legislation.models import Bill, Law
from renda.legislative_plans.models import (
    LegislativePlan,
    LegislativeResearch,
    PlanItem,
    PlanItemMove,
    PostEnactmentReview,
    Proposal,
)
from renda.legislative_plans.workflows import PLAN_WORKFLOW, PROPOSAL_WORKFLOW
from renda.meetings.models import Meeting
from renda.oversight.actions import activities as oversight
from renda.oversight.models import Activity
from renda.people.models import Organisation, Person
from renda.people.validation import Errors, date, id_or_none, text

S = PlanItem.Status
COMMITTEE_KINDS = (Organisation.Kind.SPECIAL_COMMITTEE, Organisation.Kind.WORKING_COMMITTEE)
PLAN_MEETING_KINDS = (Meeting.Kind.DIRECTORS, Meeting.Kind.SC_SESSION)
MAX_READINGS = 6
MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
PURPOSES = {"new": "制定", "amendment": "修改", "repeal": "废止"}
# How far a bill has come, read from its status (legislation.workflows.BILL_WORKFLOW).
B = Bill.Status
READ_AT_LEAST_ONCE = (B.UNDER_DELIBERATION, B.PASSED, B.FAILED, B.AWAITING_APPROVAL, B.APPROVED, B.NOT_APPROVED,
                      B.PROMULGATED, B.ENDED)
PASSED = (B.PASSED, B.AWAITING_APPROVAL, B.APPROVED, B.NOT_APPROVED, B.PROMULGATED)


# ── lookups: another congress's row is the same as none ──

def _own(congress: Congress, model, value: Any):
    if value in (None, ""):
        return None
    if isinstance(value, model):
        return value if value.congress_id == congress.pk else None
    pk = id_or_none(value)
    return model.objects.in_congress(congress).filter(pk=pk).first() if pk else None


def _organisation(congress: Congress, errors: Errors, field: str, label: str, value: Any,
                  kinds: tuple | None = None) -> Organisation | None:
    if value in (None, ""):
        return None
    org = _own(congress, Organisation, value)
    if org is None:
        errors.add(field, f"“{label}”不是本级的机构")
        return None
    if kinds and org.kind not in kinds:
        wanted = "或".join(Organisation.Kind(k).label for k in kinds)
        errors.add(field, f"“{label}”须为{wanted}，“{org.name}”是{org.get_kind_display()}")
        return None
    return org


def _locked_plan(congress: Congress, plan: LegislativePlan) -> LegislativePlan:
    ensure_own(congress, plan, "立法规划或计划")
    return LegislativePlan.objects.in_congress(congress).select_for_update().get(pk=plan.pk)


def _locked_item(congress: Congress, item: PlanItem) -> PlanItem:
    ensure_own(congress, item, "立法计划项目")
    return PlanItem.objects.in_congress(congress).select_for_update().get(pk=item.pk)


def plan_label(plan: LegislativePlan) -> str:
    return f"{plan.year}年度立法计划" if plan.kind == LegislativePlan.Kind.YEARLY else "立法规划"


# ── planned readings: [{"reading": "一审", "month": "2026-03", "meeting_id": null}] ──

def clean_readings(congress: Congress, raw: Any, errors: Errors, field: str = "planned_readings") -> list[dict]:
    """Each planned reading names what it is (一审、二审、表决…) and a month (YYYY-MM) or a
    standing-committee session of this congress (its month then follows the session)."""
    rows = list(raw or [])
    if len(rows) > MAX_READINGS:
        errors.add(field, f"“计划审议安排”最多 {MAX_READINGS} 次，收到 {len(rows)} 次")
        return []
    cleaned: list[dict] = []
    this_year = timezone.localdate().year
    for n, row in enumerate(rows, start=1):
        row = row if isinstance(row, dict) else {}
        where = f"第{n}次审议"
        label = text({field: row.get("reading")}, errors, field, f"{where}的名称", required=True, max_length=20)
        month = str(row.get("month") or "").strip()
        meeting_id = row.get("meeting_id", row.get("meeting"))
        meeting = None
        if meeting_id not in (None, ""):
            meeting = _own(congress, Meeting, meeting_id)
            if meeting is None:
                errors.add(field, f"{where}：“会议”不是本级的会议")
            elif meeting.kind != Meeting.Kind.SC_SESSION:
                errors.add(field, f"{where}：须为常务委员会会议，“{meeting}”是{meeting.get_kind_display()}")
                meeting = None
            else:
                day = timezone.localdate(meeting.starts_at)
                month = month or f"{day.year}-{day.month:02d}"
        found = MONTH.match(month)
        if not month:
            errors.add(field, f"{where}：须写明计划月份（如 2026-03）或选择会议")
            continue
        if not found or not 1 <= int(found.group(2)) <= 12:
            errors.add(field, f"{where}：“计划月份”须为 年-月（如 2026-03），收到：{month[:20]}")
            continue
        year = int(found.group(1))
        if not 2000 <= year <= this_year + 10:
            errors.add(field, f"{where}：“计划月份”的年份 {year} 不在 2000 至 {this_year + 10} 年之间")
            continue
        cleaned.append({"reading": label, "month": f"{year}-{int(found.group(2)):02d}",
                        "meeting_id": meeting.pk if meeting else None})
    return cleaned


def readings_text(readings: list[dict]) -> str:
    """一审 2026年3月；二审 2026年6月."""
    parts = []
    for r in readings or []:
        year, month = (r.get("month") or "0-0").split("-")
        parts.append(f"{r.get('reading')} {int(year)}年{int(month)}月")
    return "；".join(parts)


# ── plans ──

@action("create_legislative_plan")
def create_legislative_plan(congress: Congress, *, actor, kind: str, title: str = "", term: Any = None,
                            year: Any = None) -> LegislativePlan:
    """Draft the term's legislative programme (one per term) or a year's plan (one per year)."""
    errors = Errors()
    if kind not in LegislativePlan.Kind.values:
        errors.add("kind", "“类别”须为：" + "、".join(LegislativePlan.Kind.labels))
    the_term = _own(congress, Term, term)
    if term not in (None, "") and the_term is None:
        errors.add("term", "“届次”不是本级的届次")
    the_year = None
    this_year = timezone.localdate().year
    if kind == LegislativePlan.Kind.YEARLY:
        the_year = id_or_none(year)
        if year in (None, ""):
            errors.add("year", "“年度”必须填写")
        elif the_year is None or not 2000 <= the_year <= this_year + 1:
            errors.add("year", f"“年度”须为 2000 至 {this_year + 1} 年之间的年份")
        elif LegislativePlan.objects.in_congress(congress).filter(kind=kind, year=the_year).exists():
            errors.add("year", f"{the_year}年度立法计划已经有了")
        if the_term is None and the_year and "term" not in errors.by_field:
            the_term = Term.objects.in_congress(congress).filter(start__year__lte=the_year).order_by("-start").first()
    elif kind == LegislativePlan.Kind.PROGRAMME:
        if the_term is None and "term" not in errors.by_field:
            errors.add("term", "“届次”必须填写：立法规划按届编制")
        elif the_term is not None and LegislativePlan.objects.in_congress(congress).filter(
                kind=kind, term=the_term).exists():
            errors.add("term", f"{the_term}的立法规划已经有了")
    place = congress.name.removesuffix("人民代表大会")
    default = (f"{place}人大常委会{the_year}年度立法计划" if kind == LegislativePlan.Kind.YEARLY
               else f"{place}人大常委会{the_term or ''}立法规划")
    title_ = text({"title": title or default}, errors, "title", "标题", required=True, max_length=200)
    errors.raise_if_any()
    plan = LegislativePlan.objects.create(congress=congress, kind=kind, title=title_, term=the_term, year=the_year,
                                          created_by=actor)
    audit.record(congress, actor, "create_legislative_plan", plan, object_repr=title_,
                 after={"kind": kind, "term": str(the_term or ""), "year": the_year})
    return plan


@action("adopt_legislative_plan")
def adopt_legislative_plan(congress: Congress, plan: LegislativePlan, *, actor, adopted_on: Any,
                           meeting: Any = None) -> LegislativePlan:
    """Record the plan's adoption: the day, and the meeting (directors' meeting or standing-committee
    session) where it was adopted; from then on the plan is public."""
    plan = _locked_plan(congress, plan)
    PLAN_WORKFLOW.check(plan.status, LegislativePlan.Status.ADOPTED, roles_of(actor, congress), congress,
                        action="adopt_legislative_plan")
    errors = Errors()
    day = date({"adopted_on": adopted_on}, errors, "adopted_on", "通过日期", required=True)
    the_meeting = _own(congress, Meeting, meeting)
    if meeting not in (None, "") and the_meeting is None:
        errors.add("meeting", "“通过的会议”不是本级的会议")
    elif the_meeting is not None and the_meeting.kind not in PLAN_MEETING_KINDS:
        errors.add("meeting", f"“通过的会议”须为主任会议或常务委员会会议，“{the_meeting}”是{the_meeting.get_kind_display()}")
    elif the_meeting is not None and day is not None and timezone.localdate(the_meeting.starts_at) > day:
        errors.add("adopted_on", f"“通过日期”不能早于会议举行的日期（{timezone.localdate(the_meeting.starts_at):%Y-%m-%d}）")
    today = timezone.localdate()
    if day is not None and day > today:
        errors.add("adopted_on", f"“通过日期”不能晚于今天（{today:%Y-%m-%d}）")
    if not PlanItem.objects.in_congress(congress).filter(plan=plan).exists():
        errors.add("status", f"“{plan.title}”还没有项目，不能通过")
    errors.raise_if_any()
    plan.status, plan.adopted_on, plan.meeting = LegislativePlan.Status.ADOPTED, day, the_meeting
    plan.save(update_fields=["status", "adopted_on", "meeting"])
    audit.record(congress, actor, "adopt_legislative_plan", plan, object_repr=plan.title,
                 before={"status": LegislativePlan.Status.DRAFT},
                 after={"status": plan.status, "adopted_on": str(day), "meeting": str(the_meeting or "")})
    return plan


# ── items ──

def _item_fields(congress: Congress, data: dict, errors: Errors, *, partial: bool) -> dict:
    """The item's fields present in ``data``, checked; ``partial`` leaves out what is not given."""
    out: dict = {}
    if not partial or "title" in data:
        out["title"] = text(data, errors, "title", "项目名称", required=True, max_length=200)
    if not partial or "status" in data:
        if data.get("status") not in S.values:
            errors.add("status", "“类别”须为：" + "、".join(S.labels))
        out["status"] = data.get("status")
    if not partial or "purpose" in data:
        purpose = data.get("purpose") or "new"
        if purpose not in PURPOSES:
            errors.add("purpose", "“立法形式”须为：" + "、".join(PURPOSES.values()))
        out["purpose"] = purpose
    if not partial or "law" in data:
        law = _own(congress, Law, data.get("law"))
        if data.get("law") not in (None, "") and law is None:
            errors.add("law", "“修改或废止的法规”不是本级的法规")
        out["law"] = law
    for field, label, kinds in (("drafting_body", "起草单位", None), ("committee", "牵头委员会", COMMITTEE_KINDS)):
        if not partial or field in data:
            out[field] = _organisation(congress, errors, field, label, data.get(field), kinds)
    if not partial or "planned_readings" in data:
        out["planned_readings"] = clean_readings(congress, data.get("planned_readings"), errors)
    if not partial or "notes" in data:
        out["notes"] = text(data, errors, "notes", "备注", max_length=2000, multiline=True)
    purpose = out.get("purpose", data.get("_purpose"))
    law = out.get("law", data.get("_law"))
    if purpose in ("amendment", "repeal") and law is None and "law" not in errors.by_field \
            and ("purpose" in out or "law" in out):
        errors.add("law", f"{PURPOSES[purpose]}法规须写明“修改或废止的法规”")
    return out


def _add_item(congress: Congress, plan: LegislativePlan, actor, fields: dict, placed_on: datetime.date) -> PlanItem:
    order = (PlanItem.objects.in_congress(congress).filter(plan=plan).aggregate(n=Max("order"))["n"] or 0) + 1
    return PlanItem.objects.create(congress=congress, plan=plan, order=order, placed_on=placed_on, **fields)


def _placed_on(value: Any, errors: Errors) -> datetime.date:
    today = timezone.localdate()
    day = date({"placed_on": value}, errors, "placed_on", "列入计划日期") if value not in (None, "") else today
    if day is not None and day > today:
        errors.add("placed_on", f"“列入计划日期”不能晚于今天（{today:%Y-%m-%d}）")
    return day or today


@action("add_plan_item")
def add_plan_item(congress: Congress, plan: LegislativePlan, *, actor, title: str, status: str,
                  drafting_body: Any = None, committee: Any = None, planned_readings: Any = None, notes: str = "",
                  purpose: str = "new", law: Any = None, placed_on: Any = None) -> PlanItem:
    """Place an item in the programme or plan, as 正式项目, 预备项目 or 调研项目, with its drafting
    body, the committee in charge and the planned readings (一审 2026年3月…)."""
    plan = _locked_plan(congress, plan)
    errors = Errors()
    fields = _item_fields(congress, {"title": title, "status": status, "drafting_body": drafting_body,
                                     "committee": committee, "planned_readings": planned_readings, "notes": notes,
                                     "purpose": purpose, "law": law}, errors, partial=False)
    day = _placed_on(placed_on, errors)
    if fields.get("title") and PlanItem.objects.in_congress(congress).filter(plan=plan, title=fields["title"]).exists():
        errors.add("title", f"“{fields['title']}”已在{plan.title}中")
    errors.raise_if_any()
    item = _add_item(congress, plan, actor, fields, day)
    audit.record(congress, actor, "add_plan_item", item, object_repr=item.title,
                 after={"plan": plan.title, "status": item.status, "placed_on": str(day),
                        "drafting_body": str(item.drafting_body or ""), "committee": str(item.committee or ""),
                        "planned_readings": readings_text(item.planned_readings)})
    return item


@action("change_plan_item")
def change_plan_item(congress: Congress, item: PlanItem, *, actor, reason: str = "", on: Any = None,
                     bill: Any = None, **changes: Any) -> PlanItem:
    """Adjust an item: its name, drafting body, committee, planned readings, notes, or the bill it
    became (an existing bill of this congress); a move between 正式、预备、调研 needs its reason and is
    kept (``PlanItemMove``) with the day it was decided."""
    item = _locked_item(congress, item)
    allowed = {"title", "status", "drafting_body", "committee", "planned_readings", "notes", "purpose", "law"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({name: f"不认识的字段“{name}”" for name in sorted(unknown)})
    errors = Errors()
    fields = _item_fields(congress, {**changes, "_purpose": item.purpose, "_law": item.law_id}, errors, partial=True)
    moving = "status" in fields and fields["status"] != item.status
    why = text({"reason": reason}, errors, "reason", "调整理由", required=moving, max_length=500)
    today = timezone.localdate()
    day = date({"on": on}, errors, "on", "调整日期") if on not in (None, "") else today
    if day is not None and day > today:
        errors.add("on", f"“调整日期”不能晚于今天（{today:%Y-%m-%d}）")
    the_bill = None
    if bill not in (None, ""):
        the_bill = _own(congress, Bill, bill)
        if the_bill is None:
            errors.add("bill", "“法规案”不是本级的法规案")
        elif PlanItem.objects.in_congress(congress).filter(plan_id=item.plan_id, bill=the_bill).exclude(
                pk=item.pk).exists():
            errors.add("bill", f"“{the_bill.title}”已是本计划另一项目的法规案")
    if "title" in fields and fields["title"] != item.title and PlanItem.objects.in_congress(congress).filter(
            plan_id=item.plan_id, title=fields["title"]).exclude(pk=item.pk).exists():
        errors.add("title", f"“{fields['title']}”已在本计划中")
    if not fields and the_bill is None and "bill" not in errors.by_field and not errors.by_field:
        errors.add("status", "没有要调整的内容")
    errors.raise_if_any()
    before = {name: _shown(getattr(item, name)) for name in fields}
    before_status = item.status
    for name, value in fields.items():
        setattr(item, name, value)
    if the_bill is not None:
        before["bill"] = _shown(item.bill_id)
        item.bill = the_bill
        fields["bill"] = the_bill
    item.save(update_fields=list(fields))
    if moving:
        assert day is not None
        PlanItemMove.objects.create(congress=congress, item=item, from_status=before_status, to_status=item.status,
                                    on=day, reason=why, by=actor)
    audit.record(congress, actor, "change_plan_item", item, object_repr=item.title, before=before,
                 after={name: _shown(getattr(item, name)) for name in fields} | ({"reason": why} if why else {}))
    return item


def _shown(value: Any) -> Any:
    if isinstance(value, list):
        return readings_text(value)
    if hasattr(value, "pk"):
        return str(value)
    return value


@action("start_bill_for_plan_item")
def start_bill_for_plan_item(congress: Congress, item: PlanItem, *, actor, proposer: Any = None,
                             readings_required: Any = None, text_: str = "", explanation: str = "",
                             label: str = "") -> Bill:
    """Drafting starts: the bill (法规案) is opened from the item — its name, form, law, drafting body
    and committee — and the item names it from then on."""
    from renda.legislation import actions as legislation

    item = _locked_item(congress, item)
    if item.bill_id:
        raise ValidationError({"bill": f"“{item.title}”已有法规案"})
    errors = Errors()
    body = _organisation(congress, errors, "proposer", "提请机关", proposer)
    errors.raise_if_any()
    drafting = Organisation.objects.in_congress(congress).filter(pk=item.drafting_body_id).first()
    committee = Organisation.objects.in_congress(congress).filter(pk=item.committee_id).first()
    law = Law.objects.in_congress(congress).filter(pk=item.law_id).first()
    bill = legislation.create_bill(congress, actor=actor, title=item.title, kind=Law.Kind.REGULATION,
                                   purpose=item.purpose, law=law, proposer=body, drafting_body=drafting,
                                   committee=committee, readings_required=readings_required, text=text_,
                                   explanation=explanation, label=label)
    item.bill = bill
    item.save(update_fields=["bill"])
    audit.record(congress, actor, "start_bill_for_plan_item", item, object_repr=item.title, after={"bill": bill.pk})
    return bill


# ── proposals (立项) ──

def person_of(actor) -> Person | None:
    return getattr(actor, "person", None) if getattr(actor, "is_authenticated", False) else None


def _argument(data: dict, errors: Errors) -> dict:
    return {"title": text(data, errors, "title", "法规名称", required=True, max_length=200),
            "necessity": text(data, errors, "necessity", "立法的必要性", required=True, max_length=4000, multiline=True),
            "feasibility": text(data, errors, "feasibility", "可行性", max_length=4000, multiline=True),
            "main_content": text(data, errors, "main_content", "主要内容", max_length=8000, multiline=True),
            "legal_basis": text(data, errors, "legal_basis", "立法依据", max_length=4000, multiline=True)}


@action("submit_legislative_proposal")
def submit_legislative_proposal(congress: Congress, *, actor, title: str, necessity: str, feasibility: str = "",
                                main_content: str = "", legal_basis: str = "", organisation: Any = None,
                                suggestion: Any = None, year: Any = None, name: str = "",
                                contact: str = "") -> Proposal:
    """A proposal for an item (立项建议/立项申请) with its argument (立项论证: necessity, feasibility,
    main content, 立法依据). From a body when ``organisation`` is named (the office for any body; a
    unit's or committee's staff for their own); from a deputy on their own account (it may cite one
    of their motions or suggestions); else from the public, with a name and contact if they give them."""
    errors = Errors()
    data = {"title": title, "necessity": necessity, "feasibility": feasibility, "main_content": main_content,
            "legal_basis": legal_basis, "name": name, "contact": contact}
    argument = _argument(data, errors)
    roles = roles_of(actor, congress)
    person = person_of(actor)
    org = _organisation(congress, errors, "organisation", "提出单位", organisation)
    source = Proposal.Source.PUBLIC
    if organisation not in (None, ""):
        source = Proposal.Source.BODY
        own = {pk for role in (Role.UNIT_OFFICER, Role.COMMITTEE_STAFF, Role.CONTACT_POINT_STAFF)
               for pk in organisations_of(actor, congress, role)}
        if org is not None and not roles & {Role.ADMIN, Role.OFFICE_STAFF} and org.pk not in own:
            errors.add("organisation", f"只能以本单位的名义提出，“{org.name}”不是您的单位")
    elif roles & {Role.DEPUTY, Role.SC_MEMBER} and person is not None:
        source = Proposal.Source.DEPUTY
    elif roles - {Role.PUBLIC}:
        errors.add("organisation", "“提出单位”必须填写：工作人员代单位提出立项建议")
    cited = None
    if suggestion not in (None, ""):
        from renda.proposals.models import Author, Suggestion

        cited = _own(congress, Suggestion, suggestion)
        if source != Proposal.Source.DEPUTY:
            errors.add("suggestion", "只有代表本人提出的立项建议可以引用其议案、建议")
        elif cited is None or not Author.objects.in_congress(congress).filter(
                suggestion=cited, person=person).exists():
            errors.add("suggestion", "“所依据的议案、建议”须为您领衔或联名的议案、建议")
    who = text(data, errors, "name", "姓名", max_length=60) if source == Proposal.Source.PUBLIC else ""
    reach = text(data, errors, "contact", "联系方式", max_length=60) if source == Proposal.Source.PUBLIC else ""
    the_year = None
    if year not in (None, ""):
        the_year = id_or_none(year)
        this_year = timezone.localdate().year
        if the_year is None or not this_year - 1 <= the_year <= this_year + 5:
            errors.add("year", f"“建议列入年度”须为 {this_year - 1} 至 {this_year + 5} 年")
    errors.raise_if_any()
    proposal = Proposal.objects.create(
        congress=congress, source=source, organisation=org if source == Proposal.Source.BODY else None,
        person=person if source == Proposal.Source.DEPUTY else None, suggestion=cited, name=who, contact=reach,
        year=the_year, submitted_by=actor if getattr(actor, "is_authenticated", False) else None, **argument)
    audit.record(congress, actor if getattr(actor, "is_authenticated", False) else None,
                 "submit_legislative_proposal", proposal, object_repr=proposal.title,
                 after={"source": source, "organisation": str(org or ""), "person": str(person or "")
                        if source == Proposal.Source.DEPUTY else "", "suggestion": cited.pk if cited else None})
    return proposal


@action("decide_legislative_proposal")
def decide_legislative_proposal(congress: Congress, proposal: Proposal, *, actor, accept: bool, reason: str = "",
                                plan: Any = None, status: str = "", title: str = "", drafting_body: Any = None,
                                committee: Any = None, on: Any = None) -> Proposal:
    """The office's decision: accepted into a plan (the item is made, as 正式、预备 or 调研项目, named
    as the proposal or as the office words it) or declined — a decline must give its reason, which
    the proposer sees."""
    ensure_own(congress, proposal, "立项建议")
    proposal = Proposal.objects.in_congress(congress).select_for_update().get(pk=proposal.pk)
    target = Proposal.Status.ACCEPTED if accept else Proposal.Status.DECLINED
    PROPOSAL_WORKFLOW.check(proposal.status, target, roles_of(actor, congress), congress,
                            action="decide_legislative_proposal")
    errors = Errors()
    why = text({"reason": reason}, errors, "reason", "理由", required=not accept, max_length=2000, multiline=True)
    day = _placed_on(on, errors)
    item = None
    if accept:
        the_plan = _own(congress, LegislativePlan, plan)
        if plan in (None, ""):
            errors.add("plan", "“列入的立法规划或计划”必须填写")
        elif the_plan is None:
            errors.add("plan", "“列入的立法规划或计划”不是本级的")
        fields = _item_fields(congress, {"title": title or proposal.title, "status": status,
                                         "drafting_body": drafting_body, "committee": committee,
                                         "notes": f"据{proposal.get_source_display()}立项建议列入"}, errors,
                              partial=True)
        if the_plan is not None and fields.get("title") and PlanItem.objects.in_congress(congress).filter(
                plan=the_plan, title=fields["title"]).exists():
            errors.add("title", f"“{fields['title']}”已在{the_plan.title}中")
        errors.raise_if_any()
        assert the_plan is not None
        the_plan = _locked_plan(congress, the_plan)
        item = _add_item(congress, the_plan, actor, fields, day)
        audit.record(congress, actor, "add_plan_item", item, object_repr=item.title,
                     after={"plan": the_plan.title, "status": item.status, "placed_on": str(day),
                            "proposal": proposal.pk})
    errors.raise_if_any()
    proposal.status, proposal.reason, proposal.decided_on, proposal.decided_by = target, why, day, actor
    proposal.item = item
    proposal.save(update_fields=["status", "reason", "decided_on", "decided_by", "item"])
    audit.record(congress, actor, "decide_legislative_proposal", proposal, object_repr=proposal.title,
                 before={"status": Proposal.Status.SUBMITTED},
                 after={"status": target, "reason": why, "item": item.pk if item else None})
    return proposal


# ── legislative research and post-enactment review, on the oversight machinery ──

@action("start_legislative_research")
def start_legislative_research(congress: Congress, *, actor, title: str, year: Any, item: Any = None,
                               bill: Any = None, lead_committee: Any = None) -> LegislativeResearch:
    """A 立法调研 for a plan item or a bill: an oversight activity of kind 立法调研 (team, itinerary,
    notices, site visits, symposia, questionnaires, report — all oversight's), tied to it. The lead
    committee defaults to the item's or the bill's committee."""
    errors = Errors()
    the_item = _own(congress, PlanItem, item)
    if item not in (None, "") and the_item is None:
        errors.add("item", "“立法计划项目”不是本级的")
    the_bill = _own(congress, Bill, bill)
    if bill not in (None, "") and the_bill is None:
        errors.add("bill", "“法规案”不是本级的法规案")
    if item in (None, "") and bill in (None, ""):
        errors.add("item", "须写明调研的立法计划项目或法规案")
    if the_item is not None and the_bill is not None and the_item.bill_id and the_item.bill_id != the_bill.pk:
        errors.add("bill", f"“{the_bill.title}”不是项目“{the_item.title}”的法规案")
    lead = _organisation(congress, errors, "lead_committee", "牵头委员会", lead_committee, COMMITTEE_KINDS)
    errors.raise_if_any()
    if the_bill is None and the_item is not None and the_item.bill_id:
        the_bill = Bill.objects.in_congress(congress).get(pk=the_item.bill_id)
    if lead is None:
        lead_id = (the_item.committee_id if the_item else None) or (the_bill.committee_id if the_bill else None)
        lead = Organisation.objects.in_congress(congress).filter(pk=lead_id).first() if lead_id else None
    activity = oversight.start_activity(congress, actor=actor, kind=Activity.Kind.LEGISLATIVE_RESEARCH, title=title,
                                        year=year, lead_committee=lead)
    link = LegislativeResearch.objects.create(congress=congress, activity=activity, item=the_item, bill=the_bill)
    audit.record(congress, actor, "start_legislative_research", link, object_repr=activity.title,
                 after={"activity": activity.pk, "item": the_item.pk if the_item else None,
                        "bill": the_bill.pk if the_bill else None})
    return link


@action("start_post_enactment_review")
def start_post_enactment_review(congress: Congress, law: Any, *, actor, title: str, year: Any,
                                lead_committee: Any = None) -> PostEnactmentReview:
    """A 立法后评估 (or implementation survey) of a law in force: an oversight activity of kind
    立法后评估, tied to the law."""
    errors = Errors()
    the_law = _own(congress, Law, law)
    if the_law is None:
        errors.add("law", "“法规”不是本级的法规")
    elif the_law.status != Law.Status.IN_FORCE:
        errors.add("law", f"“{the_law.title}”{the_law.get_status_display()}，只能评估现行有效的法规")
    lead = _organisation(congress, errors, "lead_committee", "牵头委员会", lead_committee, COMMITTEE_KINDS)
    if lead_committee in (None, "") and "law" not in errors.by_field:
        errors.add("lead_committee", "“牵头委员会”必须填写")
    errors.raise_if_any()
    activity = oversight.start_activity(congress, actor=actor, kind=Activity.Kind.POST_ENACTMENT_REVIEW, title=title,
                                        year=year, lead_committee=lead)
    review = PostEnactmentReview.objects.create(congress=congress, activity=activity, law=the_law)
    audit.record(congress, actor, "start_post_enactment_review", review, object_repr=activity.title,
                 after={"activity": activity.pk, "law": the_law.title if the_law else ""})
    return review


@action("link_review_amendment")
def link_review_amendment(congress: Congress, review: PostEnactmentReview, *, actor, bill: Any) -> PostEnactmentReview:
    """The amendment (or repeal) bill the review's findings led to, once it exists."""
    ensure_own(congress, review, "立法后评估")
    review = PostEnactmentReview.objects.in_congress(congress).select_for_update().get(pk=review.pk)
    the_bill = _own(congress, Bill, bill)
    if the_bill is None:
        raise ValidationError({"bill": "“修改法规案”不是本级的法规案"})
    if the_bill.law_id != review.law_id or the_bill.purpose not in (Bill.Purpose.AMENDMENT, Bill.Purpose.REPEAL):
        raise ValidationError({"bill": f"“{the_bill.title}”不是修改或废止所评估法规的法规案"})
    before = review.amendment_id
    review.amendment = the_bill
    review.save(update_fields=["amendment"])
    audit.record(congress, actor, "link_review_amendment", review, before={"amendment": before},
                 after={"amendment": the_bill.pk})
    return review
