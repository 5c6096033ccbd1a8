"""Benchmark: the livelihood, oversight and rectification dashboards after ten years of history.

Two congresses are built in one database: one with ten years (per year: a livelihood call of 300
proposals with 10 chosen projects, their milestones, 50 progress reports and 12 inspections each; an
oversight plan of 60 items and 400 activities; 5,000 rectification items — 50,000 in all), and one
with one year of the same (one tenth). Rows are bulk-inserted, then every kept aggregate is rebuilt
with ``tallies.rebuild`` as ``renda manage rebuild_tallies`` does. 20 concurrent clients (office
staff) fetch each dashboard of each congress; each line is printed next to the trivial /ping/ page,
with the ratio of the large congress's p50 to the small one's (≤ 10 at 10 × the data), the server's
memory per worker, and with --postgres the database server's CPU during each phase.

    .venv/bin/python bench/dashboards.py              # SQLite (the embedded default)
    .venv/bin/python bench/dashboards.py --postgres
    .venv/bin/python bench/dashboards.py --inprocess  # CPU per page in this process, no server
"""

from __future__ import annotations

import argparse
import datetime
import random
import sys
import time
from decimal import Decimal
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

PROPOSALS = 300       # per call (year)
CHOSEN = 10           # chosen projects per call
MILESTONES = 8        # per chosen project
REPORTS = 50          # progress reports per chosen project
INSPECTIONS = 12      # per chosen project
PLAN_ITEMS = 60       # per yearly oversight plan
ACTIVITIES = 400      # per year
RECTIFICATION = 5000  # items per year
UNITS = 80
GROUPS = 20
COMMITTEES = 10


def build(code: str, years: int, root, office, seed: int = 11) -> dict:
    from renda.core import actions as core_actions
    from renda.core import tallies
    from renda.core.models import Congress
    from renda.core.roles import Role
    from renda.core.tenancy import congress_scope
    from renda.livelihood.models import Call, Inspection, Milestone, ProgressReport, Proposal, Watch
    from renda.oversight.models import Activity, Plan, PlanItem
    from renda.people.models import Organisation, Person
    from renda.rectification.models import RectificationItem

    rng = random.Random(seed)
    congress = Congress.objects.create(level="city", name=f"基准{code}市人民代表大会", code=code)
    core_actions.grant_role(congress, actor=root, user=office, role=Role.OFFICE_STAFF)
    units = Organisation.objects.bulk_create([Organisation(congress=congress, kind="handling_unit", name=f"第{n:03d}局",
                                                           unit_type="department") for n in range(UNITS)])
    groups = Organisation.objects.bulk_create([Organisation(congress=congress, kind="deputy_group", name=f"第{n:02d}代表小组")
                                               for n in range(GROUPS)])
    committees = Organisation.objects.bulk_create([Organisation(congress=congress, kind="working_committee",
                                                                name=f"第{n:02d}工作委员会") for n in range(COMMITTEES)])
    leader = Person.objects.create(name="基准主任", sex="男")
    today = datetime.date.today()
    this_year = today.year
    chosen_all: list[Proposal] = []
    calls = []
    for y in range(this_year - years + 1, this_year + 1):
        call = Call.objects.create(congress=congress, year=y, title=f"{y}年民生实事项目征集", opens_on=datetime.date(y - 1, 10, 1),
                                   closes_on=datetime.date(y - 1, 11, 30), to_choose=CHOSEN, status=Call.Status.CHOSEN,
                                   stages=["部门初审"])
        calls.append(call)
        proposals = Proposal.objects.bulk_create([Proposal(
            congress=congress, call=call, title=f"{y}年第{n}号项目建议", description="建议内容", source="public",
            proposer_name="某某", status=Proposal.Status.CHOSEN if n < CHOSEN else rng.choice(["dropped", "merged", "dropped"]),
            lead_unit=rng.choice(units) if n < CHOSEN else None, budget=Decimal(rng.randrange(100, 5000)) if n < CHOSEN else None,
            leader_in_charge=leader if n < CHOSEN else None) for n in range(PROPOSALS)], batch_size=2000)
        chosen = proposals[:CHOSEN]
        chosen_all += chosen
        milestones = Milestone.objects.bulk_create([Milestone(
            congress=congress, proposal=p, title=f"节点{m}", due_on=datetime.date(y, 1 + m, 20),
            done_on=(datetime.date(y, 1 + m, rng.randrange(10, 28)) if datetime.date(y, 1 + m, 28) < today and rng.random() < .9
                     else None)) for p in chosen for m in range(MILESTONES)])
        ProgressReport.objects.bulk_create([ProgressReport(
            congress=congress, proposal=p, milestone=rng.choice(milestones), text="进展", spent=Decimal(rng.randrange(1, 80)),
            by=office) for p in chosen for _ in range(REPORTS)], batch_size=2000)
        Inspection.objects.bulk_create([Inspection(
            congress=congress, proposal=p, group=rng.choice(groups), mode=rng.choice(Inspection.Mode.values),
            on=datetime.date(y, rng.randrange(3, 12), 5), notes="视察情况", by=office)
            for p in chosen for _ in range(INSPECTIONS)])
        Watch.objects.bulk_create([Watch(congress=congress, proposal=p, group=g) for p in chosen
                                   for g in rng.sample(groups, 2)])
        plan = Plan.objects.create(congress=congress, year=y, title=f"{y}年度监督工作计划", status=Plan.Status.PUBLISHED,
                                   approved_on=datetime.date(y, 1, 10), published_on=datetime.date(y, 1, 20))
        items = PlanItem.objects.bulk_create([PlanItem(
            congress=congress, plan=plan, order=n + 1, kind=rng.choice(PlanItem.Kind.values), title=f"{y}年监督项目{n}",
            lead_committee=rng.choice(committees), month=1 + n % 12) for n in range(PLAN_ITEMS)])
        Activity.objects.bulk_create([Activity(
            congress=congress, kind=rng.choice(Activity.Kind.values), title=f"{y}年调研{n}", year=y,
            plan_item=rng.choice(items) if n < PLAN_ITEMS else None, lead_committee=rng.choice(committees),
            status=rng.choice(Activity.Status.values)) for n in range(ACTIVITIES)], batch_size=2000)
        rect = []
        for n in range(RECTIFICATION):
            due = datetime.date(y, 1, 1) + datetime.timedelta(days=rng.randrange(365))
            closed = rng.random() < (0.97 if y < this_year else 0.5)
            status = "closed" if closed else rng.choice(["open", "open", "claimed"])
            source = rng.choice(RectificationItem.Source.values)
            rect.append(RectificationItem(
                congress=congress, source=source, livelihood_project=rng.choice(chosen) if source == "livelihood" else None,
                problem=f"{y}年发现的问题{n}", goal="整改目标", measures="整改措施", due_on=due, unit=rng.choice(units),
                owner="某某", status=status,
                closed_on=due + datetime.timedelta(days=rng.randrange(-60, 30)) if closed else None,
                resolution="已整改" if closed else ""))
        RectificationItem.objects.bulk_create(rect, batch_size=2000)
    with congress_scope(congress):  # as `renda manage rebuild_tallies --congress <code>` does
        for kept in tallies.all_kept().values():
            tallies.rebuild(kept, congress)
    plan_id = Plan.objects.in_congress(congress).filter(year=this_year).values_list("id", flat=True).get()
    return {"congress": congress, "code": code, "call": calls[-1].pk, "plan": plan_id}


