"""The groups list's export (core.spreadsheets): each group as the list shows it."""

from __future__ import annotations

from renda.core.spreadsheets import Column

GROUPS = [
    Column("小组", "group.name"),
    Column("划分方式", lambda r: r.profile.get_basis_display() if r.profile else None),
    Column("区域或领域", "profile.scope"),
    Column("成员", "members", "int"),
    Column("组长", "leader"),
    Column("活动阵地", "profile.station.name"),
]
