"""The search index: one row per searchable thing, its text stored as bigrams (renda.core.text).

INTERFACE (agreed between the engine and the sources; the engine helper fills in the bodies):

    put(doc: Document) -> None        insert or replace the entry (kind, object_id), in the caller's transaction
    remove(kind: str, object_id: int) -> None
    search(query: Query) -> Results   scoped to query.congress_id; never raises on user text
    rebuild(congress_id | None) -> int   (used by `renda manage rebuild_search_index`)

SQLite: an FTS5 table over the bigrams; PostgreSQL: a tsvector('simple') column with GIN. Both give the
same results (one test suite runs on both).

HOW IT WORKS (engine):
- Every entry's folded text (renda.core.text.units of title and body) is stored with it; its tokens are the
  bigrams of each part plus "meta" tokens for the congress, kind, year, status, unit, delegation, station and
  each audience key (``zc12``, ``zk<hex>``, ``za<hex>``…: three characters or more, so never a bigram), so the
  full-text index alone narrows a query to what the searcher may see with the filters asked for.
- SQLite: FTS5, contentless, ``ascii`` tokenizer (every non-ASCII character is a token character, so a space-
  joined list of bigrams is exactly that list); PostgreSQL: a ``tsv`` column given as a tsvector *literal*
  (no parser in between) with a GIN index. Queries are tsquery / FTS5 expressions built only from quoted
  alphanumeric tokens, so nothing typed ever reaches the query syntax.
- The FTS5 rowid is the entry's ``seq``: its time in seconds times 2**31 plus its id, so "newest first" is
  rowid order and the index returns the first page without sorting. PostgreSQL orders by the same column.
- match="all": every bigram (at most MAX_BIGRAMS of them, distinct) and then the folded query a substring of
  the folded text: exact substrings only, two-unit queries included. match="any": any bigram.
- order="best": bm25 (SQLite) / ts_rank (PostgreSQL) among the newest BEST_WINDOW candidates, the same set on
  both databases; "newest": seq descending.
"""

from __future__ import annotations

import datetime
import functools
import html
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from renda.core.text import fold, units


@dataclass
class Document:
    congress_id: int
    kind: str                      # e.g. "suggestion", "concern", "meeting_document", "person" (sources.py names them)
    object_id: int
    title: str
    body: str = ""                 # all other searchable text (answers, findings…), joined
    when: datetime.datetime | None = None   # for "newest first" and the year filter
    status: str = ""               # filter values, as the source's own codes
    unit_id: int | None = None     # handling unit (承办单位)
    delegation_id: int | None = None
    station_id: int | None = None
    audience: list[str] = field(default_factory=list)   # who may see it: keys such as "staff", "public",
    #                                                    "person:12", "org:7" (sources.py decides; the
    #                                                    searcher's keys must overlap)
    year: int | None = None        # the item's own year (a suggestion's 年度); default: the year of ``when``


@dataclass
class Query:
    congress_id: int
    text: str
    audience: list[str]            # the searcher's keys
    kinds: list[str] | None = None
    year: int | None = None
    status: str | None = None
    unit_id: int | None = None
    delegation_id: int | None = None
    station_id: int | None = None
    order: str = "newest"          # "newest" | "best"
    match: str = "all"             # "all": every bigram (substring search); "any": candidates for similar items
    limit: int = 20
    offset: int = 0
    count: bool = True             # count the matches (Results.total); False: the page only (total is known
    #                                only when the page shows the end), the cheap way for a result list
    count_cap: int | None = None   # count up to this many (default COUNT_CAP); beyond it total is None
    count_kinds: bool = False      # count with the kind of each counted match (Results.kinds)
    every_audience: bool = False   # candidates only: no audience filter, for callers that re-read every hit
    #                                through the page's own rules (renda.similar) and never show a hit as it is


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str
    snippet: str                   # the matching passage, HTML-escaped, matches wrapped in <mark>
    when: datetime.datetime | None
    score: float
    title_marked: str = ""         # the title, HTML-escaped, matches wrapped in <mark>


