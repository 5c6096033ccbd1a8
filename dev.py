#!/usr/bin/env python3
"""Set Renda up in a virtualenv inside this folder, then run the demo or the whole test suite.

    python3 dev.py demo    # migrate SQLite, load the demo data, serve on http://127.0.0.1:8000
    python3 dev.py test    # ruff, mypy, migration check, the suite on SQLite and again on PostgreSQL
    python3 dev.py setup   # the virtualenv with the test tools, nothing run

The demo installs only what Renda needs to run; the test tools (pytest, playwright, mypy …) come with
`test` and `setup`.

Needs nothing but Python 3.11+. PostgreSQL is used when it answers at RENDA_TEST_POSTGRES
(default postgres://postgres@127.0.0.1:5432/renda_ci); otherwise the run says plainly that it
skipped it, except under CI=true, where a missing PostgreSQL is a failure.
"""

import hashlib
import os
import socket
import subprocess
import sys
import venv
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / "bin"
DEFAULT_PG = "postgres://postgres@127.0.0.1:5432/renda_ci"


def setup(extras: str = "") -> None:
    """The virtualenv with Renda installed: ``extras="dev"`` adds the test tools (only `test` needs them).
    Installs again only when pyproject.toml changed or more extras are wanted."""
    if not (BIN / "python").exists():
        print(f"[setup] creating the virtualenv {VENV}", flush=True)
        venv.create(VENV, with_pip=True)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    stamp = VENV / ".renda-installed"
    have = stamp.read_text().split() if stamp.exists() else []
    if have[:1] != [wanted] or (extras and extras not in have[1:]):
        target = f"{ROOT}[{extras}]" if extras else str(ROOT)
        what = "Renda, its dependencies and the test tools" if extras else "Renda and its dependencies"
        print(f"[setup] installing {what} into .venv (pip prints each package as it comes)", flush=True)
        # --no-compile: pip would byte-compile every module of every package (scipy's thousands among
        # them) before the first start; Python compiles the few it imports when it imports them.
        subprocess.run([BIN / "python", "-m", "pip", "install", "--disable-pip-version-check", "--no-compile",
                        "--progress-bar", "off", "-e", target], check=True)
        kept = set(have[1:]) if have[:1] == [wanted] else set()
        stamp.write_text(" ".join([wanted, *sorted(kept | ({extras} if extras else set()))]))


def run(args: list, env: dict | None = None) -> int:
    print("+ " + " ".join(str(a) for a in args), flush=True)
    return subprocess.run(args, cwd=ROOT, env={**os.environ, **(env or {})}).returncode


def postgres_reachable(url: str) -> bool:
    parts = urlparse(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5432), timeout=2):
            return True
    except OSError:
        return False


def test_workers(extra: list[str]) -> list[str]:
    """pytest-xdist spreads the suite over every core (each worker has its own test database), unless
    the command line chose already; RENDA_TEST_WORKERS overrides the count."""
    if any(a == "-n" or a.startswith(("-n", "--numprocesses")) for a in extra):
        return []
    # worksteal: a worker that runs out takes queued tests from the other (the page walks take minutes each)
    return ["-n", os.environ.get("RENDA_TEST_WORKERS", str(os.cpu_count() or 1)), "--dist", "worksteal"]


def test(extra: list[str]) -> int:
    setup("dev")
    failed = 0
    failed |= run([BIN / "ruff", "check", "."])
    check_env = {"RENDA_DATA_DIR": str(ROOT / "var" / "check"), "RENDA_DATABASE_URL": "sqlite://"}
    failed |= run([BIN / "mypy", "renda"], env=check_env)
    failed |= run([BIN / "renda", "manage", "makemigrations", "--check", "--dry-run"],
                  env={"RENDA_DATA_DIR": str(ROOT / "var" / "check")})
    print("\n=== test suite on SQLite ===", flush=True)
    workers = test_workers(extra)
    failed |= run([BIN / "pytest", *workers, *extra], env={"RENDA_DATABASE_URL": "sqlite://"})
    pg = os.environ.get("RENDA_TEST_POSTGRES", DEFAULT_PG)
    if postgres_reachable(pg):
        print(f"\n=== test suite on PostgreSQL ({pg}) ===", flush=True)
        failed |= run([BIN / "pytest", *workers, *extra], env={"RENDA_DATABASE_URL": pg})
    elif os.environ.get("CI") == "true":
        print(f"\nFAILED: PostgreSQL is not reachable at {pg}; CI must run the suite on it.", flush=True)
        failed = 1
    else:
        print(f"\nSKIPPED the PostgreSQL run: nothing answers at {pg}.", flush=True)
    print("\nALL CHECKS PASSED" if not failed else "\nSOME CHECKS FAILED", flush=True)
    return 1 if failed else 0


def main() -> int:
    command = sys.argv[1] if len(sys.argv) > 1 else ""
    if command == "demo":
        setup()
        os.execv(BIN / "renda", [str(BIN / "renda"), "demo", *sys.argv[2:]])
    if command == "test":
        return test(sys.argv[2:])
    if command == "setup":
        setup("dev")
        return 0
    print(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main())
