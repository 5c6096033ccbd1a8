"""Steps on one vote that arrive together take turns on the vote's row (actions._locked): a ballot
acknowledged while the vote closes is counted, two closes give one result, two openings one opening.
Real threads on PostgreSQL; the in-memory SQLite test database cannot run them (an SQLite file
serialises writers with BEGIN IMMEDIATE)."""

import threading

import pytest
from django.db import connection

from renda.core.errors import ValidationError
from renda.testing import make_meeting, teller_keys, voters
from renda.voting import actions
from renda.voting.models import SealedBallot, SecretBallot, Vote

pytestmark = pytest.mark.django_db(transaction=True)


def together(steps) -> list:
    """Run the steps at once, each in its own thread and connection; what each returned or raised."""
    outcomes: list = [None] * len(steps)
    start = threading.Barrier(len(steps))

    def run(n, step):
        try:
            start.wait(10)
            outcomes[n] = step()
        except Exception as error:  # noqa: BLE001 - the outcome under test
            outcomes[n] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(n, step)) for n, step in enumerate(steps)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return outcomes


@pytest.fixture(autouse=True)
def _real_threads():
    if connection.vendor == "sqlite" and connection.is_in_memory_db():
        pytest.skip("the in-memory SQLite test database shares one cache between threads; run on PostgreSQL")


def evaluation(world, members=8):
    meeting = make_meeting(world, members=members, sign_in=members)
    vote = actions.create_vote(world.congress, meeting, actor=world.office, title="满意度测评", kind=Vote.Kind.SATISFACTION)
    return meeting, actions.open_vote(world.congress, vote, actor=world.office)


def fresh(world, vote) -> Vote:
    return Vote.objects.in_congress(world.congress).get(pk=vote.pk)


@pytest.mark.parametrize("attempt", range(3))
def test_a_ballot_acknowledged_while_the_vote_closes_is_counted(world_a, attempt):
    meeting, vote = evaluation(world_a)
    keys = teller_keys(vote)
    members = voters(meeting)

    def ballot(user):
        return lambda: actions.cast_ballot(world_a.congress, fresh(world_a, vote), actor=user, content={"rating": "满意"})

    outcomes = together([ballot(u) for u in members[:6]]
                        + [lambda: actions.close_vote(world_a.congress, fresh(world_a, vote), actor=world_a.office,
                                                      teller_keys=keys)])
    acknowledged = sum(1 for o in outcomes[:6] if o is None)
    assert all(o is None or isinstance(o, ValidationError) for o in outcomes[:6])
    closed = fresh(world_a, vote)
    assert closed.status == Vote.Status.CLOSED
    assert closed.result["returned"] == acknowledged == closed.result["counts"]["满意"]
    assert not SealedBallot.objects.in_congress(world_a.congress).filter(vote=vote).exists()
    assert SecretBallot.objects.in_congress(world_a.congress).filter(vote=vote).count() == acknowledged


def test_two_closes_give_one_result(world_a):
    meeting, vote = evaluation(world_a)
    for user in voters(meeting)[:5]:
        actions.cast_ballot(world_a.congress, vote, actor=user, content={"rating": "满意"})
    keys = teller_keys(vote)
    outcomes = together([lambda: actions.close_vote(world_a.congress, fresh(world_a, vote), actor=world_a.office,
                                                    teller_keys=keys)] * 3)
    assert sum(1 for o in outcomes if isinstance(o, Vote)) == 1
    assert all(isinstance(o, Vote | ValidationError) for o in outcomes)
    closed = fresh(world_a, vote)
    assert closed.result["returned"] == 5 and closed.result["counts"]["满意"] == 5
    assert SecretBallot.objects.in_congress(world_a.congress).filter(vote=vote).count() == 5


def test_two_openings_open_once(world_a):
    meeting = make_meeting(world_a, members=8, sign_in=8)
    vote = actions.create_vote(world_a.congress, meeting, actor=world_a.office, title="测评", kind=Vote.Kind.SATISFACTION)
    outcomes = together([lambda: actions.open_vote(world_a.congress, fresh(world_a, vote), actor=world_a.office)] * 6)
    assert sum(1 for o in outcomes if isinstance(o, Vote)) == 1
    assert all(isinstance(o, Vote | ValidationError) for o in outcomes)  # an illegal transition, not a crash
