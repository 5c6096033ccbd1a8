"""Writes for liaison with constituents: stations and rota, receptions, concerns under 三办 to the
person's feedback, and "双联系" contact records. Deadlines come from core.rules (liaison.*)."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from renda.answer_quality.actions import check_concern_quietly
from renda.core import audit, rules, uploads
from renda.core.errors import NotPermitted, ValidationError
from renda.core.models import Congress
from renda.core.permissions import OFFICE, organisations_of, roles_of
from renda.core.roles import Role
from renda.core.usecase import action, ensure_own
from renda.core.workflow import require_status
from renda.liaison import codes
from renda.liaison import tallies as kept
from renda.liaison.models import (
    Concern,
    ConcernPhoto,
    ConcernStep,
    ContactLink,
    ContactRecord,
    CppccMember,
    Reception,
    RotaSlot,
    StationProfile,
)
from renda.liaison.workflows import CONCERN_WORKFLOW
from renda.people.models import Mandate, Organisation, Person
from renda.people.validation import Errors, date, text, whole_number

S = Concern.Status
MAX_PHOTOS = 3


# ── who is who ──

def serving_mandate(congress: Congress, user) -> Mandate | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return (Mandate.objects.in_congress(congress).filter(person__user=user, status=Mandate.Status.SERVING)
            .select_related("person").first())


@dataclass(frozen=True)
class HandlerScope:
    """What makes a user a handler of concerns in a congress, looked up once (a page of concerns
    asks it for each)."""

    office: bool
    mandate: Mandate | None
    unit_ids: frozenset[int]

    def handles(self, concern: Concern) -> bool:
        """Those handling a concern: the liaison office, the deputies of its station and its
        responsible deputy, and the officers of the unit it was passed to. Only they see the
        person's name and contact."""
        if self.office:
            return True
        m = self.mandate
        # A register item has no station: a deputy without a station is not thereby its handler.
        if m is not None and (m.pk == concern.responsible_id
                              or (concern.station_id is not None and m.liaison_station_id == concern.station_id)):
            return True
        return bool(concern.unit_id and concern.unit_id in self.unit_ids)


def handler_scope(congress: Congress, user) -> HandlerScope:
    roles = roles_of(user, congress)
    if roles & OFFICE:
        return HandlerScope(True, None, frozenset())
    mandate = serving_mandate(congress, user) if roles & {Role.DEPUTY, Role.SC_MEMBER} else None
    units = frozenset(organisations_of(user, congress, Role.UNIT_OFFICER)) if Role.UNIT_OFFICER in roles else frozenset()
    return HandlerScope(False, mandate, units)


def is_handler(congress: Congress, concern: Concern, user) -> bool:
    return handler_scope(congress, user).handles(concern)


def _ensure_handler(congress: Congress, concern: Concern, actor) -> None:
    if not is_handler(congress, concern, actor):
        raise NotPermitted("您不是这件群众诉求的办理人（联络站代表、负责代表、承办单位或联络工作人员）")


def _station(congress: Congress, station: Organisation | None) -> Organisation:
    station = ensure_own(congress, station, "联络站")
    if station.kind != Organisation.Kind.LIAISON_STATION:
        raise ValidationError({"station": f"“{station.name}”不是代表联络站"})
    return station


def _serving(congress: Congress, mandates, field: str, label: str) -> list[Mandate]:
    out = []
    for m in mandates or []:
        if m is None or m.congress_id != congress.pk or m.status != Mandate.Status.SERVING:
            raise ValidationError({field: f"“{label}”须为本级在任代表"})
        out.append(m)
    return out


def _name(actor) -> str:
    if getattr(actor, "pk", None):
        return actor.get_full_name() or actor.get_username()
    return "反映人"


def _step(congress: Congress, concern: Concern, actor, note: str = "", public_note: str = "") -> ConcernStep:
    return ConcernStep.objects.create(congress=congress, concern=concern, status=concern.status, note=note[:500],
                               public_note=public_note[:500], actor_name=_name(actor))


def _move(congress: Congress, concern: Concern, target: str, actor, action_name: str) -> str:
    before = concern.status
    CONCERN_WORKFLOW.check(before, target, roles_of(actor, congress), congress, action=action_name)
    today = timezone.localdate()
    if concern.due_on is not None and concern.due_on < today:
        concern.late = True  # the step now ending missed its deadline; the statistics keep that
    concern.status = target
    return before


def _days(congress: Congress, key: str) -> datetime.date:
    return rules.add_days(congress, timezone.localdate(), rules.get(congress, key))


