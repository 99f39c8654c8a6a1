"""The rapidfuzz scores of candidate pairs, cheapest first, stopping early.

The name score of a pair is ``fuzzy x (1 - k + k x coverage) + country``,
``fuzzy`` a weighted mean of several rapidfuzz scorers (``policy.toml
[screening.scorer_weights]``), or the ratio of the names written without
spaces when that shows the same words glued ("TopGlove"). With the coverage a
pair can reach at most (``blocking.py``), each pair needs some least
``fuzzy``. The scorers run from the cheapest (about 0.3 us a pair) to the
dearest (WRatio, 2.4 us), each on the pairs still able to reach that least
value with the scorers not yet run counted at 100. The pairs kept get every
score, computed exactly as when scoring all of them (tested).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from scrisk.screening.settings import SCORERS

# cheapest first (measured, ns a pair on one core): ratio 280, token_sort 780,
# token_set 970, partial 1,510, WRatio 2,380
ORDER = ("token_sort", "token_set", "partial", "wratio")
assert sorted(ORDER) == sorted(SCORERS)


@dataclass(frozen=True, slots=True)
class Fuzzy:
    """Scores of the pairs kept (``keep``: indices into the pairs given)."""

    keep: np.ndarray
    scores: dict[str, np.ndarray]  # scorer name -> score of each kept pair
    compact: np.ndarray  # ratio of the names written without spaces
    fuzzy: np.ndarray  # weighted mean of the scorers
    fuzzy_glued: np.ndarray  # ``fuzzy``, or ``compact`` when the same words are glued


# pairs from which rapidfuzz's thread pool is worth its start-up: below, one thread costs
# less CPU (10 pairs: 8 us on one thread, 200 us with the pool; 5,000: 3.4 ms, 4.1 ms)
POOL_FROM = 50_000


def _cpdist(scorer: Callable[..., float], a: Sequence[str], b: Sequence[str]) -> np.ndarray:
    if not len(a):
        return np.zeros(0)
    workers = 1 if len(a) < POOL_FROM else -1
    out: np.ndarray = process.cpdist(a, b, scorer=scorer, workers=workers).astype(float)
    return out


def staged_scores(
    a: np.ndarray,
    b: np.ndarray,
    a_compact: np.ndarray,
    b_compact: np.ndarray,
    glue_possible: np.ndarray,
    need: np.ndarray,
    exempt: np.ndarray,
    weights: Mapping[str, float],
    compact_cutoff: float,
) -> Fuzzy:
    """Score pairs ``(a[j], b[j])`` (object arrays of names); keep those whose
    ``fuzzy_glued`` can reach ``need[j]``, and every ``exempt`` pair.
    ``glue_possible``: the two names have a different number of words (glued words
    can count)."""
    compact = _cpdist(fuzz.ratio, a_compact.tolist(), b_compact.tolist())
    glued = (compact >= compact_cutoff) & glue_possible
    # a pair reaching its need through the glued names needs no other score
    settled = exempt | (glued & (compact >= need))
    alive = np.arange(len(a), dtype=np.int64)
    partial = np.zeros(len(a))
    left = float(sum(weights.get(k, 0.0) for k in SCORERS))
    computed: dict[str, tuple[np.ndarray, np.ndarray]] = {}
    for key in ORDER:
        ids = alive
        values = _cpdist(SCORERS[key], a[ids].tolist(), b[ids].tolist())
        computed[key] = (ids, values)
        w = weights.get(key, 0.0)
        partial[ids] += w * values
        left -= w
        # fuzzy can still reach the need with the scorers left at 100
        reach = partial[ids] + 100.0 * left >= need[ids] - 1e-6
        alive = ids[reach | settled[ids]]
    keep = alive
    scores: dict[str, np.ndarray] = {}
    for key in SCORERS:  # the policy's order: the sum below is the same to the last bit
        ids, values = computed[key]
        scores[key] = values[np.searchsorted(ids, keep)]  # ``keep``: in every stage's ids
    fuzzy = np.zeros(len(keep))
    for key, values in scores.items():
        fuzzy = fuzzy + weights.get(key, 0.0) * values
    fuzzy_glued = np.where(glued[keep], np.maximum(fuzzy, compact[keep]), fuzzy)
    return Fuzzy(keep, scores, compact[keep], fuzzy, fuzzy_glued)


def scorer_weights(pol: Mapping[str, Any]) -> dict[str, float]:
    """The scorer weights of the policy, normalised to sum 1."""
    total = sum(float(v) for v in pol["scorer_weights"].values())
    return {k: float(v) / total for k, v in pol["scorer_weights"].items()}


__all__ = ["ORDER", "Fuzzy", "scorer_weights", "staged_scores"]
