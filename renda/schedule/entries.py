"""What goes on one person's calendar in one congress, between two days: the meetings they are on the
roster of (with their role in each), their station duty days, and the deadlines they must meet.

Who is asking is the home inbox's ``Ask`` (roles, person, mandate, units), and each source below reads
the same rows as the inbox source named beside it — the inbox lists what is due now, the calendar
puts the same rows on their dates. Staff also see every meeting of the congress. Times are
Asia/Shanghai (the project's TIME_ZONE); a deadline is a day, not a moment.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.db.models import Exists, OuterRef, Q
from django.urls import reverse
from django.utils import timezone

from renda.core import rules
from renda.core.inbox import Ask
from renda.core.models import Congress
from renda.core.permissions import STAFF, may, organisations_of
from renda.core.roles import Role
from renda.people.validation import FILTER_DAYS


@dataclass(frozen=True)
class Entry:
    uid: str            # stable per item: the same meeting or deadline keeps its UID in every feed
    kind: str           # meeting, duty, fieldwork, deadline
    title: str
    day: datetime.date  # the local day it falls on
    url: str            # the item's page (a path; the feed makes it absolute)
    start: datetime.datetime | None = None  # a timed event (meetings), local time; None: all day
    end: datetime.datetime | None = None
    role: str = ""      # the person's part: 主持, 出席, 列席（…）, 请假, 工作人员
    note: str = ""
    place: str = ""

    @property
    def all_day(self) -> bool:
        return self.start is None

    @property
    def is_deadline(self) -> bool:
        return self.kind == "deadline"


def has_calendar(user, congress: Congress) -> bool:
    """Everyone with a role in this congress has a calendar here — the same people who may keep a
    subscription address (``issue_calendar_feed``); the public and other congresses' users do not."""
    return may(user, congress, "issue_calendar_feed")


KIND_LABELS = {"meeting": "会议", "activity": "代表活动", "duty": "进站接待", "fieldwork": "调研检查", "deadline": "期限"}


def entries_for(congress: Congress, user, first: datetime.date, last: datetime.date) -> list[Entry]:
    """Everything on ``user``'s calendar here from ``first`` to ``last`` (both included), by time."""
    first, last = max(first, FILTER_DAYS[0]), min(last, FILTER_DAYS[1])  # beyond, no local time to ask with
    if not getattr(user, "is_authenticated", False) or first > last:
        return []
    ask = Ask(congress, user, today=timezone.localdate())
    span = Span(congress, first, last)
    found: list[Entry] = []
    for source in SOURCES:
        found.extend(source(ask, span))
    unique = {e.uid: e for e in reversed(found)}  # one entry per item where two sources name it: the first
    return sorted(unique.values(), key=lambda e: (e.day, e.start is not None, e.start or e.day, e.title))


@dataclass(frozen=True)
class Span:
    congress: Congress
    first: datetime.date
    last: datetime.date

    @property
    def starts(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.first, datetime.time.min))

    @property
    def ends(self) -> datetime.datetime:
        return timezone.make_aware(datetime.datetime.combine(self.last + datetime.timedelta(days=1), datetime.time.min))

    def url(self, name: str, **kwargs) -> str:
        return reverse(name, kwargs={"congress_code": self.congress.code, **kwargs})

    def uid(self, kind: str, pk: int) -> str:
        return f"{kind}-{pk}@{self.congress.code}.renda"

    def deadline(self, kind: str, pk: int, day: datetime.date, title: str, url: str, note: str = "") -> Entry:
        return Entry(self.uid(kind, pk), "deadline", title, day, url, note=note)


# ── meetings (meetings.inbox: the roster; staff see this week's meetings of the whole congress) ──

