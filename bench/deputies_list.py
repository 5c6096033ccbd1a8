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


def register_phase(args) -> None:
    db = database_url(args, "register")
    harness.django_setup(db)
    from django.db import connection, connections

    print(f"database: {connection.vendor}; clients: 20; requests per client: {args.requests}", flush=True)
    started = time.time()
    harness.fresh_database(db)
    code, cookie, delegation, deep = build_register(args.deputies)
    print(f"built {args.deputies} deputies in {time.time() - started:.0f} s", flush=True)
    connections.close_all()
    base = f"/c/{code}/deputies/"
    with harness.server(db) as served:
        port = served.port
        trivial = harness.load(port, ["/ping/"], requests=args.requests, cookie=cookie, label="trivial page /ping/")
        register = harness.load(port, [base, f"{base}?status=serving", f"{base}?delegation={delegation}",
                                       f"{base}?q=%E7%8E%8B%E4%BC%9F", f"{base}?after={deep}"],
                                requests=args.requests, cookie=cookie, label=f"register, {args.deputies} deputies, mixed")
        first_page = harness.load(port, [base], requests=args.requests, cookie=cookie, label="register, first page")
    for result in (trivial, register, first_page):
        print(result.line())
    print(harness.ratio_line("throughput ratio register (mixed) / trivial page", register.throughput, trivial.throughput))


def congresses_phase(args) -> None:
    db = database_url(args, f"congresses_{args.count}")
    harness.django_setup(db)
    from django.db import connections

    started = time.time()
    harness.fresh_database(db)
    code, cookie = build_many_congresses(args.count, 2_000, 20)
    connections.close_all()
    print(f"built {args.count} congresses in {time.time() - started:.0f} s", flush=True)
    base = f"/c/{code}/deputies/"
    with harness.server(db) as served:
        port = served.port
        result = harness.load(port, [base, f"{base}?status=serving", f"{base}?q=%E7%8E%8B"],
                              requests=args.requests, cookie=cookie, label=f"register with {args.count} congresses")
    print(result.line())
    print(f"RESULT {result.percentile(50):.3f} {result.throughput:.3f}")


def database_url(args, name: str) -> str:
    if args.postgres:
        return f"postgres://postgres@127.0.0.1:5432/renda_bench_{name}"
    return harness.sqlite_url(f"{name}.sqlite3")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--deputies", type=int, default=50_000)
    parser.add_argument("--congresses", type=int, default=10_000)
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    parser.add_argument("--phase", choices=["register", "congresses"], help=argparse.SUPPRESS)
    parser.add_argument("--count", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "register":
        return register_phase(args)
    if args.phase == "congresses":
        return congresses_phase(args)
    # Each phase runs in its own process, so that each sets Django up once on its own database.
    common = [sys.executable, __file__, "--requests", str(args.requests)] + (["--postgres"] if args.postgres else [])
    subprocess.run([*common, "--phase", "register", "--deputies", str(args.deputies)], check=True)
    figures = {}
    for count in (10, args.congresses):
        out = subprocess.run([*common, "--phase", "congresses", "--count", str(count)], check=True,
                             capture_output=True, text=True).stdout
        print("\n".join(line for line in out.splitlines() if not line.startswith("RESULT")), flush=True)
        p50, throughput = next(line for line in out.splitlines() if line.startswith("RESULT")).split()[1:]
        figures[count] = (float(p50), float(throughput))
    (p50_small, tp_small), (p50_large, tp_large) = figures[10], figures[args.congresses]
    print(harness.ratio_line(f"p50 latency ratio {args.congresses} / 10 congresses", p50_large, p50_small))
    print(harness.ratio_line(f"throughput ratio {args.congresses} / 10 congresses", tp_large, tp_small))


if __name__ == "__main__":
    main()
