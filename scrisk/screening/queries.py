"""The declared side of screening: the queries of a block of declared names.

Each declared name is a query, and so is each other name it holds ("...,
formerly ...", "a/k/a": ``parts.py``) and each other spelling worth trying
("S u p e r m a x", 八一钢铁 bridged to pinyin: ``variants.py``). A query keeps
the declared name it comes from, its kind of spelling, its country as the list
side's small integer, and its analysed core in the arrays the scorers gather
from per pair.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from scrisk.screening.normalize import NameParts, analyze_name
from scrisk.screening.parts import declared_parts
from scrisk.screening.unicode_fold import fold_unicode
from scrisk.screening.variants import ACROSS, declared_variants


@dataclass(frozen=True, slots=True)
class Queries:
    """The queries of one block: declared names and the other names they hold."""

    parts: list[NameParts]
    origin: list[int]  # index of the declared name each query comes from
    texts: list[str]
    names: list[str]
    folded: dict[int, tuple[str, ...]]  # declared name -> kinds of characters folded
    cores: np.ndarray  # the cores, as an object array (gathered per pair)
    compacts: np.ndarray  # the cores without spaces
    ntok: np.ndarray  # words of each core
    code: np.ndarray  # country code of each query (0 unknown, -1 on no list)
    variant: list[str]  # kind of other spelling each query is ("" the name as written)
    across: np.ndarray  # the query bridges scripts (pinyin, Cyrillic)
    pinyin: np.ndarray  # the query is pinyin (never compared with pinyin list names)


def block_queries(
    names: list[str], countries: Sequence[str | None], country_code: dict[str, int]
) -> Queries:
    """The queries of ``names`` (declared in ``countries``, ISO alpha-2 or None);
    ``country_code``: the list side's code of each country (``ListedNames``)."""
    origin: list[int] = []
    texts: list[str] = []
    kinds: dict[int, str] = {}  # query -> the kind of other spelling it is
    for i, name in enumerate(names):
        held = declared_parts(name)
        if len(held) == 1:  # most names
            origin.append(i)
            texts.append(held[0])
        else:
            origin.extend([i] * len(held))
            texts.extend(held)
        for text, kind in declared_variants(name):  # "S u p e r m a x", 八一钢铁 ...
            kinds[len(texts)] = kind
            origin.append(i)
            texts.append(text)
    parts = [analyze_name(t) for t in texts]
    # country codes of the queries (0 unknown, -1 a country no list entry has)
    name_codes = np.array(
        [country_code.get(str(c).upper(), -1) if c else 0 for c in countries], dtype=np.int64
    )
    variant = [""] * len(texts)
    across = np.zeros(len(texts), dtype=bool)
    pinyin = np.zeros(len(texts), dtype=bool)
    for q, kind in kinds.items():
        variant[q] = kind
        across[q] = kind in ACROSS
        pinyin[q] = kind == "pinyin"
    cores = [p.core for p in parts]
    return Queries(
        parts,
        origin,
        texts,
        names,
        {i: fold_unicode(n)[1] for i, n in enumerate(names) if not n.isascii()},
        np.array(cores, dtype=object),
        np.array([c.replace(" ", "") for c in cores], dtype=object),
        np.array([len(p.tokens) for p in parts], dtype=np.int64),
        name_codes[np.array(origin, dtype=np.int64)],
        variant,
        across,
        pinyin,
    )


__all__ = ["Queries", "block_queries"]
