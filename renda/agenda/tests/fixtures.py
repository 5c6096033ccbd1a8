"""Items, meetings and files the agenda tests share."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.agenda import actions
from renda.testing import make_meeting, teller_keys, voters
from renda.voting import actions as voting_actions


def pdf(name: str = "说明.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n", content_type="application/pdf")


def directors(world, days_ago: int = 1):
    return make_meeting(world, members=3, kind="directors", open_it=False,
                        starts_at=timezone.now() - datetime.timedelta(days=days_ago))


def session(world, *, members: int = 5, sign_in: int | None = None, open_it: bool = True, days_ahead: float = 0.01):
    return make_meeting(world, members=members, sign_in=sign_in, open_it=open_it,
                        starts_at=timezone.now() + datetime.timedelta(days=days_ahead))


def propose(world, title: str = "关于全市义务教育工作情况的报告", *, documents=None, **extra):
    return actions.propose_item(world.congress, actor=world.office, title=title, kind=extra.pop("kind", "report"),
                                proposer_kind=extra.pop("proposer_kind", "government"),
                                proposer=extra.pop("proposer", world.unit), presenter=extra.pop("presenter", "市教育局局长 赵强"),
                                documents=[("报告全文", pdf())] if documents is None else documents, **extra)


def submitted(world, title: str = "关于全市义务教育工作情况的报告", meeting=None, **extra):
    item = propose(world, title, **extra)
    return actions.decide_item(world.congress, item, actor=world.office, directors_meeting=meeting or directors(world),
                               submit=True)


def fixed(world, the_session, items, meeting=None):
    at = the_session.starts_at + datetime.timedelta(hours=1)
    return actions.fix_draft_agenda(world.congress, the_session, actor=world.office,
                                    directors_meeting=meeting or directors(world),
                                    entries=[{"item": i.pk, "scheduled_at": timezone.localtime(at).strftime("%Y-%m-%dT%H:%M"), "presenter": ""}
                                             for i in items])


def agenda_vote(world, the_session, yes: int | None = None, announce: bool = True):
    """The session's roll call on its draft agenda, with ``yes`` of those present for (default all)."""
    vote = voting_actions.create_vote(world.congress, the_session, actor=world.office, title=actions.AGENDA_VOTE_TITLE)
    voting_actions.open_vote(world.congress, vote, actor=world.office)
    members = voters(the_session)
    for n, user in enumerate(members):
        voting_actions.cast_vote(world.congress, vote, actor=user,
                                 choice="yes" if yes is None or n < yes else "no")
    voting_actions.close_vote(world.congress, vote, actor=world.office, teller_keys=teller_keys(vote))
    if announce:
        voting_actions.announce_result(world.congress, vote, actor=world.office)
    vote.refresh_from_db()
    return vote
