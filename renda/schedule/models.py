"""A person's calendar subscription (日历订阅): the secret address a phone's calendar reads their
meetings, station duty days and deadlines from, without signing in."""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from renda.core.tenancy import TenantModel


def new_feed_secret() -> str:
    """43 url-safe characters (256 bits): not guessable, so the address itself is the credential."""
    return secrets.token_urlsafe(32)


class CalendarFeed(TenantModel):
    """One subscription address of one account in one congress. Regenerating revokes the old row and
    issues a new one; a revoked address answers 404 like one that never existed.

    The secret is kept as issued, not hashed: the calendar page shows the address again for copying
    into a second phone (as calendar services show their "secret address in iCal format"); it grants
    reading this one person's calendar and nothing else."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name="账号")
    secret = models.CharField(max_length=64, unique=True, default=new_feed_secret, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta(TenantModel.Meta):
        verbose_name = verbose_name_plural = "日历订阅地址"
        ordering = ["-id"]
        # Two quick taps on 重新生成 must not leave two live addresses: one active row per account here.
        constraints = [models.UniqueConstraint(fields=["congress", "user"], condition=models.Q(revoked_at__isnull=True),
                                               name="calendar_feed_one_active")]

    def __str__(self) -> str:
        return f"日历订阅（{self.user}）"
