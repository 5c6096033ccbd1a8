"""The public evaluation page's two checks, for the page and the API alike:

- the phone: a random id in a signed token, set as a cookie on the first visit (on the API, handed out
  by the GET and sent back with the evaluation); the action keeps only a keyed hash of it per report;
- the network address: each address may send ``duty_reports.evaluations_per_address_hour``
  evaluations a clock hour, refused ones too — counted as the public intake counts
  (renda.liaison.intake_guard's clock hour, on renda.throttle's locked counters), with its own rule
  because a meeting's voters often share one wireless network."""

from __future__ import annotations

import secrets

from django.core import signing

from renda.core import rules
from renda.liaison import intake_guard
from renda.throttle import counters

SALT = "renda.duty_reports.phone"
COOKIE = "renda_duty_phone"
COOKIE_SECONDS = 366 * 24 * 3600
ADDRESS_RULE = "duty_reports.evaluations_per_address_hour"
ADDRESS_REFUSAL = "同一网络地址提交评议过于频繁，请一小时后再试，或填写书面评议票"


def new_token() -> str:
    return signing.dumps(secrets.token_urlsafe(16), salt=SALT)


def device_of(token: str | None) -> str:
    """The phone's id from its signed token, or '' if there is none or it was tampered with."""
    if not token:
        return ""
    try:
        value = signing.loads(token, salt=SALT)
    except signing.BadSignature:
        return ""
    return value if isinstance(value, str) else ""


def _key(congress, address: str) -> str:
    return f"dutyeval:addr:{congress.pk}:{address}:{intake_guard._hour()}"


def refused(congress, address: str) -> bool:
    """Before the form is shown: is the address at its limit? Counts nothing."""
    return counters.peek(_key(congress, address)) >= rules.get(congress, ADDRESS_RULE)


def admit(congress, address: str) -> bool:
    """An evaluation arrives: count it against its address; False when the address is at its limit."""
    return counters.take(_key(congress, address), limit=rules.get(congress, ADDRESS_RULE),
                         seconds=intake_guard.HOUR) is not None
