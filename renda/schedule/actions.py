"""Writes of the schedule app: a person's calendar subscription address (日历订阅).

The address is a secret that lets a phone's calendar read the person's calendar without signing in;
each person keeps at most one live address per congress. Regenerating it (重新生成) revokes the old
one, which answers 404 from then on — for a lost phone or an address shared by mistake.
"""

from __future__ import annotations

from django.utils import timezone

from renda.core import audit
from renda.core.errors import NotFound
from renda.core.models import Congress
from renda.core.usecase import action
from renda.schedule.models import CalendarFeed


def active_feed(congress: Congress, user) -> CalendarFeed | None:
    if not getattr(user, "is_authenticated", False):
        return None
    return CalendarFeed.objects.in_congress(congress).filter(user=user, revoked_at__isnull=True).first()


def _revoke(congress: Congress, user) -> list[int]:
    # Lock the live row: two quick taps on 重新生成 would otherwise both revoke it and both issue a new
    # one; the second then waits here, and the unique constraint refuses any that slips past.
    live = list(CalendarFeed.objects.in_congress(congress).select_for_update()
                .filter(user=user, revoked_at__isnull=True).values_list("pk", flat=True))
    if live:
        CalendarFeed.objects.in_congress(congress).filter(pk__in=live).update(revoked_at=timezone.now())
    return live


@action("issue_calendar_feed")
def issue_calendar_feed(congress: Congress, *, actor) -> CalendarFeed:
    """Give the actor a new subscription address here, revoking the one they had (平台安全：订阅地址
    即凭据，重新生成后旧地址立即失效)."""
    revoked = _revoke(congress, actor)
    feed = CalendarFeed.objects.create(congress=congress, user=actor)
    # The secret stays out of the log: the audit row names the address, not its key.
    audit.record(congress, actor, "issue_calendar_feed", feed, after={"revoked": revoked})
    return feed


@action("revoke_calendar_feed")
def revoke_calendar_feed(congress: Congress, *, actor) -> list[int]:
    """Stop the actor's subscription address here; its URL answers 404 from now on."""
    revoked = _revoke(congress, actor)
    if not revoked:
        raise NotFound("您没有在用的日历订阅地址")
    audit.record(congress, actor, "revoke_calendar_feed", None, object_repr=f"日历订阅（{actor}）",
                 after={"revoked": revoked})
    return revoked
