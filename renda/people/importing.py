"""Importing deputies and organisations: a plan first (what would change, every error by row and
column), then — only if the plan has no error — applying it in one transaction.

``plan_*`` only reads, so a dry run is simply a plan that is shown and not applied.
"""

from __future__ import annotations

import datetime
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from renda.core.models import Congress, Term
from renda.core.roles import Role
from renda.people.exchange import label_of
from renda.people.models import Mandate, MandateEvent, Organisation, Person
from renda.people.validation import PHONE, Errors, person_fields, text
from renda.people.validation import date as read_date
from renda.people.workflows import MANDATE_WORKFLOW

Progress = Callable[[str, int, int], None]
PERSON_KEYS = ["name", "sex", "ethnicity", "birth_date", "party", "occupation", "workplace", "phone"]


@dataclass
class RowError:
    row: int
    column: str
    value: str
    rule: str


@dataclass
class ImportPlan:
    kind: str
    total: int = 0
    creates: list[dict] = field(default_factory=list)
    updates: list[dict] = field(default_factory=list)
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.errors

    def summary(self) -> dict[str, int]:
        return {"rows": self.total, "create": len(self.creates), "update": len(self.updates),
                "unchanged": self.unchanged, "errors": len(self.errors)}


def _no_progress(phase: str, done: int, total: int) -> None:
    pass


def _row_errors(plan: ImportPlan, number: int, errors: Errors, data: dict) -> bool:
    for fld, messages in errors.by_field.items():
        for message in messages:
            plan.errors.append(RowError(number, label_of(plan.kind, fld), str(data.get(fld, "")), message))
    return bool(errors.by_field)


def _chunks(items: list, size: int = 500):
    for start in range(0, len(items), size):
        yield items[start:start + size]


def plan_deputies(congress: Congress, rows: list[tuple[int, dict]], progress: Progress = _no_progress) -> ImportPlan:
    plan = ImportPlan("deputies", total=len(rows))
    terms = {t.number: t for t in Term.objects.in_congress(congress)}
    orgs = {(o.kind, o.name): o for o in Organisation.objects.in_congress(congress)}
    status_by_label = {label: value for value, label in Mandate.Status.choices}
    existing = {
        (m.term_id, m.number): m
        for m in Mandate.objects.in_congress(congress).select_related("person", "delegation", "deputy_group",
                                                                    "liaison_station")
    }
    term_person = {(m.term_id, m.person_id): m for m in existing.values()}
    names = sorted({str(d.get("name", "")).strip() for _, d in rows})
    known: dict[tuple, Person] = {}
    for chunk in _chunks(names):
        for p in Person.objects.filter(name__in=chunk).order_by("id"):
            known.setdefault((p.name, p.sex, p.birth_date), p)
    seen_numbers: dict[tuple, int] = {}
    seen_people: dict[tuple, int] = {}
    for index, (number, data) in enumerate(rows, start=1):
        if index % 500 == 0:
            progress("检查", index, len(rows))
        errors = Errors()
        person = person_fields({k: data.get(k, "") for k in PERSON_KEYS}, errors)
        mandate_no = text(data, errors, "number", "代表证号", required=True, max_length=20)
        elected = read_date(data, errors, "elected_on", "当选日期", required=True)
        constituency = text(data, errors, "constituency", "选区或选举单位")
        term = None
        raw_term = str(data.get("term", "")).strip().removeprefix("第").removesuffix("届")
        if not raw_term.isdecimal() or int(raw_term) not in terms:
            errors.add("term", f"“届次”须为本级人大已有的届次（{'、'.join(str(n) for n in sorted(terms)) or '尚无'}）")
        else:
            term = terms[int(raw_term)]
        placements: dict[str, Organisation | None] = {}
        for fld, kind in [("delegation", Organisation.Kind.DELEGATION), ("deputy_group", Organisation.Kind.DEPUTY_GROUP),
                          ("liaison_station", Organisation.Kind.LIAISON_STATION)]:
            name = str(data.get(fld, "")).strip()
            placements[fld] = orgs.get((kind, name)) if name else None
            if name and placements[fld] is None:
                errors.add(fld, f"“{label_of('deputies', fld)}”须为本级已有的{kind.label}，没有“{name}”，请先导入机构")
        status_label = str(data.get("status", "")).strip() or Mandate.Status.SERVING.label
        status = status_by_label.get(status_label)
        if status is None:
            errors.add("status", f"“状态”须为{'、'.join(Mandate.Status.labels)}之一")
        if term is not None and mandate_no:
            key = (term.pk, mandate_no)
            if key in seen_numbers:
                errors.add("number", f"与第 {seen_numbers[key]} 行的代表证号重复")
            seen_numbers.setdefault(key, number)
        if term is not None and person.get("name") and person.get("birth_date"):
            who = (term.pk, person["name"], person["sex"], person["birth_date"])
            if who in seen_people:
                errors.add("name", f"与第 {seen_people[who]} 行是同一人（姓名、性别、出生日期相同）")
            seen_people.setdefault(who, number)
        if _row_errors(plan, number, errors, data):
            continue
        assert term is not None and status is not None  # a row without them has errors and was skipped above
        mandate_values = {"number": mandate_no, "elected_on": elected, "constituency": constituency,
                          "status": status, **placements}
        current = existing.get((term.pk, mandate_no))
        if current is None:
            match = known.get((person["name"], person["sex"], person["birth_date"])) if person["birth_date"] else None
            clash = term_person.get((term.pk, match.pk)) if match else None
            if clash is not None:
                plan.errors.append(RowError(number, "姓名", person["name"],
                                            f"此人已是本届代表（代表证号 {clash.number}），请用原代表证号"))
                continue
            plan.creates.append({"row": number, "label": person["name"], "person": person, "match": match, "term": term, **mandate_values})
            continue
        changes: dict[str, Any] = {}
        for k, v in person.items():
            if getattr(current.person, k) != v:
                changes[f"person.{k}"] = v
        for k, v in mandate_values.items():
            if getattr(current, k) != v:
                changes[k] = v
        if "status" in changes:
            try:
                MANDATE_WORKFLOW.check(current.status, status, frozenset({Role.OFFICE_STAFF}), congress)
            except Exception as exc:
                plan.errors.append(RowError(number, "状态", status_label, " ".join(getattr(exc, "messages", [str(exc)]))))
                continue
        if changes:
            plan.updates.append({"row": number, "label": current.person.name, "mandate": current, "changes": changes})
        else:
            plan.unchanged += 1
    progress("检查", len(rows), len(rows))
    return plan


