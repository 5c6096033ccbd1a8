"""Renda's one settings module: environment variables read through typed helpers, SQLite by default.

Every variable may instead be given as a file with ``<NAME>_FILE`` (for secrets mounted by the host).
"""

import os
import secrets
from datetime import timedelta
from pathlib import Path
from urllib.parse import unquote, urlparse

PACKAGE_DIR = Path(__file__).resolve().parent


def env(name: str, default: str = "") -> str:
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    value = env(name, "1" if default else "0")
    return value.lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str) -> list[str]:
    return [part.strip() for part in env(name, default).split(",") if part.strip()]


DATA_DIR = Path(env("RENDA_DATA_DIR", str(Path.cwd() / "var"))).resolve()


def _secret_key() -> str:
    key = env("RENDA_SECRET_KEY")
    if key:
        return key
    # A development install keeps a generated key beside its database so sessions survive restarts.
    DATA_DIR.mkdir(parents=True, exist_ok=True)
    keyfile = DATA_DIR / "secret_key"
    if not keyfile.exists():
        keyfile.write_text(secrets.token_urlsafe(50))
    return keyfile.read_text().strip()


def sqlite_synchronous() -> str:
    value = env("RENDA_SQLITE_SYNCHRONOUS", "NORMAL").strip().upper()
    if value not in {"NORMAL", "FULL", "EXTRA"}:
        raise ValueError(f"RENDA_SQLITE_SYNCHRONOUS must be NORMAL, FULL or EXTRA, not {value!r}")
    return value


def database_from_url(url: str) -> dict:
    """``sqlite://`` (in memory), ``sqlite:///path`` or ``postgres://user@host:port/name``."""
    parts = urlparse(url)
    if parts.scheme == "sqlite":
        name = unquote(parts.path[1:]) if parts.path not in ("", "/") else ":memory:"
        return {
            "ENGINE": "renda.core.sqlite_backend",  # Django's, with its writers queued (see there)
            "NAME": name,
            "OPTIONS": {
                # WAL lets readers go on while one writer writes; IMMEDIATE takes the write lock at
                # BEGIN so two writers queue instead of failing halfway with "database is locked".
                # secure_delete zeroes what a delete frees, so that sealed ballots removed at a vote's
                # close leave no bytes behind in the file (docs/security.md).
                # synchronous: NORMAL (default) keeps every commit through a crash of the server
                # process (kill -9); FULL also through a power loss or OS crash, at the cost of one
                # fsync per commit (RENDA_SQLITE_SYNCHRONOUS, docs/deployment.md).
                # mmap_size: readers use the operating system's page cache, shared by every worker process,
                # instead of copying pages into each connection's own 2 MB cache (the search index at a
                # million texts is ~0.7 GB: bench/results/search.md); writes still go through the WAL.
                "init_command": f"PRAGMA journal_mode=WAL; PRAGMA synchronous={sqlite_synchronous()}; "
                                "PRAGMA secure_delete=ON; PRAGMA mmap_size=2147483648;",
                "transaction_mode": "IMMEDIATE",
                # Seconds a writer waits for the lock: under a 3,000-member vote writers queue briefly.
                "timeout": 30,
            },
            # ":memory:" said outright: pytest-django knows Django's own SQLite engine by name only, and would
            # otherwise give each xdist worker a test database file named after it.
            "TEST": {"NAME": name},
            # Each server thread keeps its connection: opening one (and its PRAGMAs) per request
            # cost more than a vote's own statements.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
        }
    if parts.scheme in {"postgres", "postgresql"}:
        return {
            "ENGINE": "renda.core.postgresql_backend",  # Django's, with a health check without a round trip (see there)
            "NAME": unquote(parts.path[1:]),
            "USER": unquote(parts.username or ""),
            "PASSWORD": unquote(parts.password or ""),
            "HOST": parts.hostname or "",
            "PORT": str(parts.port or ""),
            # A connection older than this is closed after its request and opened again by the next: a new
            # backend process whose catalog caches and prepared statements start cold (~50 ms of the
            # database's CPU for each of a server's 32 threads, measured). The health check (the engine's)
            # still catches a connection the server has dropped.
            "CONN_MAX_AGE": 600,
            "CONN_HEALTH_CHECKS": True,
            # Parameters sent apart from the statement, so that psycopg can prepare a statement once a
            # connection has run it five times: PostgreSQL then skips parsing and planning it (a kept page's
            # one statement: 0.23-0.33 -> 0.10-0.12 ms of the server's CPU). Off behind a pooler in
            # transaction mode that cannot keep prepared statements (docs/deployment.md).
            "OPTIONS": ({"server_side_binding": True, "prepare_threshold": 5}
                        if env_bool("RENDA_PG_PREPARED_STATEMENTS", True) else {}),
        }
    raise ValueError(f"RENDA_DATABASE_URL: unsupported scheme {parts.scheme!r}")


