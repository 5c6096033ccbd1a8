"""日程 over the API: the token user's own calendar entries between two days — the same entries as
the calendar page and the personal iCal feed (meetings with the user's role, station duty days,
deadlines), for a phone app or an assistant."""

from datetime import date, datetime, timedelta

from django.utils import timezone
from ninja import Router, Schema

from renda.core import rules
from renda.core.api import scoped
from renda.core.errors import PermissionDenied, ValidationError
from renda.people.validation import FILTER_DAYS
from renda.schedule.entries import KIND_LABELS, Entry, entries_for, has_calendar

router = Router(tags=["schedule"])

MAX_DAYS = 400  # one request reads at most a little over a year (the feed's own reach)


class ScheduleEntryOut(Schema):
    uid: str             # stable per item, the same as the iCal feed's UID
    kind: str            # meeting, activity, duty, fieldwork, deadline
    kind_label: str
    title: str
    day: date   # Asia/Shanghai
    all_day: bool        # deadlines, duty and itinerary days
    starts_at: datetime | None  # timed entries (meetings), Asia/Shanghai offset
    ends_at: datetime | None
    role: str            # the user's part in a meeting: 主持、出席、列席（…）、请假、工作人员
    note: str
    place: str
    url: str             # the item's page


def entry_out(e: Entry) -> dict:
    return {"uid": e.uid, "kind": e.kind, "kind_label": KIND_LABELS.get(e.kind, e.kind), "title": e.title,
            "day": e.day, "all_day": e.all_day, "starts_at": e.start, "ends_at": e.end, "role": e.role,
            "note": e.note, "place": e.place, "url": e.url}


@router.get("/calendar", response=list[ScheduleEntryOut],
            summary="本人日程：start 至 end（含，默认本月）内的会议（及本人身份）、进站接待和办理期限，北京时间")
@scoped
def my_calendar(request, start: date | None = None, end: date | None = None):
    congress = request.congress
    if not has_calendar(request.user, congress):
        raise PermissionDenied(f"您在{congress.name}没有个人日程")
    today = timezone.localdate()
    window_first, window_last = FILTER_DAYS
    for field, label, day in (("start", "开始日期", start), ("end", "结束日期", end)):
        if day is not None and not window_first <= day <= window_last:
            raise ValidationError({field: f"“{field}”（{label}）须在 {window_first.isoformat()} 至 "
                                          f"{window_last.isoformat()} 之间，收到：{day.isoformat()}"})
    first = start or today.replace(day=1)
    last = end or (rules.add_months(first, 1) - timedelta(days=1))
    if last < first:
        raise ValidationError({"end": f"“end”（结束日期）不能早于“start”（开始日期）：{first:%Y-%m-%d} 至 {last:%Y-%m-%d}"})
    if (last - first).days >= MAX_DAYS:
        raise ValidationError({"end": f"一次最多查询 {MAX_DAYS} 天，收到 {(last - first).days + 1} 天，请缩小“start”至“end”的范围"})
    return [entry_out(e) for e in entries_for(congress, request.user, first, last)]
