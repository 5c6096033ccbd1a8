"""Writes for livelihood projects (民生实事项目票决制), one function per step of the year."""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from django.utils import timezone

from renda.core import audit, rules, uploads
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress
from renda.core.permissions import OFFICE, STAFF, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.livelihood.models import (
    Call,
    Inspection,
    Milestone,
    ProgressReport,
    Proposal,
    Proposer,
    ScreeningDecision,
    Watch,
)
from renda.livelihood.workflows import CALL_WORKFLOW
from renda.meetings.models import Meeting
from renda.people.models import Mandate, Membership, Organisation, Person
from renda.people.validation import FIRST_REPORT_YEAR, Errors, date, text, whole_number
from renda.rectification.actions import check_entries, make_items
from renda.rectification.models import RectificationItem
from renda.voting import actions as voting
from renda.voting.models import Vote

FEASIBILITY = {"planning": "规划", "land": "用地", "tendering": "招投标", "budget": "资金"}


def _money(data: dict, errors: Errors, field: str, label: str) -> Decimal | None:
    raw = data.get(field)
    if raw in (None, ""):
        return None
    try:
        value = Decimal(str(raw)).quantize(Decimal("0.01"))
        if value < 0 or value > Decimal("9999999999"):
            raise InvalidOperation
        return value
    except (InvalidOperation, ValueError):
        errors.add(field, f"“{label}”须为不小于 0 的金额（万元），收到：{raw}")
        return None


def candidate_minimum(congress: Congress, to_choose: int) -> int:
    """Candidates must outnumber the projects to choose by the margin (default one-fifth, rounded up)."""
    return to_choose + max(1, math.ceil(to_choose * rules.get(congress, "livelihood.candidate_surplus")))


@action("open_call")
def open_call(congress: Congress, *, actor, year: int, title: str, opens_on, closes_on, to_choose: int) -> Call:
    """Publish the year's call for proposals; the review stages are this congress's setting now."""
    errors = Errors()
    title = text({"title": title}, errors, "title", "标题", required=True, max_length=200)
    opens = date({"opens_on": opens_on}, errors, "opens_on", "征集开始", required=True)
    closes = date({"closes_on": closes_on}, errors, "closes_on", "征集截止", required=True)
    if opens and closes and closes < opens:
        errors.add("closes_on", "“征集截止”不能早于“征集开始”")
    to_choose = whole_number(to_choose, errors, "to_choose", "拟票决项目数", minimum=1, maximum=1000)
    year = whole_number(year, errors, "year", "年度", minimum=FIRST_REPORT_YEAR, maximum=timezone.localdate().year + 1)
    errors.raise_if_any()
    call = Call.objects.create(congress=congress, year=year, title=title, opens_on=opens, closes_on=closes,
                               to_choose=to_choose, stages=rules.get(congress, "livelihood.review_stages"))
    audit.record(congress, actor, "open_call", call, after={"year": call.year, "to_choose": to_choose,
                                                              "stages": call.stages})
    return call


@action("submit_proposal")
def submit_proposal(congress: Congress, call: Call, *, actor, title: str, description: str, place: str = "",
                    beneficiaries: str = "", estimated_cost=None, proposer_name: str = "", proposer_contact: str = "",
                    today=None) -> Proposal:
    """Anyone may propose a project while the call is open: the public (no account), a deputy (under
    their name) or a handling unit (under its name)."""
    ensure_own(congress, call)
    day = today or timezone.localdate()
    if call.status != Call.Status.COLLECTING or not call.opens_on <= day <= call.closes_on:
        raise ValidationError({"call": f"“{call}”的征集时间为 {call.opens_on} 至 {call.closes_on}，现在不能提出建议"})
    errors = Errors()
    data = {"title": title, "description": description, "place": place, "beneficiaries": beneficiaries,
            "proposer_name": proposer_name, "proposer_contact": proposer_contact, "estimated_cost": estimated_cost}
    cleaned = {
        "title": text(data, errors, "title", "项目名称", required=True, max_length=100),
        "description": text(data, errors, "description", "项目内容", required=True, max_length=4000),
        "place": text(data, errors, "place", "实施地点", max_length=100),
        "beneficiaries": text(data, errors, "beneficiaries", "受益群众", max_length=200),
        "proposer_name": text(data, errors, "proposer_name", "建议人", max_length=200),
        "proposer_contact": text(data, errors, "proposer_contact", "联系方式", max_length=60),
        "estimated_cost": _money(data, errors, "estimated_cost", "估算投资"),
    }
    errors.raise_if_any()
    roles = roles_of(actor, congress)
    person = getattr(actor, "person", None) if getattr(actor, "is_authenticated", False) else None
    units = organisations_of(actor, congress, Role.UNIT_OFFICER)
    if Role.DEPUTY in roles and person is not None:
        source, cleaned["proposer_name"] = Proposal.Source.DEPUTY, f"{person.name}代表"
    elif units:
        source = Proposal.Source.DEPARTMENT
        department = Organisation.objects.in_congress(congress).get(pk=units[0])
        cleaned["department"], cleaned["proposer_name"] = department, department.name
    else:
        source = Proposal.Source.PUBLIC
    proposal = Proposal.objects.create(congress=congress, call=call, source=source, **cleaned)
    if source == Proposal.Source.DEPUTY:
        Proposer.objects.create(congress=congress, proposal=proposal, person=person)
    audit.record(congress, actor if getattr(actor, "is_authenticated", False) else None, "submit_proposal", proposal,
                 after={"title": proposal.title, "source": source})
    return proposal


