"""The search page and the header box's suggestions. Results come only from what the person may see
(search.sources: the same rules as each item's page)."""

from __future__ import annotations

from django.http import QueryDict
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import path
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_GET

from renda.core import versioned
from renda.core.kept_pages import kept_page
from renda.core.views_helpers import requires
from renda.people.models import Organisation
from renda.search import finder, sources


def _options(congress, kind: str) -> list[tuple[int, str]]:
    return list(Organisation.objects.in_congress(congress).filter(kind=kind, active=True)
                .order_by("name").values_list("pk", "name")[:300])


def _statuses(kind: str) -> list[tuple[str, str]]:
    """The chosen kind's own status codes (a status means something only within one kind)."""
    if not kind:
        return []
    try:
        field = sources.registry()[kind].model._meta.get_field("status")
    except Exception:  # noqa: BLE001 - a kind without a status field has no status filter
        return []
    return [(str(value), str(label)) for value, label in getattr(field, "choices", None) or []]


def _count(value: int | None, cap: int | None = None) -> str:
    return f"{cap or finder.KIND_COUNT_SHOWN}+" if value is None else str(value)


def _all_count(found: finder.Found) -> str:
    """The sum of the kinds' counts; when a kind has more than it counts, the total (first page) or "100+"."""
    known = [c for c in found.counts.values() if c is not None]
    if len(known) == len(found.counts):
        return _count(sum(known))
    if found.filters.offset == 0:
        return _count(found.total, finder.COUNT_SHOWN)
    return _count(None)


def _address(params: QueryDict, **change) -> str:
    query = params.copy()
    for key, value in change.items():
        if value in (None, ""):
            query.pop(key, None)
        else:
            query[key] = str(value)
    return "?" + query.urlencode()


@require_GET
@requires("search")
@kept_page
def search_page(request, congress_code):
    """The results and the filters are the same for every reader with the same audience keys at one data
    version, so the part under the heading is rendered once per keys and query (it holds no form that
    posts, and reads nothing of the request but its query). A meeting document reaching its release time
    is the one change without a write: kept results can only hide it a few minutes longer."""
    congress = request.congress
    keys = finder.audience_kept(congress, request.user)
    name = "search:page:" + versioned.text_key(repr((keys, versioned.query_key(request.GET))))
    results = versioned.cached(congress, name, lambda: render_to_string(
        "search/_results.html", _results(congress, keys, request.GET)))
    return render(request, "search/page.html", {"f": finder.Filters.read(request.GET, offset=None),
                                                "results": mark_safe(results)})  # noqa: S308 - the template escapes


def _results(congress, keys: list[str], params: QueryDict) -> dict:
    f = finder.Filters.read(params, offset=None)
    page = finder._int(params.get("page")) or 1
    page = min(max(page, 1), 500)
    f.offset = (page - 1) * f.limit
    found = finder.find(congress, None, f, keys=keys)
    params = params.copy()
    params.pop("page", None)
    kinds = [(kind, label, _count(found.counts.get(kind)), _address(params, kind=kind))
             for kind, label in sources.KIND_LABELS.items() if kind == f.kind or kind in found.counts]
    return {
        "found": found, "f": f, "page": page, "kinds": kinds,
        "all_kinds": sources.KIND_LABELS.items(),
        "all_count": _all_count(found),
        "all_address": _address(params, kind=""),
        "order_addresses": {o: _address(params, order=o) for o in finder.ORDERS},
        "next_address": _address(params, page=page + 1) if found.has_next else "",
        "previous_address": _address(params, page=page - 1) if page > 1 else "",
        "statuses": _statuses(f.kind),
        "units": _options(congress, Organisation.Kind.HANDLING_UNIT),
        "delegations": _options(congress, Organisation.Kind.DELEGATION),
        "stations": _options(congress, Organisation.Kind.LIAISON_STATION),
        "years": range(finder.datetime.date.today().year, 2017, -1),
    }


@require_GET
@requires("search")
def suggest(request, congress_code):
    """As-you-type titles under the header box (htmx fragment)."""
    q = " ".join(request.GET.get("q", "").split())[: finder.MAX_QUERY]
    hits = finder.suggest(request.congress, request.user, q) if len(q.replace(" ", "")) >= 2 else []
    return render(request, "search/_suggest.html", {"hits": hits, "q": q})


urlpatterns = [
    path("search/", search_page, name="search"),
    path("search/suggest/", suggest, name="search_suggest"),
]