def apply_deputies(congress: Congress, plan: ImportPlan, progress: Progress = _no_progress) -> None:
    today = datetime.date.today()
    new_people = [c for c in plan.creates if c["match"] is None]
    created = Person.objects.bulk_create([Person(**c["person"]) for c in new_people], batch_size=1000)
    for item, person in zip(new_people, created, strict=True):
        item["match"] = person
    mandates = []
    for item in plan.creates:
        mandates.append(Mandate(
            congress=congress, term=item["term"], person=item["match"], number=item["number"],
            elected_on=item["elected_on"], constituency=item["constituency"], status=item["status"],
            delegation=item["delegation"], deputy_group=item["deputy_group"], liaison_station=item["liaison_station"],
            ended_on=None if item["status"] in (Mandate.Status.SERVING, Mandate.Status.SUSPENDED) else today,
        ))
    done = 0
    for chunk in _chunks(mandates, 1000):
        Mandate.objects.bulk_create(chunk)
        done += len(chunk)
        progress("写入", done, len(plan.creates) + len(plan.updates))
    MandateEvent.objects.bulk_create(
        [MandateEvent(congress=congress, mandate=m, on=m.elected_on, what="导入", after=m.get_status_display())
         for m in mandates], batch_size=1000)
    for item in plan.updates:
        mandate = item["mandate"]
        person_changes = {k.removeprefix("person."): v for k, v in item["changes"].items() if k.startswith("person.")}
        mandate_changes = {k: v for k, v in item["changes"].items() if not k.startswith("person.")}
        if person_changes:
            for k, v in person_changes.items():
                setattr(mandate.person, k, v)
            mandate.person.save(update_fields=list(person_changes))
        if mandate_changes:
            for k, v in mandate_changes.items():
                if k in {"delegation", "deputy_group", "liaison_station", "status"}:
                    show = (lambda x: Mandate.Status(x).label) if k == "status" else (lambda x: str(x or ""))
                    MandateEvent.objects.create(
                        congress=congress, mandate=mandate, on=today, what=f"导入修改{label_of('deputies', k)}",
                        before=show(getattr(mandate, k)), after=show(v))
                setattr(mandate, k, v)
            if "status" in mandate_changes:
                ending = mandate.status not in (Mandate.Status.SERVING, Mandate.Status.SUSPENDED)
                mandate.ended_on = today if ending else None
                mandate_changes["ended_on"] = mandate.ended_on
            mandate.save(update_fields=list(mandate_changes))
        done += 1
        if done % 500 == 0:
            progress("写入", done, len(plan.creates) + len(plan.updates))


