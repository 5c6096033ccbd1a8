"""Keeping the public intake form usable for people and useless for floods (liaison.* rules):

- each network address may send so many submissions a clock hour; every submission counts against
  its address, refused ones too;
- each station accepts so many a clock hour, and only what it accepted counts against it, so refused
  submissions (from however many addresses) never shut a station;
- after a few submissions from one address a sum must be answered; each sum answers once.

Counts are database rows counted under a lock (renda.throttle), so a burst of concurrent requests,
across server processes, gets exactly the limit in. Upload limits are in the submit action."""

from __future__ import annotations

import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeVar

from django.core import signing
from django.db import transaction

from renda.core import rules
from renda.throttle import counters

SALT = "renda.liaison.intake-challenge"
HOUR = 3600
CHALLENGE_SECONDS = 600
ADDRESS_REFUSAL = "同一网络地址提交过于频繁，请一小时后再试，或在接待日到联络站反映"
STATION_REFUSAL = "本联络站网上反映已达本时段上限，请稍后再试，或在接待日到联络站反映"
CHALLENGE_MISSING = "请回答验证题"
CHALLENGE_WRONG = "验证题答案不正确，请回答新的验证题"
CHALLENGE_USED = "这道验证题已经用过，请回答新的验证题"
CHALLENGE_EXPIRED = "验证题已过期，请回答新的验证题"
T = TypeVar("T")


@dataclass
class Verdict:
    refused: str = ""
    needs_challenge: bool = False
    challenge_failed: bool = False
    challenge_problem: str = ""


class StationFull(Exception):
    """The station has accepted its hourly number; nothing was written."""

    def __init__(self) -> None:
        super().__init__(STATION_REFUSAL)
        self.message = STATION_REFUSAL


def _hour() -> int:
    """The clock hour the limits count in (one place, so that tests can hold it still)."""
    return int(time.time() // HOUR)


def _keys(congress, station, address: str) -> tuple[str, str]:
    hour = _hour()
    return f"intake:addr:{congress.pk}:{address}:{hour}", f"intake:station:{congress.pk}:{station.pk}:{hour}"


def check(congress, station, address: str) -> Verdict:
    """Before the form is shown: is either limit reached, and will a sum be asked? Counts nothing."""
    by_address, by_station = _keys(congress, station, address)
    sent = counters.peek(by_address)
    if sent >= rules.get(congress, "liaison.intake_per_address_hour"):
        return Verdict(refused=ADDRESS_REFUSAL)
    if counters.peek(by_station) >= rules.get(congress, "liaison.intake_per_station_hour"):
        return Verdict(refused=STATION_REFUSAL)
    return Verdict(needs_challenge=sent >= rules.get(congress, "liaison.challenge_after"))


def admit(congress, station, address: str, token: str, answer: str) -> Verdict:
    """A submission arrives: count it against its address (refused if the address is at its limit),
    and check the sum where one is due (the sum is spent whether right or wrong). The station's count
    is taken by ``accept``, only for a submission that is written."""
    by_address, by_station = _keys(congress, station, address)
    if counters.peek(by_station) >= rules.get(congress, "liaison.intake_per_station_hour"):
        return Verdict(refused=STATION_REFUSAL)
    sent = counters.take(by_address, limit=rules.get(congress, "liaison.intake_per_address_hour"), seconds=HOUR)
    if sent is None:
        return Verdict(refused=ADDRESS_REFUSAL)
    verdict = Verdict(needs_challenge=sent - 1 >= rules.get(congress, "liaison.challenge_after"))
    if verdict.needs_challenge:
        verdict.challenge_problem = challenge_problem(token, answer)
        verdict.challenge_failed = bool(verdict.challenge_problem)
    return verdict


def accept(congress, station, submit: Callable[[], T]) -> T:
    """Write the submission (``submit``) with one of the station's hourly places taken, in one
    transaction: a submission the action refuses gives its place back. Raises StationFull."""
    _, by_station = _keys(congress, station, "")
    with transaction.atomic():
        if counters.take(by_station, limit=rules.get(congress, "liaison.intake_per_station_hour"), seconds=HOUR) is None:
            raise StationFull
        return submit()


def new_challenge() -> tuple[str, str]:
    """(question, signed token) — the token carries the answer and a one-time id, signed, valid ten minutes."""
    a, b = secrets.randbelow(8) + 2, secrets.randbelow(8) + 2
    return f"{a} + {b} = ?", signing.dumps({"sum": a + b, "id": secrets.token_urlsafe(12)}, salt=SALT)


def challenge_problem(token: str, answer: str) -> str:
    """'' if the sum is answered right with a token not used before; else what is wrong. A token is
    spent on its first use, right or wrong (so one solved sum cannot carry several submissions, nor
    one token be tried with every answer)."""
    if not token:
        return CHALLENGE_MISSING
    try:
        signed = signing.loads(token, salt=SALT, max_age=CHALLENGE_SECONDS)
    except signing.SignatureExpired:
        return CHALLENGE_EXPIRED
    except signing.BadSignature:
        return CHALLENGE_MISSING
    if not isinstance(signed, dict) or "id" not in signed:
        return CHALLENGE_MISSING
    if counters.take(f"intake:challenge:{signed['id']}", limit=1, seconds=CHALLENGE_SECONDS) is None:
        return CHALLENGE_USED
    return "" if str(answer).strip() == str(signed.get("sum")) else CHALLENGE_WRONG


# Looking up tracking codes: a valid-looking code that is not found costs the address one of these an
# hour, so codes cannot be tried in bulk (a check digit tells a guesser which codes are well formed).
LOOKUP_MISSES_PER_HOUR = 30
LOOKUP_REFUSAL = "查询过于频繁，请一小时后再试，或致电联络站"


def _lookup_key(congress, address: str) -> str:
    return f"track:miss:{congress.pk}:{address}:{_hour()}"


def lookups_refused(congress, address: str) -> bool:
    return counters.peek(_lookup_key(congress, address)) >= LOOKUP_MISSES_PER_HOUR


def look_up(congress, address: str, find: Callable[[], T | None]) -> tuple[T | None, bool]:
    """(found, refused): a lookup takes one of the address's hourly misses before it looks, and gives it
    back if the code was found — so a concurrent burst cannot look up more than the limit in vain."""
    key = _lookup_key(congress, address)
    if counters.take(key, limit=LOOKUP_MISSES_PER_HOUR, seconds=HOUR) is None:
        return None, True
    found = find()
    if found is not None:
        counters.give_back(key)
    return found, False

