"""Jobs deferred to the end of an action: once per key, inside the transaction, dropped with a failure."""

import pytest

from renda.core import before_commit
from renda.people import actions as people_actions
from renda.people.models import Organisation
from renda.search import engine
from renda.search.models import SearchEntry


def test_outside_an_action_a_job_runs_at_once():
    ran = []
    before_commit.defer("k", lambda: ran.append("k"))
    assert ran == ["k"]


def test_inside_jobs_wait_for_the_end_and_run_once_per_key_the_last_one_given():
    ran = []
    with before_commit.collecting():
        before_commit.defer("a", lambda: ran.append("a1"))
        before_commit.defer("b", lambda: ran.append("b"))
        before_commit.defer("a", lambda: ran.append("a2"))
        with before_commit.collecting():  # a nested action shares the outer collection
            before_commit.defer("c", lambda: ran.append("c"))
        assert ran == []
    assert ran == ["b", "a2", "c"]


def test_a_job_may_defer_another_and_a_failure_drops_them_all():
    ran = []
    with before_commit.collecting():
        before_commit.defer("child", lambda: before_commit.defer("parent", lambda: ran.append("parent")))
    assert ran == ["parent"]
    with pytest.raises(RuntimeError), before_commit.collecting():
        before_commit.defer("x", lambda: ran.append("x"))
        raise RuntimeError("refused")
    assert ran == ["parent"]
    before_commit.defer("y", lambda: ran.append("y"))  # nothing left collecting: at once again
    assert ran == ["parent", "y"]


def test_an_action_writes_its_rows_search_entry_once(world_a, monkeypatch):
    puts = []
    put = engine.put
    monkeypatch.setattr(engine, "put", lambda doc: (puts.append((doc.kind, doc.object_id)), put(doc)))
    org = people_actions.create_organisation(world_a.congress, actor=world_a.root, kind=Organisation.Kind.HANDLING_UNIT,
                                             name="卫生健康委员会", unit_type="department")
    assert puts.count(("organisation", org.pk)) == 1  # the save and the audit row both asked
    entry = SearchEntry.objects.in_congress(world_a.congress).get(kind="organisation", object_id=org.pk)
    assert "卫生健康委员会" in entry.title