@dataclass
class Results:
    hits: list[Hit]
    total: int | None              # None: more matches than the count cap, or not counted (Query.count False)
    hint: str = ""                 # e.g. "请至少输入两个字" for a one-character query; hits empty then
    kinds: dict[str, int] | None = None   # when counted: how many of the counted matches are of each kind (all
    #                                       of them when total is known; a sample of more than the cap when not)


HINT_TOO_SHORT = "请至少输入两个字（或两个字母、数字）"
MAX_BIGRAMS = 64          # a query's distinct bigrams sent to the index; the substring check still uses all of it
BEST_WINDOW = 1000        # "best" ranks the newest this many candidates (ranking every match of a common bigram in
#                           a million texts costs hundreds of milliseconds; 2,000 doubled the cost of every common
#                           query: bench/results/search.md). A query with fewer matches ranks all of them.
COUNT_CAP = 1000          # Results.total counts up to this many hits; beyond it total is None ("1000+")
MAX_LIMIT = 200
MAX_OFFSET = 10_000
SNIPPET_CHARS = 80
BM25_K1, BM25_B, AVERAGE_LENGTH = 1.2, 0.75, 200
_SHIFT = 2 ** 31
_WHEN_MIN, _WHEN_MAX = -(2 ** 32), 2 ** 32 - 1


# ── tokens ─────────────────────────────────────────────────────────────────────────────────────────────

def sequence(when: datetime.datetime | None, pk: int) -> int:
    """One signed 64-bit integer ordering entries newest first: (when in seconds, id). No time sorts last."""
    if not 0 < pk < _SHIFT:
        raise ValueError(f"search entry id {pk} out of range")
    seconds = _WHEN_MIN if when is None else max(_WHEN_MIN, min(_WHEN_MAX, int(when.timestamp())))
    return seconds * _SHIFT + pk


def folded_text(title: str, body: str) -> str:
    """The units of the title and of the body, one space between (no folded query holds a space)."""
    return f"{units(title)} {units(body)}"


def _hex(value: str) -> str:
    return value.encode().hex() or "0"


def _meta(congress_id: int, kind: str, year: int | None, status: str, unit_id: int | None,
          delegation_id: int | None, station_id: int | None, audience: Iterable[str]) -> list[str]:
    tokens = [f"zc{congress_id}", f"zk{_hex(kind)}", f"zs{_hex(status)}"]
    if year is not None:
        tokens.append(f"zy{year}")
    for prefix, value in (("zu", unit_id), ("zd", delegation_id), ("zt", station_id)):
        if value is not None:
            tokens.append(f"{prefix}{value}")
    tokens += [f"za{_hex(key)}" for key in audience if key]
    return tokens


def _pairs(folded: str) -> list[str]:
    out: list[str] = []
    for part in folded.split(" "):
        if len(part) == 1:
            out.append(part)
        out += [part[i:i + 2] for i in range(len(part) - 1)]
    return out


def _entry_tokens(entry) -> list[str]:
    """The tokens of a stored entry, from its stored columns only (so a later fold() can't change them)."""
    return _pairs(entry.folded) + _meta(entry.congress_id, entry.kind, entry.year, entry.status, entry.unit_id,
                                        entry.delegation_id, entry.station_id, entry.audience.split())


def _tsvector_literal(tokens: list[str]) -> str:
    positions: dict[str, list[int]] = {}
    for n, token in enumerate(tokens, start=1):
        positions.setdefault(token, []).append(min(n, 16383))
    return " ".join(f"'{t}':" + ",".join(map(str, p[:256])) for t, p in positions.items())


def _vendor() -> str:
    return connection.vendor


def _index(entry) -> None:
    tokens = _entry_tokens(entry)
    with connection.cursor() as cursor:
        if _vendor() == "sqlite":
            cursor.execute("INSERT INTO search_fts(rowid, tokens) VALUES (%s, %s)", [entry.seq, " ".join(tokens)])
        else:
            cursor.execute('UPDATE "search_searchentry" SET tsv = %s::tsvector WHERE "congress_id" = %s AND id = %s',
                           [_tsvector_literal(tokens), entry.congress_id, entry.pk])


