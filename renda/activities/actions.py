"""Writes to deputies' activities between sessions and their training, one function per use case.

Staff organise an activity (视察、专题调研、座谈会、代表小组活动、走访、培训), invite participants —
deputies of any level of this congress's area on the activity's day, this congress's registered CPPCC
members and its staff (queries.eligible) — and a notice asking for 参加/请假 goes to each through the
outbox (proposals.Notice). Each participant replies on their phone and signs in there with the
rotating code shown at the venue (the meetings' hall code and its wrong-code limits); staff record
attendance, the activity's summary and what it produced. Training sessions are activities of kind
training in a programme, with hours; a programme's certificates are issued once a person's hours
reach the required hours."""

from __future__ import annotations

import datetime
import logging
from decimal import Decimal, InvalidOperation
from typing import Any

from django.urls import reverse
from django.utils import timezone

from renda.activities import queries
from renda.activities.models import Activity, Output, Participant, TrainingCertificate, TrainingProgramme
from renda.activities.workflows import ACTIVITY_WORKFLOW
from renda.core import audit
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress
from renda.core.permissions import roles_of
from renda.core.rules import MEETING_FIRST_YEAR, MEETING_YEARS_AHEAD, year_window
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.liaison.models import Concern
from renda.meetings import sign_in_limits
from renda.meetings.actions import code_matches
from renda.people.models import Mandate, Organisation, Person
from renda.people.validation import Errors, moment, text, whole_number
from renda.proposals.models import Notice, Suggestion

S = Activity.Status
P = Participant
logger = logging.getLogger("renda.actions")
MAX_SESSION_HOURS = Decimal("24")     # 地方实践: one session is at most a day's hours
MAX_RECORDED_HOURS = Decimal("999.9")  # a person's recorded hours for one session (e.g. an online course)
MAX_PEOPLE = 2000                      # participants added at once
GROUP_KINDS = (Organisation.Kind.DEPUTY_GROUP, Organisation.Kind.DELEGATION)


def day_of(activity: Activity) -> datetime.date:
    return timezone.localdate(activity.starts_at)


def _hours(value: Any, errors: Errors, field: str, label: str, maximum: Decimal, *, required: bool = False) -> Decimal | None:
    """Hours with at most one decimal place, more than 0 and at most ``maximum``."""
    if value in (None, ""):
        if required:
            errors.add(field, f"“{label}”必须填写")
        return None
    try:
        if isinstance(value, bool):
            raise InvalidOperation
        number = Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        errors.add(field, f"“{label}”须为数字，如 3 或 1.5，收到：{str(value)[:20]}")
        return None
    if not number.is_finite() or number <= 0 or number > maximum or number != number.quantize(Decimal("0.1")):
        errors.add(field, f"“{label}”须大于 0、不超过 {maximum}，最多一位小数，收到：{value}")
        return None
    return number.quantize(Decimal("0.1"))


def _notify(congress: Congress, activity: Activity, people: list[int], message: str, tag: str) -> None:
    """Outbox notices to these people about the activity (one per person and ``tag``)."""
    link = reverse("activity_detail", args=[congress.code, activity.pk])
    Notice.objects.bulk_create([
        Notice(congress=congress, person_id=pk, link=link, text=message[:300], key=f"activity:{activity.pk}:{tag}:{pk}")
        for pk in people], ignore_conflicts=True)  # the key keeps one notice per person however often it is sent


def _when(activity: Activity) -> str:
    when = timezone.localtime(activity.starts_at)
    return f"{when.month}月{when.day}日{when:%H:%M}"


# ---------------------------------------------------------------- the activity


