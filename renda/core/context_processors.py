import functools
import json

from django.template.loader import render_to_string
from django.templatetags.static import static
from django.utils.functional import SimpleLazyObject
from django.utils.html import format_html_join
from django.utils.safestring import SafeString, mark_safe

from renda.core import csrf_tokens, demo_progress, inbox, jinja, versioned
from renda.core.navigation import account_menu_for, menu_for
from renda.core.permissions import roles_of
from renda.core.roles import Role


def congress(request):
    current = getattr(request, "congress", None)
    if current is None:
        values = {"congress": None, "menu": [], "roles": [], "account_menu": account_menu_for(request, None),
                  "demo_progress": demo_progress.read()}
    else:
        roles = roles_of(request.user, current)
        shown = [r.label for r in sorted(roles) if r != Role.PUBLIC] or [Role.PUBLIC.label]
        values = {"congress": current, "menu": menu_for(request, current), "roles": shown,
                  "account_menu": account_menu_for(request, current), "demo_progress": demo_progress.read(),
                  # Counted only when a page shows it (the header), once per request.
                  "todo_count": SimpleLazyObject(lambda: inbox.todo_count(inbox.for_request(request)))}
    # The templates' {% csrf_token %}: Django's own processor's token, masked at a fraction of its cost.
    values["csrf_token"] = SimpleLazyObject(lambda: csrf_tokens.masked_token(request))
    values["layout_header"] = Rendered(lambda: _header(request, values))
    values["layout_assets"] = _assets()
    return values


class Rendered:
    """HTML made only when a template shows it, then once."""

    def __init__(self, make):
        self._make, self._html = make, None

    def __html__(self) -> SafeString:
        if self._html is None:
            self._html = mark_safe(self._make())  # noqa: S308 - a Jinja2 template that escapes every value
        return self._html

    __str__ = __html__


def _header(request, values: dict) -> str:
    """The header, made once per reader, page and data version in a congress (versioned): on a page worked
    out afresh it cost a few tenths of a millisecond, its to-do count most. Served with this request's
    CSRF token (core.jinja.with_csrf)."""
    from renda.delivery.outbox import unread_for

    url_name = request.resolver_match.url_name if request.resolver_match is not None else None
    search_q = request.GET.get("q", "")[:100] if url_name == "search" else ""
    congress, user = values["congress"], request.user

    def context() -> dict:
        return {**values, "user": user, "search_q": search_q, "unread": unread_for(request)}

    if congress is None or not user.is_authenticated:  # the sign-in link carries the page's address
        return render_to_string("core/header.jinja", context(), request=request)
    # Everything the header shows besides the congress's data: who reads (their name may change outside
    # this congress's actions), which page is active, and the search box's words.
    shown = [user.pk, user.username, user.first_name, user.last_name, user.is_superuser,
             getattr(request, "LANGUAGE_CODE", ""), url_name, search_q]
    key = versioned.text_key(json.dumps(shown, ensure_ascii=False))
    html = versioned.cached(congress, f"header:{user.pk}:{key}", lambda: jinja.shared_rows("core/header.jinja", context()))
    return jinja.with_csrf(request, html)


@functools.cache
def _assets() -> SafeString:
    """The layout's style sheets and scripts: their addresses do not change while the server runs."""
    sheets = format_html_join("\n", '<link rel="stylesheet" href="{}"{}>', [
        (static("renda/renda.css"), ""), (static("renda/charts.css"), ""), (static("renda/print.css"), mark_safe(' media="print"'))])
    scripts = format_html_join("\n", '<script src="{}" defer></script>', [
        (static("renda/htmx.min.js"),), (static("renda/renda.js"),)])
    return mark_safe(f'{sheets}\n<link rel="icon" href="data:,">\n{scripts}')  # noqa: S308 - built by format_html_join