def _unindex(entries: Iterable) -> None:
    if _vendor() != "sqlite":
        return  # the tsvector goes with the row
    rows = [("delete", e.seq, " ".join(_entry_tokens(e))) for e in entries if e.seq is not None]
    if rows:
        with connection.cursor() as cursor:
            cursor.executemany("INSERT INTO search_fts(search_fts, rowid, tokens) VALUES (%s, %s, %s)", rows)


# ── writing ────────────────────────────────────────────────────────────────────────────────────────────

def _year(doc: Document) -> int | None:
    if doc.year is not None:
        return doc.year
    if doc.when is None:
        return None
    return (timezone.localtime(doc.when) if timezone.is_aware(doc.when) else doc.when).year


def _fields(doc: Document) -> dict:
    return {"title": doc.title or "", "body": doc.body or "", "when": doc.when, "year": _year(doc),
            "status": doc.status or "", "unit_id": doc.unit_id, "delegation_id": doc.delegation_id,
            "station_id": doc.station_id, "audience": " ".join(sorted({k for k in doc.audience if k})),
            "folded": folded_text(doc.title or "", doc.body or "")}


def put(doc: Document) -> None:
    """Insert or replace the entry (kind, object_id) of the document's congress, in the caller's transaction."""
    from renda.search.models import SearchEntry

    fields = _fields(doc)
    with transaction.atomic():
        entry = (SearchEntry.objects.in_congress(doc.congress_id)
                 .filter(kind=doc.kind, object_id=doc.object_id).first())
        if entry is not None:
            if all(getattr(entry, name) == value for name, value in fields.items()):
                return
            _unindex([entry])
            for name, value in fields.items():
                setattr(entry, name, value)
            entry.seq = sequence(entry.when, entry.pk)
            entry.save()
            _index(entry)
        else:
            _insert([doc])


_COLUMNS_IN = ("id", "congress_id", "kind", "object_id", "title", "body", "when", "year", "status", "unit_id",
               "delegation_id", "station_id", "audience", "folded", "seq")


def _allocate_ids(n: int) -> list[int]:
    """Ids for n new entries, so each row is written once with its seq (and tsvector) in place."""
    with connection.cursor() as cursor:
        if _vendor() == "sqlite":   # inside the write transaction (BEGIN IMMEDIATE): no other writer
            # Ids are shared by every congress. The unary + keeps SQLite from reading max(id) per congress through
            # the congress index (one seek per congress: 31 ms at 10,000 congresses, against 0.1 ms from the rowid).
            cursor.execute('SELECT max(id) FROM "search_searchentry" WHERE +"congress_id" IN (SELECT id FROM core_congress)')
            top = cursor.fetchone()[0] or 0
            cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = 'search_searchentry'")
            row = cursor.fetchone()
            top = max(top, row[0] if row else 0)
            return list(range(top + 1, top + 1 + n))
        cursor.execute("SELECT nextval(pg_get_serial_sequence('search_searchentry', 'id')) FROM generate_series(1, %s)", [n])
        return [r[0] for r in cursor.fetchall()]


def _insert(docs: list[Document]) -> None:
    from renda.search.models import SearchEntry

    entries = [SearchEntry(id=pk, congress_id=d.congress_id, kind=d.kind, object_id=d.object_id, **_fields(d))
               for pk, d in zip(_allocate_ids(len(docs)), docs, strict=True)]
    for entry in entries:
        entry.seq = sequence(entry.when, entry.pk)
    columns = ", ".join(f'"{c}"' for c in _COLUMNS_IN)
    sqlite = _vendor() == "sqlite"
    adapt = connection.ops.adapt_datetimefield_value

    def values(e) -> list:
        row = [adapt(e.when) if name == "when" else getattr(e, name) for name in _COLUMNS_IN]
        return row if sqlite else [*row, _tsvector_literal(_entry_tokens(e))]

    marks = ", ".join(["%s"] * len(_COLUMNS_IN))
    with connection.cursor() as cursor:
        if sqlite:
            cursor.executemany(f'INSERT INTO "search_searchentry" ({columns}) VALUES ({marks})', [values(e) for e in entries])
            if entries and entries[-1].pk > 0:   # keep AUTOINCREMENT's counter past the ids taken
                cursor.execute("UPDATE sqlite_sequence SET seq = max(seq, %s) WHERE name = 'search_searchentry'",
                               [entries[-1].pk])
            cursor.executemany("INSERT INTO search_fts(rowid, tokens) VALUES (%s, %s)",
                               [(e.seq, " ".join(_entry_tokens(e))) for e in entries])
        else:
            cursor.executemany(f'INSERT INTO "search_searchentry" ({columns}, tsv) VALUES ({marks}, %s::tsvector)',
                               [values(e) for e in entries])


