"""A hall batch's written-out reads keep the ORM's predicates: the congress, the vote, the voting roster."""

import pytest
from django.core.exceptions import ValidationError

from renda.core.errors import NotFound
from renda.core.models import AuditEntry
from renda.core.usecase import Request
from renda.meetings.models import RosterEntry
from renda.testing import voters
from renda.voting import batch_statements, intake
from renda.voting.models import BallotReceipt, RollCallCast
from renda.voting.tests.test_roll_call import open_roll_call


def test_a_vote_of_another_congress_is_not_found_and_nothing_is_written(world_a, world_b):
    theirs = open_roll_call(world_b, members=3, sign_in=3)
    ours = voters(open_roll_call(world_a, members=3, sign_in=3).meeting)
    with pytest.raises(NotFound):
        intake.cast(world_a.congress, theirs.pk, actor=ours[0], choice="yes")
    assert batch_statements.locked_vote(world_a.congress, theirs.pk) is None
    assert batch_statements.locked_vote(world_b.congress, theirs.pk).meeting.pk == theirs.meeting_id
    assert not RollCallCast.objects.in_congress(world_b.congress).filter(vote=theirs).exists()
    assert not AuditEntry.objects.in_congress(world_a.congress).filter(action="cast_vote").exists()


def test_a_member_attending_without_a_vote_is_refused(world_a):
    vote = open_roll_call(world_a, members=3, sign_in=3)
    members = voters(vote.meeting)
    RosterEntry.objects.in_congress(world_a.congress).filter(meeting=vote.meeting, person__user=members[0]) \
        .update(voting=False)  # now 列席: present, no vote
    person_of, attendance_of = batch_statements.roster_marks(world_a.congress, vote.meeting_id,
                                                             {u.pk for u in members})
    assert members[0].pk not in person_of and len(person_of) == len(attendance_of) == 2
    with pytest.raises(ValidationError, match="有表决权"):
        intake.cast(world_a.congress, vote.pk, actor=members[0], choice="yes")
    assert intake.cast(world_a.congress, vote.pk, actor=members[1], choice="no").choice == "no"


def test_only_receipts_not_yet_returned_flip(world_a):
    from renda.voting import actions

    vote = open_roll_call(world_a, members=3, sign_in=3)
    secret = actions.open_vote(world_a.congress, actions.create_vote(world_a.congress, vote.meeting, actor=world_a.office,
                                                                     title="无记名表决", secret=True), actor=world_a.office)
    members = voters(secret.meeting)
    person_ids = list(BallotReceipt.objects.in_congress(world_a.congress).filter(vote=secret)
                      .values_list("person_id", flat=True))
    assert batch_statements.mark_returned(world_a.congress, secret.pk, person_ids[:1]) == 1
    assert batch_statements.mark_returned(world_a.congress, secret.pk, person_ids) == len(person_ids) - 1
    assert batch_statements.receipts_of(world_a.congress, secret.pk, person_ids) == {p: True for p in person_ids}
    assert batch_statements.receipts_of(world_a.congress, secret.pk, []) == {}
    outcomes = actions.cast_ballots(world_a.congress, secret, requests=[Request(members[0], {"content": {"choice": "yes"}})])
    assert isinstance(outcomes[0], ValidationError) and "每人只能投一票" in outcomes[0].messages[0]


@pytest.mark.django_db(transaction=True)
def test_the_locked_vote_locks_its_meeting_too_so_the_chain_need_not_lock_it_again(world_a):
    """PostgreSQL: while a batch's transaction holds the vote it read, another transaction can lock
    neither the vote nor its meeting (the chain's appends count on the meeting's lock)."""
    from django.db import connection, transaction

    if not connection.features.has_select_for_update:
        pytest.skip("SQLite has no row locks: its writers take turns at BEGIN")
    import psycopg

    vote = open_roll_call(world_a, members=3, sign_in=3)
    settings = connection.settings_dict
    with transaction.atomic():
        assert batch_statements.locked_vote(world_a.congress, vote.pk).pk == vote.pk
        with psycopg.connect(dbname=settings["NAME"], user=settings["USER"], host=settings["HOST"],
                             port=settings["PORT"] or None, autocommit=True) as other:
            for table, row in (("meetings_meeting", vote.meeting_id), ("voting_vote", vote.pk)):
                with pytest.raises(psycopg.errors.LockNotAvailable):
                    other.execute(f"SELECT 1 FROM {table} WHERE id = %s FOR UPDATE NOWAIT", [row])
