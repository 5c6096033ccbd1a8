"""The search engine on its own (documents fed directly, not through sources.py); runs on SQLite and PostgreSQL."""

from __future__ import annotations

import datetime

import pytest

from renda.search import engine
from renda.search.engine import Document, Query
from renda.testing import make_congress

pytestmark = pytest.mark.django_db

T0 = datetime.datetime(2024, 1, 1, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture
def congresses():
    return make_congress("sa", "检索甲市人民代表大会"), make_congress("sb", "检索乙市人民代表大会")


def doc(congress, object_id, title, body="", days=0, kind="note", audience=("staff", "public"), **extra):
    return Document(congress_id=congress.pk, kind=kind, object_id=object_id, title=title, body=body,
                    when=T0 + datetime.timedelta(days=days), audience=list(audience), **extra)


def ids(results):
    return {h.object_id for h in results.hits}


def find(congress, text, audience=("staff",), **extra):
    return engine.search(Query(congress_id=congress.pk, text=text, audience=list(audience), **extra))


@pytest.fixture
def corpus(congresses):
    a, b = congresses
    docs = [
        doc(a, 1, "关于加快5G基站建设的建议", "建议在新区加快5G基站布局，解决信号盲区。", days=1, status="assigned", unit_id=7),
        doc(a, 2, "G107国道拓宽改造", "G107国道部分路段狭窄，事故多发。", days=2, status="closed", unit_id=8),
        doc(a, 3, "道路維修要及時", "城區道路維修拖延，群眾出行不便。", days=3, kind="concern", delegation_id=4),
        doc(a, 4, "ＡＢＣ小区物业", "小区物业服务差，ＡＢＣ公司不作为。", days=4, kind="concern", station_id=9),
        doc(a, 5, "学校周边交通", "学校门口早晚高峰拥堵，建议设置护学岗。", days=5, audience=("staff", "person:12")),
        doc(a, 6, "农村饮水安全", "部分村庄自来水水质不达标。", days=-400, year=2022),
        doc(b, 7, "关于加快5G基站建设的建议", "另一个人大的同名建议。", days=1),
    ]
    for d in docs:
        engine.put(d)
    return a, b


def test_mixed_chinese_latin_digits(corpus):
    a, _ = corpus
    assert ids(find(a, "5G基站")) == {1}
    assert ids(find(a, "5g基站")) == {1}
    assert ids(find(a, "G107国道")) == {2}
    assert ids(find(a, "g107")) == {2}
    assert ids(find(a, "107国")) == {2}


def test_full_and_half_width(corpus):
    a, _ = corpus
    assert ids(find(a, "ABC")) == {4}
    assert ids(find(a, "ＡＢＣ")) == {4}
    assert ids(find(a, "abc公司")) == {4}


def test_traditional_and_simplified(corpus):
    a, _ = corpus
    assert ids(find(a, "道路維修")) == {3}
    assert ids(find(a, "道路维修")) == {3}
    assert ids(find(a, "城区道路")) == {3}


def test_two_character_query_and_exact_substrings(corpus):
    a, _ = corpus
    assert ids(find(a, "基站")) == {1}
    assert ids(find(a, "物业")) == {4}
    assert ids(find(a, "道路")) == {3}
    # every bigram of 加快信号 is in document 1 only as 加快 / 信号 apart: not a substring, no hit
    assert ids(find(a, "加快信号")) == set()
    # punctuation and spaces don't count
    assert ids(find(a, "信号，盲区")) == {1}
    assert ids(find(a, "5G 基站")) == {1}


def test_one_character_or_empty_query_gets_a_hint(corpus, django_assert_num_queries):
    a, _ = corpus
    for text in ("", "路", "  路 ！", "Ｇ"):
        with django_assert_num_queries(0):
            results = find(a, text)
        assert results.hits == [] and results.total == 0
        assert results.hint == engine.HINT_TOO_SHORT


def test_ten_thousand_character_query(corpus):
    a, _ = corpus
    text = ("道路维修" * 2500)
    assert len(text) == 10_000
    assert find(a, text).hits == []
    assert find(a, text, match="any").total is None or find(a, text, match="any").hits
    noise = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(10_000))
    assert find(a, noise).hits == []
    assert find(a, noise, order="best").hits == []


@pytest.mark.parametrize("text", ['"基站', '基站"', "基站*", "5G AND 基站", "5G OR", "NEAR(5G 基站)", "-基站", "基站:",
                                  "(基站", "基站)", "^基站", "{基站}", "'基站'", "基站 & 信号", "基站 | !信号",
                                  "基站\\", "基站%", "基站_", "NOT 基站", "col:基站", "基站;DROP TABLE x"])
