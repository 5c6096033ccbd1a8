"""Reads for liaison: a station's open-concerns queue, the yearly statistics in the shape congress
reports use, and who has not been contacted this year under "双联系"."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from renda.core import exports, rules
from renda.core.models import Congress
from renda.liaison import codes, station_statements
from renda.liaison.models import (
    Concern,
    ContactLink,
    ContactRecord,
    CppccMember,
    RotaSlot,
    StationProfile,
)
from renda.people.models import Organisation, Person
from renda.people.validation import report_year

S = Concern.Status
PAGE = 50


def stations(congress: Congress):
    return Organisation.objects.in_congress(congress).filter(kind=Organisation.Kind.LIAISON_STATION)


def profile(congress: Congress, station: Organisation) -> StationProfile:
    """The station's profile, or an empty one (defaults) where none was set up yet."""
    return station_statements.profile(congress, station) or StationProfile(station=station)


def slot_name(slot: RotaSlot) -> str:
    """A rota slot's sitter as the rota shows them: a deputy by name, a CPPCC member marked so."""
    if slot.cppcc_member is not None:
        return sitter_name(None, slot.cppcc_member.person.name)
    assert slot.mandate is not None  # a slot is a deputy's or a CPPCC member's (rota_deputy_or_cppcc)
    return sitter_name(slot.mandate.person.name, None)


def sitter_name(deputy: str | None, cppcc_member: str | None) -> str:
    """The name of a slot's deputy, or of its CPPCC member marked so (one of them is None)."""
    return f"{cppcc_member}（政协委员）" if cppcc_member is not None else str(deputy)


def cppcc_members(congress: Congress, *, active_only: bool = False, q: str = "", station: str = "",
                  active: str = ""):
    """The CPPCC members registered to sit at this congress's stations (两代表一委员之家); by name,
    CPPCC or sector (``q``), by station, by whether they still sit (``active`` "1"/"0")."""
    rows = CppccMember.objects.in_congress(congress).select_related("person", "station")
    if active_only or active == "1":
        rows = rows.filter(active=True)
    elif active == "0":
        rows = rows.filter(active=False)
    if station.isdecimal():
        rows = rows.filter(station_id=int(station))
    q = keyword(q)
    if q:
        rows = rows.filter(Q(person__name__icontains=q) | Q(cppcc__icontains=q) | Q(sector__icontains=q))
    return rows.order_by("-active", "person__name", "id")


def rota(congress: Congress, station: Organisation, days: int = 60) -> list[tuple[datetime.date, list[str]]]:
    """Who sits at the station on each day of the coming ``days``."""
    today = timezone.localdate()
    by_day: dict[datetime.date, list[str]] = {}
    for day, deputy, cppcc in station_statements.rota_slots(congress, station, today, today + datetime.timedelta(days=days)):
        by_day.setdefault(day, []).append(sitter_name(deputy, cppcc))
    return sorted(by_day.items())


def person_of(congress: Congress, person_id) -> Person | None:
    """A person with a mandate in this congress, by id (as a form or the API gives it)."""
    if not str(person_id).isdecimal():
        return None
    return Person.objects.filter(pk=int(person_id), mandates__congress=congress).distinct().first()


def contact_holder(congress: Congress, user, holder_id="") -> Person | None:
    """Whose "双联系" a page shows: one's own; the liaison office may look at anyone's."""
    from renda.core.permissions import may
    from renda.liaison.actions import serving_mandate

    if may(user, congress, "set_up_station") and str(holder_id).isdecimal():
        chosen = person_of(congress, holder_id)
        if chosen is not None:
            return chosen
    mandate = serving_mandate(congress, user)
    return mandate.person if mandate else None


def by_tracking_code(congress: Congress, tracking_code: str) -> Concern | None:
    """The concern a person follows with its code (typed in any case, with stray spaces or dashes)."""
    code, problem = codes.parse(tracking_code)
    if problem:
        return None
    return Concern.objects.in_congress(congress).filter(tracking_code=code).select_related("station", "unit").first()


def look_up(congress: Congress, tracking_code: str) -> tuple[Concern | None, str]:
    """(concern, problem): a mistyped code (the check digit catches it) says so, never "not found"."""
    code, problem = codes.parse(tracking_code)
    if problem:
        return None, problem
    concern = by_tracking_code(congress, code)
    if concern is None:
        # Ten digits are more often a new code with a digit left out than an old code.
        short = code.isdecimal() and len(code) != codes.LENGTH
        return None, f"{codes.MISTYPED}：查询码为 {codes.LENGTH} 位数字" if short else codes.NOT_FOUND
    return concern, ""


