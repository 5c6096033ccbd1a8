"""The columns of the liaison lists' exports (core.spreadsheets). The concern queue exports what the
queue shows: never the person's name or contact, which only the concern's own page shows its handlers."""

from __future__ import annotations

from django.utils import timezone

from renda.core.spreadsheets import Column

CONCERNS = [
    Column("编号", "pk", "int"),
    Column("反映日期", "raised_on", "date"),
    Column("来源", lambda c: c.get_source_display()),
    Column("联络站", "station.name"),
    Column("类别", "category"),
    Column("内容", "text"),
    Column("地点", "place"),
    Column("办理方式", lambda c: c.get_path_display() if c.path else None),
    Column("状态", lambda c: c.get_status_display()),
    Column("承办单位", "unit.name"),
    Column("负责代表", "responsible.person.name"),
    Column("当前环节责任人", "step_owner"),
    Column("期限", "due_on", "date"),
    Column("逾期", lambda c: c.is_overdue(timezone.localdate())),
]

CONTACT_RECORDS = [
    Column("日期", "on", "date"),
    Column("方式", lambda r: r.get_how_display()),
    Column("联系对象", lambda r: f"{r.link.deputy.name} 代表" if r.link.deputy else r.link.constituent),
    Column("类别", lambda r: r.link.get_kind_display()),
    Column("反映的问题", "raised"),
    Column("后续办理", "followed"),
]

CPPCC = [
    Column("姓名", "person.name"),
    Column("所属政协", "cppcc"),
    Column("界别", "sector"),
    Column("进驻联络站", lambda m: m.station.name if m.station else "不固定"),
    Column("状态", lambda m: "进站" if m.active else "已停止进站"),
]
