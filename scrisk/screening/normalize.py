"""Company-name normalisation: fold, split legal forms off, expand abbreviations.

A bidder writes "SUPERMAX GLOVE MFG SDN. BHD." where CBP wrote "Supermax Glove
Manufacturing". Both must reduce to the same distinctive part
(``supermax glove manufacturing``) before fuzzy matching, and the legal form
("Sdn Bhd") must not count as evidence of identity: it is shared by every
Malaysian private company.

Every word table is data (``legal_forms.json``, ``name_words.json``,
``list_phrases.json`` beside this module), so a reviewer can read and extend
them without touching code.

Speed (issue 14): an ASCII name is folded one piece between spaces at a time,
each piece's words cached (names are mostly new, their words mostly not);
analyzed names are cached as plain tuples. The classes of words (generic,
place, common, distinctive) are in ``word_classes.py``.
tests/test_screening_fastnorm.py holds the plain implementation and checks
every result against it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, fields
from functools import cache, lru_cache
from itertools import islice
from typing import Any

from scrisk.screening.unicode_fold import fold_unicode
from scrisk.screening.words import (
    COMMON,
    DISTINCTIVE,
    GENERIC,
    PLACE,
    bigrams,
    by_last,
    data_file,
    fold,
    word_tables,
)


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name taken apart: what identifies the firm, and what does not."""

    folded: str  # lower case, accents and punctuation removed, abbreviations expanded
    core: str  # ``folded`` without legal forms and stopwords: what matching compares
    tokens: tuple[str, ...]  # tokens of ``core``
    legal_forms: tuple[str, ...]  # legal-form words found ("sdn bhd", "co ltd", ...)


def _name_parts_maker() -> Callable[[str, str, tuple[str, ...], tuple[str, ...]], NameParts]:
    """``NameParts(folded, core, tokens, legal_forms)`` without the frozen dataclass's
    ``__init__`` (four ``object.__setattr__`` calls, a tenth of ``analyze_name``): the
    slots are set directly. Falls back to the class if its fields ever change."""
    names = tuple(f.name for f in fields(NameParts))
    if names != ("folded", "core", "tokens", "legal_forms") or hasattr(NameParts, "__post_init__"):
        return NameParts
    set_folded, set_core, set_tokens, set_legal = (NameParts.__dict__[n].__set__ for n in names)
    new = object.__new__

    def make(folded: str, core: str, tokens: tuple[str, ...], legal: tuple[str, ...]) -> NameParts:
        parts: NameParts = new(NameParts)
        set_folded(parts, folded)
        set_core(parts, core)
        set_tokens(parts, tokens)
        set_legal(parts, legal)
        return parts

    return make


_name_parts = _name_parts_maker()


# Runs of Han ideographs, kana and hangul: scripts written without spaces between words
# (kana, CJK extension A, CJK unified ideographs, hangul syllables, compatibility
# ideographs, extensions B-F).
_CJK_RUN = re.compile(
    "([\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\U00020000-\U0002fa1f]+)"
)


def _cjk_tokens(tokens: list[str]) -> list[str]:
    """Tokens with every run of CJK characters replaced by its character pairs."""
    if all(t.isascii() for t in tokens):
        return tokens
    out: list[str] = []
    for token in tokens:
        if token.isascii() or _CJK_RUN.search(token) is None:
            out.append(token)
            continue
        # other runs at even places (maybe empty), CJK runs at odd places
        for i, run in enumerate(_CJK_RUN.split(token)):
            if i % 2:
                out.extend(bigrams(run))
            elif run:
                out.append(run)
    return out


def _expand(tokens: list[str], abbreviations: dict[str, str]) -> list[str]:
    if abbreviations.keys().isdisjoint(tokens):
        return tokens
    out: list[str] = []
    for token in tokens:
        out.extend(abbreviations[token].split() if token in abbreviations else (token,))
    return out


def _strip_sequences(
    tokens: list[str],
    seqs: dict[str, tuple[tuple[str, ...], ...]],
    found: list[str],
    *,
    edges_only: bool,
) -> list[str]:
    """Remove legal-form token sequences (anywhere, or only at either end), longest first.

    ``seqs`` maps a first token to the sequences starting with it.
    """
    if edges_only:
        if not tokens or (tokens[0] not in seqs and tokens[-1] not in by_last(seqs)):
            return tokens
        for at_end in (False, True):
            if not tokens:
                break
            for seq in _edge_candidates(tokens, seqs, at_end=at_end):
                n = len(seq)
                window = tokens[-n:] if at_end else tokens[:n]
                if tuple(window) == seq:
                    found.append(" ".join(seq))
                    tokens = tokens[:-n] if at_end else tokens[n:]
                    break
        return tokens
    if seqs.keys().isdisjoint(tokens):
        return tokens
    out: list[str] = []
    i = 0
    while i < len(tokens):
        for seq in seqs.get(tokens[i], ()):
            n = len(seq)
            if tuple(tokens[i : i + n]) == seq:
                found.append(" ".join(seq))
                i += n
                break
        else:
            out.append(tokens[i])
            i += 1
    return out


