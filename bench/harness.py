"""A small load harness: build a database, serve it with gunicorn on loopback, hit it with N
concurrent clients, and report latency percentiles and throughput.

Figures that the machine's noise would hide as absolutes are reported as ratios against a trivial
page served by the same server in the same run.
"""

from __future__ import annotations

import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORK = ROOT / "var" / "bench"


def django_setup(database_url: str) -> None:
    os.environ["RENDA_DATABASE_URL"] = database_url
    os.environ.setdefault("RENDA_DATA_DIR", str(WORK))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
    import django

    django.setup()


def sqlite_url(name: str) -> str:
    WORK.mkdir(parents=True, exist_ok=True)
    return f"sqlite:///{WORK / name}"


def bench_database(name: str, postgres: bool) -> str:
    """Set Django up on an empty database for benchmark ``name`` (SQLite file, or PostgreSQL) and
    return its URL."""
    url = f"postgres://postgres@127.0.0.1:5432/renda_bench_{name}" if postgres else sqlite_url(f"{name}.sqlite3")
    django_setup(url)
    fresh_database(url)
    return url


def analyze() -> None:
    """After a bulk load, the database as it is in service: fresh statistics for the query planner (both
    databases know ANALYZE) and, on PostgreSQL, the tables vacuumed. In service autovacuum does that; the
    PostgreSQL of this machine kind runs with ``autovacuum = off``, so a table loaded here was never
    vacuumed, its visibility map stayed empty, and every index-only scan (the staff list's lead
    assignments) read the table's rows as well."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")


def fresh_database(database_url: str) -> None:
    """Start from an empty schema: delete the SQLite file, or recreate the PostgreSQL database."""
    if database_url.startswith("sqlite:///"):
        path = Path(database_url.removeprefix("sqlite:///"))
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    else:
        name = database_url.rsplit("/", 1)[1]
        base = database_url.rsplit("/", 1)[0] + "/postgres"
        import psycopg

        with psycopg.connect(base, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            conn.execute(f'CREATE DATABASE "{name}"')
    from django.core.management import call_command

    call_command("migrate", interactive=False, verbosity=0)


def session_cookie(user) -> str:
    from django.conf import settings
    from django.contrib.sessions.backends.db import SessionStore
    from django.utils.crypto import get_random_string

    session = SessionStore()
    session["_auth_user_id"] = str(user.pk)
    session["_auth_user_backend"] = settings.AUTHENTICATION_BACKENDS[-1]  # the one that checks passwords
    session["_auth_user_hash"] = user.get_session_auth_hash()
    session.create()
    # A browser keeps the CSRF cookie the first page set; without it every page would make a new secret.
    return f"sessionid={session.session_key}; {settings.CSRF_COOKIE_NAME}={get_random_string(32)}"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def server(database_url: str, workers: int = 2, threads: int = 16):
    port = free_port()
    env = {**os.environ, "RENDA_DATABASE_URL": database_url, "RENDA_DATA_DIR": str(WORK)}
    process = subprocess.Popen(
        [sys.executable, "-m", "renda", "serve", "--bind", f"127.0.0.1:{port}", "--workers", str(workers), "--threads", str(threads), "--quiet"],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
    )
    try:
        deadline = time.time() + 30
        while time.time() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                    break
            except OSError:
                time.sleep(0.2)
        else:
            raise RuntimeError("the server did not start: " + process.stderr.read().decode()[-2000:])
        warm(port)
        yield Served(port, process.pid)
    finally:
        process.terminate()
        process.wait(timeout=30)


def warm(port: int) -> None:
    """A few concurrent requests before measuring, so that no measured figure pays for a worker's
    first request (imports, URL resolvers, the first database connection)."""
    def ping():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        try:
            for _ in range(5):
                conn.request("GET", "/ping/")
                conn.getresponse().read()
        except OSError:
            pass  # a slow first answer is what warming is for; the measured runs count errors
        finally:
            conn.close()

    threads = [threading.Thread(target=ping) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()


@dataclass
class Served:
    """The server's port, and its process, to read its CPU time."""

    port: int
    pid: int

    def cpu_seconds(self) -> float:
        """User + system CPU of the gunicorn master and its workers so far (Linux /proc)."""
        tick = os.sysconf("SC_CLK_TCK")
        total = 0.0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            pid, ppid = int(stat.parent.name), int(fields[1])
            if pid == self.pid or ppid == self.pid:
                total += (int(fields[11]) + int(fields[12])) / tick
        return total

    def worker_memory_mb(self) -> list[tuple[float, float]]:
        """(resident, private) memory in MB of each gunicorn worker now (Linux /proc). Resident counts
        the pages of the SQLite file that the workers map (mmap_size) and share with each other and the
        page cache; private (RssAnon) is what the worker itself holds."""
        sizes = []
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                text = status.read_text()
            except OSError:
                continue
            fields = dict(line.split(":", 1) for line in text.splitlines() if ":" in line)
            if int(fields.get("PPid", "0").strip() or 0) == self.pid and "VmRSS" in fields:
                sizes.append((int(fields["VmRSS"].split()[0]) / 1024, int(fields["RssAnon"].split()[0]) / 1024))
        return sorted(sizes)

    def memory_line(self, limit_mb: float = 300) -> str:
        sizes = self.worker_memory_mb()
        verdict = "within" if sizes and max(private for _, private in sizes) <= limit_mb else "OVER"
        shown = ", ".join(f"{rss:.0f} ({private:.0f} private)" for rss, private in sizes)
        return f"server memory per worker, resident MB: {shown}; private memory {verdict} the {limit_mb:.0f} MB limit"


