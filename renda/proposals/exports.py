"""The columns of the suggestion lists' exports (core.spreadsheets): each list exports what its page
shows its reader, every page of what the filters chose."""

from __future__ import annotations

import datetime

from django.utils import timezone

from renda.core.spreadsheets import Column
from renda.proposals.models import Assignment, Suggestion


def lead(item: Suggestion) -> Assignment | None:
    """The current lead assignment, from prefetched assignments."""
    return next((a for a in item.assignments.all() if a.lead and not a.ended_on), None)


def _lead_unit(item: Suggestion) -> str | None:
    found = lead(item)
    return found.unit.name if found else None


def _lead_due(item: Suggestion):
    found = lead(item)
    return found.due_on if found else None


def _co_units(item: Suggestion) -> str:
    return "、".join(a.unit.name for a in item.assignments.all() if not a.lead and not a.ended_on)


def _days_late(due_on: datetime.date | None) -> int | None:
    if due_on is None:
        return None
    late = (timezone.localdate() - due_on).days
    return late if late > 0 else 0


def _latest_answer(item: Suggestion):
    answers = list(item.answers.all())
    return answers[-1] if answers else None


def _lead_name(item: Suggestion) -> str:
    return next((a.person.name for a in item.authors.all() if a.lead), "")


STAFF = [
    Column("编号", "number", "int"),
    Column("标题", "title"),
    Column("类别", lambda s: s.get_kind_display()),
    Column("分类", "category"),
    Column("年度", "year", "int"),
    Column("领衔代表", _lead_name),
    Column("状态", lambda s: s.get_status_display()),
    Column("提交时间", "submitted_at", "date"),
    Column("主办单位", _lead_unit),
    Column("协办单位", _co_units),
    Column("答复期限", _lead_due, "date"),
    Column("重点督办", "key_supervision"),
]

UNIT_QUEUE = [
    Column("编号", "suggestion.number", "int"),
    Column("标题", "suggestion.title"),
    Column("分类", "suggestion.category"),
    Column("承办单位", "unit.name"),
    Column("承办方式", lambda a: "主办" if a.lead else "协办"),
    Column("交办日期", "assigned_on", "date"),
    Column("期限", "due_on", "date"),
    Column("逾期天数", lambda a: _days_late(a.due_on), "int"),
    Column("重新办理", lambda a: a.suggestion.status == "rehandling"),
    Column("重点督办", "suggestion.key_supervision"),
]

MINE = [
    Column("编号", "number", "int"),
    Column("标题", "title"),
    Column("类别", lambda s: s.get_kind_display()),
    Column("分类", "category"),
    Column("年度", "year", "int"),
    Column("状态", lambda s: s.get_status_display()),
    Column("提交时间", "submitted_at", "date"),
    Column("主办单位", _lead_unit),
    Column("答复期限", _lead_due, "date"),
    Column("答复日期", lambda s: _latest_answer(s).answered_on if _latest_answer(s) else None, "date"),
    Column("需要您", "todo"),
]

# Supervision: 重点督办 items and overdue assignments in one table, the first column telling which.
SUPERVISION = [
    Column("类别", "section"),
    Column("编号", "number", "int"),
    Column("标题", "title"),
    Column("状态", "status"),
    Column("承办单位", "unit"),
    Column("期限", "due_on", "date"),
    Column("逾期天数", "late", "int"),
    Column("督办领导", "leader"),
    Column("督办委员会", "committee"),
]


def supervision_rows(key_items, overdue) -> list[dict]:
    rows = []
    for s in key_items:
        a = lead(s)
        rows.append({"section": "重点督办", "number": s.number, "title": s.title, "status": s.get_status_display(),
                     "unit": a.unit.name if a else "", "due_on": a.due_on if a else None,
                     "late": _days_late(a.due_on) if a and s.status in ("assigned", "rehandling") else None,
                     "leader": s.supervising_leader.name if s.supervising_leader else "",
                     "committee": s.supervising_committee.name if s.supervising_committee else ""})
    for a in overdue:
        rows.append({"section": "逾期未答复" if a.lead else "逾期未提协办意见", "number": a.suggestion.number,
                     "title": a.suggestion.title, "status": a.suggestion.get_status_display(), "unit": a.unit.name,
                     "due_on": a.due_on, "late": _days_late(a.due_on), "leader": "", "committee": ""})
    return rows


PUBLIC = [
    Column("编号", "number", "int"),
    Column("标题", "title"),
    Column("分类", "category"),
    Column("年度", "year", "int"),
    Column("办理情况", lambda s: "已答复"),
    Column("答复单位", lambda s: _latest_answer(s).unit.name if _latest_answer(s) else None),
    Column("答复日期", lambda s: _latest_answer(s).answered_on if _latest_answer(s) else None, "date"),
    Column("答复内容", lambda s: _latest_answer(s).text if _latest_answer(s) else None),
]
