"""Benchmark: 100,000 suggestions across 10 years and 300 handling units.

20 concurrent clients (office staff) fetch the staff list filtered by lead unit, status and year,
and the yearly report with the evaluation of units; p50/p95 and the ratio to a trivial page. Then,
in-process, the yearly report on a congress with one tenth of the items: its time grows no faster
than the number of items it counts.

    .venv/bin/python bench/suggestions.py              # SQLite (the embedded default)
    .venv/bin/python bench/suggestions.py --postgres
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


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--items", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    args = parser.parse_args()
    db = harness.bench_database("suggestions", args.postgres)
    from django.db import connection, connections

    from renda.core import actions as core_actions
    from renda.core.roles import Role
    from renda.testing import make_user

    started = time.time()
    large = build("bench-sg-large", args.items)
    small = build("bench-sg-small", args.items // 10)
    office = make_user("bench-office")
    root = make_user("bench-root", is_superuser=True)
    core_actions.grant_role(large["congress"], actor=root, user=office, role=Role.OFFICE_STAFF)
    harness.analyze()
    print(f"database: {connection.vendor}; built {args.items} + {args.items // 10} suggestions, {YEARS} years, "
          f"{UNITS} units each, in {time.time() - started:.0f} s", flush=True)
    year = datetime.date.today().year - 1
    t_large, t_small = report_seconds(large["congress"], year), report_seconds(small["congress"], year)
    per_year = args.items // YEARS
    print(f"yearly report in-process: {per_year} items {t_large * 1000:.0f} ms, {per_year // 10} items "
          f"{t_small * 1000:.0f} ms; ×10 items costs ×{t_large / t_small:.1f} time (linear or better when ≤ 10)")
    cookie = harness.session_cookie(office)
    code = large["congress"].code
    connections.close_all()
    rng = random.Random(5)
    lists = [f"/c/{code}/suggestions/review/?unit={rng.choice(large['units'])}&status={rng.choice(['closed', 'assigned', ''])}"
             f"&year={datetime.date.today().year - rng.randrange(YEARS)}" for _ in range(40)]
    with harness.server(db, workers=2) as served:
        port = served.port
        trivial = harness.load(port, ["/ping/"], requests=args.requests, cookie=cookie, label="trivial page /ping/")
        print(trivial.line(), flush=True)
        listing = harness.load(port, lists, requests=args.requests, cookie=cookie, label="staff list by unit/status/year")
        print(listing.line(), flush=True)
        report = harness.load(port, [f"/c/{code}/suggestions/reports/?year={year}"], requests=max(2, args.requests // 4),
                              cookie=cookie, label=f"yearly report + evaluation {year}")
        print(report.line(), flush=True)
        print(harness.ratio_line("throughput ratio staff list / trivial page", listing.throughput, trivial.throughput))


if __name__ == "__main__":
    main()
