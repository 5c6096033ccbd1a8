"""What activities ask of each person today (see renda/core/inbox.py): a participant replies to an
activity's notice (参加/请假) until they have; on the activity's day they sign in; staff see this
week's activities."""

from __future__ import annotations

import datetime

from django.urls import reverse
from django.utils import timezone

from renda.activities import queries
from renda.activities.models import Activity, Participant
from renda.core.inbox import SHOWN, Ask, Item, Task
from renda.core.permissions import STAFF

# The tables these tasks read besides Ask's: kept until one of them is written (core.inbox).
READS = (
    "activities.Activity",
    "activities.Participant",
    "activities.TrainingProgramme",
)


def _item(ask: Ask, activity: Activity, note: str) -> Item:
    when = timezone.localtime(activity.starts_at)
    return Item(f"{when:%m月%d日} {activity.topic}", reverse("activity_detail", args=[ask.congress.code, activity.pk]), note)


def tasks(ask: Ask) -> list[Task]:
    found: list[Task] = []
    code = ask.congress.code
    mine = reverse("activities_mine", args=[code])
    if ask.person is not None:
        waiting = queries.awaiting_reply(ask.congress, ask.person).order_by("activity__starts_at")
        if waiting.exists():
            found.append(Task("reply_to_activity", "待回复的活动通知", waiting.count(), mine,
                              [_item(ask, p.activity, f"{p.activity.place} · 请回复参加或请假") for p in waiting[:SHOWN]]))
        start = timezone.make_aware(datetime.datetime.combine(ask.today, datetime.time.min))
        today = (Participant.objects.in_congress(ask.congress).filter(
            person=ask.person, activity__status=Activity.Status.PLANNED, activity__starts_at__gte=start,
            activity__starts_at__lt=start + datetime.timedelta(days=1), signed_in_at__isnull=True)
            .exclude(attendance=Participant.Attendance.ON_LEAVE).select_related("activity"))
        if today.exists():
            found.append(Task("activity_sign_in", "今天的活动，请签到", today.count(), mine,
                              [_item(ask, p.activity, "到场后扫码签到") for p in today[:SHOWN]]))
    if ask.roles & STAFF:
        monday, _ = ask.week
        start = timezone.make_aware(datetime.datetime.combine(monday, datetime.time.min))
        week = (Activity.objects.in_congress(ask.congress).filter(status=Activity.Status.PLANNED, starts_at__gte=start,
                                                                  starts_at__lt=start + datetime.timedelta(days=7))
                .order_by("starts_at"))
        found.append(Task("activities_this_week", "本周代表活动", week.count(), reverse("activities_list", args=[code]),
                          [_item(ask, a, a.place) for a in week[:SHOWN]], todo=False))
    return found
