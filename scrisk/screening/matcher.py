"""Fuzzy matching of declared party names against enforcement-list names.

Each declared name is first taken apart (``parts.py``: "..., formerly ...",
"a/k/a", tickers) and folded (``unicode_fold.py``: look-alike letters,
invisible characters); each part is a query. Then:

1. **Candidates** (``index.py``, ``blocking.py``). Only list names that can
   reach ``possible`` are scored: a name is found through its heaviest words,
   only if enough of its word weight can be found in the query, and only if
   the coverage it can reach at most makes the floor; a whole block of
   queries at once, with array operations. The cost follows the candidates,
   not the length of the lists; the results are those of scoring every list
   name (``Screener(blocking=False)``, tested).
2. **Scores** (``fuzzy.py``). The rapidfuzz scorers of ``policy.toml
   [screening]``, vectorised over the pairs, cheapest first, each pair
   dropped as soon as it cannot reach ``possible``.
3. **Features and class** (``scoring.py``): distinctive-word coverage,
   country, one score; the class follows from the thresholds, with caps
   (short forms and acronyms ``possible`` at most; generic words alone) and
   a floor (an entry that covers its subsidiaries). Per declared name, the
   best match of each entry is kept.

The score is never only a token-set ratio: that ratio is 100 for any subset
("Glove Manufacturing" vs "Supermax Glove Manufacturing"), so shared generic
words are weighed down by their class (``name_words.json``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np

from scrisk.policy import PolicySource, load_policy
from scrisk.screening.blocking import Pairs, candidate_pairs, country_floors, min_coverage
from scrisk.screening.entries import aliases_by_entity, covers_subsidiaries, entry_names
from scrisk.screening.fuzzy import scorer_weights, staged_scores
from scrisk.screening.index import NameIndex
from scrisk.screening.match import Match, collector_paused, iso2
from scrisk.screening.normalize import (
    NameParts,
    analyze_name,
)
from scrisk.screening.parallel import match_parallel, worker_count
from scrisk.screening.parts import declared_parts
from scrisk.screening.scoring import PairRules
from scrisk.screening.unicode_fold import fold_unicode
from scrisk.screening.variants import (
    ACROSS,
    BRIDGE_MIN_SCORE,
    CAPPED,
    bridged,
    declared_variants,
)
from scrisk.screening.word_classes import token_class

CLASSES = ("strong", "possible")
# candidate pairs scored at once: bounds memory whatever the lists and names
MAX_PAIRS = 500_000
# equal scores: an entry in force first, then unknown status, then lifted ones
_ACTIVE_RANK = {True: 0, None: 1, False: 2}
_CLASS_RANK = {"strong": 0, "possible": 1}


@dataclass(frozen=True, slots=True)
class _Queries:
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


class Screener:
    """Screens names against list entries; build once, match many times.

    ``entries`` default to ``scrisk.reference.get_reference().list_entries()``;
    ``policy`` is a policy mapping or file (``scrisk.policy.load_policy``).
    ``aliases`` (records with ``entity``, ``alias``, ``kind``) add names to the
    entries whose entity name they carry; by default the shipped alias dataset
    (``scrisk.reference.aliases``). ``blocking=False`` scores every list name
    for every declared name (the reference the candidate index is tested against).
    """

    def __init__(
        self,
        entries: Sequence[Any] | None = None,
        policy: PolicySource = None,
        *,
        aliases: Sequence[Any] | None = None,
        blocking: bool = True,
    ) -> None:
        if entries is None:
            from scrisk.reference import get_reference

            entries = get_reference().list_entries()
        if aliases is None:
            from scrisk.reference import get_reference

            aliases = get_reference().entity_aliases()
        self.policy = load_policy(policy).screening  # typed and checked once
        # a plain dict of the settings, read per pair by the scorers
        self._pol: dict[str, Any] = self.policy.to_dict()
        self.entries: tuple[Any, ...] = tuple(entries)
        self.blocking = blocking
        pol = self._pol
        weights = pol["token_weights"]
        self._class_weight = {k: float(v) for k, v in weights.items()}
        self._scorer_weights = scorer_weights(pol)

        self._choice_entry: list[int] = []
        self._choice_name: list[str] = []
        self._choice_kind: list[str] = []
        self._choice_alias_kind: list[str] = []
        choice_parts: list[NameParts] = []
        extra = aliases_by_entity(aliases)
        for i, entry in enumerate(self.entries):
            for name in entry_names(entry, extra):
                self._choice_entry.append(i)
                self._choice_name.append(name.text)
                self._choice_kind.append(name.kind)
                self._choice_alias_kind.append(name.alias_kind)
                choice_parts.append(analyze_name(name.text))
        self._choice_core = [p.core for p in choice_parts]
        self._choice_compact = [p.core.replace(" ", "") for p in choice_parts]
        self._choice_tokens = [p.tokens for p in choice_parts]
        self._choice_weights = [
            np.array([self._weight(t) for t in p.tokens], dtype=float) for p in choice_parts
        ]
        self._core_array = np.array(self._choice_core, dtype=object)
        self._compact_array = np.array(self._choice_compact, dtype=object)
        self._choice_ntok = np.array([len(p.tokens) for p in choice_parts], dtype=np.int64)
        self._choice_country = np.array(
            [
                str(getattr(self.entries[e], "country", None) or "").upper()
                for e in self._choice_entry
            ],
            dtype=object,
        )
        # countries as small integers (0: unknown) for the array comparisons
        self._country_code: dict[str, int] = {"": 0}
        self._choice_code = np.array(
            [
                self._country_code.setdefault(c, len(self._country_code))
                for c in self._choice_country
            ],
            dtype=np.int64,
        )
        # list names bridged from Chinese characters: their matches need the bridge score
        self._choice_pinyin = np.array([k == "pinyin" for k in self._choice_alias_kind], dtype=bool)
        covers = [covers_subsidiaries(e) for e in self.entries]
        self._choice_covers = np.array(
            [
                covers[e] and k in ("entity", "alias")
                for e, k in zip(self._choice_entry, self._choice_kind, strict=True)
            ],
            dtype=bool,
        )
        self._rules = PairRules(
            pol,
            self._choice_tokens,
            self._choice_weights,
            self._choice_covers,
            self._choice_kind,
            self._choice_alias_kind,
        )
        self._index = NameIndex(
            self._choice_tokens,
            self._weight,
            min_coverage=min_coverage(self._pol),
            share=float(pol["listed_share"]),
            similar=self._rules.similar,
            cutoff=min(float(pol["token_cutoff"]), float(pol["short_word_cutoff"])),
            glue_cutoff=float(pol["compact_cutoff"]),
            always=self._choice_covers.tolist(),
            distinctive=self._class_weight["distinctive"],
        )
        # words a declared name must hold, as written, for any match to a list name (a
        # name without its trade words: ``PairRules.required_words``)
        self._choice_required = [self._rules.required_words(c) for c in range(len(choice_parts))]
        self._choice_requires = np.array([bool(r) for r in self._choice_required], dtype=bool)

    def _weight(self, token: str) -> float:
        return self._class_weight[token_class(token)]

    @property
    def names(self) -> list[tuple[str, str, str]]:
        """(entry id, list name text, kind) of every name screened against."""
        return [
            (str(self.entries[e].id), n, k)
            for e, n, k in zip(
                self._choice_entry, self._choice_name, self._choice_kind, strict=True
            )
        ]

    # ------------------------------------------------------------------ matching

    def match(
        self,
        names: Sequence[str],
        countries: Sequence[str | None] | None = None,
        as_of: date | None = None,
        *,
        workers: int = 1,
    ) -> list[list[Match]]:
        """One list of matches per name (strong/possible only, one per entry), best first:
        strong before possible, then by score, then entries in force first.

        ``countries`` are ISO alpha-2 codes (or None), aligned with ``names``.
        ``as_of`` sets ``Match.active`` through ``ListEntry.active_on``; today if None.
        ``workers``: processes for a large batch (-1: every core; ``parallel.py``),
        the same results as one.
        """
        as_of = as_of or date.today()
        if countries is None:
            countries = [None] * len(names)
        if len(countries) != len(names):
            raise ValueError(f"countries has {len(countries)} items for {len(names)} names")
        countries = iso2(countries)
        processes = worker_count(workers, len(names))
        if processes > 1:
            rows = match_parallel(self, names, countries, as_of, processes)
            return [[Match(self.entries[r[0]], *r[1:]) for r in row] for row in rows]
        results: list[list[Match]] = []
        chunk = max(1, int(self._pol["chunk_size"]))
        limit = int(self._pol["max_name_length"])
        with collector_paused():
            for start in range(0, len(names), chunk):
                block = [
                    str(n)[:limit] if n is not None else "" for n in names[start : start + chunk]
                ]
                results.extend(self._match_block(block, countries[start : start + chunk], as_of))
        return results

    def _candidates(
        self, parts: list[NameParts], codes: np.ndarray, across: np.ndarray, pinyin: np.ndarray
    ) -> Pairs:
        if self.blocking:
            floor = country_floors(self._pol, self._index.min_coverage, self._choice_code, codes)
            bridge = country_floors(self._pol, 0.0, self._choice_code, codes, BRIDGE_MIN_SCORE)
            listed_pinyin = self._choice_pinyin

            def floors(q: np.ndarray, c: np.ndarray) -> np.ndarray:
                # a bridge across scripts needs the bridge score; pinyin on both sides none
                out: np.ndarray = np.where(across[q] | listed_pinyin[c], bridge(q, c), floor(q, c))
                out[pinyin[q] & listed_pinyin[c]] = np.inf
                return out

            return candidate_pairs(
                self._index, [p.tokens for p in parts], self._rules.declared_weights, floors
            )
        n = len(self._choice_core)
        q = np.repeat(np.arange(len(parts), dtype=np.int64), n)
        c = np.tile(np.arange(n, dtype=np.int64), len(parts))
        # every list name, no bound
        return Pairs(q, c, np.ones(len(q)), self._choice_covers[c])

    def _match_block(
        self, names: list[str], countries: Sequence[str | None], as_of: date
    ) -> list[list[Match]]:
        out: list[list[Match]] = [[] for _ in names]
        if not self._choice_core or not names:
            return out
        # each declared name, and each other name it holds ("(formerly ...)"), is a query
        origin: list[int] = []
        texts: list[str] = []
        variant: list[str] = []
        for i, name in enumerate(names):
            for text in declared_parts(name):
                origin.append(i)
                texts.append(text)
                variant.append("")
            for text, kind in declared_variants(name):  # "S u p e r m a x", 八一钢铁 ...
                origin.append(i)
                texts.append(text)
                variant.append(kind)
        parts = [analyze_name(t) for t in texts]
        q_country = [str(countries[o]).upper() if countries[o] else "" for o in origin]
        # country codes of the queries (0 unknown, -1 a country no list entry has)
        codes = np.array([self._country_code.get(c, -1) if c else 0 for c in q_country])
        across = np.array([k in ACROSS for k in variant], dtype=bool)
        pinyin = np.array([k == "pinyin" for k in variant], dtype=bool)
        pairs = self._candidates(parts, codes, across, pinyin)
        if not len(pairs):
            return out
        best: dict[int, dict[int, Match]] = {}
        folded = {i: fold_unicode(n)[1] for i, n in enumerate(names) if not n.isascii()}
        cores = [p.core for p in parts]
        queries = _Queries(
            parts,
            origin,
            texts,
            names,
            folded,
            np.array(cores, dtype=object),
            np.array([c.replace(" ", "") for c in cores], dtype=object),
            np.array([len(p.tokens) for p in parts], dtype=np.int64),
            codes,
            variant,
            across,
            pinyin,
        )
        # pairs are scored in batches of at most MAX_PAIRS (bounded memory), in query order
        for start in range(0, len(pairs), MAX_PAIRS):
            part = slice(start, start + MAX_PAIRS)
            self._score_pairs(
                pairs.q[part],
                pairs.c[part],
                pairs.coverage[part],
                pairs.floored[part],
                queries,
                as_of,
                best,
            )
        for i, by_entry in best.items():
            out[i] = sorted(
                by_entry.values(),
                key=lambda m: (
                    _CLASS_RANK[m.cls],
                    -m.score,
                    _ACTIVE_RANK[m.active],
                    str(m.entry.id),
                ),
            )
        return out

    def _score_pairs(
        self,
        qi: np.ndarray,
        ci: np.ndarray,
        bound: np.ndarray,
        floored: np.ndarray,
        queries: _Queries,
        as_of: date,
        best: dict[int, dict[int, Match]],
    ) -> None:
        """Score candidate pairs (query ``qi[j]``, list name ``ci[j]``, coverage at most
        ``bound[j]``, ``floored[j]``: may get the subsidiary floor) into ``best``."""
        pol = self._pol
        parts, origin, texts, names = queries.parts, queries.origin, queries.texts, queries.names
        folded = queries.folded
        # a bridge across scripts counts from the bridge score on (``variants.bridged``),
        # pinyin against pinyin never: such pairs need that score, and get no floor
        listed_pinyin = self._choice_pinyin[ci]
        ok = ~(queries.pinyin[qi] & listed_pinyin)
        # a list name without its trade words: its words written as listed, apart or glued
        # (the declared name's compact form holds each), else ``PairRules`` drops the pair
        for j in np.flatnonzero(self._choice_requires[ci]).tolist():
            compact = queries.compacts[qi[j]]
            ok[j] = ok[j] and all(w in compact for w in self._choice_required[ci[j]])
        qi, ci, bound, floored, listed_pinyin = (
            x[ok] for x in (qi, ci, bound, floored, listed_pinyin)
        )
        across = queries.across[qi] | listed_pinyin
        possible = float(pol["possible_threshold"])
        least = np.where(across, max(possible, BRIDGE_MIN_SCORE), possible)
        floored = floored & ~across
        # the country of both names, known or not: a bonus, a penalty or nothing
        qc, cc = queries.code[qi], self._choice_code[ci]
        country = np.where((qc != 0) & (cc != 0), np.where(qc == cc, 1.0, -1.0), 0.0)
        adjust = np.where(
            country > 0,
            float(pol["country_same_bonus"]),
            np.where(country < 0, -float(pol["country_different_penalty"]), 0.0),
        )
        # the least fuzzy score each pair needs for "possible" with the coverage it can
        # reach (less a margin for the rounding of features and score)
        k = float(pol["coverage_weight"])
        factor = 1 - k + k * np.minimum(bound, 1.0)
        short = least - 0.2 - adjust
        need = np.divide(short, factor, out=np.where(short > 0, np.inf, 0.0), where=factor > 0)
        if not self.blocking:  # the reference: every scorer on every pair
            need = np.full(len(need), -np.inf)
        # the rapidfuzz scorers, vectorised over the pairs, cheapest first
        fz = staged_scores(
            queries.cores[qi],
            self._core_array[ci],
            queries.compacts[qi],
            self._compact_array[ci],
            queries.ntok[qi] != self._choice_ntok[ci],
            need,
            floored,
            self._scorer_weights,
            float(pol["compact_cutoff"]),
        )
        qi, ci, country, adjust, factor, floored, least = (
            x[fz.keep] for x in (qi, ci, country, adjust, factor, floored, least)
        )
        scores, comp_pairs, fuzzy, fuzzy_glued = fz.scores, fz.compact, fz.fuzzy, fz.fuzzy_glued
        # only pairs that can still reach "possible", and pairs with an entry that
        # covers subsidiaries (a floor on distinctive words)
        reach = fuzzy_glued * factor + adjust >= least - 0.2
        covers = np.nonzero(~reach & floored)[0]
        if len(covers):
            reach[covers] = [
                self._rules.has_distinctive(parts[int(qi[j])].tokens, int(ci[j])) for j in covers
            ]
        keep = np.nonzero(reach)[0]
        for j in keep.tolist():
            q, c = int(qi[j]), int(ci[j])
            features = {k: round(float(v[j]), 1) for k, v in scores.items()}
            features["compact"] = round(float(comp_pairs[j]), 1)
            glued_hit = self._rules.coverage(parts[q].tokens, c, features)
            features["fuzzy"] = round(float(fuzzy_glued[j] if glued_hit else fuzzy[j]), 1)
            features["country"] = float(country[j])
            score, cls = self._rules.decide(features, float(adjust[j]), c)
            if cls is None:
                continue
            i = origin[q]
            kind = queries.variant[q]
            if bridged(kind, self._choice_alias_kind[c], score):
                continue
            if kind:
                features[f"variant_{kind}"] = 1.0
                capped = kind in CAPPED and not (kind == "unit" and self._choice_covers[c])
                cls = "possible" if capped else cls
            elif texts[q] != names[i]:
                features["name_part"] = 1.0
            for kind in folded.get(i, ()):
                features["folded"] = 1.0
                features[f"folded_{kind}"] = 1.0
            entry_index = self._choice_entry[c]
            prior = best.setdefault(i, {}).get(entry_index)
            # per entry keep the best name: strong before possible, then the higher score
            if prior is None or (_CLASS_RANK[cls], -score) < (_CLASS_RANK[prior.cls], -prior.score):
                entry = self.entries[entry_index]
                active_on = getattr(entry, "active_on", None)
                active = active_on(as_of) if callable(active_on) else None
                match = Match(entry, self._choice_name[c], score, features, cls, active)
                best[i][entry_index] = match


@lru_cache(maxsize=1)
def default_screener() -> Screener:
    """The screener over the shipped reference lists with the default policy (built once;
    built again after the shared Reference is reset by a data update)."""
    from scrisk.reference.loader import on_reset

    on_reset(default_screener.cache_clear)
    return Screener()


__all__ = ["CLASSES", "Match", "Screener", "default_screener"]
