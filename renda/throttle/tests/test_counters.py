"""The counters behind the public limits: a limit is never passed, not by concurrent server processes
on an SQLite file either (the default deployment); counts lapse; a rolled-back count is undone."""

import datetime
import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import transaction

from renda.throttle import counters
from renda.throttle.models import Counter

pytestmark = pytest.mark.django_db


def test_take_counts_up_to_the_limit_and_refuses_after():
    assert [counters.take("k", limit=3, seconds=60) for _ in range(5)] == [1, 2, 3, None, None]
    assert counters.peek("k") == 3


def test_a_fixed_count_lapses_from_its_first_hit_and_a_sliding_one_from_its_last(monkeypatch):
    start = counters._now()
    counters.take("fixed", limit=5, seconds=60)
    counters.take("sliding", limit=5, seconds=60, sliding=True)
    monkeypatch.setattr(counters, "_now", lambda: start + datetime.timedelta(seconds=50))
    counters.take("fixed", limit=5, seconds=60)
    counters.take("sliding", limit=5, seconds=60, sliding=True)
    monkeypatch.setattr(counters, "_now", lambda: start + datetime.timedelta(seconds=61))
    assert counters.peek("fixed") == 0 and counters.peek("sliding") == 2
    assert counters.take("fixed", limit=5, seconds=60) == 1  # a new window
    monkeypatch.setattr(counters, "_now", lambda: start + datetime.timedelta(seconds=111))
    assert counters.peek("sliding") == 0


def test_a_count_taken_in_a_transaction_that_rolls_back_is_undone():
    with pytest.raises(RuntimeError), transaction.atomic():
        counters.take("k", limit=1, seconds=60)
        raise RuntimeError
    assert counters.take("k", limit=1, seconds=60) == 1


def test_give_back_clear_and_purge():
    counters.take("k", limit=2, seconds=60)
    counters.take("k", limit=2, seconds=60)
    counters.give_back("k")
    assert counters.take("k", limit=2, seconds=60) == 2
    counters.clear("k")
    assert counters.peek("k") == 0
    counters.take("old", limit=2, seconds=60)
    assert counters.purge(counters._now() + datetime.timedelta(seconds=61)) == 1
    assert not Counter.objects.filter(key="old").exists()


WORKER = """
import sys, time
import django
django.setup()
from renda.throttle import counters
time.sleep(max(0.0, float(sys.argv[1]) - time.time()))  # all four start together
print(sum(counters.take("burst", limit=10, seconds=600) is not None for _ in range(20)))
"""


@pytest.mark.django_db(transaction=True)
def test_four_server_processes_on_an_sqlite_file_get_exactly_the_limit_in_together(tmp_path):
    env = {**os.environ, "RENDA_DATABASE_URL": f"sqlite:///{tmp_path / 'renda.sqlite3'}", "RENDA_DATA_DIR": str(tmp_path),
           "DJANGO_SETTINGS_MODULE": "renda.settings"}
    root = Path(__file__).resolve().parents[3]
    subprocess.run([sys.executable, "-m", "django", "migrate", "throttle", "-v", "0"], env=env, cwd=root, check=True)
    start = str(time.time() + 8)
    workers = [subprocess.Popen([sys.executable, "-c", WORKER, start], env=env, cwd=root, stdout=subprocess.PIPE, text=True)
               for _ in range(4)]
    taken = [int(w.communicate(timeout=120)[0].strip()) for w in workers]
    assert sum(taken) == 10, taken
