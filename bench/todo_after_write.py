"""Benchmark: an office user's to-do list after a write, on the suggestions benchmark's data (100,000
suggestions over ten years, 300 units), in-process.

Every page's header shows the to-do count, and each write of the congress changes what it may say.
Prints the server CPU of working the list out afresh (every source: what any write cost before the
list was kept source by source) against the list after a meeting is created (only the sources that
read the meetings' tables are worked out again), after nothing, and after a write outside an action
(every source again); each the median of five, and the ratios.

    .venv/bin/python bench/todo_after_write.py
    .venv/bin/python bench/todo_after_write.py --postgres
"""

from __future__ import annotations

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402
import suggestions  # noqa: E402

ROUNDS = 5


def cpu_ms(call) -> float:
    started = time.process_time()
    call()
    return (time.process_time() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--items", type=int, default=100_000)
    args = parser.parse_args()
    harness.bench_database("todo", args.postgres)
    from django.core.cache import caches
    from django.db import connection
    from django.utils import timezone

    from renda.core import actions as core_actions
    from renda.core import inbox, tallies
    from renda.core.models import Term
    from renda.core.roles import Role
    from renda.meetings import actions as meetings
    from renda.testing import make_user

    started = time.time()
    world = suggestions.build("bench-todo", args.items)
    congress = world["congress"]
    root = make_user("bench-root", is_superuser=True)
    office = make_user("bench-office")
    core_actions.grant_role(congress, actor=root, user=office, role=Role.OFFICE_STAFF)
    harness.analyze()
    term = Term.objects.in_congress(congress).get()
    print(f"database: {connection.vendor}; built {args.items} suggestions in {time.time() - started:.0f} s", flush=True)

    def fresh() -> None:
        caches["local"].clear()
        inbox.kept_tasks(congress, office)

    def a_meeting() -> None:
        meetings.create_meeting(congress, actor=office, term=term, kind="plenary", place="人民会堂",
                                starts_at=timezone.now() + datetime.timedelta(days=30))

    def outside_an_action() -> None:
        tallies.note_write(congress)

    inbox.kept_tasks(congress, office)  # the first reading of every table warmed
    figures: dict[str, list[float]] = {"afresh, every source": [], "after a meeting is created": [],
                                       "after nothing": [], "after a write outside an action": []}
    for _ in range(ROUNDS):
        figures["afresh, every source"].append(cpu_ms(fresh))
        a_meeting()
        figures["after a meeting is created"].append(cpu_ms(lambda: inbox.kept_tasks(congress, office)))
        figures["after nothing"].append(cpu_ms(lambda: inbox.kept_tasks(congress, office)))
        outside_an_action()
        figures["after a write outside an action"].append(cpu_ms(lambda: inbox.kept_tasks(congress, office)))
    medians = {name: statistics.median(values) for name, values in figures.items()}
    for name, value in medians.items():
        print(f"  office's to-do list {name:<34} {value:7.1f} ms of CPU (median of {ROUNDS})")
    base = medians["afresh, every source"]
    for name in ("after a meeting is created", "after nothing", "after a write outside an action"):
        print(harness.ratio_line(f"  {name} ÷ afresh", medians[name], base))


if __name__ == "__main__":
    main()