def _fields(congress: Congress, errors: Errors, *, kind, topic, starts_at, ends_at, place, description, organiser,
            deputy_group, programme, hours) -> dict:
    if kind not in Activity.Kind.values:
        errors.add("kind", f"“活动类别”无效：{kind}")
    topic = text({"topic": topic}, errors, "topic", "主题", required=True, max_length=200, multiline=False)
    place = text({"place": place}, errors, "place", "地点", required=True, max_length=200, multiline=False)
    description = text({"description": description}, errors, "description", "内容", max_length=5000)
    window = year_window(MEETING_FIRST_YEAR, MEETING_YEARS_AHEAD)
    if starts_at in (None, ""):
        errors.add("starts_at", "“开始时间”必须填写")
        starts_at = None
    else:
        starts_at = moment(starts_at, errors, "starts_at", "开始时间", window)
    if ends_at not in (None, ""):
        ends_at = moment(ends_at, errors, "ends_at", "结束时间", window)
        if ends_at is not None and starts_at is not None and ends_at < starts_at:
            errors.add("ends_at", "“结束时间”不能早于开始时间")
    else:
        ends_at = None
    if organiser is not None and organiser.congress_id != congress.pk:
        errors.add("organiser", "“组织机构”须为本级的机构")
    if deputy_group is not None and (deputy_group.congress_id != congress.pk or deputy_group.kind not in GROUP_KINDS):
        errors.add("deputy_group", "“代表小组”须为本级的代表小组或代表团")
    if programme is not None:
        if programme.congress_id != congress.pk:
            errors.add("programme", "“培训项目”须为本级的培训项目")
        elif kind != Activity.Kind.TRAINING:
            errors.add("programme", "只有“培训”类活动可以属于培训项目")
    hours_value = _hours(hours, errors, "hours", "学时", MAX_SESSION_HOURS, required=kind == Activity.Kind.TRAINING)
    if hours_value is not None and kind != Activity.Kind.TRAINING:
        errors.add("hours", "只有“培训”类活动记学时")
    return {"kind": kind, "topic": topic, "starts_at": starts_at, "ends_at": ends_at, "place": place,
            "description": description, "organiser": organiser, "deputy_group": deputy_group,
            "programme": programme, "hours": hours_value}


@action("create_activity")
def create_activity(congress: Congress, *, actor, kind: str, topic: str, starts_at, place: str, ends_at=None,
                    description: str = "", organiser: Organisation | None = None,
                    deputy_group: Organisation | None = None, programme: TrainingProgramme | None = None,
                    hours: Any = None) -> Activity:
    """Organise an activity between sessions (代表法第二十一条至第二十三条: 视察、专题调研、座谈、代表小组
    活动); a training session (kind training) carries its hours and may belong to a programme."""
    errors = Errors()
    values = _fields(congress, errors, kind=kind, topic=topic, starts_at=starts_at, ends_at=ends_at, place=place,
                     description=description, organiser=organiser, deputy_group=deputy_group, programme=programme,
                     hours=hours)
    errors.raise_if_any()
    activity = Activity.objects.create(congress=congress, created_by=actor if getattr(actor, "pk", None) else None,
                                       **values)
    audit.record(congress, actor, "create_activity", activity, object_repr=activity.topic,
                 after={"kind": kind, "topic": activity.topic, "starts_at": str(activity.starts_at),
                        "place": activity.place, "programme": programme.pk if programme else None,
                        "hours": str(activity.hours) if activity.hours is not None else None})
    return activity


def _locked(congress: Congress, activity: Activity) -> Activity:
    ensure_own(congress, activity, "代表活动")
    return Activity.objects.in_congress(congress).select_for_update().get(pk=activity.pk)


def _refuse_ineligible(congress: Congress, people: dict[int, Person], on: datetime.date, field: str) -> queries.Eligible:
    found = queries.eligible(congress, people, on)
    refused = [p for pk, p in people.items() if not found.allows(pk)]
    if refused:
        raise ValidationError({field: [
            f"{p.name}在{on:%Y-%m-%d}不是{congress.name}或其上下级人大的在任代表，也不是本级登记的政协委员或工作人员，"
            "不能参加本次活动" for p in refused]})
    return found


