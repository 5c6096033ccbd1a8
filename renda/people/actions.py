"""Writes for people and organisations, one function per use case (see core.usecase.action)."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from renda.core import audit
from renda.core.errors import NotFound, NotPermitted, ValidationError
from renda.core.models import Congress, Term
from renda.core.permissions import roles_of
from renda.core.usecase import action, ensure_own
from renda.people import queries
from renda.people.models import Mandate, MandateEvent, Membership, Organisation, Person
from renda.people.validation import Errors, date, person_fields, text
from renda.people.workflows import MANDATE_WORKFLOW

PERSON_FIELDS = ["name", "sex", "ethnicity", "birth_date", "party", "occupation", "workplace", "phone"]
MANDATE_FIELDS = ["number", "delegation", "constituency", "deputy_group", "liaison_station", "status", "elected_on"]
ORGANISATION_FIELDS = ["kind", "name", "short_name", "parent", "unit_type", "address", "phone", "active"]
PLACEMENT = {"delegation": Organisation.Kind.DELEGATION, "deputy_group": Organisation.Kind.DEPUTY_GROUP,
             "liaison_station": Organisation.Kind.LIAISON_STATION}
PLACEMENT_LABELS = {"delegation": "代表团", "deputy_group": "代表小组", "liaison_station": "联络站"}


def person_in_congress(congress: Congress, person: Person) -> bool:
    return (
        Mandate.objects.in_congress(congress).filter(person=person).exists()
        or Membership.objects.in_congress(congress).filter(person=person).exists()
    )


def audit_shared_person(congress: Congress, actor, action_name: str, person: Person, before: dict, after: dict,
                        *, here: bool = True) -> None:
    """Audit a change to a shared person's identity or contact details in this congress (unless
    ``here`` is False: an import records its own summary) and in every other congress that holds a
    mandate or post of theirs: each sees the change on its own pages, so each log records it, naming
    the congress that made it (docs/tenancy.md)."""
    if here:
        audit.record(congress, actor, action_name, person, before=before, after=after)
    if not after:
        return
    others = [c for c in queries.congresses_holding(person) if c.pk != congress.pk]
    if others:
        audit.record_many([
            audit.entry(other, actor, action_name, person, before=before, after={**after, "congress": congress.name},
                        object_repr=f"{person.name}（由{congress.name}修改）")
            for other in others])


def _placement(congress: Congress, errors: Errors, field: str, org: Organisation | None) -> Organisation | None:
    if org is None:
        return None
    if org.congress_id != congress.pk:
        errors.add(field, f"“{PLACEMENT_LABELS[field]}”不属于{congress.name}")
    elif org.kind != PLACEMENT[field]:
        errors.add(field, f"“{PLACEMENT_LABELS[field]}”须为{PLACEMENT[field].label}，而“{org.name}”是{org.get_kind_display()}")
    return org


def _find_or_create_person(data: dict[str, Any]) -> Person:
    """Reuse the person with the same name, sex and birth date, so one person can hold mandates at
    several levels (五级代表); otherwise register a new one."""
    if data.get("birth_date"):
        existing = Person.objects.filter(
            name=data["name"], sex=data["sex"], birth_date=data["birth_date"]
        ).order_by("id").first()
        if existing is not None:
            return existing
    return Person.objects.create(**data)


@action("appoint_deputy")
def appoint_deputy(
    congress: Congress, *, actor, term: Term, person: Person | None = None, person_data: dict | None = None,
    number: str, elected_on, delegation: Organisation | None = None, constituency: str = "",
    deputy_group: Organisation | None = None, liaison_station: Organisation | None = None,
) -> Mandate:
    """Record a deputy's mandate for a term (代表资格), registering the person if new."""
    errors = Errors()
    if term is None or term.congress_id != congress.pk:
        errors.add("term", f"“届次”须为{congress.name}的届次")
    cleaned_person = person_fields({**(person_data or {})}, errors) if person is None else None
    if person is None and not person_data:
        errors.add("name", "“姓名”必须填写")
    number = text({"number": number}, errors, "number", "代表证号", required=True, max_length=20)
    elected = date({"elected_on": elected_on}, errors, "elected_on", "当选日期", required=True)
    constituency = text({"constituency": constituency}, errors, "constituency", "选区或选举单位")
    placements = {f: _placement(congress, errors, f, o) for f, o in
                  [("delegation", delegation), ("deputy_group", deputy_group), ("liaison_station", liaison_station)]}
    if number and term is not None and Mandate.objects.in_congress(congress).filter(term=term, number=number).exists():
        errors.add("number", f"“代表证号”{number}在{term}中已被使用")
    errors.raise_if_any()
    if person is None:
        assert cleaned_person is not None  # validated above, when no existing person was given
        person = _find_or_create_person(cleaned_person)
    if Mandate.objects.in_congress(congress).filter(term=term, person=person).exists():
        raise ValidationError({"name": f"{person.name}在{term}已是{congress.name}代表"})
    mandate = Mandate.objects.create(
        congress=congress, term=term, person=person, number=number, elected_on=elected,
        constituency=constituency, **placements,
    )
    MandateEvent.objects.create(congress=congress, mandate=mandate, on=elected, what="当选", after="在任")
    audit.record(congress, actor, "appoint_deputy", mandate,
                 after={**audit.snapshot(person, ["name", "sex"]), **audit.snapshot(mandate, MANDATE_FIELDS)})
    return mandate


