"""Similar existing items while someone types, and clusters of near-duplicates for staff.

Texts are compared by their 3-unit shingles (renda.core.text: full/half width and traditional/simplified
folded, punctuation dropped); the score is the share of the shorter text's shingles found in the other
(overlap coefficient), less the shingles of phrases every title has (关于加快推进…的建议). Candidates
come from the search index's "any bigram" query once it answers, else from a bounded database query
(titles/texts containing a few of the typed bigrams, plus the most recent items) — never a full scan.

What is shown follows the pages: a suggestion only if the reader may open it (proposals.queries.readable;
other similar submitted items are counted, not shown), a concern only as the public sees it (its
category, a passage of its text and its plain-words status — never the person's name, contact or
tracking code), a livelihood proposal as the call page lists it.
"""

from __future__ import annotations

import datetime
from collections.abc import Iterable
from dataclasses import dataclass, field
from html import escape
from typing import Any

from django.db.models import Q, QuerySet
from django.urls import reverse
from django.utils import timezone

from renda.core import rules
from renda.core.models import Congress
from renda.core.permissions import check_permission, may
from renda.core.text import bigrams, covered, shingles, units

KINDS = {"suggestion": "议案建议", "concern": "群众诉求", "livelihood_proposal": "民生实事项目建议"}
MIN_UNITS = 4  # fewer typed units than this compare nothing: a hint instead
MAX_UNITS = 3000  # a pasted 10,000-character text is compared on its first part
MIN_SHARED = 3  # shingles in common, whatever the share
YEARS_BACK = 3
FILLER_PHRASES = ("关于加快推进", "关于进一步加强", "关于进一步", "关于加强", "关于推进", "关于完善", "关于尽快解决", "关于解决",
                  "的建议", "的议案", "问题的建议", "工作的建议", "建议", "议案", "加快推进", "进一步加强", "尽快解决", "有关问题")
HINT_SHORT = "请至少输入四个字，再为您查找相似的已有件"


def _filler() -> frozenset[str]:
    found: set[str] = set()
    for phrase in FILLER_PHRASES:
        found |= shingles(phrase)
    return frozenset(found)


FILLER = _filler()


@dataclass
class Match:
    kind: str
    object_id: int
    number: str  # 第0012号, or what the reader would call it
    title: str  # plain text
    marked_title: str  # HTML: escaped, overlap in <mark>
    excerpt: str  # HTML: a passage of the body around the overlap
    owner: str  # lead deputy, station, or source — never a citizen's name
    status: str
    score: float
    url: str = ""
    action: str = "查看"
    note: str = ""


@dataclass
class Found:
    kind: str
    items: list[Match] = field(default_factory=list)
    hint: str = ""
    hidden: int = 0  # similar items the reader may not open (counted, not shown)


def _shingle_set(text: str) -> set[str]:
    return shingles(units(text)[:MAX_UNITS]) - FILLER


def score(query: set[str], other: set[str]) -> tuple[float, set[str]]:
    shared = query & other
    if len(shared) < min(MIN_SHARED, len(query)) or not shared:
        return 0.0, shared
    return len(shared) / min(len(query), len(other)), shared


