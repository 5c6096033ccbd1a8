"""A version's text and the comparison table (对照表) as official documents (GB/T 9704, PDF and .docx)."""

from __future__ import annotations

import datetime

from django.utils import timezone

from renda.core.official_documents import OfficialDocument, Section
from renda.legislation import compare, storage
from renda.legislation.models import BillVersion
from renda.legislation.text import render


def text_document(title: str, version: BillVersion, *, day: datetime.date | None = None) -> OfficialDocument:
    lines = render(storage.load(version)).split("\n")
    return OfficialDocument(title=title, preamble=lines, date=day or timezone.localdate(version.created_at))


def comparison_document(title: str, old: BillVersion, new: BillVersion, old_name: str, new_name: str,
                        rows: list[compare.Row]) -> OfficialDocument:
    table: list[list[str]] = [[old_name, new_name, "说明"]]
    for row in rows:
        if row.status == "unchanged":
            continue
        left = f"{row.old.label}　{row.old.text}" if row.old else ""
        right = f"{row.new.label}　{row.new.text}" if row.new else ""
        table.append([left, right, row.note])
    counts = compare.summary(rows)
    said = "，".join(f"{compare.LABELS[k]}{v}条" for k, v in counts.items() if v and k != "unchanged")
    return OfficialDocument(title=f"{title}对照表", preamble=[f"{old_name}与{new_name}相比：{said or '条文没有变动'}。"
                                                          f"未改动的{counts['unchanged']}条不列入本表。"],
                            sections=[Section(heading="条文对照", table=table)],
                            date=timezone.localdate(new.created_at))