@action("update_mandate")
def update_mandate(congress: Congress, mandate: Mandate, *, actor, on=None, note: str = "", **changes) -> Mandate:
    """Change a deputy's number, constituency, delegation, deputy group or liaison station; each
    placement change is kept in the mandate's history."""
    ensure_own(congress, mandate)
    unknown = set(changes) - {"number", "constituency", *PLACEMENT}
    if unknown:
        raise ValidationError({f: "不能通过此操作修改" for f in unknown})
    errors = Errors()
    day = date({"on": on}, errors, "on", "变动日期") or timezone.localdate()
    if "number" in changes:
        changes["number"] = text(changes, errors, "number", "代表证号", required=True, max_length=20)
        clash = Mandate.objects.in_congress(congress).filter(term_id=mandate.term_id, number=changes["number"])
        if clash.exclude(pk=mandate.pk).exists():
            errors.add("number", f"“代表证号”{changes['number']}在本届中已被使用")
    if "constituency" in changes:
        changes["constituency"] = text(changes, errors, "constituency", "选区或选举单位")
    for field in PLACEMENT:
        if field in changes:
            _placement(congress, errors, field, changes[field])
    errors.raise_if_any()
    before = audit.snapshot(mandate, list(changes))
    for field, value in changes.items():
        old = getattr(mandate, field)
        if field in PLACEMENT and old != value:
            MandateEvent.objects.create(congress=congress, mandate=mandate, on=day, what=PLACEMENT_LABELS[field],
                                        before=str(old or ""), after=str(value or ""), note=note)
        setattr(mandate, field, value)
    mandate.save(update_fields=list(changes))
    after = audit.snapshot(mandate, list(changes))
    audit.record(congress, actor, "update_mandate", mandate, **dict(zip(("before", "after"), audit.changed(before, after), strict=True)))
    return mandate


