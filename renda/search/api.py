"""Search over the API: the same search as the page (search.finder), in the token's congress, only what the
token's user may see. Filters are read as the page reads its address: one that is not a number or not a kind
is ignored; an empty or one-character query answers 200 with a hint and no hits."""

import datetime

from ninja import Router, Schema

from renda.core.api import scoped
from renda.core.permissions import check_permission
from renda.search import finder

router = Router(tags=["search"])


class SearchHitOut(Schema):
    kind: str
    kind_label: str
    id: int
    title: str
    snippet: str  # HTML-escaped text, the matches wrapped in <mark>
    url: str
    when: datetime.datetime | None


class SearchKindCount(Schema):
    kind: str
    label: str
    count: int | None  # null: more than 100 (finder.KIND_COUNT_SHOWN)


class SearchOut(Schema):
    q: str
    hint: str
    notes: list[str]
    order: str
    total: int | None  # null: more than 1000, or a later page (offset > 0: counted on the first page only)
    counts: list[SearchKindCount]
    hits: list[SearchHitOut]
    next_offset: int | None


@router.get("/search", response=SearchOut,
            summary="全文检索：只返回本人可以查看的内容（kind、year、status、unit、delegation、station 筛选；"
                    "order=newest|best；limit 最多 100）")
@scoped
def search(request, q: str = "", kind: str = "", year: str = "", status: str = "", unit: str = "",
           delegation: str = "", station: str = "", order: str = "newest", limit: str = "", offset: str = ""):
    congress = request.congress
    check_permission(request.user, congress, "search")
    f = finder.Filters.read({"q": q, "kind": kind, "year": year, "status": status, "unit": unit,
                             "delegation": delegation, "station": station, "order": order,
                             "limit": limit, "offset": offset})
    found = finder.find(congress, request.user, f)
    return {
        "q": f.q, "hint": found.hint, "notes": f.notes, "order": f.order, "total": found.total,
        "counts": [{"kind": k, "label": finder.sources.KIND_LABELS[k], "count": c}
                   for k, c in found.counts.items()],
        "hits": [{"kind": h.kind, "kind_label": h.label, "id": h.id, "title": h.title, "snippet": h.snippet,
                  "url": request.build_absolute_uri(h.url), "when": h.when} for h in found.hits],
        "next_offset": f.offset + f.limit if found.has_next else None,
    }
