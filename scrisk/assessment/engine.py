"""``assess()``: one declaration in, one :class:`Assessment` out.

read -> graph -> screening (one call for every party name) -> rules ->
propagation -> clause matrix. Reference data and the screener are shared
across calls, so a portfolio of bids reads the data once.
"""

from __future__ import annotations

import heapq
import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from scrisk.assessment.assumed import riskiest
from scrisk.assessment.clauses import evaluate
from scrisk.assessment.context import Context
from scrisk.assessment.decision_book import DecisionBook
from scrisk.assessment.pause import collector_paused
from scrisk.assessment.propagation import (
    PartyScore,
    RiskPath,
    annotate_graph,
    ceilings,
    floor_score,
    kind_weight,
    kind_weights,
    level_of,
    new_risk_path,
    propagate,
)
from scrisk.assessment.result import Assessment
from scrisk.assessment.rules import run_rules
from scrisk.dates import to_date
from scrisk.decisions import Decision as Answer
from scrisk.decisions import load_decisions
from scrisk.errors import ScriskError
from scrisk.findings import Flag
from scrisk.graph import build_graph, tiers
from scrisk.model import Declaration
from scrisk.policy import load_policy
from scrisk.reference import get_reference
from scrisk.vocab import RISK_LEVELS, SEVERITIES, Stage, at_least, severity_rank, values

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from scrisk.decisions import Decision
    from scrisk.policy import PolicySource, Settings
    from scrisk.screening.match import Match
    from scrisk.screening.matcher import Screener

# reviewer answers: a report workbook / CSV path, {(party id, entry id): answer}, Decisions
DecisionSource: TypeAlias = (
    "str | Path | Mapping[tuple[str, str], Decision | str | Mapping[str, object]]"
    " | Iterable[Decision] | None"
)
# matches already found, by (name, country code)
Screened: TypeAlias = "Mapping[tuple[str, str | None], Sequence[Match]]"

_SCREENERS: dict[str, Screener] = {}
_KEYS: dict[int, tuple[object, str]] = {}  # id of a policy's screening settings -> its key


def _screener(policy: Settings) -> Screener:
    """A screener for the policy's screening settings, built once per distinct setting."""
    screening = policy.screening  # typed and frozen: its key worked out once per object
    known = _KEYS.get(id(screening))
    if known is not None and known[0] is screening:  # held here: its id is not reused
        key = known[1]
    else:
        from scrisk.jsontext import plain

        key = json.dumps(plain(screening), sort_keys=True, default=str)
        if len(_KEYS) >= 64:
            _KEYS.clear()
        _KEYS[id(screening)] = (screening, key)
    found = _SCREENERS.get(key)
    if found is None:
        from scrisk.policy import load_policy
        from scrisk.reference.loader import on_reset
        from scrisk.screening import Screener, default_screener

        on_reset(_SCREENERS.clear)  # screeners rest on the shared Reference: dropped with it

        same = policy.screening == load_policy().screening  # typed: 4 and 4.0 alike
        found = default_screener() if same else Screener(policy=policy)
        _SCREENERS[key] = found
    return found


STAGES = values(Stage)


def _as_of(value: date | str | None, decl: Declaration, stage: str = "bid") -> date:
    if value is None:
        if stage == "contract":
            from scrisk.reference.freshness import today  # SCRISK_TODAY honoured

            return today()
        return decl.solicitation.closing_date
    try:
        found = to_date(value)
    except ValueError:
        found = None
    if found is None:
        raise ScriskError(f"as_of: {value!r} is not a date (expected YYYY-MM-DD)")
    return found


def _contract_date(value: date | str | None, decl: Declaration) -> date:
    """The contract date: given, else ``solicitation.contract_date``, else the closing date."""
    if value is None or value == "":
        sol = decl.solicitation
        return sol.contract_date or sol.closing_date
    try:
        found = to_date(value)
    except ValueError:
        found = None
    if found is None:
        raise ScriskError(f"contract_date: {value!r} is not a date (expected YYYY-MM-DD)")
    return found


def _decisions(value: DecisionSource) -> list[Decision]:
    """Decisions as a list of :class:`scrisk.decisions.Decision` (one type for all sources).

    ``value`` is a report workbook / CSV path, a mapping ``{(party id, entry id):
    Decision | str | mapping}`` (party ids of the bid being assessed), or an
    iterable of ``Decision`` (e.g. from the register, keyed by supplier).
    """
    if value is None:
        return []
    if isinstance(value, (str, Path)):
        value = load_decisions(value)
    if not isinstance(value, Mapping):
        out = list(value)
        for item in out:
            if not isinstance(item, Answer):
                raise ScriskError(f"decisions: {item!r} is not a scrisk.decisions.Decision")
        return out
    found: list[Decision] = []
    for (party, entry_id), d in value.items():
        try:
            if isinstance(d, Answer):
                found.append(d)
            elif isinstance(d, str):
                found.append(Answer(str(party), str(entry_id), d))
            elif isinstance(d, Mapping):
                found.append(
                    Answer(
                        str(party),
                        str(entry_id),
                        str(d["decision"]),
                        _text(d.get("reviewer")),
                        _text(d.get("date")),
                        _text(d.get("comment")),
                    )
                )
            else:
                raise ValueError(f"not a decision: {d!r}")
        except (ValueError, KeyError) as error:
            raise ScriskError(f"decisions[{party!r}, {entry_id!r}]: {error}") from None
    return found


