"""The Jinja2 environment for list rows, and the helpers views use to render them.

A list page is mostly a Django template (base layout, filters, forms); its rows — the part that grows with
the page size — are a Jinja2 template rendered by ``rows`` and placed in the page as safe HTML, or sent
alone as the htmx fragment. The environment gives rows what Django templates give them: ``url`` (named
routes, as ``{% url %}``), ``static``, autoescaping, and the ``date``/``default`` habits as filters. A page
worked out afresh after every action under load (the staff list) is Jinja2 whole (``page``), on
``core/base.jinja``, the Django layout's text.
"""

from __future__ import annotations

import datetime
import functools
from collections.abc import Callable
from typing import cast

from django.http import HttpResponse
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix, reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from jinja2 import Environment
from markupsafe import Markup

from renda.core import csrf_tokens


def url(name: str, *args) -> str:
    try:
        return _reversed(get_script_prefix(), name, args)
    except TypeError:  # an argument that cannot be a key (never one our templates pass)
        return reverse(name, args=args)


@functools.lru_cache(maxsize=65536)
def _reversed(prefix: str, name: str, args: tuple) -> str:
    """Fifty rows ask for fifty links of one route: each reversal walks the URL patterns, so a worker
    keeps what it worked out (the routes do not change while it runs; the prefix is in the key)."""
    return reverse(name, args=args)


def date(value, fmt: str = "Y-m-d") -> str:
    """Django's ``date`` filter: a date or an aware datetime in Asia/Shanghai, '' for None."""
    if value is None or value == "":
        return ""
    if fmt == "Y-m-d" and type(value) is datetime.date:  # what fifty rows' due dates ask, without the formatter
        return value.isoformat()
    if isinstance(value, datetime.datetime) and timezone.is_aware(value):
        value = timezone.localtime(value)
    return formats.date_format(value, fmt)


def environment(**options) -> Environment:
    env = Environment(**options)
    env.globals.update({"url": url, "static": static, "area_tabs": area_tabs, "export_links": export_links})
    env.filters.update({"date": date})
    return env


# Rows kept for every viewer (``shared_rows``) carry this where a form's CSRF field goes; each request puts
# its own in (``with_csrf``): a token is the session's own and must never be served to another.
CSRF_MARK = Markup("<!--csrf-input-->")


# What a Django template's {% csrf_token %} writes when the context's token is this placeholder.
_PLACEHOLDER = "csrf-token-of-the-request"
_CSRF_INPUT = '<input type="hidden" name="csrfmiddlewaretoken" value="{}">'  # Django's csrf_input, as format_html takes it
_DJANGO_CSRF_INPUT = _CSRF_INPUT.format(_PLACEHOLDER)


def shared_rows(template_name: str, context: dict) -> str:
    """Rows (or a page's part) rendered for anyone who may see them, not for one request: no request in
    the context, and the CSRF field left as a mark, in a Jinja2 (``csrf_input``) or a Django template
    (``{% csrf_token %}``). Keep the result per data version; serve it through ``with_csrf``."""
    html = render_to_string(template_name, {**context, "csrf_input": CSRF_MARK, "csrf_token": _PLACEHOLDER})
    return html.replace(_DJANGO_CSRF_INPUT, CSRF_MARK)


def with_csrf(request, html: str) -> SafeString:
    if CSRF_MARK in html:  # most kept rows hold no form: no token to make
        html = html.replace(CSRF_MARK, format_html(_CSRF_INPUT, csrf_tokens.masked_token(request)))
    return mark_safe(html)  # noqa: S308 - our templates escape every value


def kept_part(request, name: str, template_name: str, context: Callable[[], dict], *, keep: bool = True) -> SafeString:
    """A page's part for everyone who may see it (``shared_rows``), kept per data version under ``name`` —
    which must say everything else the part depends on: what the reader may do, the units they see, the
    query — and served with this request's CSRF token. ``keep=False`` (a refused form shown again with its
    input) renders it afresh."""
    from renda.core import versioned

    def render() -> str:
        return shared_rows(template_name, context())

    return with_csrf(request, versioned.cached(request.congress, name, render) if keep else render())


def page(request, template_name: str, context: dict, status: int = 200) -> HttpResponse:
    """A whole page rendered by Jinja2 (extending ``core/base.jinja``), for a list whose every filter is
    worked out afresh after each action: as a Django template the staff list's page cost more than its fifty
    rows (docs/performance.md). The context holds what the Django engine's context processors give a
    Django page (settings.TEMPLATES: the request, the user, the messages, ``core.context_processors.congress``),
    run here in the same order, so that the same layout gets the same values."""
    from django.template import engines
    from django.template.backends.django import DjangoTemplates

    full: dict = {}
    for processor in cast(DjangoTemplates, engines["django"]).engine.template_context_processors:
        full.update(processor(request))
    return HttpResponse(engines["jinja2"].get_template(template_name).render({**full, **context}), status=status)


def area_tabs(request, area: str) -> SafeString:
    """``{% area_tabs %}`` for a Jinja2 page: the same tabs, from the same template."""
    from renda.core.templatetags.area_tabs import area_tabs as tabs

    return mark_safe(render_to_string("core/_area_tabs.html", tabs({"request": request}, area)))  # noqa: S308 - our template escapes


def export_links(request) -> SafeString:
    """``{% include "core/_export_links.html" %}`` for a Jinja2 page."""
    return mark_safe(render_to_string("core/_export_links.html", {"request": request}))  # noqa: S308 - our template escapes


def rows(request, template_name: str, context: dict) -> SafeString:
    """The rows of a list rendered by Jinja2, as HTML the Django page template may include unescaped
    (the Jinja2 template escapes every value itself)."""
    return mark_safe(render_to_string(template_name, context, request=request))