def put_many(docs: Iterable[Document], batch: int = 2000) -> int:
    """Insert documents not yet in the index, in batches (rebuilds, benchmarks). Returns how many."""
    count = 0
    chunk: list[Document] = []
    with transaction.atomic():
        for doc in docs:
            chunk.append(doc)
            if len(chunk) >= batch:
                _insert(chunk)
                count += len(chunk)
                chunk = []
        if chunk:
            _insert(chunk)
            count += len(chunk)
    return count


def remove(kind: str, object_id: int, congress_id: int | None = None) -> None:
    """Remove the entry (kind, object_id): of that congress, of the current congress scope, or of every
    congress holding it (a person is indexed in each congress where they hold a mandate)."""
    from renda.core.models import Congress
    from renda.core.tenancy import current_congress
    from renda.search.models import SearchEntry

    if congress_id is None and current_congress() is not None:
        congress_id = current_congress().pk  # type: ignore[union-attr]
    with transaction.atomic():
        if congress_id is not None:
            entries = SearchEntry.objects.in_congress(congress_id)
        else:
            entries = SearchEntry.objects.filter(congress_id__in=Congress.objects.values("pk"))
        found = list(entries.filter(kind=kind, object_id=object_id))
        if found:
            _unindex(found)
            for entry in found:
                SearchEntry.objects.in_congress(entry.congress_id).filter(pk=entry.pk).delete()


def clear(congress_id: int | None = None) -> int:
    """Empty the index of one congress, or of all."""
    from renda.core.models import Congress
    from renda.search.models import SearchEntry

    with transaction.atomic():
        if congress_id is None:
            entries = SearchEntry.objects.filter(congress_id__in=Congress.objects.values("pk"))
            if _vendor() == "sqlite":
                with connection.cursor() as cursor:
                    cursor.execute("INSERT INTO search_fts(search_fts) VALUES ('delete-all')")
        else:
            entries = SearchEntry.objects.in_congress(congress_id)
            batch: list = []
            for entry in entries.iterator(chunk_size=2000):
                batch.append(entry)
                if len(batch) >= 2000:
                    _unindex(batch)
                    batch = []
            _unindex(batch)
        deleted, _ = entries.delete()
    return deleted


def rebuild(congress_id: int | None = None) -> int:
    """Rebuild the index of one congress (or of all) from ``renda.search.sources.documents``."""
    from renda.core.models import Congress

    try:
        from renda.search import sources
        documents = sources.documents
    except (ImportError, AttributeError) as error:
        raise RuntimeError("renda.search.sources.documents(congress) is missing: nothing to index") from error
    congresses = Congress.objects.order_by("pk")
    if congress_id is not None:
        congresses = congresses.filter(pk=congress_id)
    count = 0
    with transaction.atomic():
        if congress_id is None:
            clear(None)
        for congress in congresses:
            if congress_id is not None:
                clear(congress.pk)
            count += put_many(documents(congress))
    return count


# ── searching ──────────────────────────────────────────────────────────────────────────────────────────

@dataclass
class _Plan:
    needle: str                 # folded query ("" when no substring check is needed)
    text: str                   # folded query
    grams: list[str]            # query bigrams for the index (distinct, at most MAX_BIGRAMS)
    groups: list[list[str]]     # meta-token groups: every group must match, any token in a group
    any_gram: bool


