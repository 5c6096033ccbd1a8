"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): every
permission of 网上代表之家 and 致代表的信. A letter to all serving deputies reaches both member
personas, so each may read and reply to their own copy; a member switches their own form."""

from __future__ import annotations

import itertools

_n = itertools.count(1)


def _letter(world):
    from renda.deputy_pages import actions

    return actions.send_letter(world.congress, actor=world.root, title=f"来信{next(_n)}", body="请阅")


def _with_station(world):
    from renda.people import actions as people

    mandate = world.deputies[0]
    if mandate.liaison_station_id is None:
        mandate = people.update_mandate(world.congress, mandate, actor=world.root, liaison_station=world.station)
        world.deputies[0] = mandate
    return mandate


def _own_or_first(world, user):
    from renda.liaison.actions import serving_mandate

    return serving_mandate(world.congress, user) or world.deputies[0]


def writes(world) -> dict:
    from renda.deputy_pages import actions

    c = world.congress
    return {
        "contact_deputy": lambda u: actions.contact_deputy(
            c, _with_station(world), actor=u, data={"category": "教育", "text": "操场积水", "anonymous": True}),
        "set_contact_form_open": lambda u: actions.set_contact_form_open(c, _own_or_first(world, u), actor=u, open=True),
        "send_letter": lambda u: actions.send_letter(c, actor=u, title="会前征求意见", body="请提出意见"),
        "remind_unread": lambda u: actions.remind_unread(c, _letter(world), actor=u),
        "mark_letter_read": lambda u: actions.mark_letter_read(c, _letter(world), actor=u),
        "reply_to_letter": lambda u: actions.reply_to_letter(c, _letter(world), actor=u, reply="已阅"),
    }


def reads(world) -> dict:
    return {"view_letters": f"/c/{world.congress.code}/letters/"}