def is_raiser(concern: Concern, actor) -> bool:
    """The deputy or member who raised a register item (代表直通车, a point at a symposium): the
    answer goes back to them, and they acknowledge it without a tracking code."""
    return bool(concern.raised_by_id and getattr(actor, "pk", None)
                and Person.objects.filter(pk=concern.raised_by_id, user_id=actor.pk).exists())


def may_record_feedback(congress: Congress, concern: Concern, user) -> bool:
    """Who records the person's satisfaction on their behalf: the raiser of a register item, or a handler
    who is not the unit that answered — the office, the station's or responsible deputy. A handling unit
    never rates its own answer."""
    if is_raiser(concern, user):
        return True
    return is_handler(congress, concern, user) and bool(roles_of(user, congress) & (OFFICE | {Role.DEPUTY, Role.SC_MEMBER}))


def tell_raiser(congress: Congress, concern: Concern, text_: str) -> None:
    """A notice in the outbox (proposals.Notice) to whoever raised a register item ("事事有回音")."""
    if not concern.raised_by_id:
        return
    from django.urls import reverse

    from renda.proposals.models import Notice

    Notice.objects.create(congress=congress, person_id=concern.raised_by_id, text=text_[:300],
                          link=reverse("opinion_detail", args=[congress.code, concern.pk]))


def _after_answer(congress: Congress, concern: Concern) -> None:
    """A register item once answered: the raiser is told, and nothing further runs on anyone's clock
    (the unit's deadline is what the register measures; the raiser acknowledges when they read it).
    Register items are not in the stations' statistics, so no kept figure moves here."""
    if concern.source in Concern.REGISTER_SOURCES:
        concern.due_on = None
        concern.step_owner = concern.raised_by.name if concern.raised_by is not None else ""
        concern.save(update_fields=["due_on", "step_owner"])
        tell_raiser(congress, concern, f"您提出的意见“{concern.text[:40]}”已答复：{concern.answer[:200]}")


def _follow_main(congress: Congress, main: Concern, actor) -> None:
    """Items merged into ``main`` follow it: answered with its answer, closed or dismissed with it;
    each raiser is told."""
    today = timezone.localdate()
    items = list(Concern.objects.in_congress(congress).filter(merged_into=main).select_related("raised_by"))
    if items:
        with kept.track(congress, [item.pk for item in items]):
            _follow_items(congress, main, items, actor, today)


def _follow_items(congress: Congress, main: Concern, items: list[Concern], actor, today: datetime.date) -> None:
    for item in items:
        if main.status in (S.SOLVED, S.ANSWERED) and item.status == S.RECEIVED:
            CONCERN_WORKFLOW.check(item.status, S.ANSWERED, roles_of(actor, congress), congress, action="follow_merged")
            item.status, item.answer, item.answered_on = S.ANSWERED, main.answer, main.answered_on or today
            item.unit, item.path, item.due_on = main.unit, main.path, None
            item.step_owner = item.raised_by.name if item.raised_by is not None else ""
            item.save(update_fields=["status", "answer", "answered_on", "unit", "path", "due_on", "step_owner"])
            _step(congress, item, actor, public_note=f"随合并的第 {main.pk} 号答复：{main.answer[:400]}")
            tell_raiser(congress, item, f"您提出的意见“{item.text[:40]}”已随同类意见一并答复：{main.answer[:200]}")
        elif main.status == S.CLOSED and item.status in (S.ANSWERED, S.RECEIVED):
            if item.status == S.RECEIVED:  # merged after the main was answered is refused; kept safe
                continue
            CONCERN_WORKFLOW.check(item.status, S.CLOSED, roles_of(actor, congress), congress, action="follow_merged")
            item.status, item.closed_on, item.due_on, item.step_owner = S.CLOSED, today, None, ""
            item.save(update_fields=["status", "closed_on", "due_on", "step_owner"])
            _step(congress, item, actor, public_note=f"随合并的第 {main.pk} 号办结")
        elif main.status == S.DISMISSED and item.status == S.RECEIVED:
            CONCERN_WORKFLOW.check(item.status, S.DISMISSED, roles_of(actor, congress), congress, action="follow_merged")
            item.status, item.dismissed_reason, item.due_on = S.DISMISSED, main.dismissed_reason, None
            item.save(update_fields=["status", "dismissed_reason", "due_on"])
            _step(congress, item, actor, public_note=f"随合并的第 {main.pk} 号不予受理：{main.dismissed_reason}")
            tell_raiser(congress, item, f"您提出的意见“{item.text[:40]}”不予受理：{main.dismissed_reason}")


