"""Benchmark: 100,000 suggestions across 10 years and 300 handling units.

Built in bulk, then the kept figures recounted with ``renda manage rebuild_tallies`` (as after any bulk
load). 20 concurrent clients fetch the staff list filtered by lead unit, status and year (office
staff) and the busiest handling unit's queue (its officer), each in three rounds (``--rounds``) that
alternate with the trivial page, every round after one action in the congress (so every page is worked
out afresh, as after any write), then the yearly report with the evaluation of units; p50/p95, each
round's ratios to the trivial page and their median, the workers' memory after each phase (and with
--postgres the database server's CPU). Every phase runs again on a congress with one tenth of the
items in the same invocation, and the ratio of times is printed per figure. In-process, the yearly
report computed from the kept figures on both congresses.

    .venv/bin/python bench/suggestions.py              # SQLite (the embedded default)
    .venv/bin/python bench/suggestions.py --postgres
"""

from __future__ import annotations

import argparse
import datetime
import os
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

YEARS = 10
UNITS = 300


def build(code: str, items: int, seed: int = 3) -> dict:
    from renda import demo
    from renda.core.models import Congress, Term
    from renda.people.models import Mandate, Organisation
    from renda.proposals.models import Answer, Assignment, Author, Commitment, Rating, Suggestion

    rng = random.Random(seed)
    congress = Congress.objects.create(level="city", name=f"基准{code}市人民代表大会", code=code)
    term = Term.objects.create(congress=congress, number=5, start=datetime.date(2017, 1, 10))
    demo.bulk_deputies(congress, term, 600, start_number=1 if code.endswith("large") else 100001)
    people = list(Mandate.objects.in_congress(congress).values_list("person_id", flat=True))
    units = Organisation.objects.bulk_create([Organisation(congress=congress, kind="handling_unit", name=f"第{n:03d}局",
                                                           unit_type="department") for n in range(UNITS)])
    this_year = datetime.date.today().year
    categories = ["教育", "交通", "医疗卫生", "城乡建设", "农牧业", "生态环境", "社会保障", "产业发展", "社会治理", "其他"]
    statuses = rng.choices(["closed", "answered", "assigned", "rehandling"], [70, 10, 15, 5], k=items)
    made = []
    for n in range(items):
        year = this_year - (n % YEARS)
        made.append(Suggestion(congress=congress, term=term, year=year, title=f"关于{rng.choice(categories)}问题的建议{n}",
                               body="内容", category=rng.choice(categories), status=statuses[n], number=n // YEARS + 1))
    made = Suggestion.objects.bulk_create(made, batch_size=5000)
    Author.objects.bulk_create([Author(congress=congress, suggestion=s, person_id=rng.choice(people), lead=True,
                                       confirmed=True) for s in made], batch_size=5000)
    assignments, answers = [], []
    for s in made:
        assigned = datetime.date(s.year, 3, 15)
        due = datetime.date(s.year, 6, 15)
        unit = rng.choice(units)
        assignments.append(Assignment(congress=congress, suggestion=s, unit=unit, lead=True, assigned_on=assigned, due_on=due))
        if s.status != "assigned":
            answers.append(Answer(congress=congress, suggestion=s, unit=unit, round=1, outcome=rng.choice("AABC"),
                                  text="答复", due_on=due, answered_on=due + datetime.timedelta(days=rng.randint(-40, 5))))
    Assignment.objects.bulk_create(assignments, batch_size=5000)
    answers = Answer.objects.bulk_create(answers, batch_size=5000)
    ratings = [Rating(congress=congress, answer=a, person_id=people[0], work="满意",
                      result=rng.choice(["满意", "满意", "基本满意", "不满意", "未表态"])) for a in answers]
    Rating.objects.bulk_create(ratings, batch_size=5000, ignore_conflicts=True)
    Commitment.objects.bulk_create([Commitment(congress=congress, answer=a, text="承诺", due_on=a.due_on,
                                               done_on=a.due_on if rng.random() < 0.6 else None,
                                               confirmed_on=a.due_on if rng.random() < 0.5 else None)
                                    for a in answers if a.outcome == "B"], batch_size=5000)
    return {"congress": congress, "units": [u.pk for u in units]}


def report_seconds(congress, year: int, repeat: int = 3) -> float:
    from renda.core.tenancy import congress_scope
    from renda.proposals import reports

    best = float("inf")
    with congress_scope(congress):
        for _ in range(repeat):
            started = time.perf_counter()
            reports.summary(congress, year=year)
            reports.unit_evaluation(congress, year)
            best = min(best, time.perf_counter() - started)
    return best


def unit_officer(world: dict, name: str):
    """A unit officer of the unit with the most items in handling (a realistic queue)."""
    from django.db.models import Count

    from renda.core import actions as core_actions
    from renda.people.models import Organisation
    from renda.proposals.models import Assignment
    from renda.testing import make_user

    congress = world["congress"]
    busiest = (Assignment.objects.in_congress(congress).filter(ended_on__isnull=True,
                                                                suggestion__status__in=["assigned", "rehandling"])
               .values("unit_id").annotate(n=Count("id")).order_by("-n", "unit_id")[0])
    user = make_user(name)
    core_actions.grant_role(congress, actor=world["root"], user=user, role="unit_officer",
                            organisation=Organisation.objects.in_congress(congress).get(pk=busiest["unit_id"]))
    return user, busiest["n"]


def phases(served, world: dict, args, tenth: bool) -> dict[str, list[harness.Result]]:
    """The pages under load for one congress: the staff list and the unit's queue, each in ``--rounds``
    rounds alternating with the trivial page, every round after a write (an action on one item: the pages
    are worked out afresh, as after any action in the congress); then the yearly report."""
    rng = random.Random(5)
    code, year, size = world["congress"].code, datetime.date.today().year - 1, "1/10" if tenth else "full"
    lists = [f"/c/{code}/suggestions/review/?unit={rng.choice(world['units'])}&status={rng.choice(['closed', 'assigned', ''])}"
             f"&year={datetime.date.today().year - rng.randrange(YEARS)}" for _ in range(40)]
    runs = [("list", lists, world["office_cookie"], f"[{size}] staff list by unit/status/year"),
            ("queue", [f"/c/{code}/suggestions/queue/"], world["unit_cookie"], f"[{size}] unit queue ({world['queue']} in handling)")]
    results = {}
    for name, paths, cookie, label in runs:
        _, results[name] = harness.rounds_printed(served, paths, cookie=cookie, requests=args.requests, rounds=args.rounds,
                                                  label=label, goal_label=f"[{size}] {name}", before=lambda: a_write(world),
                                                  postgres=args.postgres)
    label = f"[{size}] yearly report + evaluation {year}"
    results["report"] = [harness.load(served.port, [f"/c/{code}/suggestions/reports/?year={year}"], requests=max(2, args.requests // 4),
                                      cookie=world["office_cookie"], label=label)]
    print(results["report"][0].line())
    print("  " + served.memory_line(), flush=True)
    return results


def a_write(world: dict) -> None:
    """One action in the congress (marking an item confidential, or not): its data version moves."""
    from renda.proposals import actions
    from renda.proposals.models import Suggestion

    item = Suggestion.objects.in_congress(world["congress"]).order_by("id").first()
    actions.set_confidential(world["congress"], item, actor=world["office"], confidential=not item.confidential)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of each page, alternating with the trivial page")
    args = parser.parse_args()
    db = harness.bench_database("suggestions", args.postgres)
    from django.core.management import call_command
    from django.db import connection, connections

    from renda.core import actions as core_actions
    from renda.core.roles import Role
    from renda.testing import make_user

    started = time.time()
    large = build("bench-sg-large", args.items)
    small = build("bench-sg-small", args.items // 10)
    built = time.time() - started
    root = make_user("bench-root", is_superuser=True)
    for world, name in ((large, "large"), (small, "small")):
        world["root"] = root
        office = make_user(f"bench-office-{name}")
        core_actions.grant_role(world["congress"], actor=root, user=office, role=Role.OFFICE_STAFF)
        world["office"], world["office_cookie"] = office, harness.session_cookie(office)
        officer, world["queue"] = unit_officer(world, f"bench-unit-{name}")
        world["unit_cookie"] = harness.session_cookie(officer)
    # The rows were loaded in bulk, without actions: recount the kept figures as the real command does
    # (with the planner's statistics fresh, as on a database in service; and again for the kept rows).
    harness.analyze()
    started = time.time()
    with open(os.devnull, "w") as quiet:
        for world in (large, small):
            call_command("rebuild_tallies", congress=world["congress"].code, stdout=quiet)
    rebuilt = time.time() - started
    harness.analyze()
    print(f"database: {connection.vendor}; built {args.items} + {args.items // 10} suggestions, {YEARS} years, "
          f"{UNITS} units each, in {built:.0f} s; kept figures rebuilt (renda manage rebuild_tallies) in {rebuilt:.0f} s",
          flush=True)
    year = datetime.date.today().year - 1
    t_large, t_small = report_seconds(large["congress"], year), report_seconds(small["congress"], year)
    per_year = args.items // YEARS
    print(f"yearly report in-process (computed, not cached): {per_year} items {t_large * 1000:.0f} ms, {per_year // 10} "
          f"items {t_small * 1000:.0f} ms; ×10 items costs ×{t_large / t_small:.1f} time (linear or better when ≤ 10)")
    connections.close_all()
    with harness.server(db, workers=2) as served:
        print(served.memory_line(), flush=True)
        full = phases(served, large, args, tenth=False)
        tenth = phases(served, small, args, tenth=True)
    for name in ("list", "queue", "report"):
        a, b = full[name], tenth[name]
        print(f"{name:<8} full / one tenth (medians of the rounds): p50 ×{harness.median_percentile(a, 50) / harness.median_percentile(b, 50):.2f}, "
              f"p95 ×{harness.median_percentile(a, 95) / harness.median_percentile(b, 95):.2f} "
              f"(10 × the data: ≤ 10 for the report, near 1 for the lists)")


if __name__ == "__main__":
    main()
