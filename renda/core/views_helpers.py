"""Small helpers every view uses: permission gates, form errors from actions, htmx fragments."""

from __future__ import annotations

import functools

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404

from renda.core.permissions import PERMISSIONS, may


def gate(request, permission: str):
    """None when the user may take ``permission`` here; else the answer: anonymous visitors are sent
    to sign in, signed-in users without it get 403 naming it. For views whose permission depends on
    the step asked for (``do/<what>/``)."""
    if may(request.user, request.congress, permission):
        return None
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    raise PermissionDenied(f"您没有“{PERMISSIONS[permission][0]}”的权限")


def requires(permission: str):
    """Anonymous visitors are sent to sign in; signed-in users without the permission get 403."""

    def decorate(view):
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            return gate(request, permission) or view(request, *args, **kwargs)

        return wrapped

    return decorate


def get_or_404(queryset, pk, missing: str):
    """One row of a congress-scoped queryset, or 404 with ``missing``: the same answer for a row that
    does not exist and one of another congress, and for an id that is not a number (a form's field
    tampered with, or left empty)."""
    try:
        pk = int(pk)
    except (TypeError, ValueError):
        raise Http404(missing) from None
    if not 0 < pk < 2**63:  # beyond a database integer: no such row
        raise Http404(missing)
    # One row by its key: no ordering to compile (``first()`` would order by the key, or the model's ordering).
    obj = next(iter(queryset.filter(pk=pk).order_by()[:1]), None)
    if obj is None:
        raise Http404(missing)
    return obj


def add_action_errors(form, error: Exception) -> None:
    """Put an action's refusal on the form: its field errors on the matching fields, the rest — and a
    refusal that is not about input (a step not allowed here, a row not found) — on the form itself."""
    if not isinstance(error, ValidationError):
        form.add_error(None, str(error))
    elif hasattr(error, "error_dict"):
        for field, messages in error.message_dict.items():
            form.add_error(field if field in form.fields else None, messages)
    else:
        form.add_error(None, error.messages)


def flash_errors(request, error: ValidationError | PermissionDenied) -> None:
    """An action's refusal — invalid input, or a step this user may not take here — shown on the next page."""
    for message in getattr(error, "messages", None) or [str(error)]:
        messages.error(request, message)


def is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def year_param(request, name: str = "year") -> int:
    """A year from the address (?year=2025): this year where it is missing; where it is not a year a
    congress could report on (a typo, a word, 0, -1, 99999) this year too, with a message naming the
    field and the years allowed — a report page never fails on its filter."""
    from django.utils import timezone

    from renda.people.validation import FIRST_REPORT_YEAR

    this_year = timezone.localdate().year
    value = request.GET.get(name, "").strip()
    if value.isascii() and value.isdecimal() and len(value) <= 4 and FIRST_REPORT_YEAR <= int(value) <= this_year + 1:
        return int(value)
    if value:
        messages.warning(request, f"“年份”须为 {FIRST_REPORT_YEAR} 至 {this_year + 1} 的整数，收到：{value[:20]}；"
                                  f"已显示 {this_year} 年")
    return this_year


def optional_year_param(request, name: str = "year", label: str = "年度") -> int | None:
    """A year filter that may be left empty (every year): None where it is missing, and — with a message
    naming the field and the years allowed — where it is not a year a congress could report on."""
    from django.utils import timezone

    from renda.people.validation import FIRST_REPORT_YEAR

    last = timezone.localdate().year + 1
    value = request.GET.get(name, "").strip()
    if value.isascii() and value.isdecimal() and len(value) <= 4 and FIRST_REPORT_YEAR <= int(value) <= last:
        return int(value)
    if value:
        messages.warning(request, f"“{label}”须为 {FIRST_REPORT_YEAR} 至 {last} 的整数，收到：{value[:20]}；"
                                  f"已显示全部年度")
    return None