def plan_organisations(congress: Congress, rows: list[tuple[int, dict]], progress: Progress = _no_progress) -> ImportPlan:
    plan = ImportPlan("organisations", total=len(rows))
    existing = {(o.kind, o.name): o for o in Organisation.objects.in_congress(congress).select_related("parent")}
    kind_by_label = {label: value for value, label in Organisation.Kind.choices}
    unit_by_label = {label: value for value, label in Organisation.UnitType.choices}
    def kind_of(data: dict) -> str | None:
        raw = str(data.get("kind", "")).strip()
        return kind_by_label.get(raw, raw if raw in Organisation.Kind.values else None)

    # A parent is named by name alone, so count every body that could answer to that name.
    name_count = Counter(name for (_, name) in existing)
    name_count.update(str(d.get("name", "")).strip() for _, d in rows
                      if (kind_of(d), str(d.get("name", "")).strip()) not in existing)
    seen: dict[tuple, int] = {}
    for number, data in rows:
        errors = Errors()
        raw_kind = text(data, errors, "kind", "类别", required=True, max_length=24)
        kind = kind_of(data)
        if raw_kind and kind is None:
            errors.add("kind", f"“类别”须为{'、'.join(Organisation.Kind.labels)}之一")
        name = text(data, errors, "name", "名称", required=True, max_length=100)
        values: dict[str, Any] = {
            "short_name": text(data, errors, "short_name", "简称", max_length=30),
            "address": text(data, errors, "address", "地址", max_length=200),
            "phone": text(data, errors, "phone", "电话", max_length=30),
        }
        if values["phone"] and not PHONE.match(values["phone"]):
            errors.add("phone", "“电话”只能含数字、+、- 和括号，7 到 20 位")
        raw_unit = text(data, errors, "unit_type", "单位类型", max_length=24)
        values["unit_type"] = "" if not raw_unit else unit_by_label.get(
            raw_unit, raw_unit if raw_unit in Organisation.UnitType.values else None)
        if values["unit_type"] is None:
            errors.add("unit_type", f"“单位类型”须为{'、'.join(Organisation.UnitType.labels)}之一")
        if kind == Organisation.Kind.HANDLING_UNIT and not values["unit_type"]:
            errors.add("unit_type", "承办单位须填写“单位类型”")
        parent_name = text(data, errors, "parent", "上级机构", max_length=100)
        if parent_name:
            count = name_count[parent_name]
            if count == 0:
                errors.add("parent", f"“上级机构”须为本级已有或本文件中的机构，没有“{parent_name}”")
            elif count > 1:
                errors.add("parent", f"“上级机构”“{parent_name}”有重名，无法确定是哪一个")
            elif parent_name == name:
                errors.add("parent", "“上级机构”不能是自己")
        values["parent_name"] = parent_name
        if kind and name:
            if (kind, name) in seen:
                errors.add("name", f"与第 {seen[(kind, name)]} 行重复")
            seen.setdefault((kind, name), number)
        if _row_errors(plan, number, errors, data):
            continue
        current = existing.get((kind, name))
        if current is None:
            plan.creates.append({"row": number, "label": name, "kind": kind, "name": name, **values})
            continue
        changes = {k: v for k, v in values.items() if k != "parent_name" and getattr(current, k) != v}
        if (current.parent.name if current.parent else "") != parent_name:
            changes["parent_name"] = parent_name
        if changes:
            plan.updates.append({"row": number, "label": name, "organisation": current, "changes": changes})
        else:
            plan.unchanged += 1
    progress("检查", len(rows), len(rows))
    return plan


def apply_organisations(congress: Congress, plan: ImportPlan, progress: Progress = _no_progress) -> None:
    created = Organisation.objects.bulk_create([
        Organisation(congress=congress, kind=c["kind"], name=c["name"], short_name=c["short_name"],
                     unit_type=c["unit_type"], address=c["address"], phone=c["phone"]) for c in plan.creates
    ])
    by_name = {o.name: o for o in Organisation.objects.in_congress(congress)}
    for item, org in zip(plan.creates, created, strict=True):
        if item["parent_name"]:
            org.parent = by_name[item["parent_name"]]
            org.save(update_fields=["parent"])
    for item in plan.updates:
        org, changes = item["organisation"], dict(item["changes"])
        parent_name = changes.pop("parent_name", None)
        if parent_name is not None:
            changes["parent"] = by_name.get(parent_name) if parent_name else None
        for k, v in changes.items():
            setattr(org, k, v)
        org.save(update_fields=list(changes))
    progress("写入", len(plan.creates) + len(plan.updates), len(plan.creates) + len(plan.updates))


PLANNERS = {"deputies": (plan_deputies, apply_deputies), "organisations": (plan_organisations, apply_organisations)}
