"""The name analysis before the speed work (scrisk/screening/normalize.py and
parts.py at a943568), kept unchanged but for names as the plain reference that
tests/test_screening_fastnorm.py compares the fast code with."""

from __future__ import annotations

import re
import unicodedata

from scrisk.screening import parts
from scrisk.screening.normalize import NameParts
from scrisk.screening.unicode_fold import fold_unicode
from scrisk.screening.words import COMMON, DISTINCTIVE, GENERIC, PLACE, data_file

# The code below is the implementation before the speed work (scrisk/screening/
# normalize.py and parts.py at a943568), kept as the plain reference.


class _RefTables:
    def __init__(self) -> None:
        legal = data_file("legal_forms.json")
        words = data_file("name_words.json")
        self.cjk_suffixes = tuple(sorted(legal["cjk_suffixes"], key=len, reverse=True))
        self.cjk_parenthesised = re.compile(
            r"\((?:" + "|".join(map(re.escape, legal["cjk_parenthesised"])) + r")\)"
        )
        self.anywhere = _ref_sequences(legal["anywhere"])
        self.edges = _ref_sequences(legal["edges"])
        self.legal_words = frozenset(
            t
            for index in (self.anywhere, self.edges)
            for seqs in index.values()
            for s in seqs
            for t in s
        )
        self.long_legal = tuple(sorted(w for w in self.legal_words if len(w) >= 6))
        self.abbreviations = dict(words["abbreviations"])
        self.stopwords = frozenset(words["stopwords"])
        classes: dict[str, str] = {}
        for cls, key in ((GENERIC, "generic"), (PLACE, "places"), (COMMON, "common")):
            for word in words[key]:
                for token in ref_fold(word).split():
                    classes.setdefault(self.abbreviations.get(token, token), cls)
        for word in self.legal_words:
            classes.setdefault(word, GENERIC)
        for cls, key in ((PLACE, "cjk_places"), (GENERIC, "cjk_generic")):
            for word in words[key]:
                for pair in _ref_bigrams(word):
                    classes.setdefault(pair, cls)
        self.classes = classes


def _ref_sequences(items):
    seqs = sorted(
        {tuple(ref_fold(i).split()) for i in items if ref_fold(i)}, key=lambda s: (-len(s), s)
    )
    index: dict[str, list[tuple[str, ...]]] = {}
    for seq in seqs:
        index.setdefault(seq[0], []).append(seq)
    return {k: tuple(v) for k, v in index.items()}


def _ref_is_cjk(c):
    o = ord(c)
    return (
        0x3040 <= o <= 0x30FF
        or 0x3400 <= o <= 0x4DBF
        or 0x4E00 <= o <= 0x9FFF
        or 0xAC00 <= o <= 0xD7AF
        or 0xF900 <= o <= 0xFAFF
        or 0x20000 <= o <= 0x2FA1F
    )


def _ref_bigrams(run):
    return [run] if len(run) < 2 else [run[i : i + 2] for i in range(len(run) - 1)]


def _ref_cjk_tokens(tokens):
    if all(t.isascii() for t in tokens):
        return tokens
    out = []
    for token in tokens:
        if token.isascii() or not any(_ref_is_cjk(c) for c in token):
            out.append(token)
            continue
        run, kind = "", None
        for c in token + " ":
            k = _ref_is_cjk(c) if c != " " else None
            if k != kind and run:
                out.extend(_ref_bigrams(run) if kind else (run,))
                run = ""
            run += c
            kind = k
    return out


_REF_APOSTROPHES = str.maketrans({"'": "", "’": "", "‘": "", "`": "", "´": ""})
_REF_NON_WORD = re.compile(r"[^\w]+|_+")
_REF_ASCII_WORD = re.compile(r"[a-z0-9]+")


def ref_fold(text):
    text = str(text)
    if text.isascii():
        text = text.lower()
        if "'" in text or "`" in text:
            text = text.replace("'", "").replace("`", "")
        if "&" in text or "+" in text:
            text = text.replace("&", " and ").replace("+", " and ")
        return " ".join(_REF_ASCII_WORD.findall(text))
    text = unicodedata.normalize("NFKC", fold_unicode(text)[0]).casefold()
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_REF_APOSTROPHES).replace("&", " and ").replace("+", " and ")
    return " ".join(_REF_NON_WORD.sub(" ", text).split())


def _ref_expand(tokens, abbreviations):
    if abbreviations.keys().isdisjoint(tokens):
        return tokens
    out = []
    for token in tokens:
        out.extend(abbreviations[token].split() if token in abbreviations else (token,))
    return out


def _ref_by_last(seqs):
    grouped: dict[str, list[tuple[str, ...]]] = {}
    for group in seqs.values():
        for seq in group:
            grouped.setdefault(seq[-1], []).append(seq)
    return {k: tuple(sorted(v, key=lambda s: (-len(s), s))) for k, v in grouped.items()}


def _ref_strip_sequences(tokens, seqs, found, *, edges_only):
    if edges_only:
        by_last = _ref_by_last(seqs)
        if not tokens or (tokens[0] not in seqs and tokens[-1] not in by_last):
            return tokens
        for at_end in (False, True):
            if not tokens:
                break
            cands = by_last.get(tokens[-1], ()) if at_end else seqs.get(tokens[0], ())
            for seq in cands:
                n = len(seq)
                window = tokens[-n:] if at_end else tokens[:n]
                if tuple(window) == seq:
                    found.append(" ".join(seq))
                    tokens = tokens[:-n] if at_end else tokens[n:]
                    break
        return tokens
    if seqs.keys().isdisjoint(tokens):
        return tokens
    out = []
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