@action("update_activity")
def update_activity(congress: Congress, activity: Activity, *, actor, **changes) -> Activity:
    """Change an activity before it is held: its kind, topic, time, place, content, organiser, group,
    programme or hours (a field not given stays as it is). A new day must still find every participant
    eligible; participants are told of a new time or place."""
    activity = _locked(congress, activity)
    require_status(activity, S.PLANNED)
    allowed = {"kind", "topic", "starts_at", "ends_at", "place", "description", "organiser", "deputy_group",
               "programme", "hours"}
    unknown = set(changes) - allowed
    if unknown:
        raise ValidationError({sorted(unknown)[0]: f"不能修改的字段：{'、'.join(sorted(unknown))}"})
    current = {name: getattr(activity, name) for name in allowed}
    errors = Errors()
    values = _fields(congress, errors, **{**current, **changes})
    errors.raise_if_any()
    participants = list(Participant.objects.in_congress(congress).filter(activity=activity).select_related("person"))
    new_day = timezone.localdate(values["starts_at"])
    if new_day != day_of(activity) and participants:
        found = _refuse_ineligible(congress, {p.person_id: p.person for p in participants}, new_day, "starts_at")
        for p in participants:
            deputy_of = found.deputies.get(p.person_id)
            if (deputy_of.pk if deputy_of else None) != p.as_deputy_of_id:
                p.as_deputy_of = deputy_of
                p.save(update_fields=["as_deputy_of"])
    before = audit.snapshot(activity, sorted(allowed))
    for name, value in values.items():
        setattr(activity, name, value)
    activity.save(update_fields=sorted(allowed))
    old, new = audit.changed(before, audit.snapshot(activity, sorted(allowed)))
    if {"starts_at", "place"} & set(new) and participants:
        _notify(congress, activity, [p.person_id for p in participants],
                f"活动“{activity.topic}”改为{_when(activity)}在{activity.place}举行", f"change:{activity.starts_at:%Y%m%d%H%M}:{activity.place[:20]}")
    audit.record(congress, actor, "update_activity", activity, object_repr=activity.topic, before=old, after=new)
    return activity


@action("update_activity")
def cancel_activity(congress: Congress, activity: Activity, *, actor, reason: str = "") -> Activity:
    """Cancel an activity not yet held; its participants are told."""
    activity = _locked(congress, activity)
    ACTIVITY_WORKFLOW.check(activity.status, S.CANCELLED, roles_of(actor, congress), congress, action="update_activity")
    errors = Errors()
    reason = text({"reason": reason}, errors, "reason", "取消原因", max_length=200, multiline=False)
    errors.raise_if_any()
    activity.status = S.CANCELLED
    activity.save(update_fields=["status"])
    people = list(Participant.objects.in_congress(congress).filter(activity=activity).values_list("person_id", flat=True))
    _notify(congress, activity, people, f"原定{_when(activity)}的活动“{activity.topic}”已取消" + (f"：{reason}" if reason else ""),
            "cancel")
    audit.record(congress, actor, "update_activity", activity, object_repr=activity.topic,
                 before={"status": S.PLANNED}, after={"status": S.CANCELLED, "reason": reason})
    return activity


# ---------------------------------------------------------------- participants


def resolve_entries(congress: Congress, entries: list[str], errors: Errors, field: str, on: datetime.date) -> list[Person]:
    """People named by pasted entries: ``@<id>``, a deputy's certificate number in this congress, or a
    name (one person of that name among those who may take part). Each entry not resolved is an
    error naming it."""
    found: list[Person] = []
    names = [e for e in entries if not (e.startswith("@") and e[1:].isdecimal())]
    ids = [int(e[1:]) for e in entries if e.startswith("@") and e[1:].isdecimal()]
    by_id = {p.pk: p for p in Person.objects.filter(pk__in=ids)}
    by_number = {m.number: m.person for m in Mandate.objects.in_congress(congress).filter(number__in=names)
                 .select_related("person")}
    by_name: dict[str, list[Person]] = {}
    for named in Person.objects.filter(name__in=names).order_by("pk"):
        by_name.setdefault(named.name, []).append(named)
    # A name shared by several people: the ones who may take part on the day settle it.
    shared = [p.pk for group in by_name.values() if len(group) > 1 for p in group]
    possible = queries.eligible(congress, shared, on) if shared else queries.Eligible()
    for entry in entries:
        person: Person | None
        if entry.startswith("@") and entry[1:].isdecimal():
            person = by_id.get(int(entry[1:]))
            if person is None:
                errors.add(field, f"找不到人员（编号 {entry[1:]}）")
                continue
        elif entry in by_number:
            person = by_number[entry]
        else:
            candidates = by_name.get(entry, [])
            if len(candidates) > 1:
                candidates = [p for p in candidates if possible.allows(p.pk)] or candidates
            if not candidates:
                errors.add(field, f"找不到人员：{entry}")
                continue
            if len(candidates) > 1:
                errors.add(field, f"有多名人员叫“{entry}”，请用代表证号或从名单中选择")
                continue
            person = candidates[0]
        if person.pk not in {p.pk for p in found}:
            found.append(person)
    return found


