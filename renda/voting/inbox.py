"""What votes ask of each person today (see renda/core/inbox.py): the open votes they have not cast."""

from __future__ import annotations

from django.db.models import Exists, OuterRef
from django.urls import reverse

from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.roles import Role
from renda.meetings.models import RosterEntry
from renda.voting.models import BallotReceipt, RollCallCast, Vote

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "core.Term",
    "meetings.Meeting",
    "meetings.RosterEntry",
    "voting.BallotReceipt",
    "voting.RollCallCast",
    "voting.Vote",
)


def tasks(ask: Ask) -> list[Task]:
    if ask.person is None or not ask.has(Role.DEPUTY, Role.SC_MEMBER):
        return []
    congress, person = ask.congress, ask.person
    on_roster = RosterEntry.objects.in_congress(congress).filter(person=person, voting=True).values("meeting_id")
    cast = RollCallCast.objects.in_congress(congress).filter(vote=OuterRef("pk"), person=person)
    returned = BallotReceipt.objects.in_congress(congress).filter(vote=OuterRef("pk"), person=person, returned=True)
    open_votes = (Vote.objects.in_congress(congress).filter(status=Vote.Status.OPEN, paper=False, meeting_id__in=on_roster)
                  .filter(~Exists(cast), ~Exists(returned)).select_related("meeting__term", "meeting__organisation").order_by("opened_at", "id"))
    return [Task("votes_open", "正在表决，等您投票", open_votes.count(),
                 reverse("meeting_list", kwargs={"congress_code": congress.code}),
                 [Item(str(v), reverse("vote_detail", kwargs={"congress_code": congress.code, "vote_id": v.pk}),
                       v.meeting.title) for v in open_votes[:SHOWN]])]
