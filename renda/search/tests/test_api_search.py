"""GET /api/search: the page's search for a token's user, in the token's congress."""

from __future__ import annotations

import pytest
from django.test import Client

from renda.core.roles import Role
from renda.search.tests.helpers import api_hits, concern, submitted


def test_hits_carry_kind_id_title_snippet_url_and_when_with_counts(world_a):
    item = submitted(world_a, title="关于校车接送的建议", body="校车接送难")
    concern(world_a, text="校车接送点太远")
    body = api_hits(world_a, world_a.office, "校车接送")
    kinds = {h["kind"] for h in body["hits"]}
    assert kinds == {"suggestion", "concern"}
    hit = next(h for h in body["hits"] if h["kind"] == "suggestion")
    assert hit["id"] == item.pk and hit["title"] == "关于校车接送的建议" and "<mark>" in hit["snippet"]
    assert hit["url"].startswith("http") and hit["when"]
    assert {c["kind"]: c["count"] for c in body["counts"]} == {"suggestion": 1, "concern": 1}
    only = api_hits(world_a, world_a.office, "校车接送", kind="concern")
    assert {h["kind"] for h in only["hits"]} == {"concern"}


def test_limit_and_offset_page_through(world_a):
    for n in range(5):
        submitted(world_a, title=f"关于渠道第{n}号的建议", body="渠道")
    first = api_hits(world_a, world_a.office, "渠道", kind="suggestion", limit=2)
    assert len(first["hits"]) == 2 and first["next_offset"] == 2
    last = api_hits(world_a, world_a.office, "渠道", kind="suggestion", limit=2, offset=4)
    assert len(last["hits"]) == 1 and last["next_offset"] is None


@pytest.mark.parametrize("q", ["", "校", "校车" * 5000, '"校车', "校车*", "NEAR(校 车)", "((("])
def test_bad_queries_answer_200_with_a_hint_or_hits(world_a, q):
    body = api_hits(world_a, world_a.deputy, q)
    if len(q.strip()) < 2:
        assert body["hint"] and body["hits"] == []


@pytest.mark.parametrize("bad", [{"limit": "x"}, {"offset": "-1"}, {"year": "二〇二六"}, {"unit": "abc"},
                                 {"order": "x"}, {"kind": "x"}, {"limit": "100000"}])
def test_bad_filters_are_ignored(world_a, bad):
    submitted(world_a, title="关于桥梁的建议", body="桥梁")
    assert api_hits(world_a, world_a.office, "桥梁", **bad)["hits"]


def test_without_a_token_it_answers_401(world_a):
    assert Client().get("/api/search", {"q": "校车"}).status_code == 401


def test_the_token_decides_the_congress(world_a, world_b):
    submitted(world_b, title="乙市的桥梁建议", body="桥梁")
    assert api_hits(world_a, world_a.office, "桥梁")["hits"] == []
    assert api_hits(world_b, world_b.users[Role.OFFICE_STAFF], "桥梁")["hits"]


def test_the_openapi_document_names_the_search_schemas(db):
    doc = Client().get("/api/openapi.json").json()
    assert "/api/search" in doc["paths"]
    assert {"SearchOut", "SearchHitOut", "SearchKindCount"} <= set(doc["components"]["schemas"])
