"""Keeping the public answer form usable for people and useless for floods, as the public concern
form does (renda.liaison.intake_guard): each network address may send so many answers a clock hour,
across all of a congress's questionnaires; every submission counts, refused ones too. Counts are
database rows taken under a lock (renda.throttle), so a concurrent burst gets exactly the limit in.

The address is ``REMOTE_ADDR`` as renda.core.client_address leaves it (the client behind trusted
proxies)."""

from __future__ import annotations

import time

from renda.core import rules
from renda.throttle import counters

HOUR = 3600
# The rule's default (30) is enough for one person's mistakes and a family sharing a router; a hall's
# Wi-Fi puts many phones behind one address, so a congress raises it, or uses answer codes.
LIMIT_RULE = "questionnaire.answers_per_address_hour"
REFUSAL = "同一网络地址提交过于频繁，请一小时后再试"


def _hour() -> int:
    """The clock hour the limit counts in (one place, so that tests can hold it still)."""
    return int(time.time() // HOUR)


def _key(congress, questionnaire, address: str) -> str:
    return f"questionnaire:addr:{congress.pk}:{questionnaire.pk}:{address}:{_hour()}"


def refused(congress, questionnaire, address: str) -> bool:
    """Before the form is shown: has the address used its hour on this questionnaire? Counts nothing."""
    return counters.peek(_key(congress, questionnaire, address)) >= rules.get(congress, LIMIT_RULE)


def admit(congress, questionnaire, address: str) -> bool:
    """A valid submission: count it against its address and questionnaire; False when at the limit.
    Inside the caller's transaction the count is undone if that transaction rolls back."""
    return counters.take(_key(congress, questionnaire, address), limit=rules.get(congress, LIMIT_RULE),
                         seconds=HOUR) is not None
