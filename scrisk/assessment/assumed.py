"""The riskiest reading of a country text equally close to several countries.

"Chila" is one letter from Chile and from China. Left unresolved, the party
would be assessed as from an unknown country, which can score lower than the
country meant: a misspelling must never lower the verdict (spec/rules.md). So
the party is assessed under each candidate and the reading that gives the
worst verdict (level, then bid score, then the party's own level and score)
is kept, marked ``country_assumed``: the document keeps ``country`` null (the
declaration is still defective: POW's "country cannot be resolved" fires),
shows the assumed code apart, and a DATA_GAP note says which candidates there
were and which was assumed.

Ambiguous parties are decided one after the other, each with the readings
already chosen for the earlier ones (at most a few extra assessments per
ambiguous party: a suggestion list is short).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from scrisk.model import Declaration, Party

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.assessment.result import Assessment

# worse is higher; a party's "unknown" (low, but with a data gap) is above low
_RANK = {"low": 0, "unknown": 1, "medium": 2, "high": 3, "critical": 4}


def ambiguous(party: Party) -> bool:
    """A country text close to two or more countries, none chosen yet."""
    return party.country_code is None and len(party.country_suggestions) >= 2


def _with(decl: Declaration, index: int, code: str) -> Declaration:
    party = replace(decl.parties[index], country_code=code, country_assumed=True)
    parties = (*decl.parties[:index], party, *decl.parties[index + 1:])
    return replace(decl, parties=parties)


def _severity(a: Assessment, party_id: str) -> tuple[int, float, int, float]:
    node = a.graph.nodes[party_id]
    return (_RANK.get(a.risk_level, -1), a.score,
            _RANK.get(str(node.get("risk_level")), -1), float(node.get("score", 0.0)))


def riskiest(decl: Declaration, run: Callable[[Declaration], Assessment]) -> Assessment:
    """``run(decl)`` with each ambiguous country read as its riskiest candidate.

    Ties keep the first candidate in the suggestion order (closest first, then
    by code), so the result is reproducible.
    """
    chosen: Assessment | None = None
    for index, party in enumerate(decl.parties):
        if not ambiguous(party):
            continue
        best: tuple[tuple[int, float, int, float], Declaration, Assessment] | None = None
        for code in party.country_suggestions:
            trial = _with(decl, index, code)
            result = run(trial)
            key = _severity(result, party.id)
            if best is None or key > best[0]:
                best = (key, trial, result)
        assert best is not None
        decl, chosen = best[1], best[2]
    return chosen if chosen is not None else run(decl)


__all__ = ["ambiguous", "riskiest"]
