"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py), and the
set-up the work-report tests share: a session some days ahead, a report scheduled, filed, reviewed,
deliberated.

Every permission of the hearings stage is a write here; reading (``view_oversight``) is checked by
``permission_calls_plan``'s read of the oversight page (the work-report list is gated the same way)."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

_seq = itertools.count(1)


def session(world, days: int = 30, *, open_it: bool = False, members: int = 3):
    """A standing-committee session ``days`` from now (at 09:00 local), its roster holding the
    world's two member personas; opened (everyone signed in) when ``open_it``."""
    from renda.testing import make_meeting

    start = timezone.localtime().replace(hour=9, minute=0, second=0, microsecond=0) + datetime.timedelta(days=days)
    return make_meeting(world, kind="sc_session", members=members, open_it=open_it, starts_at=start)


def scheduled(world, meeting=None, *, actor=None, **kw):
    from renda.oversight.actions import hearings

    return hearings.schedule_work_report(
        world.congress, actor=actor or world.root, title=kw.pop("title", f"关于全市义务教育工作情况的报告{next(_seq)}"),
        body=kw.pop("body", world.unit), meeting=meeting or session(world), reporter=kw.pop("reporter", "副市长 李某"),
        committee=kw.pop("committee", world.committee), **kw)


def filed(world, report=None, *, actor=None, **kw):
    from renda.oversight.actions import hearings

    return hearings.file_work_report(world.congress, report or scheduled(world, **kw), actor=actor or world.root,
                                     summary="一、基本情况；二、存在的问题；三、下一步工作")


def reviewed(world, report=None, *, actor=None, **kw):
    from renda.oversight.actions import hearings

    return hearings.review_work_report(world.congress, filed(world, report, **kw), actor=actor or world.root,
                                       opinion="报告基本符合要求，建议提请常委会会议审议。",
                                       reviewed_on=timezone.localdate())


def item_of(report):
    from renda.meetings.models import AgendaItem

    return AgendaItem.objects.in_congress(report.congress_id).get(pk=report.agenda_item_id)


def deliberated(world, report=None, **kw):
    from renda.meetings import actions as meetings

    report = reviewed(world, report, **kw)
    meetings.record_speech(world.congress, item_of(report), actor=world.root, speaker=world.deputies[1].person,
                           text="建议加大农村学校投入。")
    report.refresh_from_db()
    return report


def writes(world) -> dict:
    from renda.meetings import actions as meetings
    from renda.oversight.actions import hearings

    c = world.congress

    def speech(u):
        own = getattr(u, "person", None)
        speaker = own if own is not None and own.pk == world.deputies[1].person.pk else world.deputies[0].person
        return meetings.record_speech(c, item_of(reviewed(world)), actor=u, speaker=speaker, text="建议")

    return {
        "schedule_work_report": lambda u: scheduled(world, actor=u),
        "file_work_report": lambda u: filed(world, actor=u),
        "review_work_report": lambda u: hearings.review_work_report(c, filed(world), actor=u, opinion="同意提请审议",
                                                                    reviewed_on=timezone.localdate()),
        "record_speech": speech,
        "evaluate_work_report": lambda u: hearings.conclude_work_report(c, deliberated(world), actor=u),
    }


def reads(world) -> dict:
    return {}
