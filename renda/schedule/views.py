"""The personal calendar page (a month on the desk, a list of days on a phone), the subscription
address's two buttons, and the two iCal feeds: a person's (by secret address, no sign-in) and the
congress's public meetings."""

from __future__ import annotations

import calendar
import datetime
import re
from itertools import groupby

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_POST

from renda.core import rules
from renda.core.downloads import dated
from renda.core.errors import NotFound
from renda.core.permissions import may
from renda.core.views_helpers import flash_errors
from renda.schedule import actions, feeds
from renda.schedule.entries import KIND_LABELS, entries_for, has_calendar, public_meetings
from renda.schedule.models import CalendarFeed

MONTH = re.compile(r"^(\d{4})-(\d{1,2})$")
FIRST_YEAR, LAST_YEAR = 2000, 2100
WEEKDAYS = ["一", "二", "三", "四", "五", "六", "日"]


def _member_only(request):
    """Anonymous visitors sign in; a user with no role in this congress (another congress's) gets 404,
    the same answer as a page that does not exist."""
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    if not has_calendar(request.user, request.congress):
        raise Http404("找不到该页面")
    return None


def month_param(request) -> datetime.date:
    """The first day of the month in ``?month=2026-12``; this month where it is missing, and — with a
    message naming the field and the form — where it is not a month."""
    today = timezone.localdate()
    value = request.GET.get("month", "").strip()
    found = MONTH.match(value) if value.isascii() else None
    if found:
        year, month = int(found[1]), int(found[2])
        if FIRST_YEAR <= year <= LAST_YEAR and 1 <= month <= 12:
            return datetime.date(year, month, 1)
    if value:
        messages.warning(request, f"“月份”须为 {FIRST_YEAR} 至 {LAST_YEAR} 年间的年-月，如 {today:%Y-%m}，"
                                  f"收到：{value[:20]}；已显示本月")
    return today.replace(day=1)


def _shift(first: datetime.date, months: int) -> datetime.date:
    n = first.year * 12 + first.month - 1 + months
    return datetime.date(n // 12, n % 12 + 1, 1)


def calendar_page(request, congress_code):
    refused = _member_only(request)
    if refused:
        return refused
    congress = request.congress
    first = month_param(request)
    last = first.replace(day=calendar.monthrange(first.year, first.month)[1])
    # The grid shows whole weeks, Monday first, so it reads the days of the weeks around the month too.
    grid_first = first - datetime.timedelta(days=first.weekday())
    grid_last = last + datetime.timedelta(days=6 - last.weekday())
    entries = entries_for(congress, request.user, grid_first, grid_last)
    by_day = {day: list(rows) for day, rows in groupby(entries, key=lambda e: e.day)}
    today = timezone.localdate()
    weeks = []
    day = grid_first
    while day <= grid_last:
        weeks.append([{"day": d, "entries": by_day.get(d, []), "other": d.month != first.month, "today": d == today}
                      for d in (day + datetime.timedelta(days=n) for n in range(7))])
        day += datetime.timedelta(days=7)
    agenda = [(d, WEEKDAYS[d.weekday()], rows) for d, rows in by_day.items() if first <= d <= last]
    feed = actions.active_feed(congress, request.user)
    previous, following = _shift(first, -1), _shift(first, 1)
    here = reverse("calendar_page", kwargs={"congress_code": congress.code})
    return render(request, "schedule/calendar.html", {
        "month": first, "weeks": weeks, "agenda": agenda, "weekdays": WEEKDAYS, "today": today,
        "previous": f"{here}?month={previous:%Y-%m}", "next": f"{here}?month={following:%Y-%m}",
        "this_month": here, "is_this_month": first == today.replace(day=1),
        "kinds": KIND_LABELS, "count": sum(len(rows) for _, _, rows in agenda),
        "feed_url": request.build_absolute_uri(_feed_path(feed)) if feed else "",
        "public_feed_url": request.build_absolute_uri(reverse("calendar_public_feed",
                                                              kwargs={"congress_code": congress.code})),
        "may_issue": may(request.user, congress, "issue_calendar_feed"),
    })


def _feed_path(feed: CalendarFeed) -> str:
    return reverse("calendar_feed", kwargs={"congress_code": feed.congress.code, "secret": feed.secret})


@require_POST
def issue_feed(request, congress_code):
    refused = _member_only(request)
    if refused:
        return refused
    had_one = actions.active_feed(request.congress, request.user) is not None
    try:
        actions.issue_calendar_feed(request.congress, actor=request.user)
        messages.success(request, "已生成新的订阅地址；原来的地址已失效，请在手机日历中改用新地址。" if had_one
                         else "已生成订阅地址，请复制到手机日历中订阅。")
    except PermissionDenied as error:
        flash_errors(request, error)
    return redirect("calendar_page", congress_code=request.congress.code)


@require_POST
def revoke_feed(request, congress_code):
    refused = _member_only(request)
    if refused:
        return refused
    try:
        actions.revoke_calendar_feed(request.congress, actor=request.user)
        messages.success(request, "订阅地址已停用，手机日历将不再更新。")
    except (PermissionDenied, NotFound) as error:
        messages.error(request, str(error))
    return redirect("calendar_page", congress_code=request.congress.code)


def _feed_range(congress) -> tuple[datetime.date, datetime.date]:
    today = timezone.localdate()
    return (today - datetime.timedelta(days=rules.get(congress, "schedule.feed_days_back")),
            today + datetime.timedelta(days=rules.get(congress, "schedule.feed_days_ahead")))


def personal_feed(request, congress_code, secret):
    """A person's calendar for their phone: no sign-in, the secret address is the credential. A
    revoked address, a disabled account or one with no role here any more answers 404."""
    congress = request.congress
    feed = (CalendarFeed.objects.in_congress(congress).filter(secret=secret, revoked_at__isnull=True)
            .select_related("user").first())
    if feed is None or not feed.user.is_active or not has_calendar(feed.user, congress):
        raise Http404("找不到该日历订阅")
    first, last = _feed_range(congress)
    person = getattr(feed.user, "person", None)
    who = getattr(person, "name", "") or feed.user.get_full_name() or feed.user.get_username()
    return feeds.response(request, entries_for(congress, feed.user, first, last),
                          name=f"{congress.name} · {who}的日程", filename=dated(f"{who}的日程", "ics"))


def public_feed(request, congress_code):
    """The congress's public meetings (sessions and standing-committee meetings), for anyone."""
    congress = request.congress
    first, last = _feed_range(congress)
    return feeds.response(request, public_meetings(congress, first, last), name=f"{congress.name}会议",
                          filename=dated(f"{congress.name}公开会议", "ics"), public=True)
