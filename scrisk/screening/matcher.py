"""Fuzzy matching of declared party names against enforcement-list names.

Two stages, so 100,000 names screen in seconds:

1. **Candidates, vectorised.** ``rapidfuzz.process.cdist`` (all cores,
   in blocks of ``chunk_size`` names so memory stays bounded) compares every
   declared name with every list name (token-sort ratio, and ratio of the
   names without spaces), and every distinct declared word with every list
   word (ratio, to absorb misspellings). A pair goes on if the whole names are
   close or they share a distinctive word.
2. **Scores, explained.** Each candidate pair gets the features of
   ``policy.toml [screening]`` (several rapidfuzz scorers, distinctive-word
   coverage, country) and one score; the class follows from the thresholds.

The score is never only a token-set ratio: that ratio is 100 for any subset
("Glove Manufacturing" vs "Supermax Glove Manufacturing"), so shared generic
words are weighed down by their class (``name_words.json``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
from rapidfuzz import fuzz, process

from scrisk.policy import load_policy
from scrisk.screening.normalize import (
    NameParts,
    analyze_name,
    declared_token_class,
    entry_names,
    token_class,
)
from scrisk.screening.settings import SCORERS, check_policy

CLASSES = ("strong", "possible")
# equal scores: an entry in force first, then unknown status, then lifted ones
_ACTIVE_RANK = {True: 0, None: 1, False: 2}
_CLASS_RANK = {"strong": 0, "possible": 1}


@dataclass(frozen=True, slots=True)
class Match:
    """One declared name matched to one list entry, with the features behind the score."""

    entry: Any  # scrisk.reference.ListEntry
    matched_name: str  # the list's own spelling of the name or alias that matched
    score: float  # 0-100
    features: dict[str, float] = field(compare=False)
    cls: str  # "strong" | "possible"
    active: bool | None  # entry in force on the as-of date (None: unknown)

    def explain(self) -> str:
        """One line a reviewer can read: why this is a match."""
        feats = ", ".join(f"{k}={v:g}" for k, v in sorted(self.features.items()))
        state = {True: "active", False: "inactive", None: "status unknown"}[self.active]
        return (
            f"{self.cls} match ({self.score:g}) to {self.entry.list_name} entry "
            f"{self.entry.id!r} via {self.matched_name!r}, {state}; {feats}"
        )


class Screener:
    """Screens names against list entries; build once, match many times.

    ``entries`` default to ``scrisk.reference.get_reference().list_entries()``;
    ``policy`` is a policy mapping or file (``scrisk.policy.load_policy``).
    """

    def __init__(
        self,
        entries: Sequence[Any] | None = None,
        policy: Mapping[str, Any] | str | Path | None = None,
    ) -> None:
        if entries is None:
            from scrisk.reference import get_reference

            entries = get_reference().list_entries()
        self.policy = load_policy(policy)["screening"]
        check_policy(self.policy)
        self.entries: tuple[Any, ...] = tuple(entries)
        pol = self.policy
        weights = pol["token_weights"]
        self._class_weight = {k: float(v) for k, v in weights.items()}
        total = sum(float(v) for v in pol["scorer_weights"].values())
        self._scorer_weights = {k: float(v) / total for k, v in pol["scorer_weights"].items()}

        self._choice_entry: list[int] = []
        self._choice_name: list[str] = []
        self._choice_kind: list[str] = []
        choice_parts: list[NameParts] = []
        for i, entry in enumerate(self.entries):
            for name in entry_names(entry):
                self._choice_entry.append(i)
                self._choice_name.append(name.text)
                self._choice_kind.append(name.kind)
                choice_parts.append(analyze_name(name.text))
        self._choice_core = [p.core for p in choice_parts]
        self._choice_compact = [p.core.replace(" ", "") for p in choice_parts]
        vocab: dict[str, int] = {}
        for p in choice_parts:
            for t in p.tokens:
                vocab.setdefault(t, len(vocab))
        self._vocab = list(vocab)
        self._vocab_weight = np.array([self._weight(t) for t in self._vocab], dtype=float)
        self._choice_tokens = [tuple(vocab[t] for t in p.tokens) for p in choice_parts]
        self._choice_ntok = np.array([len(p.tokens) for p in choice_parts], dtype=np.int64)
        self._choice_country = np.array(
            [
                str(getattr(self.entries[e], "country", None) or "").upper()
                for e in self._choice_entry
            ],
            dtype=object,
        )
        # inverted index: distinctive list word -> list names holding it
        min_w = float(pol["candidate_min_token_weight"])
        self._by_token: dict[int, set[int]] = {}
        for c, toks in enumerate(self._choice_tokens):
            for v in toks:
                if self._vocab_weight[v] >= min_w:
                    self._by_token.setdefault(v, set()).add(c)

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
    ) -> list[list[Match]]:
        """One list of matches per name (strong/possible only, one per entry), best first:
        strong before possible, then by score, then entries in force first.

        ``countries`` are ISO alpha-2 codes (or None), aligned with ``names``.
        ``as_of`` sets ``Match.active`` through ``ListEntry.active_on``; today if None.
        """
        as_of = as_of or date.today()
        if countries is None:
            countries = [None] * len(names)
        if len(countries) != len(names):
            raise ValueError(f"countries has {len(countries)} items for {len(names)} names")
        countries = _iso2(countries)
        results: list[list[Match]] = []
        chunk = max(1, int(self.policy["chunk_size"]))
        limit = int(self.policy["max_name_length"])
        for start in range(0, len(names), chunk):
            block = [str(n)[:limit] if n is not None else "" for n in names[start : start + chunk]]
            results.extend(self._match_block(block, countries[start : start + chunk], as_of))
        return results

    def _match_block(
        self, names: list[str], countries: Sequence[str | None], as_of: date
    ) -> list[list[Match]]:
        pol = self.policy
        if not self._choice_core or not names:
            return [[] for _ in names]
        parts = [analyze_name(n) for n in names]
        cores = [p.core for p in parts]
        compact = [c.replace(" ", "") for c in cores]
        cutoff = float(pol["token_cutoff"])
        # distinct declared words x list words
        words = sorted({t for p in parts for t in p.tokens})
        word_index = {w: i for i, w in enumerate(words)}
        sims = process.cdist(
            words, self._vocab, scorer=fuzz.ratio, score_cutoff=cutoff, workers=-1, dtype=np.uint8
        )
        rows, cols = np.nonzero(sims)
        word_matches: list[dict[int, float]] = [{} for _ in words]
        for r, c in zip(rows.tolist(), cols.tolist(), strict=True):
            word_matches[r][c] = sims[r, c] / 100.0
        del sims
        # whole names x list names
        sort = process.cdist(
            cores,
            self._choice_core,
            scorer=fuzz.token_sort_ratio,
            score_cutoff=float(pol["candidate_token_sort"]),
            workers=-1,
            dtype=np.uint8,
        )
        comp = process.cdist(
            compact,
            self._choice_compact,
            scorer=fuzz.ratio,
            score_cutoff=float(pol["candidate_compact"]),
            workers=-1,
            dtype=np.uint8,
        )
        cand_rows, cand_cols = np.nonzero((sort > 0) | (comp > 0))
        del sort, comp
        candidates: list[set[int]] = [set() for _ in names]
        for r, c in zip(cand_rows.tolist(), cand_cols.tolist(), strict=True):
            candidates[r].add(c)
        min_w = float(pol["candidate_min_token_weight"])
        for q, p in enumerate(parts):
            for t in p.tokens:
                for v in word_matches[word_index[t]]:
                    if self._vocab_weight[v] >= min_w:
                        candidates[q] |= self._by_token[v]
        qi = np.array([q for q, cs in enumerate(candidates) for _ in cs], dtype=np.int64)
        ci = np.array([c for cs in candidates for c in sorted(cs)], dtype=np.int64)
        out: list[list[Match]] = [[] for _ in names]
        if not len(qi):
            return out
        # stage 2a, vectorised over candidate pairs: the rapidfuzz scorers
        a = [cores[q] for q in qi.tolist()]
        b = [self._choice_core[c] for c in ci.tolist()]
        scores = {
            key: process.cpdist(a, b, scorer=scorer, workers=-1).astype(float)
            for key, scorer in SCORERS.items()
        }
        comp_pairs = process.cpdist(
            [compact[q] for q in qi.tolist()],
            [self._choice_compact[c] for c in ci.tolist()],
            scorer=fuzz.ratio,
            workers=-1,
        ).astype(float)
        fuzzy = sum(self._scorer_weights.get(k, 0.0) * v for k, v in scores.items())
        n_q = np.array([len(parts[q].tokens) for q in qi.tolist()])
        n_c = self._choice_ntok[ci]
        glued = (comp_pairs >= float(pol["compact_cutoff"])) & (n_q != n_c)
        fuzzy = np.where(glued, np.maximum(fuzzy, comp_pairs), fuzzy)  # "TopGlove"
        q_country = [str(c).upper() if c else "" for c in countries]
        qc = np.array([q_country[q] for q in qi.tolist()], dtype=object)
        cc = self._choice_country[ci]
        known = (qc != "") & (cc != "")
        country = np.where(known, np.where(qc == cc, 1.0, -1.0), 0.0)
        adjust = np.where(
            country > 0,
            float(pol["country_same_bonus"]),
            np.where(country < 0, -float(pol["country_different_penalty"]), 0.0),
        )
        # stage 2b, only pairs that could still reach "possible" (coverage <= 1)
        keep = np.nonzero(fuzzy + adjust >= float(pol["possible_threshold"]))[0]
        best: dict[int, dict[int, Match]] = {}
        for j in keep.tolist():
            q, c = int(qi[j]), int(ci[j])
            q_words = [
                (word_matches[word_index[t]], self._class_weight[declared_token_class(t)])
                for t in parts[q].tokens
            ]
            features = {k: round(float(v[j]), 1) for k, v in scores.items()}
            features["compact"] = round(float(comp_pairs[j]), 1)
            features["fuzzy"] = round(float(fuzzy[j]), 1)
            features["country"] = float(country[j])
            self._coverage(parts[q].tokens, q_words, c, features)
            score, cls = self._decide(features, float(adjust[j]), c)
            if cls is None:
                continue
            entry_index = self._choice_entry[c]
            prior = best.setdefault(q, {}).get(entry_index)
            # per entry keep the best name: strong before possible, then the higher score
            if prior is None or (_CLASS_RANK[cls], -score) < (_CLASS_RANK[prior.cls], -prior.score):
                entry = self.entries[entry_index]
                active_on = getattr(entry, "active_on", None)
                active = active_on(as_of) if callable(active_on) else None
                match = Match(entry, self._choice_name[c], score, features, cls, active)
                best[q][entry_index] = match
        for q, by_entry in best.items():
            out[q] = sorted(
                by_entry.values(),
                key=lambda m: (
                    _CLASS_RANK[m.cls],
                    -m.score,
                    _ACTIVE_RANK[m.active],
                    str(m.entry.id),
                ),
            )
        return out

    def _coverage(
        self,
        q_tokens: tuple[str, ...],
        q_words: list[tuple[dict[int, float], float]],
        c: int,
        features: dict[str, float],
    ) -> None:
        """Distinctive-word coverage of the pair (features listed/declared_coverage, coverage)."""
        toks = self._choice_tokens[c]
        listed_w = self._vocab_weight[list(toks)]
        # best similarity of each list word in the declared name, and vice versa
        listed_hit = [max((m.get(v, 0.0) for m, _ in q_words), default=0.0) for v in toks]
        tokset = set(toks)
        q_w = np.array([w for _, w in q_words])
        q_hit = [max((s for v, s in m.items() if v in tokset), default=0.0) for m, _ in q_words]
        self._glued(q_tokens, c, listed_hit, q_hit)
        listed_total, declared_total = float(listed_w.sum()), float(q_w.sum())
        listed_cov = float((listed_w * listed_hit).sum()) / listed_total if listed_total else 0.0
        declared_cov = float((q_w * q_hit).sum()) / declared_total if declared_total else 0.0
        share = float(self.policy["listed_share"])
        features["listed_coverage"] = round(listed_cov, 3)
        features["declared_coverage"] = round(declared_cov, 3)
        features["coverage"] = round(share * listed_cov + (1 - share) * declared_cov, 3)
        min_w = float(self.policy["candidate_min_token_weight"])
        if max(listed_w, default=0.0) < min_w or max(q_w, default=0.0) < min_w:
            features["generic_only"] = 1.0

    def _glued(
        self, q_tokens: tuple[str, ...], c: int, listed_hit: list[float], q_hit: list[float]
    ) -> None:
        """Credit words written glued on one side and apart on the other ("TopGlove")."""
        cutoff = float(self.policy["compact_cutoff"])
        l_tokens = [self._vocab[v] for v in self._choice_tokens[c]]
        for ones, one_hit, twos, two_hit in (
            (q_tokens, q_hit, l_tokens, listed_hit),
            (l_tokens, listed_hit, q_tokens, q_hit),
        ):
            for i, word in enumerate(ones):
                if one_hit[i] or len(word) < 4:
                    continue
                for j in range(len(twos) - 1):
                    if two_hit[j] or two_hit[j + 1]:
                        continue
                    sim = fuzz.ratio(word, twos[j] + twos[j + 1])
                    if sim >= cutoff:
                        one_hit[i] = two_hit[j] = two_hit[j + 1] = sim / 100.0
                        break

    def _decide(
        self, features: dict[str, float], adjust: float, c: int
    ) -> tuple[float, str | None]:
        """Final score and class of one pair from its features (policy thresholds)."""
        pol = self.policy
        k = float(pol["coverage_weight"])
        score = features["fuzzy"] * (1 - k + k * features["coverage"]) + adjust
        score = round(min(100.0, max(0.0, score)), 1)
        if score >= float(pol["strong_threshold"]):
            cls: str | None = "strong"
        elif score >= float(pol["possible_threshold"]):
            cls = "possible"
        else:
            cls = None
        # Names made only of generic words, on either side, are strong only when
        # they are the same words ("Xinjiang Energy" is not "Xinjiang New Energy").
        if cls == "strong" and features.get("generic_only"):
            if features["token_sort"] < float(pol["generic_name_min_token_sort"]):
                cls = "possible"
        if self._choice_kind[c] == "short_form":
            features["short_form"] = 1.0
            if cls == "strong":
                cls = str(pol["short_form_max_class"])
        return score, cls


def _iso2(countries: Sequence[str | None]) -> list[str | None]:
    """Countries as ISO alpha-2: codes pass through, names are resolved (None if unknown)."""
    from scrisk.countries import resolve_country

    cache: dict[str, str | None] = {}
    out: list[str | None] = []
    for c in countries:
        if not c:
            out.append(None)
            continue
        text = str(c).strip()
        if text not in cache:
            cache[text] = (
                text.upper() if len(text) == 2 and text.isalpha() else resolve_country(text)
            )
        out.append(cache[text])
    return out


@lru_cache(maxsize=1)
def default_screener() -> Screener:
    """The screener over the shipped reference lists with the default policy (built once;
    built again after the shared Reference is reset by a data update)."""
    from scrisk.reference.loader import on_reset

    on_reset(default_screener.cache_clear)
    return Screener()


__all__ = ["CLASSES", "Match", "Screener", "default_screener"]
