"""The meeting's tamper-evident record: each link's hash covers the previous hash and its payload."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from django.db import connection

from renda.core.written_out import insert, table
from renda.meetings.models import Meeting
from renda.voting.models import ChainLink, Vote

GENESIS = "0" * 64


def canonical(payload: dict) -> str:
    return json.dumps(payload, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


def link_hash(prev_hash: str, payload: dict) -> str:
    return hashlib.sha256((prev_hash + canonical(payload)).encode()).hexdigest()


def append(meeting: Meeting, kind: str, payloads: list[dict]) -> list[ChainLink]:
    return append_many(meeting, [(kind, payload) for payload in payloads])


def append_many(meeting: Meeting, entries: list[tuple[str, dict]], *, meeting_locked: bool = False) -> list[ChainLink]:
    """Append (kind, payload) links in one go. Callers run inside an action's transaction; the meeting
    row is locked first so that two appends never compute the same next sequence number (PostgreSQL
    would otherwise let both read the same last link; SQLite already serialises writers).
    ``meeting_locked``: the caller's transaction holds that lock already (a hall batch read its vote
    and meeting ``FOR UPDATE``: ``batch_statements.locked_vote``)."""
    if not entries:
        return []
    if connection.features.has_select_for_update and not meeting_locked:
        # SQLite has no row locks and needs none: its transactions take the one write lock at BEGIN
        # (IMMEDIATE, settings.py), so no other writer runs between the read below and the insert.
        with connection.cursor() as cursor:
            cursor.execute(f'SELECT 1 FROM {table(Meeting)} WHERE "congress_id" = %s AND "id" = %s FOR UPDATE',
                           [meeting.congress_id, meeting.pk])
    seq, prev = _last_link(meeting)
    links = []
    for kind, payload in entries:
        seq += 1
        payload = {"kind": kind, **payload}
        digest = link_hash(prev, payload)
        links.append(ChainLink(congress_id=meeting.congress_id, meeting=meeting, seq=seq, kind=kind,
                               payload=payload, prev_hash=prev, hash=digest))
        prev = digest
    insert(links)  # every hall batch appends: written out, as the reads (core.written_out)
    return links


# Every batch of a hall vote appends: the lock and the last link are written out (core.written_out).
def _last_link(meeting: Meeting) -> tuple[int, str]:
    with connection.cursor() as cursor:
        cursor.execute(f'SELECT "seq", "hash" FROM {table(ChainLink)} WHERE "congress_id" = %s '
                       f'AND "meeting_id" = %s ORDER BY "seq" DESC LIMIT 1', [meeting.congress_id, meeting.pk])
        row = cursor.fetchone()
    return (row[0], row[1]) if row else (0, GENESIS)


@dataclass
class Verdict:
    ok: bool
    links: int
    broken_at: int | None = None
    message: str = ""


def verify(meeting: Meeting) -> Verdict:
    """Recompute every link; then check that each closed vote's stored result is the chained one."""
    prev, count, results = GENESIS, 0, {}
    for link in ChainLink.objects.in_congress(meeting.congress_id).filter(meeting=meeting).order_by("seq").iterator():
        count += 1
        if link.seq != count:
            return Verdict(False, count, link.seq, f"第 {count} 环缺失（下一环是第 {link.seq} 环）")
        if link.prev_hash != prev:
            return Verdict(False, count, link.seq, f"第 {link.seq} 环的前一环哈希不符")
        if link_hash(prev, link.payload) != link.hash:
            return Verdict(False, count, link.seq, f"第 {link.seq} 环（{link.kind}）的内容已被改动")
        if link.kind == "result":
            results[link.payload["vote"]] = (link.seq, link.payload["result"])
        prev = link.hash
    closed = Vote.objects.in_congress(meeting.congress_id).filter(
        meeting=meeting, status__in=[Vote.Status.CLOSED, Vote.Status.ANNOUNCED])
    for vote in closed.order_by("id"):
        seq, chained = results.get(vote.pk, (None, None))
        if chained is None:
            return Verdict(False, count, None, f"表决“{vote}”的结果没有记入链")
        if canonical(chained) != canonical(vote.result):
            return Verdict(False, count, seq, f"表决“{vote}”保存的结果与第 {seq} 环记录的不一致")
    return Verdict(True, count)