def _plan(query: Query) -> _Plan | None:
    text = units(query.text or "")
    if len(text) < 2:
        return None
    grams = list(dict.fromkeys(text[i:i + 2] for i in range(len(text) - 1)))
    if query.match == "all" and len(grams) > MAX_BIGRAMS:
        # the rarest are unknown here; spread the picks over the whole query
        step = len(grams) / MAX_BIGRAMS
        grams = [grams[int(i * step)] for i in range(MAX_BIGRAMS)]
    else:
        grams = grams[:MAX_BIGRAMS]
    audience = [k for k in dict.fromkeys(query.audience or []) if k]
    groups = [[f"zc{int(query.congress_id)}"]]
    if not query.every_audience:
        groups.append([f"za{_hex(k)}" for k in audience])
    if query.kinds:
        groups.append([f"zk{_hex(k)}" for k in dict.fromkeys(query.kinds)])
    if query.year is not None:
        groups.append([f"zy{int(query.year)}"])
    if query.status:
        groups.append([f"zs{_hex(query.status)}"])
    for prefix, value in (("zu", query.unit_id), ("zd", query.delegation_id), ("zt", query.station_id)):
        if value is not None:
            groups.append([f"{prefix}{int(value)}"])
    any_gram = query.match == "any"
    needle = text if (not any_gram and len(text) > 2) else ""
    return _Plan(needle, text, grams, groups, any_gram)


def _fts_expression(plan: _Plan) -> str:
    # Every token is alphanumeric (units, hex, digits), so double quotes around it are a complete escape.
    def group(tokens: list[str], op: str) -> str:
        return "(" + f" {op} ".join(f'"{t}"' for t in tokens) + ")"
    parts = [group(plan.grams, "OR" if plan.any_gram else "AND")] + [group(g, "OR") for g in plan.groups]
    return " AND ".join(parts)


def _tsquery(plan: _Plan) -> str:
    def group(tokens: list[str], op: str) -> str:
        return "(" + f" {op} ".join(f"'{t}'" for t in tokens) + ")"
    parts = [group(plan.grams, "|" if plan.any_gram else "&")] + [group(g, "|") for g in plan.groups]
    return " & ".join(parts)


_COLUMNS = 'e.id, e.kind, e.object_id, e.title, e.body, e."when", e.folded'


def _phrase_score(position: str) -> str:
    """BM25 for a phrase every candidate contains (its IDF is the same for all of them, so only how often it
    occurs and how long the text is matter), plus one for a match in the title. The same SQL expression on
    both databases, so "best" orders alike on both."""
    tf = "((length(e.folded) - length(replace(e.folded, %s, ''))) / %s)"
    norm = f"(1 - {BM25_B} + {BM25_B} * length(e.folded) / {AVERAGE_LENGTH}.0)"
    title = f"(CASE WHEN {position}(e.folded, %s) BETWEEN 1 AND {position}(e.folded, ' ') THEN 1.0 ELSE 0.0 END)"
    return f"({tf} * {BM25_K1 + 1} / ({tf} + {BM25_K1} * {norm}) + {title})"


def _phrase_params(plan: _Plan) -> list[Any]:
    return [plan.text, len(plan.text), plan.text, len(plan.text), plan.text]


