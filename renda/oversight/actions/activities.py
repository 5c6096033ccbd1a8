"""Writes for a survey (专题调研), law-enforcement inspection (执法检查) or inspection visit (视察) before
it goes into the field: starting it (from a plan item or on its own, alone or jointly with the congress
one level up or down), its team (调研组/检查组), and its plan document (调研方案/检查方案) with the
itinerary, county by county; then the step into the field."""

from __future__ import annotations

import datetime
from collections.abc import Iterable

from django.db.models import Q
from django.utils import timezone

from renda.core import audit, tallies
from renda.core.errors import ValidationError
from renda.core.models import Congress
from renda.core.permissions import roles_of
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.oversight import tallies as kept
from renda.oversight.actions.plan import COMMITTEE_KINDS, own_organisation, own_person, year_bounds
from renda.oversight.models import (
    Activity,
    ActivityCommittee,
    Notice,
    NoticeReply,
    Plan,
    PlanItem,
    Stop,
    TeamMember,
)
from renda.oversight.workflows import ACTIVITY_WORKFLOW
from renda.people.models import Organisation, Person
from renda.people.validation import Errors, date, text, whole_number

ORGANISER_KINDS = (Organisation.Kind.OFFICE, Organisation.Kind.DEPUTY_GROUP, Organisation.Kind.DELEGATION,
                   *COMMITTEE_KINDS)
# Surveys and inspections go out with a plan and an itinerary; a visit may be a single afternoon.
NEEDS_ITINERARY = (Activity.Kind.SURVEY, Activity.Kind.LAW_INSPECTION, Activity.Kind.LEGISLATIVE_RESEARCH,
                   Activity.Kind.POST_ENACTMENT_REVIEW)
MAX_LAWS = 20
MAX_STOPS = 100
TEAM_ROLES = [r for r in TeamMember.Role if r != TeamMember.Role.LEADER]


def _laws(raw: Iterable | None, errors: Errors) -> list[str]:
    names: list[str] = []
    for n, value in enumerate(raw or (), start=1):
        name = text({"laws": value}, errors, "laws", f"第{n}部法律法规", max_length=200, multiline=False)
        if name and name not in names:
            names.append(name)
    if len(names) > MAX_LAWS:
        errors.add("laws", f"“检查的法律法规”最多 {MAX_LAWS} 部，现有 {len(names)} 部")
    return names