def _meetings(ask: Ask, span: Span) -> Iterable[Entry]:
    from renda.meetings.models import Meeting, RosterEntry

    congress = span.congress
    meetings = (Meeting.objects.in_congress(congress).filter(starts_at__gte=span.starts, starts_at__lt=span.ends)
                .select_related("term", "organisation", "congress"))
    staff = bool(ask.roles & STAFF)
    person = ask.person
    roster: dict[int, RosterEntry] = {}
    if person is not None:
        roster = {r.meeting_id: r for r in RosterEntry.objects.in_congress(congress)
                  .filter(person=person, meeting__starts_at__gte=span.starts, meeting__starts_at__lt=span.ends)}
    if not staff:
        mine = Q(pk__in=list(roster))
        if person is not None:
            mine |= Q(chair=person)
        meetings = meetings.filter(mine)
    hours = datetime.timedelta(hours=rules.get(congress, "schedule.meeting_hours"))
    for m in meetings.order_by("starts_at", "id"):
        start = timezone.localtime(m.starts_at)
        yield Entry(span.uid("meeting", m.pk), "meeting", m.title, start.date(),
                    span.url("meeting_detail", meeting_id=m.pk), start=start, end=start + hours,
                    role=meeting_role(m, roster.get(m.pk), person, staff), place=m.place,
                    note=m.get_status_display())
    # 代表提出议案、建议的截止时间 of the sessions the person sits in.
    if person is not None:
        filing = (Meeting.objects.in_congress(congress)
                  .filter(pk__in=RosterEntry.objects.in_congress(congress).filter(person=person, voting=True)
                          .values("meeting_id"),
                          filing_deadline__gte=span.starts, filing_deadline__lt=span.ends)
                  .select_related("term", "organisation", "congress"))
        for m in filing:
            due = timezone.localtime(m.filing_deadline)
            yield span.deadline("filing", m.pk, due.date(), f"提出议案、建议截止：{m.title}",
                                span.url("meeting_detail", meeting_id=m.pk), f"{due:%H:%M} 前")


def meeting_role(meeting, entry, person, staff: bool) -> str:
    """The person's part in the meeting, in the meetings app's words."""
    from renda.meetings.models import RosterEntry

    if person is not None and meeting.chair_id == person.pk:
        return "主持"
    if entry is not None:
        if entry.attendance == RosterEntry.Attendance.LEAVE:
            return "请假"
        if entry.voting:
            return "出席"
        return f"列席（{entry.post}）" if entry.post else "列席"
    return "工作人员" if staff else ""


# ── station duty (liaison.inbox "本周进站接待"): the rota, a deputy's or a CPPCC member's ──

def _duty(ask: Ask, span: Span) -> Iterable[Entry]:
    from renda.liaison.models import RotaSlot

    if ask.person is None:
        return
    slots = (RotaSlot.objects.in_congress(span.congress)
             .filter(Q(mandate__person=ask.person) | Q(cppcc_member__person=ask.person), on__range=(span.first, span.last))
             .select_related("station").order_by("on", "id"))
    for s in slots:
        yield Entry(span.uid("duty", s.pk), "duty", f"进站接待：{s.station.name}", s.on,
                    span.url("liaison_station", station_id=s.station_id), role="接待代表", place=s.station.name)


# ── a deputy's deadlines ──

def _deputy(ask: Ask, span: Span) -> Iterable[Entry]:
    if ask.person is None or not ask.has(Role.DEPUTY, Role.SC_MEMBER):
        return
    yield from _ratings(ask, span)
    yield from _own_concerns(ask, span)


def _ratings(ask: Ask, span: Span) -> Iterable[Entry]:
    """proposals.inbox "待您评价的答复": answers to the person's suggestions not yet rated, due
    rule schedule.rating_days after the answer."""
    from renda.proposals.models import Answer, Author, Rating

    congress, person = span.congress, ask.person
    days = datetime.timedelta(days=rules.get(congress, "schedule.rating_days"))
    mine = Author.objects.in_congress(congress).filter(person=person)
    rated = Rating.objects.in_congress(congress).filter(answer=OuterRef("pk"), person=person)
    waiting = (Answer.objects.in_congress(congress)
               .filter(suggestion__in=mine.values("suggestion_id"), suggestion__status="answered",
                       answered_on__range=(span.first - days, span.last - days))
               .filter(~Exists(rated)).select_related("suggestion"))
    for a in waiting:
        s = a.suggestion
        yield span.deadline("rating", a.pk, a.answered_on + days, f"评价答复：{_suggestion(s)}",
                            span.url("suggestion_detail", suggestion_id=s.pk), f"{a.answered_on:%Y-%m-%d} 答复")


def _own_concerns(ask: Ask, span: Span) -> Iterable[Entry]:
    """liaison.inbox "需要您跟进的群众诉求": concerns the deputy is responsible for, by their due day."""
    from renda.liaison.models import Concern

    if ask.mandate is None:
        return
    rows = (Concern.objects.in_congress(span.congress)
            .filter(responsible=ask.mandate, status__in=Concern.OPEN, due_on__range=(span.first, span.last)))
    for c in rows:
        yield span.deadline("concern", c.pk, c.due_on, f"跟进群众诉求：{c.category}：{c.text[:30]}", _concern_url(span, c))


# ── oversight fieldwork (oversight.inbox: notices to the team; the itinerary's days) ──