def _sqlite_rows(plan: _Plan, query: Query, limit: int, offset: int) -> tuple[list, int | None, dict[str, int] | None]:
    """The page's rows, the total (capped) and, when the matches were counted one by one, their kinds."""
    expression = _fts_expression(plan)
    check = " AND instr(e.folded, %s) > 0" if plan.needle else ""
    check_params: list[Any] = [plan.needle] if plan.needle else []
    join = ('FROM search_fts CROSS JOIN "search_searchentry" e ON e.seq = search_fts.rowid '
            'WHERE search_fts MATCH %s AND e."congress_id" = %s')
    base: list[Any] = [expression, query.congress_id]
    with connection.cursor() as cursor:
        if query.order == "best":
            # the newest BEST_WINDOW index matches, ranked; one pass over the index (as on PostgreSQL)
            if plan.any_gram:   # bm25 over the shared bigrams
                window, window_params = "", []
                cursor.execute("SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT 1 OFFSET %s",
                               [expression, BEST_WINDOW - 1])
                bound = cursor.fetchone()
                if bound:
                    window, window_params = " AND search_fts.rowid >= %s", [bound[0]]
                cursor.execute(f"SELECT {_COLUMNS}, -bm25(search_fts) AS score {join}{window}{check} "
                               f"ORDER BY score DESC, search_fts.rowid DESC LIMIT %s OFFSET %s",
                               [*base, *window_params, *check_params, limit, offset])
            else:
                score, score_params = _phrase_score("instr"), _phrase_params(plan)
                source = ("(SELECT rowid FROM search_fts WHERE search_fts MATCH %s ORDER BY rowid DESC LIMIT %s) w "
                          'CROSS JOIN "search_searchentry" e ON e.seq = w.rowid WHERE e."congress_id" = %s')
                cursor.execute(f"SELECT {_COLUMNS}, {score} AS score FROM {source}{check} "
                               f"ORDER BY score DESC, w.rowid DESC LIMIT %s OFFSET %s",
                               [*score_params, expression, BEST_WINDOW, query.congress_id, *check_params, limit, offset])
        else:
            cursor.execute(f"SELECT {_COLUMNS}, 0.0 {join}{check} ORDER BY search_fts.rowid DESC LIMIT %s OFFSET %s",
                           [*base, *check_params, limit, offset])
        rows = cursor.fetchall()
        if len(rows) < limit and (rows or offset == 0):
            return rows, offset + len(rows), None
        if not query.count:
            return rows, None, None
        cap = _cap(query)
        kinds: dict[str, int] | None = None
        if plan.needle or query.count_kinds:
            cursor.execute(f"SELECT kind, count(*) FROM (SELECT e.kind AS kind {join}{check} LIMIT %s) GROUP BY kind",
                           [*base, *check_params, cap + 1])
            kinds = dict(cursor.fetchall())
            counted = sum(kinds.values())
        else:
            cursor.execute("SELECT count(*) FROM (SELECT 1 FROM search_fts WHERE search_fts MATCH %s LIMIT %s)",
                           [expression, cap + 1])
            counted = cursor.fetchone()[0]
    return rows, (counted if counted <= cap else None), kinds


def _cap(query: Query) -> int:
    return max(1, int(query.count_cap if query.count_cap is not None else COUNT_CAP))


def _postgres_rows(plan: _Plan, query: Query, limit: int, offset: int) -> tuple[list, int | None, dict[str, int] | None]:
    tsquery = _tsquery(plan)
    check = " AND strpos(e.folded, %s) > 0" if plan.needle else ""
    check_params: list[Any] = [plan.needle] if plan.needle else []
    where = 'WHERE e."congress_id" = %s AND e.tsv @@ %s::tsquery'
    base: list[Any] = [query.congress_id, tsquery]
    with connection.cursor() as cursor:
        if query.order == "best":
            if plan.any_gram:
                score, score_params = "ts_rank(e.tsv, %s::tsquery)", [tsquery]
            else:
                score, score_params = _phrase_score("strpos"), _phrase_params(plan)
            cursor.execute(
                f"SELECT {_COLUMNS}, {score} AS score FROM ("
                f'SELECT * FROM "search_searchentry" e {where} ORDER BY e.seq DESC LIMIT %s) e WHERE TRUE{check} '
                f"ORDER BY score DESC, e.seq DESC LIMIT %s OFFSET %s",
                [*score_params, *base, BEST_WINDOW, *check_params, limit, offset])
        else:
            cursor.execute(f'SELECT {_COLUMNS}, 0.0 FROM "search_searchentry" e {where}{check} '
                           f"ORDER BY e.seq DESC LIMIT %s OFFSET %s", [*base, *check_params, limit, offset])
        rows = cursor.fetchall()
        if len(rows) < limit and (rows or offset == 0):
            return rows, offset + len(rows), None
        if not query.count:
            return rows, None, None
        cap = _cap(query)
        cursor.execute(f'SELECT kind, count(*) FROM (SELECT e.kind FROM "search_searchentry" e {where}{check} LIMIT %s) c '
                       "GROUP BY kind", [*base, *check_params, cap + 1])
        kinds = dict(cursor.fetchall())
        counted = sum(kinds.values())
    return rows, (counted if counted <= cap else None), kinds


