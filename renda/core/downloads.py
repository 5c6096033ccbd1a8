"""File names of downloads: in Chinese, with the date, the same on every browser.

Every download Renda gives (exports, PDFs, .docx, iCal) names itself through ``attachment``: the
office files what it downloads by name, so "2026年建议办理情况统计.xlsx" or "代表名册（2026年12月3日）.xlsx",
never "export-demo-city.xlsx". The header carries the name twice (RFC 6266): an ASCII fallback for
old clients and ``filename*`` in UTF-8, which every current browser and WeChat's viewer read.
"""

from __future__ import annotations

import datetime
import re
from urllib.parse import quote

from django.http import HttpResponse
from django.utils import timezone

# Characters no file system takes in a name (Windows is the strictest), and control characters.
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f\x7f]+')


def chinese_date(day: datetime.date) -> str:
    return f"{day.year}年{day.month}月{day.day}日"


def dated(subject: str, suffix: str, *, on: datetime.date | None = None) -> str:
    """``subject（2026年12月3日）.suffix``: a list or page exported today."""
    day = on or timezone.localdate()
    return f"{subject}（{chinese_date(day)}）.{suffix.lstrip('.')}"


def yearly(year: int, subject: str, suffix: str) -> str:
    """``2026年subject.suffix``: a report about one year."""
    return f"{year}年{subject}.{suffix.lstrip('.')}"


MAX_NAME = 150   # characters; a long title is shortened before its suffix, never the suffix itself


def safe_name(name: str) -> str:
    cleaned = _UNSAFE.sub("_", name).strip(" .") or "下载"
    if len(cleaned) <= MAX_NAME:
        return cleaned
    stem, dot, suffix = cleaned.rpartition(".")
    if not dot or not 1 <= len(suffix) <= 5 or not suffix.isascii():
        return cleaned[:MAX_NAME]
    return f"{stem[:MAX_NAME - len(suffix) - 1]}.{suffix}"


def content_disposition(name: str, *, inline: bool = False) -> str:
    name = safe_name(name)
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    # Old clients read only this ASCII name: the Latin letters of the name, else "download" ("代表名册.csv"
    # → "download.csv"; the digits of a Chinese date alone, "2026123", would only mislead).
    ascii_stem = stem.encode("ascii", "ignore").decode().strip(" ._-")
    if not any(ch.isalpha() for ch in ascii_stem):
        ascii_stem = "download"
    ascii_fallback = ascii_stem + ("." + suffix.encode("ascii", "ignore").decode() if dot else "")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def attachment(response: HttpResponse, name: str, *, inline: bool = False) -> HttpResponse:
    """Name ``response``'s file ``name`` (see ``dated`` and ``yearly``)."""
    response["Content-Disposition"] = content_disposition(name, inline=inline)
    return response