def _edge_candidates(
    tokens: list[str], seqs: dict[str, tuple[tuple[str, ...], ...]], *, at_end: bool
) -> tuple[tuple[str, ...], ...]:
    if not at_end:
        return seqs.get(tokens[0], ())
    return by_last(seqs).get(tokens[-1], ())


@cache
def rapidfuzz_api() -> tuple[Any, Any, Any]:
    """``process.extractOne``, ``process.cdist`` and ``fuzz.ratio``, imported once, late
    (importing scrisk stays light)."""
    from rapidfuzz import fuzz, process

    return process.extractOne, process.cdist, fuzz.ratio


TYPO_SCORE = 85  # fuzz.ratio of a long word written with one typo


def nearest_word(token: str, choices: Sequence[str]) -> str | None:
    """The choice nearest ``token`` at ``fuzz.ratio`` >= 85, the first on a tie, or None."""
    extract_one, _, ratio = rapidfuzz_api()
    best = extract_one(token, choices, scorer=ratio, score_cutoff=TYPO_SCORE)
    return None if best is None else str(best[0])


@lru_cache(maxsize=1 << 16)
def _legal_typo(token: str) -> str:
    """A long legal-form word written with one typo, put right ("lmited" -> "limited")."""
    tables = word_tables()
    if len(token) < 5 or token in tables.legal_words or token in tables.classes:
        return token
    choices = _typo_choices(len(token)) if token.isascii() else tables.long_legal
    best = nearest_word(token, choices) if choices else None
    return best if best is not None else token


@cache
def _typo_choices(length: int) -> tuple[str, ...]:
    """The long legal-form words an ASCII word of ``length`` letters can reach at
    ``fuzz.ratio`` >= 85, in order: ASCII (no common letter, no score) and of a length
    near enough (the indel distance is at least the difference of the lengths, so the
    ratio is at most 100 * (1 - |difference| / sum))."""
    return tuple(
        w
        for w in word_tables().long_legal
        if w.isascii() and 100 * abs(length - len(w)) <= (100 - TYPO_SCORE) * (length + len(w))
    )


# Per-word caches: what a piece of a name between spaces becomes, and the class of a
# declared word. Both depend on the piece or word alone; each is emptied when it
# reaches MAX_CACHED_WORDS entries (so are the screener's caches of the list words a
# declared word or glued pair finds and of word similarities: a screen's memory stays
# flat however many names it reads).
MAX_CACHED_WORDS = 1 << 17
_CHUNK_WORDS: dict[str, str] = {}
DECLARED_CLASS: dict[str, str] = {}  # filled by ``word_classes``, emptied by clear_caches


def _fix_typo(token: str, known: dict[str, str]) -> str:
    return token if len(token) < 5 or token in known or not token.isascii() else _legal_typo(token)


def _chunk_words(chunk: str) -> str:
    """The words of an ASCII piece of a name holding no space, folded, abbreviations
    expanded and a typo in a long legal-form word put right, joined by spaces
    ("Mfg." -> "manufacturing", "Co.,Ltd" -> "co ltd", "-" -> "")."""
    tables = word_tables()
    known = tables.classes
    if chunk.isalnum():  # letters and digits only (the chunk is ASCII): ``fold`` lowers it
        word = chunk.lower()
        if word in tables.abbreviations or not (len(word) < 5 or word in known):
            fixed = " ".join(_fix_typo(t, known) for t in _expand([word], tables.abbreviations))
        else:
            fixed = word
    else:
        words = _expand(fold(chunk).split(), tables.abbreviations)
        fixed = " ".join(_fix_typo(t, known) for t in words)
    if len(_CHUNK_WORDS) >= MAX_CACHED_WORDS:
        _CHUNK_WORDS.clear()
    _CHUNK_WORDS[chunk] = fixed
    return fixed


def clear_caches() -> None:
    """Forget every cached name and word (for tests, and timings of cold runs)."""
    _NAMES.clear()
    _CHUNK_WORDS.clear()
    DECLARED_CLASS.clear()
    _legal_typo.cache_clear()