@dataclass(frozen=True)
class PublicProgress:
    """Where a concern stands, in the words the person reads, and when they can expect an answer."""

    word: str
    explanation: str
    expected_on: datetime.date | None = None
    answered_on: datetime.date | None = None


def public_progress(congress: Congress, concern: Concern) -> PublicProgress:
    word = concern.public_status
    if concern.status == S.RECEIVED:
        # Not yet passed on: the longest of the three ways' deadlines, from the day it was raised.
        days = max(rules.get(congress, k) for k in ("liaison.committee_days", "liaison.unit_answer_days",
                                                    "liaison.tracking_days"))
        return PublicProgress(word, "联络站已收到您的反映，正在确定由谁办理。",
                              rules.add_days(congress, concern.raised_on, days))
    if concern.status in (S.WITH_COMMITTEE, S.REFERRED, S.TRACKING):
        return PublicProgress(word, f"{concern.step_owner or '有关方面'}正在办理。", concern.due_on)
    if concern.status in (S.SOLVED, S.ANSWERED):
        return PublicProgress(word, "已有办理结果，请看下面的答复，并告诉我们您是否满意。", answered_on=concern.answered_on)
    if concern.status == S.CLOSED:
        return PublicProgress(word, "已答复并听取了您的评价，此事办结。", answered_on=concern.answered_on)
    return PublicProgress(word, f"理由：{concern.dismissed_reason}" if concern.dismissed_reason else "")


@dataclass(frozen=True)
class StationListing:
    station: Organisation
    profile: StationProfile
    next_days: list[tuple[datetime.date, list[str]]]


def find_stations(congress: Congress, *, q: str = "", area: str = "") -> list[StationListing]:
    """The public station finder: by name or address, and by county/area; each with its opening
    days and the next days deputies sit there."""
    found = stations(congress)
    if q:
        found = found.filter(Q(name__contains=q) | Q(address__contains=q))
    profiles = {p.station_id: p for p in StationProfile.objects.in_congress(congress)}
    if area:
        found = found.filter(pk__in=[pk for pk, p in profiles.items() if p.area == area])
    found_list = list(found.order_by("name"))
    today = timezone.localdate()
    upcoming: dict[int, dict[datetime.date, list[str]]] = {}
    for slot in (RotaSlot.objects.in_congress(congress)
                 .filter(station__in=found_list, on__range=(today, today + datetime.timedelta(days=30)))
                 .select_related("mandate__person", "cppcc_member__person").order_by("on", "id")):
        upcoming.setdefault(slot.station_id, {}).setdefault(slot.on, []).append(slot_name(slot))
    return [StationListing(s, profiles.get(s.pk) or StationProfile(station=s),
                           sorted(upcoming.get(s.pk, {}).items())[:3]) for s in found_list]


def station_areas(congress: Congress) -> list[str]:
    return sorted({a for a in StationProfile.objects.in_congress(congress).values_list("area", flat=True) if a})


def intake_stations(congress: Congress):
    """Stations that take concerns online (no profile yet means open, as the profile's default)."""
    closed = StationProfile.objects.in_congress(congress).filter(intake_open=False).values("station_id")
    return stations(congress).exclude(pk__in=closed).order_by("name")


MAX_KEYWORD = 100  # what a list's keyword box takes (as the search boxes)


def keyword(q: str) -> str:
    """A list's keyword as typed, spaces folded, at most MAX_KEYWORD characters."""
    return " ".join((q or "").split())[:MAX_KEYWORD]


