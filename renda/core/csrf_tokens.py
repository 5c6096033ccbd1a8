"""The CSRF token a page carries, masked as Django masks it, at a fraction of the cost (``masked_token``)."""

from __future__ import annotations

import os
import secrets
import threading

from django.http import HttpRequest
from django.middleware import csrf

_POSITION = {char: n for n, char in enumerate(csrf.CSRF_ALLOWED_CHARS)}


def masked_token(request: HttpRequest) -> str:
    """This session's CSRF token as ``csrf.get_token`` gives it (the secret masked afresh, the cookie's
    expiry renewed), its mask drawn by one read of the system's randomness. Django draws each of the
    mask's 32 characters by a read of its own (``secrets.choice``): 40 µs a token against 9, and under
    load each read gives up the interpreter to the worker's other threads and waits to get it back (an
    eighth of the busy samples of kept station pages, in a py-spy profile). Every page's token is made
    here (``kept_pages``, ``jinja.with_csrf``, the templates' ``csrf_token``: ``context_processors``).
    The masking is Django's: its middleware unmasks and checks the token, and the tests post forms with it.
    The randomness is read for many tokens at once (``_random_bytes``)."""
    secret = request.META.get("CSRF_COOKIE")
    if not secret or len(secret) != csrf.CSRF_SECRET_LENGTH or not set(secret) <= _POSITION.keys():
        return csrf.get_token(request)  # no cookie yet: Django makes one
    request.META["CSRF_COOKIE_NEEDS_UPDATE"] = True  # as get_token does
    chars, size = csrf.CSRF_ALLOWED_CHARS, len(csrf.CSRF_ALLOWED_CHARS)
    mask = _random_chars(len(secret))
    return mask + "".join(chars[(_POSITION[s] + _POSITION[m]) % size] for s, m in zip(secret, mask, strict=True))


def _random_chars(count: int) -> str:
    """``count`` characters of CSRF_ALLOWED_CHARS, each equally likely: random bytes below the largest
    multiple of 62 that a byte holds (248), each taken modulo 62; the rest drawn again."""
    chars, size = csrf.CSRF_ALLOWED_CHARS, len(csrf.CSRF_ALLOWED_CHARS)
    limit = 256 - 256 % size
    found = ""
    while len(found) < count:
        found += "".join(chars[b % size] for b in _random_bytes(count + 8) if b < limit)
    return found[:count]


POOL_BYTES = 4096
_pool = threading.local()


def _random_bytes(count: int) -> bytes:
    """``count`` bytes of the system's randomness (``secrets.token_bytes``), each given out once, from this
    thread's pool, read 4 KB at a time: every read of the system's randomness gives up the interpreter, and
    under load a thread waits for the worker's other threads to get it back (a seventh of a busy worker's
    samples, py-spy with ``--idle``). The pool is the process's own: a worker forked with its master's
    pool reads afresh, so that no two workers give out the same bytes."""
    pid, pool = getattr(_pool, "state", (0, b""))
    if pid != os.getpid() or len(pool) < count:
        pid, pool = os.getpid(), secrets.token_bytes(max(POOL_BYTES, count))
    _pool.state = (pid, pool[count:])
    return pool[:count]
