"""Candidate pairs of a block of declared names, found with array operations.

What a pair needs is explained in ``index.py``; this module applies it to a
whole block of queries at once, without a Python loop per query or per pair:

1. the block's words are looked up once each (``NameIndex.found``), glued
   pairs of adjacent words too ("Top Glove" -> "topglove");
2. each query's declared share (the weight of its words that find any listed
   word) sets the least listed share a list name needs (``need``);
3. list names come from the postings of the words found, cut at ``need``
   (one sorted search for all postings);
4. for each pair, the coverage it can reach at most: the listed share of the
   list name's words the query finds, and the weight of the query's words
   that find one of them. Pairs below their floor (the country of both sides
   sets it) are dropped, except names of entries covering subsidiaries.

The bound is an upper bound of the coverage ``scoring.py`` computes (word
similarities count at most 1), so no pair that can reach ``possible`` is lost:
the results are those of scoring every list name (tested).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from itertools import chain
from typing import Any

import numpy as np

from scrisk.screening.index import NameIndex

_EMPTY = np.zeros(0, dtype=np.int64)
# list-name postings expanded at once: bounds memory (x the words of each name)
MAX_EXPANDED = 400_000
BITS = 16  # query words told apart in the declared bound (later ones share the last)


@dataclass(frozen=True, slots=True)
class Pairs:
    """Candidate pairs, by query then list name, with the coverage each can reach."""

    q: np.ndarray  # query index in the block
    c: np.ndarray  # list name index
    coverage: np.ndarray  # upper bound of the pair's coverage (0-1)
    # the list name's entry covers subsidiaries and the query may hold all its
    # distinctive words: the pair may get the subsidiary floor whatever its coverage
    floored: np.ndarray

    def __len__(self) -> int:
        return len(self.q)


def _gather(starts: np.ndarray, lens: np.ndarray) -> np.ndarray:
    """Indices ``start .. start + len - 1`` of every (start, len), concatenated."""
    total = int(lens.sum())
    if not total:
        return _EMPTY
    offsets = np.cumsum(lens) - lens
    return np.repeat(starts - offsets, lens) + np.arange(total, dtype=np.int64)


def _csr(rows: Sequence[tuple[int, ...]]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(starts, lengths, flat values) of a list of tuples."""
    lens = np.fromiter(map(len, rows), dtype=np.int64, count=len(rows))
    flat = np.fromiter(chain.from_iterable(rows), dtype=np.int64, count=int(lens.sum()))
    return np.cumsum(lens) - lens, lens, flat


def _least_coverage(
    pol: Mapping[str, Any], adjust: float, margin: float = 0.0, score: float | None = None
) -> float:
    """Least coverage for ``score`` (``possible`` by default) with fuzzy 100 and this
    country adjustment, less ``margin`` (the rounding of features and score: keeps more
    pairs)."""
    k = float(pol["coverage_weight"])
    if k <= 0:
        return 0.0
    least = float(pol["possible_threshold"]) if score is None else score
    need = ((least - adjust) / 100 - (1 - k)) / k
    return max(0.0, need - margin)


def min_coverage(pol: Mapping[str, Any]) -> float:
    """Least coverage a pair needs to reach ``possible`` (fuzzy 100, country bonus)."""
    return _least_coverage(pol, float(pol["country_same_bonus"]))


def country_floors(
    pol: Mapping[str, Any],
    same: float,
    choice_code: np.ndarray,
    q_code: np.ndarray,
    score: float | None = None,
) -> Callable[[np.ndarray, np.ndarray], np.ndarray]:
    """Coverage each pair (query, list name) needs: a pair cannot get the same-country
    bonus (floor ``same``) unless both countries are known and equal (codes, 0 unknown),
    and loses the penalty's worth when they differ; an entry covering subsidiaries is
    kept by the index anyway. ``score``: the least score the pairs need when it is not
    ``possible`` (a bridge across scripts); ``same`` is then computed here."""
    unknown = _least_coverage(pol, 0.0, 0.002, score)
    differ = _least_coverage(pol, -float(pol["country_different_penalty"]), 0.002, score)
    if score is not None:
        same = _least_coverage(pol, float(pol["country_same_bonus"]), 0.002, score)

    def floor(q: np.ndarray, c: np.ndarray) -> np.ndarray:
        qc, cc = q_code[q], choice_code[c]
        out: np.ndarray = np.where(
            (qc == 0) | (cc == 0), unknown, np.where(cc == qc, same, differ)
        ).astype(float)
        return out

    return floor