@action("add_participants")
def add_participants(congress: Congress, activity: Activity, *, actor, people: Any = (), entries: Any = (),
                     groups: Any = (), role: str = "") -> list[Participant]:
    """Invite people to an activity: picked (``people``: Person or ids), pasted (``entries``: names,
    certificate numbers or ``@id``) or by whole deputy groups or delegations of this congress
    (``groups``). Each must be, on the activity's day, a deputy of this congress, of one above it or
    of one below it (``as_deputy_of`` names which, this congress first), or this congress's CPPCC
    member or staff; anyone else is refused by name and nobody is added. People already invited are
    left as they are. Each new participant gets a notice asking for 参加/请假."""
    activity = _locked(congress, activity)
    require_status(activity, S.PLANNED, S.HELD)
    errors = Errors()
    role = text({"role": role}, errors, "role", "身份", max_length=30, multiline=False)
    for name, value in (("people", people), ("entries", entries), ("groups", groups)):
        if value is None or isinstance(value, str) or not isinstance(value, list | tuple):
            errors.add(name, "须为列表")
    errors.raise_if_any()
    on = day_of(activity)
    wanted: dict[int, Person] = {}
    ids = [getattr(p, "pk", p) for p in people]
    bad = [str(i) for i in ids if not isinstance(i, int) or isinstance(i, bool)]
    if bad:
        errors.add("people", f"人员编号须为整数：{'、'.join(bad)}")
    known = {p.pk: p for p in Person.objects.filter(pk__in=[i for i in ids if isinstance(i, int)])}
    for pk in ids:
        if isinstance(pk, int) and not isinstance(pk, bool):
            if pk in known:
                wanted.setdefault(pk, known[pk])
            else:
                errors.add("people", f"找不到人员（编号 {pk}）")
    for person in resolve_entries(congress, [str(e).strip() for e in entries if str(e).strip()], errors, "entries", on):
        wanted.setdefault(person.pk, person)
    group_ids = [getattr(g, "pk", g) for g in groups]
    found_groups = {g.pk: g for g in Organisation.objects.in_congress(congress).filter(
        pk__in=[g for g in group_ids if isinstance(g, int)], kind__in=GROUP_KINDS)}
    for gid in group_ids:
        group = found_groups.get(gid) if isinstance(gid, int) else None
        if group is None:
            errors.add("groups", f"找不到本级的代表小组或代表团（编号 {gid}）")
            continue
        members = queries.group_members(congress, group, on)
        for person in Person.objects.filter(pk__in=members).order_by("pk"):
            wanted.setdefault(person.pk, person)
    if not errors.by_field and not wanted:
        errors.add("people", "请选择、粘贴或按代表小组选择参加人员")
    if len(wanted) > MAX_PEOPLE:
        errors.add("people", f"一次最多增加 {MAX_PEOPLE} 人，现有 {len(wanted)} 人")
    errors.raise_if_any()
    found = _refuse_ineligible(congress, wanted, on, "people")
    have = set(Participant.objects.in_congress(congress).filter(activity=activity).values_list("person_id", flat=True))
    rows = [Participant(congress=congress, activity=activity, person_id=pk, as_deputy_of=found.deputies.get(pk), role=role)
            for pk in wanted if pk not in have]
    # Two staff adding the same person at once: the activity row is locked above, and the unique
    # constraint (activity, person) backs it up.
    Participant.objects.bulk_create(rows, batch_size=500)
    if activity.status == S.PLANNED and rows:
        _notify(congress, activity, [r.person_id for r in rows],
                f"请回复是否参加（参加/请假）：{_when(activity)}在{activity.place}举行的{activity.get_kind_display()}"
                f"“{activity.topic}”", "invite")
    audit.record(congress, actor, "add_participants", activity, object_repr=activity.topic,
                 after={"added": [wanted[r.person_id].name for r in rows], "already": len(wanted) - len(rows)})
    return rows


