"""The yearly statistics read kept figures (liaison.tallies): after a random mix of writes through the
actions — concerns raised online and at receptions, the three ways, answers, feedback, dismissals,
a station moved to another county, and writes that are refused — the kept rows equal a full recount,
another congress's are untouched, and the report gives what counting the year's rows gave."""

from __future__ import annotations

import datetime
import random

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q, Sum
from django.db.models.functions import ExtractMonth
from django.utils import timezone

from renda.core import tallies
from renda.liaison import actions, reports
from renda.liaison import tallies as kept
from renda.liaison.models import Concern, Reception, StationProfile
from renda.liaison.tests.factory import concern, station_deputy
from renda.people import actions as people
from renda.people.models import Organisation

S = Concern.Status
KEPT = (*kept.CONCERNS, *kept.RECEPTIONS)
START = datetime.date(2025, 11, 20)


# ── the counting the report did before the kept figures: the oracle ──

def _concern_counts(today: datetime.date) -> dict:
    solved = Q(status__in=[S.SOLVED, S.ANSWERED, S.CLOSED])
    return {
        "raised": Count("id"),
        "on_the_spot": Count("id", filter=Q(path=Concern.Path.ON_THE_SPOT) & solved),
        "referred": Count("id", filter=Q(path=Concern.Path.REFERRED)),
        "tracked": Count("id", filter=Q(path=Concern.Path.TRACKED)),
        "answered": Count("id", filter=solved),
        "overdue": Count("id", filter=Q(late=True) | Q(status__in=Concern.OPEN, due_on__lt=today)),
        "rated": Count("id", filter=~Q(satisfaction="")),
        "satisfied": Count("id", filter=Q(satisfaction__in=[Concern.Satisfaction.SATISFIED,
                                                             Concern.Satisfaction.BASICALLY])),
    }


def counted(congress, year: int, area: str | None, today: datetime.date) -> dict:
    """{station name: counts} and {month: counts} as the report counted them from the rows."""
    start, end = datetime.date(year, 1, 1), datetime.date(year, 12, 31)
    names = dict(reports.stations(congress).values_list("id", "name"))
    areas = dict(StationProfile.objects.in_congress(congress).values_list("station_id", "area"))
    ids = [pk for pk in names if area is None or areas.get(pk, "") == area]
    by_station = {names[pk]: {n: 0 for n in reports.COUNTS} for pk in ids}
    months = {m: {n: 0 for n in reports.COUNTS} for m in range(1, 13)}
    receptions = Reception.objects.in_congress(congress).filter(held_on__range=(start, end), station_id__in=ids)
    for r in receptions.values("station_id").annotate(n=Count("id"), people=Sum("visitors")):
        by_station[names[r["station_id"]]].update(receptions=r["n"], visitors=r["people"] or 0)
    for r in (receptions.annotate(month=ExtractMonth("held_on")).values("month")
              .annotate(n=Count("id"), people=Sum("visitors")).order_by()):
        months[r["month"]].update(receptions=r["n"], visitors=r["people"] or 0)
    concerns = (Concern.objects.in_congress(congress).filter(raised_on__range=(start, end), station_id__in=ids)
                .exclude(status=S.DISMISSED).exclude(source__in=Concern.REGISTER_SOURCES))
    for r in concerns.values("station_id").annotate(**_concern_counts(today)):
        by_station[names[r["station_id"]]].update({n: r[n] for n in reports.COUNTS[2:]})
    for r in concerns.annotate(month=ExtractMonth("raised_on")).values("month").annotate(**_concern_counts(today)).order_by():
        months[r["month"]].update({n: r[n] for n in reports.COUNTS[2:]})
    return {"stations": by_station, "months": months}


def reported(congress, year: int, area: str | None) -> dict:
    stats = reports.statistics(congress, year, area)
    as_dict = lambda row: {n: getattr(row, n) for n in reports.COUNTS}  # noqa: E731
    return {"stations": {r.label: as_dict(r) for r in stats.stations},
            "months": {m: as_dict(r) for m, r in enumerate(stats.months, start=1)}}


# ── a random mix of writes ──

class Clock:
    """The actions' today, moved forward as the writes go on (raised in two years, deadlines passing)."""

    def __init__(self, monkeypatch):
        self.today = START
        monkeypatch.setattr(timezone, "localdate", lambda *a, **k: self.today)