SECRET_KEY = _secret_key()
DEBUG = env_bool("RENDA_DEBUG", False)
ALLOWED_HOSTS = env_list("RENDA_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("RENDA_CSRF_TRUSTED_ORIGINS", "http://127.0.0.1:8000,http://localhost:8000")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "ninja",  # so the API docs page serves Swagger UI from the package, not a CDN
    "renda.core",
    "renda.people",
    "renda.meetings",
    "renda.voting",
    "renda.livelihood",
    "renda.liaison",
    "renda.proposals",
    "renda.questionnaires",
    "renda.oversight",
    "renda.rectification",
    "renda.agenda",
    "renda.appointments",
    "renda.duty_reports",
    "renda.work_points",
    "renda.decisions",
    "renda.portfolios",
    "renda.legislation",
    "renda.legislative_plans",
    "renda.law_comments",
    "renda.enactment",
    "renda.activities",
    "renda.deputy_groups",
    "renda.records",
    "renda.opinions",
    "renda.deputy_pages",
    "renda.search",
    "renda.similar",
    "renda.routing",
    "renda.answer_quality",
    "renda.schedule",
    "renda.delivery",
    "renda.throttle",  # database counters for the public intake and hall sign-in limits
    "axes",  # login throttling (its own migrations: axes_accessattempt and friends)
]

MIDDLEWARE = [
    "renda.core.client_address.ClientAddressMiddleware",  # first: every per-address limit reads REMOTE_ADDR
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "renda.core.uploads.UploadLimitMiddleware",  # 413 before an oversize body is read (it needs request.user)
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "renda.core.middleware.CongressMiddleware",
    "axes.middleware.AxesMiddleware",  # last: turns a locked-out login into the lock-out page
]

ROOT_URLCONF = "renda.urls"
WSGI_APPLICATION = "renda.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PACKAGE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "renda.core.context_processors.congress",
            ],
        },
    },
    {
        # The rows of the long lists (``<app>/jinja2/<app>/*.jinja``): compiled to Python, they render
        # 50 rows in a fraction of the Django template's time (docs/performance.md). Pages and forms
        # stay Django templates, but for the staff list (``core.jinja.page``); a view renders the rows
        # with ``core.jinja.rows``.
        "BACKEND": "django.template.backends.jinja2.Jinja2",
        "APP_DIRS": True,
        "OPTIONS": {"environment": "renda.core.jinja.environment"},
    },
]

DATABASES = {"default": database_from_url(env("RENDA_DATABASE_URL", f"sqlite:///{DATA_DIR / 'renda.sqlite3'}"))}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

CACHES = {
    # File-based so that every gunicorn worker sees the same import progress and rate counters.
    "default": {
        "BACKEND": "django.core.cache.backends.filebased.FileBasedCache",
        "LOCATION": str(DATA_DIR / "cache"),
    },
    # Each worker's own memory: what is computed per data version (``core.tallies.data_version``),
    # such as a person's inbox, which the next write makes stale anyway.
    "local": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "OPTIONS": {"MAX_ENTRIES": 5000}},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Login throttling (django-axes, docs/security.md): 5 wrong passwords for one account from one address
# lock that pair for 15 minutes, so an attacker cannot lock everyone out by typing their names.
AUTHENTICATION_BACKENDS = [
    "renda.core.login_limits.LoginLimitBackend",  # axes first: a locked pair never reaches the password check
    "renda.core.sessions.AccountBackend",  # Django's ModelBackend, the session's user read by a written-out statement
]
AXES_FAILURE_LIMIT = 5
AXES_COOLOFF_TIME = timedelta(minutes=15)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "renda.core.login_limits.locked_out"
AXES_IPWARE_META_PRECEDENCE_ORDER = ("REMOTE_ADDR",)  # never a header the client can set
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"