def _ensure_not_merged(concern: Concern) -> None:
    if concern.merged_into_id:
        raise ValidationError({"merged_into": f"这件已合并到第 {concern.merged_into_id} 号办理，随主件答复和办结"})


def answer_days_rule(concern: Concern) -> str:
    """Which rule gives a unit's deadline: a petition's, a register item's, or a station's concern's."""
    if concern.source == Concern.Source.PETITION:
        return "opinions.petition_days"
    if concern.source in Concern.REGISTER_SOURCES:
        return "opinions.unit_answer_days"
    return "liaison.unit_answer_days"


# ── stations and rota ──

@action("set_up_station")
def set_up_station(congress: Congress, station: Organisation, *, actor, area: str = "", opening_days: str = "",
                   phone: str = "", intake_open: bool = True) -> StationProfile:
    """What the public page and the rota need beyond the station's name and address."""
    station = _station(congress, station)
    errors = Errors()
    data = {"area": area, "opening_days": opening_days, "phone": phone}
    cleaned = {"area": text(data, errors, "area", "所在旗县区", max_length=40),
               "opening_days": text(data, errors, "opening_days", "接待日", max_length=100),
               "phone": text(data, errors, "phone", "联系电话", max_length=40), "intake_open": bool(intake_open)}
    errors.raise_if_any()
    profile, _ = StationProfile.objects.in_congress(congress).get_or_create(congress=congress, station=station)
    before = audit.snapshot(profile, list(cleaned))
    for field, value in cleaned.items():
        setattr(profile, field, value)
    profile.save(update_fields=list(cleaned))
    kept.move_area(congress, station.pk, before["area"], profile.area)
    audit.record(congress, actor, "set_up_station", station, before=before, after=cleaned)
    return profile


@action("set_rota")
def set_rota(congress: Congress, station: Organisation, *, actor, on, mandates: list[Mandate],
             cppcc_members: list[CppccMember] | None = None) -> list[RotaSlot]:
    """Which deputies — and CPPCC members (两代表一委员之家) — sit at the station on a day; the lists
    given replace that day's rota (``cppcc_members`` None leaves the day's CPPCC members as they are)."""
    station = _station(congress, station)
    errors = Errors()
    day = date({"on": on}, errors, "on", "接待日期", required=True)
    errors.raise_if_any()
    assert day is not None  # required above
    mandates = _serving(congress, mandates, "mandates", "接待代表")
    members = _active_cppcc(congress, cppcc_members, "cppcc_members") if cppcc_members is not None else None
    slots = RotaSlot.objects.in_congress(congress).filter(station=station, on=day)
    if members is None:
        slots = slots.filter(cppcc_member__isnull=True)
    before = sorted(slots.filter(mandate__isnull=False).values_list("mandate_id", flat=True))
    before_cppcc = sorted(slots.filter(cppcc_member__isnull=False).values_list("cppcc_member_id", flat=True))
    slots.delete()
    created = RotaSlot.objects.bulk_create(
        [RotaSlot(congress=congress, station=station, on=day, mandate=m) for m in {m.pk: m for m in mandates}.values()]
        + [RotaSlot(congress=congress, station=station, on=day, cppcc_member=c)
           for c in {c.pk: c for c in members or []}.values()])
    audit.record(congress, actor, "set_rota", station, before={"on": str(day), "mandates": before, "cppcc": before_cppcc},
                 after={"on": str(day), "mandates": sorted(s.mandate_id for s in created if s.mandate_id),
                        "cppcc": sorted(s.cppcc_member_id for s in created if s.cppcc_member_id)})
    return created


# ── receptions and concerns ──

def _clean_concern(congress: Congress, data: dict, errors: Errors, prefix: str = "") -> dict:
    anonymous = bool(data.get("anonymous"))
    f = lambda name: f"{prefix}{name}"  # noqa: E731
    values = {f(k): data.get(k, "") for k in ("person_name", "person_contact", "place", "category", "text")}
    cleaned = {
        "anonymous": anonymous,
        "person_name": "" if anonymous else text(values, errors, f("person_name"), "反映人姓名", max_length=50),
        "person_contact": "" if anonymous else text(values, errors, f("person_contact"), "联系方式", max_length=60),
        "place": text(values, errors, f("place"), "地点", max_length=100),
        "category": text(values, errors, f("category"), "类别", required=True, max_length=20),
        "text": text(values, errors, f("text"), "诉求内容", required=True, max_length=5000),
    }
    if not anonymous and not (cleaned["person_name"] and cleaned["person_contact"]):
        errors.add(f("person_contact"), "请填写姓名和联系方式，以便回复；不愿留名请选择“匿名反映”")
    categories = rules.get(congress, "liaison.categories")
    if cleaned["category"] and cleaned["category"] not in categories:
        errors.add(f("category"), f"“类别”须为以下之一：{'、'.join(categories)}")
    return cleaned


