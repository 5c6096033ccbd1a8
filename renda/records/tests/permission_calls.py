"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): the records'
reads by address, and the deputy's note (their own: the deputy and member personas are deputies)."""

from __future__ import annotations

from django.utils import timezone


def writes(world) -> dict:
    from renda.records import actions

    return {"write_record_note": lambda u: actions.write_record_note(world.congress, actor=u,
                                                                     year=timezone.localdate().year, text_="本年说明")}


def reads(world) -> dict:
    code, year = world.congress.code, timezone.localdate().year
    return {"view_own_record": f"/c/{code}/records/mine/", "view_records": f"/c/{code}/records/?year={year}",
            "export_records": f"/c/{code}/records/export.xlsx?year={year}"}