def candidate_pairs(
    index: NameIndex,
    queries: Sequence[Sequence[str]],
    declared_weights: Callable[[Sequence[str]], Sequence[float]],
    floors: Callable[[np.ndarray, np.ndarray], np.ndarray],
) -> Pairs:
    """The pairs (query, list name) of ``queries`` (token tuples) that can reach the
    coverage floor; ``floors(q, c)`` is the coverage each pair needs (arrays)."""
    n_q = len(queries)
    tok_id: dict[str, int] = {}
    occ_tok = np.array(
        [tok_id.setdefault(t, len(tok_id)) for toks in queries for t in toks], dtype=np.int64
    )
    words = list(tok_id)
    q_len = np.fromiter(map(len, queries), dtype=np.int64, count=n_q)
    occ_q = np.repeat(np.arange(n_q, dtype=np.int64), q_len)
    n_occ = len(occ_tok)
    # glued pairs: adjacent words of one query, both of 3+ letters, the first ASCII
    tok_len = np.fromiter(map(len, words), dtype=np.int64, count=len(words))
    tok_ascii = np.fromiter((w.isascii() for w in words), dtype=bool, count=len(words))
    ga = _EMPTY
    if n_occ > 1:
        first, second = occ_tok[:-1], occ_tok[1:]
        ok = (occ_q[:-1] == occ_q[1:]) & (tok_len[first] >= 3) & (tok_len[second] >= 3)
        ga = np.nonzero(ok & tok_ascii[first])[0]
    gb = ga + 1
    # each distinct pair of words written together once (names repeat their pairs), then
    # each distinct text once (two pairs may read the same: "ab" + "c", "a" + "bc")
    pair_key, pair_of = np.unique(occ_tok[ga] * len(words) + occ_tok[gb], return_inverse=True)
    gtok_id: dict[str, int] = {}
    g_text = np.array(
        [
            gtok_id.setdefault(words[k // len(words)] + words[k % len(words)], len(gtok_id))
            for k in pair_key.tolist()
        ],
        dtype=np.int64,
    )
    g_tok = g_text[pair_of.reshape(-1)]
    f_start, f_len, f_flat = _csr(index.found(words))
    gf_start, gf_len, gf_flat = index.found_glued(list(gtok_id))
    # slots: (occurrence, indexed word it finds); a glued pair finds for both its words
    o_cnt = f_len[occ_tok]
    g_cnt = gf_len[g_tok] if len(g_tok) else _EMPTY
    gv = gf_flat[_gather(gf_start[g_tok], g_cnt)] if len(g_tok) else _EMPTY
    every_occ = np.arange(n_occ, dtype=np.int64)
    slot_o = np.concatenate(
        (np.repeat(every_occ, o_cnt), np.repeat(ga, g_cnt), np.repeat(gb, g_cnt))
    )
    slot_v = np.concatenate((f_flat[_gather(f_start[occ_tok], o_cnt)], gv, gv))
    if not len(slot_o):  # most blocks of real names: few words found
        return Pairs(_EMPTY, _EMPTY, np.zeros(0), np.zeros(0, dtype=bool))
    # the least listed share each query needs, from the weight of its words that find
    # any listed word (``need``), or any light or glued one (``need_light``: a name found
    # through none of its heavy words can only be covered by those)
    w_occ = np.array(declared_weights(words), dtype=float)[occ_tok]
    total = np.bincount(occ_q, w_occ, minlength=n_q)
    need = _needed(index, total, np.bincount(slot_o, minlength=n_occ) > 0, occ_q, w_occ)
    soft = (index.light | index.glued)[slot_v]
    need_light = _needed(index, total, np.bincount(slot_o, soft, minlength=n_occ) > 0, occ_q, w_occ)
    # distinct (query, word) keys, each with the query's words that find it (a bit each)
    n_words = len(index.words)
    key = occ_q[slot_o] * n_words + slot_v
    order = np.argsort(key, kind="stable")
    key_sorted = key[order]
    first_of = np.flatnonzero(np.r_[True, key_sorted[1:] != key_sorted[:-1]])
    distinct = key_sorted[first_of]
    q_start = np.cumsum(q_len) - q_len
    bit = np.left_shift(
        np.uint16(1), np.minimum(slot_o - q_start[occ_q[slot_o]], BITS - 1).astype(np.uint16)
    )[order]
    d_mask = np.bitwise_or.reduceat(bit, first_of)
    d_q, d_v = distinct // n_words, distinct % n_words
    # postings of each word, cut where rho falls below what the query needs
    levels = index.rho_levels
    cut = np.where(index.light[d_v], need_light[d_q], need[d_q])
    cut[cut <= index.min_fraction + 1e-9] = -1.0  # every posting qualifies
    threshold = np.searchsorted(levels, -cut + 1e-9, side="right")
    p_start = index.post_start[d_v]
    p_end = np.searchsorted(index.post_key, d_v * (len(levels) + 1) + threshold, side="left")
    p_cnt = p_end - p_start
    bound = _Bound(index, q_len, occ_q, w_occ, total, floors)
    out: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
    per_query = np.bincount(d_q, p_cnt, minlength=n_q)
    for q0, q1 in _spans(per_query, MAX_EXPANDED, bound.span):
        lo, hi = np.searchsorted(d_q, [q0, q1], side="left")
        cnt = p_cnt[lo:hi]
        pc = index.post_c[_gather(p_start[lo:hi], cnt)]
        pq = np.repeat(d_q[lo:hi], cnt)
        out.append(bound(q0, pq, pc, d_q[lo:hi], d_v[lo:hi], d_mask[lo:hi]))
    if not out:
        return Pairs(_EMPTY, _EMPTY, np.zeros(0), np.zeros(0, dtype=bool))
    return Pairs(*(np.concatenate([o[k] for o in out]) for k in range(4)))


def _needed(
    index: NameIndex, total: np.ndarray, hit: np.ndarray, occ_q: np.ndarray, w_occ: np.ndarray
) -> np.ndarray:
    """``NameIndex.listed_share_needed`` of every query at once, its declared share being
    the weight of its ``hit`` words."""
    found = np.bincount(occ_q, w_occ * hit, minlength=len(total))
    return index.listed_share_needed(
        np.divide(found, total, out=np.ones(len(total)), where=total > 0)
    )


def _spans(per_query: np.ndarray, budget: int, most: int) -> list[tuple[int, int]]:
    """Runs ``(q0, q1)`` of at most ``most`` queries whose postings add up to about
    ``budget``; queries without postings are left out of every run's ends.

    ``_Bound`` holds a table row per query of a run, so no run may span more than
    ``most`` queries, whatever the order of queries with and without postings (a long
    leading run of names finding nothing used to be folded into the next run).
    """
    spans: list[tuple[int, int]] = []
    start, last, total = -1, -1, 0
    for q in np.flatnonzero(per_query).tolist():
        n = int(per_query[q])
        if start >= 0 and (total + n > budget or q - start >= most):
            spans.append((start, last + 1))
            start = -1
        if start < 0:
            start, total = q, 0
        total += n
        last = q
    if start >= 0:
        spans.append((start, last + 1))
    return spans


class _Bound:
    """The coverage a pair can reach at most, and whether that reaches its floor.

    Works on a span of queries with two dense tables, reused and never cleared: the
    last position written per (query, list name) cell (distinct pairs without hashing),
    and the query words finding each indexed word (a bit per word; words past the
    16th share the last bit, an upper bound). Small cell types and tables keep the
    random reads of both in the processor's cache.
    """

    CELLS = 1_000_000  # cells of each table: bounds memory (4 MB and 2 MB)

    def __init__(
        self,
        index: NameIndex,
        q_len: np.ndarray,
        occ_q: np.ndarray,
        w_occ: np.ndarray,
        total: np.ndarray,
        floors: Callable[[np.ndarray, np.ndarray], np.ndarray],
    ) -> None:
        self.index, self.floors = index, floors
        self.n_names, self.n_words = len(index.always), len(index.words)
        # no run spans more queries than there are: a bid's few names need small tables
        most = self.CELLS // max(self.n_names, self.n_words, 1)
        self.span = max(1, min(most, len(q_len)))
        # only ever read where just written (each call writes its cells first): not zeroed
        self.last = np.empty(self.span * self.n_names, dtype=np.int32)
        self.masks = np.zeros(self.span * self.n_words, dtype=np.uint16)
        # weight of each query's word at each bit (the last holds every later word)
        width = int(min(BITS, q_len.max(initial=1)))
        pos = np.arange(len(occ_q)) - (np.cumsum(q_len) - q_len)[occ_q]
        self.bits = np.zeros((len(q_len), width))
        np.add.at(self.bits, (occ_q, np.minimum(pos, width - 1)), w_occ)
        self.total = np.where(total > 0, total, 1.0)

    def __call__(
        self,
        q0: int,
        pq: np.ndarray,
        pc: np.ndarray,
        d_q: np.ndarray,
        d_v: np.ndarray,
        d_mask: np.ndarray,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        index, n_names, n_words = self.index, self.n_names, self.n_words
        # distinct pairs, in (query, list name) order: each cell keeps the last position
        # written to it, so the positions that kept theirs are the distinct pairs
        flat = (pq - q0) * n_names + pc
        at = np.arange(len(flat), dtype=np.int32)
        self.last[flat] = at
        flat = np.sort(flat[self.last[flat] == at])
        pq, pc = flat // n_names + q0, flat % n_names
        words = index.nw_start[pc + 1] - index.nw_start[pc]
        pq, pc, words = pq[words > 0], pc[words > 0], words[words > 0]
        n_pairs = len(pq)
        # each list name's words: found by the query (bits of the words finding them)?
        cells = (d_q - q0) * n_words + d_v
        self.masks[cells] = d_mask
        at = _gather(index.nw_start[pc], words)
        ep = np.repeat(np.arange(n_pairs, dtype=np.int64), words)
        m = self.masks[(pq[ep] - q0) * n_words + index.nw_v[at]]
        self.masks[cells] = 0
        found = m != 0
        listed = np.bincount(ep, index.nw_share[at] * found, minlength=n_pairs)
        pair_mask = np.bitwise_or.reduceat(m, np.cumsum(words) - words)
        declared = np.zeros(n_pairs)
        for k in range(self.bits.shape[1]):
            has = (pair_mask >> np.uint16(k)) & np.uint16(1)
            if has.any():
                declared += has * self.bits[pq, k]
        declared /= self.total[pq]
        cov = index.share * np.minimum(listed, 1.0) + (1 - index.share) * declared
        floor = np.maximum(self.floors(pq, pc), index.min_coverage)
        # names of entries covering subsidiaries: kept when every distinctive word is
        # found (or a glued pair of theirs is: it may stand for two of their words)
        floored = index.always[pc]
        if floored.any():
            dist = index.nw_distinctive[at]
            missing = np.bincount(ep, dist & ~found, minlength=n_pairs)
            n_dist = np.bincount(ep, dist, minlength=n_pairs)
            glued = np.bincount(ep, index.glued[index.nw_v[at]] & found, minlength=n_pairs)
            floored &= ((missing == 0) & (n_dist > 0)) | (glued > 0)
        keep = (cov >= floor - 1e-9) | floored
        return pq[keep], pc[keep], cov[keep], floored[keep]


__all__ = ["MAX_EXPANDED", "Pairs", "candidate_pairs", "country_floors", "min_coverage"]
