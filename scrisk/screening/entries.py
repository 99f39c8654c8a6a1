"""The names a list entry can be found under: its entity cell split into firms,
its aliases, and the alias dataset's names of the same firms.

The lists write several firms in one cell ("A; B"), scope phrases ("and its
subsidiaries"), short forms in trailing parentheses ("(Haolin)") and compiler
notes ("(former name)"); the patterns are data (``list_phrases.json``).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from scrisk.screening.normalize import analyze_name
from scrisk.screening.variants import hanzi_to_latin
from scrisk.screening.word_classes import token_class
from scrisk.screening.words import GENERIC, PLACE, data_file, fold


@dataclass(frozen=True, slots=True)
class EntryName:
    """One name under which a list entry can be found."""

    text: str
    kind: str  # "entity" (from the entity cell), "alias" (aliases cell), "short_form"
    # for names from the alias dataset: chinese_name, former_name, new_name, acronym, short_name
    alias_kind: str = ""


class _Phrases:
    def __init__(self) -> None:
        data = data_file("list_phrases.json")
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


# alias-dataset kinds that are short forms (matches stay "possible" at most)
SHORT_ALIAS_KINDS = frozenset({"acronym", "short_name"})
_COVERS = re.compile(r"\band\s+(?:its|their)\b[^;]*\bsubsidiar", re.IGNORECASE)


def covers_subsidiaries(entry: Any) -> bool:
    """Whether the entry covers its subsidiaries: ``ListEntry.covers_subsidiaries``, or
    "and its subsidiaries" in the entity text (lists built before that field was filled)."""
    if getattr(entry, "covers_subsidiaries", False):
        return True
    return bool(_COVERS.search(str(getattr(entry, "entity", "") or "")))


# alias kind of a list name without its trailing trade words
TRADE_WORDS_OFF = "trade_words_off"


def trade_words_off(text: str) -> str | None:
    """The name without the generic words it ends with (and its legal form), when what
    is left names a firm: two words or more, one of them neither a place nor a generic
    word; else None. Written as the list writes it where a run of its first words gives
    exactly those words ("Xinjiang East Hope"), else folded."""
    tokens = analyze_name(text).tokens
    end = len(tokens)
    while end and token_class(tokens[end - 1]) == GENERIC:
        end -= 1
    kept = tokens[:end]
    if end == len(tokens) or len(kept) < 2:
        return None
    if all(token_class(t) in (GENERIC, PLACE) for t in kept):
        return None
    words = text.split()
    for n in range(len(kept), len(words) + 1):
        head = " ".join(words[:n]).rstrip(" ,;")
        if analyze_name(head).tokens == kept:
            return head
    return " ".join(kept)


def entity_key(text: str) -> str:
    """How an entity name is compared with the alias dataset's: folded core, scope and
    short forms dropped ("Hoshine Silicon Industry Co. Ltd. and its subsidiaries")."""
    names = _split_cell(text, "entity", _phrases())
    first = names[0].text if names else text
    return analyze_name(first).core


def aliases_by_entity(aliases: Any) -> dict[str, list[tuple[str, str]]]:
    """Alias records (``entity``, ``alias``, ``kind`` attributes) by :func:`entity_key`."""
    out: dict[str, list[tuple[str, str]]] = {}
    for a in aliases or ():
        out.setdefault(entity_key(a.entity), []).append((a.alias, a.kind))
    return out


def entry_names(
    entry: Any, aliases: dict[str, list[tuple[str, str]]] | None = None
) -> list[EntryName]:
    """Every name under which ``entry`` (a ``ListEntry``) can be found, deduplicated.

    The entity cell may hold several firms ("Top Glove Sdn. Bhd.; TG Medical
    Sdn. Bhd."), scope phrases ("and its wholly owned subsidiaries"), short
    forms ("(XPCC)") and notes; the aliases are split the same way. Entries
    that name a whole country or region rather than a party
    ("Turkmenistan cotton (country-wide)") give no names: they are evidence
    for the REGION and GOODS rules, not for name screening. ``aliases`` (from
    :func:`aliases_by_entity`) add the alias dataset's names of any firm the
    entry names (Chinese names, former names, acronyms).
    """
    phrases = _phrases()
    entity = str(getattr(entry, "entity", "") or "")
    if any(p.search(entity) for p in phrases.non_party):
        return []
    cell_aliases = getattr(entry, "aliases", ()) or ()
    if isinstance(cell_aliases, str):
        cell_aliases = (cell_aliases,)
    names = _split_cell(entity, "entity", phrases)
    for alias in cell_aliases:
        names.extend(_split_cell(str(alias), "alias", phrases))
    if aliases:
        keys = {analyze_name(n.text).core for n in names if n.kind != "short_form"}
        keys.add(entity_key(entity))
        for key in sorted(keys):
            for text, kind in aliases.get(key, ()):
                short = kind in SHORT_ALIAS_KINDS
                names.append(EntryName(text, "short_form" if short else "alias", kind))
    # names in Chinese characters bridged to Latin letters (pinyin and trade words:
    # 合盛硅业 -> "hesheng silicon industry", "he sheng silicon industry"; or all in
    # pinyin, as a bidder writes the Chinese name: "hesheng guiye", "he sheng gui ye"):
    # short forms, so a match through them stays "possible"
    for name in [n for n in names if not n.text.isascii()]:
        for translate in (True, False):
            for spaced in (False, True):
                latin = hanzi_to_latin(name.text, spaced=spaced, translate=translate)
                if latin:
                    names.append(EntryName(latin, "short_form", "pinyin"))
    # the firm's name without its trailing trade words ("Xinjiang East Hope" of "Xinjiang
    # East Hope Nonferrous Metals", "Zhuhai Pantum" of "Zhuhai Pantum Electronics"): how
    # firms are called, and what is left when a bidder writes another trade word
    for name in [n for n in names if n.kind != "short_form" and n.text.isascii()]:
        head = trade_words_off(name.text)
        if head:
            names.append(EntryName(head, "short_form", TRADE_WORDS_OFF))
    seen: dict[str, EntryName] = {}
    rank = {"entity": 0, "alias": 1, "short_form": 2}
    for name in names:
        key = analyze_name(name.text).core
        if key and (key not in seen or rank[name.kind] < rank[seen[key].kind]):
            seen[key] = name
    return list(seen.values())


def unmatched_aliases(aliases: Iterable[Any], entries: Sequence[Any]) -> list[Any]:
    """Alias records whose entity is the entity of none of ``entries`` (so they are unused)."""
    keys: set[str] = set()
    for e in entries:
        keys.add(entity_key(str(e.entity)))
        keys.update(entity_key(n.text) for n in entry_names(e) if n.kind != "short_form")
    return [a for a in aliases if entity_key(a.entity) not in keys]


__all__ = [
    "SHORT_ALIAS_KINDS",
    "EntryName",
    "aliases_by_entity",
    "covers_subsidiaries",
    "entity_key",
    "entry_names",
    "unmatched_aliases",
]