def _check_photos(photos, errors: Errors, field: str = "photos") -> list[tuple[object, str]]:
    photos = list(photos or [])
    if len(photos) > MAX_PHOTOS:
        errors.add(field, f"最多上传 {MAX_PHOTOS} 张照片")
        return []
    checked = []
    for photo in photos:
        kind = uploads.check(photo, "concern_photo", errors, field, what=f"照片“{photo.name}”")
        if kind is not None:
            checked.append((photo, kind.content_type))
    return checked


def _unused_tracking_code(congress: Congress) -> str:
    # A repeat among 10^10 is rare but not impossible; the unique constraint still guards the race
    # between this check and the insert.
    while True:
        code = codes.new_code()
        if not Concern.objects.in_congress(congress).filter(tracking_code=code).exists():
            return code


def _create_concern(congress: Congress, station: Organisation, actor, cleaned: dict, source: str,
                    reception: Reception | None = None, photos=()) -> Concern:
    concern = Concern.objects.create(congress=congress, station=station, reception=reception, source=source,
                                     tracking_code=_unused_tracking_code(congress),
                                     raised_on=reception.held_on if reception else timezone.localdate(), **cleaned)
    for photo, kind in photos:
        ConcernPhoto.objects.create(congress=congress, concern=concern, image=photo, content_type=kind)
    kept.added(congress, [concern])
    _step(congress, concern, actor, public_note=f"已受理，来源：{concern.get_source_display()}")
    return concern


@action("submit_concern")
def submit_concern(congress: Congress, station: Organisation, *, actor, data: dict, photos=()) -> Concern:
    """A concern typed in by the person (the station's QR form) or by staff for them. Anyone may
    raise one; the station's intake must be open for the public form."""
    station = _station(congress, station)
    staff = bool(roles_of(actor, congress) & {Role.ADMIN, Role.OFFICE_STAFF, Role.DEPUTY, Role.SC_MEMBER})
    profile = StationProfile.objects.in_congress(congress).filter(station=station).first()
    if not staff and profile is not None and not profile.intake_open:
        raise ValidationError({"station": f"{station.name}暂停网上反映，请在接待日到站反映"})
    errors = Errors()
    cleaned = _clean_concern(congress, data, errors)
    checked = _check_photos(photos, errors)
    errors.raise_if_any()
    concern = _create_concern(congress, station, actor, cleaned, Concern.Source.STAFF if staff else Concern.Source.ONLINE,
                              photos=checked)
    audit.record(congress, actor, "submit_concern", concern, object_repr=f"{station.name}：{concern.category}",
                 after={"source": concern.source, "category": concern.category, "photos": len(checked)})
    return concern


@action("record_reception")
def record_reception(congress: Congress, station: Organisation, *, actor, held_on, deputies: list[Mandate],
                     visitors: int, notes: str = "", concerns: list[dict] | None = None,
                     cppcc_members: list[CppccMember] | None = None) -> Reception:
    """A reception day: the deputies (and CPPCC members) who sat, how many people came, and each
    concern they raised (each a dict of the concern's fields, with its ``photos`` if any). The
    reception counts in the station's statistics; a deputy's record reads its deputies only."""
    station = _station(congress, station)
    errors = Errors()
    day = date({"held_on": held_on}, errors, "held_on", "接待日期", required=True)
    if day and day > timezone.localdate():
        errors.add("held_on", "“接待日期”不能晚于今天")
    notes = text({"notes": notes}, errors, "notes", "情况记录", max_length=5000)
    visitors = whole_number(visitors, errors, "visitors", "接待群众人数")
    if not deputies and not cppcc_members:
        errors.add("deputies", "请至少选择一名接待代表（或政协委员）")
    cleaned = [_clean_concern(congress, c, errors, prefix=f"concerns[{i}].") for i, c in enumerate(concerns or [])]
    photos = [_check_photos(c.get("photos"), errors, f"concerns[{i}].photos") for i, c in enumerate(concerns or [])]
    errors.raise_if_any()
    deputies = _serving(congress, deputies, "deputies", "接待代表")
    members = _active_cppcc(congress, cppcc_members, "cppcc_members")
    reception = Reception.objects.create(congress=congress, station=station, held_on=day, visitors=visitors,
                                         notes=notes, recorded_by=actor)
    reception.deputies.set(deputies)
    reception.cppcc_members.set(members)
    kept.reception_added(congress, reception)
    made = [_create_concern(congress, station, actor, c, Concern.Source.RECEPTION, reception, photos=p)
            for c, p in zip(cleaned, photos, strict=True)]
    audit.record(congress, actor, "record_reception", reception, object_repr=f"{station.name} {day}",
                 after={"deputies": [m.pk for m in deputies], "cppcc_members": [c.pk for c in members],
                        "visitors": visitors, "concerns": [c.pk for c in made]})
    return reception


