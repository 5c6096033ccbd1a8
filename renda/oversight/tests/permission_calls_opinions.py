"""Calls for the permission matrix's cells (renda/core/tests/test_permission_matrix.py), and the
set-up the review-opinion tests share: a deliberated work report with speeches (made with the ORM,
the hearing's actions being another stage's), a directors' meeting, an opinion at each step."""

from __future__ import annotations

import datetime
import itertools

from django.utils import timezone

_seq = itertools.count(1)


def past_session(world, days_ago: int = 20):
    """A standing-committee session held ``days_ago`` days ago (its roster built, not opened)."""
    from renda.testing import make_meeting

    return make_meeting(world, kind="sc_session", members=3, open_it=False,
                        starts_at=timezone.now() - datetime.timedelta(days=days_ago))


def directors_meeting(world, days_ago: int = 5):
    from renda.testing import make_meeting

    return make_meeting(world, kind="directors", members=3, open_it=False,
                        starts_at=timezone.now() - datetime.timedelta(days=days_ago))


def later_session(world, days: int = 30):
    """A standing-committee session ``days`` from now, not yet held."""
    from renda.testing import make_meeting

    return make_meeting(world, kind="sc_session", members=3, open_it=False,
                        starts_at=timezone.now() + datetime.timedelta(days=days))


def deliberated_work_report(world, *, status="deliberated", plan_item=None, speeches=("要加大财政投入。建议设立专项资金。",
                                                                                      "农村学校师资不足，要完善交流机制。"),
                            meeting=None):
    """A special work report the standing committee has deliberated, the members' speeches recorded
    against its agenda item (rows made directly: the hearing's own actions are another stage's)."""
    from renda.meetings.models import AgendaItem, Speech
    from renda.oversight.models import WorkReport

    c = world.congress
    meeting = meeting or past_session(world)
    n = next(_seq)
    item = AgendaItem.objects.create(congress=c, meeting=meeting, order=n, kind=AgendaItem.Kind.REPORT,
                                     title=f"听取和审议教育局关于义务教育工作情况的报告{n}")
    report = WorkReport.objects.create(congress=c, title=f"关于全市义务教育均衡发展工作情况的报告{n}", body=world.unit,
                                       reporter="副市长 赵某", meeting=meeting, agenda_item=item, status=status,
                                       plan_item=plan_item, filed_at=timezone.now() - datetime.timedelta(days=40),
                                       filed_by=world.root)
    for said in speeches:
        Speech.objects.create(congress=c, agenda_item=item, speaker=world.deputies[1].person, text=said,
                              recorded_by=world.root)
    return report


def drafted_opinion(world, work_report=None, actor=None):
    from renda.oversight.actions import opinions

    return opinions.draft_review_opinion(world.congress, actor=actor or world.root,
                                         work_report=work_report or deliberated_work_report(world),
                                         number=f"甲人常办〔2026〕{next(_seq)}号")


def approved_opinion(world, work_report=None):
    from renda.oversight.actions import opinions

    opinion = drafted_opinion(world, work_report)
    return opinions.approve_review_opinion(world.congress, opinion, actor=world.root, meeting=directors_meeting(world))


def sent_opinion(world, work_report=None, reply_due=None):
    from renda.oversight.actions import opinions

    return opinions.send_review_opinion(world.congress, approved_opinion(world, work_report), actor=world.root,
                                        reply_due=reply_due)


def replied_opinion(world, work_report=None):
    from renda.oversight.actions import opinions

    opinion = sent_opinion(world, work_report)
    opinions.file_opinion_reply(world.congress, opinion, actor=world.root, text="一、关于加大投入……二、关于师资……",
                                signed_by="市教育局")
    opinion.refresh_from_db()
    return opinion


def published_opinion(world):
    from renda.oversight.actions import opinions

    return opinions.publish_review_opinion(world.congress, replied_opinion(world), actor=world.root)


def reply_deliberated_on(world):
    from renda.core import actions as core_actions

    core_actions.change_rule(world.congress, actor=world.root, key="oversight.reply_deliberated", value=True)


def writes(world) -> dict:
    from renda.oversight.actions import opinions

    c = world.congress

    def deliberate(u):
        reply_deliberated_on(world)
        return opinions.deliberate_opinion_reply(c, replied_opinion(world), actor=u, meeting=later_session(world))

    return {
        "draft_review_opinion": lambda u: opinions.draft_review_opinion(
            c, actor=u, work_report=deliberated_work_report(world)),
        "approve_review_opinion": lambda u: opinions.approve_review_opinion(
            c, drafted_opinion(world), actor=u, meeting=directors_meeting(world)),
        "send_review_opinion": lambda u: opinions.send_review_opinion(c, approved_opinion(world), actor=u),
        # The world's unit officer is the education bureau's, the body the work report came from.
        "file_opinion_reply": lambda u: opinions.file_opinion_reply(c, sent_opinion(world), actor=u, text="已研究处理。"),
        "deliberate_opinion_reply": deliberate,
        "publish_review_opinion": lambda u: opinions.publish_review_opinion(
            c, _deliberated(world), actor=u),
    }


def _deliberated(world):
    from renda.oversight.actions import opinions

    reply_deliberated_on(world)
    opinion = replied_opinion(world)
    opinions.deliberate_opinion_reply(world.congress, opinion, actor=world.root, meeting=later_session(world))
    opinion.refresh_from_db()
    return opinion


def reads(world) -> dict:
    return {}