def mix(world, clock: Clock, rng: random.Random, steps: int) -> int:
    congress, office = world.congress, world.office
    deputy = station_deputy(world)
    second = people.create_organisation(congress, actor=world.root, kind=Organisation.Kind.LIAISON_STATION,
                                        name=f"{congress.code}第二联络站")
    stations = [world.station, second]
    actions.set_up_station(congress, world.station, actor=office, area="城关区")
    refused = 0
    for _ in range(steps):
        clock.today += datetime.timedelta(days=rng.choice([0, 1, 3, 9]))
        open_ = list(Concern.objects.in_congress(congress).filter(status__in=Concern.OPEN))
        move = rng.random()
        try:
            if move < 0.25 or not open_:
                station = rng.choice(stations)
                actions.submit_concern(congress, station, actor=rng.choice([world.public, office]), data={
                    "anonymous": True, "category": "交通出行", "text": "路口缺少红绿灯"})
            elif move < 0.32:
                actions.record_reception(congress, rng.choice(stations), actor=office,
                                         held_on=clock.today - datetime.timedelta(days=rng.randrange(40)),
                                         deputies=[deputy], visitors=rng.randrange(30), concerns=[
                    {"anonymous": True, "category": "教育", "text": f"校门口拥堵{n}"} for n in range(rng.randrange(3))])
            elif move < 0.36:
                station = rng.choice(stations)
                actions.set_up_station(congress, station, actor=office, area=rng.choice(["城关区", "东湖区", ""]))
            else:
                c = rng.choice(open_)
                if c.status == S.RECEIVED:
                    way = rng.choice(["solved", "committee", "referred", "tracked", "dismiss", "bad"])
                    if way == "dismiss":
                        actions.dismiss_concern(congress, c, actor=office, reason="重复反映")
                    elif way == "bad":  # refused: neither an answer nor a committee
                        actions.triage_concern(congress, c, actor=office, path="on_the_spot")
                    else:
                        path = {"solved": "on_the_spot", "committee": "on_the_spot"}.get(way, way)
                        actions.triage_concern(congress, c, actor=office, path=path, unit=world.unit,
                                               responsible=deputy, answer="已解决" if way == "solved" else "",
                                               committee="幸福社区居委会" if way == "committee" else "")
                elif c.status == S.WITH_COMMITTEE:
                    actions.report_committee_result(congress, c, actor=office, answer="已修好")
                elif c.status in (S.REFERRED, S.TRACKING):
                    actions.answer_concern(congress, c, actor=office, answer="已答复")
                else:
                    satisfaction = rng.choice(["satisfied", "basically", "dissatisfied", "nonsense"])
                    actions.record_feedback(congress, c, actor=office, satisfaction=satisfaction)
        except (ValidationError, PermissionDenied):
            refused += 1
    return refused


@pytest.fixture
def clock(monkeypatch):
    return Clock(monkeypatch)


def test_the_kept_figures_equal_a_recount_after_a_random_mix_and_the_other_congress_is_untouched(
        world_a, world_b, clock):
    concern(world_b)
    other = {k.name: tallies.stored(k, world_b.congress) for k in KEPT}
    assert other[kept.BY_STATION.name]
    refused = mix(world_a, clock, random.Random(19), 60)
    assert refused > 0
    for k in KEPT:
        assert tallies.stored(k, world_a.congress) == tallies.recount(k, world_a.congress), k.name
        assert tallies.stored(k, world_b.congress) == other[k.name], k.name
    assert tallies.rebuild(kept.BY_MONTH, world_a.congress) == len(tallies.recount(kept.BY_MONTH, world_a.congress))


def test_the_report_gives_what_counting_the_rows_gave(world_a, clock):
    mix(world_a, clock, random.Random(7), 80)
    congress = world_a.congress
    assert Concern.objects.in_congress(congress).filter(late=True).exists()
    for today in (clock.today, clock.today + datetime.timedelta(days=20)):  # deadlines passing without a write
        clock.today = today
        for year in (2025, 2026):
            for area in (None, "城关区", "东湖区"):
                assert reported(congress, year, area) == counted(congress, year, area, today), (year, area)
    stats = reports.statistics(congress, 2026)
    assert stats.total.overdue > 0 and stats.total.raised > 0 and stats.total.receptions > 0


def test_the_office_inbox_counts_what_counting_the_backlog_gave(world_a, clock):
    from renda.core.inbox import Ask
    from renda.liaison import inbox

    mix(world_a, clock, random.Random(3), 60)
    congress = world_a.congress
    concerns = Concern.objects.in_congress(congress).exclude(source__in=Concern.REGISTER_SOURCES)
    for today in (clock.today, clock.today + datetime.timedelta(days=20)):
        clock.today = today
        tasks = {t.key: t for t in inbox.tasks(Ask(congress, world_a.office, today=today))}
        late = concerns.filter(status__in=Concern.OPEN, due_on__lt=today).order_by("due_on", "id")
        assert tasks["concerns_untriaged"].count == concerns.filter(status=S.RECEIVED).count()
        assert tasks["concerns_overdue"].count == late.count()
        assert [i.url for i in tasks["concerns_overdue"].items] == [
            f"/c/{congress.code}/concerns/{c.pk}/" for c in late[:5]]
