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


def safe_name(name: str) -> str:
    cleaned = _UNSAFE.sub("_", name).strip(" .") or "下载"
    return cleaned[:150]


def content_disposition(name: str, *, inline: bool = False) -> str:
    name = safe_name(name)
    stem, dot, suffix = name.rpartition(".") if "." in name else (name, "", "")
    ascii_fallback = stem.encode("ascii", "ignore").decode().strip(" ._") or "download"
    if dot:   # "代表名册.csv" falls back to "download.csv"
        ascii_fallback += "." + suffix.encode("ascii", "ignore").decode()
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{ascii_fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def attachment(response: HttpResponse, name: str, *, inline: bool = False) -> HttpResponse:
    """Name ``response``'s file ``name`` (see ``dated`` and ``yearly``)."""
    response["Content-Disposition"] = content_disposition(name, inline=inline)
    return response