def _move_mandate(congress: Congress, mandate: Mandate, target: str, *, actor, action_name: str, on, reason: str) -> Mandate:
    ensure_own(congress, mandate)
    errors = Errors()
    day = date({"on": on}, errors, "on", "日期", required=True)
    reason = text({"reason": reason}, errors, "reason", "原因", max_length=200)
    if target not in Mandate.Status.values:
        errors.add("status", f"“状态”无效：{target}")
    errors.raise_if_any()
    assert day is not None  # required above
    if day < mandate.elected_on:
        raise ValidationError({"on": f"“日期”不能早于当选日期 {mandate.elected_on}"})
    MANDATE_WORKFLOW.check(mandate.status, target, roles_of(actor, congress), congress, action=action_name)
    before = mandate.status
    mandate.status = target
    fields = ["status"]
    if target in {Mandate.Status.SERVING, Mandate.Status.SUSPENDED}:
        mandate.ended_on, mandate.end_reason = None, ""
    else:
        mandate.ended_on, mandate.end_reason = day, reason
    fields += ["ended_on", "end_reason"]
    mandate.save(update_fields=fields)
    MandateEvent.objects.create(
        congress=congress, mandate=mandate, on=day, what="状态",
        before=Mandate.Status(before).label, after=Mandate.Status(target).label, note=reason,
    )
    audit.record(congress, actor, action_name, mandate, before={"status": before},
                 after={"status": target, "on": str(day), "reason": reason})
    return mandate


@action("end_mandate")
def end_mandate(congress: Congress, mandate: Mandate, *, actor, status: str, on, reason: str = "") -> Mandate:
    """End a mandate by resignation, recall (罢免), death, expiry of term or termination (代表法)."""
    if status in {Mandate.Status.SERVING, Mandate.Status.SUSPENDED}:
        raise ValidationError({"status": "“终止方式”须为辞职、被罢免、去世、任期届满或资格终止"})
    return _move_mandate(congress, mandate, status, actor=actor, action_name="end_mandate", on=on, reason=reason)


@action("suspend_mandate")
def suspend_mandate(congress: Congress, mandate: Mandate, *, actor, on, reason: str) -> Mandate:
    """Suspend a deputy's duties (暂停执行代表职务), where the congress records suspensions."""
    if not (reason or "").strip():
        raise ValidationError({"reason": "“原因”必须填写"})
    return _move_mandate(congress, mandate, Mandate.Status.SUSPENDED, actor=actor, action_name="suspend_mandate",
                         on=on, reason=reason)


@action("restore_mandate")
def restore_mandate(congress: Congress, mandate: Mandate, *, actor, on, reason: str = "") -> Mandate:
    """Restore a suspended deputy's duties."""
    return _move_mandate(congress, mandate, Mandate.Status.SERVING, actor=actor, action_name="restore_mandate",
                         on=on, reason=reason)


@action("update_person")
def update_person(congress: Congress, person: Person, *, actor, **data) -> Person:
    """Correct a person's identity or contact details; the person must serve in this congress."""
    if person is None or not person_in_congress(congress, person):
        raise NotFound("找不到该人员")
    unknown = set(data) - set(PERSON_FIELDS)
    if unknown:
        raise ValidationError({f: "不能通过此操作修改" for f in unknown})
    errors = Errors()
    cleaned = person_fields(data, errors)
    errors.raise_if_any()
    before = audit.snapshot(person, list(cleaned))
    for field, value in cleaned.items():
        setattr(person, field, value)
    person.save(update_fields=list(cleaned))
    b, a = audit.changed(before, audit.snapshot(person, list(cleaned)))
    audit_shared_person(congress, actor, "update_person", person, b, a)
    return person


@action("update_own_contact")
def update_own_contact(congress: Congress, *, actor, phone: str) -> Person:
    """A deputy keeps their own phone number current."""
    person = getattr(actor, "person", None)
    if person is None or not person_in_congress(congress, person):
        raise NotPermitted("您的账号没有关联本级人大的代表身份")
    errors = Errors()
    cleaned = person_fields({"phone": phone}, errors)
    errors.raise_if_any()
    before = person.phone
    person.phone = cleaned["phone"]
    person.save(update_fields=["phone"])
    audit_shared_person(congress, actor, "update_own_contact", person, {"phone": before}, {"phone": person.phone})
    return person


