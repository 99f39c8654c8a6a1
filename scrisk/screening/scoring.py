"""The rules that turn a scored pair into features, a score and a class.

Per candidate pair (a declared name, a list name) kept by ``fuzzy.py``:
distinctive-word coverage from word similarities (``coverage``; words written
glued on one side and apart on the other count), then the score and its
class with the policy's caps and floors (``decide``): generic-only names,
strong needing every listed word, subsidiaries of entries that cover them,
short forms and acronyms.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
from rapidfuzz import fuzz

from scrisk.screening.entries import TRADE_WORDS_OFF
from scrisk.screening.index import glue_pairs
from scrisk.screening.normalize import MAX_CACHED_WORDS
from scrisk.screening.word_classes import declared_token_classes, token_class
from scrisk.screening.words import GENERIC, PLACE


class PairRules:
    """Word similarity, coverage and class decisions over the screener's list names."""

    def __init__(
        self,
        pol: dict[str, Any],
        tokens: Sequence[tuple[str, ...]],
        weights: Sequence[np.ndarray],
        covers: np.ndarray,
        kinds: Sequence[str],
        alias_kinds: Sequence[str],
    ) -> None:
        self._pol = pol
        self._class_weight = {k: float(v) for k, v in pol["token_weights"].items()}
        self._short_len = int(pol["short_word_max_length"])
        self._short_cutoff = float(pol["short_word_cutoff"])
        self._cutoff = float(pol["token_cutoff"])
        self._choice_tokens = tokens
        self._choice_weights = weights
        self._choice_covers = covers
        self._choice_kind = kinds
        self._choice_alias_kind = alias_kinds
        self._sims: dict[tuple[str, str], float] = {}
        self._dw: dict[str, float] = {}

    def declared_weight(self, token: str) -> float:
        """Evidence weight of a declared word (its class, a typo of a long known word
        allowed); a dict in front of the class cache: this is called per word and pair."""
        w = self._dw.get(token)
        return w if w is not None else self.declared_weights((token,))[0]

    def declared_weights(self, tokens: Sequence[str]) -> list[float]:
        """``declared_weight`` of each token, the new ones classed in one batch."""
        dw = self._dw
        if len(dw) >= MAX_CACHED_WORDS:  # emptied first: what ``tokens`` need stays
            dw.clear()
        new = [t for t in tokens if t not in dw]
        if new:
            weight = self._class_weight
            for t, cls in zip(new, declared_token_classes(new), strict=True):
                dw[t] = weight[cls]
        return [dw[t] for t in tokens]

    def similar(self, a: str, b: str) -> float:
        """Similarity 0-1 of two words; 0 below the cutoff. Short words (<= 4 letters,
        Chinese character pairs) need ``short_word_cutoff``: "olin" is not "haolin"."""
        if a == b:
            return 1.0
        key = (a, b)
        sim = self._sims.get(key)
        if sim is None:
            short = min(len(a), len(b)) <= self._short_len
            cutoff = self._short_cutoff if short else self._cutoff
            sim = fuzz.ratio(a, b, score_cutoff=cutoff) / 100.0
            if len(self._sims) >= MAX_CACHED_WORDS:
                self._sims.clear()
            self._sims[key] = sim
        return sim

    def has_distinctive(self, q_tokens: tuple[str, ...], c: int) -> bool:
        """Whether the declared words carry every distinctive word of list name ``c``."""
        floor = float(self._pol["subsidiary_word_cutoff"]) / 100
        distinctive = self._class_weight["distinctive"]
        words = [
            v
            for v, w in zip(self._choice_tokens[c], self._choice_weights[c], strict=True)
            if w >= distinctive
        ]
        return bool(words) and all(
            any(self.similar(t, v) >= floor for t in q_tokens) for v in words
        )

    def coverage(self, q_tokens: tuple[str, ...], c: int, features: dict[str, float]) -> bool:
        """Distinctive-word coverage of the pair (features listed/declared_coverage, coverage).

        Returns whether words written glued on one side and apart on the other counted.
        """
        toks = self._choice_tokens[c]
        listed_w = self._choice_weights[c]
        sim = self.similar
        # every word pair once: rows are declared words, columns listed ones
        grid = [[sim(t, v) for v in toks] for t in q_tokens]
        listed_hit = (
            [max(col, default=0.0) for col in zip(*grid, strict=True)]
            if grid
            else [0.0 for _ in toks]
        )
        q_hit = [max(row, default=0.0) for row in grid]
        glued = self._glued(q_tokens, toks, listed_hit, q_hit)
        q_w = np.array([self.declared_weight(t) for t in q_tokens])
        listed_total, declared_total = float(listed_w.sum()), float(q_w.sum())
        listed_cov = float((listed_w * listed_hit).sum()) / listed_total if listed_total else 0.0
        declared_cov = float((q_w * q_hit).sum()) / declared_total if declared_total else 0.0
        share = float(self._pol["listed_share"])
        features["listed_coverage"] = round(listed_cov, 3)
        features["declared_coverage"] = round(declared_cov, 3)
        features["coverage"] = round(share * listed_cov + (1 - share) * declared_cov, 3)
        distinctive = self._class_weight["distinctive"]
        min_w = float(self._pol["candidate_min_token_weight"])
        if max(listed_w, default=0.0) < distinctive or max(q_w, default=0.0) < min_w:
            features["generic_only"] = 1.0
        if self._choice_covers[c]:
            # every distinctive word of the listed name is in the declared name (and,
            # strict, another listed word when it has only one: "Hesheng Garment" is not
            # a subsidiary of "Hesheng Silicon Industry", "Heihe Hoshine Silicon" may be)
            dist = [h for h, w in zip(listed_hit, listed_w, strict=True) if w >= distinctive]
            floor = float(self._pol["subsidiary_word_cutoff"]) / 100
            if dist and all(h >= floor for h in dist):
                others = [h for h, w in zip(listed_hit, listed_w, strict=True) if w < distinctive]
                if len(dist) > 1 or not self._pol["subsidiary_floor_strict"] or any(others):
                    features["subsidiary"] = 1.0
        if glued:
            features["glued"] = 1.0
        missing = sum(
            1 for h, v in zip(listed_hit, toks, strict=True) if not h and token_class(v) != "place"
        )
        if missing:  # "Sime Darby Berhad" lacks the listed "Plantation"
            features["listed_words_missing"] = float(missing)
        if self._choice_alias_kind[c] == TRADE_WORDS_OFF and self._other_firm(
            q_tokens, toks, q_hit, listed_hit
        ):
            features["key_word_missing"] = 1.0
        if features.get("generic_only") and self._pol["generic_names_need_key_words"]:
            # a name of generic words is only its words: the listed name's distinctive
            # words must all be there, and its places unless the declared name has none
            # of its own ("Shaanxi Construction Engineering" is not "Kashgar ...")
            classes = [token_class(v) for v in toks]
            other_place = any(
                not h and token_class(t) == "place" for t, h in zip(q_tokens, q_hit, strict=True)
            )
            if any(
                not h and (cls == "distinctive" or (cls == "place" and other_place))
                for h, cls in zip(listed_hit, classes, strict=True)
            ):
                features["key_word_missing"] = 1.0
        return glued

    def required_words(self, c: int) -> tuple[str, ...]:
        """Words of list name ``c`` a declared name must hold for any match: every word
        but places of a name without its trade words (``_other_firm``), else none."""
        if self._choice_alias_kind[c] != TRADE_WORDS_OFF:
            return ()
        return tuple(v for v in self._choice_tokens[c] if token_class(v) != PLACE)

    @staticmethod
    def _other_firm(
        q_tokens: tuple[str, ...],
        l_tokens: tuple[str, ...],
        q_hit: list[float],
        listed_hit: list[float],
    ) -> bool:
        """Whether a declared name may be another firm than a listed name without its
        trade words ("Zhuhai Pantum" of "Zhuhai Pantum Electronics"): a word of that name
        not written as listed ("Weixing" for "Weixin"), or a declared word left over that
        is neither a trade word nor a place ("Xinjiang Tianshan Animal Husbandry" is not
        "Xinjiang Tianshan Wool Textile"). Only another trade word may differ."""
        if any(
            h < 1.0 and token_class(v) != PLACE for h, v in zip(listed_hit, l_tokens, strict=True)
        ):
            return True
        return any(
            not h and token_class(t) not in (GENERIC, PLACE)
            for h, t in zip(q_hit, q_tokens, strict=True)
        )

    def _glued(
        self,
        q_tokens: tuple[str, ...],
        l_tokens: tuple[str, ...],
        listed_hit: list[float],
        q_hit: list[float],
    ) -> bool:
        """Credit words written glued on one side and apart on the other ("TopGlove").

        Only words of three letters or more glue: a two-letter acronym ("FG")
        never meets a longer word ("FGV") through the names written without spaces.
        """
        cutoff = float(self._pol["compact_cutoff"])
        found = False
        for ones, one_hit, twos, two_hit in (
            (q_tokens, q_hit, l_tokens, listed_hit),
            (l_tokens, listed_hit, q_tokens, q_hit),
        ):
            for i, word in enumerate(ones):
                if one_hit[i] or len(word) < 6:
                    continue
                for glue, j, k in glue_pairs(twos):
                    if two_hit[j] or two_hit[k]:
                        continue
                    sim = fuzz.ratio(word, glue, score_cutoff=cutoff)
                    if sim:
                        one_hit[i] = two_hit[j] = two_hit[k] = sim / 100.0
                        found = True
                        break
        return found

    def decide(self, features: dict[str, float], adjust: float, c: int) -> tuple[float, str | None]:
        """Final score and class of one pair from its features (policy thresholds)."""
        pol = self._pol
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
        # they are the same words ("Xinjiang Energy" is not "Xinjiang New Energy"),
        # and possible only when nearly so ("Western Copper & Gold" is not "Western Gold").
        if cls is not None and features.get("key_word_missing"):
            cls = None
        if cls is not None and features.get("generic_only"):
            same = features["token_sort"]
            if features.get("glued"):  # "TopGlove": the same words, written together
                same = max(same, features["compact"])
            if same < float(pol["generic_name_min_token_sort_possible"]):
                cls = None
            elif cls == "strong" and same < float(pol["generic_name_min_token_sort"]):
                cls = "possible"
        # A strong match carries every word of the listed name but places and legal
        # forms: "Sime Darby Berhad", another firm of the group, is only a possible
        # match to "Sime Darby Plantation Berhad" (a reviewer looks).
        if cls == "strong" and features.get("listed_words_missing"):
            if pol["strong_needs_every_listed_word"]:
                cls = "possible"
        # An entry that covers subsidiaries: a name with all its distinctive words
        # ("Heihe Hoshine Silicon" for "Hoshine Silicon Industry") is at least possible.
        contradicted = features.get("country", 0.0) < 0 and self._pol["subsidiary_floor_strict"]
        if cls is None and features.get("subsidiary") and not contradicted:
            cls = "possible"
            score = float(pol["possible_threshold"])
        if self._choice_kind[c] == "short_form":
            features["short_form"] = 1.0
            if cls == "strong":
                cls = str(pol["short_form_max_class"])
        alias_kind = self._choice_alias_kind[c]
        if alias_kind and cls is not None:
            features[f"alias_{alias_kind}"] = 1.0
        return score, cls


__all__ = ["PairRules"]
