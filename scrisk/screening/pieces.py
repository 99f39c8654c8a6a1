"""Words within a few edits of a long word, found through exact pieces.

Two words reach rapidfuzz ``ratio`` ``c`` only if their Indel distance (letters
inserted or deleted) is at most ``(1 - c / 100) x (n + m)``: at 90, two for
words of about ten letters. Cut a word into one piece more than the edits it
can take: one piece is left whole, and it appears in the other word, shifted
by no more than the number of edits (pigeonhole). So each indexed word is
filed under its pieces, and a query word probes its own substrings of those
lengths; only the words found that way are compared, with the same ratio and
cutoff. At ratio 90 the pieces are three or four letters long: few words
share one, where comparing every word of a fitting length costs tens of
millions of ratios on large lists (``index.py`` uses this for declared words
against the listed words written together, "topglove").
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from rapidfuzz import fuzz


def max_edits(m: int, cutoff: float) -> int:
    """Most Indel edits between a word of ``m`` letters and any word it can reach
    ``cutoff`` with (the longest such partner: ``m x (200 - c) / c`` letters)."""
    longest = math.ceil(m * (200 - cutoff) / cutoff)
    return math.floor((1 - cutoff / 100) * (m + longest) + 1e-9)


class PieceIndex:
    """Indexed words (``words[i]`` for ``i`` in ``ids``) by their pieces, for one cutoff."""

    def __init__(self, words: Sequence[str], ids: Sequence[int], cutoff: float) -> None:
        self.words = words
        self.cutoff = cutoff
        # piece text -> (word id, piece start, word length, edits allowed)
        self.table: dict[str, list[tuple[int, int, int, int]]] = {}
        self.uncut: list[int] = []  # words too short to cut: compared with every query
        lengths: set[int] = set()
        for i in ids:
            word = words[i]
            m = len(word)
            k = max_edits(m, cutoff)
            parts = k + 1
            if m < parts:
                self.uncut.append(i)
                continue
            start = 0
            for p in range(parts):
                size = m // parts + (1 if p < m % parts else 0)
                piece = word[start : start + size]
                self.table.setdefault(piece, []).append((i, start, m, k))
                lengths.add(size)
                start += size
        self.piece_lengths = sorted(lengths)
        # the mean number of words filed with a piece, met by a random filing: high when
        # the words share their pieces (made-up names of a few syllables), where the
        # pieces find many words and comparing every word costs less
        sizes = [len(v) for v in self.table.values()]
        self.crowding = sum(x * x for x in sizes) / sum(sizes) if sizes else 0.0

    def near(self, word: str, low: int, high: int) -> list[int]:
        """Indexed words of ``low`` to ``high`` letters whose ratio with ``word`` reaches
        the cutoff, in increasing id order."""
        n = len(word)
        seen = {i for i in self.uncut if low <= len(self.words[i]) <= high}
        table = self.table
        for size in self.piece_lengths:
            for t in range(n - size + 1):
                for i, s, m, k in table.get(word[t : t + size], ()):
                    if abs(t - s) <= k and low <= m <= high:
                        seen.add(i)
        words, cutoff = self.words, self.cutoff
        return sorted(i for i in seen if fuzz.ratio(word, words[i], score_cutoff=cutoff))


__all__ = ["PieceIndex", "max_edits"]
