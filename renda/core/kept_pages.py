"""Whole pages kept per reader and data version: the pages everyone opens all day answer from memory.

A page such as the home inbox, the meeting page or the register already keeps its parts per data version
(``versioned.cached``, ``jinja.kept_part``); what each request still paid was the view, its permission
checks and the layout around the parts. ``@kept_page`` keeps the whole HTML a view gave one reader, and
serves it again to the same reader while nothing has changed:

- the key is everything the page may depend on: the congress's data version and the day (as every kept
  value), the account and the name it shows, the language, the address with its query, and what the view
  adds (``vary``: the meeting page's released documents);
- only a plain GET's ``200 text/html`` answer is kept, and only when the view wrote nothing (no statement
  but SELECT reached the database, the session is unchanged, no cookie was set): a page whose opening
  records something, such as an export job, is rendered every time;
- a request with a message waiting (after a form's redirect), an htmx request, and the pages shown while
  the demo data is being built are never kept or served from the keep;
- the CSRF tokens in the page are the session's own: they are taken out when the page is kept and each
  request puts in its own (one masked token, as ``jinja.with_csrf`` does for kept parts);
- each worker keeps at most ``KEPT_BYTES`` of pages, least recently served first out, and none longer
  than ``versioned.KEPT_FOR`` seconds;
- a request for a page that another thread of the worker is working out waits for it and is served what
  that one kept, as ``versioned.cached`` does for a value; if that answer may not be kept, it works the
  page out itself.

Put ``@kept_page`` below a view's ``@requires``: the permission the view requires is checked on every
request, kept page or not. What the view checks itself (a meeting this reader may open) is not asked again:
the kept answer was the view's answer to this same account at this same data version, and every grant,
revocation or other write moves the version.
"""

from __future__ import annotations

import contextlib
import functools
import re
import threading
import time
from collections.abc import Callable
from typing import Any

from cachetools import LRUCache
from django.db import connection
from django.http import HttpRequest, HttpResponse
from django.middleware import csrf

from renda.core import csrf_tokens, demo_progress, versioned

KEPT_BYTES = 24 * 2**20  # per worker: with what a worker holds otherwise (~230 MB), within the 300 MB of issue 19
CSRF_MARK = "\x00csrf-token\x00"  # never in a page: HTML cannot carry a NUL

# Django's masked CSRF token (CSRF_TOKEN_LENGTH, CSRF_ALLOWED_CHARS), standing on its own in the text: a
# run of such characters exactly 64 long (the run matched whole; the length checked on each match, which
# scans a page in 60 % of the time lookarounds took).
_TOKEN = re.compile(r"[A-Za-z0-9]{64,}")

# Each kept page: (its bytes split where the CSRF tokens go, the view's headers, when it was kept).
_pages: LRUCache = LRUCache(maxsize=KEPT_BYTES, getsizeof=lambda kept: sum(map(len, kept[0])) + 512)
_guard = threading.Lock()


def kept_page(view: Callable | None = None, *, vary: Callable[..., Any] | None = None):
    """Keep the view's page per reader and data version (see the module). ``vary(request, **kwargs)``
    returns what else, outside the data, the page depends on."""
    if view is None:
        return functools.partial(kept_page, vary=vary)

    @functools.wraps(view)
    def wrapped(request: HttpRequest, *args, **kwargs):
        if not _keepable(request):
            return view(request, *args, **kwargs)
        reader = _reader(request)  # before ``vary``: the session, the account and the versions come in one statement (core.sessions)
        key = _key(request, reader, vary(request, *args, **kwargs) if vary else "")
        if (found := _fresh(key)) is not None:
            return _served(request, found)
        # Requests for a page not kept yet that arrive while another thread works it out wait for that
        # one and are served what it kept (versioned.one_at_a_time), instead of working it out again.
        with versioned.one_at_a_time(key) as first:
            if not first and (found := _fresh(key)) is not None:
                return _served(request, found)
            with _writes_seen() as wrote:
                response = view(request, *args, **kwargs)
            if _may_keep(request, response, wrote):
                html = _marked(request, response.content.decode(response.charset))
                kept = ([part.encode(response.charset) for part in html.split(CSRF_MARK)], list(response.items()),
                        time.monotonic())
                with _guard:
                    _pages[key] = kept
        return response

    return wrapped


def _fresh(key: str) -> tuple | None:
    with _guard:
        found = _pages.get(key)
    return found if found is not None and time.monotonic() - found[2] < versioned.KEPT_FOR else None


def forget_all() -> None:
    """Empty this worker's keep (the tests: one process plays many workers' parts)."""
    with _guard:
        _pages.clear()


def _keepable(request: HttpRequest) -> bool:
    return (request.method == "GET" and "HX-Request" not in request.headers
            and "export" not in request.GET and "build" not in request.GET  # a download, or its job's page
            and not _messages_waiting(request) and demo_progress.read() is None)


def _messages_waiting(request: HttpRequest) -> bool:
    """A message stored by an earlier request (a form's redirect) or added by this one."""
    storage = getattr(request, "_messages", None)
    return storage is not None and bool(storage._queued_messages or storage._loaded_messages)


def _reader(request: HttpRequest) -> str:
    user = request.user
    return f"{user.pk}:{user.username}:{user.first_name}:{user.last_name}" if user.is_authenticated else "-"


def _key(request: HttpRequest, reader: str, varied: Any) -> str:
    language = getattr(request, "LANGUAGE_CODE", "")
    name = f"page:{reader}:{language}:{request.get_full_path()}:{varied}"
    return versioned.key_of(request.congress, name)  # type: ignore[attr-defined]  # CongressMiddleware's


@contextlib.contextmanager
def _writes_seen():
    """Yields a list that holds True once any statement but a SELECT reached the database."""
    wrote: list[bool] = []

    def watch(execute, sql, params, many, context):
        if not sql.lstrip()[:6].upper().startswith("SELECT"):
            wrote.append(True)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        yield wrote


def _may_keep(request: HttpRequest, response: HttpResponse, wrote: list[bool]) -> bool:
    session = getattr(request, "session", None)
    return (response.status_code == 200 and not response.streaming and not wrote and not response.cookies
            and response.get("Content-Type", "").startswith("text/html")
            and not (session is not None and session.modified) and not _messages_waiting(request))


def _marked(request: HttpRequest, html: str) -> str:
    """The page with every CSRF token of this session replaced by the mark."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret:
        return html
    # Django's own unmasking (private, unchanged since 1.10): a token is this session's when it unmasks to its secret.
    unmask = csrf._unmask_cipher_token  # type: ignore[attr-defined]
    return _TOKEN.sub(lambda m: CSRF_MARK if len(m[0]) == csrf.CSRF_TOKEN_LENGTH and unmask(m[0]) == secret else m[0], html)


def _served(request: HttpRequest, kept: tuple) -> HttpResponse:
    """The kept page's bytes, split where the tokens go, joined with this request's token."""
    parts, headers, _ = kept
    response = HttpResponse(csrf_tokens.masked_token(request).encode().join(parts) if len(parts) > 1 else parts[0])
    for header, value in headers:
        response[header] = value
    return response