def _fieldwork(ask: Ask, span: Span) -> Iterable[Entry]:
    from renda.oversight.models import NoticeReply, Stop, TeamMember
    from renda.oversight.views.fieldwork import activity_url

    if ask.person is None:
        return
    congress, person = span.congress, ask.person
    on_team = TeamMember.objects.in_congress(congress).filter(person=person)
    stops = (Stop.objects.in_congress(congress)
             .filter(activity_id__in=on_team.values("activity_id"), day__range=(span.first, span.last))
             .select_related("activity"))
    for s in stops:
        yield Entry(span.uid("stop", s.pk), "fieldwork", f"{s.activity.title}：{s.county}{s.site}", s.day,
                    activity_url(congress.code, s.activity_id), note=s.purpose,
                    place=f"{s.county}{s.site}")
    pending = (NoticeReply.objects.in_congress(congress)
               .filter(person=person, answer=NoticeReply.Answer.PENDING,
                       notice__activity_id__in=on_team.values("activity_id"),
                       notice__reply_by__range=(span.first, span.last))
               .select_related("notice__activity"))
    for r in pending:
        notice = r.notice
        yield span.deadline("notice", r.pk, notice.reply_by, f"回复是否参加：{notice.activity.title}",
                            activity_url(congress.code, notice.activity_id, "fieldwork-notices"))


# ── a handling unit's deadlines (proposals, liaison, opinions, rectification, oversight inboxes) ──

def _unit(ask: Ask, span: Span) -> Iterable[Entry]:
    from renda.liaison.models import Concern
    from renda.oversight.models import Letter, Questioning, ReviewOpinion
    from renda.proposals.models import Assignment, Commitment
    from renda.rectification.models import RectificationItem

    units = ask.unit_ids
    if not units:
        return
    congress, days = span.congress, (span.first, span.last)
    assignments = (Assignment.objects.in_congress(congress)
                   .filter(unit_id__in=units, ended_on__isnull=True, suggestion__status__in=["assigned", "rehandling"],
                           due_on__range=days).select_related("suggestion", "unit"))
    for a in assignments:
        what = "答复期限" if a.lead else "提出协办意见期限"
        yield span.deadline("assignment", a.pk, a.due_on, f"{what}：{_suggestion(a.suggestion)}",
                            span.url("suggestion_detail", suggestion_id=a.suggestion_id), a.unit.name)
    commitments = (Commitment.objects.in_congress(congress)
                   .filter(answer__unit_id__in=units, done_on__isnull=True, due_on__range=days)
                   .select_related("answer__suggestion"))
    for c in commitments:
        yield span.deadline("commitment", c.pk, c.due_on, f"承诺完成：{c.text[:40]}",
                            span.url("suggestion_detail", suggestion_id=c.answer.suggestion_id))
    fixes = (RectificationItem.objects.in_congress(congress)
             .filter(unit_id__in=units, status=RectificationItem.Status.OPEN, due_on__range=days))
    for i in fixes:
        yield span.deadline("rectification", i.pk, i.due_on, f"整改时限：{i.problem[:40]}",
                            span.url("rectification_item", pk=i.pk))
    opinions = (ReviewOpinion.objects.in_congress(congress)
                .filter(body_id__in=units, status=ReviewOpinion.Status.SENT, reply_due__range=days))
    for o in opinions:
        yield span.deadline("review_opinion", o.pk, o.reply_due, f"报送研究处理情况：{o.title}",
                            span.url("review_opinion_detail", pk=o.pk))
    referred = (Concern.objects.in_congress(congress)
                .filter(status=Concern.Status.REFERRED, unit_id__in=units, due_on__range=days))
    for c in referred:
        yield span.deadline("concern", c.pk, c.due_on, f"答复：{c.category}：{c.text[:30]}", _concern_url(span, c))
    letters = (Letter.objects.in_congress(congress)
               .filter(unit_id__in=units, received_at__isnull=True, due_on__range=days).select_related("activity"))
    for letter in letters:
        yield span.deadline("letter", letter.pk, letter.due_on, f"报送自查报告：{letter.activity.title}",
                            span.url("oversight_letter", letter_id=letter.pk))
    questionings = (Questioning.objects.in_congress(congress)
                    .filter(body_id__in=units, status=Questioning.Status.ACCEPTED, answer_by__range=days))
    for q in questionings:
        yield span.deadline("questioning", q.pk, q.answer_by, f"质询答复期限：{q.title}",
                            span.url("questioning_detail", questioning_id=q.pk))


# ── committee staff: the key suggestions their committee supervises (proposals.inbox) ──

