"""Fuzzy matching of declared party names against enforcement-list names.

A ``Screener`` is built once over the list entries (``listed.py``: every name
an entry is found under, analysed, with the candidate index and the pair
rules) and screens names a block at a time:

1. **Queries** (``queries.py``): each declared name is taken apart
   (``parts.py``: "..., formerly ...", "a/k/a", tickers), folded
   (``unicode_fold.py``: look-alike letters, invisible characters) and spelt
   the other ways worth trying (``variants.py``); each is a query.
2. **Candidates and scores** (``pairs.py``): only list names that can reach
   ``possible`` are scored (``index.py``, ``blocking.py``: the cost follows
   the candidates, not the length of the lists; the results are those of
   scoring every list name, ``Screener(blocking=False)``, tested); the
   rapidfuzz scorers run cheapest first (``fuzzy.py``); coverage, score and
   class follow (``scoring.py``). Per declared name, the best match of each
   entry is kept, best first (``match.ranked``).

The score is never only a token-set ratio: that ratio is 100 for any subset
("Glove Manufacturing" vs "Supermax Glove Manufacturing"), so shared generic
words are weighed down by their class (``name_words.json``).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import lru_cache
from typing import Any

from scrisk.policy import PolicySource, load_policy
from scrisk.screening.listed import ListedNames
from scrisk.screening.match import Match, collector_paused, iso2, ranked
from scrisk.screening.pairs import candidates, score_pairs
from scrisk.screening.parallel import match_parallel, worker_count
from scrisk.screening.queries import block_queries

CLASSES = ("strong", "possible")


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
        self.listed = ListedNames(self.entries, aliases, self._pol)

    @property
    def names(self) -> list[tuple[str, str, str]]:
        """(entry id, list name text, kind) of every name screened against."""
        listed = self.listed
        return [
            (str(self.entries[e].id), n, k)
            for e, n, k in zip(listed.entry, listed.name, listed.kind, strict=True)
        ]

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

    def _match_block(
        self, names: list[str], countries: Sequence[str | None], as_of: date
    ) -> list[list[Match]]:
        out: list[list[Match]] = [[] for _ in names]
        if not len(self.listed) or not names:
            return out
        queries = block_queries(names, countries, self.listed.country_code)
        pairs = candidates(self.listed, queries, self._pol, blocking=self.blocking)
        if not len(pairs):
            return out
        best: dict[int, dict[int, Match]] = {}
        score_pairs(
            self.listed,
            self.entries,
            queries,
            pairs,
            self._pol,
            as_of,
            best,
            blocking=self.blocking,
        )
        for i, by_entry in best.items():
            out[i] = ranked(by_entry.values())
        return out


@lru_cache(maxsize=1)
def default_screener() -> Screener:
    """The screener over the shipped reference lists with the default policy (built once;
    built again after the shared Reference is reset by a data update)."""
    from scrisk.reference.loader import on_reset

    on_reset(default_screener.cache_clear)
    return Screener()


__all__ = ["CLASSES", "Screener", "default_screener"]