def search(query: Query) -> Results:
    """The hits of ``query`` in its congress that its audience may see. Never raises on user text."""
    plan = _plan(query)
    if plan is None:
        return Results(hits=[], total=0, hint=HINT_TOO_SHORT)
    if not plan.groups[1]:
        return Results(hits=[], total=0)
    limit = max(1, min(MAX_LIMIT, int(query.limit or 20)))
    offset = max(0, min(MAX_OFFSET, int(query.offset or 0)))
    if query.order not in ("newest", "best"):
        query = Query(**{**query.__dict__, "order": "newest"})
    fetch = _sqlite_rows if _vendor() == "sqlite" else _postgres_rows
    rows, total, kinds = fetch(plan, query, limit, offset)
    if kinds is None and total is not None and offset == 0:   # the first page itself holds every match
        kinds = {}
        for row in rows:
            kinds[row[1]] = kinds.get(row[1], 0) + 1
    hits = []
    for _pk, kind, object_id, title, body, when, _folded, score in rows:
        marker = (lambda u: _covered_all(u, plan.needle or units(query.text))) if not plan.any_gram \
            else (lambda u: _covered_any(u, set(plan.grams)))
        title_marks = _marks(title, marker)
        body_marks = _marks(body, marker)
        if any(body_marks):
            snippet = _passage(body, body_marks)
        elif any(title_marks):
            snippet = _passage(title, title_marks)
        else:
            snippet = _passage(body, body_marks)
        if isinstance(when, str):  # SQLite through a raw cursor
            when = datetime.datetime.fromisoformat(when)
        if isinstance(when, datetime.datetime) and timezone.is_naive(when):
            when = when.replace(tzinfo=datetime.UTC)
        hits.append(Hit(kind=kind, object_id=object_id, title=title, snippet=snippet, when=when,
                        score=float(score or 0.0), title_marked=_wrap(title, title_marks, 0, len(title))))
    return Results(hits=hits, total=total, kinds=kinds if query.count_kinds else None)


# ── the highlighted passage ────────────────────────────────────────────────────────────────────────────

@functools.lru_cache(maxsize=100_000)
def _fold_char(char: str) -> str:
    return "".join(c for c in fold(char) if c.isalnum())


def _covered_all(u: str, needle: str) -> list[bool]:
    covered = [False] * len(u)
    if not needle:
        return covered
    start = u.find(needle)
    while start >= 0:
        for i in range(start, start + len(needle)):
            covered[i] = True
        start = u.find(needle, start + 1)
    return covered


def _covered_any(u: str, grams: set[str]) -> list[bool]:
    covered = [False] * len(u)
    for i in range(len(u) - 1):
        if u[i:i + 2] in grams:
            covered[i] = covered[i + 1] = True
    return covered


def _marks(text: str, marker) -> list[bool]:
    """Which characters of ``text`` belong to a match (matching is done on folded units)."""
    chars: list[str] = []
    where: list[int] = []
    for i, char in enumerate(text):
        for u in _fold_char(char):
            chars.append(u)
            where.append(i)
    marks = [False] * len(text)
    for j, hit in enumerate(marker("".join(chars))):
        if hit:
            marks[where[j]] = True
    # punctuation or spaces inside a match are part of it
    last = None
    for i in (i for i, hit in enumerate(marks) if hit):
        if last is not None and last < i - 1 and not any(_fold_char(c) for c in text[last + 1:i]):
            for k in range(last + 1, i):
                marks[k] = True
        last = i
    return marks


def _wrap(text: str, marks: list[bool], start: int, end: int) -> str:
    out: list[str] = []
    i = start
    while i < end:
        j = i
        inside = marks[i]
        while j < end and marks[j] == inside:
            j += 1
        piece = html.escape(text[i:j])
        out.append(f"<mark>{piece}</mark>" if inside else piece)
        i = j
    return "".join(out)


def _passage(text: str, marks: list[bool]) -> str:
    first = next((i for i, hit in enumerate(marks) if hit), 0)
    start = max(0, first - SNIPPET_CHARS // 4)
    end = min(len(text), start + SNIPPET_CHARS)
    start = max(0, min(start, end - SNIPPET_CHARS))
    return ("…" if start > 0 else "") + _wrap(text, marks, start, end) + ("…" if end < len(text) else "")