def _text(value: object) -> str | None:
    """An optional field of a decision given as a mapping: None, or its text."""
    return None if value is None else str(value)


@collector_paused
def assess(
    source: str | Path | Mapping[str, object] | Declaration,
    *,
    as_of: date | str | None = None,
    policy: PolicySource = None,
    decisions: DecisionSource = None,
    stage: str = "bid",
    screened: Screened | None = None,
    contract_date: date | str | None = None,
) -> Assessment:
    """Assess one bid declaration as of its closing date (or ``as_of``).

    ``source`` is a path (JSON or .xlsx), a mapping in the JSON shape or a
    :class:`~scrisk.model.Declaration`; ``policy`` overrides the shipped
    policy (path or mapping); ``decisions`` are reviewer answers about name
    matches (a report workbook / CSV path, ``{(party, entry_id): Decision}``
    for this bid's parties, or ``Decision`` objects naming their supplier, as the
    register keeps them: they apply to the same supplier, normalised name and
    country, against the same list entry, unless that entry changed since).
    Decisions that apply to nothing in the bid are listed in the document's
    ``decisions_unapplied``.
    ``stage`` is ``"bid"`` (default: as of the closing date) or ``"contract"``
    (after award: as of ``as_of`` or today); conditions of award are ``review``
    at the bid stage and ``fail`` at the contract stage.
    ``contract_date`` (rules.md v3) decides which clauses the instrument carries
    (A3006T, POW, PN150, CODE apply only if in force on it): the award date of a
    contract, or the issue date of a standing offer, supply arrangement or call-up;
    default ``solicitation.contract_date``, else the closing date. The as-of date
    decides what the evidence says (lists, editions, CT9897 coverage, S211).
    ``screened``: matches already found by :func:`screen_names` for this policy and
    as-of date, by (name, country code); names not in it are screened here.
    """
    if stage not in STAGES:
        raise ScriskError(f"stage: {stage!r} is not one of {', '.join(STAGES)}")
    decl = source if isinstance(source, Declaration) else _load(source)
    given = _decisions(decisions)
    pol = load_policy(policy)  # typed and checked once (the defaults are built once)
    when = _as_of(as_of, decl, stage)
    signed = _contract_date(contract_date, decl)
    ref = get_reference()
    found = _screen(decl, pol, when, screened or {})
    matches = {p.id: list(m) for p, m in zip(decl.parties, found, strict=True) if m}
    declared = decl

    def run(decl: Declaration) -> Assessment:
        # names were screened, and decisions are keyed, on the country as resolved from
        # the declaration: an assumed country (assumed.py) changes neither
        G = build_graph(decl)
        book = DecisionBook(given, declared, ref)
        ctx = Context(
            declaration=decl,
            graph=G,
            as_of=when,
            policy=pol,
            reference=ref,
            matches=matches,
            decisions=book,
            stage=stage,
            contract_date=signed,
        )
        flags = run_rules(ctx)
        scores = _score(ctx, flags)
        result = Assessment(
            declaration=decl,
            as_of=when,
            policy=pol,
            graph=G,
            flag_list=flags,
            clause_list=evaluate(ctx, flags),
            matches=matches,
            decisions=list(ctx.applied_decisions),
            reference=ref,
            score=scores.score,
            risk_level=scores.risk_level,
            paths=scores.paths,
            party_scores=scores.parties,
            stage=stage,
            contract_date=signed,
            flags_sorted=True,  # run_rules sorts them
        )
        result.decision_book = book
        return result

    return riskiest(decl, run)  # a country text close to several: the riskiest reading


def _screen(
    decl: Declaration,
    pol: Settings,
    when: date,
    screened: Screened,
) -> list[Sequence[Match]]:
    """The matches of each party's name, in party order (taken from ``screened`` if there)."""
    keys = [(p.name or "", p.country_code) for p in decl.parties]
    missing = [k for k in keys if k not in screened]
    if not missing:
        return [screened[k] for k in keys]
    more = screen_names(missing, pol, when)
    return [screened[k] if k in screened else more[k] for k in keys]


