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

Word lookup is exhaustive: one rapidfuzz ``cdist`` of the declared words
against the indexed words of a length that can reach the cutoff (about 6 ns a
pair on two cores), each word looked up once per screener (``found`` keeps
the results). A deletion-neighbourhood index was tried and dropped: on 20,000
list entries it took 37 s and 3 GB to build and looked words up slower.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Sequence

import numpy as np
from rapidfuzz import fuzz, process

from scrisk.screening.normalize import MAX_CACHED_WORDS
from scrisk.screening.pieces import PieceIndex

# listed glued pairs from which declared words find them through exact pieces
PIECES_FROM = 5_000
# ... unless their pieces are shared by this many words on average (measured: 55 on
# 20,000 real company names, pieces 5x faster than cdist; 530 on made-up syllable
# names, 3x slower)
MOST_CROWDING = 150.0
# word pairs a cdist call compares from which it runs on every core (below, starting
# the thread pool takes longer than the comparisons: most calls of a block are tiny)
POOL_FROM = 200_000


def glue_pairs(tokens: Sequence[str]) -> list[tuple[str, int, int]]:
    """Adjacent words written together ("top", "glove" -> "topglove"), parts of 3+ letters
    (the first of them in ASCII letters)."""
    out: list[tuple[str, int, int]] = []
    if len(tokens) < 2:
        return out
    prev = tokens[0]
    prev_ok = len(prev) >= 3
    for i in range(1, len(tokens)):
        word = tokens[i]
        ok = len(word) >= 3
        if ok and prev_ok and prev.isascii():
            out.append((prev + word, i - 1, i))
        prev, prev_ok = word, ok
    return out


def _partner_lengths(n: int, cutoff: float) -> tuple[int, int]:
    """Lengths a word can have to reach ``cutoff`` against a word of ``n`` letters."""
    return math.floor(cutoff * n / (200 - cutoff)), math.ceil((200 - cutoff) * n / cutoff)


