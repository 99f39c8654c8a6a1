"""Company-name normalisation: fold, split legal forms off, expand abbreviations.

A bidder writes "SUPERMAX GLOVE MFG SDN. BHD." where CBP wrote "Supermax Glove
Manufacturing". Both must reduce to the same distinctive part
(``supermax glove manufacturing``) before fuzzy matching, and the legal form
("Sdn Bhd") must not count as evidence of identity: it is shared by every
Malaysian private company.

Every word table is data (``legal_forms.json``, ``name_words.json``,
``list_phrases.json`` beside this module), so a reviewer can read and extend
them without touching code.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from importlib import resources
from typing import Any

# Token weight classes; the numbers live in the policy ([screening.token_weights]).
GENERIC, PLACE, COMMON, DISTINCTIVE = "generic", "place", "common", "distinctive"


@cache
def _data(name: str) -> dict[str, Any]:
    text = resources.files("scrisk.screening").joinpath(name).read_text(encoding="utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@dataclass(frozen=True, slots=True)
class NameParts:
    """A name taken apart: what identifies the firm, and what does not."""

    folded: str  # lower case, accents and punctuation removed, abbreviations expanded
    core: str  # ``folded`` without legal forms and stopwords: what matching compares
    tokens: tuple[str, ...]  # tokens of ``core``
    legal_forms: tuple[str, ...]  # legal-form words found ("sdn bhd", "co ltd", ...)


class _Tables:
    """The word tables, compiled once."""

    def __init__(self) -> None:
        legal = _data("legal_forms.json")
        words = _data("name_words.json")
        self.cjk_suffixes: tuple[str, ...] = tuple(
            sorted(legal["cjk_suffixes"], key=len, reverse=True)
        )
        self.anywhere = _sequences(legal["anywhere"])
        self.edges = _sequences(legal["edges"])
        # single words of legal forms: leftovers ("de", "sdn") count as generic, and
        # long ones are recognised through one typo ("Lmited", "Corpoiration")
        self.legal_words = frozenset(
            t
            for index in (self.anywhere, self.edges)
            for seqs in index.values()
            for s in seqs
            for t in s
        )
        self.long_legal = tuple(sorted(w for w in self.legal_words if len(w) >= 6))
        self.abbreviations: dict[str, str] = dict(words["abbreviations"])
        self.stopwords = frozenset(words["stopwords"])
        classes: dict[str, str] = {}
        # later classes do not override earlier ones: generic < place < common
        for cls, key in ((GENERIC, "generic"), (PLACE, "places"), (COMMON, "common")):
            for word in words[key]:
                for token in fold(word).split():
                    classes.setdefault(self.abbreviations.get(token, token), cls)
        for word in self.legal_words:
            classes.setdefault(word, GENERIC)
        self.classes = classes


def _sequences(items: list[str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Token sequences indexed by their first token, longest first."""
    seqs = sorted({tuple(fold(i).split()) for i in items if fold(i)}, key=lambda s: (-len(s), s))
    index: dict[str, list[tuple[str, ...]]] = {}
    for seq in seqs:
        index.setdefault(seq[0], []).append(seq)
    return {k: tuple(v) for k, v in index.items()}


@cache
def _tables() -> _Tables:
    return _Tables()


_APOSTROPHES = str.maketrans({"'": "", "’": "", "‘": "", "`": "", "´": ""})
_NON_WORD = re.compile(r"[^\w]+|_+")


def fold(text: str) -> str:
    """Lower case, accents off, punctuation to spaces, ``&`` to ``and``.

    ``Xi'an`` becomes ``xian`` (apostrophes join), ``S.A.`` becomes ``s a``.
    Letters of every script are kept, so Chinese names survive.
    """
    text = str(text)
    if text.isascii():
        text = text.lower()
    else:
        text = unicodedata.normalize("NFKC", text).casefold()
        text = unicodedata.normalize("NFKD", text)
        text = "".join(c for c in text if not unicodedata.combining(c))
    text = text.translate(_APOSTROPHES).replace("&", " and ").replace("+", " and ")
    return " ".join(_NON_WORD.sub(" ", text).split())


def _expand(tokens: list[str], abbreviations: dict[str, str]) -> list[str]:
    if not any(t in abbreviations for t in tokens):
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
    return _by_last(seqs).get(tokens[-1], ())


