"""Limits on signing in with the hall code (meeting.hall_code_* rules).

The code has six digits and changes every minute; unthrottled it could be guessed at ~200 tries a
second (a valid code in ~42 minutes would make a member count toward the quorum). So: after
``meeting.hall_code_tries`` wrong codes an account may not sign in by code for
``meeting.hall_code_lock_minutes`` from its last wrong try, even with the right code; one network
address gets ``meeting.hall_code_tries_per_address`` wrong codes (a hall's network puts many
members behind one address, so this is higher). Each lock is written to the audit log against the
meeting and shown on the meeting's sign-in desk, so the staff can go to the member. The desk can
always sign a member in by hand. Counts are database rows (renda.throttle), shared by every server
process; they are per account in this congress, across meetings."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db import models
from django.utils import timezone

from renda.core import rules
from renda.core.models import AuditEntry, Congress
from renda.meetings.models import Meeting
from renda.throttle import counters

LOCKED = "锁定"  # the audit row's 状态 when a wrong try locks an account or an address


def _person_key(congress: Congress, user) -> str:
    return f"hallcode:user:{congress.pk}:{user.pk}"


def _address_key(congress: Congress, address: str) -> str:
    return f"hallcode:addr:{congress.pk}:{address}"


def _until(key: str) -> str:
    until = counters.expires(key)
    return f"{timezone.localtime(until):%H:%M}" if until else ""


@dataclass
class Try:
    refused: str = ""  # why this try may not go ahead ('' if it may)
    tries: int = 0     # this try's number among the account's tries in a row
    by_address: int = 0

    def locked_by(self, congress: Congress) -> str:
        """What this try, if wrong, locks: "账号", "网络地址" or ''."""
        if self.tries == rules.get(congress, "meeting.hall_code_tries"):
            return "账号"
        return "网络地址" if self.by_address == rules.get(congress, "meeting.hall_code_tries_per_address") else ""


def take_try(congress: Congress, user, address: str) -> Try:
    """Count a try against the account and the address before the code is compared, under the
    counters' row locks (so concurrent tries cannot all slip under the limit); refused once either is
    at its limit. Call inside the action's transaction: a refusal raised there undoes the count."""
    seconds = rules.get(congress, "meeting.hall_code_lock_minutes") * 60
    person_key, address_key = _person_key(congress, user), _address_key(congress, address)
    tries = counters.take(person_key, limit=rules.get(congress, "meeting.hall_code_tries"), seconds=seconds, sliding=True)
    if tries is None:
        return Try(refused=f"签到码已连续输错 {rules.get(congress, 'meeting.hall_code_tries')} 次，"
                           f"手机签到暂停至 {_until(person_key)}，请届时再试，或到签到台由工作人员签到")
    by_address = 0
    if address:
        by_address = counters.take(address_key, limit=rules.get(congress, "meeting.hall_code_tries_per_address"),
                                   seconds=seconds, sliding=True) or 0
        if not by_address:
            return Try(refused=f"本网络地址输错签到码次数过多，手机签到暂停至 {_until(address_key)}，"
                               "请到签到台由工作人员签到")
    return Try(tries=tries, by_address=by_address)


def right_code(congress: Congress, user, address: str) -> None:
    """A right code: the account's count starts again, and the address gets its try back."""
    counters.clear(_person_key(congress, user))
    if address:
        counters.give_back(_address_key(congress, address))


@dataclass
class Lock:
    who: str
    address: str
    at: datetime.datetime
    until: str


def recent_locks(congress: Congress, meeting: Meeting | models.Model, action: str = "sign_in_by_code") -> list[Lock]:
    """The locks of the last lock time on this meeting (or another sign-in's object, such as an
    activity, with its action), newest first, for the sign-in desk."""
    since = timezone.now() - datetime.timedelta(minutes=rules.get(congress, "meeting.hall_code_lock_minutes"))
    rows = AuditEntry.objects.in_congress(congress).filter(
        action=action, object_type=meeting._meta.model_name, object_id=str(meeting.pk), at__gte=since,
        after__status=LOCKED).order_by("-id")[:20]
    lock = datetime.timedelta(minutes=rules.get(congress, "meeting.hall_code_lock_minutes"))
    return [Lock(who=row.actor_name, address=(row.after or {}).get("address", ""), at=row.at,
                 until=f"{timezone.localtime(row.at + lock):%H:%M}") for row in rows]