def _move(congress, call: Call, target: str, actor, action: str) -> None:
    CALL_WORKFLOW.check(call.status, target, roles_of(actor, congress), congress, action=action)
    call.status = target
    call.save(update_fields=["status"])


def _begin_screening(congress, call, actor):
    """The first screening step ends the collection."""
    if call.status == Call.Status.COLLECTING:
        _move(congress, call, Call.Status.SCREENING, actor, "decide_stage")
    require_status(call, Call.Status.SCREENING)


@action("merge_proposals")
def merge_proposals(congress: Congress, keep: Proposal, duplicates: list[Proposal], *, actor) -> Proposal:
    """Merge duplicates into one proposal, keeping every proposer."""
    for p in [keep, *duplicates]:
        ensure_own(congress, p)
        if p.call_id != keep.call_id:
            raise ValidationError({"duplicates": "只能合并同一次征集的建议"})
        require_status(p, Proposal.Status.SUBMITTED)
    if not duplicates or keep in duplicates:
        raise ValidationError({"duplicates": "请选择要并入的其他建议"})
    _begin_screening(congress, keep.call, actor)
    names = [keep.proposer_name] + [d.proposer_name for d in duplicates]
    keep.proposer_name = "；".join(n for n in dict.fromkeys(names) if n)[:200]
    keep.save(update_fields=["proposer_name"])
    have = set(Proposer.objects.in_congress(congress).filter(proposal=keep).values_list("person_id", flat=True))
    for d in duplicates:
        for person_id in Proposer.objects.in_congress(congress).filter(proposal=d).values_list("person_id", flat=True):
            if person_id not in have:
                Proposer.objects.create(congress=congress, proposal=keep, person_id=person_id)
                have.add(person_id)
        d.status, d.merged_into = Proposal.Status.MERGED, keep
        d.save(update_fields=["status", "merged_into"])
    audit.record(congress, actor, "merge_proposals", keep, after={"merged": [d.pk for d in duplicates]})
    return keep


@action("record_feasibility")
def record_feasibility(congress: Congress, proposal: Proposal, *, actor, aspect: str, ok: bool, note: str = "") -> Proposal:
    """Record a feasibility check: planning, land, tendering or budget."""
    ensure_own(congress, proposal)
    require_status(proposal, Proposal.Status.SUBMITTED)
    if aspect not in FEASIBILITY:
        raise ValidationError({"aspect": f"“审查事项”须为{'、'.join(FEASIBILITY.values())}之一"})
    _begin_screening(congress, proposal.call, actor)
    before = dict(proposal.feasibility)
    proposal.feasibility = {**before, aspect: {"ok": bool(ok), "note": (note or "")[:300]}}
    proposal.save(update_fields=["feasibility"])
    audit.record(congress, actor, "record_feasibility", proposal, before=before, after=proposal.feasibility)
    return proposal