_REF_TABLES = _RefTables()


def _ref_legal_typo(token):
    tables = _REF_TABLES
    if len(token) < 5 or token in tables.legal_words or token in tables.classes:
        return token
    from rapidfuzz import fuzz, process

    best = process.extractOne(token, tables.long_legal, scorer=fuzz.ratio, score_cutoff=85)
    return best[0] if best else token


def ref_analyze_name(text):
    tables = _REF_TABLES
    raw = str(text).strip()
    found: list[str] = []
    if not raw.isascii():
        raw = unicodedata.normalize("NFKC", fold_unicode(raw)[0])
        raw = tables.cjk_parenthesised.sub("", raw)
        stripped = True
        while stripped:
            stripped = False
            for suffix in tables.cjk_suffixes:
                if raw.endswith(suffix) and len(raw) > len(suffix):
                    raw = raw[: -len(suffix)].rstrip()
                    found.append(suffix)
                    stripped = True
                    break
    known = tables.classes
    tokens = [
        t if len(t) < 5 or t in known or not t.isascii() else _ref_legal_typo(t)
        for t in _ref_expand(ref_fold(raw).split(), tables.abbreviations)
    ]
    if not raw.isascii():
        tokens = _ref_cjk_tokens(tokens)
    folded = " ".join(tokens)
    core = _ref_strip_sequences(list(tokens), tables.anywhere, found, edges_only=False)
    core = _ref_strip_sequences(core, tables.edges, found, edges_only=True)
    core = [t for t in core if t not in tables.stopwords]
    if not core:
        core = [t for t in tokens if t not in tables.stopwords] or tokens
    return NameParts(folded, " ".join(core), tuple(core), tuple(found))


def ref_token_class(token):
    if len(token) == 1 and token.isascii():
        return GENERIC
    return _REF_TABLES.classes.get(token, DISTINCTIVE)


def _ref_long_class_words():
    tables = _REF_TABLES
    words = {w: c for w, c in tables.classes.items() if len(w) >= 6}
    for short, expansion in tables.abbreviations.items():
        cls = ref_token_class(expansion.split()[0])
        if len(short) >= 6 and cls != DISTINCTIVE:
            words.setdefault(short, cls)
    return dict(sorted(words.items()))


_REF_LONG_WORDS = _ref_long_class_words()
_REF_LONG_LIST = tuple(_REF_LONG_WORDS)


def ref_declared_token_class(token):
    cls = ref_token_class(token)
    if cls != DISTINCTIVE or len(token) < 6:
        return cls
    from rapidfuzz import fuzz, process

    best = process.extractOne(token, _REF_LONG_LIST, scorer=fuzz.ratio, score_cutoff=85)
    return _REF_LONG_WORDS[best[0]] if best else DISTINCTIVE


_REF_SEPARATORS = re.compile(
    r"\s*[,;]?\s*\b(?:a/k/a|aka|f/k/a|fka|d/b/a|dba|n/k/a|also known as|formerly known as|"
    r"formerly|previously known as|previously|now known as|trading as|t/a)\b\s*[:.]?\s*",
    re.IGNORECASE,
)
_REF_BRACKET = re.compile(r"[(\[（【]([^()\[\]（）【】]*)[)\]）】]")
_REF_TICKER = re.compile(
    r"^(?:(?:[A-Za-z][A-Za-z .&-]{0,24})?[:：]\s*[A-Za-z0-9][A-Za-z0-9.\-]{0,11}"
    r"|\d{3,6}(?:\.[A-Za-z]{1,3})?|[A-Z0-9]{1,6}\.[A-Z]{1,3})$"
)
_REF_MAYBE = re.compile(
    r"[(\[（【/;,]|\b(?:aka|fka|dba|known|formerly|previously|trading|t/a)\b", re.IGNORECASE
)
_REF_NOW = re.compile(r"\s*[,;]\s*(?:now|renamed)\s+", re.IGNORECASE)


def _ref_clean(text):
    return " ".join(text.split()).strip(" ,;:-")


def _ref_split(text):
    return [
        p
        for x in _REF_SEPARATORS.split(text)
        for p in (_ref_clean(y) for y in _REF_NOW.split(x))
        if p
    ]


def ref_declared_parts(name):
    if not _REF_MAYBE.search(name) or not (
        _REF_BRACKET.search(name) or _REF_SEPARATORS.search(name) or _REF_NOW.search(name)
    ):
        return (name,)
    found = [name]
    groups = [m.group(1) for m in _REF_BRACKET.finditer(name)]
    base = _ref_clean(_REF_BRACKET.sub(" ", name))
    found.extend(_ref_split(base))
    tickers = [g for g in groups if _REF_TICKER.match(_ref_clean(g))]
    for group in groups:
        if group not in tickers:
            found.extend(_ref_split(group))
    if tickers:
        found.append(
            _ref_clean(
                _REF_BRACKET.sub(lambda m: " " if m.group(1) in tickers else m.group(0), name)
            )
        )
    seen: dict[str, None] = {}
    for p in found:
        seen.setdefault(p, None)
    return tuple(seen)[: parts.MAX_PARTS]