@action("start_activity")
def start_activity(congress: Congress, *, actor, kind: str, title: str, year, plan_item: PlanItem | None = None,
                   lead_committee: Organisation | None = None, organiser: Organisation | None = None,
                   laws: Iterable[str] | None = None, partner: Congress | None = None) -> Activity:
    """Start a survey, inspection or visit: from an item of the year's plan (same kind, same year) or on
    its own; a law inspection names the laws it checks (一法一条例); a joint one names the partner
    congress one level up or down, and is then listed in that congress's plan too."""
    errors = Errors()
    if kind not in Activity.Kind.values:
        errors.add("kind", f"“类别”须为以下之一：{'、'.join(Activity.Kind.labels)}，收到：{kind}")
    title = text({"title": title}, errors, "title", "题目", required=True, max_length=200)
    first, last = year_bounds()
    year = whole_number(year, errors, "year", "年度", minimum=first, maximum=last)
    if plan_item is not None:
        if not isinstance(plan_item, PlanItem) or plan_item.congress_id != congress.pk:
            errors.add("plan_item", "“监督计划项目”在本级找不到")
            plan_item = None
        else:
            if kind in Activity.Kind.values and plan_item.kind != kind:
                errors.add("plan_item", f"“监督计划项目”“{plan_item.title}”是{plan_item.get_kind_display()}，"
                                        f"与本次{Activity.Kind(kind).label}的类别不符")
            plan_year = Plan.objects.in_congress(congress).values_list("year", flat=True).get(pk=plan_item.plan_id)
            if year and plan_year != year:
                errors.add("plan_item", f"“监督计划项目”属于 {plan_year} 年度计划，本次为 {year} 年度")
            if plan_item.status == PlanItem.Status.CANCELLED:
                errors.add("plan_item", f"“监督计划项目”“{plan_item.title}”已取消")
            if lead_committee is None:
                lead_committee = plan_item.lead_committee
    lead = own_organisation(congress, errors, "lead_committee", "牵头委员会", lead_committee, COMMITTEE_KINDS)
    organiser = own_organisation(congress, errors, "organiser", "组织单位", organiser, ORGANISER_KINDS)
    if lead_committee is None and organiser is None:
        errors.add("lead_committee", "“牵头委员会”和“组织单位”须至少填写一项")
    names = _laws(laws, errors)
    if kind == Activity.Kind.LAW_INSPECTION and not names and "laws" not in errors.by_field:
        errors.add("laws", "“检查的法律法规”必须填写：执法检查须写明检查的法律或法规（至少一部）")
    if partner is not None:
        if partner.pk == congress.pk:
            errors.add("partner", "“联动的人大”不能是本级人大")
        elif not (congress.parent_id == partner.pk or partner.parent_id == congress.pk):
            errors.add("partner", f"“联动的人大”须为本级的上一级或下一级人大，“{partner.name}”不是")
    errors.raise_if_any()
    activity = Activity.objects.create(congress=congress, kind=kind, title=title, year=year, plan_item=plan_item,
                                       lead_committee=lead, organiser=organiser, laws=names, partner=partner)
    tallies.change(kept.ACTIVITIES, congress, after=kept.ACTIVITIES.contributions(activity))
    audit.record(congress, actor, "start_activity", activity, after={
        "kind": kind, "year": year, "plan_item": str(plan_item or ""), "lead_committee": str(lead or ""),
        "organiser": str(organiser or ""), "laws": names, "partner": str(partner or "")})
    return activity


def _team_names(congress: Congress, activity: Activity) -> list[str]:
    return [f"{m.get_role_display()}：{m.person.name}" for m in
            TeamMember.objects.in_congress(congress).filter(activity=activity).select_related("person").order_by("id")]


@action("set_team")
def set_team(congress: Congress, activity: Activity, *, actor, leader: Person | None,
             members: Iterable[tuple] = (), committees: Iterable[Organisation] = (), today=None) -> list[TeamMember]:
    """Name the team (调研组/检查组), replacing the one before: a leader (normally a vice-chair), deputy
    leaders, members, invited deputies, experts and staff, each once; and the committees taking part
    besides the lead committee. ``members`` are (person, role, note) — note the unit and post.

    The notices already sent follow the team: whoever leaves it loses their replies (pending or
    answered — a reply counts only for the team as it is; the answer stays in the audit trail of
    ``reply_to_notice``), and whoever joins it is asked on every notice still open for replies."""
    ensure_own(congress, activity, "调研（检查）")
    _lock(congress, activity)
    require_status(activity, Activity.Status.PREPARING, Activity.Status.UNDER_WAY)
    errors = Errors()
    if leader is None:
        errors.add("leader", "调研（检查）组须有组长")
    leader = own_person(congress, errors, "leader", "组长", leader)
    rows: list[tuple[Person, str, str]] = [(leader, TeamMember.Role.LEADER, "")] if leader is not None else []
    seen = {leader.pk} if leader is not None else set()
    for n, member in enumerate(members or (), start=1):
        person, role, note = (tuple(member) + ("", ""))[:3]
        if role not in {r.value for r in TEAM_ROLES}:
            allowed = "、".join(r.label for r in TEAM_ROLES)
            errors.add("members", f"第{n}位：“在组内”须为以下之一：{allowed}（组长另行指定），收到：{role}")
            continue
        found = own_person(congress, errors, "members", f"第{n}位组成人员", person)
        note = text({"members": note}, errors, "members", f"第{n}位的单位职务", max_length=100)
        if found is None:
            continue
        if found.pk in seen:
            errors.add("members", f"“{found.name}”在组内只能出现一次")
            continue
        seen.add(found.pk)
        rows.append((found, role, note))
    orgs: list[Organisation] = []
    for org in committees or ():
        found_org = own_organisation(congress, errors, "committees", "参加的委员会", org, COMMITTEE_KINDS)
        if found_org is None:
            continue
        if found_org.pk == activity.lead_committee_id:
            errors.add("committees", f"“参加的委员会”不必包括牵头委员会“{found_org.name}”")
        elif found_org.pk not in {o.pk for o in orgs}:
            orgs.append(found_org)
    errors.raise_if_any()
    before = {"team": _team_names(congress, activity), "committees": [
        c.organisation.name for c in ActivityCommittee.objects.in_congress(congress).filter(activity=activity)
        .select_related("organisation").order_by("id")]}
    TeamMember.objects.in_congress(congress).filter(activity=activity).delete()
    ActivityCommittee.objects.in_congress(congress).filter(activity=activity).delete()
    team = TeamMember.objects.bulk_create([TeamMember(congress=congress, activity=activity, person=p, role=r, note=n)
                                           for p, r, n in rows])
    ActivityCommittee.objects.bulk_create([ActivityCommittee(congress=congress, activity=activity, organisation=o)
                                           for o in orgs])
    removed, added = _replies_follow_team(congress, activity, [p.pk for p, _, _ in rows], today)
    audit.record(congress, actor, "set_team", activity, before=before, after={
        "team": [f"{TeamMember.Role(r).label}：{p.name}" for p, r, _ in rows], "committees": [o.name for o in orgs],
        "notice_replies_removed": removed, "notice_replies_added": added})
    return team


