"""The reads of a hall batch (``actions.cast_votes``, ``actions.cast_ballots``), written out.

Under a hall vote the batches are written one at a time, so whatever a batch costs every member waits
for. Built by the ORM, these reads cost more than the rest of the batch; written out once
(``core.written_out``), each is one statement with the same predicates: the congress first, then the
vote, the meeting's voting roster, the members of the batch.
"""

from __future__ import annotations

import functools

from django.db import connection

from renda.core.models import Congress
from renda.core.written_out import columns, fetch_all, instances, placeholders, table
from renda.meetings.models import Meeting, RosterEntry
from renda.people.models import Person
from renda.voting.models import BallotReceipt, Candidate, RollCallCast, Vote


@functools.cache
def _locked_vote_statement(row_locks: bool) -> str:
    # PostgreSQL locks both rows, as ``select_for_update().select_related("meeting")`` does: batches, the
    # close and the chain's appends on this meeting take turns. SQLite's writers take turns at BEGIN.
    return (f"SELECT {columns(Vote, 'v')}, {columns(Meeting, 'm')} FROM {table(Vote)} v "
            f"INNER JOIN {table(Meeting)} m ON m.\"id\" = v.\"meeting_id\" "
            f"WHERE v.\"congress_id\" = %s AND v.\"id\" = %s" + (" FOR UPDATE" if row_locks else ""))


def locked_vote(congress: Congress, vote_id: int) -> Vote | None:
    """The vote with its meeting, its row locked for the rest of the transaction."""
    with connection.cursor() as cursor:
        cursor.execute(_locked_vote_statement(connection.features.has_select_for_update), [congress.pk, vote_id])
        row = cursor.fetchone()
    if row is None:
        return None
    vote, meeting = instances(row, Vote, Meeting)
    vote.meeting = meeting
    return vote


def roster_marks(congress: Congress, meeting_id: int, user_ids: set[int]) -> tuple[dict[int, int], dict[int, str]]:
    """Each requesting user's person on the meeting's voting roster (user id → person id) and that
    person's attendance mark (person id → mark). Someone not on the voting roster is in neither."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT p.\"user_id\", r.\"person_id\", r.\"attendance\" FROM {table(RosterEntry)} r "
                       f"INNER JOIN {table(Person)} p ON p.\"id\" = r.\"person_id\" "
                       f"WHERE r.\"congress_id\" = %s AND r.\"meeting_id\" = %s AND r.\"voting\" = %s "
                       f"AND p.\"user_id\" IN ({placeholders(len(user_ids))})",
                       [congress.pk, meeting_id, True, *(user_ids or [None])])
        rows = cursor.fetchall()
    person_of, attendance_of = {}, {}
    for user_id, person_id, attendance in rows:
        person_of[user_id], attendance_of[person_id] = person_id, attendance
    return person_of, attendance_of


def casts_of(congress: Congress, vote_id: int, person_ids) -> dict[int, RollCallCast]:
    """The casts these members already made in this vote, by person."""
    person_ids = list(person_ids)
    found = fetch_all(RollCallCast, f"SELECT {columns(RollCallCast)} FROM {table(RollCallCast)} "
                                    f"WHERE \"congress_id\" = %s AND \"vote_id\" = %s "
                                    f"AND \"person_id\" IN ({placeholders(len(person_ids))})",
                      [congress.pk, vote_id, *(person_ids or [None])])
    return {cast.person_id: cast for cast in found}


def receipts_of(congress: Congress, vote_id: int, person_ids) -> dict[int, bool]:
    """Whether each of these members, issued a ballot, has returned it (person → returned)."""
    person_ids = list(person_ids)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT \"person_id\", \"returned\" FROM {table(BallotReceipt)} "
                       f"WHERE \"congress_id\" = %s AND \"vote_id\" = %s "
                       f"AND \"person_id\" IN ({placeholders(len(person_ids))})",
                       [congress.pk, vote_id, *(person_ids or [None])])
        return {person_id: bool(returned) for person_id, returned in cursor.fetchall()}


def mark_returned(congress: Congress, vote_id: int, person_ids: list) -> int:
    """Flip these members' receipts to returned, only those not returned yet; how many flipped."""
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {table(BallotReceipt)} SET \"returned\" = %s WHERE \"congress_id\" = %s "
                       f"AND \"vote_id\" = %s AND \"person_id\" IN ({placeholders(len(person_ids))}) "
                       f"AND \"returned\" = %s",
                       [True, congress.pk, vote_id, *(person_ids or [None]), False])
        return cursor.rowcount


def candidate_ids(congress: Congress, vote_id: int) -> set[str]:
    """The vote's candidates' ids, as text (a ballot's marks are keyed by them)."""
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT \"id\" FROM {table(Candidate)} WHERE \"congress_id\" = %s AND \"vote_id\" = %s",
                       [congress.pk, vote_id])
        return {str(pk) for (pk,) in cursor.fetchall()}