def test_search_operators_never_raise(corpus, text):
    a, _ = corpus
    for order in ("newest", "best"):
        for match in ("all", "any"):
            results = find(a, text, order=order, match=match)
            if match == "all" and "基站" in text and ("AND" not in text and "OR" not in text and "NEAR" not in text
                                                      and "NOT" not in text and "col" not in text
                                                      and "DROP" not in text and "&" not in text and "|" not in text):
                assert ids(results) == {1}


def test_audience(corpus):
    a, _ = corpus
    assert ids(find(a, "学校", audience=["staff"])) == {5}
    assert ids(find(a, "学校", audience=["person:12"])) == {5}
    assert ids(find(a, "学校", audience=["public"])) == set()
    assert ids(find(a, "学校", audience=["public", "person:13"])) == set()
    assert ids(find(a, "学校", audience=["public", "person:12"])) == {5}
    assert ids(find(a, "学校", audience=[])) == set()
    assert ids(find(a, "基站", audience=["public"])) == {1}


def test_filters(corpus):
    a, _ = corpus
    assert ids(find(a, "建议")) == {1, 5}
    assert ids(find(a, "建议", kinds=["note"])) == {1, 5}
    assert ids(find(a, "小区", kinds=["concern"])) == {4}
    assert ids(find(a, "小区", kinds=["note"])) == set()
    assert ids(find(a, "小区", kinds=["note", "concern"])) == {4}
    assert ids(find(a, "国道", status="closed")) == {2}
    assert ids(find(a, "国道", status="assigned")) == set()
    assert ids(find(a, "基站", unit_id=7)) == {1}
    assert ids(find(a, "基站", unit_id=8)) == set()
    assert ids(find(a, "道路", delegation_id=4)) == {3}
    assert ids(find(a, "物业", station_id=9)) == {4}
    assert ids(find(a, "物业", station_id=10)) == set()
    assert ids(find(a, "饮水", year=2022)) == {6}
    assert ids(find(a, "饮水", year=2023)) == set()
    assert ids(find(a, "基站", year=2024)) == {1}


def test_congress_scoping(corpus):
    a, b = corpus
    assert ids(find(a, "5G基站")) == {1}
    assert ids(find(b, "5G基站")) == {7}
    assert ids(find(b, "国道")) == set()


def test_put_replaces_and_remove(corpus):
    a, b = corpus
    engine.put(doc(a, 1, "关于光纤入户的建议", "光纤到户", days=1))
    assert ids(find(a, "基站")) == set()
    assert ids(find(a, "光纤")) == {1}
    engine.put(doc(a, 1, "关于光纤入户的建议", "光纤到户", days=1))   # unchanged: a no-op
    assert ids(find(a, "光纤")) == {1}
    engine.remove("note", 1, congress_id=a.pk)
    assert ids(find(a, "光纤")) == set()
    assert ids(find(b, "基站")) == {7}
    engine.remove("note", 7)          # no congress named: every congress holding it
    assert ids(find(b, "基站")) == set()
    engine.remove("note", 999)        # nothing there: no error


def test_order_newest_and_best(corpus):
    a, _ = corpus
    for n in range(30):
        engine.put(doc(a, 100 + n, f"社区养老服务第{n}号", "养老" * (n % 5 + 1), days=10 + n))
    newest = find(a, "养老", limit=10)
    assert [h.object_id for h in newest.hits] == [129 - n for n in range(10)]
    assert newest.total == 30
    page2 = find(a, "养老", limit=10, offset=10)
    assert [h.object_id for h in page2.hits] == [119 - n for n in range(10)]
    best = find(a, "养老", order="best", limit=50)
    assert {h.object_id for h in best.hits} == set(range(100, 130))
    scores = [h.score for h in best.hits]
    assert scores == sorted(scores, reverse=True)


def test_same_time_orders_by_id(congresses):
    a, _ = congresses
    for n in (5, 3, 9):
        engine.put(doc(a, n, "同一天的文件", days=0))
    assert [h.object_id for h in find(a, "文件").hits] == [9, 3, 5]  # entries made in that order: newest id first
    engine.put(Document(congress_id=a.pk, kind="note", object_id=11, title="没有时间的文件", audience=["staff"]))
    assert find(a, "文件").hits[-1].object_id == 11


