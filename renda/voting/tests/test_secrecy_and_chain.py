import io

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, models

from renda.core.models import AuditEntry
from renda.people.models import Person
from renda.testing import make_meeting, teller_keys, voters
from renda.voting import actions, chain
from renda.voting.models import BallotReceipt, ChainLink, SecretBallot, Vote

VOTERS = 12


def secret_election(world):
    meeting = make_meeting(world, members=VOTERS, sign_in=VOTERS)
    vote = actions.setup_election(world.congress, meeting, actor=world.office, title="选举", post="other", seats=1,
                                  candidates=[{"name": "甲", "nominated_by": "presidium"}])
    actions.open_vote(world.congress, vote, actor=world.office)
    cast_order = []
    for n, user in enumerate(voters(meeting)):
        # Each member writes in a different name, so a ballot's content tells exactly who cast it
        # if anything in the database gives away the order of casting.
        marker = f"另选{n:02d}"
        actions.cast_ballot(world.congress, vote, actor=user, content={"marks": {}, "write_ins": [marker]})
        cast_order.append(marker)
    return meeting, vote, cast_order


def test_the_ballot_table_has_nothing_that_links_to_a_member():
    fields = {f.name: f for f in SecretBallot._meta.get_fields()}
    assert set(fields) == {"id", "congress", "vote", "content"}
    assert isinstance(fields["id"], models.UUIDField)
    assert not any(isinstance(f, models.DateTimeField | models.DateField) for f in fields.values())
    related = {f.related_model for f in fields.values() if f.is_relation}
    assert Person not in related and BallotReceipt not in related
    assert not any(isinstance(f, models.DateTimeField) for f in BallotReceipt._meta.get_fields())


def test_the_database_alone_cannot_re_identify_a_ballot(world_a):
    meeting, vote, cast_order = secret_election(world_a)
    actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    table = SecretBallot._meta.db_table
    with connection.cursor() as cursor:
        # Physical storage order: SQLite's rowid, PostgreSQL's ctid.
        order = "rowid" if connection.vendor == "sqlite" else "ctid"
        cursor.execute(f'SELECT "id", "content" FROM "{table}" WHERE "congress_id" = %s AND "vote_id" = %s '
                       f"ORDER BY {order}", [world_a.congress.pk, vote.pk])
        rows = cursor.fetchall()
    import json

    stored_order = [(json.loads(c) if isinstance(c, str) else c)["write_ins"][0] for _, c in rows]
    assert sorted(stored_order) == sorted(cast_order)
    assert stored_order != cast_order  # 1 in 12! that a fair shuffle leaves them in casting order
    sorted_by_id = [m for _, m in sorted(zip([r[0] for r in rows], stored_order, strict=True))]
    assert sorted_by_id != cast_order
    ballot_ids = {str(r[0]) for r in rows}
    person_ids = {str(p) for p in BallotReceipt.objects.in_congress(world_a.congress).filter(vote=vote)
                  .values_list("person_id", flat=True)}
    assert not ballot_ids & person_ids
    # Nor does the chain keep the casting order, nor the audit log what a ballot said.
    chained = [link.payload["content"]["write_ins"][0] for link in
               ChainLink.objects.in_congress(world_a.congress).filter(meeting=meeting, kind="ballot").order_by("seq")]
    assert chained == stored_order
    audit = AuditEntry.objects.in_congress(world_a.congress).filter(action="cast_ballot")
    assert audit.count() == VOTERS and not any("另选" in str(e.after) for e in audit)


def test_the_screen_shows_only_progress_for_a_secret_vote(world_a):
    from django.test import Client

    meeting, vote, _ = secret_election(world_a)
    text = Client().get(f"/c/{world_a.congress.code}/votes/{vote.pk}/screen/tally/").content.decode()
    assert "投票进行中" in text and f"已投 {VOTERS} 张" in text and "另选" not in text


def test_the_chain_verifies_and_reports_the_first_broken_link(world_a):
    meeting, vote, _ = secret_election(world_a)
    actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    actions.announce_result(world_a.congress, vote, actor=world_a.office)
    verdict = chain.verify(meeting)
    assert verdict.ok and verdict.links == 1 + VOTERS + 2  # opened, ballots, result, announced
    out = io.StringIO()
    call_command("verify_chain", world_a.congress.code, meeting.pk, stdout=out)
    assert "完好" in out.getvalue()
    victim = ChainLink.objects.in_congress(world_a.congress).get(meeting=meeting, seq=5)
    ChainLink.objects.in_congress(world_a.congress).filter(pk=victim.pk).update(
        payload={**victim.payload, "content": {"marks": {}, "write_ins": ["篡改"]}})
    verdict = chain.verify(meeting)
    assert not verdict.ok and verdict.broken_at == 5 and "内容已被改动" in verdict.message
    with pytest.raises(CommandError) as error:
        call_command("verify_chain", world_a.congress.code, meeting.pk)
    assert "第 5 环" in str(error.value)


def test_editing_a_stored_result_is_detected(world_a):
    meeting, vote, _ = secret_election(world_a)
    actions.close_vote(world_a.congress, vote, actor=world_a.office, teller_keys=teller_keys(vote))
    Vote.objects.in_congress(world_a.congress).filter(pk=vote.pk).update(result={**vote.result, "elected": ["1"]})
    verdict = chain.verify(meeting)
    assert not verdict.ok and "结果与第" in verdict.message
