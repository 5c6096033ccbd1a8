"""Reading the rectification list: the items linked to a record, the items a person may see, the
items the public may see, and the filters every list (page, export, API) shares."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse

from renda.core.models import Congress
from renda.core.permissions import MEMBERS, STAFF, organisations_of, roles_of
from renda.core.roles import Role
from renda.people.models import Organisation
from renda.rectification.models import RectificationItem

S = RectificationItem.Status


def items_for(congress: Congress, **link: Any) -> QuerySet[RectificationItem]:
    """The items of this congress linked to a record, e.g. ``items_for(c, livelihood_project=p)``,
    ``items_for(c, finding__report=r)``; with no link, every item."""
    return RectificationItem.objects.in_congress(congress).filter(**link).select_related("unit")


def sees_all(user, congress: Congress) -> bool:
    """Staff and members see the whole list; a unit officer only the unit's own items."""
    return bool(roles_of(user, congress) & (STAFF | MEMBERS))


def own_units(user, congress: Congress) -> list[int]:
    if not getattr(user, "is_authenticated", False):
        return []
    return organisations_of(user, congress, Role.UNIT_OFFICER)


def visible_items(congress: Congress, user) -> QuerySet[RectificationItem]:
    """The items this user may see: all for staff and members, the unit's own for a unit officer,
    none for anyone else."""
    items = items_for(congress)
    if sees_all(user, congress):
        return items
    units = own_units(user, congress)
    return items.filter(unit_id__in=units) if units else items.none()


def may_act_on(user, congress: Congress, item: RectificationItem) -> bool:
    """Staff act on every item; a unit officer only on the unit's own."""
    if roles_of(user, congress) & STAFF:
        return True
    return item.unit_id is not None and item.unit_id in own_units(user, congress)


def overdue_q(today: datetime.date) -> Q:
    return ~Q(status=S.CLOSED) & Q(due_on__lt=today)


def public_q() -> Q:
    """Items whose source record is itself public: a finished oversight report's findings, a
    published review opinion, a published major-matter decision, a livelihood project once decided, a finished inquiry, questioning
    or investigation. Anything else stays inside."""
    return (Q(opinion_point__opinion__status="published")
            | Q(decision__status="published")
            | Q(finding__report__status="final")
            | Q(livelihood_project__status="chosen")
            | Q(inquiry_question__inquiry__status__in=["held", "concluded"])
            | Q(questioning__status__in=["answered", "further", "concluded"])
            | Q(investigation__status="decided"))


def public_items(congress: Congress) -> QuerySet[RectificationItem]:
    return items_for(congress).filter(public_q())


# ---------------------------------------------------------------- where an item came from


def _decision(item: RectificationItem):
    """The item's decision (None if it has none), read within the item's congress unless already loaded."""
    if not item.decision_id:
        return None
    if not RectificationItem.decision.is_cached(item):
        from renda.decisions.models import Decision

        item.decision = Decision.objects.in_congress(item.congress_id).get(pk=item.decision_id)
    return item.decision


def origin(item: RectificationItem) -> str:
    """The item's source in words; a decision item names its decision (《标题》（文号）)."""
    label = item.get_source_display()
    decision = _decision(item)
    if decision is not None:
        return f"{label}：《{decision.title}》" + (f"（{decision.number_text}）" if decision.number_text else "")
    return label


def origin_url(item: RectificationItem, *, public: bool = False) -> str | None:
    """Where the item's source record is shown: a decision item links its decision's page (on the
    public page, the published decisions' page, and only once the decision is published)."""
    decision = _decision(item)
    if decision is None:
        return None
    code = item.congress.code
    if public:
        if decision.status != "published":
            return None
        return reverse("decisions_public", args=[code]) + f"#decision-{decision.pk}"
    return reverse("decisions_detail", args=[code, decision.pk])


# ---------------------------------------------------------------- filters (pages, exports and the API)

STATUSES = {"open": "整改中", "claimed": "申请销号待验收", "closed": "已销号", "overdue": "已逾期"}