@action("decide_stage")
def decide_stage(congress: Congress, proposal: Proposal, *, actor, passed: bool, reason: str = "") -> ScreeningDecision:
    """Record the decision of the proposal's next review stage; a dropped proposal carries its reason."""
    ensure_own(congress, proposal)
    require_status(proposal, Proposal.Status.SUBMITTED)
    call = proposal.call
    _begin_screening(congress, call, actor)
    if proposal.stage >= len(call.stages):
        raise ValidationError({"stage": "该建议已通过全部审查环节"})
    reason = (reason or "").strip()
    if not passed and not reason:
        raise ValidationError({"reason": "未通过的建议须写明理由"})
    label = call.stages[proposal.stage]
    decision = ScreeningDecision.objects.create(congress=congress, proposal=proposal, stage_index=proposal.stage,
                                                stage=label, passed=passed, reason=reason[:300], decided_by=actor)
    if passed:
        proposal.stage += 1
    else:
        proposal.status, proposal.drop_reason = Proposal.Status.DROPPED, f"{label}：{reason}"[:300]
    proposal.save(update_fields=["stage", "status", "drop_reason"])
    audit.record(congress, actor, "decide_stage", proposal, after={"stage": label, "passed": passed, "reason": reason})
    return decision


def funnel(call: Call) -> list[tuple[str, int]]:
    """How many proposals stood at each step: 24 → 16 → 12 in the journal's example."""
    proposals = list(Proposal.objects.in_congress(call.congress_id).filter(call=call).exclude(status=Proposal.Status.MERGED)
                     .values_list("stage", "status"))
    steps = [("征集", len(proposals))]
    for n, label in enumerate(call.stages, start=1):
        steps.append((label, sum(1 for stage, _ in proposals if stage >= n)))
    return steps


@action("fix_candidates")
def fix_candidates(congress: Congress, call: Call, *, actor) -> list[Proposal]:
    """Fix the candidate list: every proposal through all stages. It must exceed the projects to be
    chosen by the congress's margin (default one-fifth more, rounded up)."""
    ensure_own(congress, call)
    CALL_WORKFLOW.check(call.status, Call.Status.CANDIDATES, roles_of(actor, congress), congress, action="fix_candidates")
    through = list(Proposal.objects.in_congress(congress).filter(call=call, status=Proposal.Status.SUBMITTED,
                                                                 stage__gte=len(call.stages)).order_by("id"))
    needed = candidate_minimum(congress, call.to_choose)
    if len(through) < needed:
        raise ValidationError({"candidates": f"拟票决{call.to_choose}个项目，候选项目至少须{needed}个"
                                             f"（差额比例{rules.get(congress, 'livelihood.candidate_surplus')}，向上取整），"
                                             f"现有{len(through)}个"})
    pending = Proposal.objects.in_congress(congress).filter(call=call, status=Proposal.Status.SUBMITTED,
                                                            stage__lt=len(call.stages))
    if pending.exists():
        raise ValidationError({"candidates": f"还有{pending.count()}个建议未完成审查"})
    Proposal.objects.in_congress(congress).filter(pk__in=[p.pk for p in through]).update(status=Proposal.Status.CANDIDATE)
    _move(congress, call, Call.Status.CANDIDATES, actor, "fix_candidates")
    audit.record(congress, actor, "fix_candidates", call, after={"candidates": [p.title for p in through]})
    return through


@action("put_projects_to_vote")
def put_projects_to_vote(congress: Congress, call: Call, meeting: Meeting, *, actor) -> Vote:
    """Put the candidate list to the plenary's secret vote, on the voting engine."""
    ensure_own(congress, call)
    CALL_WORKFLOW.check(call.status, Call.Status.VOTING, roles_of(actor, congress), congress,
                        action="put_projects_to_vote")
    candidates = list(Proposal.objects.in_congress(congress).filter(call=call, status=Proposal.Status.CANDIDATE).order_by("id"))
    vote = voting.setup_project_vote(congress, meeting, actor=actor, title=f"{call.year}年民生实事项目票决",
                                     choose=call.to_choose, options=[p.title for p in candidates])
    for proposal, candidate in zip(candidates, vote.candidates.order_by("order"), strict=True):
        proposal.candidate = candidate
        proposal.save(update_fields=["candidate"])
    call.vote = vote
    call.save(update_fields=["vote"])
    _move(congress, call, Call.Status.VOTING, actor, "put_projects_to_vote")
    audit.record(congress, actor, "put_projects_to_vote", call, after={"vote": vote.pk})
    return vote