# The fields of analyzed names, by name as given. Plain tuples, not NameParts: the
# garbage collector stops tracking tuples of strings, so a full cache costs it nothing
# (an lru_cache of NameParts made every name 1-2 us slower, in collections). When
# full, the older half is dropped.
_Fields = tuple[str, str, tuple[str, ...], tuple[str, ...]]
_NAMES: dict[str, _Fields] = {}
_MAX_NAMES = 1 << 16


def analyze_name(text: str) -> NameParts:
    """Split ``text`` into its distinctive core and its legal forms.

    If removing legal forms and stopwords would leave nothing (a firm called
    "Company Limited"), the folded name is kept as the core: a name never
    normalises to the empty string.
    """
    fields = _NAMES.get(text)
    if fields is None:
        fields = _analyze(text)
        if len(_NAMES) >= _MAX_NAMES:
            for old in list(islice(_NAMES, _MAX_NAMES // 2)):
                _NAMES.pop(old, None)  # another thread may have dropped it
        _NAMES[text] = fields
    return _name_parts(*fields)


def _analyze(text: str) -> _Fields:
    """:func:`analyze_name`, uncached: the fields of its NameParts."""
    tables = word_tables()
    raw = str(text).strip()
    found: list[str] = []
    if raw.isascii():
        # The common case. Folding an ASCII name acts on each piece between spaces on
        # its own (``fold`` only lowers, joins at apostrophes and splits at every other
        # sign), and so do expanding and the typo fix: one cached step a piece.
        chunks = raw.split()
        fixed = list(map(_CHUNK_WORDS.get, chunks))
        if None in fixed:
            fixed = [
                f if f is not None else _chunk_words(c) for f, c in zip(fixed, chunks, strict=True)
            ]
        folded = " ".join(fixed)  # type: ignore[arg-type]  # no None is left
        if "" in fixed:  # a piece without letters or digits ("-", "&&")
            folded = " ".join(folded.split())
        tokens = folded.split()
    else:
        raw = unicodedata.normalize("NFKC", fold_unicode(raw)[0])
        raw = tables.cjk_parenthesised.sub("", raw)
        # Chinese legal suffixes are written without spaces: cut them first (the
        # longest that leaves something, again until none does).
        while raw.endswith(tables.cjk_suffixes):
            for suffix in tables.cjk_suffixes:
                if raw.endswith(suffix) and len(raw) > len(suffix):
                    raw = raw[: -len(suffix)].rstrip()
                    found.append(suffix)
                    break
            else:
                break
        known = tables.classes
        tokens = [
            t if len(t) < 5 or t in known or not t.isascii() else _legal_typo(t)
            for t in _expand(fold(raw).split(), tables.abbreviations)
        ]
        if not raw.isascii():
            tokens = _cjk_tokens(tokens)
        folded = " ".join(tokens)
    # legal forms removed wherever they stand, longest first ...
    steps = tables.anywhere_steps
    starts = list(map(steps.__contains__, tokens))
    if True not in starts:
        core = tokens
    else:
        i = starts.index(True)
        core = tokens[:i]
        end = len(tokens)
        while i < end:
            token = tokens[i]
            if starts[i]:
                by_second, matched = steps[token]  # the one-token form, if any, comes last
                n = 1
                if i + 1 < end:
                    for length, seq, joined in by_second.get(tokens[i + 1], ()):
                        if length == 2 or tokens[i : i + length] == seq:
                            matched, n = joined, length
                            break
                if matched is not None:
                    found.append(matched)
                    i += n
                    continue
            core.append(token)
            i += 1
    # ... and those that are ordinary words inside a name, only at either end
    if core and (core[0] in tables.edge_first or core[-1] in tables.edge_last):
        core = _strip_sequences(core, tables.edges, found, edges_only=True)
    stopwords = tables.stopwords
    if not stopwords.isdisjoint(core):
        core = [t for t in core if t not in stopwords]
    if not core:
        core = [t for t in tokens if t not in stopwords] or tokens
    return folded, " ".join(core), tuple(core), tuple(found)


def normalize_name(text: str) -> str:
    """The distinctive part of a company name, folded and with abbreviations expanded.

    >>> normalize_name("SUPERMAX GLOVE MFG SDN. BHD.")
    'supermax glove manufacturing'
    """
    return analyze_name(text).core


__all__ = [  # the word tables' names too, where callers have always found them
    "COMMON",
    "DISTINCTIVE",
    "GENERIC",
    "PLACE",
    "data_file",
    "NameParts",
    "analyze_name",
    "fold",
    "normalize_name",
    "word_tables",
]
