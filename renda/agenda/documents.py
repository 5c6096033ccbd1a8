"""A session's agenda (会议议程) and schedule (会议日程) as printed documents (GB/T 9704 layout, PDF and
.docx through ``renda.core.official_documents``). Before adoption they print the directors' meeting's
draft, titled （草案）; after it, the session's agenda items as adopted."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.utils import timezone

from renda.agenda.models import DraftAgenda, DraftEntry
from renda.core.official_documents import OfficialDocument, Section, chinese_date
from renda.meetings.models import AgendaItem, Meeting

WEEKDAYS = "一二三四五六日"


@dataclass
class Line:
    title: str
    kind: str
    scheduled_at: datetime.datetime | None
    presenter: str


def lines(session: Meeting) -> tuple[list[Line], DraftAgenda | None]:
    draft = DraftAgenda.objects.in_congress(session.congress_id).filter(session=session).select_related(
        "directors_meeting__term", "directors_meeting__congress", "directors_meeting__organisation").first()
    if draft is None or draft.status == DraftAgenda.Status.ADOPTED:
        rows = AgendaItem.objects.in_congress(session.congress_id).filter(meeting=session).order_by("order", "id")
        return [Line(r.title, r.kind, r.scheduled_at, r.presenter) for r in rows], draft
    entries = DraftEntry.objects.in_congress(session.congress_id).filter(draft=draft).select_related("item")
    return [Line(e.item.title, e.item.kind, e.scheduled_at, e.presenter or e.item.presenter)
            for e in entries.order_by("order", "id")], draft


def _adopted_note(session: Meeting, draft: DraftAgenda | None) -> list[str]:
    if draft is None:
        return []
    if draft.status == DraftAgenda.Status.ADOPTED and draft.adopted_at:
        return [f"（{chinese_date(timezone.localdate(draft.adopted_at))}{session.title}第一次全体会议通过）"]
    return [f"（{draft.directors_meeting.title}确定，提请{session.title}表决）"]


def _suffix(draft: DraftAgenda | None) -> str:
    return "" if draft is None or draft.status == DraftAgenda.Status.ADOPTED else "（草案）"


def agenda_document(session: Meeting) -> OfficialDocument:
    found, draft = lines(session)
    return OfficialDocument(
        title=f"{session.title}议程{_suffix(draft)}",
        preamble=_adopted_note(session, draft),
        sections=[Section(line.title) for line in found],
    )


def day_label(at) -> str:
    local = timezone.localtime(at)
    return f"{local.month}月{local.day}日（星期{WEEKDAYS[local.weekday()]}）"


def schedule_document(session: Meeting) -> OfficialDocument:
    found, draft = lines(session)
    days: dict[str, list[list[str]]] = {}
    for line in found:
        day = day_label(line.scheduled_at) if line.scheduled_at else "时间另定"
        time = f"{timezone.localtime(line.scheduled_at):%H:%M}" if line.scheduled_at else ""
        days.setdefault(day, []).append([time, line.title, line.presenter])
    header = ["时间", "内容", "汇报或说明人"]
    place = f"会议地点：{session.place}" if session.place else ""
    return OfficialDocument(
        title=f"{session.title}日程{_suffix(draft)}",
        preamble=[p for p in [*_adopted_note(session, draft), place] if p],
        sections=[Section(day, table=[header, *rows]) for day, rows in days.items()],
    )