@action("add_participants")
def remove_participant(congress: Congress, participant: Participant, *, actor) -> None:
    """Take someone off an activity's list before it is held; they are told."""
    ensure_own(congress, participant, "参加人员")
    activity = _locked(congress, participant.activity)
    require_status(activity, S.PLANNED)
    name = participant.person.name
    Participant.objects.in_congress(congress).filter(pk=participant.pk).delete()
    _notify(congress, activity, [participant.person_id], f"您无需参加活动“{activity.topic}”（{_when(activity)}）",
            "removed")
    audit.record(congress, actor, "add_participants", activity, object_repr=activity.topic, after={"removed": name})


def own_participation(congress: Congress, activity: Activity, actor) -> Participant:
    """The actor's own row on the activity, locked; refused for anyone not on the list."""
    person = queries.person_of(actor)
    if person is None:
        raise NotPermitted("请先登录，并使用与本人关联的账号")
    row = (Participant.objects.in_congress(congress).select_for_update().filter(activity=activity, person=person)
           .select_related("person").first())
    if row is None:
        raise NotPermitted(f"{person.name}不在活动“{activity.topic}”的参加人员名单中")
    return row


@action("reply_to_activity")
def reply_to_activity(congress: Congress, activity: Activity, *, actor, reply: str, reason: str = "") -> Participant:
    """A participant answers the notice: 参加, or 请假 with a reason. Answering again replaces the
    earlier answer, until the activity is held."""
    ensure_own(congress, activity, "代表活动")
    row = own_participation(congress, activity, actor)
    activity = _locked(congress, activity)
    require_status(activity, S.PLANNED)
    errors = Errors()
    if reply not in (P.Reply.ATTEND, P.Reply.LEAVE):
        errors.add("reply", f"“回复”须为参加或请假，收到：{reply}")
    reason = text({"reason": reason}, errors, "reason", "请假理由", required=reply == P.Reply.LEAVE, max_length=200,
                  multiline=False)
    errors.raise_if_any()
    before = {"reply": row.reply, "reason": row.reply_note}
    row.reply, row.reply_note, row.replied_at = reply, reason if reply == P.Reply.LEAVE else "", timezone.now()
    if reply == P.Reply.LEAVE and row.attendance == P.Attendance.EXPECTED:
        row.attendance = P.Attendance.ON_LEAVE
    elif reply == P.Reply.ATTEND and row.attendance == P.Attendance.ON_LEAVE:
        row.attendance = P.Attendance.EXPECTED
    row.save(update_fields=["reply", "reply_note", "replied_at", "attendance"])
    audit.record(congress, actor, "reply_to_activity", row, object_repr=f"{row.person.name}：{activity.topic}",
                 before=before, after={"reply": reply, "reason": row.reply_note})
    return row