_LAST_CACHE: dict[int, dict[str, tuple[tuple[str, ...], ...]]] = {}


def _by_last(
    seqs: dict[str, tuple[tuple[str, ...], ...]],
) -> dict[str, tuple[tuple[str, ...], ...]]:
    """The same sequences indexed by their last token (built once per table)."""
    index = _LAST_CACHE.get(id(seqs))
    if index is None:
        grouped: dict[str, list[tuple[str, ...]]] = {}
        for group in seqs.values():
            for seq in group:
                grouped.setdefault(seq[-1], []).append(seq)
        index = {k: tuple(sorted(v, key=lambda s: (-len(s), s))) for k, v in grouped.items()}
        _LAST_CACHE[id(seqs)] = index
    return index


@lru_cache(maxsize=1 << 16)
def _legal_typo(token: str) -> str:
    """A long legal-form word written with one typo, put right ("lmited" -> "limited")."""
    tables = _tables()
    if len(token) < 5 or token in tables.legal_words or token in tables.classes:
        return token
    from rapidfuzz import fuzz, process

    best = process.extractOne(token, tables.long_legal, scorer=fuzz.ratio, score_cutoff=85)
    return best[0] if best else token


@lru_cache(maxsize=1 << 16)
def analyze_name(text: str) -> NameParts:
    """Split ``text`` into its distinctive core and its legal forms.

    If removing legal forms and stopwords would leave nothing (a firm called
    "Company Limited"), the folded name is kept as the core: a name never
    normalises to the empty string.
    """
    tables = _tables()
    raw = str(text).strip()
    found: list[str] = []
    if not raw.isascii():
        raw = unicodedata.normalize("NFKC", raw)
        # Chinese legal suffixes are written without spaces: cut them first.
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
        t if len(t) < 5 or t in known else _legal_typo(t)
        for t in _expand(fold(raw).split(), tables.abbreviations)
    ]
    folded = " ".join(tokens)
    core = _strip_sequences(list(tokens), tables.anywhere, found, edges_only=False)
    core = _strip_sequences(core, tables.edges, found, edges_only=True)
    core = [t for t in core if t not in tables.stopwords]
    if not core:
        core = [t for t in tokens if t not in tables.stopwords] or tokens
    return NameParts(folded, " ".join(core), tuple(core), tuple(found))


def normalize_name(text: str) -> str:
    """The distinctive part of a company name, folded and with abbreviations expanded.

    >>> normalize_name("SUPERMAX GLOVE MFG SDN. BHD.")
    'supermax glove manufacturing'
    """
    return analyze_name(text).core


def token_class(token: str) -> str:
    """``generic``, ``place``, ``common`` or ``distinctive`` (see name_words.json)."""
    return _tables().classes.get(token, DISTINCTIVE)


@lru_cache(maxsize=1 << 14)
def declared_token_class(token: str) -> str:
    """Class of a word a bidder wrote, allowing one typo in a long known word.

    "Industnies" is a misspelt generic word, not a distinctive one: it should
    not count against a match as an unexplained distinctive word would.
    """
    cls = token_class(token)
    if cls != DISTINCTIVE or len(token) < 6:
        return cls
    from rapidfuzz import fuzz, process

    words = _long_class_words()
    best = process.extractOne(token, list(words), scorer=fuzz.ratio, score_cutoff=85)
    return words[best[0]] if best else DISTINCTIVE


@cache
def _long_class_words() -> dict[str, str]:
    """Long classed words and spellings that expand to them ("industries" -> generic)."""
    tables = _tables()
    words = {w: c for w, c in tables.classes.items() if len(w) >= 6}
    for short, expansion in tables.abbreviations.items():
        cls = token_class(expansion.split()[0])
        if len(short) >= 6 and cls != DISTINCTIVE:
            words.setdefault(short, cls)
    return dict(sorted(words.items()))


# --------------------------------------------------------------------------- list entries


@dataclass(frozen=True, slots=True)
class EntryName:
    """One name under which a list entry can be found."""

    text: str
    kind: str  # "entity" (from the entity cell), "alias" (aliases cell), "short_form"


