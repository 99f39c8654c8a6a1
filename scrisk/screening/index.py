"""Candidate blocking: which list names a declared name can possibly match.

A pair can only reach ``possible`` if enough of the listed name's words are
found in the declared name: the score is ``fuzzy x (1 - k + k x coverage) +
country bonus`` with fuzzy <= 100, so coverage must reach a floor set by the
policy, and coverage is 0.7 x listed share + 0.3 x declared share. From that
floor follows the least weight share of its words a listed name must see
found (``min_fraction``). Each listed name is indexed under its heaviest words
until the words left over weigh less than that share (prefix filtering): any
declared name that can reach ``possible`` shares at least one indexed word,
so only those list names are scored. Words of one name written glued
("TopGlove") are indexed glued too.

Word lookup is exhaustive (rapidfuzz ``cdist`` of the declared words against
the indexed words) while that is cheap; past ``exhaustive_budget`` comparisons
it uses deletion neighbourhoods (one deleted letter for words of 5-9 letters,
two from 10: every single typo, transposition and most double typos) and
checks each hit with the same ratio.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process


def glue_pairs(tokens: Sequence[str]) -> list[tuple[str, int, int]]:
    """Adjacent words written together ("top", "glove" -> "topglove"), parts of 3+ letters."""
    return [
        (tokens[i] + tokens[i + 1], i, i + 1)
        for i in range(len(tokens) - 1)
        if len(tokens[i]) >= 3 and len(tokens[i + 1]) >= 3 and tokens[i].isascii()
    ]


def _deletions(word: str, most: int = 2) -> set[str]:
    """The word with up to one (5-9 letters) or two (10+) letters deleted; short words as is."""
    n = len(word)
    k = min(most, 0 if n <= 4 else 1 if n < 10 else 2)
    out = {word}
    edge = {word}
    for _ in range(k):
        edge = {w[:i] + w[i + 1 :] for w in edge for i in range(len(w))}
        out |= edge
    return out


class NameIndex:
    """Inverted index of list names by their heaviest words (see module doc)."""

    def __init__(
        self,
        names_tokens: Sequence[Sequence[str]],
        weight: Callable[[str], float],
        *,
        min_fraction: float,
        similar: Callable[[str, str], float],
        cutoff: float,
        exhaustive_budget: int = 150_000_000,
    ) -> None:
        self._similar = similar
        self._cutoff = cutoff
        self._budget = exhaustive_budget
        freq: dict[str, int] = {}
        for toks in names_tokens:
            for t in set(toks):
                freq[t] = freq.get(t, 0) + 1
        postings: dict[str, set[int]] = {}
        for c, toks in enumerate(names_tokens):
            distinct = sorted(set(toks), key=lambda t: (-weight(t), freq[t], t))
            total = sum(weight(t) for t in toks)
            left = total
            for t in distinct:
                if left < min_fraction * total - 1e-9:
                    break
                postings.setdefault(t, set()).add(c)
                left -= weight(t) * toks.count(t)
            for glued, _, _ in glue_pairs(toks):
                postings.setdefault(glued, set()).add(c)
        self.words: list[str] = sorted(postings)
        self.postings: list[np.ndarray] = [
            np.array(sorted(postings[w]), dtype=np.int64) for w in self.words
        ]
        self._glued = frozenset(w for w in postings if w not in freq)
        self._neighbours: dict[str, list[int]] | None = None
        self._found: dict[tuple[str, bool], tuple[int, ...]] = {}

    def _neighbourhood(self) -> dict[str, list[int]]:
        if self._neighbours is None:
            table: dict[str, list[int]] = {}
            for i, w in enumerate(self.words):
                for v in _deletions(w, 1 if w in self._glued else 2):
                    table.setdefault(v, []).append(i)
            self._neighbours = table
        return self._neighbours

    def lookup(self, words: Sequence[str], glued: frozenset[str] = frozenset()) -> list[list[int]]:
        """Indexed words similar to each of ``words`` (indices into ``self.words``);
        ``glued`` words (two declared words written together) look up one typo deep."""
        if not words or not self.words:
            return [[] for _ in words]
        if len(words) * len(self.words) <= self._budget:
            found: list[list[int]] = [[] for _ in words]
            step = max(1, 20_000_000 // len(self.words))  # rows per block: 20 MB of scores
            for start in range(0, len(words), step):
                part = list(words[start : start + step])
                sims = process.cdist(
                    part, self.words, scorer=fuzz.ratio, score_cutoff=self._cutoff,
                    workers=-1, dtype=np.uint8,
                )
                rows, cols = np.nonzero(sims)
                for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
                    if self._similar(part[r], self.words[c]):
                        found[start + r].append(c)
            return found
        table = self._neighbourhood()
        out: list[list[int]] = []
        for w in words:
            hits = {i for v in _deletions(w, 1 if w in glued else 2) for i in table.get(v, ())}
            out.append(sorted(i for i in hits if self._similar(w, self.words[i])))
        return out

    def _hits(self, words: Sequence[str], glued: bool) -> None:
        """Look up words not seen before (results kept: names repeat their words)."""
        need = sorted({w for w in words if (w, glued) not in self._found})
        if not need:
            return
        if len(self._found) > 1_000_000:
            self._found.clear()
        found = self.lookup(need, frozenset(need) if glued else frozenset())
        for w, hits in zip(need, found, strict=True):
            self._found[(w, glued)] = tuple(hits)

    def candidates(self, queries: Iterable[Sequence[str]]) -> list[np.ndarray]:
        """For each query (its tokens), the list names sharing an indexed word with it."""
        queries = [tuple(q) for q in queries]
        glues = [[g for g, _, _ in glue_pairs(q)] for q in queries]
        self._hits([t for q in queries for t in q], False)
        self._hits([g for gs in glues for g in gs], True)
        found = self._found
        out: list[np.ndarray] = []
        empty = np.zeros(0, dtype=np.int64)
        for toks, gs in zip(queries, glues, strict=True):
            hits: set[int] = set()
            for t in toks:
                hits.update(found[(t, False)])
            for g in gs:
                hits.update(found[(g, True)])
            if not hits:
                out.append(empty)
            elif len(hits) == 1:
                out.append(self.postings[next(iter(hits))])
            else:
                out.append(np.unique(np.concatenate([self.postings[i] for i in hits])))
        return out


__all__ = ["NameIndex", "glue_pairs"]