def test_snippet_marks_and_escapes(congresses):
    a, _ = congresses
    body = "<script>前言</script>" + "无关内容" * 20 + "建议尽快完成道路維修工作，" + "其他" * 30
    engine.put(doc(a, 1, "关于道路的建议", body))
    hit = find(a, "道路维修").hits[0]
    assert "<mark>道路維修</mark>" in hit.snippet
    assert "<script>" not in hit.snippet
    assert len(hit.snippet) < 140
    assert hit.title == "关于道路的建议"
    hit = find(a, "&lt;script")
    hit = find(a, "script前言").hits[0]
    assert "<mark>script&gt;前言</mark>" in hit.snippet
    assert "&lt;" in hit.snippet
    hit = find(a, "关于道路").hits[0]
    assert hit.title_marked == "<mark>关于道路</mark>的建议"


def test_match_any_finds_similar(corpus):
    a, _ = corpus
    results = find(a, "加快基站建设步伐", match="any", order="best")
    assert 1 in ids(results)
    assert results.hits[0].object_id == 1
    assert "<mark>" in results.hits[0].snippet


def test_total_is_capped(congresses, monkeypatch):
    a, _ = congresses
    monkeypatch.setattr(engine, "COUNT_CAP", 5)
    for n in range(8):
        engine.put(doc(a, n + 1, f"垃圾分类{n}", days=n))
    assert find(a, "垃圾", limit=3).total is None
    assert find(a, "垃圾", limit=3, kinds=["note"], year=2024).total is None
    monkeypatch.setattr(engine, "COUNT_CAP", 50)
    assert find(a, "垃圾", limit=3).total == 8
    assert find(a, "垃圾分类", limit=3).total == 8
    assert find(a, "垃圾", limit=20).total == 8


def test_counting_is_optional_and_its_cap_per_query(congresses):
    a, _ = congresses
    for n in range(8):
        engine.put(doc(a, n + 1, f"垃圾分类{n}", days=n))
    page = find(a, "垃圾分类", limit=3, count=False)
    assert page.total is None and len(page.hits) == 3          # the page only: not counted
    assert find(a, "垃圾分类", limit=20, count=False).total == 8   # a page that shows the end knows the total
    assert find(a, "垃圾分类", limit=3, count_cap=5).total is None
    assert find(a, "垃圾分类", limit=3, count_cap=8).total == 8
    assert find(a, "垃圾分类", limit=3, order="best", count=False).total is None


def test_best_window_keeps_the_set_among_the_newest(congresses, monkeypatch):
    a, _ = congresses
    monkeypatch.setattr(engine, "BEST_WINDOW", 4)
    for n in range(8):
        engine.put(doc(a, n + 1, f"噪声扰民{n}", days=n))
    assert ids(find(a, "噪声", order="best")) == {5, 6, 7, 8}


def test_rebuild(corpus, monkeypatch):
    a, b = corpus
    from renda.search import sources

    made = {a.pk: [doc(a, 50, "重建后的路灯建议", days=9)], b.pk: [doc(b, 51, "乙市路灯", days=9)]}
    monkeypatch.setattr(sources, "documents", lambda congress: iter(made[congress.pk]), raising=False)
    assert engine.rebuild(a.pk) == 1
    assert ids(find(a, "路灯")) == {50}
    assert ids(find(a, "基站")) == set()
    assert ids(find(b, "基站")) == {7}
    assert engine.rebuild(None) == 2
    assert ids(find(b, "基站")) == set()
    assert ids(find(b, "路灯")) == {51}
    engine.put(doc(a, 50, "重建后的路灯建议（改）", days=9))
    assert ids(find(a, "路灯建议")) == {50}


def test_rebuild_command(corpus, monkeypatch):
    from io import StringIO

    from django.core.management import call_command

    from renda.search import sources

    a, b = corpus
    monkeypatch.setattr(sources, "documents", lambda congress: iter([doc(congress, 60, "命令重建的文件")]), raising=False)
    out = StringIO()
    call_command("rebuild_search_index", "--congress", "sa", stdout=out)
    assert "1" in out.getvalue()
    assert ids(find(a, "命令重建")) == {60}
    assert ids(find(b, "基站")) == {7}


def test_best_puts_title_and_frequent_matches_first(congresses):
    a, _ = congresses
    engine.put(doc(a, 1, "关于公园的建议", "公园里的路灯坏了。" + "其他内容" * 20, days=3))
    engine.put(doc(a, 2, "路灯问题", "路灯不亮，路灯杆倾斜。", days=1))
    engine.put(doc(a, 3, "社区治理", "顺带一提路灯。" + "社区事务" * 60, days=2))
    assert [h.object_id for h in find(a, "路灯", order="best").hits] == [2, 1, 3]
    assert [h.object_id for h in find(a, "路灯", order="newest").hits] == [1, 3, 2]