def _replies_follow_team(congress: Congress, activity: Activity, people: list[int], today) -> tuple[int, int]:
    """Drop the notice replies of people no longer on the team; ask the newcomers on each notice whose
    reply date has not passed. Returns (replies removed, replies added)."""
    notices = Notice.objects.in_congress(congress).filter(activity=activity)
    removed, _ = (NoticeReply.objects.in_congress(congress).filter(notice__in=notices)
                  .exclude(person_id__in=people).delete())
    day = today or timezone.localdate()
    open_ids = list(notices.filter(Q(reply_by__isnull=True) | Q(reply_by__gte=day)).values_list("pk", flat=True))
    asked = set(NoticeReply.objects.in_congress(congress).filter(notice_id__in=open_ids)
                .values_list("notice_id", "person_id"))
    new = [NoticeReply(congress=congress, notice_id=n, person_id=p) for n in open_ids for p in dict.fromkeys(people)
           if (n, p) not in asked]
    NoticeReply.objects.bulk_create(new)
    return removed, len(new)


def _lock(congress: Congress, activity: Activity) -> None:
    """Lock the activity's row and read its state afresh: the plan document must not be rewritten
    while another office takes the team into the field."""
    activity.status = (Activity.objects.in_congress(congress).select_for_update()
                       .values_list("status", flat=True).get(pk=activity.pk))


def _stop_label(n: int) -> str:
    return f"第{n}站"


