"""The production settings of docs/deployment.md: `renda manage check --deploy` reports nothing, each
RENDA_* variable reaches its Django setting, and SQLite's synchronous mode is selectable.

Settings are read once per process, so each case runs `python -m renda` in a child process with the
environment it describes."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

PRODUCTION = {  # as docs/deployment.md lists them (the secret is made up here)
    "RENDA_SECRET_KEY": "t3st-only-k8Qz0vR1xLw9Nf2Hc5Yp7Ua4Js6Dg1Ke3Mb8Xo0Ti2Vq5Wr7Zs9Pn4",
    "RENDA_ALLOWED_HOSTS": "renda.example.gov.cn",
    "RENDA_CSRF_TRUSTED_ORIGINS": "https://renda.example.gov.cn",
    "RENDA_SECURE_COOKIES": "1",
    "RENDA_SSL_REDIRECT": "1",
    "RENDA_HSTS_SECONDS": "31536000",
    "RENDA_SECURE_PROXY_HEADER": "X-Forwarded-Proto",
}

SHOW = """
import django, json, os
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "renda.settings")
django.setup()
from django.conf import settings as s
from django.db import connection
connection.ensure_connection()
with connection.cursor() as c:
    c.execute("PRAGMA synchronous")
    sync = c.fetchone()[0]
print(json.dumps({k: getattr(s, k, None) for k in [
    "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SECURE_SSL_REDIRECT", "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS", "SECURE_HSTS_PRELOAD", "SECURE_PROXY_SSL_HEADER", "DEBUG"]} | {"sync": sync}))
"""


def _run(tmp_path, extra: dict, *args: str) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RENDA_", "DJANGO_"))}
    env.update({"RENDA_DATA_DIR": str(tmp_path), "RENDA_DATABASE_URL": f"sqlite:///{tmp_path / 'renda.sqlite3'}",
                **extra})
    return subprocess.run([sys.executable, *args], env=env, capture_output=True, text=True, timeout=240,
                          cwd=tmp_path)


def _settings(tmp_path, extra: dict) -> dict:
    done = _run(tmp_path, extra, "-c", SHOW)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_check_deploy_is_clean_with_the_documented_production_settings(tmp_path):
    done = _run(tmp_path, PRODUCTION, "-m", "renda", "manage", "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode == 0, done.stdout + done.stderr[-3000:]
    assert "no issues" in done.stdout and "WARNING" not in done.stderr


def test_check_deploy_warns_without_them(tmp_path):
    """The test above is not clean by accident: a development environment is warned of each setting."""
    done = _run(tmp_path, {"RENDA_SECRET_KEY": PRODUCTION["RENDA_SECRET_KEY"]},
                "-m", "renda", "manage", "check", "--deploy", "--fail-level", "WARNING")
    assert done.returncode != 0
    for check in ["security.W004", "security.W008", "security.W012", "security.W016"]:
        assert check in done.stderr


def test_each_variable_reaches_its_setting(tmp_path):
    seen = _settings(tmp_path, PRODUCTION)
    assert seen == {"SESSION_COOKIE_SECURE": True, "CSRF_COOKIE_SECURE": True, "SECURE_SSL_REDIRECT": True,
                    "SECURE_HSTS_SECONDS": 31536000, "SECURE_HSTS_INCLUDE_SUBDOMAINS": True,
                    "SECURE_HSTS_PRELOAD": False, "SECURE_PROXY_SSL_HEADER": ["HTTP_X_FORWARDED_PROTO", "https"],
                    "DEBUG": False, "sync": 1}  # 1 = NORMAL, the default
    plain = _settings(tmp_path, {})
    assert not plain["SESSION_COOKIE_SECURE"] and not plain["SECURE_SSL_REDIRECT"]
    assert plain["SECURE_HSTS_SECONDS"] == 0 and plain["SECURE_PROXY_SSL_HEADER"] is None


@pytest.mark.parametrize(("value", "pragma"), [("FULL", 2), ("full", 2), ("NORMAL", 1), ("EXTRA", 3)])
def test_sqlite_synchronous_is_selectable(tmp_path, value, pragma):
    assert _settings(tmp_path, {"RENDA_SQLITE_SYNCHRONOUS": value})["sync"] == pragma


def test_an_unknown_synchronous_mode_is_refused(tmp_path):
    done = _run(tmp_path, {"RENDA_SQLITE_SYNCHRONOUS": "OFF"}, "-c", SHOW)
    assert done.returncode != 0 and "RENDA_SQLITE_SYNCHRONOUS" in done.stderr