@action("triage_concern")
def triage_concern(congress: Congress, concern: Concern, *, actor, path: str, answer: str = "", committee: str = "",
                   unit: Organisation | None = None, responsible: Mandate | None = None, due_on=None) -> Concern:
    """Choose the way (三办): 及时办 — solved now (give the answer) or passed to the village/community
    committee; 上报办 — passed by the liaison office to a handling unit; 跟踪办 — a deputy follows it.
    Each step gets an owner and a due date (liaison.* rules, or the date given)."""
    ensure_own(congress, concern, "群众诉求")
    _ensure_handler(congress, concern, actor)
    require_status(concern, S.RECEIVED)
    _ensure_not_merged(concern)
    errors = Errors()
    answer = text({"answer": answer}, errors, "answer", "办理结果", max_length=5000)
    committee = text({"committee": committee}, errors, "committee", "村（居）委会", max_length=60)
    due = date({"due_on": due_on}, errors, "due_on", "办理期限")
    if due is not None and due < timezone.localdate():
        errors.add("due_on", "“办理期限”不能早于今天")
    if responsible is None:
        responsible = serving_mandate(congress, actor)
    if responsible is not None:
        responsible = _serving(congress, [responsible], "responsible", "负责代表")[0]
    if path == Concern.Path.ON_THE_SPOT:
        if bool(answer) == bool(committee):
            errors.add("answer", "及时办：当场解决请填写“办理结果”，交村（居）委会办理请填写村（居）委会名称（二者选一）")
        target = S.SOLVED if answer else S.WITH_COMMITTEE
    elif path == Concern.Path.REFERRED:
        if unit is None or unit.congress_id != congress.pk or unit.kind != Organisation.Kind.HANDLING_UNIT:
            errors.add("unit", "上报办须选择本级的承办单位")
        target = S.REFERRED
    elif path == Concern.Path.TRACKED:
        if responsible is None:
            errors.add("responsible", "跟踪办须确定负责跟踪的代表")
        target = S.TRACKING
    else:
        errors.add("path", "“办理方式”须为及时办、上报办或跟踪办")
        target = None
    errors.raise_if_any()
    assert target is not None  # an unknown path was refused above
    with kept.track(congress, [concern.pk]):
        before = _move(congress, concern, target, actor, "triage_concern")
        concern.path, concern.responsible = path, responsible
        deputy_name = responsible.person.name if responsible else _name(actor)
        if target == S.SOLVED:
            concern.answer, concern.answered_on = answer, timezone.localdate()
            concern.step_owner, concern.due_on = deputy_name, _days(congress, "liaison.feedback_days")
            public = "代表当场解决"
        elif target == S.WITH_COMMITTEE:
            concern.committee = committee
            concern.step_owner, concern.due_on = committee, due or _days(congress, "liaison.committee_days")
            public = f"已交{committee}办理"
        elif target == S.REFERRED:
            assert unit is not None  # checked above for 上报办
            concern.unit = unit
            concern.step_owner, concern.due_on = unit.name, due or _days(congress, answer_days_rule(concern))
            public = f"已交{unit.name}办理"
        else:
            concern.step_owner, concern.due_on = deputy_name, due or _days(congress, "liaison.tracking_days")
            public = f"由{deputy_name}代表跟踪办理"
        concern.save(update_fields=["status", "path", "responsible", "answer", "answered_on", "committee", "unit",
                                    "step_owner", "due_on", "late"])
    _step(congress, concern, actor, note=f"{concern.get_path_display()}，期限 {concern.due_on}", public_note=public)
    audit.record(congress, actor, "triage_concern", concern, before={"status": before},
                 after={"status": target, "path": path, "owner": concern.step_owner, "due_on": str(concern.due_on)})
    if target == S.SOLVED:
        _after_answer(congress, concern)
        _follow_main(congress, concern, actor)
    return concern


