"""Risk propagation: intrinsic risk per party, carried downstream to the bidder.

The model (docs/scoring.md):

* intrinsic risk of a party (0-1) = noisy-OR of its flags' weights,
  ``1 - prod(1 - w)``; a flag's weight is ``severity_weight[severity] x
  rule_factor[rule]`` from the policy (or ``Flag.weight`` when a rule set one).
  Several flags raise the score *within* the band of the worst one but not
  into the next level: only a critical finding makes a party critical;
* carried risk on an edge u -> v = ``attenuation x score(u)``;
* score of a party = the larger of its intrinsic risk and the largest risk
  carried in by its suppliers: ``max(intrinsic, max carried)``. A party is as
  risky as its riskiest chain: many clean suppliers cannot dilute one bad
  one, and many moderate signals on *different* parties do not pile up into
  a critical one (evidence about the *same* party does reinforce, above);
* parties that supply each other (a cycle) share risk: each gets at least
  ``attenuation x`` the highest score in its strongly connected component.

One pass in topological order over the condensation of the graph: linear in
parties + edges, no loop over paths.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from scrisk.findings import Flag, made_straight
from scrisk.graph import PartyNode
from scrisk.vocab import RISK_LEVELS, severity_rank

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

    from scrisk.policy.settings import LevelsSettings, ScoringSettings


def flag_weight(flag: Flag, scoring: ScoringSettings) -> float:
    """Intrinsic risk (0-1) one flag contributes to its party."""
    if flag.weight is not None:
        return float(flag.weight)
    base = float(scoring.severity_weight.get(flag.severity, 0.0))
    return base * float(scoring.rule_factor.get(flag.rule, 1.0))


def intrinsic_scores(
    nodes: Iterable[str],
    flags: Iterable[Flag],
    scoring: ScoringSettings,
    levels: LevelsSettings | None = None,
) -> dict[str, float]:
    """Noisy-OR of each party's flag weights (0-1); parties with no flag get 0.

    With ``levels`` (the policy thresholds), a party's score stays below the
    threshold of the level above its worst weighted flag.
    """
    keep = dict.fromkeys(nodes, 1.0)
    worst_rank: dict[str, int] = {}
    # (weight, rank) by (severity, rule) for flags that set no weight: read from the
    # policy once per kind of flag, not once per flag
    known = kind_weights(scoring)
    for f in flags:
        party = f.party
        if party is None or party not in keep:
            continue
        if f.weight is None:
            found = known.get((f.severity, f.rule))
            w, r = kind_weight(f, scoring) if found is None else found
        else:
            w = min(max(float(f.weight), 0.0), 1.0)
            r = severity_rank(f.severity)
        if w <= 0.0:
            continue
        keep[party] *= 1.0 - w
        if r < worst_rank.get(party, 99):
            worst_rank[party] = r
    out = {n: 1.0 - k for n, k in keep.items()}
    if levels is not None:
        caps = ceilings(levels)
        for n, r in worst_rank.items():
            out[n] = min(out[n], caps.get(r, 1.0))
    return out


# (weight, severity rank) of a flag that sets no weight, by (severity, rule), for each
# scoring table (by its id, held with it: an id is not reused while its object lives):
# read from the policy once per kind of flag in a process, not once per flag
_WEIGHTS: dict[int, tuple[object, dict[tuple[str, str], tuple[float, int]]]] = {}
_WEIGHTS_MOST = 64


def kind_weights(scoring: ScoringSettings) -> dict[tuple[str, str], tuple[float, int]]:
    """The (weight, severity rank) of each kind of flag (severity, rule) worked out so far
    for ``scoring`` (filled by :func:`kind_weight`; not to be changed otherwise)."""
    found = _WEIGHTS.get(id(scoring))
    if found is None or found[0] is not scoring:
        if len(_WEIGHTS) >= _WEIGHTS_MOST:
            _WEIGHTS.clear()
        found = _WEIGHTS[id(scoring)] = (scoring, {})
    return found[1]


def kind_weight(f: Flag, scoring: ScoringSettings) -> tuple[float, int]:
    """(weight clamped to 0-1, severity rank) of a flag that sets no weight, kept in
    :func:`kind_weights` for its kind."""
    w = min(max(flag_weight(f, scoring), 0.0), 1.0)
    found = kind_weights(scoring)[(f.severity, f.rule)] = (w, severity_rank(f.severity))
    return found


def ceilings(levels: LevelsSettings) -> dict[int, float]:
    """Highest intrinsic score (0-1) for each worst severity rank: just under the next level
    (worked out once per thresholds object, held with it; not to be changed)."""
    found = _CEILINGS.get(id(levels))
    if found is not None and found[0] is levels:
        return found[1]
    order = RISK_LEVELS
    out = {0: 1.0}
    for i in range(1, len(order)):
        out[i] = (levels.threshold(order[i - 1]) - 0.1) / 100.0
    if len(_CEILINGS) >= _WEIGHTS_MOST:
        _CEILINGS.clear()
    _CEILINGS[id(levels)] = (levels, out)
    return out


_CEILINGS: dict[int, tuple[object, dict[int, float]]] = {}


N = TypeVar("N", bound=Hashable)  # a node: a party id, or a strongly connected component
Adjacency = Mapping[N, Mapping[N, object]]  # node -> its neighbours (-> edge data)


def _adjacency(G: nx.DiGraph) -> tuple[Adjacency[str], Adjacency[str]]:
    """(suppliers, customers) of every party as plain dicts (no per-access view objects)."""
    # networkx's own tables (what G.pred and G.succ view): read, never changed
    return G._pred, G._succ


def _topological(nodes: Iterable[N], pred: Adjacency[N], succ: Adjacency[N]) -> list[N]:
    """Kahn's algorithm over adjacency dicts: every node when the graph is acyclic, fewer
    when it has a cycle (the nodes of a cycle and downstream of it never become ready)."""
    indeg = {n: len(pred[n]) for n in nodes}
    ready = [n for n, d in indeg.items() if d == 0]
    order: list[N] = []
    while ready:
        n = ready.pop()
        order.append(n)
        for m in succ[n]:
            indeg[m] -= 1
            if indeg[m] == 0:
                ready.append(m)
    return order


def propagate(
    G: nx.DiGraph, intrinsic: Mapping[str, float], *, attenuation: float
) -> dict[str, float]:
    """Score (0-1) of every party: its own risk and the riskiest risk carried in."""
    pred, succ = _adjacency(G)
    score: dict[str, float] = {}
    order = _topological(pred, pred, succ)
    if len(order) == len(pred):  # no cycle: one pass in topological order
        for n in order:
            best = intrinsic.get(n, 0.0)
            for u in pred[n]:
                carried = attenuation * score[u]
                if carried > best:
                    best = carried
            score[n] = best
        return score
    import networkx as nx

    # the condensation: one node per strongly connected component, edges between them
    members_of = [sorted(c) for c in nx.strongly_connected_components(G)]
    comp_of = {n: i for i, members in enumerate(members_of) for n in members}
    cpred: dict[int, dict[int, None]] = {i: {} for i in range(len(members_of))}
    csucc: dict[int, dict[int, None]] = {i: {} for i in range(len(members_of))}
    for u, customers in succ.items():
        for v in customers:
            if comp_of[u] != comp_of[v]:
                cpred[comp_of[v]][comp_of[u]] = csucc[comp_of[u]][comp_of[v]] = None
    for i in _topological(cpred, cpred, csucc):
        members = members_of[i]
        own: dict[str, float] = {}
        for n in members:
            best = intrinsic.get(n, 0.0)
            for u in pred[n]:
                if comp_of[u] != i:  # suppliers outside the component are already scored
                    carried = attenuation * score[u]
                    if carried > best:
                        best = carried
            own[n] = best
        if len(members) == 1:
            score[members[0]] = own[members[0]]
        else:
            shared = attenuation * max(own.values())
            for n in members:
                score[n] = max(own[n], shared)
    return score


def level_of(score: float, levels: LevelsSettings) -> str:
    """Risk level of a 0-100 score by the policy thresholds."""
    for level in RISK_LEVELS[:-1]:
        if score >= levels.threshold(level):
            return level
    return "low"


def floor_score(score: float, level: str, levels: LevelsSettings) -> float:
    """Raise a 0-100 score to the lower threshold of ``level`` (score never below the level)."""
    if level in RISK_LEVELS[:-1]:
        return max(score, levels.threshold(level))
    return score


def annotate_graph(
    G: nx.DiGraph,
    intrinsic: Mapping[str, float],
    score: Mapping[str, float],
    levels: Mapping[str, str],
    *,
    attenuation: float,
) -> dict[str, PartyScore]:
    """Each party's :class:`PartyScore` (0-100, one decimal), by party id, also written
    on the graph's nodes (``intrinsic_score``, ``score``, ``risk_level``); ``score`` on edges."""
    found: dict[str, PartyScore] = {}
    # most parties share a few (intrinsic, score, level), and so do the bids of a
    # portfolio: each PartyScore (frozen) made once in a process and shared
    made = _PARTY_SCORES
    for n, data in G._node.items():  # what G.nodes(data=True) views
        key = (intrinsic.get(n, 0.0), score.get(n, 0.0), levels.get(n, "low"))
        one = made.get(key)
        if one is None:
            if len(made) >= _ROUNDED_MOST:
                made.clear()
            one = made[key] = PartyScore(
                intrinsic_score=round(100.0 * key[0], 1),
                score=round(100.0 * key[1], 1),
                risk_level=key[2],
            )
        found[n] = one
        if type(data) is PartyNode:  # what scrisk.graph.build_graph makes: data.scored(...)
            data._intrinsic_score = one.intrinsic_score
            data._score = one.score
            data._risk_level = one.risk_level
        else:
            data["intrinsic_score"] = one.intrinsic_score
            data["score"] = one.score
            data["risk_level"] = one.risk_level
    carried = _CARRIED
    for u, customers in G._succ.items():  # networkx's table of edges (what G.edges views)
        if not customers:
            continue
        value = score.get(u, 0.0)
        out = carried.get((value, attenuation))
        if out is None:
            if len(carried) >= _ROUNDED_MOST:
                carried.clear()
            out = carried[(value, attenuation)] = round(100.0 * attenuation * value, 1)
        for data in customers.values():
            data["score"] = out
    return found


