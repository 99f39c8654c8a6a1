"""The list side of screening: every name a list entry is found under, analysed once.

An entry is found under its entity cell's firms, its aliases, the alias
dataset's names of the same firms, their pinyin bridges and short forms
(``entries.py``). Each such name is taken apart once (``normalize.py``) and
kept in the arrays the candidate stage and the scorers gather from per pair:
cores, words and their weights, word counts, countries as small integers,
whether the name is a pinyin bridge, whether its entry covers subsidiaries,
and the words a name without its trade words needs. The candidate index
(``index.py``) and the pair rules (``scoring.py``) are built over them here.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from scrisk.screening.blocking import min_coverage
from scrisk.screening.entries import aliases_by_entity, covers_subsidiaries, entry_names
from scrisk.screening.index import NameIndex
from scrisk.screening.normalize import NameParts, analyze_name
from scrisk.screening.scoring import PairRules
from scrisk.screening.word_classes import token_class


class ListedNames:
    """The names ``entries`` are found under (``aliases``: records with ``entity``,
    ``alias``, ``kind``), analysed for the settings ``pol`` (the [screening] table as a
    plain dict); name ``c`` belongs to entry ``entry[c]``."""

    def __init__(self, entries: Sequence[Any], aliases: Sequence[Any], pol: dict[str, Any]) -> None:
        self.class_weight = {k: float(v) for k, v in pol["token_weights"].items()}
        self.entry: list[int] = []
        self.name: list[str] = []
        self.kind: list[str] = []
        self.alias_kind: list[str] = []
        parts: list[NameParts] = []
        extra = aliases_by_entity(aliases)
        for i, entry in enumerate(entries):
            for name in entry_names(entry, extra):
                self.entry.append(i)
                self.name.append(name.text)
                self.kind.append(name.kind)
                self.alias_kind.append(name.alias_kind)
                parts.append(analyze_name(name.text))
        self.core = [p.core for p in parts]
        self.tokens = [p.tokens for p in parts]
        self.weights = [np.array([self.weight(t) for t in p.tokens], dtype=float) for p in parts]
        self.core_array = np.array(self.core, dtype=object)
        self.compact_array = np.array([c.replace(" ", "") for c in self.core], dtype=object)
        self.ntok = np.array([len(p.tokens) for p in parts], dtype=np.int64)
        countries = [str(getattr(entries[e], "country", None) or "").upper() for e in self.entry]
        # countries as small integers (0: unknown) for the array comparisons
        self.country_code: dict[str, int] = {"": 0}
        self.code = np.array(
            [self.country_code.setdefault(c, len(self.country_code)) for c in countries],
            dtype=np.int64,
        )
        # names bridged from Chinese characters: their matches need the bridge score
        self.pinyin = np.array([k == "pinyin" for k in self.alias_kind], dtype=bool)
        covers = [covers_subsidiaries(e) for e in entries]
        self.covers = np.array(
            [
                covers[e] and k in ("entity", "alias")
                for e, k in zip(self.entry, self.kind, strict=True)
            ],
            dtype=bool,
        )
        self.rules = PairRules(
            pol, self.tokens, self.weights, self.covers, self.kind, self.alias_kind
        )
        self.index = NameIndex(
            self.tokens,
            self.weight,
            min_coverage=min_coverage(pol),
            share=float(pol["listed_share"]),
            similar=self.rules.similar,
            cutoff=min(float(pol["token_cutoff"]), float(pol["short_word_cutoff"])),
            glue_cutoff=float(pol["compact_cutoff"]),
            always=self.covers.tolist(),
            distinctive=self.class_weight["distinctive"],
        )
        # words a declared name must hold, as written, for any match to a name (a name
        # without its trade words: ``PairRules.required_words``)
        self.required = [self.rules.required_words(c) for c in range(len(parts))]
        self.requires = np.array([bool(r) for r in self.required], dtype=bool)

    def __len__(self) -> int:
        return len(self.name)

    def weight(self, token: str) -> float:
        """Evidence weight of a listed word, by its class."""
        return self.class_weight[token_class(token)]


__all__ = ["ListedNames"]
