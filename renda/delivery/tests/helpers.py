from __future__ import annotations

import datetime

from django.utils import timezone

from renda.delivery import actions
from renda.proposals.models import Notice

SECRET = "test-webhook-secret"


def prefer(world, user, channels, email="deputy@example.cn", mobile="13912345678"):
    return actions.set_preferences(world.congress, actor=user, channels_=channels, email=email, mobile=mobile)


def notice_for(world, user, text="“校车线路”已交办教育局", key=None, **extra):
    """A notice written the way most apps write one (Notice.objects.create), to the user's person."""
    return Notice.objects.create(congress=world.congress, person=user.person, text=text, key=key,
                                 link=f"/c/{world.congress.code}/suggestions/", **extra)


def overdue_notice(world, user):
    today = timezone.localdate()
    return notice_for(world, user, text="“校车线路”的答复已逾期 3 天（期限 2026-01-01）",
                      key=f"answer:{user.pk}:{today.isoformat()}")


def later(minutes: float) -> datetime.datetime:
    return timezone.now() + datetime.timedelta(minutes=minutes)