@action("record_project_result")
def record_project_result(congress: Congress, call: Call, *, actor) -> Call:
    """Take the closed vote's result: projects with more than half of all deputies, highest first up to
    the number to choose. A tie at the boundary or too few chosen goes to the presidium."""
    ensure_own(congress, call)
    require_status(call, Call.Status.VOTING)
    vote = call.vote
    if vote is None or vote.status not in (Vote.Status.CLOSED, Vote.Status.ANNOUNCED) or vote.result is None:
        raise ValidationError({"status": "票决尚未结束"})
    result = vote.result
    if result.get("void"):
        raise ValidationError({"status": result["reason"]})
    elected = set(result["elected"])
    for p in Proposal.objects.in_congress(congress).filter(call=call, status=Proposal.Status.CANDIDATE):
        p.status = Proposal.Status.CHOSEN if str(p.candidate_id) in elected else Proposal.Status.NOT_CHOSEN
        p.save(update_fields=["status"])
    _move(congress, call, Call.Status.DECIDING if result.get("for_presidium") else Call.Status.CHOSEN, actor,
          "record_project_result")
    audit.record(congress, actor, "record_project_result", call,
                 after={"chosen": sorted(elected), "for_presidium": result.get("for_presidium")})
    return call


@action("presidium_decide")
def presidium_decide(congress: Congress, call: Call, *, actor, chosen: list[Proposal], note: str) -> Call:
    """Record the presidium's decision on the places the vote left open (tie or too few chosen)."""
    ensure_own(congress, call)
    CALL_WORKFLOW.check(call.status, Call.Status.CHOSEN, roles_of(actor, congress), congress, action="presidium_decide")
    if call.vote is None or not call.vote.result:
        raise ValidationError({"status": "尚无票决结果"})
    pending = call.vote.result["for_presidium"]
    allowed = set(pending["candidates"])
    errors = Errors()
    note = text({"note": note}, errors, "note", "主席团决定", required=True, max_length=300)
    if len(chosen) > pending["seats"]:
        errors.add("chosen", f"主席团最多可再确定{pending['seats']}个项目")
    if any(str(p.candidate_id) not in allowed for p in chosen):
        errors.add("chosen", "只能从票数相等或待定的项目中确定")
    errors.raise_if_any()
    for p in chosen:
        p.status = Proposal.Status.CHOSEN
        p.save(update_fields=["status"])
    call.presidium_note = note
    call.save(update_fields=["presidium_note"])
    _move(congress, call, Call.Status.CHOSEN, actor, "presidium_decide")
    audit.record(congress, actor, "presidium_decide", call, after={"chosen": [p.title for p in chosen], "note": note})
    return call


@action("assign_supervision")
def assign_supervision(congress: Congress, proposal: Proposal, *, actor, lead_unit: Organisation, budget,
                       groups: list[Organisation], milestones: list[dict]) -> Proposal:
    """Give a chosen project its lead unit, budget, milestones and the deputy groups that watch it."""
    ensure_own(congress, proposal)
    require_status(proposal, Proposal.Status.CHOSEN)
    errors = Errors()
    if lead_unit is None or lead_unit.congress_id != congress.pk or lead_unit.kind != Organisation.Kind.HANDLING_UNIT:
        errors.add("lead_unit", "“牵头单位”须为本级的承办单位")
    money = _money({"budget": budget}, errors, "budget", "预算")
    if money is None and not errors.by_field.get("budget"):
        errors.add("budget", "“预算”必须填写")
    groups = [g for g in groups if g is not None]
    if not groups:
        errors.add("groups", "每个项目至少要有一个代表小组监督")
    if any(g.congress_id != congress.pk or g.kind != Organisation.Kind.DEPUTY_GROUP for g in groups):
        errors.add("groups", "监督小组须为本级的代表小组")
    cleaned = []
    for n, m in enumerate(milestones, start=1):
        if not isinstance(m, dict):
            errors.add("milestones", f"第{n}个节点须含名称和计划完成日期")
            continue
        title = text({"milestones": m.get("title")}, errors, "milestones", f"第{n}个节点的名称", max_length=100)
        due = date(m, errors, "due_on", f"第{n}个节点的计划完成日期", required=True)
        if not title:
            errors.add("milestones", f"第{n}个节点没有名称")
        cleaned.append((title, due))
    if not cleaned:
        errors.add("milestones", "至少要有一个节点")
    errors.raise_if_any()
    proposal.lead_unit, proposal.budget = lead_unit, money
    proposal.save(update_fields=["lead_unit", "budget"])
    Watch.objects.in_congress(congress).filter(proposal=proposal).delete()
    Watch.objects.bulk_create([Watch(congress=congress, proposal=proposal, group=g) for g in dict.fromkeys(groups)])
    Milestone.objects.bulk_create([Milestone(congress=congress, proposal=proposal, title=t, due_on=d)
                                   for t, d in cleaned if d is not None])  # each date was required above
    audit.record(congress, actor, "assign_supervision", proposal,
                 after={"lead_unit": lead_unit.name, "budget": str(money), "groups": [g.name for g in groups],
                        "milestones": [t for t, _ in cleaned]})
    return proposal


