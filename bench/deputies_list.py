"""Benchmark: the deputies register under load.

1. 50,000 deputies in one congress; 20 concurrent clients on loopback fetch the register (first
   page, filtered by status and delegation, a name search, a deep keyset page) as office staff.
   Prints p50/p95 and the ratio of its throughput to a trivial page on the same server.
2. The same register for one congress (2,000 deputies) with 10 and then with 10,000 congresses
   loaded (every other congress with 20 deputies of its own); prints both and their ratio, which
   stays near 1 when every query is scoped by the congress index.

    .venv/bin/python bench/deputies_list.py            # SQLite (the embedded default)
    .venv/bin/python bench/deputies_list.py --postgres # PostgreSQL at 127.0.0.1:5432
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402


def build_register(deputies: int) -> tuple[str, str, int, int]:
    from renda import demo
    from renda.core import actions as core_actions
    from renda.core.models import Congress
    from renda.core.roles import Role
    from renda.people import actions
    from renda.people.models import Mandate, Organisation
    from renda.testing import make_user

    root = make_user("bench-root", is_superuser=True)
    congress = Congress.objects.create(level="city", name="基准市人民代表大会", code="bench")
    term = core_actions.create_term(congress, actor=root, number=5, start="2022-01-10")
    for d in demo.DELEGATIONS:
        delegation = actions.create_organisation(congress, actor=root, kind="delegation", name=f"{d}代表团")
        for i in (1, 2, 3):
            actions.create_organisation(congress, actor=root, kind="deputy_group", name=f"{d}第{i}小组",
                                        parent=delegation)
    office = make_user("bench-office")
    core_actions.grant_role(congress, actor=root, user=office, role=Role.OFFICE_STAFF)
    demo.bulk_deputies(congress, term, deputies)
    delegation = Organisation.objects.in_congress(congress).filter(kind="delegation").first()
    deep = Mandate.objects.in_congress(congress).order_by("id").values_list("id", flat=True)[int(deputies * 0.8)]
    return congress.code, harness.session_cookie(office), delegation.pk if delegation else 0, deep


def build_many_congresses(count: int, own_deputies: int, others_each: int) -> tuple[str, str]:
    from renda import demo
    from renda.core import actions as core_actions
    from renda.core.models import Congress, Term
    from renda.core.roles import Role
    from renda.people.models import Organisation
    from renda.testing import make_user

    root = make_user("bench-root", is_superuser=True)
    congresses = Congress.objects.bulk_create(
        [Congress(level="county", name=f"基准县{n}人民代表大会", code=f"c{n}") for n in range(count)])
    terms = Term.objects.bulk_create([Term(congress=c, number=1, start="2022-01-01") for c in congresses])
    Organisation.objects.bulk_create([Organisation(congress=c, kind="delegation", name="代表团") for c in congresses])
    measured = congresses[count // 2]
    for n, (congress, term) in enumerate(zip(congresses, terms, strict=True)):
        demo.bulk_deputies(congress, term, own_deputies if congress == measured else others_each, seed=n)
    office = make_user("bench-office")
    core_actions.grant_role(measured, actor=root, user=office, role=Role.OFFICE_STAFF)
    return measured.code, harness.session_cookie(office)


def build_phase(args) -> None:
    """In a process of its own (Django set up once, on this database): build, print what to measure."""
    name = f"register_{args.deputies}" if args.phase == "build-register" else f"congresses_{args.count}"
    db = database_url(args, name)
    harness.django_setup(db)
    started = time.time()
    harness.fresh_database(db)
    if args.phase == "build-register":
        code, cookie, delegation, deep = build_register(args.deputies)
        built = {"db": db, "code": code, "cookie": cookie, "delegation": delegation, "deep": deep,
                 "what": f"{args.deputies} deputies"}
    else:
        code, cookie = build_many_congresses(args.count, 2_000, 20)
        built = {"db": db, "code": code, "cookie": cookie, "what": f"{args.count} congresses"}
    harness.analyze()
    built["seconds"] = round(time.time() - started)
    print("BUILT " + json.dumps(built), flush=True)


def build(args, phase: str, **extra) -> dict:
    command = [sys.executable, __file__, "--phase", phase] + (["--postgres"] if args.postgres else [])
    for key, value in extra.items():
        command += [f"--{key}", str(value)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    built = json.loads(next(line for line in out.splitlines() if line.startswith("BUILT "))[6:])
    print(f"built {built['what']} in {built['seconds']} s", flush=True)
    return built


def pooled(results: list[harness.Result], label: str) -> harness.Result:
    return harness.Result(label, [x for r in results for x in r.latencies], sum(r.seconds for r in results),
                          sum(r.errors for r in results))


def register_paths(built: dict) -> list[str]:
    base = f"/c/{built['code']}/deputies/"
    return [base, f"{base}?status=serving", f"{base}?delegation={built['delegation']}",
            f"{base}?q=%E7%8E%8B%E4%BC%9F", f"{base}?after={built['deep']}"]


def register_run(args) -> None:
    """The register at full size against the trivial page of the same server, in alternating rounds;
    then the same register at one tenth of the deputies, alternating with the full size."""
    full = build(args, "build-register", deputies=args.deputies)
    tenth = build(args, "build-register", deputies=args.deputies // 10)
    rounds, n = args.rounds, args.requests
    with harness.server(full["db"]) as big, harness.server(tenth["db"]) as small:
        def measure(served, built, paths, label):
            return lambda: harness.load(served.port, paths, requests=n, cookie=built["cookie"], label=label)

        runs = harness.alternate({
            "trivial": measure(big, full, ["/ping/"], "trivial page /ping/"),
            "register": measure(big, full, register_paths(full), f"register, {args.deputies} deputies, mixed"),
            "first": measure(big, full, [f"/c/{full['code']}/deputies/"], "register, first page"),
            "tenth": measure(small, tenth, register_paths(tenth), f"register, {args.deputies // 10} deputies, mixed"),
        }, rounds=rounds)
        memory_big, memory_small = big.memory_line(), small.memory_line()
    results = {name: pooled(rs, rs[0].label) for name, rs in runs.items()}
    print(f"{rounds} alternating rounds, 20 clients × {n} requests each per round; figures pooled over the rounds")
    for result in results.values():
        print(result.line())
    trivial, register = results["trivial"], results["register"]
    print(harness.ratio_line("p95 ratio register (mixed) / trivial page (goal ≤ 3)", register.percentile(95),
                             trivial.percentile(95)))
    print(harness.ratio_line("throughput ratio register (mixed) / trivial page (goal ≥ 0.3)", register.throughput,
                             trivial.throughput))
    print(harness.ratio_line("p95 ratio first page / trivial page", results["first"].percentile(95),
                             trivial.percentile(95)))
    print(harness.spread_line(f"growth: p50 at {args.deputies} / at {args.deputies // 10} deputies",
                              [a.percentile(50) / b.percentile(50) for a, b in zip(runs["register"], runs["tenth"],
                                                                                   strict=True)]))
    print(f"full size: {memory_big}\none tenth: {memory_small}")


def congresses_run(args) -> None:
    """The same congress's register (2,000 deputies) with 10 and with 10,000 congresses loaded, both
    servers up, measured in alternating rounds: the ratio per round and its spread."""
    few = build(args, "build-congresses", count=10)
    many = build(args, "build-congresses", count=args.congresses)
    n = args.requests
    with harness.server(few["db"]) as a, harness.server(many["db"]) as b:
        def measure(served, built, label):
            base = f"/c/{built['code']}/deputies/"
            return lambda: harness.load(served.port, [base, f"{base}?status=serving", f"{base}?q=%E7%8E%8B"],
                                        requests=n, cookie=built["cookie"], label=label)

        runs = harness.alternate({"few": measure(a, few, "register with 10 congresses"),
                                  "many": measure(b, many, f"register with {args.congresses} congresses")},
                                 rounds=args.rounds)
        memory_a, memory_b = a.memory_line(), b.memory_line()
    for rs in runs.values():
        print(pooled(rs, rs[0].label).line())
    p50 = [m.percentile(50) / f.percentile(50) for m, f in zip(runs["many"], runs["few"], strict=True)]
    tp = [m.throughput / f.throughput for m, f in zip(runs["many"], runs["few"], strict=True)]
    print(harness.spread_line(f"p50 latency ratio {args.congresses} / 10 congresses (goal ≤ 1.2)", p50))
    print(harness.spread_line(f"throughput ratio {args.congresses} / 10 congresses", tp))
    print(f"10 congresses: {memory_a}\n{args.congresses} congresses: {memory_b}")


def database_url(args, name: str) -> str:
    if args.postgres:
        return f"postgres://postgres@127.0.0.1:5432/renda_bench_{name}"
    return harness.sqlite_url(f"{name}.sqlite3")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--deputies", type=int, default=50_000)
    parser.add_argument("--congresses", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=20, help="requests per client per round")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds")
    parser.add_argument("--only", choices=["register", "congresses"], help="one of the two parts")
    parser.add_argument("--phase", choices=["build-register", "build-congresses"], help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase:
        return build_phase(args)
    print(f"database: {'postgresql' if args.postgres else 'sqlite'}; server: 2 workers × 16 threads; 20 clients",
          flush=True)
    if args.only != "congresses":
        register_run(args)
    if args.only != "register":
        congresses_run(args)


if __name__ == "__main__":
    main()
