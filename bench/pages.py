"""Benchmark: the meeting page, the home inbox and the search results page under load (issue 19).

A city congress at realistic scale: 3,000 deputies; this week's plenary meeting, open, with its full
roster (drawn by the real action), agenda, documents, sign-ins and pending leave requests; past
plenaries with full rosters and a hundred past standing-committee sessions; suggestions waiting for
review (the office's inbox); and a searchable history of 100,000 suggestions and station concerns
written into the index as the app writes it (``engine.put_many``, the audience keys the sources give).

20 concurrent clients on loopback fetch, each phase in turn with the trivial /ping/ page of the same
server, three rounds of each (``--rounds``; the ratios are each round's and their median):
the meeting page (office staff, with the roster; a deputy), the home inbox (office staff; a deputy),
and the search results page (a few common queries, office staff). Prints p50/p95/throughput, the ratios
to the trivial page (goal: p95 ≤ 3 × and throughput ≥ 0.3 ×), each worker's memory after each phase and,
with --postgres, the database server's CPU during it. The same runs at one tenth of the size in the
same invocation; the ratio of times (full / tenth) is printed for each page.

    .venv/bin/python bench/pages.py            # SQLite (the embedded default)
    .venv/bin/python bench/pages.py --postgres # PostgreSQL at 127.0.0.1:5432
"""

from __future__ import annotations

import argparse
import datetime
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

QUERIES = ["道路维修", "垃圾分类", "养老服务", "停车难", "加装电梯"]