def _finish_step(congress: Congress, concern: Concern, actor, action_name: str, target: str, answer: str,
                 label: str) -> Concern:
    errors = Errors()
    answer = text({"answer": answer}, errors, "answer", label, required=True, max_length=5000)
    errors.raise_if_any()
    with kept.track(congress, [concern.pk]):
        before = _move(congress, concern, target, actor, action_name)
        concern.answer, concern.answered_on = answer, timezone.localdate()
        concern.step_owner = concern.responsible.person.name if concern.responsible else "联络站"
        concern.due_on = _days(congress, "liaison.feedback_days")
        concern.save(update_fields=["status", "answer", "answered_on", "step_owner", "due_on", "late"])
    _step(congress, concern, actor, public_note=f"{CONCERN_WORKFLOW.label(target)}：{answer[:400]}")
    audit.record(congress, actor, action_name, concern, before={"status": before}, after={"status": target})
    _after_answer(congress, concern)
    _follow_main(congress, concern, actor)
    return concern


@action("report_committee_result")
def report_committee_result(congress: Congress, concern: Concern, *, actor, answer: str) -> Concern:
    """及时办 through the village/community committee: what it did."""
    ensure_own(congress, concern, "群众诉求")
    _ensure_handler(congress, concern, actor)
    require_status(concern, S.WITH_COMMITTEE)
    return _finish_step(congress, concern, actor, "report_committee_result", S.SOLVED, answer, "办理结果")


@action("answer_concern")
def answer_concern(congress: Congress, concern: Concern, *, actor, answer: str) -> Concern:
    """上报办: the handling unit's answer; 跟踪办: the outcome the responsible deputy records."""
    ensure_own(congress, concern, "群众诉求")
    _ensure_handler(congress, concern, actor)
    require_status(concern, S.REFERRED, S.TRACKING)
    _finish_step(congress, concern, actor, "answer_concern", S.ANSWERED, answer, "答复内容")
    check_concern_quietly(congress, concern, actor=actor)  # advisory flags for staff (套话、答非所问); never blocks
    return concern


@action("record_follow_up")
def record_follow_up(congress: Congress, concern: Concern, *, actor, note: str, public: bool = True) -> ConcernStep:
    """跟踪办: what the deputy did while following the concern (the person sees it unless marked internal)."""
    ensure_own(congress, concern, "群众诉求")
    _ensure_handler(congress, concern, actor)
    require_status(concern, S.TRACKING, S.REFERRED, S.WITH_COMMITTEE)
    errors = Errors()
    note = text({"note": note}, errors, "note", "跟踪情况", required=True, max_length=500)
    errors.raise_if_any()
    step = _step(congress, concern, actor, note=note, public_note=note if public else "")
    audit.record(congress, actor, "record_follow_up", concern, after={"note": note, "public": public})
    return step


@action("record_feedback")
def record_feedback(congress: Congress, concern: Concern, *, actor, satisfaction: str, tracking_code: str = "",
                    note: str = "") -> Concern:
    """The answer has reached the person, and their satisfaction is recorded: by the person with the
    concern's tracking code, or by a handler (the responsible deputy, usually) on their behalf."""
    ensure_own(congress, concern, "群众诉求")
    raiser = is_raiser(concern, actor)
    handler = is_handler(congress, concern, actor)
    if handler and not may_record_feedback(congress, concern, actor):
        raise NotPermitted("承办单位不能代替反映人评价本单位的答复")
    by_person = raiser or not handler
    if by_person and not raiser and codes.normalise(tracking_code) != concern.tracking_code:
        raise NotPermitted("查询码不正确")
    require_status(concern, S.SOLVED, S.ANSWERED)
    _ensure_not_merged(concern)
    errors = Errors()
    if satisfaction not in Concern.Satisfaction.values:
        errors.add("satisfaction", "“满意度”须为满意、基本满意或不满意")
    note = text({"note": note}, errors, "note", "意见", max_length=500)
    errors.raise_if_any()
    with kept.track(congress, [concern.pk]):
        before = _move(congress, concern, S.CLOSED, actor, "record_feedback")
        concern.satisfaction, concern.feedback_by_person = satisfaction, by_person
        concern.closed_on, concern.due_on, concern.step_owner = timezone.localdate(), None, ""
        concern.save(update_fields=["status", "satisfaction", "feedback_by_person", "closed_on", "due_on",
                                    "step_owner", "late"])
    label = Concern.Satisfaction(satisfaction).label
    _step(congress, concern, actor, note=note, public_note=f"已反馈，评价：{label}" + (f"（{note}）" if note else ""))
    audit.record(congress, actor, "record_feedback", concern, before={"status": before},
                 after={"satisfaction": satisfaction, "by_person": by_person})
    _follow_main(congress, concern, actor)
    return concern