class _Phrases:
    def __init__(self) -> None:
        data = _data("list_phrases.json")
        flags = re.IGNORECASE
        self.separators = re.compile("|".join(data["separators"]), flags)
        self.non_party = [re.compile(p, flags) for p in data["non_party_markers"]]
        self.scope = [re.compile(p, flags) for p in data["scope_phrases"]]
        labels = "|".join(re.escape(w) for w in data["label_prefixes"])
        self.label = re.compile(rf"^\s*(?:{labels})\s*:\s*(?P<name>.+)$", flags)
        self.paren_alias = [re.compile(p, flags) for p in data["alias_in_parentheses"]]
        self.short_form_max_tokens = int(data["short_form_max_tokens"])


@cache
def _phrases() -> _Phrases:
    return _Phrases()


_PAREN = re.compile(r"\(([^()]*)\)")


def _split_cell(cell: str | None, kind: str, phrases: _Phrases) -> list[EntryName]:
    names: list[EntryName] = []
    if not cell:
        return names
    for part in phrases.separators.split(cell):
        names.extend(_clean_part(part, kind, phrases))
    return names


def _clean_part(part: str, kind: str, phrases: _Phrases) -> list[EntryName]:
    text = " ".join(part.split()).strip(" ,;")
    if not text:
        return []
    label = phrases.label.match(text)
    if label:
        text = label.group("name")
    elif ":" in text:  # "Region (region-wide): cotton and tomato products"
        text = text.split(":", 1)[0]
    extra: list[EntryName] = []
    # Pass 1: parenthesised aliases ("collectively 'Smart Glove'"), compiler notes
    # ("former name", "fishing vessel") and scope ("and its subsidiaries") go.
    for m in reversed(list(_PAREN.finditer(text))):
        inner = m.group(1).strip()
        alias = next((a for a in (p.match(inner) for p in phrases.paren_alias) if a), None)
        if alias:
            extra.extend(_clean_part(alias.group("alias"), "alias", phrases))
        elif inner and not inner[0].islower() and not inner.lower().startswith("and "):
            continue
        text = text[: m.start()] + " " + text[m.end() :]
    for pattern in phrases.scope:
        text = pattern.sub("", text)
    text = " ".join(text.split()).strip(" ,;")
    # Pass 2: a short trailing group is a short form ("(Haolin)", "(YTY Group)");
    # any other group is part of the name ("Hoshine Silicon (Jia Xing) Industry").
    for m in reversed(list(_PAREN.finditer(text))):
        inner = m.group(1).strip()
        trailing = not text[m.end() :].strip(" ,.")
        if trailing and len(inner.split()) <= phrases.short_form_max_tokens:
            extra.append(EntryName(inner, "short_form"))
            text = text[: m.start()] + " " + text[m.end() :]
        else:
            text = text[: m.start()] + f" {inner} " + text[m.end() :]
    text = " ".join(text.split()).strip(" ,;")
    names = [EntryName(text, kind)] if fold(text) else []
    return names + extra


def entry_names(entry: Any) -> list[EntryName]:
    """Every name under which ``entry`` (a ``ListEntry``) can be found, deduplicated.

    The entity cell may hold several firms ("Top Glove Sdn. Bhd.; TG Medical
    Sdn. Bhd."), scope phrases ("and its wholly owned subsidiaries"), short
    forms ("(XPCC)") and notes; the aliases are split the same way. Entries
    that name a whole country or region rather than a party
    ("Turkmenistan cotton (country-wide)") give no names: they are evidence
    for the REGION and GOODS rules, not for name screening.
    """
    phrases = _phrases()
    entity = str(getattr(entry, "entity", "") or "")
    if any(p.search(entity) for p in phrases.non_party):
        return []
    aliases = getattr(entry, "aliases", ()) or ()
    if isinstance(aliases, str):
        aliases = (aliases,)
    names = _split_cell(entity, "entity", phrases)
    for alias in aliases:
        names.extend(_split_cell(str(alias), "alias", phrases))
    seen: dict[str, EntryName] = {}
    rank = {"entity": 0, "alias": 1, "short_form": 2}
    for name in names:
        key = analyze_name(name.text).core
        if key and (key not in seen or rank[name.kind] < rank[seen[key].kind]):
            seen[key] = name
    return list(seen.values())


__all__ = [
    "EntryName",
    "NameParts",
    "analyze_name",
    "entry_names",
    "fold",
    "normalize_name",
    "declared_token_class",
    "token_class",
]