def postgres_cpu_seconds() -> float:
    """User + system CPU of the PostgreSQL server on this machine so far (Linux /proc): every live
    postgres process, plus what the postmaster has reaped from backends that already exited (its
    children's CPU), so that a connection closed between two readings still counts. On loopback the
    database shares the cores with the server and the clients; a benchmark on PostgreSQL reads this
    before and after a phase and prints the difference."""
    tick = os.sysconf("SC_CLK_TCK")
    processes = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue
        if text[text.find("(") + 1:text.rfind(")")].startswith("postgres"):
            processes[int(stat.parent.name)] = text.rsplit(")", 1)[1].split()
    total = 0.0
    for fields in processes.values():
        total += (int(fields[11]) + int(fields[12])) / tick
        if int(fields[1]) not in processes:  # the postmaster: add its exited children
            total += (int(fields[13]) + int(fields[14])) / tick
    return total


def own_cpu_seconds() -> float:
    """CPU time of this (client) process, all its threads."""
    t = os.times()
    return t.user + t.system


@dataclass
class Result:
    label: str
    latencies: list[float]
    seconds: float
    errors: int

    @property
    def throughput(self) -> float:
        return len(self.latencies) / self.seconds

    def percentile(self, p: float) -> float:
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] * 1000

    def line(self) -> str:
        return (f"{self.label:<34} n={len(self.latencies):>5}  p50={self.percentile(50):7.1f} ms  "
                f"p95={self.percentile(95):7.1f} ms  {self.throughput:7.1f} req/s  errors={self.errors}")


def load(port: int, paths: list[str], *, clients: int = 20, requests: int = 20, cookie: str = "",
         label: str = "", warmup: int = 1, cookies: list[str] | None = None) -> Result:
    """``clients`` threads, each with its own keep-alive connection, send ``requests`` requests
    cycling through ``paths`` (client n signed in with ``cookies[n % len(cookies)]`` when given, else
    ``cookie``). The first ``warmup`` requests of each client are not measured; throughput is the
    measured requests over the time from the first measured request to the last answer. Bounded in
    count; every request has a 30 s timeout."""
    latencies: list[float] = []
    errors = [0]
    span: list[float] = []
    lock = threading.Lock()

    def client(offset: int) -> None:
        who = cookies[offset % len(cookies)] if cookies else cookie
        headers = {"Cookie": who} if who else {}
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine = []
        first = None
        for i in range(warmup + requests):
            path = paths[(offset + i) % len(paths)]
            start = time.perf_counter()
            if i == warmup:
                first = start
            try:
                conn.request("GET", path, headers=headers)
                response = conn.getresponse()
                response.read()
                ok = response.status == 200
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
                ok = False
            elapsed = time.perf_counter() - start
            if i >= warmup:
                if ok:
                    mine.append(elapsed)
                else:
                    with lock:
                        errors[0] += 1
        conn.close()
        with lock:
            latencies.extend(mine)
            if first is not None:
                span.extend([first, time.perf_counter()])

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return Result(label, latencies, (max(span) - min(span)) if span else 1.0, errors[0])