@action("record_attendance")
def record_attendance(congress: Congress, activity: Activity, *, actor, rows: Any) -> list[Participant]:
    """Staff record who attended (出席/请假/缺席) and, for training, hours earned where they differ from
    the session's: ``rows`` is a list of {participant (or person), attendance, hours}. All rows or none."""
    activity = _locked(congress, activity)
    require_status(activity, S.PLANNED, S.HELD)
    if not isinstance(rows, list | tuple) or not rows:
        raise ValidationError({"rows": "请填写出席情况"})
    listed = {p.pk: p for p in Participant.objects.in_congress(congress).filter(activity=activity).select_related("person")}
    by_person = {p.person_id: p for p in listed.values()}
    errors = Errors()
    changes: list[tuple[Participant, str, Decimal | None]] = []
    for n, row in enumerate(rows, start=1):
        row = row if isinstance(row, dict) else {}
        target = row.get("participant")
        participant = listed.get(getattr(target, "pk", target)) if target is not None else \
            by_person.get(getattr(row.get("person"), "pk", row.get("person")))
        if participant is None:
            errors.add("rows", f"第 {n} 行：不是本次活动的参加人员")
            continue
        attendance = row.get("attendance")
        if attendance not in (P.Attendance.PRESENT, P.Attendance.ON_LEAVE, P.Attendance.ABSENT, P.Attendance.EXPECTED):
            errors.add("rows", f"{participant.person.name}：“出席情况”须为出席、请假或缺席，收到：{attendance}")
            continue
        hours = _hours(row.get("hours"), errors, "rows", f"{participant.person.name}的学时", MAX_RECORDED_HOURS)
        if hours is not None and activity.kind != Activity.Kind.TRAINING:
            errors.add("rows", f"{participant.person.name}：只有培训活动记学时")
        changes.append((participant, attendance, hours))
    errors.raise_if_any()
    now = timezone.now()
    for participant, attendance, hours in changes:
        if attendance == P.Attendance.PRESENT and participant.attendance != P.Attendance.PRESENT:
            participant.signed_in_at, participant.sign_in_method = now, "desk"
        participant.attendance, participant.hours = attendance, hours
        participant.save(update_fields=["attendance", "hours", "signed_in_at", "sign_in_method"])
    audit.record(congress, actor, "record_attendance", activity, object_repr=activity.topic,
                 after={p.person.name: a + (f" {h}学时" if h is not None else "") for p, a, h in changes})
    return [p for p, _, _ in changes]


def sign_in_code(activity: Activity, at: float | None = None) -> str:
    """The six-digit code shown at the venue; it changes every minute (the meetings' hall code)."""
    from renda.meetings.actions import rotating_code

    return rotating_code(activity.sign_in_secret, at)


@action("sign_in_to_activity")
def _sign_in(congress: Congress, activity: Activity, *, actor, code: str, address: str) -> Participant | str:
    """The action behind ``sign_in_to_activity``: the row, or the refusal of a wrong code, returned (not
    raised) so that the wrong try, its audit row and a lock it causes are committed."""
    ensure_own(congress, activity, "代表活动")
    row = own_participation(congress, activity, actor)
    today = timezone.localdate()
    last = timezone.localdate(activity.ends_at) if activity.ends_at else day_of(activity)
    if activity.status == S.CANCELLED or not day_of(activity) <= today <= last:
        raise ValidationError({"code": f"活动“{activity.topic}”{'已取消' if activity.status == S.CANCELLED else '不在今天'}，不能签到"})
    attempt = sign_in_limits.take_try(congress, actor, address)
    if attempt.refused:  # even with the right code, as for meetings: a lock a right guess could lift would not stop guessing
        raise ValidationError({"code": attempt.refused})
    if not code_matches(activity.sign_in_secret, code):
        after = {"result": f"签到码不正确（连续第 {attempt.tries} 次）", "address": address}
        locked = attempt.locked_by(congress)
        if locked:
            from renda.core import rules

            minutes = rules.get(congress, "meeting.hall_code_lock_minutes")
            after.update(status=sign_in_limits.LOCKED, result=f"签到码连续输错，{locked}暂停手机签到 {minutes} 分钟")
        audit.record(congress, actor, "sign_in_to_activity", activity, object_repr=row.person.name, after=after)
        return "签到码不正确或已过期，请看现场屏幕上的最新签到码"
    sign_in_limits.right_code(congress, actor, address)
    if row.attendance != P.Attendance.PRESENT:
        row.attendance, row.signed_in_at, row.sign_in_method = P.Attendance.PRESENT, timezone.now(), "phone"
        row.save(update_fields=["attendance", "signed_in_at", "sign_in_method"])
    audit.record(congress, actor, "sign_in_to_activity", row, object_repr=f"{row.person.name}：{activity.topic}",
                 after={"method": "phone"})
    return row


