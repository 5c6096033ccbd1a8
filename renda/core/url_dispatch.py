"""The congress's addresses (``/c/<code>/…``) dispatched by their first segment.

Every app's URL list is mounted under ``c/<code>/``, and Django tries patterns in order: a page of an app
listed late (search, the calendar, legislation) was found after ~350 failed patterns, 0.15–0.17 ms of
every request, more than half of what the trivial page costs in all. Here the same patterns are grouped
by the literal segment their route begins with (``meetings/<int:meeting_id>/`` under ``meetings/``),
each group in its apps' order, and a request goes straight to its segment's group. Names, routes,
converters and views are the apps' own: ``reverse`` gives the same addresses, and a test resolves every
pattern both ways.
"""

from __future__ import annotations

from importlib import import_module

from django.core.exceptions import ImproperlyConfigured
from django.urls import URLPattern, URLResolver, include, path
from django.urls.exceptions import Resolver404
from django.urls.resolvers import ResolverMatch, RoutePattern


class BySegment(URLResolver):
    """One node holding every group (``reverse`` walks them as any include); ``resolve`` picks the group by
    the path's first segment instead of trying each in turn."""

    def __init__(self, groups: dict[str, URLResolver], whole: list[URLPattern]):
        super().__init__(RoutePattern(""), [*whole, *groups.values()])
        self._groups, self._whole = groups, whole

    def resolve(self, path) -> ResolverMatch:
        path = str(path)
        segment, slash, _ = path.partition("/")
        group = self._groups.get(segment) if slash else None
        if group is not None:
            found = group.resolve(path)  # Resolver404 when nothing in the group matches
            found.route = f"{segment}/{found.route}"  # as the group's parent would have joined it
            return found
        for pattern in self._whole:
            whole_match = pattern.resolve(path)
            if whole_match:
                return whole_match
        raise Resolver404({"tried": [], "path": path})


def by_first_segment(url_modules: list[str]) -> list[URLResolver]:
    groups: dict[str, list[URLPattern]] = {}
    whole: list[URLPattern] = []  # routes with no "/" to split at ("" is the congress's home)
    for module in url_modules:
        for pattern in import_module(module).urlpatterns:
            if not (isinstance(pattern, URLPattern) and isinstance(pattern.pattern, RoutePattern)) \
                    or str(pattern.pattern).startswith("<"):
                # A pattern that might match any first segment would have to keep its place among the others.
                raise ImproperlyConfigured(f"{module}: {pattern!r} must be a path() beginning with a literal segment")
            segment, slash, rest = str(pattern.pattern).partition("/")
            if not slash:
                whole.append(pattern)
                continue
            groups.setdefault(segment, []).append(URLPattern(
                RoutePattern(rest, name=pattern.pattern.name, is_endpoint=True), pattern.callback,
                pattern.default_args, pattern.name))
    return [BySegment({segment: path(f"{segment}/", include(patterns)) for segment, patterns in groups.items()},
                      whole)]