@dataclass
class Filters:
    """What a list is narrowed to, read from the address (?source=&unit=&status=&overdue=1&year=&q=).
    A value that is not one of the choices is dropped, with a message naming the field, so a list
    never fails on its filter."""

    source: str = ""
    unit: int | None = None
    status: str = ""
    overdue: bool = False
    year: int | None = None
    q: str = ""
    problems: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, data, congress: Congress) -> Filters:
        f = cls()
        source = (data.get("source") or "").strip()
        if source:
            if source in RectificationItem.Source.values:
                f.source = source
            else:
                f.problems.append(f"“来源”须为：{'、'.join(RectificationItem.Source.labels)}，收到：{source[:20]}")
        status = (data.get("status") or "").strip()
        if status:
            if status in S.values:
                f.status = status
            else:
                f.problems.append(f"“状态”须为：{'、'.join(S.labels)}，收到：{status[:20]}")
        unit = (str(data.get("unit") or "")).strip()
        if unit:
            if unit.isascii() and unit.isdecimal() and len(unit) < 18 and \
                    Organisation.objects.in_congress(congress).filter(pk=int(unit)).exists():
                f.unit = int(unit)
            else:
                f.problems.append(f"“责任单位”不是本级的单位，收到：{unit[:20]}")
        overdue = str(data.get("overdue") or "").strip().lower()
        f.overdue = overdue in ("1", "true", "on", "yes")
        year = str(data.get("year") or "").strip()
        if year:
            if year.isascii() and year.isdecimal() and 1949 <= int(year) <= 9999:
                f.year = int(year)
            else:
                f.problems.append(f"“年份”须为四位数的年份，收到：{year[:20]}")
        f.q = str(data.get("q") or "").strip()[:100]
        return f

    def apply(self, items: QuerySet[RectificationItem], today: datetime.date) -> QuerySet[RectificationItem]:
        if self.source:
            items = items.filter(source=self.source)
        if self.unit:
            items = items.filter(unit_id=self.unit)
        if self.status:
            items = items.filter(status=self.status)
        if self.overdue:
            items = items.filter(overdue_q(today))
        if self.year:
            items = items.filter(due_on__year=self.year)
        if self.q:
            items = items.filter(Q(problem__icontains=self.q) | Q(goal__icontains=self.q)
                                 | Q(measures__icontains=self.q) | Q(resolution__icontains=self.q))
        return items

    def describe(self, congress: Congress, user=None, *, with_problems: bool = True) -> str:
        """The filter in words, for an export's title row (“全部” when nothing narrows the list). For a
        unit officer, who sees only the unit's own items, the unit is named; a filter value that was
        not used (not one of the choices) is said so, with the reason (``with_problems``)."""
        parts = []
        if self.source:
            parts.append(f"来源：{RectificationItem.Source(self.source).label}")
        if self.unit:
            org = Organisation.objects.in_congress(congress).filter(pk=self.unit).first()
            parts.append(f"责任单位：{org.name if org else self.unit}")
        elif user is not None and not sees_all(user, congress):
            names = list(Organisation.objects.in_congress(congress).filter(pk__in=own_units(user, congress))
                         .order_by("id").values_list("name", flat=True))
            parts.append(f"责任单位：{'、'.join(names)}" if names else "无可查看的整改事项")
        if self.status:
            parts.append(f"状态：{S(self.status).label}")
        if self.overdue:
            parts.append("仅逾期")
        if self.year:
            parts.append(f"整改时限年份：{self.year}")
        if self.q:
            parts.append(f"关键词：{self.q}")
        described = "；".join(parts) or "全部"
        if with_problems and self.problems:
            described += f"；以下筛选条件有误，未采用：{'；'.join(self.problems)}"
        return described

    def query(self) -> str:
        """The filter as an address query (for the export links and the pages' own links)."""
        from urllib.parse import urlencode

        pairs = {"source": self.source, "unit": self.unit or "", "status": self.status,
                 "overdue": "1" if self.overdue else "", "year": self.year or "", "q": self.q}
        return urlencode({k: v for k, v in pairs.items() if v})


# ---------------------------------------------------------------- the dashboard's figures


@dataclass
class Figures:
    """Counts of one slice of the list. ``on_time_rate``: of the items closed or already past their
    deadline, the share closed by the deadline (None when there are none yet)."""

    label: str
    key: Any = None  # the unit's id or the source's value of a per-unit or per-source row
    total: int = 0
    open: int = 0
    claimed: int = 0
    closed: int = 0
    overdue: int = 0
    closed_on_time: int = 0

    @property
    def on_time_rate(self) -> float | None:
        base = self.closed + self.overdue
        return round(100 * self.closed_on_time / base, 1) if base else None

    def as_dict(self) -> dict:
        return {"label": self.label, "key": self.key, "total": self.total, "open": self.open, "claimed": self.claimed,
                "closed": self.closed, "overdue": self.overdue, "closed_on_time": self.closed_on_time,
                "on_time_rate": self.on_time_rate}


def _count(figures: Figures, status: str, due_on: datetime.date, closed_on, today: datetime.date) -> None:
    figures.total += 1
    if status == S.CLOSED:
        figures.closed += 1
        if closed_on is not None and closed_on <= due_on:
            figures.closed_on_time += 1
        return
    if status == S.CLAIMED:
        figures.claimed += 1
    else:
        figures.open += 1
    if due_on < today:
        figures.overdue += 1


