"""The group-commit queue: requests that arrive while a batch is written are written together."""

import threading
import time

import pytest

from renda.core.groupcommit import GroupCommit


def test_requests_arriving_during_a_write_are_written_as_one_batch():
    first_batch_started, release = threading.Event(), threading.Event()
    batches = []

    def write(key, requests):
        batches.append((key, list(requests)))
        if len(batches) == 1:
            first_batch_started.set()
            release.wait(5)
        return [f"ok {r}" for r in requests]

    commit = GroupCommit(write)
    results = {}

    def submit(n):
        results[n] = commit.submit("vote-1", n)

    first = threading.Thread(target=submit, args=(0,))
    first.start()
    assert first_batch_started.wait(5)
    waiting = [threading.Thread(target=submit, args=(n,)) for n in range(1, 9)]
    for t in waiting:
        t.start()
    deadline = time.monotonic() + 5
    while len(commit._queue) < 8 and time.monotonic() < deadline:
        time.sleep(0.01)
    release.set()
    for t in [first, *waiting]:
        t.join(5)
    assert [len(requests) for _, requests in batches] == [1, 8]
    assert results == {n: f"ok {n}" for n in range(9)}


def test_each_key_is_written_apart_and_a_failure_reaches_every_request_of_its_key():
    commit = GroupCommit(lambda key, requests: (_ for _ in ()).throw(RuntimeError(f"{key} failed")) if key == "bad"
                         else [r * 2 for r in requests])
    assert commit.submit("good", 21) == 42
    with pytest.raises(RuntimeError, match="bad failed"):
        commit.submit("bad", 1)


def test_a_refusal_returned_for_one_request_is_raised_to_that_request_only():
    commit = GroupCommit(lambda key, requests: [ValueError("refused") if r < 0 else r for r in requests])
    assert commit.submit("k", 3) == 3
    with pytest.raises(ValueError, match="refused"):
        commit.submit("k", -1)


def test_writers_sharing_a_lock_file_never_overlap(tmp_path):
    """Two queues stand for two server processes: flock serialises their batches."""
    lock = tmp_path / "locks" / "casts.lock"
    inside, overlaps = [0], []

    def write(key, requests):
        inside[0] += 1
        overlaps.append(inside[0])
        time.sleep(0.01)
        inside[0] -= 1
        return list(requests)

    queues = [GroupCommit(write, lambda: lock), GroupCommit(write, lambda: lock)]
    threads = [threading.Thread(target=queues[n % 2].submit, args=("k", n)) for n in range(12)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert len(overlaps) >= 2 and max(overlaps) == 1


def test_requests_queued_while_another_process_writes_are_written_as_one_batch(tmp_path):
    """The batch is taken once the lock between processes is held: what queued here while another
    process was writing is written in one batch, not the first request alone and the rest after."""
    import fcntl

    lock = tmp_path / "locks" / "casts.lock"
    lock.parent.mkdir(parents=True)
    batches = []

    def write(key, requests):
        batches.append(list(requests))
        return list(requests)

    commit = GroupCommit(write, lambda: lock)
    with open(lock, "a") as other_process:
        fcntl.flock(other_process, fcntl.LOCK_EX)  # another process's batch is being written
        threads = [threading.Thread(target=commit.submit, args=("k", n)) for n in range(6)]
        for t in threads:
            t.start()
        deadline = time.monotonic() + 5
        while len(commit._queue) < 6 and time.monotonic() < deadline:
            time.sleep(0.01)
        fcntl.flock(other_process, fcntl.LOCK_UN)
    for t in threads:
        t.join(5)
    assert [sorted(b) for b in batches] == [list(range(6))]


def test_a_lock_file_that_cannot_be_opened_fails_the_requests_instead_of_hanging(tmp_path):
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    commit = GroupCommit(lambda key, requests: list(requests), lambda: blocked / "locks" / "x.lock")
    with pytest.raises(OSError):
        commit.submit("k", 1)
    assert GroupCommit(lambda key, requests: list(requests)).submit("k", 2) == 2