def build(scale: float) -> dict:
    from django.contrib.auth import get_user_model
    from django.contrib.auth.hashers import make_password
    from django.utils import timezone

    from renda import demo
    from renda.core import actions as core_actions
    from renda.core.models import Congress
    from renda.core.roles import Role
    from renda.meetings import actions as meetings
    from renda.meetings.models import AgendaItem, Document, LeaveRequest, Meeting, RosterEntry
    from renda.people import actions as people
    from renda.people.models import Mandate, Organisation
    from renda.proposals.models import Author, Suggestion
    from renda.search import engine
    from renda.search.engine import Document as Entry
    from renda.testing import make_user

    deputies, history = int(3000 * scale), int(100_000 * scale)
    past_sessions, submitted = max(10, int(100 * scale)), max(10, int(300 * scale))
    rng = random.Random(3)
    root = make_user("bench-root", is_superuser=True)
    congress = Congress.objects.create(level="city", name="基准市人民代表大会", code="pages")
    term = core_actions.create_term(congress, actor=root, number=5, start="2022-01-10")
    for d in demo.DELEGATIONS:
        delegation = people.create_organisation(congress, actor=root, kind="delegation", name=f"{d}代表团")
        for i in (1, 2, 3):
            people.create_organisation(congress, actor=root, kind="deputy_group", name=f"{d}第{i}小组", parent=delegation)
    for n in range(40):
        people.create_organisation(congress, actor=root, kind="handling_unit", name=f"第{n:02d}局",
                                   unit_type="department")
    office = make_user("bench-office", first_name="办公室")
    core_actions.grant_role(congress, actor=root, user=office, role=Role.OFFICE_STAFF)
    demo.bulk_deputies(congress, term, deputies)
    mandates = list(Mandate.objects.in_congress(congress).filter(status="serving").select_related("person")
                    .order_by("id"))
    deputy_person = mandates[7].person
    User = get_user_model()
    deputy = User.objects.create(username="bench-deputy", first_name=deputy_person.name, password=make_password(None))
    deputy_person.user = deputy
    deputy_person.save(update_fields=["user"])
    core_actions.grant_role(congress, actor=root, user=deputy, role=Role.DEPUTY)

    now = timezone.now()
    # History: past plenaries (full rosters) and standing-committee sessions, all closed.
    past = Meeting.objects.bulk_create(
        [Meeting(congress=congress, term=term, kind="plenary", number=n + 1, status="closed", place="人民会堂",
                 starts_at=now - datetime.timedelta(days=365 * (4 - n))) for n in range(4)]
        + [Meeting(congress=congress, term=term, kind="sc_session", number=n + 1, status="closed", place="常委会会议室",
                   starts_at=now - datetime.timedelta(days=1500 - n * 14)) for n in range(past_sessions)])
    people_ids = [m.person_id for m in mandates]
    attendance = ["present"] * 17 + ["leave", "absent", "present"]
    rows = []
    for meeting in past:
        members = people_ids if meeting.kind == "plenary" else people_ids[:60]
        rows += [RosterEntry(congress=congress, meeting=meeting, person_id=p, attendance=rng.choice(attendance))
                 for p in members]
    RosterEntry.objects.bulk_create(rows, batch_size=5000)

    # This week's plenary, through the actions: convened, roster drawn, agenda, opened, members signing in.
    plenary = meetings.create_meeting(congress, actor=office, term=term, kind="plenary", place="人民会堂",
                                      starts_at=now - datetime.timedelta(hours=2))
    meetings.build_roster(congress, plenary, actor=office)
    for kind, title in [("report", "听取和审议政府工作报告"), ("report", "审查国民经济和社会发展计划执行情况"),
                        ("report", "审查预算执行情况和预算草案"), ("report", "听取和审议人大常委会工作报告"),
                        ("report", "听取和审议法院工作报告"), ("report", "听取和审议检察院工作报告"),
                        ("election", "选举"), ("other", "其他事项")]:
        meetings.add_agenda_item(congress, plenary, actor=office, kind=kind, title=title)
    items = list(AgendaItem.objects.in_congress(congress).filter(meeting=plenary))
    Document.objects.bulk_create([
        Document(congress=congress, meeting=plenary, agenda_item=item, title=f"{item.title}（文件）",
                 file=f"meeting-documents/2026/doc{item.pk}.pdf", audience=["members", "attendees", "public"][n % 3],
                 release_at=now - datetime.timedelta(days=1) if n % 4 else now + datetime.timedelta(days=1))
        for n, item in enumerate(items)])
    meetings.open_meeting(congress, plenary, actor=office)
    roster = list(RosterEntry.objects.in_congress(congress).filter(meeting=plenary).order_by("id"))
    for n, entry in enumerate(roster):
        if n % 3:
            entry.attendance, entry.signed_in_at, entry.sign_in_method = "present", now, "device"
    RosterEntry.objects.bulk_update(roster, ["attendance", "signed_in_at", "sign_in_method"], batch_size=2000)
    LeaveRequest.objects.bulk_create([LeaveRequest(congress=congress, meeting=plenary, person_id=e.person_id,
                                                   reason="因公出差") for e in roster[3:3 + max(5, deputies // 100)]])

    # The office's inbox: suggestions waiting for review; the deputy leads a few of them.
    made = Suggestion.objects.bulk_create([
        Suggestion(congress=congress, term=term, year=now.year, title=f"关于{rng.choice(QUERIES)}问题的建议{n}", body="内容",
                   category="城乡建设", status="submitted", submitted_at=now - datetime.timedelta(days=n % 30))
        for n in range(submitted)])
    Author.objects.bulk_create([Author(congress=congress, suggestion=s, person_id=deputy_person.pk if n < 5 else
                                       rng.choice(people_ids), lead=True, confirmed=True) for n, s in enumerate(made)])

    # The searchable history, indexed the way the app indexes (bench/search.py's texts, the sources' keys).
    import search as search_bench

    start = datetime.datetime(2016, 1, 1, tzinfo=datetime.UTC)
    span = (now - start).total_seconds()
    stations = 30

    def documents():
        for i, (title, body) in enumerate(search_bench.texts(history)):
            when = start + datetime.timedelta(seconds=int(i / history * span))
            if i % 2:
                audience = ["view_submitted_suggestion", f"view_own_suggestion:person:{people_ids[i % len(people_ids)]}"]
                kind, status = "suggestion", ["assigned", "answered", "closed"][i % 3]
            else:
                audience = ["liaison_office", f"concern:station:{i % stations}"]
                kind, status = "concern", ["assigned", "answered", "closed"][i % 3]
            yield Entry(congress_id=congress.pk, kind=kind, object_id=1_000_000 + i, title=title, body=body,
                        when=when, status=status, unit_id=None, audience=audience)

    engine.put_many(documents(), batch=5000)
    harness.analyze()
    return {"code": congress.code, "meeting": plenary.pk, "office": harness.session_cookie(office),
            "deputy": harness.session_cookie(deputy), "roster": len(roster),
            "delegations": Organisation.objects.in_congress(congress).filter(kind="delegation").count()}


def pages_phase(args) -> None:
    name = "pages_full" if args.scale == 1 else "pages_tenth"
    db = (f"postgres://postgres@127.0.0.1:5432/renda_bench_{name}" if args.postgres
          else harness.sqlite_url(f"{name}.sqlite3"))
    harness.django_setup(db)
    from django.db import connection, connections

    started = time.time()
    harness.fresh_database(db)
    built = build(args.scale)
    print(f"database: {connection.vendor}; scale {args.scale:g}: {int(3000 * args.scale)} deputies "
          f"(roster {built['roster']}), {int(100_000 * args.scale)} indexed texts; built in {time.time() - started:.0f} s; "
          f"clients: 20; requests per client: {args.requests}", flush=True)
    connections.close_all()
    if args.build_only:
        return
    code, meeting = built["code"], built["meeting"]
    phases = [
        ("meeting page, office staff", [f"/c/{code}/meetings/{meeting}/"], "office"),
        ("meeting page, deputy", [f"/c/{code}/meetings/{meeting}/"], "deputy"),
        ("home inbox, office staff", [f"/c/{code}/"], "office"),
        ("home inbox, deputy", [f"/c/{code}/"], "deputy"),
        ("search results, office staff", [f"/c/{code}/search/?q={quote(q)}" for q in QUERIES], "office"),
    ]
    results = {}
    with harness.server(db) as served:
        for label, paths, who in phases:
            cookie = built[who]
            spent = {"server": 0.0, "postgres": 0.0}

            def trivial_run(cookie=cookie):
                return harness.load(served.port, ["/ping/"], requests=args.requests, cookie=cookie, label="trivial page /ping/")

            def page_run(paths=paths, cookie=cookie, label=label, spent=spent):
                pg_before = harness.postgres_cpu_seconds() if args.postgres else 0.0
                cpu_before = served.cpu_seconds()
                page = harness.load(served.port, paths, requests=args.requests, cookie=cookie, label=label)
                spent["server"] += served.cpu_seconds() - cpu_before
                spent["postgres"] += harness.postgres_cpu_seconds() - pg_before if args.postgres else 0.0
                return page

            # The trivial page and the page in turn, ``--rounds`` times: one run of either has moved by half
            # between runs of the same code on this machine; the ratios are each round's, and their median.
            runs = harness.alternate({"trivial": trivial_run, "page": page_run}, args.rounds)
            for trivial, page in zip(runs["trivial"], runs["page"], strict=True):
                print(trivial.line())
                print(page.line())
            requests = sum(len(page.latencies) + page.errors for page in runs["page"])
            print(f"  server CPU {spent['server'] / max(1, requests) * 1000:.1f} ms per request"
                  + (f"; PostgreSQL CPU {spent['postgres']:.1f} s over the rounds "
                     f"({spent['postgres'] / max(1, requests) * 1000:.1f} ms per request)" if args.postgres else ""))
            pairs = list(zip(runs["trivial"], runs["page"], strict=True))
            p95_ratios = [page.percentile(95) / trivial.percentile(95) for trivial, page in pairs]
            tp_ratios = [page.throughput / trivial.throughput for trivial, page in pairs]
            print(harness.spread_line(f"  p95 ratio {label} / trivial (goal ≤ 3)", p95_ratios)
                  + ("  met" if statistics.median(p95_ratios) <= 3 else "  NOT met"))
            print(harness.spread_line(f"  throughput ratio {label} / trivial (goal ≥ 0.3)", tp_ratios)
                  + ("  met" if statistics.median(tp_ratios) >= 0.3 else "  NOT met"))
            print("  " + served.memory_line(), flush=True)
            results[label] = statistics.median(page.percentile(50) for page in runs["page"])
    for label, p50 in results.items():
        print(f"RESULT\t{label}\t{p50:.3f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--requests", type=int, default=20, help="requests per client")
    parser.add_argument("--rounds", type=int, default=3, help="alternating rounds of the trivial page and each page")
    parser.add_argument("--phase", choices=["pages"], help=argparse.SUPPRESS)
    parser.add_argument("--scale", type=float, default=1.0, help=argparse.SUPPRESS)
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase == "pages":
        return pages_phase(args)
    # Each size in its own process, each setting Django up once on its own database.
    common = [sys.executable, __file__, "--requests", str(args.requests), "--rounds", str(args.rounds)] + (["--postgres"] if args.postgres else [])
    figures: dict[float, dict[str, float]] = {}
    for scale in (1.0, 0.1):
        out = subprocess.run([*common, "--phase", "pages", "--scale", str(scale)], check=True,
                             capture_output=True, text=True).stdout
        print("\n".join(line for line in out.splitlines() if not line.startswith("RESULT")), flush=True)
        figures[scale] = {line.split("\t")[1]: float(line.split("\t")[2])
                          for line in out.splitlines() if line.startswith("RESULT")}
    print("growth: p50 at full size / p50 at one tenth (goal ≤ 10; lists near 1)")
    for label, p50 in figures[1.0].items():
        print(harness.ratio_line(f"  {label}", p50, figures[0.1][label]))


if __name__ == "__main__":
    main()