def sign_in_to_activity(congress: Congress, activity: Activity, *, actor, code: str, address: str = "") -> Participant:
    """A participant signs in on their phone with the code shown at the venue, on the activity's day.
    Wrong codes count and lock as for meetings (meetings.sign_in_limits, rules meeting.hall_code_*)."""
    outcome = _sign_in(congress, activity, actor=actor, code=code, address=address)
    if isinstance(outcome, str):
        logger.info("refused sign_in_to_activity in %s by %s: %s", congress.code, actor, outcome)
        raise ValidationError({"code": outcome})
    return outcome


@action("record_activity_held")
def record_activity_held(congress: Congress, activity: Activity, *, actor, summary: str) -> Activity:
    """The activity took place: its summary (活动情况) is recorded, and whoever has neither attended
    nor been on leave is recorded absent. Once held, the summary may be corrected."""
    activity = _locked(congress, activity)
    errors = Errors()
    summary = text({"summary": summary}, errors, "summary", "活动情况", required=True, max_length=10000, multiline=True)
    if activity.status == S.PLANNED and activity.starts_at > timezone.now():
        errors.add("summary", f"活动定于{_when(activity)}开始，尚未举行")
    errors.raise_if_any()
    if activity.status == S.HELD:
        before = {"summary": activity.summary}
        activity.summary = summary
        activity.save(update_fields=["summary"])
        audit.record(congress, actor, "record_activity_held", activity, object_repr=activity.topic, before=before,
                     after={"summary": summary[:500]})
        return activity
    ACTIVITY_WORKFLOW.check(activity.status, S.HELD, roles_of(actor, congress), congress, action="record_activity_held")
    absent = Participant.objects.in_congress(congress).filter(activity=activity, attendance=P.Attendance.EXPECTED) \
        .update(attendance=P.Attendance.ABSENT)
    activity.status, activity.summary = S.HELD, summary
    activity.save(update_fields=["status", "summary"])
    audit.record(congress, actor, "record_activity_held", activity, object_repr=activity.topic,
                 before={"status": S.PLANNED}, after={"status": S.HELD, "summary": summary[:500], "absent": absent})
    return activity


@action("add_output")
def add_output(congress: Congress, activity: Activity, *, actor, kind: str, title: str = "", text_: str = "",
               suggestion: Suggestion | None = None, concern: Concern | None = None) -> Output:
    """What the activity produced: an opinion (意见建议; linked to its concern in the opinion register
    where there is one), a deputy's suggestion (this congress's), or a report (调研或视察报告)."""
    activity = _locked(congress, activity)
    if activity.status == S.CANCELLED:
        raise ValidationError({"kind": f"活动“{activity.topic}”已取消"})
    errors = Errors()
    if kind not in Output.Kind.values:
        errors.add("kind", f"“类别”无效：{kind}")
    if suggestion is not None and suggestion.congress_id != congress.pk:
        errors.add("suggestion", "“代表建议”须为本级的议案建议")
    elif suggestion is not None and kind != Output.Kind.SUGGESTION:
        errors.add("suggestion", "只有“代表建议”类成果可以关联议案建议")
    elif suggestion is None and kind == Output.Kind.SUGGESTION:
        errors.add("suggestion", "“代表建议”类成果须选择本级的一件议案建议")
    if concern is not None and concern.congress_id != congress.pk:
        errors.add("concern", "“意见建议”须为本级登记的意见")
    title = text({"title": title}, errors, "title", "标题", max_length=200, multiline=False,
                 required=suggestion is None or suggestion.congress_id != congress.pk)
    body = text({"text": text_}, errors, "text", "内容", max_length=20000, multiline=True)
    errors.raise_if_any()
    output = Output.objects.create(congress=congress, activity=activity, kind=kind,
                                   title=title or (suggestion.title if suggestion else ""),
                                   suggestion=suggestion, concern=concern, text=body)
    audit.record(congress, actor, "add_output", output, object_repr=output.title,
                 after={"kind": kind, "title": output.title, "suggestion": suggestion.pk if suggestion else None})
    return output


# ---------------------------------------------------------------- training programmes


