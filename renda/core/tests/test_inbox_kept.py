"""The to-do list kept source by source: after a write, only the sources that read a written table are
worked out again, and what is shown always equals a fresh count."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from renda.core import audit, inbox, tallies
from renda.core.models import AuditEntry
from renda.core.roles import Role
from renda.core.tests.test_inbox import _assigned, _submitted
from renda.liaison.tests.factory import concern
from renda.meetings import actions as meetings
from renda.testing import make_meeting, voters
from renda.voting import actions as voting


def _shown(tasks):
    return [(t.key, t.count, [i.url for i in t.items]) for t in tasks]


def _read_by(call) -> str:
    with CaptureQueriesContext(connection) as queries:
        call()
    return "\n".join(q["sql"] for q in queries.captured_queries)


def test_what_is_kept_equals_a_fresh_count_after_each_write(world_a):
    people = [world_a.office, world_a.deputy, world_a.users[Role.UNIT_OFFICER]]
    meeting = make_meeting(world_a, members=5, sign_in=0)
    steps = [
        lambda: _submitted(world_a),
        lambda: concern(world_a),
        lambda: meetings.sign_in_at_desk(world_a.congress, meeting, actor=world_a.office,
                                         person=world_a.deputies[0].person),
        lambda: [meetings.sign_in_at_desk(world_a.congress, meeting, actor=world_a.office, person=e.person)
                 for e in meeting.roster.all() if e.signed_in_at is None],
        lambda: voting.open_vote(world_a.congress, voting.create_vote(world_a.congress, meeting, actor=world_a.office,
                                                                      title="关于批准决算的决议"), actor=world_a.office),
        lambda: voters(meeting),
        lambda: voting.cast_vote(world_a.congress, meeting.votes.get(), actor=world_a.deputy, choice="yes"),
        lambda: _assigned(world_a, timezone.localdate() - datetime.timedelta(days=200)),  # overdue at once
    ]
    for user in people:
        inbox.kept_tasks(world_a.congress, user)  # kept before the first write
    for number, step in enumerate(steps):
        step()
        for user in people:
            assert _shown(inbox.kept_tasks(world_a.congress, user)) == _shown(inbox.tasks_for(world_a.congress, user)), \
                (number, user.username)
    assert "votes_open" not in {t.key for t in inbox.kept_tasks(world_a.congress, world_a.deputy)}


def test_a_vote_cast_leaves_the_suggestions_tasks_standing_and_a_suggestion_does_not(world_a):
    _submitted(world_a)
    meeting = make_meeting(world_a, members=3, sign_in=3)
    vote = voting.open_vote(world_a.congress, voting.create_vote(world_a.congress, meeting, actor=world_a.office,
                                                                 title="表决"), actor=world_a.office)
    member = voters(meeting)[0]
    before = {t.key: t.count for t in inbox.kept_tasks(world_a.congress, world_a.office)}
    voting.cast_vote(world_a.congress, vote, actor=member, choice="yes")
    read = _read_by(lambda: inbox.kept_tasks(world_a.congress, world_a.office))
    assert '"proposals_suggestion"' not in read and '"liaison_concern"' not in read
    _submitted(world_a)
    after = {}
    read = _read_by(lambda: after.update({t.key: t.count for t in inbox.kept_tasks(world_a.congress, world_a.office)}))
    assert '"proposals_suggestion"' in read and '"liaison_concern"' not in read
    assert after["suggestions_to_review"] == before["suggestions_to_review"] + 1


def test_a_write_outside_an_action_redraws_every_source(world_a):
    _submitted(world_a)
    inbox.kept_tasks(world_a.congress, world_a.office)
    assert '"proposals_suggestion"' not in _read_by(lambda: inbox.kept_tasks(world_a.congress, world_a.office))
    audit.record(world_a.congress, world_a.office, "back-office correction")  # no action: its tables not known
    tallies.note_write(world_a.congress)
    read = _read_by(lambda: inbox.kept_tasks(world_a.congress, world_a.office))
    assert '"proposals_suggestion"' in read and '"liaison_concern"' in read


def test_an_action_notes_each_table_it_wrote_and_only_those(world_a):
    before = tallies.table_versions(world_a.congress)
    _submitted(world_a)
    after = tallies.table_versions(world_a.congress)
    moved = {t for t in after if after[t] != before.get(t, 0)}
    assert {"proposals_suggestion", AuditEntry._meta.db_table} <= moved
    assert "liaison_concern" not in moved and "voting_rollcallcast" not in moved
    assert after[tallies.EVERY_TABLE] == before[tallies.EVERY_TABLE]  # every table it wrote was known


def test_statements_are_read_for_the_table_they_write(world_a):
    with tallies.tables_written() as written, connection.cursor() as cursor:
        cursor.execute(f'UPDATE "{AuditEntry._meta.db_table}" SET "action" = "action" WHERE "congress_id" = %s',
                       [world_a.congress.pk])
        cursor.execute(f'DELETE FROM "{AuditEntry._meta.db_table}" WHERE "congress_id" = %s AND "id" < 0',
                       [world_a.congress.pk])
        cursor.execute(f'SELECT COUNT(*) FROM "{AuditEntry._meta.db_table}" WHERE "congress_id" = %s',
                       [world_a.congress.pk])
    assert written == {AuditEntry._meta.db_table}
    with tallies.tables_written() as written, connection.cursor() as cursor:
        cursor.execute(f'WITH gone AS (SELECT "id" FROM "{AuditEntry._meta.db_table}" WHERE "congress_id" = %s '
                       f'AND "id" < 0) DELETE FROM "{AuditEntry._meta.db_table}" WHERE "congress_id" = %s '
                       f'AND "id" IN (SELECT "id" FROM gone)', [world_a.congress.pk, world_a.congress.pk])
    assert written == {tallies.EVERY_TABLE}  # a shape not read: taken to write anything


def test_the_same_persons_requests_arriving_together_work_the_tasks_out_once(world_a, monkeypatch):
    """A second request of the same person arriving while the first works the tasks out waits for it
    (the benchmark's twenty clients, a person's tabs), instead of working every source out again."""
    import threading

    monkeypatch.setattr(tallies, "table_versions", lambda congress: {})  # no database from the threads
    started, release = threading.Event(), threading.Event()
    calls: list[str] = []

    def tasks_of(source, ask):
        calls.append(source)
        started.set()
        release.wait(5)
        return []

    monkeypatch.setattr(inbox, "_tasks_of", tasks_of)
    answers: dict = {}

    def open_inbox(name):
        answers[name] = inbox.kept_tasks(world_a.congress, world_a.office)

    first = threading.Thread(target=open_inbox, args=("first",))
    first.start()
    assert started.wait(5)
    second = threading.Thread(target=open_inbox, args=("second",))
    second.start()
    second.join(0.3)
    assert second.is_alive() and calls == [inbox.SOURCES[0]]  # the second waits for the first
    release.set()
    first.join(5)
    second.join(5)
    assert calls == list(inbox.SOURCES) and answers == {"first": [], "second": []}
