"""The search page and the header box: hits grouped by kind with counts, highlighted passages, filters, order,
pages; a hint (200) for an empty, one-character, 10,000-character or operator-laden query."""

from __future__ import annotations

import pytest

from renda.core.roles import Role
from renda.search.tests.helpers import client_for, concern, page_text, submitted


def test_hits_are_grouped_by_kind_with_counts_and_marked(world_a):
    submitted(world_a, title="关于教育局校车的建议", body="教育局应增开校车")
    text = page_text(world_a, world_a.office, "教育局")
    assert 'id="group-suggestion"' in text and 'id="group-organisation"' in text
    assert "<mark>" in text
    assert f'/c/{world_a.congress.code}/suggestions/' in text
    assert "议案建议 <span class=\"muted\">1</span>" in text


def test_a_title_with_markup_is_shown_as_text(world_a):
    submitted(world_a, title="<script>alert(1)</script>校车", body="<b>粗体</b>校车")
    text = page_text(world_a, world_a.office, "校车")
    assert "<script>alert(1)</script>" not in text and "<b>粗体</b>" not in text


@pytest.mark.parametrize("q", ["", " ", "校", "a", "\u3000"])
def test_an_empty_or_one_character_query_gets_a_hint(world_a, q):
    text = page_text(world_a, world_a.office, q)
    assert "至少" in text and "search-hits" not in text


@pytest.mark.parametrize("q", ["校车" * 5000, '"校车', "校车*", "校 OR 车", "NEAR(校车)", "校车 AND -车",
                               "(((", "'; DROP TABLE x; --", "^校车~", "{校车}", "校车:标题"])
def test_long_text_and_search_operators_never_fail(world_a, q):
    submitted(world_a, title="关于校车的建议", body="校车")
    response = client_for(world_a.office).get(f"/c/{world_a.congress.code}/search/", {"q": q})
    assert response.status_code == 200


def test_a_long_query_is_cut_with_a_note(world_a):
    text = page_text(world_a, world_a.office, "校车" * 5000)
    assert "检索词过长" in text


def test_filters_narrow_and_bad_filter_values_are_ignored(world_a):
    submitted(world_a, title="关于路灯的建议", body="路灯")
    concern(world_a, text="路灯坏了很久")
    office = world_a.office
    assert 'id="group-concern"' in page_text(world_a, office, "路灯")
    only = page_text(world_a, office, "路灯", kind="suggestion")
    assert 'id="group-suggestion"' in only and 'id="group-concern"' not in only
    station = page_text(world_a, office, "路灯", station=world_a.station.pk)
    assert 'id="group-concern"' in station and 'id="group-suggestion"' not in station
    for bad in ({"year": "abc"}, {"unit": "x"}, {"kind": "nothing"}, {"order": "sideways"}, {"page": "-3"},
                {"station": "99999999999999999999"}, {"year": "99999"}):
        assert "路灯" in page_text(world_a, office, "路灯", **bad)


def test_newest_and_best_orders_and_pages(world_a):
    for n in range(23):
        submitted(world_a, title=f"关于农田水利第{n}号的建议", body="农田水利")
    first = page_text(world_a, world_a.office, "农田水利", kind="suggestion")
    assert first.count('<li><a href="/c/') == 20 and "下一页" in first
    second = page_text(world_a, world_a.office, "农田水利", kind="suggestion", page=2)
    assert second.count('<li><a href="/c/') == 3 and "上一页" in second
    best = page_text(world_a, world_a.office, "农田水利", kind="suggestion", order="best")
    assert "<strong>最相关在前</strong>" in best


def test_the_header_box_suggests_titles_as_one_types(world_a):
    submitted(world_a, title="关于垃圾分类的建议", body="垃圾")
    office = client_for(world_a.office)
    home = office.get(f"/c/{world_a.congress.code}/search/?q=x").content.decode()
    assert 'class="site-search"' in home and "delay:300ms" in home
    response = office.get(f"/c/{world_a.congress.code}/search/suggest/", {"q": "垃圾分"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and "关于垃圾分类的建议" in response.content.decode()
    assert "关于垃圾分类的建议" not in client_for(world_a.users[Role.PUBLIC]).get(
        f"/c/{world_a.congress.code}/search/suggest/", {"q": "垃圾分"}).content.decode()  # not published
    assert client_for(world_a.office).get(f"/c/{world_a.congress.code}/search/suggest/", {"q": "垃"}).status_code == 200


def test_another_congress_code_is_not_found(world_a):
    assert client_for(world_a.office).get("/c/no-such-congress/search/", {"q": "校车"}).status_code == 404


def test_each_kind_counts_up_to_its_cap_and_all_shows_the_first_pages_total(world_a, monkeypatch):
    from renda.search import finder

    monkeypatch.setattr(finder, "KIND_COUNT_SHOWN", 2)
    for n in range(3):
        submitted(world_a, title=f"关于渠道第{n}号的建议", body="渠道")
    text = page_text(world_a, world_a.office, "渠道")
    assert "议案建议 <span class=\"muted\">2+</span>" in text   # counted up to the cap only
    assert "全部 <span class=\"muted\">3</span>" in text   # the first page's total is exact


def test_the_kept_results_follow_each_readers_keys_and_every_write(world_a):
    """The part under the heading is kept per audience keys, query and data version (search.views)."""
    concern(world_a, text="东街路灯不亮")
    assert "东街" in page_text(world_a, world_a.office, "路灯")  # kept for the next reader with these keys
    assert "东街" not in page_text(world_a, world_a.public, "路灯")  # other keys: not what the office saw
    assert "东街" not in page_text(world_a, None, "路灯")
    concern(world_a, text="西街路灯歪斜")  # a write moves the data version: found at once
    text = page_text(world_a, world_a.office, "路灯")
    assert "西街" in text and "东街" in text