def open_concerns(congress: Congress, *, station: Organisation | None = None, unit_ids=None, responsible=None,
                  overdue_only: bool = False, after: int | None = None, q: str = "", status: str = "",
                  every_page: bool = False):
    """Open concerns, newest first, a page at a time (keyset on id: the 1,000th page costs what the
    first does), or ``every_page`` as a query set for an export. Filters narrow it to a station, to
    units, or to a deputy's own; to a status; to a keyword in the text, category, place or code."""
    queue = Concern.objects.in_congress(congress).filter(status__in=Concern.OPEN)
    if status in Concern.OPEN:
        queue = queue.filter(status=status)
    q = keyword(q)
    if q:
        match = Q(text__icontains=q) | Q(category__icontains=q) | Q(place__icontains=q) | Q(step_owner__icontains=q)
        match |= Q(tracking_code=codes.normalise(q))
        if q.isdecimal():
            match |= Q(pk=int(q))
        queue = queue.filter(match)
    if station is not None:
        queue = queue.filter(station=station)
    if unit_ids is not None:
        queue = queue.filter(unit_id__in=unit_ids)
    if responsible is not None:
        # A deputy without a station sees only what they are responsible for (never every item with no station).
        mine = Q(responsible=responsible)
        if responsible.liaison_station_id:
            mine |= Q(station_id=responsible.liaison_station_id)
        queue = queue.filter(mine)
    if overdue_only:
        queue = queue.filter(due_on__lt=timezone.localdate())
    queue = queue.select_related("station", "unit", "responsible__person").order_by("-id")
    if every_page:
        return queue
    if after:
        queue = queue.filter(id__lt=after)
    return list(queue[:PAGE])


@dataclass
class StatRow:
    label: str
    area: str = ""
    receptions: int = 0
    visitors: int = 0
    raised: int = 0
    on_the_spot: int = 0
    referred: int = 0
    tracked: int = 0
    answered: int = 0
    overdue: int = 0
    rated: int = 0
    satisfied: int = 0
    stations: list[str] = field(default_factory=list)

    @property
    def cells(self) -> list[int]:
        return [getattr(self, name) for name in COUNTS]

    @property
    def satisfaction_rate(self) -> str:
        return f"{self.satisfied / self.rated * 100:.1f}%" if self.rated else "—"

    def add(self, other: StatRow) -> None:
        for name in COUNTS:
            setattr(self, name, getattr(self, name) + getattr(other, name))


COUNTS = ["receptions", "visitors", "raised", "on_the_spot", "referred", "tracked", "answered", "overdue", "rated",
          "satisfied"]
HEADINGS = ["接待次数", "接待群众（人次）", "反映诉求（件）", "及时办（件）", "上报办（件）", "跟踪办（件）",
            "已答复或解决（件）", "逾期（件）", "已评价（件）", "满意和基本满意（件）"]


@dataclass
class Statistics:
    year: int
    stations: list[StatRow]
    areas: list[StatRow]
    total: StatRow
    months: list[StatRow] = field(default_factory=list)   # 1月 … 12月, of the same stations


# The 三办 split of the statistics and its charts: 及时办 (solved on the spot), 上报办, 跟踪办.
THREE_WAYS = [("on_the_spot", "及时办"), ("referred", "上报办"), ("tracked", "跟踪办")]


def _fold(row: StatRow, figure: str, count: int, total: int) -> None:
    """One kept row (liaison.tallies) into the statistics' counts."""
    if figure == "all":
        row.raised += count
        row.answered += total
    elif figure == Concern.Path.ON_THE_SPOT:
        row.on_the_spot += total
    elif figure == Concern.Path.REFERRED:
        row.referred += count
    elif figure == Concern.Path.TRACKED:
        row.tracked += count
    elif figure == "rated":
        row.rated += count
        row.satisfied += total
    elif figure == "overdue":
        row.overdue += count


