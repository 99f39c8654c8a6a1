"""Pairs of a query and a list name: which are scored, and what a scored pair becomes.

1. **Candidates** (``candidates``): only list names that can reach
   ``possible`` are scored (``index.py``, ``blocking.py``): a bridge across
   scripts needs the bridge score, pinyin is never compared with pinyin.
   ``blocking=False`` pairs every query with every list name: the reference
   the candidate index is tested against.
2. **Scores** (``score_pairs``): a name without its trade words needs them
   written as listed; the rapidfuzz scorers run cheapest first, each pair
   dropped as soon as it cannot reach ``possible`` (``fuzzy.py``); coverage,
   score and class follow (``scoring.py``); a match through another spelling
   says which, and bridged spellings stay "possible" (``variants.py``). Per
   declared name, the best match of each entry is kept.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import numpy as np

from scrisk.screening.blocking import Pairs, candidate_pairs, country_floors
from scrisk.screening.fuzzy import scorer_weights, staged_scores
from scrisk.screening.listed import ListedNames
from scrisk.screening.match import CLASS_RANK, Match, active_on
from scrisk.screening.queries import Queries
from scrisk.screening.variants import BRIDGE_MIN_SCORE, CAPPED, bridged

# candidate pairs scored at once: bounds memory whatever the lists and names
MAX_PAIRS = 500_000


def candidates(
    listed: ListedNames, queries: Queries, pol: dict[str, Any], *, blocking: bool = True
) -> Pairs:
    """The pairs (query, list name) of a block worth scoring."""
    if not blocking:  # every list name, no bound
        n = len(listed)
        q = np.repeat(np.arange(len(queries.parts), dtype=np.int64), n)
        c = np.tile(np.arange(n, dtype=np.int64), len(queries.parts))
        return Pairs(q, c, np.ones(len(q)), listed.covers[c])
    codes, across, pinyin = queries.code, queries.across, queries.pinyin
    index = listed.index
    floor = country_floors(pol, index.min_coverage, listed.code, codes)
    bridge = country_floors(pol, 0.0, listed.code, codes, BRIDGE_MIN_SCORE)
    listed_pinyin = listed.pinyin

    def floors(q: np.ndarray, c: np.ndarray) -> np.ndarray:
        # a bridge across scripts needs the bridge score; pinyin on both sides none
        out: np.ndarray = floor(q, c)
        bridging = np.flatnonzero(across[q] | listed_pinyin[c])
        if len(bridging):
            out[bridging] = bridge(q[bridging], c[bridging])
            out[bridging[pinyin[q[bridging]] & listed_pinyin[c[bridging]]]] = np.inf
        return out

    return candidate_pairs(
        index, [p.tokens for p in queries.parts], listed.rules.declared_weights, floors
    )


def score_pairs(
    listed: ListedNames,
    entries: tuple[Any, ...],
    queries: Queries,
    pairs: Pairs,
    pol: dict[str, Any],
    as_of: date,
    best: dict[int, dict[int, Match]],
    *,
    blocking: bool = True,
) -> None:
    """Score ``pairs`` into ``best`` (declared name -> entry index -> its best match),
    at most ``MAX_PAIRS`` at once (bounded memory), in query order."""
    weights = scorer_weights(pol)
    for start in range(0, len(pairs), MAX_PAIRS):
        part = slice(start, start + MAX_PAIRS)
        _score(
            listed,
            entries,
            queries,
            (pairs.q[part], pairs.c[part], pairs.coverage[part], pairs.floored[part]),
            pol,
            weights,
            as_of,
            best,
            blocking=blocking,
        )


def _score(
    listed: ListedNames,
    entries: tuple[Any, ...],
    queries: Queries,
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray],
    pol: dict[str, Any],
    weights: dict[str, float],
    as_of: date,
    best: dict[int, dict[int, Match]],
    *,
    blocking: bool,
) -> None:
    """Score candidate pairs (query ``qi[j]``, list name ``ci[j]``, coverage at most
    ``bound[j]``, ``floored[j]``: may get the subsidiary floor) into ``best``."""
    qi, ci, bound, floored = pairs
    rules = listed.rules
    parts, origin, texts, names = queries.parts, queries.origin, queries.texts, queries.names
    folded = queries.folded
    # a bridge across scripts counts from the bridge score on (``variants.bridged``),
    # pinyin against pinyin never: such pairs need that score, and get no floor
    listed_pinyin = listed.pinyin[ci]
    ok = ~(queries.pinyin[qi] & listed_pinyin)
    # a list name without its trade words: its words written as listed, apart or glued
    # (the declared name's compact form holds each), else ``PairRules`` drops the pair
    for j in np.flatnonzero(listed.requires[ci]).tolist():
        compact = queries.compacts[qi[j]]
        ok[j] = ok[j] and all(w in compact for w in listed.required[ci[j]])
    qi, ci, bound, floored, listed_pinyin = (x[ok] for x in (qi, ci, bound, floored, listed_pinyin))
    across = queries.across[qi] | listed_pinyin
    possible = float(pol["possible_threshold"])
    least = np.where(across, max(possible, BRIDGE_MIN_SCORE), possible)
    floored = floored & ~across
    # the country of both names, known or not: a bonus, a penalty or nothing
    qc, cc = queries.code[qi], listed.code[ci]
    country = np.where((qc != 0) & (cc != 0), np.where(qc == cc, 1.0, -1.0), 0.0)
    adjust = np.where(
        country > 0,
        float(pol["country_same_bonus"]),
        np.where(country < 0, -float(pol["country_different_penalty"]), 0.0),
    )
    # the least fuzzy score each pair needs for "possible" with the coverage it can
    # reach (less a margin for the rounding of features and score)
    k = float(pol["coverage_weight"])
    factor = 1 - k + k * np.minimum(bound, 1.0)
    short = least - 0.2 - adjust
    need = np.divide(short, factor, out=np.where(short > 0, np.inf, 0.0), where=factor > 0)
    if not blocking:  # the reference: every scorer on every pair
        need = np.full(len(need), -np.inf)
    # the rapidfuzz scorers, vectorised over the pairs, cheapest first
    fz = staged_scores(
        queries.cores[qi],
        listed.core_array[ci],
        queries.compacts[qi],
        listed.compact_array[ci],
        queries.ntok[qi] != listed.ntok[ci],
        need,
        floored,
        weights,
        float(pol["compact_cutoff"]),
    )
    qi, ci, country, adjust, factor, floored, least = (
        x[fz.keep] for x in (qi, ci, country, adjust, factor, floored, least)
    )
    scores, comp_pairs, fuzzy, fuzzy_glued = fz.scores, fz.compact, fz.fuzzy, fz.fuzzy_glued
    # only pairs that can still reach "possible", and pairs with an entry that
    # covers subsidiaries (a floor on distinctive words)
    reach = fuzzy_glued * factor + adjust >= least - 0.2
    covers = np.nonzero(~reach & floored)[0]
    if len(covers):
        reach[covers] = [
            rules.has_distinctive(parts[int(qi[j])].tokens, int(ci[j])) for j in covers
        ]
    for j in np.nonzero(reach)[0].tolist():
        q, c = int(qi[j]), int(ci[j])
        features = {key: round(float(v[j]), 1) for key, v in scores.items()}
        features["compact"] = round(float(comp_pairs[j]), 1)
        glued_hit = rules.coverage(parts[q].tokens, c, features)
        features["fuzzy"] = round(float(fuzzy_glued[j] if glued_hit else fuzzy[j]), 1)
        features["country"] = float(country[j])
        score, cls = rules.decide(features, float(adjust[j]), c)
        if cls is None:
            continue
        i = origin[q]
        kind = queries.variant[q]
        if bridged(kind, listed.alias_kind[c], score):
            continue
        if kind:
            features[f"variant_{kind}"] = 1.0
            capped = kind in CAPPED and not (kind == "unit" and listed.covers[c])
            cls = "possible" if capped else cls
        elif texts[q] != names[i]:
            features["name_part"] = 1.0
        for folded_kind in folded.get(i, ()):
            features["folded"] = 1.0
            features[f"folded_{folded_kind}"] = 1.0
        entry_index = listed.entry[c]
        prior = best.setdefault(i, {}).get(entry_index)
        # per entry keep the best name: strong before possible, then the higher score
        if prior is None or (CLASS_RANK[cls], -score) < (CLASS_RANK[prior.cls], -prior.score):
            entry = entries[entry_index]
            active = active_on(entry, as_of)
            best[i][entry_index] = Match(entry, listed.name[c], score, features, cls, active)


__all__ = ["MAX_PAIRS", "candidates", "score_pairs"]
