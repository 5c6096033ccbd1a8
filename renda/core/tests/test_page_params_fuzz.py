"""Every page a staff member reaches by links, asked again with hostile query parameters (years and
ids past any column, negative pages, direction overrides, markup, unknown statuses): no page answers
with a server error (issue 11, point 4; the API has its own run in test_api_fuzz.py)."""

from __future__ import annotations

import re
from urllib.parse import urlencode, urljoin, urlparse

import pytest
from django.test import Client

from renda.core.tests.sitewalk import SKIP
from renda.testing import make_meeting, signed_in

HREF = re.compile(r'href="([^"#]+)"')
HOSTILE = [
    {"year": "-1", "after": str(2**63), "page": "-1", "q": "\u202e名单", "status": "<b>x</b>", "unit": str(2**64)},
    {"year": "99999999999999999999", "after": "abc", "page": str(2**63), "q": "%" * 300, "kind": "\u200b",
     "term": "-5", "delegation": str(2**63), "before": "9999-99-99", "action": "\x7f", "area": "\ufeff"},
    # Characters Python's str.isdigit() accepts and int() refuses (superscripts), and digits of another script.
    {"year": "²⁰²⁶", "after": "²", "page": "³", "station": "²", "holder": "²", "unit": "²", "delegation": "²",
     "mandate": "²", "term": "١٢", "q": "²"},
]


def _pages(client, start: str, prefix: str, limit: int = 70) -> list[str]:
    seen: list[str] = []
    queue = [start]
    while queue and len(seen) < limit:
        url = queue.pop(0)
        if url in seen:
            continue
        seen.append(url)
        response = client.get(url)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        for href in HREF.findall(response.content.decode()):
            path = urlparse(urljoin(url, href.replace("&amp;", "&"))).path
            if path.startswith(prefix) and not SKIP.search(path) and path not in seen and path not in queue:
                queue.append(path)
    return seen


@pytest.mark.parametrize("who", ["office", "public", "anonymous"])
def test_no_page_fails_on_hostile_query_parameters(world_a, who):
    make_meeting(world_a, members=3)
    client = Client() if who == "anonymous" else signed_in(getattr(world_a, who))
    prefix = f"/c/{world_a.congress.code}/"
    pages = _pages(client, prefix, prefix)
    assert len(pages) > (20 if who == "office" else 3)
    failed = []
    for path in pages:
        for params in HOSTILE:
            response = client.get(f"{path}?{urlencode(params)}")
            if response.status_code >= 500:
                failed.append(f"{path}?{urlencode(params)} → {response.status_code}")
    assert not failed, "\n".join(failed)