def _organisation_fields(congress: Congress, data: dict, errors: Errors, current: Organisation | None) -> dict:
    cleaned: dict[str, Any] = {}
    if "kind" in data or current is None:
        kind = text(data, errors, "kind", "类别", required=True, max_length=24)
        if kind and kind not in Organisation.Kind.values:
            labels = {label: value for value, label in Organisation.Kind.choices}
            kind = labels.get(kind, kind)
            if kind not in Organisation.Kind.values:
                errors.add("kind", f"“类别”须为{'、'.join(Organisation.Kind.labels)}之一，收到：{data.get('kind')}")
        cleaned["kind"] = kind
    if "name" in data or current is None:
        cleaned["name"] = text(data, errors, "name", "名称", required=True, max_length=100)
    for field, label, length in [("short_name", "简称", 30), ("address", "地址", 200), ("phone", "电话", 30)]:
        if field in data:
            cleaned[field] = text(data, errors, field, label, max_length=length)
    if "unit_type" in data:
        unit_type = text(data, errors, "unit_type", "单位类型", max_length=24)
        labels = {label: value for value, label in Organisation.UnitType.choices}
        unit_type = labels.get(unit_type, unit_type)
        if unit_type and unit_type not in Organisation.UnitType.values:
            errors.add("unit_type", f"“单位类型”须为{'、'.join(Organisation.UnitType.labels)}之一，收到：{data['unit_type']}")
        cleaned["unit_type"] = unit_type
    if "parent" in data:
        parent = data["parent"]
        if parent is not None and parent.congress_id != congress.pk:
            errors.add("parent", f"“上级机构”不属于{congress.name}")
        if parent is not None and current is not None and parent.pk == current.pk:
            errors.add("parent", "“上级机构”不能是自己")
        cleaned["parent"] = parent
    if "active" in data:
        cleaned["active"] = bool(data["active"])
    kind = cleaned.get("kind", current.kind if current else "")
    name = cleaned.get("name", current.name if current else "")
    if kind == Organisation.Kind.HANDLING_UNIT and not cleaned.get("unit_type", current.unit_type if current else ""):
        errors.add("unit_type", "承办单位须填写“单位类型”（政府、政府部门、监委、法院、检察院或其他）")
    if name and kind:
        clash = Organisation.objects.in_congress(congress).filter(kind=kind, name=name)
        if current is not None:
            clash = clash.exclude(pk=current.pk)
        if clash.exists():
            errors.add("name", f"已有同名的{Organisation.Kind(kind).label}“{name}”")
    return cleaned


@action("create_organisation")
def create_organisation(congress: Congress, *, actor, **data) -> Organisation:
    """Set up a body: committee, delegation, deputy group, handling unit, liaison station …"""
    errors = Errors()
    cleaned = _organisation_fields(congress, data, errors, None)
    errors.raise_if_any()
    organisation = Organisation.objects.create(congress=congress, **cleaned)
    audit.record(congress, actor, "create_organisation", organisation,
                 after=audit.snapshot(organisation, list(cleaned)))
    return organisation


@action("update_organisation")
def update_organisation(congress: Congress, organisation: Organisation | None, *, actor, **data) -> Organisation:
    """Rename a body, move it, or mark it dissolved; its history of members stays."""
    organisation = ensure_own(congress, organisation)
    errors = Errors()
    cleaned = _organisation_fields(congress, data, errors, organisation)
    errors.raise_if_any()
    before = audit.snapshot(organisation, list(cleaned))
    for field, value in cleaned.items():
        setattr(organisation, field, value)
    organisation.save(update_fields=list(cleaned))
    b, a = audit.changed(before, audit.snapshot(organisation, list(cleaned)))
    audit.record(congress, actor, "update_organisation", organisation, before=b, after=a)
    return organisation


