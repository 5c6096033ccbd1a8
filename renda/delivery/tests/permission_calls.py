"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py): 通知送达渠道."""

from __future__ import annotations

import datetime
import itertools

_seq = itertools.count(1)


def _dead(world):
    from django.utils import timezone

    from renda.delivery.models import Delivery
    from renda.proposals.models import Notice

    notice = Notice.objects.create(congress=world.congress, person=world.deputies[0].person,
                                   text=f"送达失败的通知{next(_seq)}")
    return Delivery.objects.create(congress=world.congress, notice=notice, user=world.deputy, channel="email",
                                   address="x@example.cn", status=Delivery.Status.DEAD, attempts=5,
                                   next_attempt_at=timezone.now(), last_error="SMTPRecipientsRefused")


def _meeting(world):
    from django.utils import timezone

    from renda.testing import make_meeting

    return make_meeting(world, open_it=False, starts_at=timezone.now() + datetime.timedelta(days=3))


def _reply(world, user):
    from renda.delivery import actions
    from renda.meetings import actions as meeting_actions
    from renda.meetings.models import RosterEntry

    meeting = _meeting(world)
    person = getattr(user, "person", None)
    if person is None:  # an account with no person (staff, a unit officer) attending as 列席
        person = meeting_actions.add_attendee(world.congress, meeting, actor=world.root, name=f"列席{next(_seq)}",
                                              post="列席").person
        person.user = user
        person.save(update_fields=["user"])
        user.person = person
    elif not RosterEntry.objects.in_congress(world.congress).filter(meeting=meeting, person=person).exists():
        meeting_actions.add_attendee(world.congress, meeting, actor=world.root, person=person, post="列席")
    return actions.reply(world.congress, meeting, actor=user, answer="attend")


def writes(world) -> dict:
    from renda.delivery import actions

    c = world.congress
    return {
        "set_delivery_preferences": lambda u: actions.set_preferences(c, actor=u, channels_=[], email="", mobile=""),
        "read_own_notices": lambda u: actions.mark_read(c, actor=u),
        "retry_delivery": lambda u: actions.retry(c, _dead(world), actor=u),
        "send_meeting_notice": lambda u: actions.send_meeting_notice(c, _meeting(world), actor=u),
        "reply_meeting_notice": lambda u: _reply(world, u),
    }


def reads(world) -> dict:
    return {"view_dead_deliveries": f"/c/{world.congress.code}/notices/dead/"}