LANGUAGE_CODE = "zh-hans"
LANGUAGES = [("zh-hans", "简体中文"), ("en", "English")]
TIME_ZONE = "Asia/Shanghai"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns on every request without it
STATICFILES_DIRS = [PACKAGE_DIR / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
MEDIA_ROOT = DATA_DIR / "media"
# Uploads (renda.core.uploads, docs/security.md "Uploads"): the most one file of each purpose may weigh;
# the kinds each purpose takes are judged by content there. A request whose Content-Length is over what
# its path may carry gets 413 before its body is read (UploadLimitMiddleware); the proxy in front
# should refuse earlier still (nginx: client_max_body_size 51m, less on the public paths).
UPLOAD_LIMITS = {
    "meeting_document": 50 * 1024 * 1024,
    "suggestion_attachment": 10 * 1024 * 1024,
    "concern_photo": 5 * 1024 * 1024,  # 3 per concern on the public form
    "progress_photo": 5 * 1024 * 1024,
    "people_import": 20 * 1024 * 1024,
    "device_sign_ins": 2 * 1024 * 1024,
    "oversight_photo": 10 * 1024 * 1024,  # up to 6 per site visit
    "oversight_document": 20 * 1024 * 1024,  # a unit's self-inspection report or symposium report
}
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # Django's default: a body's fields other than files (JSON, forms)
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # a larger file goes to a temporary file, not memory

SESSION_COOKIE_HTTPONLY = True
SESSION_ENGINE = "renda.core.sessions"  # Django's database sessions, read by a written-out statement
X_FRAME_OPTIONS = "DENY"
# Production behind HTTPS (docs/deployment.md): every one off by default, so that a development
# server on http:// keeps working. With the documented values `renda manage check --deploy` is clean.
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = env_bool("RENDA_SECURE_COOKIES", False)
SECURE_SSL_REDIRECT = env_bool("RENDA_SSL_REDIRECT", False)
SECURE_HSTS_SECONDS = int(env("RENDA_HSTS_SECONDS", "0") or 0)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("RENDA_HSTS_INCLUDE_SUBDOMAINS", True)
SECURE_HSTS_PRELOAD = env_bool("RENDA_HSTS_PRELOAD", False)
# "X-Forwarded-Proto" (or "X-Forwarded-Proto: https"): the header the proxy in front sets to say the
# request came over HTTPS. Set it only behind a proxy that always sets or strips it.
_proxy_header = env("RENDA_SECURE_PROXY_HEADER").strip()
if _proxy_header:
    _name, _, _value = _proxy_header.partition(":")
    SECURE_PROXY_SSL_HEADER = ("HTTP_" + _name.strip().upper().replace("-", "_"), _value.strip() or "https")
# The reverse proxies in front (addresses or networks, comma-separated, e.g. "127.0.0.1"): a request
# from one of them is counted against the client address it forwards (core/client_address.py).
RENDA_TRUSTED_PROXIES = env_list("RENDA_TRUSTED_PROXIES", "")
# Submitting a site to the browsers' preload list is hard to undo, so preload stays a deliberate
# choice (RENDA_HSTS_PRELOAD=1) and its absence is no deployment warning.
SILENCED_SYSTEM_CHECKS = [] if SECURE_HSTS_PRELOAD else ["security.W021"]

# Notices that leave the app (renda/delivery): e-mail through this SMTP server, and a webhook (an SMS
# gateway or the government messenger's bridge) that receives a JSON payload signed with HMAC-SHA256.
EMAIL_HOST = env("RENDA_EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("RENDA_EMAIL_PORT", "25") or 25)
EMAIL_HOST_USER = env("RENDA_EMAIL_USER")
EMAIL_HOST_PASSWORD = env("RENDA_EMAIL_PASSWORD")  # or RENDA_EMAIL_PASSWORD_FILE
EMAIL_USE_TLS = env_bool("RENDA_EMAIL_TLS", False)
EMAIL_TIMEOUT = int(env("RENDA_EMAIL_TIMEOUT", "10") or 10)
DEFAULT_FROM_EMAIL = env("RENDA_EMAIL_FROM", "renda@localhost")
# The address links in e-mails and SMS point to (no request to take it from when the drain runs).
RENDA_SITE_URL = env("RENDA_SITE_URL", "http://127.0.0.1:8000").rstrip("/")
# The webhook: one URL for all congresses, and/or per congress ("demo-city=https://…,other=https://…").
RENDA_WEBHOOK_URL = env("RENDA_WEBHOOK_URL")
RENDA_WEBHOOK_URLS = dict(part.split("=", 1) for part in env_list("RENDA_WEBHOOK_URLS", "") if "=" in part)
RENDA_WEBHOOK_SECRET = env("RENDA_WEBHOOK_SECRET")  # or RENDA_WEBHOOK_SECRET_FILE; signs every payload
RENDA_WEBHOOK_TIMEOUT = float(env("RENDA_WEBHOOK_TIMEOUT", "5") or 5)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("RENDA_LOG_LEVEL", "WARNING")},
}