def _programme_fields(errors: Errors, *, kind, title, year, organiser, certificate, required_hours) -> dict:
    if kind not in TrainingProgramme.Kind.values:
        errors.add("kind", f"“培训类别”无效：{kind}")
    title = text({"title": title}, errors, "title", "培训名称", required=True, max_length=200, multiline=False)
    organiser = text({"organiser": organiser}, errors, "organiser", "主办单位", max_length=100)
    number = whole_number(year, errors, "year", "年度", minimum=MEETING_FIRST_YEAR,
                          maximum=timezone.localdate().year + MEETING_YEARS_AHEAD)
    if not isinstance(certificate, bool):
        errors.add("certificate", "“颁发结业证书”须为是或否")
    hours = _hours(required_hours, errors, "required_hours", "结业所需学时", MAX_RECORDED_HOURS, required=certificate is True)
    return {"kind": kind, "title": title, "year": number, "organiser": organiser, "certificate": certificate is True,
            "required_hours": hours}


@action("create_training_programme")
def create_training_programme(congress: Congress, *, actor, kind: str, title: str, year: Any, organiser: str = "",
                              certificate: bool = False, required_hours: Any = None) -> TrainingProgramme:
    """A training programme (任职培训、代表法专题、调解培训、人大干部培训); with certificates, the hours
    a person must reach to be issued one."""
    errors = Errors()
    values = _programme_fields(errors, kind=kind, title=title, year=year, organiser=organiser,
                               certificate=certificate, required_hours=required_hours)
    errors.raise_if_any()
    programme = TrainingProgramme.objects.create(congress=congress, created_by=actor if getattr(actor, "pk", None) else None,
                                                 **values)
    audit.record(congress, actor, "create_training_programme", programme, object_repr=programme.title,
                 after={**values, "required_hours": str(values["required_hours"]) if values["required_hours"] else None})
    return programme


@action("create_training_programme")
def update_training_programme(congress: Congress, programme: TrainingProgramme, *, actor, **changes) -> TrainingProgramme:
    ensure_own(congress, programme, "培训项目")
    names = ["kind", "title", "year", "organiser", "certificate", "required_hours"]
    unknown = set(changes) - set(names)
    if unknown:
        raise ValidationError({sorted(unknown)[0]: f"不能修改的字段：{'、'.join(sorted(unknown))}"})
    errors = Errors()
    values = _programme_fields(errors, **{**{n: getattr(programme, n) for n in names}, **changes})
    errors.raise_if_any()
    before = audit.snapshot(programme, names)
    for name, value in values.items():
        setattr(programme, name, value)
    programme.save(update_fields=names)
    old, new = audit.changed(before, audit.snapshot(programme, names))
    audit.record(congress, actor, "create_training_programme", programme, object_repr=programme.title, before=old, after=new)
    return programme


@action("issue_certificates")
def issue_certificates(congress: Congress, programme: TrainingProgramme, *, actor, on: datetime.date | None = None
                       ) -> list[TrainingCertificate]:
    """Number a certificate of completion (结业证书) for each person whose hours in the programme reach
    its required hours and who has none yet (numbered 〔year〕programme-sequence)."""
    ensure_own(congress, programme, "培训项目")
    # Lock the programme: two staff issuing at once would otherwise hand out the same sequence numbers.
    programme = TrainingProgramme.objects.in_congress(congress).select_for_update().get(pk=programme.pk)
    if not programme.certificate or programme.required_hours is None:
        raise ValidationError({"certificate": f"培训项目“{programme.title}”不颁发结业证书"})
    due = [t for t in queries.trainees(congress, programme) if t.certificate is None and t.completed(programme)]
    if not due:
        raise ValidationError({"certificate": f"没有达到 {programme.required_hours} 学时且尚未发证的学员"})
    issued = TrainingCertificate.objects.in_congress(congress).filter(programme=programme)
    last = issued.count()
    day = on or timezone.localdate()
    rows = [TrainingCertificate(congress=congress, programme=programme, person=t.person, issued_on=day,
                                issued_by=actor if getattr(actor, "pk", None) else None,
                                number=f"〔{programme.year}〕{programme.pk}-{last + n:03d}")
            for n, t in enumerate(due, start=1)]
    TrainingCertificate.objects.bulk_create(rows)
    audit.record(congress, actor, "issue_certificates", programme, object_repr=programme.title,
                 after={r.number: r.person.name for r in rows})
    return rows
