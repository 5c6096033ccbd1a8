"""The activities list's export (core.spreadsheets): the activities this reader sees, as filtered, with
how many were invited and how many attended."""

from __future__ import annotations

from renda.core.spreadsheets import Column

ACTIVITIES = [
    Column("开始时间", "starts_at", "datetime"),
    Column("结束时间", "ends_at", "datetime"),
    Column("主题", "topic"),
    Column("类别", lambda a: a.get_kind_display()),
    Column("地点", "place"),
    Column("组织单位", "organiser.name"),
    Column("代表小组", "deputy_group.name"),
    Column("培训项目", "programme.title"),
    Column("学时", "hours", "number"),
    Column("状态", lambda a: a.get_status_display()),
    Column("邀请人数", "n_invited", "int"),
    Column("出席人数", "n_present", "int"),
]
