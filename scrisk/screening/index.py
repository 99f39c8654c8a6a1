"""Candidate blocking: which list names a declared name can possibly match.

A pair can only reach ``possible`` if enough of the listed name's words are
found in the declared name: the score is ``fuzzy x (1 - k + k x coverage) +
country bonus`` with fuzzy <= 100, so coverage must reach a floor set by the
policy (``min_coverage``), and coverage is ``share`` x listed share + (1 -
share) x declared share of the words found. With the declared share at most
1 follows the least weight share of its words a listed name must see found
(``min_fraction``). Each listed name is indexed under its heaviest words
until the words left over weigh less than that share (prefix filtering): any
declared name that can reach ``possible`` shares at least one indexed word.

At query time the declared share is known better: only the declared words
similar to some listed word can count, so a declared name whose only such
words are "Glove" and "Guangdong" needs a much larger listed share. Each
posting keeps the share of its name's weight from that word on (``rho``); a
list name is a candidate only through a word with ``rho`` at least the share
the query needs. Words of one name written glued ("TopGlove") are indexed
glued too, and names of entries that cover subsidiaries are always kept
through their indexed words (their floor is of another kind).

Word lookup is exhaustive (rapidfuzz ``cdist`` of the declared words against
the indexed words of a length that can reach the cutoff, about 25 ns a pair)
while that is cheaper than building the alternative; past ``exhaustive_budget``
comparisons it uses deletion neighbourhoods and checks each hit with the same ratio. Each
word gets as many deleted letters as a pair at the cutoff can need (``depth``:
at ratio 80, one for 5-6 letters, two for 7-8, three for 9-11), so the two
paths find the same words; words that would need more than ``MAX_DEPTH``
(long ones) are compared directly with the words of a compatible length.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process


def glue_pairs(tokens: Sequence[str]) -> list[tuple[str, int, int]]:
    """Adjacent words written together ("top", "glove" -> "topglove"), parts of 3+ letters."""
    if len(tokens) < 2:
        return []
    ok = [len(t) >= 3 for t in tokens]
    return [
        (tokens[i] + tokens[i + 1], i, i + 1)
        for i in range(len(tokens) - 1)
        if ok[i] and ok[i + 1] and tokens[i].isascii()
    ]


MAX_DEPTH = 3  # most letters deleted per word in the neighbourhood index


def depth(n: int, cutoff: float, short_len: int = 0, short_cutoff: float | None = None) -> int:
    """Most letters a word of ``n`` letters must lose to reach a common subsequence
    with any word it matches (rapidfuzz ratio = 200 x common / (n + m) >= the cutoff;
    a pair with a word of ``short_len`` letters or fewer needs ``short_cutoff``)."""
    need = 0
    for m in range(1, n + 1):  # longer partners need fewer deletions
        c = cutoff if short_cutoff is None or min(n, m) > short_len else short_cutoff
        common = math.ceil(c * (n + m) / 200 - 1e-9)
        if common <= m:
            need = max(need, n - common)
    return need


def _deletions(word: str, k: int) -> set[str]:
    """The word with up to ``k`` letters deleted."""
    out = {word}
    edge = {word}
    for _ in range(k):
        edge = {w[:i] + w[i + 1 :] for w in edge for i in range(len(w))}
        out |= edge
    return out


def _partner_lengths(n: int, cutoff: float) -> tuple[int, int]:
    """Lengths a word can have to reach ``cutoff`` against a word of ``n`` letters."""
    return math.floor(cutoff * n / (200 - cutoff)), math.ceil((200 - cutoff) * n / cutoff)


class NameIndex:
    """Inverted index of list names by their heaviest words (see module doc)."""

    def __init__(
        self,
        names_tokens: Sequence[Sequence[str]],
        weight: Callable[[str], float],
        *,
        min_coverage: float,
        share: float,
        similar: Callable[[str, str], float],
        cutoff: float,
        glue_cutoff: float,
        always: Sequence[bool] | None = None,
        exhaustive_budget: int = 1_000_000_000,
        short_len: int = 0,
        short_cutoff: float | None = None,
    ) -> None:
        self._similar = similar
        self._short = (short_len, short_cutoff)
        self._cutoff = cutoff
        self._glue_cutoff = glue_cutoff
        self._budget = exhaustive_budget
        self.min_coverage = min_coverage
        self.share = share
        self.min_fraction = self.listed_share_needed(1.0)
        freq: dict[str, int] = {}
        for toks in names_tokens:
            for t in set(toks):
                freq[t] = freq.get(t, 0) + 1
        postings: dict[str, dict[int, float]] = {t: {} for t in freq}
        for c, toks in enumerate(names_tokens):
            distinct = sorted(set(toks), key=lambda t: (-weight(t), freq[t], t))
            total = sum(weight(t) for t in toks)
            left = total
            rho: dict[str, float] = {}  # share of the name's weight from this word on
            for t in distinct:
                rho[t] = left / total if total else 1.0
                if left >= self.min_fraction * total - 1e-9:
                    postings[t][c] = rho[t]
                left -= weight(t) * toks.count(t)
            for glued, i, j in glue_pairs(toks):
                r = max(rho[toks[i]], rho[toks[j]])
                if r >= self.min_fraction - 1e-9:
                    postings.setdefault(glued, {})[c] = r
        self.words: list[str] = sorted(postings)
        keep_all = np.array(
            always if always is not None else [False] * len(names_tokens), dtype=bool
        )
        # per word: names by falling rho, and the rhos negated (ascending, for bisect)
        self.postings: list[np.ndarray] = []
        self.neg_rho: list[list[float]] = []
        for w in self.words:
            items = sorted(((2.0 if keep_all[c] else r), c) for c, r in postings[w].items())[
                ::-1
            ]  # always-kept names first
            self.postings.append(np.array([c for _, c in items], dtype=np.int64))
            self.neg_rho.append([-r for r, _ in items])
        self._glued = frozenset(w for w in postings if w not in freq)
        self._plain_ids = [i for i, w in enumerate(self.words) if w not in self._glued]
        self._always = keep_all
        # candidate sets larger than this are checked pair by pair (``_bound``)
        self.bound_from = 16
        # every name holding each word, with the share of the name's weight it carries
        # (glued pairs: both words): the per-pair bound of ``_bound``
        shares: dict[str, dict[int, float]] = {}
        for c, toks in enumerate(names_tokens):
            total = sum(weight(t) for t in toks) or 1.0
            for t in toks:
                row = shares.setdefault(t, {})
                row[c] = row.get(c, 0.0) + weight(t) / total
            for glued, i, j in glue_pairs(toks):
                row = shares.setdefault(glued, {})
                row[c] = row.get(c, 0.0) + (weight(toks[i]) + weight(toks[j])) / total
        self._holders: list[np.ndarray] = []
        self._shares: list[np.ndarray] = []
        for w in self.words:
            row = shares.get(w, {})
            ids = sorted(row)
            self._holders.append(np.array(ids, dtype=np.int64))
            self._shares.append(np.array([row[c] for c in ids], dtype=float))
        self._neighbours: dict[str, list[int]] | None = None
        self._every_length = self._lengths(range(len(self.words)))
        self._plain_length = self._lengths(self._plain_ids)
        self._deep: list[int] = []
        self._plain_found: dict[str, tuple[int, ...]] = {}
        self._glued_found: dict[str, tuple[int, ...]] = {}

    def listed_share_needed(self, declared_share: float) -> float:
        """Least listed share of words found for a pair to reach the coverage floor."""
        if self.share <= 0:
            return 0.0
        need = (self.min_coverage - (1 - self.share) * declared_share) / self.share
        return max(0.0, min(1.0, need))

    def _depth(self, word: str, glued: bool) -> int:
        """Deletions ``word`` needs: glued pairs match words of 6+ letters at the glue
        cutoff; plain words match plain words at the cutoffs, and glued pairs too."""
        at_glue = depth(len(word), self._glue_cutoff, 5, 101.0)  # partners of 5 or less: none
        if glued:
            return at_glue
        return max(at_glue, depth(len(word), self._cutoff, *self._short))

    def _neighbourhood(self) -> dict[str, list[int]]:
        """Deletion variants of the indexed words; words needing more than ``MAX_DEPTH``
        deletions are kept aside (``_deep``) and compared directly."""
        if self._neighbours is None:
            table: dict[str, list[int]] = {}
            deep: list[int] = []
            for i, w in enumerate(self.words):
                k = self._depth(w, w in self._glued)
                if k > MAX_DEPTH:
                    deep.append(i)
                    continue
                for v in _deletions(w, k):
                    table.setdefault(v, []).append(i)
            self._deep = deep
            self._neighbours = table
        return self._neighbours

    def _lengths(self, ids: Iterable[int]) -> dict[int, list[int]]:
        """Indexed words among ``ids`` by their length."""
        by_len: dict[int, list[int]] = {}
        for i in ids:
            by_len.setdefault(len(self.words[i]), []).append(i)
        return by_len

    def _comparisons(
        self, words: Sequence[str], by_len: dict[int, list[int]], cutoff: float
    ) -> int:
        """Word pairs :meth:`_near` compares (partners of a fitting length only)."""
        sizes = {n: len(ids) for n, ids in by_len.items()}
        total = 0
        for w in words:
            low, high = _partner_lengths(len(w), cutoff)
            total += sum(sizes.get(m, 0) for m in range(max(1, low), high + 1))
        return total

    def _near(
        self, words: Sequence[str], by_len: dict[int, list[int]], cutoff: float
    ) -> list[list[int]]:
        """For each word, the indexed words (of ``by_len``, by length) whose ratio with
        it reaches ``cutoff``: one rapidfuzz ``cdist`` per declared length, against the
        indexed words of a length that can reach the cutoff (others cannot)."""
        groups: dict[int, list[int]] = {}
        for k, w in enumerate(words):
            groups.setdefault(len(w), []).append(k)
        found: list[list[int]] = [[] for _ in words]
        for n, rows in sorted(groups.items()):
            low, high = _partner_lengths(n, cutoff)
            targets = [i for m in range(max(1, low), high + 1) for i in by_len.get(m, ())]
            if not targets:
                continue
            choices = [self.words[i] for i in targets]
            step = max(1, 20_000_000 // len(choices))  # rows per block: 20 MB
            for start in range(0, len(rows), step):
                block = rows[start : start + step]
                sims = process.cdist(
                    [words[k] for k in block],
                    choices,
                    scorer=fuzz.ratio,
                    score_cutoff=cutoff,
                    workers=-1,
                    dtype=np.uint8,
                )
                r_idx, c_idx = np.nonzero(sims)
                for r, c in zip(r_idx.tolist(), c_idx.tolist(), strict=True):
                    found[block[r]].append(targets[c])
        return found

    def _match(self, word: str, indexed: str, glued: bool) -> bool:
        """Words match as coverage counts them; a glued pair on either side ("TopGlove")
        only from ``glue_cutoff`` on, and only against a word of six letters or more."""
        if glued or indexed in self._glued:
            if min(len(word), len(indexed)) < 6:
                return False
            return word == indexed or fuzz.ratio(word, indexed) >= self._glue_cutoff
        return bool(self._similar(word, indexed))

    def _lookup_glued(self, words: Sequence[str]) -> list[list[int]]:
        """Declared glued pairs against listed words (never listed glued pairs), by length:
        a ratio of 90 or more needs lengths within about a fifth of each other."""
        by_len: dict[int, list[int]] = {}
        for i in self._plain_ids:
            by_len.setdefault(len(self.words[i]), []).append(i)
        groups: dict[int, list[int]] = {}
        for k, w in enumerate(words):
            groups.setdefault(len(w), []).append(k)
        found: list[list[int]] = [[] for _ in words]
        for n, rows in sorted(groups.items()):
            targets = [
                i for m in range(max(6, (4 * n) // 5), (5 * n) // 4 + 2) for i in by_len.get(m, ())
            ]
            if n < 6 or not targets:
                continue
            choices = [self.words[i] for i in targets]
            part = [words[k] for k in rows]
            sims = process.cdist(
                part,
                choices,
                scorer=fuzz.ratio,
                score_cutoff=self._glue_cutoff,
                workers=-1,
                dtype=np.uint8,
            )
            r_idx, c_idx = np.nonzero(sims)
            for r, c in zip(r_idx.tolist(), c_idx.tolist(), strict=True):
                found[rows[r]].append(targets[c])
        for hits in found:
            hits.sort()
        return found

    def lookup(self, words: Sequence[str], glued: frozenset[str] = frozenset()) -> list[list[int]]:
        """Indexed words similar to each of ``words`` (indices into ``self.words``);
        ``glued`` words (two declared words written together) look up one typo deep."""
        if not words or not self.words:
            return [[] for _ in words]
        every_glued = bool(glued) and all(w in glued for w in words)
        if every_glued and (
            self._comparisons(words, self._plain_length, self._glue_cutoff) <= self._budget
        ):
            return self._lookup_glued(words)
        every = self._every_length
        # glued pairs match only from the glue cutoff on: fewer hits to check
        cutoff = self._glue_cutoff if every_glued else self._cutoff
        if self._comparisons(words, every, cutoff) <= self._budget:
            near = self._near(words, every, cutoff)
        else:
            table = self._neighbourhood()
            lowest = min(self._cutoff, self._glue_cutoff)
            deep = [self._depth(w, w in glued) > MAX_DEPTH for w in words]
            # a long word: every indexed word of a fitting length; others: their deleted
            # letters, and the indexed words too long for the table
            longs = [k for k, d in enumerate(deep) if d]
            shorts = [k for k, d in enumerate(deep) if not d]
            near = [[] for _ in words]
            for ks, pool in ((longs, every), (shorts, self._lengths(self._deep))):
                for k, hits in zip(
                    ks, self._near([words[k] for k in ks], pool, lowest), strict=True
                ):
                    near[k] = hits
            for k in shorts:
                w = words[k]
                near[k] = list(
                    {
                        i
                        for v in _deletions(w, self._depth(w, w in glued))
                        for i in table.get(v, ())
                    }.union(near[k])
                )
        return [
            sorted(i for i in set(hits) if self._match(w, self.words[i], w in glued))
            for w, hits in zip(words, near, strict=True)
        ]

    def _hits(self, words: Sequence[str], glued: bool) -> None:
        """Look up words not seen before (results kept: names repeat their words)."""
        known = self._glued_found if glued else self._plain_found
        need = sorted({w for w in words if w not in known})
        if not need:
            return
        if len(known) > 1_000_000:
            known.clear()
        found = self.lookup(need, frozenset(need) if glued else frozenset())
        for w, hits in zip(need, found, strict=True):
            known[w] = tuple(hits)

    def candidates(
        self,
        queries: Iterable[Sequence[str]],
        declared_weight: Callable[[str], float] | None = None,
        floors: Callable[[int, np.ndarray], np.ndarray | float] | None = None,
    ) -> list[np.ndarray]:
        """For each query (its tokens), the list names that can reach the coverage floor.

        ``declared_weight`` weighs the query's words as coverage does; without it
        every query is taken to find all its words (the index-time bound only).
        ``floors(query, names)``, if given, is the coverage each of those names needs
        with that query (at least ``min_coverage``: a country bonus the pair cannot
        get raises it); it tightens the pair-by-pair bound.
        """
        queries = [tuple(q) for q in queries]
        glues = [glue_pairs(q) for q in queries]
        self._hits([t for q in queries for t in q], False)
        self._hits([g for gs in glues for g, _, _ in gs], True)
        plain, glued = self._plain_found, self._glued_found
        out: list[np.ndarray] = []
        empty = np.zeros(0, dtype=np.int64)
        floor = self.min_fraction + 1e-9
        postings, neg_rho = self.postings, self.neg_rho
        for q, (toks, gs) in enumerate(zip(queries, glues, strict=True)):
            found = [plain[t] for t in toks]
            glued_found = [glued[g] for g, _, _ in gs]
            if not any(found) and not any(glued_found):  # most names: no listed word
                out.append(empty)
                continue
            words: set[int] = set().union(*found, *glued_found)
            hit = [bool(f) for f in found]
            for (_, i, j), f in zip(gs, glued_found, strict=True):
                if f:
                    hit[i] = hit[j] = True
            need = self.min_fraction
            if declared_weight is not None and not all(hit):
                w = list(map(declared_weight, toks))
                total = sum(w)
                share = sum(x for x, h in zip(w, hit, strict=True) if h) / total if total else 1.0
                need = self.listed_share_needed(share)
            if need <= floor:  # every posting qualifies
                lists = [postings[i] for i in words]
            else:
                lists = [postings[i][: bisect_right(neg_rho[i], -need + 1e-9)] for i in words]
            if len(lists) == 1:
                cs = np.unique(lists[0])  # postings hold each name once: sorts
            else:
                cs = np.unique(np.concatenate(lists)) if lists else empty
            if declared_weight is not None and len(cs) > self.bound_from:
                needed = floors(q, cs) if floors is not None else self.min_coverage
                cs = self._bound(cs, toks, gs, declared_weight, needed)
            out.append(cs)
        return out

    def _bound(
        self,
        cs: np.ndarray,
        toks: Sequence[str],
        gs: list[tuple[str, int, int]],
        declared_weight: Callable[[str], float],
        floor: np.ndarray | float,
    ) -> np.ndarray:
        """Keep the candidates whose coverage can reach the floor, pair by pair.

        For each candidate: the share of its words the query finds (listed) and the
        weight of the query words that find one of its words (declared); both are
        upper bounds of what coverage counts, so no candidate that can reach the
        floor is dropped.
        """
        weights = np.array([declared_weight(t) for t in toks], dtype=float)
        total = float(weights.sum()) or 1.0
        # over every list name (dense: no search of the candidates), then read at ``cs``
        listed = np.zeros(len(self._always))
        found = np.zeros((len(toks), len(self._always)), dtype=bool)
        finders: dict[int, list[int]] = {}
        for k, t in enumerate(toks):
            for v in self._plain_found[t]:
                finders.setdefault(v, []).append(k)
        for g, i, j in gs:
            for v in self._glued_found[g]:
                finders.setdefault(v, []).extend((i, j))
        for v, ks in finders.items():
            holders = self._holders[v]
            if not len(holders):
                continue
            listed[holders] += self._shares[v]  # holders are distinct: no lost additions
            for k in set(ks):
                found[k, holders] = True
        declared = (weights[:, None] * found[:, cs]).sum(axis=0) / total
        cov = self.share * np.minimum(listed[cs], 1.0) + (1 - self.share) * declared
        keep = (cov >= np.maximum(floor, self.min_coverage) - 1e-9) | self._always[cs]
        kept: np.ndarray = cs[keep]
        return kept


__all__ = ["NameIndex", "glue_pairs"]
