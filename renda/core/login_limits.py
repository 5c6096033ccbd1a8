"""Login throttling with django-axes: five wrong passwords for one account from one address lock that
pair out for fifteen minutes (settings AXES_*); the lock-out page says so in Chinese.

Locking the pair (account and address), not the account alone, keeps one attacker from locking every
member out by typing their names; a guesser who moves between addresses meets the password
validators' minimum instead."""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.shortcuts import render


class LoginLimitBackend(AxesStandaloneBackend):
    """Axes's check in front of the model backend. A sign-in made by code without a request (the test
    client's ``login``, the shell) cannot come from the network and has no address to count, so it
    passes on to the next backend instead of failing as axes would."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username, password, **kwargs)


def locked_out(request, original_response=None, credentials=None):
    """The page shown instead of the login form while the pair is locked (AXES_LOCKOUT_CALLABLE)."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    return render(request, "locked_out.html", {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes},
                  status=settings.AXES_HTTP_RESPONSE_CODE)
