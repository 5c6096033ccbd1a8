import pytest

from renda.liaison import intake_guard


@pytest.fixture(autouse=True)
def one_clock_hour(monkeypatch):
    """The contact form counts under the public intake's hourly limits: hold the hour still."""
    monkeypatch.setattr(intake_guard, "_hour", lambda: 600_000)