def not_yet_due(congress: Congress, year: int, today: datetime.date):
    """The year's counted concerns that are open, never late, and due today or later: the kept
    "overdue" rows count them, the statistics do not yet (liaison.tallies). A count of the work in hand
    with a deadline to come, not of the history."""
    return (Concern.objects.in_congress(congress)
            .filter(status__in=Concern.OPEN, due_on__gte=today, late=False, station__isnull=False,
                    raised_on__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
            .exclude(source__in=Concern.REGISTER_SOURCES))


def statistics(congress: Congress, year: int, area: str | None = None) -> Statistics:
    """Per station, per county (area) and in all, for concerns raised and receptions held in ``year``;
    read from the kept figures (liaison.tallies), a few thousand rows whatever the year's size, and
    kept per data version and day in the process's memory (core.versioned)."""
    from renda.core import versioned

    year = report_year(year)
    return versioned.cached(congress, f"liaison.statistics:{year}:{area}",
                            lambda: _statistics(congress, year, area, timezone.localdate()))


def _statistics(congress: Congress, year: int, area: str | None, today: datetime.date) -> Statistics:
    from renda.core import tallies
    from renda.liaison import tallies as kept

    stations = {o.pk: o.name for o in Organisation.objects.in_congress(congress)
                .filter(kind=Organisation.Kind.LIAISON_STATION).only("id", "name")}
    areas = dict(StationProfile.objects.in_congress(congress).values_list("station_id", "area"))
    rows = {pk: StatRow(name, areas.get(pk, "")) for pk, name in stations.items()}
    for r in tallies.read(kept.RECEPTIONS_BY_STATION, congress, year):
        row = rows.get(r.key[0])
        if row:
            row.receptions, row.visitors = r.count, r.total
    # The opinion register's items are not the stations' work, even where one names a station (kept.figures).
    for r in tallies.read(kept.BY_STATION, congress, year):
        row = rows.get(r.key[0])
        if row:
            _fold(row, r.key[1], r.count, r.total)
    months = {m: StatRow(f"{m}月") for m in range(1, 13)}
    for r in tallies.read(kept.RECEPTIONS_BY_MONTH, congress, year):
        if area is None or r.key[0] == area:
            months[r.key[1]].receptions += r.count
            months[r.key[1]].visitors += r.total
    for r in tallies.read(kept.BY_MONTH, congress, year):
        if area is None or r.key[0] == area:
            _fold(months[r.key[1]], r.key[2], r.count, r.total)
    from django.db.models.functions import ExtractMonth

    for r in (not_yet_due(congress, year, today).annotate(month=ExtractMonth("raised_on"))
              .values("station_id", "month").annotate(n=Count("id")).order_by()):
        row = rows.get(r["station_id"])
        if row:
            row.overdue -= r["n"]
        if area is None or areas.get(r["station_id"], "") == area:
            months[r["month"]].overdue -= r["n"]
    station_rows = [row for row in rows.values() if area is None or row.area == area]
    by_area: dict[str, StatRow] = {}
    total = StatRow("合计")
    for row in station_rows:
        group = by_area.setdefault(row.area or "（未填所在旗县区）", StatRow(row.area or "（未填所在旗县区）"))
        group.add(row)
        group.stations.append(row.label)
        total.add(row)
    return Statistics(year, sorted(station_rows, key=lambda r: (r.area, r.label)),
                      sorted(by_area.values(), key=lambda r: r.label), total, list(months.values()))


# A bar a station reads well up to this many stations; past it (a province's 500) the charts draw one bar a
# county (area) and choosing a county draws its stations. The tables below the charts keep every station.
CHART_STATIONS_MAX = 40


def statistics_charts(stats: Statistics) -> dict:
    """The statistics page's charts, drawn from the rows its tables and its export show: per station, or
    per county where the stations are too many for a readable bar each (``by`` says which)."""
    from renda.core import charts

    def split(rows: list[StatRow]) -> list[tuple[str, list[int]]]:
        return [(label, [getattr(row, name) for row in rows]) for name, label in THREE_WAYS]

    by_station = len(stats.stations) <= CHART_STATIONS_MAX
    rows, what = (stats.stations, "联络站") if by_station else (stats.areas, "旗县区")
    return {
        "by": "station" if by_station else "area",
        "raised": charts.bars(f"各{what}反映诉求（件）", [r.label for r in rows], [r.raised for r in rows],
                              heading=what, value_heading="反映诉求（件）"),
        "stations": charts.stacked(f"各{what}三办分流（件）", [r.label for r in rows], split(rows), heading=what),
        "months": charts.stacked(f"{stats.year}年各月三办分流（件）", [r.label for r in stats.months],
                                 split(stats.months), heading="月份"),
    }


def statistics_workbook(congress: Congress, stats: Statistics):
    from openpyxl import Workbook
    from openpyxl.styles import Font

    book = Workbook()
    for title, rows, first in [("按联络站", stats.stations, ["联络站", "所在旗县区"]), ("按旗县区", stats.areas, ["旗县区", ""])]:
        sheet = book.active if title == "按联络站" else book.create_sheet()
        sheet.title = title
        exports.append(sheet, [f"{congress.name}代表联络站工作统计（{stats.year}年）"])
        sheet["A1"].font = Font(bold=True, size=14)
        exports.append(sheet, [*first, *HEADINGS, "满意率"])
        for row in [*rows, stats.total]:
            exports.append(sheet, [row.label, row.area if title == "按联络站" else "", *[getattr(row, n) for n in COUNTS],
                          row.satisfaction_rate])
        sheet.column_dimensions["A"].width = 24
    months = book.create_sheet("按月份")
    exports.append(months, [f"{congress.name}代表联络站工作统计（{stats.year}年，按月份）"])
    months["A1"].font = Font(bold=True, size=14)
    exports.append(months, ["月份", *HEADINGS, "满意率"])
    for row in stats.months:
        exports.append(months, [row.label, *[getattr(row, n) for n in COUNTS], row.satisfaction_rate])
    return book


def contact_records(congress: Congress, holder: Person, *, q: str = "", year: str = ""):
    """The holder's contact records, newest first; by keyword (whom, what was raised or followed), by year."""
    rows = ContactRecord.objects.in_congress(congress).filter(link__holder=holder).select_related("link__deputy")
    if year.isdecimal():
        rows = rows.filter(on__year=int(year))
    q = keyword(q)
    if q:
        rows = rows.filter(Q(link__deputy__name__icontains=q) | Q(link__constituent__icontains=q)
                           | Q(raised__icontains=q) | Q(followed__icontains=q))
    return rows.order_by("-on", "-id")


def not_contacted(congress: Congress, holder, year: int | None = None) -> list[ContactLink]:
    """The holder's "双联系" ties with no contact recorded this year."""
    year = year or timezone.localdate().year
    contacted = ContactRecord.objects.in_congress(congress).filter(
        link=OuterRef("pk"), on__range=(datetime.date(year, 1, 1), datetime.date(year, 12, 31)))
    return list(ContactLink.objects.in_congress(congress).filter(holder=holder).filter(~Exists(contacted))
                .select_related("deputy").order_by("id"))


def station_counts(congress: Congress, today: datetime.date) -> dict[int, dict[str, int]]:
    """Open and overdue concerns of every station, in one grouped query."""
    return {r["station_id"]: {"open": r["open"], "overdue": r["overdue"]} for r in (
        Concern.objects.in_congress(congress).filter(status__in=Concern.OPEN, station__isnull=False)
        .exclude(source__in=Concern.REGISTER_SOURCES).values("station_id")
        .annotate(open=Count("id"), overdue=Count("id", filter=Q(due_on__lt=today))))}


# The stages of a concern for its page's stepper (core/_stepper.html): (the statuses that mean the stage
# was reached, internal label, plain label). 及时办 solved on the spot reaches 分办 and 答复 at once.
STEPPER_STAGES = (
    ((S.RECEIVED,), "登记受理", "收到"),
    ((S.WITH_COMMITTEE, S.REFERRED, S.TRACKING, S.SOLVED), "分办", "正在办理"),
    ((S.SOLVED, S.ANSWERED), "办理答复", "已答复"),
    ((S.CLOSED,), "反馈办结", "已办结"),
)
STEPPER_REACHED = {S.RECEIVED: 0, S.WITH_COMMITTEE: 1, S.REFERRED: 1, S.TRACKING: 1, S.SOLVED: 2, S.ANSWERED: 2,
                   S.CLOSED: 3}


def stepper(concern: Concern, *, internal: bool) -> list[tuple[str, datetime.date | None, str]]:
    """(label, the date it happened or None, done/current/todo) for each stage; a dismissed concern
    shows 收到 and 不予受理. Dated as the page shows them: 收到 by the concern's 反映日期 (a reception's
    day, not when it was typed in), 答复 and 办结 by its 答复日期 and 办结日期; 分办 and 不予受理, which
    the concern holds no date of, by their steps."""
    first: dict[str, datetime.datetime] = {}
    for step in concern.steps.all():
        first.setdefault(step.status, step.at)

    def day(statuses) -> datetime.date | None:
        ats = [first[s] for s in statuses if s in first]
        return timezone.localtime(min(ats)).date() if ats else None

    own = {0: concern.raised_on, 2: concern.answered_on, 3: concern.closed_on}
    if concern.status == S.DISMISSED:
        return [(STEPPER_STAGES[0][1] if internal else STEPPER_STAGES[0][2], concern.raised_on, "done"),
                ("不予受理", day((S.DISMISSED,)), "done")]
    reached = STEPPER_REACHED.get(S(concern.status), 0)
    rows = []
    for index, (statuses, staff_label, plain_label) in enumerate(STEPPER_STAGES):
        label = staff_label + (f"（{concern.get_path_display()}）" if index == 1 and internal and concern.path else "") \
            if internal else plain_label
        on = (own.get(index) or day(statuses)) if index <= reached else None
        final = index == len(STEPPER_STAGES) - 1
        state = "todo" if index > reached else "current" if index == reached and not final else "done"
        rows.append((label, on, state))
    return rows
