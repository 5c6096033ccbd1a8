"""The ``renda`` command.

    renda demo            migrate, load the demo data (once), serve on http://127.0.0.1:8000
    renda serve           serve with gunicorn (RENDA_BIND, RENDA_WORKERS, RENDA_THREADS)
    renda verify-chain CONGRESS MEETING   verify a meeting's hash chain; reports the first broken link
    renda manage ARGS     any Django management command (migrate, createsuperuser, load_demo …)
"""

from __future__ import annotations

import argparse
import gc
import os
import sys


def _django():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
    import django

    django.setup()


def _worker_exit(server, worker) -> None:
    """Write the API tokens' last-used stamps this worker still holds (core.token_use)."""
    from renda.core import token_use

    try:
        token_use.flush()
    except Exception:  # the database may already be gone; the stamps are bookkeeping
        server.log.exception("could not write API token last-used stamps")


# Objects made before the youngest generation is scanned: with Python's 700 a worker under the hall's load
# scanned some sixty times a second (docs/performance.md, sixth pass).
YOUNGEST_GENERATION = 10_000


def _settle_garbage_collector() -> None:
    """What the master holds when the workers fork (modules, compiled templates, URL patterns) lives as long
    as they do: frozen, no collection walks it again, and the pages it sits on stay shared between the
    workers (Python's advice for pre-fork servers, ``gc.freeze``). Measured under the hall benchmark's load,
    a full collection went from ~300 ms to 23–30 ms, and all collections from 26 % of a worker's CPU to 7–8 %."""
    gc.collect()
    gc.freeze()
    gc.set_threshold(YOUNGEST_GENERATION, *gc.get_threshold()[1:])


def serve(bind: str, workers: int, threads: int = 16, quiet: bool = False) -> None:
    """Threads per worker bound how many requests of a process wait together, and so how large a
    group commit can grow (a hall vote); the workers share the cores."""
    from django.db import connections
    from gunicorn.app.base import BaseApplication

    from renda.core import warm
    from renda.wsgi import application

    warm.warm()  # in the master: the workers fork with every view imported and every template compiled
    connections.close_all()  # no connection may cross a fork
    _settle_garbage_collector()

    class Server(BaseApplication):
        def load_config(self):
            self.cfg.set("bind", bind)
            self.cfg.set("workers", workers)
            self.cfg.set("threads", threads)
            self.cfg.set("worker_class", "gthread")
            self.cfg.set("accesslog", None if quiet else "-")
            self.cfg.set("timeout", 120)
            self.cfg.set("worker_exit", _worker_exit)

        def load(self):
            return application

    Server().run()


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv and argv[0] == "manage":
        os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
        from django.core.management import execute_from_command_line

        execute_from_command_line(["renda manage", *argv[1:]])
        return 0
    parser = argparse.ArgumentParser(prog="renda", description="人大工作平台 Renda")
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="migrate, load demo data and serve")
    demo.add_argument("--bind", default=os.environ.get("RENDA_BIND", "127.0.0.1:8000"))
    demo.add_argument("--no-serve", action="store_true", help="set up only")
    run = sub.add_parser("serve", help="serve with gunicorn")
    run.add_argument("--bind", default=os.environ.get("RENDA_BIND", "127.0.0.1:8000"))
    run.add_argument("--workers", type=int, default=int(os.environ.get("RENDA_WORKERS", "3")))
    run.add_argument("--threads", type=int, default=int(os.environ.get("RENDA_THREADS", "16")))
    run.add_argument("--quiet", action="store_true", help="no access log")
    verify = sub.add_parser("verify-chain", help="verify a meeting's tamper-evident record")
    verify.add_argument("congress")
    verify.add_argument("meeting", type=int)
    sub.add_parser("manage", help="Django management commands")
    args = parser.parse_args(argv)

    _django()
    from django.core.management import call_command

    if args.command == "demo":
        import time

        started = time.monotonic()
        print("[demo] 数据库：建表或迁移……", flush=True)
        call_command("migrate", interactive=False, verbosity=0)
        print(f"[demo] 静态文件……（已用 {time.monotonic() - started:.0f} 秒）", flush=True)
        call_command("collectstatic", interactive=False, verbosity=0)
        from django.conf import settings

        from renda.core import demo_progress
        from renda.core.models import Congress

        left = demo_progress.read()
        if left is not None:
            print(f"[demo] 上次生成演示数据在第 {left['step']}/{left['steps']} 步（{left['label']}）中断，数据不完整。"
                  f"请删除数据目录 {settings.DATA_DIR} 后重新运行。", file=sys.stderr, flush=True)
            return 1
        if args.no_serve or Congress.objects.filter(code="demo-city").exists():
            print(f"[demo] 演示数据……（已用 {time.monotonic() - started:.0f} 秒）", flush=True)
            call_command("load_demo")
            if args.no_serve:
                return 0
        else:
            # Serve at once; the demo data is built beside the server, each step shown here and on every page.
            import subprocess

            demo_progress.write(0, 20, "开始")
            subprocess.Popen([sys.executable, "-m", "renda", "manage", "load_demo"])
            print(f"[demo] 演示数据在后台生成，页面顶部显示进度（已用 {time.monotonic() - started:.0f} 秒）", flush=True)
        print(f"\nRenda 演示：http://{args.bind}/  （Ctrl-C 停止）\n", flush=True)
        serve(args.bind, workers=3)
    elif args.command == "verify-chain":
        from django.core.management.base import CommandError

        try:
            call_command("verify_chain", args.congress, args.meeting)
        except CommandError as error:
            print(error, file=sys.stderr)
            return 1
    elif args.command == "serve":
        serve(args.bind, workers=args.workers, threads=args.threads, quiet=args.quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main())
