"""One search as the page and the API ask it: the address's filters read leniently (a filter that is not a
number or not a kind is ignored, never an error), the searcher's audience keys, per-kind counts, and each hit
with its page's address."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field

from renda.core import versioned
from renda.core.models import Congress
from renda.search import engine, sources

MAX_QUERY = 100  # characters searched; a longer text is cut (a pasted page is not a query)
PAGE = 20
MAX_LIMIT = 100
ORDERS = ("newest", "best")
COUNT_SHOWN = getattr(engine, "COUNT_CAP", 1000)  # the first page's total counts this far ("1000+" beyond)
KIND_COUNT_SHOWN = 100  # each kind's count on the page counts this far ("100+" beyond): one capped count per
#                         kind costs up to a tenth of the total's (bench/results/search.md)
HINT_EMPTY = "请输入要检索的字词（至少两个字）"
HINT_SHORT = "请至少输入两个字（一个字会找到太多内容）"


def _int(value) -> int | None:
    text = str(value if value is not None else "").strip()
    if text.isascii() and text.isdecimal() and len(text) <= 9:
        return int(text)
    return None


@dataclass
class Filters:
    q: str = ""
    kind: str = ""
    year: int | None = None
    status: str = ""
    unit: int | None = None
    delegation: int | None = None
    station: int | None = None
    order: str = "newest"
    limit: int = PAGE
    offset: int = 0
    notes: list[str] = field(default_factory=list)

    @classmethod
    def read(cls, params, *, limit=None, offset=None) -> Filters:
        """From an address's parameters (a QueryDict or a dict)."""
        notes = []
        q = " ".join(str(params.get("q") or "").split())
        if len(q) > MAX_QUERY:
            notes.append(f"检索词过长（{len(q)} 个字），只按前 {MAX_QUERY} 个字检索")
            q = q[:MAX_QUERY]
        kind = str(params.get("kind") or "")
        year = _int(params.get("year"))
        order = str(params.get("order") or "newest")
        lim = _int(limit if limit is not None else params.get("limit"))
        off = _int(offset if offset is not None else params.get("offset"))
        return cls(q=q, kind=kind if kind in sources.KIND_LABELS else "",
                   year=year if year is not None and 1949 <= year <= 2100 else None,
                   status=str(params.get("status") or "")[:20], unit=_int(params.get("unit")),
                   delegation=_int(params.get("delegation")), station=_int(params.get("station")),
                   order=order if order in ORDERS else "newest",
                   limit=min(max(lim or PAGE, 1), MAX_LIMIT), offset=min(off or 0, 10_000), notes=notes)


@dataclass
class FoundHit:
    kind: str
    label: str
    id: int
    title: str
    snippet: str
    url: str
    when: datetime.datetime | None
    title_marked: str = ""  # the title, HTML-escaped by the engine, matches in <mark>


@dataclass
class Found:
    filters: Filters
    hits: list[FoundHit]
    total: int | None
    counts: dict[str, int | None]
    hint: str = ""

    @property
    def groups(self) -> list[tuple[str, str, list[FoundHit]]]:
        """The page's hits by kind, in the registry's order: (kind, label, hits)."""
        out = []
        for kind, label in sources.KIND_LABELS.items():
            hits = [h for h in self.hits if h.kind == kind]
            if hits:
                out.append((kind, label, hits))
        return out

    @property
    def has_next(self) -> bool:
        if self.total is not None:
            return self.filters.offset + self.filters.limit < self.total
        return len(self.hits) >= self.filters.limit


def _query(congress: Congress, f: Filters, keys: list[str], kinds: list[str] | None, limit: int,
           offset: int, order: str | None = None) -> engine.Query:
    return engine.Query(congress_id=congress.pk, text=f.q, audience=keys, kinds=kinds, year=f.year,
                        status=f.status or None, unit_id=f.unit, delegation_id=f.delegation, station_id=f.station,
                        order=order or f.order, limit=limit, offset=offset)


def find(congress: Congress, user, f: Filters, *, counts: bool = True, keys: list[str] | None = None) -> Found:
    """What this user may see that matches; a hint instead of a search for an empty or one-character query."""
    if not f.q:
        return Found(f, [], 0, {}, HINT_EMPTY)
    if len(f.q.replace(" ", "")) < 2:
        return Found(f, [], 0, {}, HINT_SHORT)
    keys = sources.audience_of(user, congress) if keys is None else keys
    query = _query(congress, f, keys, [f.kind] if f.kind else None, f.limit, f.offset)
    query.count = counts and f.offset == 0   # the total on the first page only; later pages page on
    query.count_kinds = query.count and not f.kind
    results = engine.search(query)
    hits = [FoundHit(kind=h.kind, label=sources.KIND_LABELS.get(h.kind, h.kind), id=h.object_id, title=h.title,
                     snippet=h.snippet, url=sources.url_of(h.kind, h.object_id, congress.code, keys), when=h.when,
                     title_marked=getattr(h, "title_marked", ""))
            for h in results.hits if h.kind in sources.KIND_LABELS and sources.visible(h.kind, h.when, keys)]
    by_kind: dict[str, int | None] = {}
    if counts and not results.hint:
        # The total's count saw the kind of every match it counted: when it counted them all, those are the
        # kinds' counts; when not, a kind seen more than KIND_COUNT_SHOWN times is "100+" already. A kind
        # the congress's index holds nothing of has none. Only the others are counted one by one.
        seen = results.kinds or {}
        complete = results.kinds is not None and results.total is not None
        indexed = frozenset() if complete else indexed_kinds(congress)
        for kind in sources.KIND_LABELS:
            if complete or seen.get(kind, 0) > KIND_COUNT_SHOWN:
                n = seen.get(kind, 0)
                if n:
                    by_kind[kind] = n if n <= KIND_COUNT_SHOWN else None
                continue
            if kind not in indexed:
                continue
            by_one = _query(congress, f, keys, [kind], 1, 0, "newest")
            by_one.count_cap = KIND_COUNT_SHOWN
            counted = engine.search(by_one)
            if counted.total is None or counted.total:  # None: more than KIND_COUNT_SHOWN
                by_kind[kind] = counted.total
    return Found(f, hits, results.total, by_kind, results.hint)


def audience_kept(congress: Congress, user) -> list[str]:
    """``sources.audience_of``, kept per data version and person: it is read from roles, mandates and
    units, all of them data of the congress (every anonymous reader has the same keys)."""
    return versioned.cached(congress, f"search:audience:{getattr(user, 'pk', None)}",
                            lambda: sources.audience_of(user, congress))


def indexed_kinds(congress: Congress) -> frozenset[str]:
    """The kinds the congress's index holds anything of, kept per data version (every write to the index is
    inside an action, which moves the version)."""
    from renda.search.models import SearchEntry

    entries = SearchEntry.objects.in_congress(congress)
    return versioned.cached(congress, "search:kinds",
                            lambda: frozenset(k for k in sources.KIND_LABELS if entries.filter(kind=k).exists()))


def suggest(congress: Congress, user, q: str, limit: int = 6) -> list[FoundHit]:
    """The first few titles for the header box as the person types (best first)."""
    f = Filters.read({"q": q, "order": "best"}, limit=limit)
    return find(congress, user, f, counts=False).hits