def _lead_unit_or_staff(congress, actor, proposal) -> None:
    roles = roles_of(actor, congress)
    if roles & OFFICE:
        return
    if proposal.lead_unit_id not in organisations_of(actor, congress, Role.UNIT_OFFICER):
        raise NotPermitted("只有牵头单位可以报告本项目")


@action("report_progress")
def report_progress(congress: Congress, proposal: Proposal, *, actor, text_: str, spent=0, milestone: Milestone | None = None,
                    photo=None, done_on=None) -> ProgressReport:
    """The lead unit reports progress, money spent, and a milestone reached, with a photo."""
    ensure_own(congress, proposal)
    require_status(proposal, Proposal.Status.CHOSEN)
    _lead_unit_or_staff(congress, actor, proposal)
    errors = Errors()
    body = text({"text": text_}, errors, "text", "进展情况", required=True, max_length=1000)
    money = _money({"spent": spent}, errors, "spent", "本次支出") or Decimal("0")
    if milestone is not None and milestone.proposal_id != proposal.pk:
        errors.add("milestone", "节点不属于本项目")
    if photo is not None:  # JPEG or PNG by content, 5 MB (core.uploads, purpose progress_photo)
        uploads.check(photo, "progress_photo", errors, "photo", what="“照片”")
    finished = date({"done_on": done_on}, errors, "done_on", "完成日期") if milestone is not None else None
    errors.raise_if_any()
    report = ProgressReport.objects.create(congress=congress, proposal=proposal, milestone=milestone, text=body,
                                           spent=money, photo=photo or "", by=actor)
    if milestone is not None and milestone.done_on is None:
        milestone.done_on = finished or timezone.localdate()
        milestone.save(update_fields=["done_on"])
    audit.record(congress, actor, "report_progress", proposal, after={"text": body, "spent": str(money),
                                                                      "milestone": milestone.title if milestone else ""})
    return report


def is_director(congress, person) -> bool:
    """A serving director or deputy director (主任、副主任) of this congress's standing committee
    (a current membership with that post in the standing committee or its directors' meeting)."""
    return person is not None and Membership.objects.in_congress(congress).filter(
        person=person, end__isnull=True, post__in=DIRECTOR_POSTS,
        organisation__kind__in=(Organisation.Kind.STANDING_COMMITTEE, Organisation.Kind.DIRECTORS_MEETING)).exists()


def is_of_congress(congress, person) -> bool:
    """A person who holds a mandate or a current membership in this congress."""
    return person is not None and (
        Mandate.objects.in_congress(congress).filter(person=person).exists()
        or Membership.objects.in_congress(congress).filter(person=person, end__isnull=True).exists())


DIRECTOR_POSTS = (Membership.Post.CHAIR, Membership.Post.VICE_CHAIR)


