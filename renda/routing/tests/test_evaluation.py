"""The hand-written evaluation set (renda/routing/evaluation): the router's accuracy must not fall
below what bench/results/routing.md records, less a small margin, so a regression fails CI."""

import importlib.util
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parents[3] / "bench" / "routing_eval.py"
DATA = Path(__file__).resolve().parents[1] / "evaluation"
MARGIN = 0.02
# Recorded in bench/results/routing.md.
FLOOR = {"top1": 0.89, "top3": 0.98, "history_top1": 0.89, "history_top3": 0.98}


@pytest.mark.skipif(not (DATA / "items.json").exists(), reason="evaluation set not present")
def test_accuracy_on_the_evaluation_set_does_not_regress():
    spec = importlib.util.spec_from_file_location("routing_eval", BENCH)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    result = module.evaluate()
    assert result["units"] >= 20 and result["items"] >= 150
    for key, floor in FLOOR.items():
        assert result[key] >= floor - MARGIN, (key, result[key])
