"""Keeping the public intake form usable for people and useless for floods: a limit per network
address and per station each clock hour, a sum to answer after repeated submissions from one
address (liaison.* rules), and upload limits (in the submit action). Counters live in the shared
cache, so every server process sees the same counts."""

from __future__ import annotations

import random
import time
from dataclasses import dataclass

from django.core import signing
from django.core.cache import cache

from renda.core import rules

SALT = "renda.liaison.intake-challenge"


@dataclass
class Verdict:
    refused: str = ""
    needs_challenge: bool = False
    challenge_failed: bool = False


def _hour() -> int:
    """The clock hour the limits count in (one place, so that tests can hold it still)."""
    return int(time.time() // 3600)


def _keys(congress, station, address: str) -> tuple[str, str]:
    hour = _hour()
    return f"intake:addr:{congress.pk}:{address}:{hour}", f"intake:station:{station.pk}:{hour}"


def check(congress, station, address: str) -> Verdict:
    by_address, by_station = _keys(congress, station, address)
    sent, station_total = cache.get(by_address, 0), cache.get(by_station, 0)
    if sent >= rules.get(congress, "liaison.intake_per_address_hour"):
        return Verdict(refused="同一网络地址提交过于频繁，请一小时后再试，或在接待日到联络站反映")
    if station_total >= rules.get(congress, "liaison.intake_per_station_hour"):
        return Verdict(refused="本联络站网上反映已达本时段上限，请稍后再试")
    return Verdict(needs_challenge=sent >= rules.get(congress, "liaison.challenge_after"))


def admit(congress, station, address: str, token: str, answer: str) -> Verdict:
    """A submission arrives: check the limits, count it, and check the sum where one is due."""
    verdict = check(congress, station, address)
    if not verdict.refused:
        count(congress, station, address)
        verdict.challenge_failed = verdict.needs_challenge and not challenge_passed(token, answer)
    return verdict


def count(congress, station, address: str) -> None:
    for key in _keys(congress, station, address):
        cache.add(key, 0, 3600)
        try:
            cache.incr(key)
        except ValueError:  # expired between add and incr
            cache.set(key, 1, 3600)


def new_challenge() -> tuple[str, str]:
    """(question, signed token) — the token carries the answer, signed, valid ten minutes."""
    a, b = random.randint(2, 9), random.randint(2, 9)
    return f"{a} + {b} = ?", signing.dumps(a + b, salt=SALT)


def challenge_passed(token: str, answer: str) -> bool:
    try:
        expected = signing.loads(token or "", salt=SALT, max_age=600)
    except signing.BadSignature:
        return False
    return str(answer).strip() == str(expected)


# Looking up tracking codes: a valid-looking code that is not found costs the address one of these an
# hour, so codes cannot be tried in bulk (a check digit tells a guesser which codes are well formed).
LOOKUP_MISSES_PER_HOUR = 30


def _lookup_key(congress, address: str) -> str:
    return f"track:miss:{congress.pk}:{address}:{_hour()}"


def lookups_refused(congress, address: str) -> bool:
    return cache.get(_lookup_key(congress, address), 0) >= LOOKUP_MISSES_PER_HOUR


def count_lookup_miss(congress, address: str) -> None:
    key = _lookup_key(congress, address)
    cache.add(key, 0, 3600)
    try:
        cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, 3600)
