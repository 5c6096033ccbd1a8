"""Reads for the opinion register: the list with its filters, one's own opinions, who may open an
item, and the statistics by source, unit and month ("事事有回音")."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils import timezone

from renda.core import exports
from renda.core.models import Congress
from renda.core.permissions import may, organisations_of
from renda.core.roles import Role
from renda.liaison.models import Concern, register_items
from renda.people.models import Organisation, Person
from renda.people.validation import FILTER_DAYS, report_year

S = Concern.Status
PAGE = 50
ANSWERED = (S.SOLVED, S.ANSWERED, S.CLOSED)


def register(congress: Congress):
    return (register_items(Concern.objects.in_congress(congress))
            .select_related("unit", "raised_by", "activity", "meeting"))


def month_range(month: str) -> tuple[datetime.date, datetime.date] | None:
    """'2026-03' → its first and last day; anything else — a month outside the filter window
    (people.validation.FILTER_DAYS) too — → None (the filter is then ignored)."""
    try:
        first = datetime.datetime.strptime(month, "%Y-%m").date()
    except (TypeError, ValueError):
        return None
    if not FILTER_DAYS[0].year <= first.year <= FILTER_DAYS[1].year:
        return None
    following = (first.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)
    return first, following - datetime.timedelta(days=1)


def filtered(congress: Congress, *, source: str = "", unit: str | int = "", status: str = "", month: str = "",
             q: str = "", overdue: bool = False, unit_ids=None):
    """The register narrowed by the list's filters; ``unit_ids`` limits it to those units' items."""
    items = register(congress)
    if source in Concern.Source.values:
        items = items.filter(source=source)
    if str(unit).isdecimal():
        items = items.filter(unit_id=int(unit))
    if status == "open":
        items = items.filter(status__in=Concern.OPEN)
    elif status in S.values:
        items = items.filter(status=status)
    span = month_range(month)
    if span:
        items = items.filter(raised_on__range=span)
    if q:
        items = items.filter(Q(text__contains=q) | Q(category__contains=q) | Q(person_name__contains=q)
                             | Q(answer__contains=q))
    if overdue:
        items = items.filter(status__in=Concern.OPEN, due_on__lt=timezone.localdate())
    if unit_ids is not None:
        items = items.filter(unit_id__in=unit_ids)
    return items.order_by("-id")


def page(items, after: int | None = None) -> list[Concern]:
    """A page of the list, newest first (keyset on id)."""
    if after:
        items = items.filter(id__lt=after)
    return list(items[:PAGE])


def mine(congress: Congress, person: Person | None) -> list[Concern]:
    """What this deputy or member raised, newest first, with the answers ("我的意见")."""
    if person is None:
        return []
    return list(register(congress).filter(raised_by=person).order_by("-id")[:200])


def person_of(congress: Congress, user) -> Person | None:
    pk = getattr(user, "pk", None)
    return Person.objects.filter(user_id=pk).first() if pk is not None else None


def may_open(congress: Congress, item: Concern, user) -> bool:
    """The register's staff, the officers of the unit it was passed to, and the person who raised it."""
    if may(user, congress, "view_opinion_register"):
        return True
    if item.unit_id and item.unit_id in organisations_of(user, congress, Role.UNIT_OFFICER):
        return True
    person = person_of(congress, user)
    return bool(person is not None and item.raised_by_id == person.pk)


def units(congress: Congress):
    return Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.HANDLING_UNIT).order_by("name")


@dataclass
class Row:
    label: str
    received: int = 0
    answered: int = 0
    on_time: int = 0
    overdue: int = 0
    rated: int = 0
    satisfied: int = 0

    @property
    def satisfaction_rate(self) -> str:
        return f"{self.satisfied / self.rated * 100:.1f}%" if self.rated else "—"

    @property
    def on_time_rate(self) -> str:
        return f"{self.on_time / self.answered * 100:.1f}%" if self.answered else "—"

    def add(self, other: Row) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


COUNTS = ["received", "answered", "on_time", "overdue", "rated", "satisfied"]
HEADINGS = ["收到（件）", "已答复（件）", "按期答复（件）", "逾期（件）", "已评价（件）", "满意和基本满意（件）"]


@dataclass
class Statistics:
    year: int
    by_source: list[Row]
    by_unit: list[Row]
    by_month: list[Row]
    total: Row


def statistics(congress: Congress, year: int) -> Statistics:
    """Register items raised in ``year`` (dismissed ones left out) by source, by unit and by month:
    received, answered, answered on time (never past a deadline), overdue (past a deadline, or open
    with its deadline gone by — a deadline due today is not overdue), rated and satisfied."""
    year = report_year(year)
    today = timezone.localdate()
    answered = Q(status__in=ANSWERED)
    counts = dict(
        received=Count("id"), answered=Count("id", filter=answered),
        on_time=Count("id", filter=answered & Q(late=False)),
        overdue=Count("id", filter=Q(late=True) | Q(status__in=Concern.OPEN, due_on__lt=today)),
        rated=Count("id", filter=~Q(satisfaction="")),
        satisfied=Count("id", filter=Q(satisfaction__in=[Concern.Satisfaction.SATISFIED, Concern.Satisfaction.BASICALLY])))
    items = register_items(Concern.objects.in_congress(congress)).filter(raised_on__year=year).exclude(status=S.DISMISSED)

    def rows(key: str, label) -> list[Row]:
        out = []
        for r in items.values(key).annotate(**counts).order_by(key):
            row = Row(label(r[key]))
            for name in COUNTS:
                setattr(row, name, r[name])
            out.append(row)
        return out

    unit_names = dict(units(congress).values_list("id", "name"))
    sources = dict(Concern.Source.choices)
    by_source = rows("source", lambda v: sources.get(v, v))
    by_unit = rows("unit_id", lambda v: unit_names.get(v, "（未交办）") if v else "（未交办）")
    by_month = []
    for r in items.values("raised_on__month").annotate(**counts).order_by("raised_on__month"):
        row = Row(f"{year}年{r['raised_on__month']}月")
        for name in COUNTS:
            setattr(row, name, r[name])
        by_month.append(row)
    total = Row("合计")
    for row in by_source:
        total.add(row)
    return Statistics(year, by_source, by_unit, by_month, total)


def statistics_workbook(congress: Congress, stats: Statistics):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    for n, (title, rows) in enumerate([("按来源", stats.by_source), ("按承办单位", stats.by_unit),
                                       ("按月份", stats.by_month)]):
        sheet = book.active if n == 0 else book.create_sheet()
        sheet.title = title
        exports.append(sheet, [f"{congress.name}意见建议办理统计（{stats.year}年，{title}）"])
        sheet["A1"].font = Font(bold=True, size=14)
        exports.append(sheet, [title.removeprefix("按"), *HEADINGS, "按期答复率", "满意率"])
        for row in [*rows, stats.total]:
            exports.append(sheet, [row.label, *[getattr(row, n) for n in COUNTS], row.on_time_rate,
                                   row.satisfaction_rate])
        sheet.column_dimensions["A"].width = 24
    return book
