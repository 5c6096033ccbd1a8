"""The register's export (core.spreadsheets): the list's columns as the register shows them — the raiser's
name as listed, never their contact — with the dates and the answer."""

from __future__ import annotations

from django.utils import timezone

from renda.core.spreadsheets import Column

REGISTER = [
    Column("编号", "pk", "int"),
    Column("反映日期", "raised_on", "date"),
    Column("来源", lambda c: c.get_source_display()),
    Column("提出人", "person_name"),
    Column("类别", "category"),
    Column("内容", "text"),
    Column("承办单位", "unit.name"),
    Column("状态", lambda c: f"已归并到 {c.merged_into_id} 号" if c.merged_into_id else c.get_status_display()),
    Column("期限", "due_on", "date"),
    Column("逾期", lambda c: c.is_overdue(timezone.localdate())),
    Column("答复日期", "answered_on", "date"),
    Column("办理结果", "answer"),
    Column("满意度", lambda c: c.get_satisfaction_display() if c.satisfaction else None),
]
