"""The letters list's export (core.spreadsheets): each letter with its read and reply counts and rates."""

from __future__ import annotations

from renda.core.spreadsheets import Column


def _rate(part: int, whole: int) -> float | None:
    return part / whole if whole else None


LETTERS = [
    Column("标题", lambda r: r[0].title),
    Column("收信范围", lambda r: r[0].audience),
    Column("发出时间", lambda r: r[0].sent_at, "date"),
    Column("请于此日前回复", lambda r: r[0].reply_by, "date"),
    Column("收信代表", lambda r: r[1].recipients, "int"),
    Column("已读", lambda r: r[1].read, "int"),
    Column("未读", lambda r: r[1].unread, "int"),
    Column("回复", lambda r: r[1].replied, "int"),
    Column("阅读率", lambda r: _rate(r[1].read, r[1].recipients), "percent"),
    Column("回复率", lambda r: _rate(r[1].replied, r[1].recipients), "percent"),
]