@action("record_inspection")
def record_inspection(congress: Congress, proposal: Proposal, *, actor, group: Organisation, on, notes: str,
                      problems: list[dict] | None = None, mode: str = Inspection.Mode.GROUP,
                      led_by: Person | None = None) -> Inspection:
    """A watching deputy group records a supervision visit — by the group itself, led by a director
    (主任领衔督办) or joint (联合视察) — and the problems it raised, which go onto the rectification list
    (整改清单) with the project's lead unit responsible unless another unit is named."""
    ensure_own(congress, proposal)
    require_status(proposal, Proposal.Status.CHOSEN)
    errors = Errors()
    if group is None or not Watch.objects.in_congress(congress).filter(proposal=proposal, group=group).exists():
        errors.add("group", "只有负责监督本项目的代表小组可以记录视察")
    elif not roles_of(actor, congress) & STAFF:
        person = getattr(actor, "person", None)
        in_group = person is not None and (
            Mandate.objects.in_congress(congress).filter(person=person, deputy_group=group).exists()
            or Membership.objects.in_congress(congress).filter(person=person, organisation=group, end__isnull=True).exists())
        if not in_group:
            raise NotPermitted(f"您不是{group.name}的代表，不能记录它的视察")
    if mode not in Inspection.Mode.values:
        errors.add("mode", "“监督方式”须为" + "、".join(Inspection.Mode.labels) + "之一")
    elif led_by is not None and not is_director(congress, led_by):
        errors.add("led_by", f"“领衔的主任（副主任）”须为本级人大常委会现任主任或副主任，{led_by.name}不是")
    elif mode == Inspection.Mode.DIRECTOR_LED and led_by is None:
        errors.add("led_by", "主任领衔督办须写明“领衔的主任（副主任）”")
    elif mode == Inspection.Mode.GROUP and led_by is not None:
        errors.add("led_by", "代表小组视察不填“领衔的主任（副主任）”；由主任领衔的，请选“主任领衔督办”")
    day = date({"on": on}, errors, "on", "视察日期", required=True)
    body = text({"notes": notes}, errors, "notes", "视察情况", required=True, max_length=1000)
    entries = [{**p, "problem": p.get("problem", p.get("text"))} if isinstance(p, dict) else p for p in problems or []]
    lead_unit = Organisation.objects.in_congress(congress).filter(pk=proposal.lead_unit_id).first()
    cleaned = check_entries(congress, entries, errors, "problems", default_unit=lead_unit)
    errors.raise_if_any()
    inspection = Inspection.objects.create(congress=congress, proposal=proposal, group=group, mode=mode, led_by=led_by,
                                           on=day, notes=body, by=actor)
    items = make_items(congress, actor=actor, source=RectificationItem.Source.LIVELIHOOD, cleaned=cleaned,
                       livelihood_project=proposal, livelihood_inspection=inspection)
    audit.record(congress, actor, "record_inspection", proposal,
                 after={"group": group.name, "mode": mode, "led_by": led_by.name if led_by else "",
                        "problems": [i.problem[:60] for i in items]})
    return inspection


@action("set_project_leader")
def set_project_leader(congress: Congress, proposal: Proposal, *, actor, person: Person | None) -> Proposal:
    """The leader in charge (包联领导) of a chosen project: a person of this congress."""
    ensure_own(congress, proposal)
    require_status(proposal, Proposal.Status.CHOSEN)
    if person is None:
        raise ValidationError({"person": "“包联领导”必须填写"})
    if not is_of_congress(congress, person):
        raise ValidationError({"person": f"“包联领导”须为本级人大的人员，{person.name}不是"})
    previous = proposal.leader_in_charge
    before = previous.name if previous is not None else ""
    proposal.leader_in_charge = person
    proposal.save(update_fields=["leader_in_charge"])
    audit.record(congress, actor, "set_project_leader", proposal, before={"leader_in_charge": before},
                 after={"leader_in_charge": person.name})
    return proposal


@action("start_evaluation")
def start_evaluation(congress: Congress, call: Call, meeting: Meeting, *, actor) -> list[Vote]:
    """Year-end: a secret satisfaction evaluation (满意/基本满意/不满意) of each chosen project."""
    ensure_own(congress, call)
    require_status(call, Call.Status.CHOSEN)
    votes = []
    for p in Proposal.objects.in_congress(congress).filter(call=call, status=Proposal.Status.CHOSEN, evaluation__isnull=True):
        vote = voting.create_vote(congress, meeting, actor=actor, title=f"对“{p.title}”的满意度测评", kind=Vote.Kind.SATISFACTION)
        p.evaluation = vote
        p.save(update_fields=["evaluation"])
        votes.append(vote)
    if not votes:
        raise ValidationError({"call": "没有需要测评的项目"})
    audit.record(congress, actor, "start_evaluation", call, after={"votes": [v.pk for v in votes]})
    return votes