def mark(text: str, shared: set[str], *, window: int | None = None) -> str:
    """``text`` HTML-escaped with the runs covered by ``shared`` shingles wrapped in <mark>; with
    ``window``, only a passage of about that many characters around the first run."""
    text = text or ""
    if window is not None:
        text = text[:20000]
    on = covered(text, shared)
    start, end = 0, len(text)
    if window is not None and len(text) > window:
        first = on.index(True) if True in on else 0
        start = max(0, first - window // 4)
        end = min(len(text), start + window)
    out = ["…" if start > 0 else ""]
    i = start
    while i < end:
        j = i
        while j < end and on[j] == on[i]:
            j += 1
        piece = escape(text[i:j])
        out.append(f"<mark>{piece}</mark>" if on[i] else piece)
        i = j
    out.append("…" if end < len(text) else "")
    return "".join(out)


def marked_runs_only(text: str, shared: set[str], *, most: int = 5) -> str:
    """Only the runs ``text`` shares with what is being typed, each marked, joined by "…": what a
    citizen may see of another person's concern (its overlap, never the rest, which may name people)."""
    text = (text or "")[:20000]
    on = covered(text, shared)
    runs: list[str] = []
    i = 0
    while i < len(text) and len(runs) < most:
        if on[i]:
            j = i
            while j < len(text) and on[j]:
                j += 1
            runs.append(f"<mark>{escape(text[i:j])}</mark>")
            i = j
        else:
            i += 1
    return "…".join(runs)


def _probe(text: str, n: int = 8) -> list[str]:
    """A few of the typed bigrams, spread over the text and free of filler, for a bounded DB query."""
    grams = [g for g in dict.fromkeys(bigrams(units(text)[:MAX_UNITS])) if len(g) == 2 and not any(
        g in phrase for phrase in FILLER_PHRASES)]
    if len(grams) <= n:
        return grams
    step = len(grams) / n
    return [grams[int(i * step)] for i in range(n)]


# The search index's kind of each similar-items kind.
INDEX_KINDS = {"suggestion": "suggestion", "concern": "concern", "livelihood_proposal": "livelihood"}


def _engine_ids(congress: Congress, kind: str, text: str, limit: int) -> list[int] | None:
    """Candidate ids from the search index (bigram "any" match, best first), or None when it cannot
    answer. Visibility is not the index's job here: every id is re-read through the page's own rules,
    so the query spans every audience (``every_audience``) and no hit is shown as the index holds it."""
    from renda.search import engine

    index_kind = INDEX_KINDS[kind]
    try:
        results = engine.search(engine.Query(congress_id=congress.pk, text=text[:MAX_UNITS], audience=[],
                                             every_audience=True, kinds=[index_kind], order="best", match="any",
                                             limit=limit, count=False))
    except Exception:  # noqa: BLE001 — the index is an accelerator; the bounded query below still answers
        return None
    return [hit.object_id for hit in results.hits if hit.kind == index_kind]


def _candidates(congress: Congress, base: QuerySet, kind: str, text: str, fields: Iterable[str]) -> list:
    limit = int(rules.get(congress, "similar.candidates"))
    ids = _engine_ids(congress, kind, text, limit)
    if ids:
        return list(base.filter(pk__in=ids)[:limit])
    probe = Q(pk__in=[])
    for gram in _probe(text):
        for name in fields:
            probe |= Q(**{f"{name}__icontains": gram})
    found = {o.pk: o for o in base.filter(probe).order_by("-id")[:limit]}
    for o in base.order_by("-id")[: max(50, limit // 5)]:
        found.setdefault(o.pk, o)
    return list(found.values())


def _ranked(congress: Congress, query: set[str], rows: list, text_of) -> list[tuple[float, set[str], Any]]:
    floor = float(rules.get(congress, "similar.min_score"))
    scored = []
    for row in rows:
        s, shared = score(query, _shingle_set(text_of(row)))
        if s >= floor:
            scored.append((s, shared, row))
    scored.sort(key=lambda t: (-t[0], -t[2].pk))
    return scored


def find_similar(congress: Congress, user, kind: str, text: str, *, exclude_id: int | None = None,
                 limit: int = 5) -> Found:
    if kind not in KINDS:
        raise ValueError(kind)
    text = (text or "")[:MAX_UNITS * 4]
    found = Found(kind=kind)
    if len(units(text)) < MIN_UNITS:
        found.hint = HINT_SHORT
        return found
    query = _shingle_set(text)
    if not query:
        return found
    return {"suggestion": _suggestions, "concern": _concerns, "livelihood_proposal": _proposals}[kind](
        congress, user, text, query, found, exclude_id, limit)


def _suggestions(congress, user, text, query, found: Found, exclude_id, limit) -> Found:
    from renda.proposals.models import Author, Suggestion
    from renda.proposals.queries import readable

    year = timezone.localdate().year
    base = (Suggestion.objects.in_congress(congress).filter(year__gte=year - YEARS_BACK)
            .exclude(status__in=[Suggestion.Status.WITHDRAWN, Suggestion.Status.MERGED]))
    if exclude_id is not None:
        base = base.exclude(pk=exclude_id)
    rows = _candidates(congress, base, "suggestion", text, ["title", "body"])
    ranked = _ranked(congress, query, rows, lambda s: f"{s.title}\n{s.body}")
    if not ranked:
        return found
    ids = [row.pk for _, _, row in ranked]
    visible = set(readable(congress, user).filter(pk__in=ids).values_list("pk", flat=True))
    person = getattr(user, "person", None) if getattr(user, "is_authenticated", False) else None
    leads = dict(Author.objects.in_congress(congress).filter(suggestion_id__in=visible, lead=True)
                 .values_list("suggestion_id", "person__name"))
    mine = set(Author.objects.in_congress(congress).filter(suggestion_id__in=visible, person=person)
               .values_list("suggestion_id", flat=True)) if person is not None else set()
    for s, shared, item in ranked:
        if item.pk not in visible:
            if item.submitted_at is not None and not item.confidential:
                found.hidden += 1
            continue
        if len(found.items) >= limit:
            continue
        lead = leads.get(item.pk, "")
        open_item = item.status in ("draft", "submitted", "returned", "accepted", "assigned", "rehandling")
        note = ""
        if item.pk in mine:
            note = "您是本件的领衔或联名代表"
        elif open_item and lead and may(user, congress, "save_suggestion_draft"):
            note = f"如内容相同，可请领衔代表{lead}将您列为联名代表，不必另提"
        found.items.append(Match(
            kind="suggestion", object_id=item.pk, number=item.numbered or f"{item.year}年", title=item.title,
            marked_title=mark(item.title, shared), excerpt=mark(item.body, shared, window=120), owner=lead,
            status=item.get_status_display(), score=round(s, 3),
            url=reverse("suggestion_detail", args=[congress.code, item.pk]), action="查看", note=note))
    return found


def _concerns(congress, user, text, query, found: Found, exclude_id, limit) -> Found:
    from renda.liaison.models import Concern

    today = timezone.localdate()
    S = Concern.Source
    base = (Concern.objects.in_congress(congress)
            .filter(source__in=[S.RECEPTION, S.ONLINE, S.STAFF], merged_into__isnull=True)
            .exclude(status=Concern.Status.DISMISSED)
            .filter(Q(status__in=Concern.OPEN) | Q(raised_on__gte=today - datetime.timedelta(days=365)))
            .select_related("station"))
    if exclude_id is not None:
        base = base.exclude(pk=exclude_id)
    rows = _candidates(congress, base, "concern", text, ["text"])
    staff = may(user, congress, "dismiss_concern")  # the office opens every concern; others by their own pages
    for s, shared, item in _ranked(congress, query, rows, lambda c: c.text)[:limit]:
        status = Concern.PUBLIC_STATUS.get(item.status, "")
        found.items.append(Match(
            kind="concern", object_id=item.pk, number=f"{item.raised_on:%Y-%m-%d}", title=item.category,
            marked_title=escape(item.category),
            excerpt=mark(item.text, shared, window=80) if staff else marked_runs_only(item.text, shared),
            owner=item.station.name if item.station else "", status=status, score=round(s, 3),
            # the public get no link: another person's concern opens only with its tracking code
            url=reverse("liaison_concern", args=[congress.code, item.pk]) if staff else "",
            action="查看" if staff else "",
            note="" if staff else f"已有相似诉求{status}，您仍可提交；提交后可凭查询码关注办理进度"))
    return found


def _proposals(congress, user, text, query, found: Found, exclude_id, limit) -> Found:
    from renda.livelihood.models import Proposal

    base = (Proposal.objects.in_congress(congress).filter(call__year=timezone.localdate().year, merged_into__isnull=True)
            .select_related("call"))
    if exclude_id is not None:
        base = base.exclude(pk=exclude_id)
    rows = _candidates(congress, base, "livelihood_proposal", text, ["title", "description"])
    staff = may(user, congress, "merge_proposals")
    for s, shared, item in _ranked(congress, query, rows, lambda p: f"{p.title}\n{p.description}")[:limit]:
        found.items.append(Match(
            kind="livelihood_proposal", object_id=item.pk, number=item.call.title, title=item.title,
            marked_title=mark(item.title, shared), excerpt=mark(item.description, shared, window=100),
            owner=item.get_source_display(), status=item.get_status_display(), score=round(s, 3),
            url=reverse("livelihood_call", args=[congress.code, item.call_id]) + f"#proposal-{item.pk}",
            action="合并或查看" if staff else "查看"))
    return found


# ── clusters for staff ──

@dataclass
class ClusterItem:
    object_id: int
    number: str
    title: str
    owner: str
    status: str
    url: str


@dataclass
class Clusters:
    kind: str
    scope: str
    items_compared: int
    threshold: float
    clusters: list[list[ClusterItem]]
    merge_url: str = ""  # where staff merge (the existing merge action), if there is one
    truncated: bool = False


MAX_BATCH = 20000


def clusters(congress: Congress, user, kind: str, *, year: int | None = None, session_id: int | None = None,
             call_id: int | None = None) -> Clusters:
    """Near-duplicates among a batch, as merge candidates: MinHash LSH over 3-unit shingles
    (renda.similar.minhash), threshold the rule similar.cluster_threshold. Staff only."""
    from renda.similar import minhash

    check_permission(user, congress, "view_similar_clusters")
    if kind not in KINDS:
        raise ValueError(kind)
    year = year or timezone.localdate().year
    threshold = float(rules.get(congress, "similar.cluster_threshold"))
    rows, scope, merge_url, describe = _batch(congress, kind, year, session_id, call_id)
    truncated = len(rows) > MAX_BATCH
    rows = rows[:MAX_BATCH]
    texts = [units(text)[:MAX_UNITS] for _, text in rows]
    found = minhash.cluster(minhash.signatures(texts), threshold=threshold).clusters if rows else []
    return Clusters(kind=kind, scope=scope, items_compared=len(rows), threshold=threshold,
                    clusters=[[describe(rows[i][0]) for i in group] for group in found], merge_url=merge_url,
                    truncated=truncated)


def _batch(congress: Congress, kind: str, year: int, session_id: int | None, call_id: int | None):
    code = congress.code
    if kind == "suggestion":
        from renda.proposals.models import Author, Suggestion

        items = (Suggestion.objects.in_congress(congress).filter(submitted_at__isnull=False, year=year)
                 .exclude(status__in=[Suggestion.Status.WITHDRAWN, Suggestion.Status.MERGED]))
        if session_id is not None:
            items = items.filter(session_id=session_id)
        rows = [(s, f"{s.title}\n{s.body}") for s in items.order_by("-id")[:MAX_BATCH + 1]]
        leads = dict(Author.objects.in_congress(congress).filter(suggestion_id__in=[s.pk for s, _ in rows], lead=True)
                     .values_list("suggestion_id", "person__name"))
        return rows, f"{year}年提交的议案建议", "", lambda s: ClusterItem(
            s.pk, s.numbered, s.title, leads.get(s.pk, ""), s.get_status_display(),
            reverse("suggestion_detail", args=[code, s.pk]))
    if kind == "livelihood_proposal":
        from renda.livelihood.models import Call, Proposal

        props = Proposal.objects.in_congress(congress).filter(merged_into__isnull=True, status=Proposal.Status.SUBMITTED)
        if call_id is not None:
            call = Call.objects.in_congress(congress).filter(pk=call_id).first()
            props = props.filter(call_id=call_id)
            scope = call.title if call else "（没有这次征集）"
        else:
            props = props.filter(call__year=year)
            scope = f"{year}年的民生实事项目建议"
        rows = [(p, f"{p.title}\n{p.description}") for p in props.order_by("-id")[:MAX_BATCH + 1]]
        merge = reverse("livelihood_call", args=[code, call_id]) if call_id is not None else ""
        return rows, scope, merge, lambda p: ClusterItem(
            p.pk, "", p.title, p.get_source_display(), p.get_status_display(),
            reverse("livelihood_call", args=[code, p.call_id]) + f"#proposal-{p.pk}")
    from renda.liaison.models import Concern

    S = Concern.Source
    concerns = (Concern.objects.in_congress(congress).filter(merged_into__isnull=True, status__in=Concern.OPEN,
                                                             source__in=[S.RECEPTION, S.ONLINE, S.STAFF])
                .select_related("station"))
    rows = [(c, c.text) for c in concerns.order_by("-id")[:MAX_BATCH + 1]]
    return rows, "正在办理的群众诉求", "", lambda c: ClusterItem(
        c.pk, f"{c.raised_on:%Y-%m-%d}", f"{c.category}：{c.text[:60]}", c.station.name if c.station else "",
        c.get_status_display(), reverse("liaison_concern", args=[code, c.pk]))

