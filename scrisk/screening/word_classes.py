"""The class of a word: generic, place, common or distinctive.

A word's class sets its weight as evidence of identity (``policy.toml
[screening.token_weights]``): "Glove" and "Xinjiang" say little, "Supermax"
much. Listed words take the class of the word lists (``name_words.json``);
a declared word may also be a long known word written with one typo
("Industnies"). The class of a declared word is cached, and
:func:`declared_token_classes` fills that cache for a whole block of words
with a few rapidfuzz ``cdist`` calls (the rule of ``extractOne``: the best
known word at or above the cutoff, the first in order on a tie).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache

from scrisk.screening.normalize import (
    DECLARED_CLASS,
    MAX_CACHED_WORDS,
    TYPO_SCORE,
    nearest_word,
    rapidfuzz_api,
)
from scrisk.screening.words import DISTINCTIVE, GENERIC, word_tables


def token_class(token: str) -> str:
    """``generic``, ``place``, ``common`` or ``distinctive`` (see name_words.json); a
    single Latin letter or digit ("G.tech", "G&G") names no firm: generic."""
    if len(token) == 1 and token.isascii():
        return GENERIC
    return word_tables().classes.get(token, DISTINCTIVE)


def declared_token_class(token: str) -> str:
    """Class of a word a bidder wrote, allowing one typo in a long known word.

    "Industnies" is a misspelt generic word, not a distinctive one: it should
    not count against a match as an unexplained distinctive word would.
    """
    cls = DECLARED_CLASS.get(token)
    if cls is None:
        cls = token_class(token)
        if cls == DISTINCTIVE and len(token) >= 6:
            choices, _ = _reachable_class_words(len(token))
            best = nearest_word(token, choices) if choices else None
            cls = _long_class_words()[best] if best is not None else DISTINCTIVE
        if len(DECLARED_CLASS) >= MAX_CACHED_WORDS:
            DECLARED_CLASS.clear()
        DECLARED_CLASS[token] = cls
    return cls


_CDIST_BLOCK_BYTES = 48 << 20  # the score matrix of one cdist call stays under this


def declared_token_classes(tokens: Sequence[str]) -> list[str]:
    """:func:`declared_token_class` of each token, the fuzzy ones in a few ``cdist`` calls.

    The long distinctive words not yet seen are compared with the known long
    words they can reach (of a near enough length: one ``cdist`` call for each
    word length, in blocks of at most ``_CDIST_BLOCK_BYTES``); the class is that
    of the best-scoring known word at or above the cutoff, the first in order on
    a tie (the rule of ``process.extractOne``). The results go to the cache
    :func:`declared_token_class` reads, so the two always agree.
    """
    cache = DECLARED_CLASS
    classes: dict[str, str] = {}
    by_length: dict[int, list[str]] = {}
    for token in tokens:
        if token in classes:
            continue
        cls = cache.get(token)
        if cls is None:
            cls = token_class(token)
            if cls == DISTINCTIVE and len(token) >= 6:
                by_length.setdefault(len(token), []).append(token)
        classes[token] = cls
    if by_length:
        import numpy as np

        _, cdist, ratio = rapidfuzz_api()
        for length, words in by_length.items():
            choices, choice_class = _reachable_class_words(length)
            if not choices:
                continue
            rows = max(1, _CDIST_BLOCK_BYTES // (8 * len(choices)))
            for start in range(0, len(words), rows):
                block = words[start : start + rows]
                scores = cdist(
                    block,
                    choices,
                    scorer=ratio,
                    score_cutoff=TYPO_SCORE,
                    dtype=np.float64,
                    workers=-1,
                )
                best = scores.argmax(axis=1)  # the first of equal maxima
                top = scores[np.arange(len(block)), best]
                for token, b, score in zip(block, best.tolist(), top.tolist(), strict=True):
                    if score >= TYPO_SCORE:
                        classes[token] = choice_class[b]
    if len(cache) + len(classes) > MAX_CACHED_WORDS:
        cache.clear()
    cache.update(classes)
    return [classes[t] for t in tokens]


@cache
def _reachable_class_words(length: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The long classed words a word of ``length`` characters can reach at ``fuzz.ratio``
    >= 85, in order, and their classes. The indel distance is at least the difference
    of the lengths, so the ratio is at most 100 * (1 - |difference| / sum): the others
    score below the cutoff and could never be chosen."""
    classes = _long_class_words()
    words = tuple(
        w
        for w in _long_class_list()
        if 100 * abs(length - len(w)) <= (100 - TYPO_SCORE) * (length + len(w))
    )
    return words, tuple(classes[w] for w in words)


@cache
def _long_class_list() -> tuple[str, ...]:
    """The words of :func:`_long_class_words`, in order (built once, not per call)."""
    return tuple(_long_class_words())


@cache
def _long_class_words() -> dict[str, str]:
    """Long classed words and spellings that expand to them ("industries" -> generic)."""
    tables = word_tables()
    words = {w: c for w, c in tables.classes.items() if len(w) >= 6}
    for short, expansion in tables.abbreviations.items():
        cls = token_class(expansion.split()[0])
        if len(short) >= 6 and cls != DISTINCTIVE:
            words.setdefault(short, cls)
    return dict(sorted(words.items()))


__all__ = ["declared_token_class", "declared_token_classes", "token_class"]