def screen_names(
    keys: Iterable[tuple[str, str | None]], policy: Settings, when: date
) -> dict[tuple[str, str | None], list[Match]]:
    """Screen (name, country code) pairs, each distinct pair once, in one matcher call,
    with the screener of ``policy`` (a typed policy, as :func:`load_policy` gives) as of
    ``when``: what :func:`assess` would find for a party of that name and country."""
    distinct = list(dict.fromkeys(keys))
    found = _screener(policy).match([n for n, _ in distinct], [c for _, c in distinct], when)
    return dict(zip(distinct, found, strict=True))


def screen_declarations(
    decls: Sequence[Declaration],
    *,
    as_of: date | str | None = None,
    policy: PolicySource = None,
    stage: str = "bid",
) -> list[Screened]:
    """The party names of several declarations screened together, in one matcher call:
    for each declaration, the ``screened`` its :func:`assess` with the same ``as_of``,
    ``policy`` and ``stage`` takes, so it screens nothing itself. The matches are the
    ones each bid alone would get: a name's matches do not depend on the other names,
    nor on the date but for which entries are in force on it (set again, and the
    matches ordered again, for a declaration assessed on another date)."""
    from scrisk.policy import load_policy
    from scrisk.screening.match import matches_as_of

    pol = load_policy(policy)
    whens = [_as_of(as_of, decl, stage) for decl in decls]
    if not decls:
        return []
    keys = [(p.name or "", p.country_code) for decl in decls for p in decl.parties]
    first = whens[0]
    found = screen_names(keys, pol, first)
    dated: dict[date, dict[tuple[str, str | None], list[Match]]] = {}
    for decl, when in zip(decls, whens, strict=True):
        if when == first:
            continue
        table = dated.setdefault(when, {})
        for p in decl.parties:
            key = (p.name or "", p.country_code)
            if key not in table:
                table[key] = matches_as_of(found[key], when)
    return [found if when == first else dated[when] for when in whens]


def _load(source: str | Path | Mapping[str, object]) -> Declaration:
    from scrisk.readers import load_declaration

    return load_declaration(source)


def _downstream(G: nx.DiGraph, sources: set[str]) -> set[str]:
    """``sources`` and every party they supply, directly or not (one pass over the graph)."""
    seen = set(sources)
    stack = list(sources)
    while stack:
        for customer in G.successors(stack.pop()):
            if customer not in seen:
                seen.add(customer)
                stack.append(customer)
    return seen


def is_stale(f: Flag) -> bool:
    """A DATA_GAP raised only because the as-of date is past a dataset's horizon."""
    return bool(f.rule == "DATA_GAP" and f.message_key.endswith(".past_horizon"))


@dataclass(frozen=True, slots=True)
class Scores:
    """The bid's score (0-100, one decimal) and level, its riskiest paths, each party's."""

    score: float
    risk_level: str
    paths: list[RiskPath]
    parties: dict[str, PartyScore]  # by party id


_FLAG_RANK: dict[str, int] = {s: severity_rank(s) for s in SEVERITIES}
# Kept for the process, emptied when full (a portfolio's bids give the same few scores):
# the level rank of a 0-1 score, per thresholds object (by id, held with it), and the
# (negated, rounded) score a source at a tier carries to the bidder
_SCORES_MOST = 4096
_SCORE_RANKS: dict[int, tuple[object, dict[float, int]]] = {}
_CARRIED: dict[tuple[float, float, int], float] = {}


def _score_ranks(levels: object) -> dict[float, int]:
    """The level ranks of the 0-1 scores found so far under ``levels`` (filled by _score)."""
    found = _SCORE_RANKS.get(id(levels))
    if found is None or found[0] is not levels:
        if len(_SCORE_RANKS) >= 64:
            _SCORE_RANKS.clear()
        found = _SCORE_RANKS[id(levels)] = (levels, {})
    return found[1]


