"""The public's proposals for plan items (社会公众提出立法项目建议), limited the way the liaison
stations' public intake is (renda/liaison/intake_guard.py), on this app's own rules:

- each network address may send so many an hour, refused ones counted too;
- the congress accepts so many an hour, only accepted ones counted (so a flood from many addresses
  never shuts the form for long, and what is refused gives its place back);
- after a few from one address a sum must be answered (the liaison intake's one-time sums).

Reference-code lookups cost a miss an hour per address, as tracking codes do (``intake_guard.look_up``)."""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from django.db import transaction

from renda.core import rules
from renda.liaison import intake_guard
from renda.liaison.intake_guard import HOUR, Verdict
from renda.throttle import counters

ADDRESS_REFUSAL = "同一网络地址提交过于频繁，请一小时后再试"
CONGRESS_REFUSAL = "网上提出立法项目建议已达本时段上限，请稍后再试"
T = TypeVar("T")

new_challenge = intake_guard.new_challenge
look_up = intake_guard.look_up
LOOKUP_REFUSAL = intake_guard.LOOKUP_REFUSAL


class Full(Exception):
    """The congress has accepted its hourly number; nothing was written."""

    message = CONGRESS_REFUSAL


def _keys(congress, address: str) -> tuple[str, str]:
    hour = intake_guard._hour()
    return f"lawplan:addr:{congress.pk}:{address}:{hour}", f"lawplan:all:{congress.pk}:{hour}"


def check(congress, address: str) -> Verdict:
    """Before the form is shown: is a limit reached, and will a sum be asked? Counts nothing."""
    by_address, by_congress = _keys(congress, address)
    sent = counters.peek(by_address)
    if sent >= rules.get(congress, "legislative_plans.public_per_address_hour"):
        return Verdict(refused=ADDRESS_REFUSAL)
    if counters.peek(by_congress) >= rules.get(congress, "legislative_plans.public_per_hour"):
        return Verdict(refused=CONGRESS_REFUSAL)
    return Verdict(needs_challenge=sent >= rules.get(congress, "legislative_plans.challenge_after"))


def admit(congress, address: str, token: str, answer: str) -> Verdict:
    """A submission arrives: count it against its address, and check the sum where one is due."""
    by_address, by_congress = _keys(congress, address)
    if counters.peek(by_congress) >= rules.get(congress, "legislative_plans.public_per_hour"):
        return Verdict(refused=CONGRESS_REFUSAL)
    sent = counters.take(by_address, limit=rules.get(congress, "legislative_plans.public_per_address_hour"),
                         seconds=HOUR)
    if sent is None:
        return Verdict(refused=ADDRESS_REFUSAL)
    verdict = Verdict(needs_challenge=sent - 1 >= rules.get(congress, "legislative_plans.challenge_after"))
    if verdict.needs_challenge:
        verdict.challenge_problem = intake_guard.challenge_problem(token, answer)
        verdict.challenge_failed = bool(verdict.challenge_problem)
    return verdict


def accept(congress, submit: Callable[[], T]) -> T:
    """Write the proposal (``submit``) with one of the congress's hourly places taken, in one
    transaction: a proposal the action refuses gives its place back. Raises Full."""
    _, by_congress = _keys(congress, "")
    with transaction.atomic():
        if counters.take(by_congress, limit=rules.get(congress, "legislative_plans.public_per_hour"),
                         seconds=HOUR) is None:
            raise Full
        return submit()
