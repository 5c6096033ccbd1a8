"""The public comment form's limits, the same as the public intake's (renda.liaison.intake_guard):
each network address may send ``liaison.intake_per_address_hour`` submissions a clock hour (refused
ones count too), after ``liaison.challenge_after`` of them a sum must be answered (each sum once),
and each draft takes ``law_comments.public_per_period_hour`` comments an hour, only accepted ones
counting. Counts are database rows counted under a lock (renda.throttle), so a concurrent burst gets
exactly the limit in; the address count is the intake's own, so one address cannot send ten concerns
and then ten comments in the same hour."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import transaction

from renda.core import rules
from renda.law_comments.models import CommentPeriod
from renda.liaison import intake_guard
from renda.liaison.intake_guard import ADDRESS_REFUSAL, HOUR, Verdict, challenge_problem, new_challenge
from renda.throttle import counters

__all__ = ["ADDRESS_REFUSAL", "PERIOD_REFUSAL", "PeriodFull", "Verdict", "accept", "admit", "check", "new_challenge"]
PERIOD_REFUSAL = "这件草案网上提意见已达本时段上限，请稍后再试，或以书面形式提出意见"
T = TypeVar("T")


class PeriodFull(Exception):
    def __init__(self) -> None:
        super().__init__(PERIOD_REFUSAL)
        self.message = PERIOD_REFUSAL


def _keys(congress, period: CommentPeriod, address: str) -> tuple[str, str]:
    hour = intake_guard._hour()
    return f"intake:addr:{congress.pk}:{address}:{hour}", f"lawcomment:period:{congress.pk}:{period.pk}:{hour}"


def check(congress, period: CommentPeriod, address: str) -> Verdict:
    """Before the form is shown: is a limit reached, and will a sum be asked? Counts nothing."""
    by_address, by_period = _keys(congress, period, address)
    sent = counters.peek(by_address)
    if sent >= rules.get(congress, "liaison.intake_per_address_hour"):
        return Verdict(refused=ADDRESS_REFUSAL)
    if counters.peek(by_period) >= rules.get(congress, "law_comments.public_per_period_hour"):
        return Verdict(refused=PERIOD_REFUSAL)
    return Verdict(needs_challenge=sent >= rules.get(congress, "liaison.challenge_after"))


def admit(congress, period: CommentPeriod, address: str, token: str, answer: str) -> Verdict:
    """A submission arrives: count it against its address and check the sum where one is due."""
    by_address, by_period = _keys(congress, period, address)
    if counters.peek(by_period) >= rules.get(congress, "law_comments.public_per_period_hour"):
        return Verdict(refused=PERIOD_REFUSAL)
    sent = counters.take(by_address, limit=rules.get(congress, "liaison.intake_per_address_hour"), seconds=HOUR)
    if sent is None:
        return Verdict(refused=ADDRESS_REFUSAL)
    verdict = Verdict(needs_challenge=sent - 1 >= rules.get(congress, "liaison.challenge_after"))
    if verdict.needs_challenge:
        verdict.challenge_problem = challenge_problem(token, answer)
        verdict.challenge_failed = bool(verdict.challenge_problem)
    return verdict


def accept(congress, period: CommentPeriod, submit: Callable[[], T]) -> T:
    """Write the comment with one of the draft's hourly places taken, in one transaction: a comment
    the action refuses gives its place back. Raises PeriodFull."""
    _, by_period = _keys(congress, period, "")
    with transaction.atomic():
        if counters.take(by_period, limit=rules.get(congress, "law_comments.public_per_period_hour"),
                         seconds=HOUR) is None:
            raise PeriodFull
        return submit()
