"""Benchmark: liaison at a province's scale.

1,000,000 concerns across 500 stations (five years, ~200,000 a year). 20 concurrent clients fetch a
station's page with its open-concerns queue, and the yearly statistics page, as office staff;
then the public intake (the API behind the QR form) takes submissions, with the ratio of its
throughput to a trivial page on the same server.

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


def build(concerns: int, stations: int) -> dict:
    from django.db import connection, transaction

    from renda.core import actions as core_actions
    from renda.core.models import Congress
    from renda.core.roles import Role
    from renda.liaison.models import StationProfile
    from renda.people.models import Organisation
    from renda.testing import make_user

    root = make_user("bench-root", is_superuser=True)
    congress = Congress.objects.create(level="province", name="基准自治区人民代表大会", code="bench-liaison")
    office = make_user("bench-office")
    core_actions.grant_role(congress, actor=root, user=office, role=Role.OFFICE_STAFF)
    for key in ("liaison.intake_per_address_hour", "liaison.intake_per_station_hour", "liaison.challenge_after"):
        # All clients share 127.0.0.1: lift the per-address limits so that the figure is the intake's cost.
        core_actions.change_rule(congress, actor=root, key=key, value=10**9)
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
    return {"code": congress.code, "cookie": harness.session_cookie(office), "stations": station_ids}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--concerns", type=int, default=1_000_000)
    parser.add_argument("--stations", type=int, default=500)
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    args = parser.parse_args()
    db = harness.bench_database("liaison", args.postgres)
    from django.db import connection, connections

    started = time.time()
    world = build(args.concerns, args.stations)
    harness.analyze()
    print(f"database: {connection.vendor}; built {args.concerns} concerns across {args.stations} stations in "
          f"{time.time() - started:.0f} s", flush=True)
    connections.close_all()
    code, cookie = world["code"], world["cookie"]
    year = datetime.date.today().year - 1
    with harness.server(db, workers=2) as served:
        port = served.port
        trivial = harness.load(port, ["/ping/"], requests=args.requests, cookie=cookie, label="trivial page /ping/")
        print(trivial.line(), flush=True)
        stations = random.Random(1).sample(world["stations"], 40)
        queue = harness.load(port, [f"/c/{code}/stations/{s}/" for s in stations], requests=args.requests, cookie=cookie,
                             label="station page with open queue")
        print(queue.line(), flush=True)
        stats = harness.load(port, [f"/c/{code}/liaison/statistics/?year={year}"], requests=max(2, args.requests // 4),
                             cookie=cookie, label=f"statistics {year}, all stations")
        print(stats.line(), flush=True)
        jobs = [(f"/api/public/{code}/stations/{random.choice(world['stations'])}/concerns", {},
                 {"category": "教育", "text": f"校门口拥堵 {n}", "anonymous": True}) for n in range(2000)]
        latencies, statuses, seconds = harness.post_load(port, jobs, clients=20)
        intake = harness.Result("public intake (API behind the QR)", latencies, seconds, sum(
            n for status, n in statuses.items() if status != 201))
        print(intake.line(), f"statuses {statuses}", flush=True)
        print(harness.ratio_line("throughput ratio intake / trivial page", intake.throughput, trivial.throughput))
        print(harness.ratio_line("throughput ratio station page / trivial page", queue.throughput, trivial.throughput))


if __name__ == "__main__":
    main()
