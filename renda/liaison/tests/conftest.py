import pytest

from renda.liaison import intake_guard


@pytest.fixture(autouse=True)
def one_clock_hour(monkeypatch):
    """The intake and lookup limits count per clock hour; a test that crossed the hour would see its
    count start again. Hold the hour still."""
    monkeypatch.setattr(intake_guard, "_hour", lambda: 500_000)
