"""core.versioned: a value is worked out once per data version, however many threads of a worker ask for it
at the moment the version moves; a failed or slow computation does not leave the others without it."""

from __future__ import annotations

import threading

import pytest
from django.core.cache import caches

from renda.core import versioned
from renda.core.models import Congress


@pytest.fixture
def keyed_by_name(monkeypatch):
    """Keys without the data version (each thread would open its own database connection to read it)."""
    monkeypatch.setattr(versioned, "key_of", lambda congress, name, part="": f"test-versioned:{name}")
    caches["local"].clear()
    yield
    caches["local"].clear()


def ask_from_threads(name: str, compute, threads: int = 8) -> list:
    results: list = []

    def ask():
        try:
            results.append(versioned.cached(Congress(pk=1), name, compute))
        except RuntimeError as failed:
            results.append(failed)

    started = [threading.Thread(target=ask) for _ in range(threads)]
    for t in started:
        t.start()
    for t in started:
        t.join(timeout=30)
    return results


def test_threads_asking_at_once_wait_for_the_one_computing(keyed_by_name):
    calls = []
    release = threading.Event()

    def slow():
        calls.append(1)
        release.wait(5)  # every other thread arrives while this one is still working
        return "page"

    timer = threading.Timer(0.3, release.set)
    timer.start()
    results = ask_from_threads("slow", slow)
    timer.cancel()
    assert results == ["page"] * 8 and len(calls) == 1


def test_when_the_first_fails_the_others_compute_it_themselves(keyed_by_name):
    calls = []
    guard = threading.Lock()

    def fails_once():
        with guard:
            calls.append(1)
            first = len(calls) == 1
        if first:
            threading.Event().wait(0.2)
            raise RuntimeError("the database went away")
        return "page"

    results = ask_from_threads("fails", fails_once, threads=4)
    assert results.count("page") == 3 and len(calls) >= 2
    assert [str(r) for r in results if r != "page"] == ["the database went away"]
    assert versioned._computing == {}  # nothing left marked as being computed


def test_a_waiting_thread_gives_up_after_the_wait_and_computes(keyed_by_name, monkeypatch):
    monkeypatch.setattr(versioned, "WAIT", 0.1)
    release = threading.Event()
    calls = []

    def first_is_stuck():
        calls.append(1)
        if len(calls) == 1:
            release.wait(5)
        return f"page {len(calls)}"

    stuck = threading.Thread(target=lambda: versioned.cached(Congress(pk=1), "stuck", first_is_stuck))
    stuck.start()
    threading.Event().wait(0.05)
    assert versioned.cached(Congress(pk=1), "stuck", first_is_stuck) == "page 2"  # did not wait 5 s
    release.set()
    stuck.join(timeout=10)