def _cells(sims: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(rows, columns) of the non-zero cells of a uint8 matrix, in row order; the matrix
    is scanned eight cells at a time (most cells are zero)."""
    flat = sims.reshape(-1)
    if len(flat) % 8:
        cells = np.flatnonzero(flat)
    else:
        blocks = np.flatnonzero(flat.view(np.uint64))
        cells = (blocks[:, None] * 8 + np.arange(8)).reshape(-1)
        cells = cells[flat[cells] != 0]
    width = sims.shape[1]
    return cells // width, cells % width


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
        distinctive: float = 1.0,
    ) -> None:
        self._similar = similar
        self._cutoff = cutoff
        self._glue_cutoff = glue_cutoff
        self.min_coverage = min_coverage
        self.share = share
        self.min_fraction = float(self.listed_share_needed(1.0))
        freq: dict[str, int] = {}
        for toks in names_tokens:
            for t in set(toks):
                freq[t] = freq.get(t, 0) + 1
        # each distinct word weighed once (a list of 250,000 names repeats its words)
        weight = {t: weight(t) for t in freq}.__getitem__
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
        # every glued pair is a word (holders for the bound), indexed only when it qualifies
        for toks in names_tokens:
            for glued, _, _ in glue_pairs(toks):
                postings.setdefault(glued, {})
        self.words: list[str] = sorted(postings)
        keep_all = np.array(
            always if always is not None else [False] * len(names_tokens), dtype=bool
        )
        glued_words = frozenset(w for w in postings if w not in freq)  # pairs written together
        self._plain_ids = [i for i, w in enumerate(self.words) if w not in glued_words]
        self.always = keep_all
        # light words (places, generic words...) weigh less than the heaviest: a name found
        # only through them needs a larger share of them (``blocking``); glued pairs count
        # as heavy, like the names' own words they join
        heaviest = max((weight(w) for w in freq), default=0.0)
        self.glued = np.array([w in glued_words for w in self.words], dtype=bool)
        self.light = np.array(
            [w not in glued_words and weight(w) < heaviest for w in self.words], dtype=bool
        )
        # postings, flat: word v's list names are post_c[post_start[v]:post_start[v + 1]]
        # by falling rho (always-kept names first, rho 2); post_rank orders the rhos
        # exactly (rank of -rho among every distinct value), for one sorted search
        starts, cs, negs = [0], [], []
        for w in self.words:
            items = sorted(((2.0 if keep_all[c] else r), c) for c, r in postings[w].items())
            for r, c in reversed(items):
                cs.append(c)
                negs.append(-r)
            starts.append(len(cs))
        self.post_start = np.array(starts, dtype=np.int64)
        self.post_c = np.array(cs, dtype=np.int64)
        neg_rho = np.array(negs, dtype=float)
        self.rho_levels = np.unique(neg_rho)
        rank = np.searchsorted(self.rho_levels, neg_rho).astype(np.int64)
        word_of = np.repeat(np.arange(len(self.words), dtype=np.int64), np.diff(self.post_start))
        self.post_key = word_of * (len(self.rho_levels) + 1) + rank  # ascending
        # each list name's words with the share of the name's weight each carries (a glued
        # pair: both words): what a query can find of it, the bound of ``blocking``
        word_id = {w: i for i, w in enumerate(self.words)}
        nw_start, nw_v, nw_share = [0], [], []
        for toks in names_tokens:
            total = sum(weight(t) for t in toks) or 1.0
            row: dict[int, float] = {}
            for t in toks:
                v = word_id[t]
                row[v] = row.get(v, 0.0) + weight(t) / total
            for glued, i, j in glue_pairs(toks):
                v = word_id[glued]
                row[v] = row.get(v, 0.0) + (weight(toks[i]) + weight(toks[j])) / total
            for v in sorted(row):
                nw_v.append(v)
                nw_share.append(row[v])
            nw_start.append(len(nw_v))
        self.nw_start = np.array(nw_start, dtype=np.int64)
        self.nw_v = np.array(nw_v, dtype=np.int64)
        self.nw_share = np.array(nw_share, dtype=float)
        # which of each name's words are distinctive (``distinctive`` weight or more):
        # an entry covering subsidiaries floors a name that has them all
        self.nw_distinctive = np.array(
            [not self.glued[v] and weight(self.words[v]) >= distinctive for v in nw_v],
            dtype=bool,
        )
        self._glued_ids = [i for i, w in enumerate(self.words) if w in glued_words]
        self._glued_length = self._lengths(self._glued_ids)
        self._pieces: PieceIndex | None = None
        self._plain_length = self._lengths(self._plain_ids)
        # words with no character in common have ratio 0: a declared word in Latin
        # letters is compared with listed words holding some ASCII character only, a
        # word in Chinese characters with listed words holding some other one
        self._plain_by_script = {
            ascii_only: self._lengths(
                i
                for i in self._plain_ids
                if any(c.isascii() != (not ascii_only) for c in self.words[i]) or not self.words[i]
            )
            for ascii_only in (True, False)
        }
        self._found: dict[str, tuple[int, ...]] = {}
        self._found_glued: dict[str, tuple[int, ...]] = {}

    def listed_share_needed(self, declared_share: np.ndarray | float) -> np.ndarray:
        """Least listed share of words found for a pair to reach the coverage floor (for
        one declared share or an array of them)."""
        declared = np.asarray(declared_share, dtype=float)
        if self.share <= 0:
            return np.zeros_like(declared)
        need: np.ndarray = np.clip(
            (self.min_coverage - (1 - self.share) * declared) / self.share, 0.0, 1.0
        )
        return need

    def _lengths(self, ids: Iterable[int]) -> dict[int, list[int]]:
        """Indexed words among ``ids`` by their length."""
        by_len: dict[int, list[int]] = {}
        for i in ids:
            by_len.setdefault(len(self.words[i]), []).append(i)
        return by_len

    def _near(
        self,
        words: Sequence[str],
        by_len: dict[int, list[int]],
        band: Callable[[int], tuple[int, int]],
        cutoff: float,
    ) -> tuple[np.ndarray, np.ndarray]:
        """(word, indexed word) of every pair whose ratio reaches ``cutoff``: one rapidfuzz
        ``cdist`` per declared length, against the indexed words (of ``by_len``) of the
        lengths ``band(length)`` (others cannot reach the cutoff)."""
        groups: dict[int, list[int]] = {}
        for k, w in enumerate(words):
            groups.setdefault(len(w), []).append(k)
        rows_out: list[np.ndarray] = []
        cols_out: list[np.ndarray] = []
        for n, rows in sorted(groups.items()):
            low, high = band(n)
            targets = [i for m in range(max(1, low), high + 1) for i in by_len.get(m, ())]
            if not targets:
                continue
            choices = [self.words[i] for i in targets]
            target_ids = np.array(targets, dtype=np.int64)
            row_ids = np.array(rows, dtype=np.int64)
            step = max(1, 20_000_000 // len(choices))  # rows per block: 20 MB
            for start in range(0, len(rows), step):
                block = [words[k] for k in rows[start : start + step]]
                sims = process.cdist(
                    block,
                    choices,
                    scorer=fuzz.ratio,
                    score_cutoff=cutoff,
                    # a thread pool costs more than it saves on a small block
                    workers=1 if len(block) * len(choices) < POOL_FROM else -1,
                    dtype=np.uint8,
                )
                r, c = _cells(sims)
                rows_out.append(row_ids[start + r])
                cols_out.append(target_ids[c])
        if not rows_out:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
        return np.concatenate(rows_out), np.concatenate(cols_out)

    def _match(self, word: str, c: int) -> bool:
        """Declared ``word`` and indexed word ``c`` match as coverage counts them; a listed
        glued pair ("topglove") only from ``glue_cutoff`` on, and against a word of six
        letters or more."""
        indexed = self.words[c]
        if self.glued[c]:
            if min(len(word), len(indexed)) < 6:
                return False
            return word == indexed or fuzz.ratio(word, indexed) >= self._glue_cutoff
        return bool(self._similar(word, indexed))

    def lookup(self, words: Sequence[str]) -> list[list[int]]:
        """Indexed words similar to each of the declared ``words`` (indices into
        ``self.words``): plain words from the cutoff on, and listed glued pairs from the
        glue cutoff on (declared words of six letters or more: a narrower length band)."""
        if not words or not self.words:
            return [[] for _ in words]
        cutoff = self._cutoff
        groups: dict[bool | None, list[int]] = {}
        for k, w in enumerate(words):
            script = True if w.isascii() else (False if not any(c.isascii() for c in w) else None)
            groups.setdefault(script, []).append(k)
        found_rows, found_cols = [], []
        for script, ks in groups.items():
            pool = self._plain_length if script is None else self._plain_by_script[script]
            r, c = self._near(
                [words[k] for k in ks], pool, lambda n: _partner_lengths(n, cutoff), cutoff
            )
            found_rows.append(np.array(ks, dtype=np.int64)[r])
            found_cols.append(c)
        rows, cols = np.concatenate(found_rows), np.concatenate(found_cols)
        g_rows, g_cols = self._near_glued(words)
        near: list[list[int]] = [[] for _ in words]
        for r, c in zip(
            np.concatenate((rows, g_rows)).tolist(),
            np.concatenate((cols, g_cols)).tolist(),
            strict=True,
        ):
            if self._match(words[r], c):
                near[r].append(c)
        for hits in near:
            hits.sort()
        return near

    def _near_glued(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """(word, listed glued pair) of declared words of six letters or more reaching the
        glue cutoff: through exact pieces on long lists (``pieces.py``), else ``cdist``."""
        glue = self._glue_cutoff
        if self._pieces is None and len(self._glued_ids) >= PIECES_FROM:
            self._pieces = PieceIndex(self.words, sorted(self._glued_ids), glue)
        if self._pieces is None or self._pieces.crowding > MOST_CROWDING:
            return self._near(
                words,
                self._glued_length,
                lambda n: _partner_lengths(n, glue) if n >= 6 else (1, 0),
                glue,
            )
        rows: list[int] = []
        cols: list[int] = []
        for k, w in enumerate(words):
            if len(w) >= 6:
                low, high = _partner_lengths(len(w), glue)
                for c in self._pieces.near(w, low, high):
                    rows.append(k)
                    cols.append(c)
        return np.array(rows, dtype=np.int64), np.array(cols, dtype=np.int64)

    def found_glued(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Listed words each pair of declared words written together finds (from the glue
        cutoff on, six letters or more; never listed glued pairs), as (starts, lengths,
        indexed words): a ratio of 90 or more needs lengths within about a fifth."""

        def band(n: int) -> tuple[int, int]:
            return (max(6, (4 * n) // 5), (5 * n) // 4 + 1) if n >= 6 else (1, 0)

        known = self._found_glued  # each glued pair looked up once per screener
        if len(known) >= MAX_CACHED_WORDS:  # emptied first: what ``words`` need stays
            known.clear()
        need = sorted({w for w in words if w not in known})
        if need:
            rows, cols = self._near(need, self._plain_length, band, self._glue_cutoff)
            order = np.lexsort((cols, rows))
            rows, cols = rows[order], cols[order]
            ends = np.searchsorted(rows, np.arange(len(need) + 1), side="left")
            for k, w in enumerate(need):
                known[w] = tuple(cols[ends[k] : ends[k + 1]].tolist())
        hits = [known[w] for w in words]
        lens = np.fromiter(map(len, hits), dtype=np.int64, count=len(hits))
        flat = np.fromiter((c for h in hits for c in h), dtype=np.int64, count=int(lens.sum()))
        return np.cumsum(lens) - lens, lens, flat

    def found(self, words: Sequence[str]) -> list[tuple[int, ...]]:
        """For each declared word, the indexed words it finds (indices into
        ``self.words``; kept: names repeat their words)."""
        known = self._found
        if len(known) >= MAX_CACHED_WORDS:  # emptied first: what ``words`` need stays
            known.clear()
        need = sorted({w for w in words if w not in known})
        if need:
            for w, h in zip(need, self.lookup(need), strict=True):
                known[w] = tuple(h)
        return [known[w] for w in words]


__all__ = ["NameIndex", "glue_pairs"]
