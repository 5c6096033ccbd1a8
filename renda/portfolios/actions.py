"""The office edits the map: who is in charge of which working committee (分管), and which
departments each committee faces (对口联系), each for a period. One committee has one leader in
charge at a time, and one department is faced by one committee at a time, so routing never has
to choose."""

from __future__ import annotations

import datetime
from typing import Any

from django.db.models import Q

from renda.core import audit
from renda.core.models import Congress
from renda.core.usecase import action, ensure_own
from renda.people.models import Organisation, Person
from renda.people.validation import Errors, date, id_or_none
from renda.portfolios import queries
from renda.portfolios.models import Liaison, Portfolio

K = Organisation.Kind


def _org(congress: Congress, value: Any, kind: str, errors: Errors, field: str, label: str) -> Organisation | None:
    if value in (None, ""):
        errors.add(field, f"“{label}”必须填写")
        return None
    if isinstance(value, Organisation):
        org = value if value.congress_id == congress.pk else None
    else:
        pk = id_or_none(value)
        org = Organisation.objects.in_congress(congress).filter(pk=pk).first() if pk else None
    if org is None:
        errors.add(field, f"“{label}”不是本级的机构")
        return None
    if org.kind != kind:
        errors.add(field, f"“{label}”须为{K(kind).label}，“{org.name}”是{org.get_kind_display()}")
        return None
    return org


def _period(data: dict, errors: Errors) -> tuple[datetime.date | None, datetime.date | None]:
    start = date(data, errors, "start", "起始日期", required=True)
    end = date(data, errors, "end", "结束日期") if data.get("end") not in (None, "") else None
    if start and end and end < start:
        errors.add("end", f"“结束日期”不能早于起始日期（{start:%Y-%m-%d}）")
    return start, end


def _overlaps(start: datetime.date, end: datetime.date | None) -> Q:
    """Rows whose period shares a day with start..end."""
    q = Q(end__isnull=True) | Q(end__gte=start)
    if end is not None:
        q &= Q(start__lte=end)
    return q


def _text(day: datetime.date | None) -> str:
    return day.isoformat() if day else ""


@action("edit_portfolios")
def assign_portfolio(congress: Congress, *, actor, leader: Any, committee: Any, start: Any,
                     end: Any = None) -> Portfolio:
    """分管: a leader of the standing committee in charge of a working committee from ``start``."""
    errors = Errors()
    person_id = None if isinstance(leader, Person) else id_or_none(leader)
    person = leader if isinstance(leader, Person) else (
        Person.objects.filter(pk=person_id).first() if person_id is not None else None)
    if leader in (None, ""):
        errors.add("leader", "“分管领导”必须填写")
    body = _org(congress, committee, K.WORKING_COMMITTEE, errors, "committee", "工作委员会")
    first, last = _period({"start": start, "end": end}, errors)
    if leader not in (None, "") and (person is None or (first and not queries.is_leader(congress, person, first))):
        errors.add("leader", "“分管领导”须为起始日期时在任的常委会主任、副主任或秘书长")
    if body and first and not errors.by_field:
        clash = Portfolio.objects.in_congress(congress).filter(committee=body).filter(_overlaps(first, last)) \
            .select_related("leader").first()
        if clash:
            errors.add("start", f"{body.name}在这段时间已由{clash.leader.name}分管（{clash.start:%Y-%m-%d}起）；"
                                "请先结束原来的分管")
    errors.raise_if_any()
    assert person is not None and body is not None and first is not None
    row = Portfolio.objects.create(congress=congress, leader=person, committee=body, start=first, end=last)
    audit.record(congress, actor, "edit_portfolios", row, object_repr=str(row),
                 after={"leader": person.name, "committee": body.name, "start": _text(first), "end": _text(last)})
    return row


@action("edit_portfolios")
def link_unit(congress: Congress, *, actor, committee: Any, unit: Any, start: Any, end: Any = None) -> Liaison:
    """对口联系: a working committee faces a department (承办单位) from ``start``."""
    errors = Errors()
    body = _org(congress, committee, K.WORKING_COMMITTEE, errors, "committee", "工作委员会")
    dept = _org(congress, unit, K.HANDLING_UNIT, errors, "unit", "对口联系部门")
    first, last = _period({"start": start, "end": end}, errors)
    if body and dept and first and not errors.by_field:
        clash = Liaison.objects.in_congress(congress).filter(unit=dept).filter(_overlaps(first, last)) \
            .select_related("committee").first()
        if clash:
            errors.add("unit", f"{dept.name}在这段时间已由{clash.committee.name}对口联系（{clash.start:%Y-%m-%d}起）；"
                               "请先结束原来的对口联系")
    errors.raise_if_any()
    assert body is not None and dept is not None and first is not None
    row = Liaison.objects.create(congress=congress, committee=body, unit=dept, start=first, end=last)
    audit.record(congress, actor, "edit_portfolios", row, object_repr=str(row),
                 after={"committee": body.name, "unit": dept.name, "start": _text(first), "end": _text(last)})
    return row


def _end(congress: Congress, row, actor, end: Any, what: str):
    errors = Errors()
    last = date({"end": end}, errors, "end", "结束日期", required=True)
    if last and last < row.start:
        errors.add("end", f"“结束日期”不能早于起始日期（{row.start:%Y-%m-%d}）")
    if row.end is not None and last and last > row.end:
        errors.add("end", f"该{what}已于{row.end:%Y-%m-%d}结束")
    errors.raise_if_any()
    before = row.end
    row.end = last
    row.save(update_fields=["end"])
    audit.record(congress, actor, "edit_portfolios", row, object_repr=str(row),
                 before={"end": _text(before)}, after={"end": _text(last)})
    return row


@action("edit_portfolios")
def end_portfolio(congress: Congress, portfolio: Portfolio, *, actor, end: Any) -> Portfolio:
    ensure_own(congress, portfolio, "分管")
    row = Portfolio.objects.in_congress(congress).select_for_update().get(pk=portfolio.pk)
    return _end(congress, row, actor, end, "分管")


@action("edit_portfolios")
def end_liaison(congress: Congress, liaison: Liaison, *, actor, end: Any) -> Liaison:
    ensure_own(congress, liaison, "对口联系")
    row = Liaison.objects.in_congress(congress).select_for_update().get(pk=liaison.pk)
    return _end(congress, row, actor, end, "对口联系")
