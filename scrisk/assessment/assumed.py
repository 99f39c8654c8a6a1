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
already chosen for the earlier ones; past ``EXACT_RUNS`` trial assessments
the choice is made in a bounded number of runs instead (see :func:`riskiest`).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

from scrisk.model import Declaration, Party
from scrisk.vocab import level_risk, severity_rank

if TYPE_CHECKING:  # pragma: no cover
    from scrisk.assessment.result import Assessment


def ambiguous(party: Party) -> bool:
    """A country text close to two or more countries, none chosen yet."""
    return party.country_code is None and len(party.country_suggestions) >= 2


EXACT_RUNS = 12  # up to this many trial assessments, each party is decided exactly


def _with(decl: Declaration, choice: Mapping[int, str]) -> Declaration:
    parties = list(decl.parties)
    for index, code in choice.items():
        parties[index] = replace(parties[index], country_code=code, country_assumed=True)
    return replace(decl, parties=tuple(parties))


def _verdict(a: Assessment) -> tuple[int, float]:
    return level_risk(a.risk_level), a.score


def _own(
    a: Assessment, party_id: str, worst_flag: Mapping[str, int] | None = None
) -> tuple[int, int, float]:
    """How risky the party is by its own evidence in ``a``: worst flag, then score.

    ``worst_flag`` (from :func:`_worst_flags`) spares a pass over the flags per party.
    """
    found = (worst_flag if worst_flag is not None else _worst_flags(a)).get(party_id, -99)
    own = a.party_scores[party_id]
    return (found, level_risk(own.risk_level), own.intrinsic_score)


def _worst_flags(a: Assessment) -> dict[str, int]:
    """Party id -> its worst non-info flag (higher is worse), one pass over the flags."""
    out: dict[str, int] = {}
    for f in a.flag_list:
        if f.party is not None and f.severity != "info":
            out[f.party] = max(out.get(f.party, -99), -severity_rank(f.severity))
    return out


def riskiest(decl: Declaration, run: Callable[[Declaration], Assessment]) -> Assessment:
    """``run(decl)`` with each ambiguous country read as its riskiest candidate.

    With few ambiguous parties, each is decided in turn by the bid's verdict
    (level, score, then the party's own evidence) under each of its
    candidates, the earlier choices kept: with one such party this is the
    worst verdict of all its readings. With many (a file of hundreds of
    "Chila"), the cost stays bounded: one run per candidate rank (every
    ambiguous party read as its first candidate, then its second, ...), each
    party then given the candidate under which its own evidence was worst,
    and the worst verdict of these few runs is kept. Ties keep the first
    candidate in the suggestion order (closest first, then by code), so the
    result is reproducible.
    """
    todo = [i for i, p in enumerate(decl.parties) if ambiguous(p)]
    if not todo:
        return run(decl)
    if sum(len(decl.parties[i].country_suggestions) for i in todo) <= EXACT_RUNS:
        return _one_by_one(decl, todo, run)
    return _by_rank(decl, todo, run)


def _one_by_one(
    decl: Declaration, todo: list[int], run: Callable[[Declaration], Assessment]
) -> Assessment:
    chosen: Assessment | None = None
    for index in todo:
        party = decl.parties[index]
        best: tuple[tuple[int, float, int, int, float], Declaration, Assessment] | None = None
        for code in party.country_suggestions:
            trial = _with(decl, {index: code})
            result = run(trial)
            key = (*_verdict(result), *_own(result, party.id))
            if best is None or key > best[0]:
                best = (key, trial, result)
        assert best is not None
        decl, chosen = best[1], best[2]
    assert chosen is not None
    return chosen


def _by_rank(
    decl: Declaration, todo: list[int], run: Callable[[Declaration], Assessment]
) -> Assessment:
    ranks = max(len(decl.parties[i].country_suggestions) for i in todo)
    results: list[Assessment] = []
    for rank in range(ranks):
        results.append(
            run(
                _with(
                    decl,
                    {
                        i: decl.parties[i].country_suggestions[
                            min(rank, len(decl.parties[i].country_suggestions) - 1)
                        ]
                        for i in todo
                    },
                )
            )
        )
    worst_flags = [_worst_flags(a) for a in results]
    choice: dict[int, str] = {}
    for i in todo:
        party = decl.parties[i]
        keys = [
            (_own(a, party.id, worst_flags[rank]), -rank)
            for rank, a in enumerate(results)
            if rank < len(party.country_suggestions)
        ]
        choice[i] = party.country_suggestions[-max(keys)[1]]
    results.append(run(_with(decl, choice)))
    # the worst verdict; a tie keeps the per-party choice (the last run)
    best = max(range(len(results)), key=lambda k: (*_verdict(results[k]), k == ranks))
    return results[best]


__all__ = ["EXACT_RUNS", "ambiguous", "riskiest"]
