"""Small pieces every demo story uses: a moment on a demo day, and a PDF in the official layout."""

from __future__ import annotations

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from renda.core.official_documents import OfficialDocument, Section, to_pdf


def at(day: datetime.date, hour: int = 9, minute: int = 0) -> datetime.datetime:
    """That day at that hour, in the congress's time zone."""
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour, minute)))


def pdf(title: str, lines: list[str], heading: str) -> SimpleUploadedFile:
    """A GB/T 9704 PDF of one section, as an upload."""
    data = to_pdf(OfficialDocument(title=title, sections=[Section(heading, paragraphs=lines)]))
    return SimpleUploadedFile(f"{title}.pdf", data, content_type="application/pdf")
