"""Rows written and read by written-out statements are the rows the ORM would write and read."""

import uuid

import pytest
from django.db import connection

from renda.core import audit
from renda.core.models import AuditEntry
from renda.core.written_out import columns, fetch_all, fetch_one, insert, partial_instance, some_columns
from renda.voting.models import SealedBallot
from renda.voting.tests.test_roll_call import open_roll_call

FIELDS = ["congress_id", "actor_id", "actor_name", "action", "object_type", "object_id", "object_repr", "before", "after"]


def _rows(world, action):
    return list(AuditEntry.objects.in_congress(world.congress).filter(action=action).order_by("id").values(*FIELDS))


def test_an_insert_stores_what_bulk_create_stores(world_a):
    made = [dict(before=None, after={"choice": "yes", "名": "张三"}), dict(before={"n": 1}, after=None),
            dict(before=[1, "二"], after={"nested": {"a": [True, None]}})]
    ours = [audit.entry(world_a.congress, world_a.office, "ours", world_a.congress, **m) for m in made]
    django = [audit.entry(world_a.congress, world_a.office, "django", world_a.congress, **m) for m in made]
    insert(ours)
    AuditEntry.objects.bulk_create(django)
    strip = [{k: v for k, v in r.items() if k != "action"} for r in _rows(world_a, "ours")]
    assert strip == [{k: v for k, v in r.items() if k != "action"} for r in _rows(world_a, "django")]
    # JSON None is SQL NULL, as Django stores it; each row got its own key and a time stamp
    assert AuditEntry.objects.in_congress(world_a.congress).filter(action="ours", before__isnull=True).count() == 1
    assert [e.pk for e in ours] == list(AuditEntry.objects.in_congress(world_a.congress).filter(action="ours")
                                        .order_by("id").values_list("id", flat=True))
    assert all(e.at is not None and not e._state.adding for e in ours)


def test_more_rows_than_one_statement_takes_keep_their_order_and_keys(world_a):
    size = connection.ops.bulk_batch_size([f for f in AuditEntry._meta.concrete_fields if not f.primary_key],
                                          [None])  # rows per statement on this database
    count = min(size * 2 + 3, 2500)
    rows = [audit.entry(world_a.congress, world_a.office, "many", after={"i": i}) for i in range(count)]
    insert(rows)
    stored = dict(AuditEntry.objects.in_congress(world_a.congress).filter(action="many").values_list("id", "after"))
    assert len(stored) == count and {r.pk: r.after for r in rows} == stored


def test_a_key_set_before_the_insert_is_kept(world_a):
    vote = open_roll_call(world_a, members=3, sign_in=3)
    ballot = SealedBallot(congress=world_a.congress, vote=vote, sealed=b"\x00\x01sealed")
    before = ballot.pk
    insert([ballot])
    assert isinstance(before, uuid.UUID) and ballot.pk == before
    assert bytes(SealedBallot.objects.in_congress(world_a.congress).get(pk=before).sealed) == b"\x00\x01sealed"


def test_rows_read_back_are_converted_as_the_orm_converts_them(world_a):
    audit.record(world_a.congress, world_a.office, "read-back", after={"k": ["v"]})
    by_orm = AuditEntry.objects.in_congress(world_a.congress).get(action="read-back")
    statement = (f'SELECT {columns(AuditEntry)} FROM "{AuditEntry._meta.db_table}" '
                 f'WHERE "congress_id" = %s AND "action" = %s')
    ours = fetch_one(AuditEntry, statement, [world_a.congress.pk, "read-back"])
    assert ours is not None and ours.at == by_orm.at and ours.at.tzinfo is not None
    assert (ours.pk, ours.after, ours.actor_id) == (by_orm.pk, {"k": ["v"]}, world_a.office.pk)
    assert fetch_all(AuditEntry, statement, [world_a.congress.pk, "absent"]) == []
    assert fetch_one(AuditEntry, statement, [world_a.congress.pk, "absent"]) is None


@pytest.mark.parametrize("count", [0, 1])
def test_nothing_to_insert_writes_nothing(world_a, count):
    rows = [audit.entry(world_a.congress, world_a.office, "maybe")][:count]
    insert(rows)
    assert AuditEntry.objects.in_congress(world_a.congress).filter(action="maybe").count() == count


def test_some_columns_read_back_as_the_orms_only_gives_them(world_a):
    audit.record(world_a.congress, world_a.office, "partly", after={"k": ["v"]})
    wanted = ("after", "id", "congress_id", "at")  # in any order: the row holds them in the model's order
    by_orm = AuditEntry.objects.in_congress(world_a.congress).only(*wanted).get(action="partly")
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT {some_columns(AuditEntry, wanted)} FROM "{AuditEntry._meta.db_table}" '
                       f'WHERE "congress_id" = %s AND "action" = %s', [world_a.congress.pk, "partly"])
        ours = partial_instance(AuditEntry, wanted, cursor.fetchone())
    assert (ours.pk, ours.at, ours.after) == (by_orm.pk, by_orm.at, {"k": ["v"]}) and ours.at.tzinfo is not None
    assert ours.get_deferred_fields() == by_orm.get_deferred_fields() and "action" in ours.get_deferred_fields()
    assert ours.action == "partly"  # a deferred field is read when asked for, as the ORM's
    with pytest.raises(ValueError, match="no column"):
        some_columns(AuditEntry, ("id", "congress_id", "nonsense"))
    with pytest.raises(ValueError, match="congress_id"):  # reading a deferred field names the congress
        some_columns(AuditEntry, ("id", "at"))
