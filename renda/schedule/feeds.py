"""Calendar entries as iCalendar (RFC 5545), for phones' calendar subscriptions.

Timed events carry TZID=Asia/Shanghai with its VTIMEZONE; deadlines, duty days and itinerary days are
all-day events (DTSTART;VALUE=DATE, DTEND the next day). Each event's UID is the entry's, stable
across fetches, so a calendar updates a moved meeting instead of adding a second one.
"""

from __future__ import annotations

import datetime

import icalendar
from django.http import HttpResponse
from django.utils import timezone

from renda.core.downloads import attachment
from renda.schedule.entries import KIND_LABELS, Entry


def summary(entry: Entry) -> str:
    return f"{entry.title}（{entry.role}）" if entry.role else entry.title


def build(entries: list[Entry], *, name: str, base_url: str) -> bytes:
    """The calendar ``name``; ``base_url`` (scheme and host) makes the entries' links absolute."""
    cal = icalendar.Calendar()
    cal.add("prodid", "-//Renda//人大工作平台//ZH")
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("method", "PUBLISH")
    cal.add("x-wr-calname", name)
    cal.add("x-wr-timezone", "Asia/Shanghai")
    stamp = timezone.now().astimezone(datetime.UTC).replace(microsecond=0)
    for entry in entries:
        event = icalendar.Event()
        event.add("uid", entry.uid)
        event.add("dtstamp", stamp)
        event.add("summary", summary(entry))
        if entry.all_day:
            event.add("dtstart", entry.day)
            event.add("dtend", entry.day + datetime.timedelta(days=1))
            event.add("transp", "TRANSPARENT")  # a deadline or a duty day does not make the person busy all day
        else:
            event.add("dtstart", timezone.localtime(entry.start))
            event.add("dtend", timezone.localtime(entry.end))
        url = base_url + entry.url
        event.add("url", url)
        event.add("categories", [KIND_LABELS.get(entry.kind, entry.kind)])
        if entry.place:
            event.add("location", entry.place)
        event.add("description", "\n".join(part for part in (entry.role and f"本人：{entry.role}", entry.note, url) if part))
        cal.add_component(event)
    cal.add_missing_timezones(first_date=datetime.date(2000, 1, 1))
    return cal.to_ical()


def response(request, entries: list[Entry], *, name: str, filename: str, public: bool = False) -> HttpResponse:
    body = build(entries, name=name, base_url=f"{request.scheme}://{request.get_host()}")
    answer = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    answer["Cache-Control"] = ("public" if public else "private") + ", max-age=900"
    return attachment(answer, filename)
