"""MinHash signatures of many texts at once, and clusters of near-duplicates through datasketch's LSH.

A text's set is its 3-unit shingles (renda.core.text.shingles). datasketch's own ``MinHash.update``
hashes one shingle at a time in Python; a batch here is hashed in one pass with numpy instead:
a shingle of three units is three code points, so it packs into one 64-bit integer (21 bits each)
without collisions, is mixed (splitmix64) to 32 bits as datasketch's sha1_hash32 would, and goes
through datasketch's permutation scheme ((a·h + b) mod p, the Mersenne prime 2^61 − 1). The
signatures are given to ``datasketch.MinHashLSH`` as ``LeanMinHash`` objects, so banding, bucket
storage and candidate lookup are the library's.
"""

from __future__ import annotations

from collections.abc import Collection, Hashable, Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from datasketch import LeanMinHash, MinHashLSH

from renda.core.text import units

NUM_PERM = 128
SEED = 1
SIZE = 3  # units per shingle
_MERSENNE = np.uint64((1 << 61) - 1)
_MAX_HASH = np.uint64((1 << 32) - 1)
_BATCH_POSITIONS = 200_000  # shingles hashed per numpy pass (128 × this × 8 bytes ≈ 200 MB at most)


def _permutations(num_perm: int = NUM_PERM, seed: int = SEED) -> tuple[np.ndarray, np.ndarray]:
    # The same generator and ranges datasketch.MinHash uses for its permutations.
    gen = np.random.RandomState(seed)
    a = gen.randint(1, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    b = gen.randint(0, (1 << 61) - 1, size=num_perm, dtype=np.uint64)
    return a, b


_A, _B = _permutations()


def _mix32(x: np.ndarray) -> np.ndarray:
    """splitmix64's finaliser, top 32 bits: a well-spread hash of each packed shingle."""
    with np.errstate(over="ignore"):
        x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
        x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
        x = x ^ (x >> np.uint64(31))
    return x >> np.uint64(32)


def _shingle_codes(texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Packed shingles of already-folded unit strings, and where each text's shingles start.

    A text shorter than a shingle counts as one shingle of itself (as ``text.shingles`` does); an
    empty text has none and gets the all-max signature (it matches nothing)."""
    padded = [u if len(u) >= SIZE else (u + "\0" * (SIZE - len(u)) if u else "") for u in texts]
    lengths = np.fromiter((len(u) for u in padded), dtype=np.int64, count=len(padded))
    cp = np.frombuffer("".join(padded).encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    counts = np.maximum(lengths - (SIZE - 1), 0)
    if cp.size < SIZE:
        return np.zeros(0, dtype=np.uint64), np.concatenate([[0], np.cumsum(counts)])
    codes = (cp[:-2] << np.uint64(42)) | (cp[1:-1] << np.uint64(21)) | cp[2:]
    starts = np.concatenate([[0], np.cumsum(lengths)[:-1]])
    # keep the positions whose three units lie inside one text
    keep = np.zeros(codes.size, dtype=bool)
    idx = np.repeat(starts, counts) + (np.arange(int(counts.sum())) - np.repeat(np.cumsum(counts) - counts, counts))
    keep[idx] = True
    return codes[keep], np.concatenate([[0], np.cumsum(counts)])


def signatures(unit_texts: Sequence[str]) -> np.ndarray:
    """One row of NUM_PERM uint32 minimum hashes per text (texts already reduced by ``units``)."""
    out = np.full((len(unit_texts), NUM_PERM), np.uint32(_MAX_HASH), dtype=np.uint32)
    i = 0
    while i < len(unit_texts):
        # take as many texts as fit in one pass
        j, positions = i, 0
        while j < len(unit_texts) and (positions == 0 or positions + len(unit_texts[j]) <= _BATCH_POSITIONS):
            positions += max(len(unit_texts[j]), 1)
            j += 1
        codes, offsets = _shingle_codes(unit_texts[i:j])
        if codes.size:
            hv = _mix32(codes)
            with np.errstate(over="ignore"):
                phv = ((np.outer(_A, hv) + _B[:, None]) % _MERSENNE) & _MAX_HASH
            nonempty = np.flatnonzero(offsets[1:] > offsets[:-1])
            mins = np.minimum.reduceat(phv, offsets[:-1][nonempty], axis=1)
            out[i + nonempty] = mins.T.astype(np.uint32)
        i = j
    return out


def signature_of(text: str) -> np.ndarray:
    return signatures([units(text)])[0]


def lean(signature: np.ndarray) -> LeanMinHash:
    # datasketch's "legacy" scheme: (a·h + b) mod (2^61 − 1), kept to 32 bits, as computed above
    return LeanMinHash(seed=SEED, hashvalues=signature.astype(np.uint64), scheme="legacy")


def estimated_jaccard(a: np.ndarray, b: np.ndarray) -> float:
    return float(np.count_nonzero(a == b)) / a.size


@dataclass
class Clustering:
    clusters: list[list[int]]  # indexes into the input, each cluster sorted, clusters largest first
    pairs_checked: int


def cluster(sigs: np.ndarray, keys: Sequence[Hashable] | None = None, *, threshold: float = 0.5,
            verify: bool = True) -> Clustering:
    """Group rows whose estimated Jaccard similarity reaches ``threshold``: datasketch's LSH proposes
    candidates, each candidate pair is checked on its signatures (so a bucket shared by chance does
    not join two unrelated texts), and confirmed pairs are joined into clusters (union-find)."""
    n = len(sigs)
    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    empty = np.all(sigs == np.uint32(_MAX_HASH), axis=1)
    with lsh.insertion_session(buffer_size=100_000) as session:
        for i in range(n):
            if not empty[i]:
                session.insert(i, lean(sigs[i]), check_duplication=False)
    parent = list(range(n))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    checked = 0
    for table in lsh.hashtables:
        for bucket in _buckets(table):
            if len(bucket) < 2:
                continue
            members = sorted(bucket)
            first = members[0]
            for other in members[1:]:
                if find(first) == find(other):
                    continue
                checked += 1
                if not verify or np.count_nonzero(sigs[first] == sigs[other]) >= threshold * NUM_PERM:
                    parent[find(other)] = find(first)
                elif len(members) <= 20:
                    # a small bucket may hold two pairs: try the others too
                    for third in members[1:]:
                        if third != other and find(third) != find(other) and \
                                np.count_nonzero(sigs[third] == sigs[other]) >= threshold * NUM_PERM:
                            parent[find(other)] = find(third)
                            checked += 1
                            break
    groups: dict[int, list[int]] = {}
    for i in range(n):
        if not empty[i]:
            groups.setdefault(find(i), []).append(i)
    clusters = sorted((sorted(g) for g in groups.values() if len(g) > 1), key=lambda g: (-len(g), g[0]))
    return Clustering(clusters=clusters, pairs_checked=checked)


def _buckets(table) -> Iterable[Collection[int]]:
    """The buckets of one band's table (datasketch's in-memory storage keeps them in a dict)."""
    store = getattr(table, "_dict", None)
    if store is not None:
        return store.values()
    return (table.get(key) for key in table.keys())
