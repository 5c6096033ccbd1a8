"""Secret ballots written together (the hall's group commit) obey the same rules as ballots written
alone: each request on its own merits, refusals leave nothing behind, the others are stored."""

from django.core.exceptions import PermissionDenied, ValidationError

from renda.core.models import AuditEntry
from renda.core.usecase import Request
from renda.testing import make_meeting, make_user, teller_keys, voters
from renda.voting import actions
from renda.voting.models import BallotReceipt, SealedBallot, Vote


def open_election(world, members: int, sign_in: int) -> Vote:
    meeting = make_meeting(world, members=members, sign_in=sign_in)
    vote = actions.setup_election(world.congress, meeting, actor=world.office, title="选举", post="other", seats=1,
                                  candidates=[{"name": "甲", "nominated_by": "presidium"}])
    return actions.open_vote(world.congress, vote, actor=world.office)


def ballot(write_in: str) -> dict:
    return {"content": {"marks": {}, "write_ins": [write_in]}}


def test_a_ballot_batch_stores_the_accepted_and_nothing_of_the_refused(world_a):
    vote = open_election(world_a, members=6, sign_in=5)
    present = voters(vote.meeting)
    absent = voters(vote.meeting, present_only=False)[5]
    actions.cast_ballot(world_a.congress, vote, actor=present[4], content=ballot("早投")["content"])
    requests = [
        Request(present[0], ballot("甲一")),
        Request(present[1], {"content": {"marks": {"999999": "for"}}}),  # not a candidate of this election
        Request(absent, ballot("缺席")),                                # on the roster, not signed in
        Request(make_user("no-roles-here"), ballot("外人")),            # no role in this congress
        Request(present[2], ballot("乙二")),
        Request(present[2], ballot("乙二再投")),                        # a second ballot in the same batch
        Request(present[4], ballot("早投再投")),                        # already returned in an earlier batch
        Request(present[3], ballot("丙三")),
    ]
    outcomes = actions.cast_ballots(world_a.congress, vote, requests=requests)

    assert [o for i, o in enumerate(outcomes) if i in (0, 4, 7)] == [None, None, None]
    assert isinstance(outcomes[1], ValidationError) and "不是本次选举候选人" in outcomes[1].messages[0]
    assert isinstance(outcomes[2], ValidationError) and "请先签到" in outcomes[2].messages[0]
    assert isinstance(outcomes[3], PermissionDenied)
    assert all(isinstance(outcomes[i], ValidationError) and "只能投一票" in outcomes[i].messages[0] for i in (5, 6))
    returned = set(BallotReceipt.objects.in_congress(world_a.congress).filter(vote=vote, returned=True)
                   .values_list("person__user__username", flat=True))
    assert returned == {present[i].username for i in (0, 2, 3, 4)}
    assert SealedBallot.objects.in_congress(world_a.congress).filter(vote=vote).count() == 4
    audit = AuditEntry.objects.in_congress(world_a.congress).filter(action="cast_ballot")
    assert sorted(audit.values_list("actor__username", flat=True)) == sorted(present[i].username for i in (0, 2, 3, 4))
    assert {str(e.after) for e in audit} == {"{'returned': True}"}

    closed = actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    assert closed.result["returned"] == 4
    assert closed.result["write_ins"] == {"甲一": 1, "乙二": 1, "丙三": 1, "早投": 1}


def test_a_ballot_batch_on_a_closed_vote_writes_nothing(world_a):
    vote = open_election(world_a, members=3, sign_in=3)
    actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    outcomes = actions.cast_ballots(world_a.congress, vote, requests=[Request(u, ballot("迟到")) for u in voters(vote.meeting)])
    assert all(isinstance(o, ValidationError) and "已结束" in o.messages[0] for o in outcomes)
    assert not BallotReceipt.objects.in_congress(world_a.congress).filter(vote=vote, returned=True).exists()
    assert not AuditEntry.objects.in_congress(world_a.congress).filter(action="cast_ballot").exists()