@action("dismiss_concern")
def dismiss_concern(congress: Congress, concern: Concern, *, actor, reason: str) -> Concern:
    """Not a concern for the congress to handle (a duplicate, an abusive message); the reason is shown
    to the person."""
    ensure_own(congress, concern, "群众诉求")
    _ensure_not_merged(concern)
    errors = Errors()
    reason = text({"reason": reason}, errors, "reason", "不予受理理由", required=True, max_length=200)
    errors.raise_if_any()
    with kept.track(congress, [concern.pk]):
        before = _move(congress, concern, S.DISMISSED, actor, "dismiss_concern")
        concern.dismissed_reason, concern.due_on, concern.step_owner = reason, None, ""
        concern.save(update_fields=["status", "dismissed_reason", "due_on", "step_owner", "late"])
    _step(congress, concern, actor, public_note=f"不予受理：{reason}")
    audit.record(congress, actor, "dismiss_concern", concern, before={"status": before}, after={"reason": reason})
    _follow_main(congress, concern, actor)
    return concern


@action("draft_suggestion_from_concern")
def draft_suggestion_from_concern(congress: Congress, concern: Concern, *, actor):
    """A deputy turns a concern into a draft suggestion of their own; the two stay linked."""
    from renda.proposals import actions as proposals

    ensure_own(congress, concern, "群众诉求")
    _ensure_handler(congress, concern, actor)
    if concern.suggestion_id:
        raise ValidationError({"suggestion": "这件群众诉求已转为代表建议"})
    mandate = serving_mandate(congress, actor)
    if mandate is None:
        raise ValidationError({"person": "只有本级在任代表可以提出建议"})
    draft = proposals.save_suggestion_draft(
        congress, actor=actor, term=mandate.term, title=f"关于{concern.category}问题的建议"[:200],
        body=f"群众反映（{concern.raised_on}，{concern.place or '联络站'}）：\n{concern.text}\n\n建议：",
        category=concern.category)
    concern.suggestion = draft
    concern.save(update_fields=["suggestion"])
    _step(congress, concern, actor, public_note="代表已将此事转为代表建议，提交有关机关办理")
    audit.record(congress, actor, "draft_suggestion_from_concern", concern, after={"suggestion": draft.pk})
    return draft


# ── "双联系" ──

def _own_holder(congress: Congress, actor, holder: Person | None) -> Person:
    """Members record their own contacts; the office may record for anyone."""
    if roles_of(actor, congress) & OFFICE:
        if holder is None:
            raise ValidationError({"holder": "请选择联系人"})
        return holder
    mandate = serving_mandate(congress, actor)
    if mandate is None:
        raise ValidationError({"holder": "只有本级在任代表、常委会组成人员可以记录本人的双联系"})
    if holder is not None and holder.pk != mandate.person_id:
        raise NotPermitted("只能记录本人的双联系")
    return mandate.person


@action("link_contact")
def link_contact(congress: Congress, *, actor, kind: str, holder: Person | None = None, deputy: Person | None = None,
                 constituent: str = "") -> ContactLink:
    """A standing tie: a standing-committee member with a deputy, or a deputy with a constituent."""
    holder = _own_holder(congress, actor, holder)
    errors = Errors()
    constituent = text({"constituent": constituent}, errors, "constituent", "联系群众", max_length=80)
    if kind == ContactLink.Kind.MEMBER_DEPUTY:
        if deputy is None or not Mandate.objects.in_congress(congress).filter(
                person=deputy, status=Mandate.Status.SERVING).exists():
            errors.add("deputy", "“联系代表”须为本级在任代表")
        constituent = ""
    elif kind == ContactLink.Kind.DEPUTY_CONSTITUENT:
        if not constituent:
            errors.add("constituent", "请填写联系的群众（姓名、户或单位）")
        deputy = None
    else:
        errors.add("kind", "“类别”须为常委会组成人员联系代表或代表联系群众")
    errors.raise_if_any()
    link = ContactLink.objects.create(congress=congress, kind=kind, holder=holder, deputy=deputy, constituent=constituent)
    audit.record(congress, actor, "link_contact", link, object_repr=f"{holder.name}—{deputy.name if deputy else constituent}",
                 after={"kind": kind})
    return link


@action("record_liaison_contact")
def record_liaison_contact(congress: Congress, link: ContactLink, *, actor, on, how: str, raised: str = "",
                           followed: str = "") -> ContactRecord:
    """One contact under a "双联系" tie: when, how, what was raised and what followed."""
    ensure_own(congress, link, "双联系对象")
    _own_holder(congress, actor, link.holder)
    errors = Errors()
    day = date({"on": on}, errors, "on", "日期", required=True)
    if day and day > timezone.localdate():
        errors.add("on", "“日期”不能晚于今天")
    if how not in ContactRecord.How.values:
        errors.add("how", "“方式”须为走访、电话、座谈或网络")
    raised = text({"raised": raised}, errors, "raised", "反映的问题", max_length=2000)
    followed = text({"followed": followed}, errors, "followed", "后续办理", max_length=2000)
    errors.raise_if_any()
    record = ContactRecord.objects.create(congress=congress, link=link, on=day, how=how, raised=raised,
                                          followed=followed, recorded_by=actor)
    audit.record(congress, actor, "record_liaison_contact", record, object_repr=str(link),
                 after={"on": str(day), "how": how})
    return record