def dashboard(items: QuerySet[RectificationItem], today: datetime.date) -> dict:
    """The whole list's figures, and the same per responsible unit and per source (largest first)."""
    whole = Figures("合计")
    by_unit: dict[int | None, Figures] = {}
    by_source: dict[str, Figures] = {}
    rows = items.order_by().values_list("status", "due_on", "closed_on", "unit_id", "unit__name", "source")
    for status, due_on, closed_on, unit_id, unit_name, source in rows:
        _count(whole, status, due_on, closed_on, today)
        _count(by_unit.setdefault(unit_id, Figures(unit_name or "（未定责任单位）", unit_id)), status, due_on,
               closed_on, today)
        _count(by_source.setdefault(source, Figures(RectificationItem.Source(source).label, source)), status, due_on,
               closed_on, today)
    order = lambda f: (-f.overdue, -f.total, f.label)  # noqa: E731
    return {"whole": whole, "units": sorted(by_unit.values(), key=order),
            "sources": sorted(by_source.values(), key=order)}


# ---------------------------------------------------------------- the same figures, from the kept rows

def _visible_units(user, congress: Congress) -> tuple[int, ...] | None:
    """None for staff and members (every unit); else the unit officer's own units."""
    return None if sees_all(user, congress) else tuple(sorted(own_units(user, congress)))


def visible_units_key(user, congress: Congress) -> str:
    """What the items a reader sees depend on, for a kept page's key: "all", or the officer's units."""
    units = _visible_units(user, congress)
    return "all" if units is None else ",".join(map(str, units))


def figures(congress: Congress, user, filters: Filters, today: datetime.date) -> dict:
    """``dashboard`` of the items this user sees narrowed by ``filters``, without counting the history:
    the totals by unit, source and status come from the kept rows (``tallies.ITEMS``), and "overdue"
    from the items still open or claimed past their deadline. A keyword search counts the matching
    items themselves (words are not kept). Computed once per data version and day."""
    if filters.q:
        return dashboard(filters.apply(visible_items(congress, user), today), today)
    from renda.core import versioned

    units = _visible_units(user, congress)
    return versioned.cached(congress, f"rectification:figures:{today}:{units}:{filters.query()}",
                            lambda: _fold(congress, user, units, filters, today))


def _fold(congress: Congress, user, units, filters: Filters, today: datetime.date) -> dict:
    from django.db.models import Count

    from renda.core import tallies
    from renda.rectification.tallies import ITEMS

    whole = Figures("合计")
    by_unit: dict[int | None, Figures] = {}
    by_source: dict[str, Figures] = {}
    counted: list[tuple[int | None, str, str, int, int, int]] = []  # unit, source, status, n, on time, overdue
    if units is not None and not units:
        pass  # a unit officer of no unit sees nothing
    elif not filters.overdue:
        for row in tallies.read(ITEMS, congress, filters.year):
            unit_id, source, status, on_time = row.key
            unit_id = unit_id or None
            if (filters.source and source != filters.source) or (filters.unit and unit_id != filters.unit) \
                    or (filters.status and status != filters.status) or (units is not None and unit_id not in units):
                continue
            counted.append((unit_id, source, status, row.count, row.count if on_time else 0, 0))
    late = filters.apply(visible_items(congress, user), today).filter(overdue_q(today)).order_by()
    for unit_id, source, status, n in late.values_list("unit_id", "source", "status").annotate(n=Count("id")):
        # Under the "overdue" filter these are the only items counted; otherwise the kept rows hold them.
        counted.append((unit_id, source, status, n if filters.overdue else 0, 0, n))
    names = dict(Organisation.objects.in_congress(congress).filter(pk__in={u for u, *_ in counted if u})
                 .values_list("id", "name"))
    for unit_id, source, status, n, on_time, overdue in counted:
        for f in (whole, by_unit.setdefault(unit_id, Figures(names.get(unit_id) or "（未定责任单位）", unit_id)),
                  by_source.setdefault(source, Figures(RectificationItem.Source(source).label, source))):
            f.total += n
            f.open += n if status == S.OPEN else 0
            f.claimed += n if status == S.CLAIMED else 0
            f.closed += n if status == S.CLOSED else 0
            f.closed_on_time += on_time
            f.overdue += overdue
    order = lambda f: (-f.overdue, -f.total, f.label)  # noqa: E731
    return {"whole": whole, "units": sorted((f for f in by_unit.values() if f.total or f.overdue), key=order),
            "sources": sorted((f for f in by_source.values() if f.total or f.overdue), key=order)}


def unit_choices(congress: Congress, user) -> list[Organisation]:
    """The units that have items this user sees (the filters' choices), from the kept rows."""
    from renda.core import tallies, versioned
    from renda.rectification.tallies import ITEMS

    units = _visible_units(user, congress)

    def compute() -> list[Organisation]:
        ids = {row.key[0] for row in tallies.read(ITEMS, congress) if row.key[0] and row.count > 0}
        if units is not None:
            ids &= set(units)
        return list(Organisation.objects.in_congress(congress).filter(pk__in=ids).order_by("name"))

    return versioned.cached(congress, f"rectification:units:{units}", compute)
