"""The search index: one row per searchable thing, its text stored as bigrams (renda.core.text).

INTERFACE (agreed between the engine and the sources; the engine helper fills in the bodies):

    put(doc: Document) -> None        insert or replace the entry (kind, object_id), in the caller's transaction
    remove(kind: str, object_id: int) -> None
    search(query: Query) -> Results   scoped to query.congress_id; never raises on user text
    rebuild(congress_id | None) -> int   (used by `renda manage rebuild_search_index`)

SQLite: an FTS5 table over the bigrams; PostgreSQL: a tsvector('simple') column with GIN. Both give the
same results (one test suite runs on both).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field


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


@dataclass
class Hit:
    kind: str
    object_id: int
    title: str
    snippet: str                   # the matching passage, HTML-escaped, matches wrapped in <mark>
    when: datetime.datetime | None
    score: float


@dataclass
class Results:
    hits: list[Hit]
    total: int | None              # None when counting would cost a scan
    hint: str = ""                 # e.g. "请至少输入两个字" for a one-character query; hits empty then