# ── 两代表一委员之家: CPPCC members at the stations ──

def _active_cppcc(congress: Congress, members, field: str) -> list[CppccMember]:
    out = []
    for c in members or []:
        if c is None or c.congress_id != congress.pk or not c.active:
            raise ValidationError({field: "“接待政协委员”须为本级登记在册、仍在进站的政协委员"})
        out.append(c)
    return out


def _cppcc_fields(congress: Congress, data: dict, errors: Errors) -> dict:
    cleaned = {"cppcc": text(data, errors, "cppcc", "所属政协", required=True, max_length=60),
               "sector": text(data, errors, "sector", "界别", max_length=40),
               "station": data.get("station")}
    station: Organisation | None = data.get("station")
    if station is not None and (station.congress_id != congress.pk or station.kind != Organisation.Kind.LIAISON_STATION):
        errors.add("station", "“进驻联络站”须为本级的代表联络站")
    return cleaned


@action("register_cppcc_member")
def register_cppcc_member(congress: Congress, *, actor, person: Person | None = None, person_data: dict | None = None,
                          cppcc: str, sector: str = "", station: Organisation | None = None) -> CppccMember:
    """A CPPCC member (政协委员) who sits at this congress's stations beside deputies: an existing
    person (one who is also a deputy somewhere keeps one identity) or a new one (name, sex, phone)."""
    from renda.people.actions import _find_or_create_person
    from renda.people.validation import person_fields

    errors = Errors()
    cleaned_person = None
    if person is None:
        data = {"name": "", "sex": "", **(person_data or {})}
        cleaned_person = person_fields(data, errors)
    cleaned = _cppcc_fields(congress, {"cppcc": cppcc, "sector": sector, "station": station}, errors)
    errors.raise_if_any()
    if person is None:
        assert cleaned_person is not None  # validated above
        person = _find_or_create_person(cleaned_person)
    if CppccMember.objects.in_congress(congress).filter(person=person).exists():
        raise ValidationError({"name": f"{person.name}已登记为进站政协委员"})
    member = CppccMember.objects.create(congress=congress, person=person, **cleaned)
    audit.record(congress, actor, "register_cppcc_member", member,
                 after={"name": person.name, "cppcc": member.cppcc, "sector": member.sector, "station": member.station_id})
    return member


@action("edit_cppcc_member")
def edit_cppcc_member(congress: Congress, member: CppccMember, *, actor, cppcc: str, sector: str = "",
                      station: Organisation | None = None) -> CppccMember:
    """Their CPPCC, sector and station; the person (shared by every congress) stays as registered."""
    member = ensure_own(congress, member, "政协委员")
    errors = Errors()
    cleaned = _cppcc_fields(congress, {"cppcc": cppcc, "sector": sector, "station": station}, errors)
    errors.raise_if_any()
    before = audit.snapshot(member, ["cppcc", "sector", "station"])
    for field, value in cleaned.items():
        setattr(member, field, value)
    member.save(update_fields=list(cleaned))
    audit.record(congress, actor, "edit_cppcc_member", member, before=before,
                 after=audit.snapshot(member, ["cppcc", "sector", "station"]))
    return member


@action("deactivate_cppcc_member")
def deactivate_cppcc_member(congress: Congress, member: CppccMember, *, actor, active: bool = False) -> CppccMember:
    """A member who no longer sits at the stations (term over, moved): off the pickers, their future
    rota days removed; past receptions keep them. ``active=True`` brings them back."""
    member = ensure_own(congress, member, "政协委员")
    if member.active == bool(active):
        raise ValidationError({"active": f"{member.person.name}{'已在进站' if active else '已停止进站'}"})
    member.active = bool(active)
    member.save(update_fields=["active"])
    dropped = 0
    if not member.active:
        dropped, _ = RotaSlot.objects.in_congress(congress).filter(cppcc_member=member,
                                                                   on__gte=timezone.localdate()).delete()
    audit.record(congress, actor, "deactivate_cppcc_member", member, after={"active": member.active,
                                                                            "rota_days_removed": dropped})
    return member