@action("write_activity_plan")
def write_activity_plan(congress: Congress, activity: Activity, *, actor, goals: str, questions: str = "",
                        starts_on, ends_on, stops: Iterable[dict] = ()) -> Activity:
    """Write the plan document (调研方案/检查方案): aims and focus, the outline of questions, the dates,
    and the itinerary — each stop a day, county and site inside the activity's year and its dates.
    The itinerary is replaced as a whole; only while the activity is being prepared."""
    ensure_own(congress, activity, "调研（检查）")
    _lock(congress, activity)
    require_status(activity, Activity.Status.PREPARING)
    errors = Errors()
    goals = text({"goals": goals}, errors, "goals", "目的和重点", required=True, max_length=4000)
    questions = text({"questions": questions}, errors, "questions", "调研（检查）提纲", max_length=4000)
    starts = date({"starts_on": starts_on}, errors, "starts_on", "开始日期", required=True)
    ends = date({"ends_on": ends_on}, errors, "ends_on", "结束日期", required=True)
    year_first, year_last = datetime.date(activity.year, 1, 1), datetime.date(activity.year, 12, 31)
    for field, label, day in (("starts_on", "开始日期", starts), ("ends_on", "结束日期", ends)):
        if day is not None and not year_first <= day <= year_last:
            errors.add(field, f"“{label}” {day.isoformat()} 不在 {activity.year} 年度内")
    if starts and ends and ends < starts:
        errors.add("ends_on", "“结束日期”不能早于“开始日期”")
    cleaned: list[dict] = []
    rows = list(stops or ())
    if len(rows) > MAX_STOPS:
        errors.add("stops", f"行程最多 {MAX_STOPS} 站，现有 {len(rows)} 站")
        rows = []
    for n, stop in enumerate(rows, start=1):
        stop = stop if isinstance(stop, dict) else {}
        where = _stop_label(n)
        row = Errors()
        day = date(stop, row, "day", "日期", required=True)
        county = text(stop, row, "county", "县（市、区）", required=True, max_length=40)
        site = text(stop, row, "site", "地点", required=True, max_length=200, multiline=False)
        purpose = text(stop, row, "purpose", "内容", max_length=300, multiline=False)
        if day is not None:
            if not year_first <= day <= year_last:
                row.add("day", f"日期 {day.isoformat()} 不在 {activity.year} 年度内")
            elif starts and ends and not starts <= day <= ends:
                row.add("day", f"日期 {day.isoformat()} 不在 {starts.isoformat()} 至 {ends.isoformat()} 之间")
        for messages in row.by_field.values():
            for message in messages:
                errors.add("stops", f"{where}：{message}")
        cleaned.append({"day": day, "county": county, "site": site, "purpose": purpose})
    errors.raise_if_any()
    before = {"starts_on": str(activity.starts_on or ""), "ends_on": str(activity.ends_on or ""),
              "stops": Stop.objects.in_congress(congress).filter(activity=activity).count()}
    activity.goals, activity.questions, activity.starts_on, activity.ends_on = goals, questions, starts, ends
    activity.save(update_fields=["goals", "questions", "starts_on", "ends_on"])
    Stop.objects.in_congress(congress).filter(activity=activity).delete()
    Stop.objects.bulk_create([Stop(congress=congress, activity=activity, **row) for row in cleaned])
    audit.record(congress, actor, "write_activity_plan", activity, before=before, after={
        "starts_on": str(starts), "ends_on": str(ends), "stops": len(cleaned),
        "counties": sorted({row["county"] for row in cleaned})})
    return activity


@action("begin_fieldwork")
def begin_fieldwork(congress: Congress, activity: Activity, *, actor) -> Activity:
    """Go into the field: the team has its leader and, for a survey or inspection, the plan has its itinerary."""
    ensure_own(congress, activity, "调研（检查）")
    _lock(congress, activity)
    ACTIVITY_WORKFLOW.check(activity.status, Activity.Status.UNDER_WAY, roles_of(actor, congress), congress,
                            action="begin_fieldwork")
    problems = []
    if not TeamMember.objects.in_congress(congress).filter(activity=activity, role=TeamMember.Role.LEADER).exists():
        problems.append("调研（检查）组须有组长：请先确定组成人员")
    if activity.kind in NEEDS_ITINERARY and not Stop.objects.in_congress(congress).filter(activity=activity).exists():
        problems.append(f"{activity.get_kind_display()}须先制定方案和行程")
    if problems:
        raise ValidationError({"status": problems})
    activity.status = Activity.Status.UNDER_WAY
    activity.save(update_fields=["status"])
    audit.record(congress, actor, "begin_fieldwork", activity, before={"status": Activity.Status.PREPARING},
                 after={"status": activity.status})
    return activity