def _score(ctx: Context, flags: list[Flag]) -> Scores:
    """Intrinsic and propagated scores, levels of parties and bid, riskiest paths."""
    G, pol = ctx.graph, ctx.policy
    scoring, levels = pol.scoring, pol.levels
    att = scoring.attenuation
    # levels and severities by rank, worst first: critical 0, high 1, medium 2, low 3 (the
    # ranks of RISK_LEVELS and of the severities but info agree); the more severe of two
    # is the lower rank (vocab.at_least)
    LOW = RISK_LEVELS.index("low")
    worst_rank: dict[str, int] = {}  # a party's worst flag but info (none: low)
    bid_worst = LOW  # the worst flag but info of the whole bid, with or without a party
    gaps: set[str] = set()
    data_gap = False  # a DATA_GAP not raised only by a dataset past its horizon
    ranks = _FLAG_RANK  # a severity's rank by its text (read for every flag)
    # intrinsic_scores(G.nodes, flags, scoring, levels), worked out in the same pass over
    # the flags: the noisy-OR of each party's flag weights, capped below the level above
    # its worst weighted flag
    keep = dict.fromkeys(G._node, 1.0)  # (the parties, in the order G.nodes gives them)
    weighted: dict[str, int] = {}  # a party's worst flag with a weight
    weights = kind_weights(scoring)
    for f in flags:
        party = f.party
        severity = f.severity
        if party is not None and party in keep:
            if f.weight is None:
                found = weights.get((severity, f.rule))
                w, wr = kind_weight(f, scoring) if found is None else found
            else:
                w = min(max(float(f.weight), 0.0), 1.0)
                wr = severity_rank(severity)
            if w > 0.0:
                keep[party] *= 1.0 - w
                if wr < weighted.get(party, 99):
                    weighted[party] = wr
        if severity != "info":
            r = ranks.get(severity)
            if r is None:
                r = severity_rank(severity)
            if r < bid_worst:
                bid_worst = r
            if party is not None and r < worst_rank.get(party, LOW):
                worst_rank[party] = r
        elif party is not None and f.rule == "DATA_GAP":
            gaps.add(party)
        if not data_gap and f.rule == "DATA_GAP" and not is_stale(f):
            data_gap = True
    intrinsic = {n: 1.0 - k for n, k in keep.items()}
    caps = ceilings(levels)
    for n, wr in weighted.items():
        intrinsic[n] = min(intrinsic[n], caps.get(wr, 1.0))
    score = propagate(G, intrinsic, attenuation=att)
    # a party downstream of one with unknown risk cannot be rated low either: its goods
    # are made "wholly or in part" from inputs whose risk is unknown
    gaps = _downstream(G, gaps)
    # the level of each distinct score, worked out once (most parties share a few scores;
    # the levels read the policy's thresholds)
    rank_at = _score_ranks(levels)

    def rank_of_score(value: float) -> int:
        found = rank_at.get(value)
        if found is None:
            if len(rank_at) >= _SCORES_MOST:
                rank_at.clear()
            found = rank_at[value] = RISK_LEVELS.index(level_of(100.0 * value, levels))
        return found

    party_level: dict[str, str] = {}
    for n in G.nodes:
        value = score[n]
        known = rank_at.get(value)
        r = rank_of_score(value) if known is None else known
        worst = worst_rank.get(n, LOW)
        if worst < r:
            r = worst
        party_level[n] = "unknown" if r == LOW and n in gaps else RISK_LEVELS[r]
    parties = annotate_graph(G, intrinsic, score, party_level, attenuation=att)

    bidder = ctx.bidder
    bid_score = 100.0 * score.get(bidder, 0.0)
    level = at_least(level_of(bid_score, levels), RISK_LEVELS[bid_worst])
    # stale data informs, never decides (rules.md v3): a dataset past its horizon is a
    # DATA_GAP info and a warning, but does not by itself floor the level
    if data_gap and levels.data_gap_floor:
        level = at_least(level, levels.data_gap_floor)
    bid_score = floor_score(bid_score, level, levels)

    # riskiest first: the most severe source (by its own evidence, not what it receives),
    # then the highest score carried to the bidder. A party's path to the bidder is
    # tier + 1 parties long (none when it is unreachable), and paths that tie on level
    # and score are ordered by their first party, the source (each party starts its
    # own): the key needs no path, only the few paths kept are made
    limit = pol.rules.max_paths
    tier_of = tiers(G)
    candidates: list[tuple[int, float, str]] = []
    carried = _CARRIED  # what a source carries to the bidder, rounded once in a process
    for n, own in intrinsic.items():
        if own > 0 and (tier := tier_of[n]) is not None:
            known = rank_at.get(own)
            r = rank_of_score(own) if known is None else known
            worst = worst_rank.get(n, LOW)
            key = (own, att, tier)
            neg = carried.get(key)
            if neg is None:
                if len(carried) >= _SCORES_MOST:
                    carried.clear()
                neg = carried[key] = -round(100.0 * own * att**tier, 1)
            candidates.append((worst if worst < r else r, neg, n))
    # the ``limit`` smallest, as heapq.nsmallest gives them (keys never tie: ids differ)
    kept = heapq.nsmallest(limit, candidates) if limit < len(candidates) else sorted(candidates)
    path = ctx.path
    paths: list[RiskPath] = [
        new_risk_path(n, path(n), -neg, RISK_LEVELS[r])  # RiskPath(source, path, score, level)
        for r, neg, n in kept
    ]
    return Scores(score=round(bid_score, 1), risk_level=level, paths=paths, parties=parties)


__all__ = ["assess"]