# Rounded scores kept for the process (round() to a decimal is slow, and a portfolio's
# bids give the same few scores): PartyScores by (intrinsic, score, level), and the risk
# an edge carries by (score, attenuation); emptied when full
_ROUNDED_MOST = 4096
_PARTY_SCORES: dict[tuple[float, float, str], PartyScore] = {}
_CARRIED: dict[tuple[float, float], float] = {}


@dataclass(frozen=True, slots=True)
class PartyScore:
    """One party's scores (0-100, one decimal) and level: ``intrinsic_score`` from its own
    findings, ``score`` with the risk its suppliers carry in."""

    intrinsic_score: float
    score: float
    risk_level: str


@dataclass(frozen=True, slots=True)
class RiskPath:
    """One of the riskiest supply paths: its source first, the bidder last, the score it
    carries to the bidder (0-100, one decimal) and the source's own level."""

    source: str
    path: tuple[str, ...]
    score: float
    risk_level: str


# RiskPath(source, path, score, risk_level), made faster (a bid keeps a dozen or so)
new_risk_path = made_straight(RiskPath)

__all__ = [
    "annotate_graph",
    "ceilings",
    "flag_weight",
    "floor_score",
    "intrinsic_scores",
    "kind_weight",
    "kind_weights",
    "level_of",
    "new_risk_path",
    "propagate",
    "PartyScore",
    "RiskPath",
]