def pages(world: dict) -> dict[str, str]:
    code = world["code"]
    return {
        "livelihood call page (dashboard)": f"/c/{code}/livelihood/calls/{world['call']}/",
        "livelihood public page": f"/c/{code}/livelihood/",
        "oversight plan list": f"/c/{code}/oversight/",
        "oversight plan page": f"/c/{code}/oversight/plans/{world['plan']}/",
        "oversight activity list": f"/c/{code}/oversight/activities/",
        "rectification dashboard": f"/c/{code}/rectification/dashboard/",
        "rectification list": f"/c/{code}/rectification/",
    }


def inprocess(worlds: dict[str, dict], office, repeat: int = 10) -> None:
    """CPU per request in this process (django.test.Client), and the number of queries."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client()
    client.force_login(office)
    assert client.get("/ping/").status_code == 200
    for name in pages(worlds["large"]):
        costs = {}
        for size, world in worlds.items():
            path = pages(world)[name]
            response = client.get(path)
            assert response.status_code == 200, (path, response.status_code)
            with CaptureQueriesContext(connection) as queries:
                client.get(path)
            started = time.process_time()
            for _ in range(repeat):
                client.get(path)
            costs[size] = ((time.process_time() - started) / repeat * 1000, len(queries))
        print(f"{name:<36} in-process CPU: 10 years {costs['large'][0]:6.1f} ms ({costs['large'][1]} queries), "
              f"1 year {costs['small'][0]:6.1f} ms ({costs['small'][1]} queries)", flush=True)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--years", type=int, default=10)
    parser.add_argument("--requests", type=int, default=10, help="requests per client")
    parser.add_argument("--inprocess", action="store_true", help="measure CPU per page in this process only")
    args = parser.parse_args()
    db = harness.bench_database("dashboards", args.postgres)
    from django.db import connection, connections

    from renda.testing import make_user

    started = time.time()
    root = make_user("bench-root", is_superuser=True)
    office = make_user("bench-office")
    worlds = {"large": build("bench-dash-large", args.years, root, office),
              "small": build("bench-dash-small", max(1, args.years // 10), root, office)}
    harness.analyze()
    print(f"database: {connection.vendor}; built {args.years} years and {max(1, args.years // 10)} year(s) of "
          f"livelihood calls, oversight plans and activities, {RECTIFICATION} rectification items a year, in "
          f"{time.time() - started:.0f} s", flush=True)
    if args.inprocess:
        inprocess(worlds, office)
        return
    cookie = harness.session_cookie(office)
    connections.close_all()
    with harness.server(db, workers=2) as served:
        port = served.port

        def phase(label: str, paths: list[str]) -> harness.Result:
            pg = harness.postgres_cpu_seconds() if args.postgres else 0.0
            result = harness.load(port, paths, requests=args.requests, cookie=cookie, label=label)
            line = result.line()
            if args.postgres:
                line += f"  database CPU {harness.postgres_cpu_seconds() - pg:.1f} s"
            print(line, flush=True)
            return result

        trivial = phase("trivial page /ping/", ["/ping/"])
        print(served.memory_line(), flush=True)
        for name in pages(worlds["large"]):
            large = phase(f"{name}, 10 y"[:34], [pages(worlds["large"])[name]])
            small = phase(f"{name}, 1 y"[:34], [pages(worlds["small"])[name]])
            print(harness.ratio_line(f"  p95 ratio {name} (10 y) / trivial page", large.percentile(95),
                                     trivial.percentile(95)))
            print(harness.ratio_line(f"  throughput ratio {name} (10 y) / trivial", large.throughput, trivial.throughput))
            print("  " + harness.growth_line(f"growth: p50 at 10 years / at 1 year ({name})", large.percentile(50),
                                             small.percentile(50)))
            print("  " + served.memory_line(), flush=True)


if __name__ == "__main__":
    main()