def _supervision(ask: Ask, span: Span) -> Iterable[Entry]:
    from renda.proposals.models import Assignment

    if not ask.has(Role.COMMITTEE_STAFF):
        return
    committees = organisations_of(ask.user, span.congress, Role.COMMITTEE_STAFF)
    leads = (Assignment.objects.in_congress(span.congress)
             .filter(lead=True, ended_on__isnull=True, suggestion__key_supervision=True,
                     suggestion__supervising_committee_id__in=committees,
                     suggestion__status__in=["assigned", "rehandling"], due_on__range=(span.first, span.last))
             .select_related("suggestion", "unit"))
    for a in leads:
        yield span.deadline("supervision", a.pk, a.due_on, f"督办重点建议答复期限：{_suggestion(a.suggestion)}",
                            span.url("suggestion_detail", suggestion_id=a.suggestion_id), a.unit.name)


def _suggestion(s) -> str:
    return (f"{s.numbered} {s}".strip() if s.number else str(s)) or "（无标题）"


def _concern_url(span: Span, c) -> str:
    from renda.liaison.models import Concern

    if c.source in Concern.REGISTER_SOURCES:  # a register item opens on the register's page (as in liaison.inbox)
        return span.url("opinion_detail", item_id=c.pk)
    return span.url("liaison_concern", concern_id=c.pk)


# ── deputies' activities and letters (activities.inbox, deputy_pages.inbox) ──

def _activities(ask: Ask, span: Span) -> Iterable[Entry]:
    """The activities the person is invited to (not those they sent leave for), at their time."""
    from renda.activities.models import Activity, Participant

    if ask.person is None:
        return
    hours = datetime.timedelta(hours=rules.get(span.congress, "schedule.meeting_hours"))
    invited = (Participant.objects.in_congress(span.congress)
               .filter(person=ask.person, activity__starts_at__gte=span.starts, activity__starts_at__lt=span.ends)
               .exclude(activity__status=Activity.Status.CANCELLED).select_related("activity"))
    for p in invited:
        a = p.activity
        start = timezone.localtime(a.starts_at)
        end = timezone.localtime(a.ends_at) if a.ends_at else start + hours
        role = "请假" if p.attendance == Participant.Attendance.ON_LEAVE else (p.role or "参加")
        note = "请回复参加或请假" if not p.reply and a.status == Activity.Status.PLANNED else a.get_status_display()
        yield Entry(span.uid("activity", a.pk), "activity", a.topic, start.date(),
                    span.url("activity_detail", pk=a.pk), start=start, end=end, role=role, place=a.place,
                    note=note)


def _letters(ask: Ask, span: Span) -> Iterable[Entry]:
    """Letters to the deputy that ask for a reply by a day and are not yet answered."""
    from renda.deputy_pages.models import LetterRecipient

    if ask.mandate is None:
        return
    waiting = (LetterRecipient.objects.in_congress(span.congress)
               .filter(mandate=ask.mandate, replied_at__isnull=True,
                       letter__reply_by__range=(span.first, span.last)).select_related("letter"))
    for r in waiting:
        yield span.deadline("letter", r.pk, r.letter.reply_by, f"回复来信：{r.letter.title}",
                            span.url("letter_detail", letter_id=r.letter_id))


SOURCES: list[Callable[[Ask, Span], Iterable[Entry]]] = [_meetings, _duty, _deputy, _fieldwork, _unit, _supervision,
                                                         _activities, _letters]


# ── the congress's public meetings ──

# Nothing on a meeting marks it public. The people's congress's sessions (with their preparatory
# meeting) and the standing committee's meetings are held in public and announced (地方组织法：会议公开举行);
# presidium, delegation, directors', party-group meetings and symposia are internal working meetings.
PUBLIC_KINDS = ("plenary", "preparatory", "sc_session")


def public_meetings(congress: Congress, first: datetime.date, last: datetime.date) -> list[Entry]:
    from renda.meetings.models import Meeting

    span = Span(congress, first, last)
    hours = datetime.timedelta(hours=rules.get(congress, "schedule.meeting_hours"))
    rows = (Meeting.objects.in_congress(congress)
            .filter(kind__in=PUBLIC_KINDS, starts_at__gte=span.starts, starts_at__lt=span.ends)
            .select_related("term", "organisation", "congress").order_by("starts_at", "id"))
    found = []
    for m in rows:
        start = timezone.localtime(m.starts_at)
        found.append(Entry(span.uid("meeting", m.pk), "meeting", m.title, start.date(),
                           span.url("meeting_detail", meeting_id=m.pk), start=start, end=start + hours, place=m.place))
    return found
