"""Benchmark: a 3,000-member vote through the real HTTP API, with 100 hall screens open.

Prints votes accepted, lost, duplicates counted, p50/p95 latency, throughput as a ratio to a trivial
endpoint of the same server (measured before the votes and again after each size's ballots; the ratios
take the best of those runs, never a slow one), the time from close to the final tally on a screen;
then 3,000 election ballots (15 candidates, 10 seats) cast, counted and the chain verified.

    .venv/bin/python bench/voting.py            # SQLite, as the issue asks
    .venv/bin/python bench/voting.py --postgres
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import sys
import threading
import time
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import harness  # noqa: E402

VOTERS = 3000


def build(voters: int, code: str) -> dict:
    from django.contrib.auth import get_user_model
    from django.utils import timezone

    from renda import demo
    from renda.core import actions as core_actions
    from renda.core.models import ApiToken, Congress, RoleGrant
    from renda.core.roles import Role
    from renda.meetings import actions as meetings
    from renda.meetings.models import RosterEntry
    from renda.people.models import Mandate, Person
    from renda.testing import make_user

    root = make_user(f"root-{code}", is_superuser=True)
    congress = Congress.objects.create(level="national", name=f"基准人民代表大会（{voters}人）", code=code)
    term = core_actions.create_term(congress, actor=root, number=14, start="2023-03-05")
    core_actions.grant_role(congress, actor=root, user=root, role=Role.OFFICE_STAFF)
    demo.bulk_deputies(congress, term, voters)
    Mandate.objects.in_congress(congress).update(status=Mandate.Status.SERVING)  # every voter on the roster
    User = get_user_model()
    people = list(Person.objects.filter(pk__in=Mandate.objects.in_congress(congress).values("person_id")).order_by("id"))
    users = User.objects.bulk_create([User(username=f"{code}-v{p.pk}", password="!") for p in people], batch_size=1000)
    for person, user in zip(people, users, strict=True):
        person.user = user
    Person.objects.bulk_update(people, ["user"], batch_size=1000)
    RoleGrant.objects.bulk_create([RoleGrant(congress=congress, user=u, role=Role.DEPUTY) for u in users], batch_size=1000)
    secrets = [f"s{u.pk}x{random.random()}" for u in users]
    expires = timezone.now() + timedelta(days=ApiToken.DEFAULT_DAYS)  # a token without an expiry is refused (401)
    ApiToken.objects.bulk_create([ApiToken(congress=congress, user=u, name="bench", key_hash=ApiToken.hash(s),
                                           expires_at=expires)
                                  for u, s in zip(users, secrets, strict=True)], batch_size=1000)
    _, staff_token = core_actions.issue_api_token(congress, actor=root, name="console")
    meeting = meetings.create_meeting(congress, actor=root, term=term, kind="plenary", starts_at=timezone.now(),
                                      place="大会堂")
    meetings.build_roster(congress, meeting, actor=root)
    meetings.open_meeting(congress, meeting, actor=root)
    RosterEntry.objects.in_congress(congress).filter(meeting=meeting).update(attendance="present",
                                                                             signed_in_at=timezone.now())
    from renda.voting import actions as voting

    roll_call = voting.open_vote(congress, voting.create_vote(congress, meeting, actor=root, title="关于政府工作报告的决议"),
                                 actor=root)
    candidates = [{"name": f"候选人{i:02d}", "nominated_by": "presidium"} for i in range(15)]
    election = voting.setup_election(congress, meeting, actor=root, title="选举委员", post="other", seats=10,
                                     candidates=candidates)
    voting.open_vote(congress, election, actor=root)
    return {"code": congress.code, "tokens": [f"{congress.pk}.{s}" for s in secrets], "staff": staff_token,
            "vote": roll_call.pk, "election": election.pk, "meeting": meeting.pk,
            "teller_keys": election.teller_slips[:election.teller_quorum or 1],  # shown once, at the opening
            "candidates": list(election.candidates.values_list("id", flat=True))}


def post(conn, path, token, body):
    return harness.post(conn, path, {"Authorization": f"Bearer {token}"}, body)


def run_casts(port, jobs, clients=50):
    """``jobs`` is a list of (path, token, body); returns latencies, statuses, seconds."""
    return harness.post_load(port, [(path, {"Authorization": f"Bearer {token}"}, body) for path, token, body in jobs],
                             clients)


class Screens:
    """100 hall screens polling the tally fragment twice a second, as htmx does."""

    def __init__(self, port, path, count=100):
        self.port, self.path, self.count = port, path, count
        self.stop = threading.Event()
        self.saw_result_at: list[float] = []
        self.requests = 0
        self.threads = [threading.Thread(target=self.poll, daemon=True) for _ in range(count)]

    def poll(self):
        conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
        seen = False
        while not self.stop.is_set():
            try:
                conn.request("GET", self.path)
                body = conn.getresponse().read().decode()
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                continue
            self.requests += 1
            if not seen and 'id="result"' in body:
                seen = True
                self.saw_result_at.append(time.monotonic())
            self.stop.wait(0.5)
        conn.close()

    def __enter__(self):
        for t in self.threads:
            t.start()
        return self

    def __exit__(self, *exc):
        self.stop.set()
        for t in self.threads:
            t.join()


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000


def phase(served, world: dict, args, voters: int) -> dict:
    """The roll call with the screens polling, re-sent votes, the close; then the election. Prints what it saw
    and returns the times the growth ratio compares."""
    from renda.core.tenancy import congress_scope
    from renda.voting import chain
    from renda.voting.models import RollCallCast, Vote

    port, code, tokens = served.port, world["code"], world["tokens"]
    pg_cpu = harness.postgres_cpu_seconds() if args.postgres else 0.0
    screen_path = f"/c/{code}/votes/{world['vote']}/screen/tally/"
    with Screens(port, screen_path, args.screens) as screens:
        cast_path = f"/api/votes/{world['vote']}/cast"
        jobs = [(cast_path, t, {"choice": random.choice(["yes", "yes", "no", "abstain"])}) for t in tokens]
        # Network re-sends: the same request again, after the first wave; they must not count again.
        retries = random.sample(jobs, len(jobs) // 20)
        server_cpu, client_cpu = served.cpu_seconds(), harness.own_cpu_seconds()
        db_cpu = harness.postgres_cpu_seconds() if args.postgres else 0.0
        latencies, statuses, elapsed = run_casts(port, jobs, args.clients)
        server_cpu, client_cpu = served.cpu_seconds() - server_cpu, harness.own_cpu_seconds() - client_cpu
        db_cpu = (harness.postgres_cpu_seconds() - db_cpu) if args.postgres else 0.0
        retry_latencies, retry_statuses, _ = run_casts(port, retries)
        close_started = time.monotonic()
        status, _ = post(http.client.HTTPConnection("127.0.0.1", port, timeout=60),
                         f"/api/votes/{world['vote']}/close", world["staff"], {})
        deadline = time.monotonic() + 10
        while len(screens.saw_result_at) < screens.count and time.monotonic() < deadline:
            time.sleep(0.05)
        screen_delays = [t - close_started for t in screens.saw_result_at]
    vote = Vote.unscoped.get(pk=world["vote"])
    with congress_scope(vote.congress):
        stored = RollCallCast.objects.in_congress(vote.congress).filter(vote=vote).count()
        vote.refresh_from_db()
    accepted = statuses.get(200, 0)
    print(f"roll call: {voters} voters, {args.clients} client connections, {args.screens} screens polling "
          f"every 0.5 s; server: {args.workers} workers × {args.threads} threads")
    print(f"  votes accepted {accepted}, lost {voters - stored}, stored {stored}, "
          f"duplicates counted {stored - voters if stored > voters else 0} "
          f"(after {len(retries)} re-sent votes: {retry_statuses})")
    print(f"  all {voters} votes in {elapsed:.1f} s ({voters / elapsed:.0f} votes/s); "
          f"{'within' if elapsed <= 10 else 'OVER'} the 10-second window")
    print(f"  cast latency p50={pct(latencies, 50):.0f} ms p95={pct(latencies, 95):.0f} ms; statuses {statuses}")
    db_part = f", PostgreSQL {db_cpu:.1f} s ({db_cpu / voters * 1000:.2f} ms a vote)" if args.postgres else ""
    print(f"  CPU while casting: server {server_cpu:.1f} s ({server_cpu / voters * 1000:.2f} ms a vote, screens "
          f"included){db_part}, clients and screens {client_cpu:.1f} s, of {2 * elapsed:.1f} core-seconds on 2 cores")
    print(f"  close → result on screen: median {pct(screen_delays, 50) / 1000 if screen_delays else float('nan'):.2f} s, "
          f"slowest {max(screen_delays) if screen_delays else float('nan'):.2f} s over "
          f"{len(screen_delays)} of {screens.count} screens; close answered {status}; "
          f"screen requests served {screens.requests}")
    print(f"  result: {json.dumps({k: (vote.result or {}).get(k) for k in ('yes', 'no', 'abstain', 'passed')}, ensure_ascii=False)}")
    print("  " + served.memory_line(), flush=True)

    candidates = world["candidates"]
    ballot_path = f"/api/votes/{world['election']}/ballot"
    ballots = []
    for t in tokens:
        fors = random.sample(candidates, random.choice([8, 9, 10, 10, 10, 11]))  # some void: 11 for 10 seats
        ballots.append((ballot_path, t, {"content": {"marks": {str(c): "for" for c in fors}}}))
    resent = random.sample(ballots, len(ballots) // 20)
    server_cpu = served.cpu_seconds()
    db_cpu = harness.postgres_cpu_seconds() if args.postgres else 0.0
    b_latencies, b_statuses, b_elapsed = run_casts(port, ballots, args.clients)
    server_cpu = served.cpu_seconds() - server_cpu
    db_cpu = (harness.postgres_cpu_seconds() - db_cpu) if args.postgres else 0.0
    _, resent_statuses, _ = run_casts(port, resent)  # a second ballot from the same member is refused (422)
    started = time.monotonic()
    close_status, _ = post(http.client.HTTPConnection("127.0.0.1", port, timeout=60),
                           f"/api/votes/{world['election']}/close", world["staff"],
                           {"teller_keys": world["teller_keys"]})
    counted = time.monotonic() - started
    election = Vote.unscoped.get(pk=world["election"])
    with congress_scope(election.congress):
        started = time.monotonic()
        verdict = chain.verify(election.meeting)
        verified = time.monotonic() - started
    r = election.result or {}
    print(f"election: {voters} ballots, 15 candidates, 10 seats")
    print(f"  cast in {b_elapsed:.1f} s ({voters / b_elapsed:.0f} ballots/s); "
          f"{'within' if b_elapsed <= 10 else 'OVER'} the 10-second window; "
          f"p50={pct(b_latencies, 50):.0f} ms p95={pct(b_latencies, 95):.0f} ms; statuses {b_statuses} "
          f"(after {len(resent)} second ballots: {resent_statuses})")
    db_part = f", PostgreSQL {db_cpu:.1f} s ({db_cpu / voters * 1000:.2f} ms a ballot)" if args.postgres else ""
    print(f"  CPU while casting: server {server_cpu:.1f} s ({server_cpu / voters * 1000:.2f} ms a ballot){db_part}")
    print(f"  counted (close {close_status}: open with the tellers' keys, shuffle, chain {r.get('returned')} ballots) "
          f"in {counted:.2f} s: valid {r.get('valid')}, invalid {r.get('invalid')}, elected {len(r.get('elected', []))}")
    print(f"  chain verified in {verified:.2f} s: ok={verdict.ok}, {verdict.links} links")
    if args.postgres:
        print(f"  PostgreSQL CPU over the whole phase: {harness.postgres_cpu_seconds() - pg_cpu:.1f} s")
    print("  " + served.memory_line(), flush=True)
    trivial = world["trivial"]
    trivial.append(measure_trivial(port, args.clients))
    print("  " + trivial[-1].line() + " (again, after the ballots)")
    best_throughput = max(t.throughput for t in trivial)
    best_p95 = min(t.percentile(95) for t in trivial)
    print(f"  ratios against the best of the {len(trivial)} trivial runs: {best_throughput:.0f} req/s, p95 {best_p95:.1f} ms")
    for what, count, took, lat in (("cast", voters, elapsed, latencies), ("ballot", voters, b_elapsed, b_latencies)):
        print(harness.ratio_line(f"  throughput ratio {what} / trivial page (goal ≥ 0.5)", count / took, best_throughput))
        print(harness.ratio_line(f"  p95 ratio {what} / trivial page (goal ≤ 2)", pct(lat, 95), best_p95))
    return {"casts": elapsed, "ballots": b_elapsed, "close": counted}


def measure_trivial(port: int, clients: int):
    """The trivial page under the same number of clients, 3,000 requests as the votes are: a short run's
    figure moved by half between runs of the same code."""
    return harness.load(port, ["/ping/"], clients=clients, requests=max(3000 // clients, 1), label="trivial page /ping/")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--postgres", action="store_true")
    parser.add_argument("--voters", type=int, default=VOTERS)
    parser.add_argument("--workers", type=int, default=2, help="gunicorn worker processes")
    parser.add_argument("--threads", type=int, default=16, help="threads per worker")
    parser.add_argument("--clients", type=int, default=50, help="voting client connections")
    parser.add_argument("--screens", type=int, default=100, help="hall screens polling the tally")
    parser.add_argument("--no-growth", action="store_true", help="skip the run at one tenth of the size")
    args = parser.parse_args()
    db = harness.bench_database("voting", args.postgres)
    from django.db import connection, connections

    sizes = [args.voters] if args.no_growth else [max(args.voters // 10, 1), args.voters]
    started = time.time()
    worlds = {n: build(n, f"bench-vote-{n}") for n in sizes}
    harness.analyze()
    print(f"database: {connection.vendor}; built {' and '.join(map(str, sizes))} voters with tokens in "
          f"{time.time() - started:.0f} s", flush=True)
    connections.close_all()
    times = {}
    with harness.server(db, workers=args.workers, threads=args.threads) as served:
        trivial = [measure_trivial(served.port, args.clients)]
        print(trivial[0].line(), flush=True)
        print(served.memory_line(), flush=True)
        for n in sizes:
            worlds[n]["trivial"] = trivial
            print(f"── {n} voters ──", flush=True)
            times[n] = phase(served, worlds[n], args, n)
    if len(sizes) == 2:
        small, large = sizes
        for what, label in (("casts", "roll-call casts"), ("ballots", "election ballots"), ("close", "election close")):
            print(harness.growth_line(f"growth: time of {label}, {large} ÷ {small} voters", times[large][what],
                                      times[small][what]))


if __name__ == "__main__":
    main()