@action("add_membership")
def add_membership(
    congress: Congress, *, actor, organisation: Organisation | None, person: Person | None = None,
    person_data: dict | None = None, post: str = Membership.Post.MEMBER, start=None, end=None,
) -> Membership:
    """Give a person a post in a body from a date (主任, 副主任, 秘书长, 委员, 组长 …)."""
    organisation = ensure_own(congress, organisation)
    errors = Errors()
    if post not in Membership.Post.values:
        errors.add("post", f"“职务”须为{'、'.join(Membership.Post.values)}之一，收到：{post}")
    begins = date({"start": start}, errors, "start", "任职开始", required=True)
    ends = date({"end": end}, errors, "end", "任职结束")
    if begins and ends and ends < begins:
        errors.add("end", "“任职结束”不能早于“任职开始”")
    cleaned_person = None
    if person is None:
        cleaned_person = person_fields({"name": "", "sex": "", **(person_data or {})}, errors)
    elif not person_in_congress(congress, person):
        errors.add("person", f"该人员在{congress.name}没有任职或代表资格，请先登记")
    errors.raise_if_any()
    if person is None:
        assert cleaned_person is not None  # validated above, when no existing person was given
        person = _find_or_create_person(cleaned_person)
    overlapping = Membership.objects.in_congress(congress).filter(
        organisation=organisation, person=person, post=post, end__isnull=True
    )
    if overlapping.exists():
        raise ValidationError({"person": f"{person.name}已在{organisation.name}担任{post}"})
    membership = Membership.objects.create(
        congress=congress, organisation=organisation, person=person, post=post, start=begins, end=ends
    )
    audit.record(congress, actor, "add_membership", membership,
                 after=audit.snapshot(membership, ["person", "organisation", "post", "start", "end"]))
    return membership


@action("end_membership")
def end_membership(congress: Congress, membership: Membership, *, actor, end) -> Membership:
    """A person leaves a post on a date; the membership is kept as history."""
    ensure_own(congress, membership)
    errors = Errors()
    ends = date({"end": end}, errors, "end", "任职结束", required=True)
    errors.raise_if_any()
    assert ends is not None  # required above
    if membership.end is not None:
        raise ValidationError({"end": f"该任职已于 {membership.end} 结束"})
    if ends < membership.start:
        raise ValidationError({"end": "“任职结束”不能早于“任职开始”"})
    membership.end = ends
    membership.save(update_fields=["end"])
    audit.record(congress, actor, "end_membership", membership, before={"end": None}, after={"end": str(ends)})
    return membership


class ImportRejected(ValidationError):
    """An import whose plan has errors: nothing was written; ``plan`` lists every row error."""

    def __init__(self, plan):
        self.plan = plan
        super().__init__(f"导入文件有 {len(plan.errors)} 处错误，未导入任何数据", code="import_rejected")


@action("import_people")
def import_people(congress: Congress, *, actor, kind: str, rows: list, filename: str = "", progress=None):
    """Import deputies or organisations from a sheet: all rows or none (any row error rejects the file)."""
    from renda.people.importing import PLANNERS

    if kind not in PLANNERS:
        raise ValidationError({"kind": f"“导入内容”无效：{kind}"})
    plan_fn, apply_fn = PLANNERS[kind]
    plan = plan_fn(congress, rows, progress) if progress else plan_fn(congress, rows)
    if not plan.ok:
        raise ImportRejected(plan)
    # Identity changes to existing (possibly shared) persons, as they were before the import.
    edits = []
    for item in plan.updates if kind == "deputies" else []:
        fields = {k.removeprefix("person."): v for k, v in item["changes"].items() if k.startswith("person.")}
        if fields:
            person = item["mandate"].person
            edits.append((person, audit.snapshot(person, list(fields)), {k: audit._plain(v) for k, v in fields.items()}))
    if progress:
        apply_fn(congress, plan, progress)
    else:
        apply_fn(congress, plan)
    for person, before, after in edits:
        audit_shared_person(congress, actor, "import_people", person, before, after, here=False)
    audit.record(congress, actor, "import_people", None, object_repr=f"{filename or kind}",
                 after={"kind": kind, "file": filename, **plan.summary()})
    return plan
