"""Writes to the rectification list, one function per use case.

``check_entries`` and ``make_items`` are the one way any app puts problems on the list: an action
of its own (an inspection, a review opinion, an inquiry) validates the entries with
``check_entries`` among its other fields and creates them with ``make_items`` inside its own
transaction and audit record; ``list_problems`` is the office's direct way to do the same."""

from __future__ import annotations

import datetime
from typing import Any

from renda.core import audit
from renda.core.models import Congress
from renda.core.usecase import action
from renda.people.models import Organisation
from renda.people.validation import Errors, date, id_or_none, text
from renda.rectification.models import RectificationItem

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
            row.add("unit", f"{what}的责任单位必须填写，且须为本级的单位" if entry.get("unit") in (None, "")
                    else f"{what}的责任单位不是本级的单位")
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
    return RectificationItem.objects.bulk_create(items)


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