def alternate(runs: dict[str, Callable[[], Result]], rounds: int = 5) -> dict[str, list[Result]]:
    """Run each of ``runs`` once per round, in turn, ``rounds`` times: two set-ups compared under the
    same machine noise (a single run of each has moved ±40 % on this machine)."""
    results: dict[str, list[Result]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            results[name].append(run())
    return results


def against_trivial(port: int, paths: list[str], *, cookie: str, requests: int, rounds: int, label: str,
                    before: Callable[[], object] | None = None) -> tuple[list[Result], list[Result]]:
    """The trivial page and ``paths`` in turn, ``rounds`` times (``alternate``). ``before()`` runs before
    each round of the page: a write through an action, so that every round works its pages out afresh,
    as the first requests after any action in the congress do (kept pages and parts are per data version)."""
    def page_run() -> Result:
        if before is not None:
            before()
        return load(port, paths, requests=requests, cookie=cookie, label=label)

    runs = alternate({"trivial": lambda: load(port, ["/ping/"], requests=requests, cookie=cookie,
                                              label="trivial page /ping/"), "page": page_run}, rounds)
    return runs["trivial"], runs["page"]


def rounds_printed(served: Served, paths: list[str], *, cookie: str, requests: int, rounds: int, label: str,
                   goal_label: str, before: Callable[[], object], postgres: bool) -> tuple[list[Result], list[Result]]:
    """``against_trivial``, with each round's lines, the server's (and PostgreSQL's) CPU over the rounds,
    the goal's verdict and the workers' memory printed."""
    pg, cpu = postgres_cpu_seconds() if postgres else 0.0, served.cpu_seconds()
    trivials, pages = against_trivial(served.port, paths, cookie=cookie, requests=requests, rounds=rounds, label=label,
                                      before=before)
    for trivial, page in zip(trivials, pages, strict=True):
        print(trivial.line())
        print(page.line(), flush=True)
    print(f"  server CPU over the rounds (trivial pages too): {served.cpu_seconds() - cpu:.1f} s"
          + (f"; PostgreSQL CPU: {postgres_cpu_seconds() - pg:.1f} s" if postgres else ""))
    for line in goal_lines(goal_label, trivials, pages):
        print(line)
    print("  " + served.memory_line(), flush=True)
    return trivials, pages


def goal_lines(label: str, trivials: list[Result], pages: list[Result]) -> list[str]:
    """Each round's p95 and throughput ratios to the trivial page of the same round, their median against
    issue 19's goal (p95 ≤ 3 ×, throughput ≥ 0.3 ×) and their spread."""
    p95 = [page.percentile(95) / trivial.percentile(95) for trivial, page in zip(trivials, pages, strict=True)]
    throughput = [page.throughput / trivial.throughput for trivial, page in zip(trivials, pages, strict=True)]
    return [spread_line(f"p95 ratio {label} / trivial (goal ≤ 3)", p95) + ("  met" if statistics.median(p95) <= 3 else "  NOT met"),
            spread_line(f"throughput ratio {label} / trivial (goal ≥ 0.3)", throughput)
            + ("  met" if statistics.median(throughput) >= 0.3 else "  NOT met")]


def median_percentile(results: list[Result], p: float) -> float:
    return statistics.median(result.percentile(p) for result in results)


def spread_line(name: str, ratios: list[float]) -> str:
    ordered = sorted(ratios)
    return (f"{name:<60} {statistics.median(ordered):6.2f}  (rounds: {', '.join(f'{r:.2f}' for r in ratios)}; "
            f"spread {ordered[0]:.2f}–{ordered[-1]:.2f})")


def growth_line(name: str, large: float, small: float, limit: float = 10.0) -> str:
    """The ratio of a figure at full size to the same at one tenth: ≤ ``limit`` passes."""
    ratio = large / small if small else float("inf")
    return f"{name:<60} {ratio:6.2f}  ({'within' if ratio <= limit else 'OVER'} {limit:g})"


def post(conn, path: str, headers: dict, body) -> tuple[int, bytes]:
    conn.request("POST", path, body=json.dumps(body), headers={**headers, "Content-Type": "application/json"})
    response = conn.getresponse()
    return response.status, response.read()


def post_load(port: int, jobs: list[tuple[str, dict, object]], clients: int = 50):
    """``clients`` threads share the ``jobs`` (path, headers, JSON body), each on its own keep-alive
    connection; returns (latencies, {status: count}, seconds)."""
    latencies, statuses, lock = [], {}, threading.Lock()
    queue = list(jobs)

    def worker():
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
        while True:
            with lock:
                if not queue:
                    break
                path, headers, body = queue.pop()
            start = time.perf_counter()
            try:
                status, _ = post(conn, path, headers, body)
            except OSError:
                conn.close()
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
                status = 0
            elapsed = time.perf_counter() - start
            with lock:
                latencies.append(elapsed)
                statuses[status] = statuses.get(status, 0) + 1
        conn.close()

    threads = [threading.Thread(target=worker) for _ in range(clients)]
    start = time.perf_counter()
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return latencies, statuses, time.perf_counter() - start


def ratio_line(name: str, a: float, b: float) -> str:
    return f"{name:<60} {a / b:6.2f}"


__all__ = ["Result", "against_trivial", "alternate", "goal_lines", "median_percentile", "rounds_printed", "analyze", "growth_line", "spread_line", "bench_database", "Served", "own_cpu_seconds", "postgres_cpu_seconds", "post", "post_load", "django_setup", "fresh_database", "load", "ratio_line", "server", "session_cookie",
           "sqlite_url", "statistics"]
