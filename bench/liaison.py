"""Benchmark: liaison at a province's scale.

1,000,000 concerns across 500 stations (five years, ~200,000 a year), and in the same database a
second congress at one tenth (100,000 concerns, 50 stations). Rows are bulk-inserted, then the kept
figures are rebuilt as after any bulk load (``renda manage rebuild_tallies``, timed). 20 concurrent
clients fetch a station's page with its open-concerns queue (40 stations) in three rounds (``--rounds``)
alternating with the trivial page, every round after one action in the congress (a concern raised at a
station: every page is worked out afresh, each part kept by the tables it reads as after any write), and
the yearly statistics page, as office staff, at both sizes; each phase prints its line, the server's
memory per worker, and with --postgres the database server's CPU during it; then each round's ratios
to the trivial page with their median, and of full size to one tenth. The statistics' cost without the
process's cache (counted from the kept rows) is printed too, measured in this process. Last, the public
intake (the API behind the QR form) takes submissions, with the ratio of its throughput to the trivial
page.

    .venv/bin/python bench/liaison.py              # SQLite (the embedded default)
    .venv/bin/python bench/liaison.py --postgres
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

STATUSES = [("closed", 80), ("answered", 5), ("referred", 6), ("tracking", 4), ("received", 3), ("with_committee", 2)]
PATHS = {"closed": ["on_the_spot", "referred", "tracked"], "answered": ["referred", "tracked"], "referred": ["referred"],
         "tracking": ["tracked"], "received": [""], "with_committee": ["on_the_spot"]}


def build(code: str, concerns: int, stations: int, root, office) -> dict:
    from django.db import connection, transaction

    from renda.core import actions as core_actions
    from renda.core.models import Congress
    from renda.core.roles import Role
    from renda.liaison.models import StationProfile
    from renda.people.models import Organisation

    congress = Congress.objects.create(level="province", name=f"基准自治区人民代表大会（{code}）", code=code)
    core_actions.grant_role(congress, actor=root, user=office, role=Role.OFFICE_STAFF)
    for key in ("liaison.intake_per_address_hour", "liaison.intake_per_station_hour", "liaison.challenge_after"):
        # All clients share 127.0.0.1: lift the per-address limits (to the rules' ceiling) so that the figure
        # is the intake's cost.
        core_actions.change_rule(congress, actor=root, key=key, value=100_000)
    made = Organisation.objects.bulk_create([Organisation(congress=congress, kind="liaison_station", name=f"第{n:03d}联络站")
                                             for n in range(stations)])
    StationProfile.objects.bulk_create([StationProfile(congress=congress, station=s, area=f"第{n % 50:02d}旗县区")
                                        for n, s in enumerate(made)])
    station_ids = [s.pk for s in made]
    weights = [w for _, w in STATUSES]
    names = [s for s, _ in STATUSES]
    today = datetime.date.today()
    categories = ["城乡建设", "交通出行", "教育", "医疗卫生", "社会保障", "农牧业", "生态环境", "社会治理"]
    columns = ["congress_id", "station_id", "source", "tracking_code", "raised_on", "anonymous", "person_name",
               "person_contact", "place", "category", "text", "path", "status", "committee", "step_owner", "due_on",
               "answer", "answered_on", "satisfaction", "feedback_by_person", "closed_on", "late", "dismissed_reason"]
    sql = (f'INSERT INTO liaison_concern ({", ".join(columns)}) VALUES ({", ".join(["%s"] * len(columns))})')
    rng = random.Random(7)
    batch = []
    with transaction.atomic(), connection.cursor() as cursor:
        for i in range(concerns):
            status = rng.choices(names, weights)[0]
            raised = today - datetime.timedelta(days=rng.randrange(5 * 365))
            closed = status == "closed"
            due = None if closed else raised + datetime.timedelta(days=30)
            batch.append((congress.pk, rng.choice(station_ids), "online", f"B{i:09d}", raised, False, "某某",
                          "13900000000", "", rng.choice(categories), "群众反映的问题", rng.choice(PATHS[status]), status,
                          "", "", due, "已办理" if closed else "", raised if closed else None,
                          rng.choice(["satisfied", "satisfied", "basically", "dissatisfied"]) if closed else "",
                          False, raised if closed else None, rng.random() < 0.05, ""))
            if len(batch) == 20000:
                cursor.executemany(sql, batch)
                batch.clear()
        if batch:
            cursor.executemany(sql, batch)
    return {"code": congress.code, "congress": congress, "stations": station_ids}


def a_write(world: dict, office) -> None:
    """One action in the congress, the commonest of liaison's: a concern raised at a station (its data
    version moves; what a station's page keeps by the concerns' table is worked out again)."""
    from renda.liaison import actions
    from renda.people.models import Organisation

    station = Organisation.objects.in_congress(world["congress"]).get(pk=world["stations"][-1])
    actions.submit_concern(world["congress"], station, actor=office, data={
        "category": "交通出行", "text": "路口红绿灯时间太短", "person_name": "赵大妈", "person_contact": "13900000001"})


def rebuild(code: str) -> float:
    """The kept figures after the bulk load, by the command an operator runs (every registered aggregate)."""
    from io import StringIO

    from django.core.management import call_command

    started = time.time()
    call_command("rebuild_tallies", congress=code, stdout=StringIO())
    return time.time() - started


def statistics_cost(world: dict, year: int, repeat: int = 5) -> str:
    """The statistics as the first request after a write computes them (no cached copy): CPU in this
    process and the queries."""
    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from renda.core.tenancy import congress_scope
    from renda.liaison import reports

    congress = world["congress"]
    with congress_scope(congress), CaptureQueriesContext(connection) as queries:
        reports._statistics(congress, year, None, timezone.localdate())
        started = time.process_time()
        for _ in range(repeat):
            reports._statistics(congress, year, None, timezone.localdate())
        cost = (time.process_time() - started) / repeat * 1000
    return f"{cost:.1f} ms CPU, {len(queries) // (repeat + 1)} queries"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--concerns", type=int, default=1_000_000)
    parser.add_argument("--stations", type=int, default=500)
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the station page, alternating with the trivial page")
    args = parser.parse_args()
    db = harness.bench_database("liaison", args.postgres)
    from django.db import connection, connections

    from renda.testing import make_user

    started = time.time()
    root, office = make_user("bench-root", is_superuser=True), make_user("bench-office")
    worlds = {"full": build("bench-liaison", args.concerns, args.stations, root, office),
              "tenth": build("bench-liaison-tenth", args.concerns // 10, max(1, args.stations // 10), root, office)}
    harness.analyze()
    print(f"database: {connection.vendor}; built {args.concerns} concerns across {args.stations} stations, and one "
          f"tenth, in {time.time() - started:.0f} s", flush=True)
    for world in worlds.values():
        print(f"kept figures rebuilt (renda manage rebuild_tallies --congress {world['code']}) in "
              f"{rebuild(world['code']):.0f} s", flush=True)
    harness.analyze()
    year = datetime.date.today().year - 1
    costs = {size: statistics_cost(world, year) for size, world in worlds.items()}
    print(f"statistics {year} computed afresh (in-process, no cached copy): full {costs['full']}; "
          f"one tenth {costs['tenth']}", flush=True)
    cookie = harness.session_cookie(office)
    connections.close_all()
    with harness.server(db, workers=2) as served:
        port = served.port

        def phase(label: str, paths: list[str], requests: int) -> harness.Result:
            pg = harness.postgres_cpu_seconds() if args.postgres else 0.0
            result = harness.load(port, paths, requests=requests, cookie=cookie, label=label)
            line = result.line()
            if args.postgres:
                line += f"  database CPU {harness.postgres_cpu_seconds() - pg:.1f} s"
            print(line, flush=True)
            print("  " + served.memory_line(), flush=True)
            return result

        results: dict[str, dict[str, list[harness.Result]]] = {"station": {}, "statistics": {}}
        trivials: list[harness.Result] = []
        for size, world in worlds.items():
            code, tag = world["code"], "" if size == "full" else ", 1/10"
            stations = random.Random(1).sample(world["stations"], min(40, len(world["stations"])))
            trivials, pages = harness.rounds_printed(
                served, [f"/c/{code}/stations/{s}/" for s in stations], cookie=cookie, requests=args.requests,
                rounds=args.rounds, label=f"station page with open queue{tag}", goal_label=f"station page{tag}",
                before=lambda world=world: a_write(world, office), postgres=args.postgres)
            results["station"][size] = pages
            statistics = phase(f"statistics {year}, all stations{tag}", [f"/c/{code}/liaison/statistics/?year={year}"],
                               args.requests)
            print(f"  statistics p95 {statistics.percentile(95):.0f} ms (goal 2: ≤ 200 ms)")
            results["statistics"][size] = [statistics]
        for name, by_size in results.items():
            full, tenth = by_size["full"], by_size["tenth"]
            for p in (50, 95):
                print(harness.growth_line(f"growth: p{p} full size / one tenth ({name})", harness.median_percentile(full, p),
                                          harness.median_percentile(tenth, p)))
        trivial = trivials[-1]
        code = worlds["full"]["code"]
        jobs = [(f"/api/public/{code}/stations/{random.choice(worlds['full']['stations'])}/concerns", {},
                 {"category": "教育", "text": f"校门口拥堵 {n}", "anonymous": True}) for n in range(2000)]
        pg = harness.postgres_cpu_seconds() if args.postgres else 0.0
        latencies, statuses, seconds = harness.post_load(port, jobs, clients=20)
        intake = harness.Result("public intake (API behind the QR)", latencies, seconds, sum(
            n for status, n in statuses.items() if status != 201))
        print(intake.line(), f"statuses {statuses}" + (f"  database CPU {harness.postgres_cpu_seconds() - pg:.1f} s"
                                                       if args.postgres else ""), flush=True)
        print("  " + served.memory_line(), flush=True)
        print(harness.ratio_line("throughput ratio intake / trivial page", intake.throughput, trivial.throughput))


if __name__ == "__main__":
    main()
