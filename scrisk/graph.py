"""The production chain as a networkx graph: parties, supplies_to edges, tiers.

An edge ``u -> v`` means *u supplies v*: flow runs toward the bidder. Tier is
derived, not declared: the length of the shortest supplies_to path from a
party to the bidder (bidder = 0, first-tier subcontractors = 1).

Everything is linear in the size of the declaration (one breadth-first search
from the bidder over reversed edges, one strongly-connected-components pass),
so a 100,000-party declaration builds in seconds. Parties with no path to the
bidder and cycles are *reported* in graph attributes, never dropped and never
fatal: the officer sees them in the assessment.

Node attributes: every :class:`~scrisk.model.Party` field, plus ``tier``
(int, or None when unreachable), ``reachable`` (bool) and ``next_hop`` (the
next party on the shortest path to the bidder, None for the bidder and for
unreachable parties). Graph attributes: ``bidder`` (id), ``goods``
({good id: Good}), ``makers`` ({good id: [party ids]}), ``cycles`` (list of
id lists), ``unreachable`` (sorted ids).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable
from dataclasses import fields
from operator import attrgetter
from typing import TYPE_CHECKING

from scrisk.model import Declaration, Party

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

_PARTY_FIELDS = tuple(f.name for f in fields(Party))


def build_graph(decl: Declaration) -> nx.DiGraph:
    """One node per party, supplies_to edges, tiers by BFS from the bidder."""
    import networkx as nx

    G = nx.DiGraph()
    ids = {p.id for p in decl.parties}
    G.add_nodes_from(p.id for p in decl.parties)  # ids first: their data is written below
    # validation guarantees every target exists; a hand-built declaration may not
    G.add_edges_from((party.id, t) for party in decl.parties for t in party.supplies_to if t in ids)

    bidder = next((p.id for p in decl.parties if p.role == "bidder"), None)
    tier, next_hop = _tiers_from(G, bidder)
    # each node's data made whole at once (the party's fields, then where it stands)
    nodes, fields_of = G.nodes, attrgetter(*_PARTY_FIELDS)
    for party in decl.parties:
        pid = party.id
        data = dict(zip(_PARTY_FIELDS, fields_of(party), strict=True))
        data["tier"] = tier.get(pid)
        data["reachable"] = pid in tier
        data["next_hop"] = next_hop.get(pid)
        nodes[pid].update(data)

    makers: dict[str, list[str]] = {g.id: [] for g in decl.solicitation.goods}
    for party in decl.parties:
        for gid in party.goods:
            makers.setdefault(gid, []).append(party.id)

    G.graph["bidder"] = bidder
    G.graph["goods"] = {g.id: g for g in decl.solicitation.goods}
    G.graph["makers"] = {gid: sorted(pids) for gid, pids in makers.items()}
    G.graph["cycles"] = find_cycles(G)
    G.graph["unreachable"] = sorted(pid for pid in G if pid not in tier)
    return G


def _tiers_from(G: nx.DiGraph, bidder: str | None) -> tuple[dict[str, int], dict[str, str]]:
    """BFS over reversed edges from the bidder: tier and next hop of every reachable party.

    Suppliers of a node are visited in sorted id order, so the shortest path
    chosen among equals does not depend on the order parties were declared.
    """
    if bidder is None or bidder not in G:
        return {}, {}
    tier = {bidder: 0}
    next_hop: dict[str, str] = {}
    queue = deque([bidder])
    pred = G.pred
    while queue:
        node = queue.popleft()
        depth = tier[node] + 1
        for supplier in sorted(pred[node]):
            if supplier not in tier:
                tier[supplier] = depth
                next_hop[supplier] = node
                queue.append(supplier)
    return tier, next_hop


def find_cycles(G: nx.DiGraph) -> list[list[str]]:
    """One cycle per strongly connected component that has one (linear time).

    Listing every elementary cycle can be exponential; one witness cycle per
    knot of mutually supplying parties is what an officer needs to fix it.
    Each cycle starts at its smallest id; the list is sorted.
    """
    import networkx as nx

    cycles: list[list[str]] = []
    for component in nx.strongly_connected_components(G):
        if len(component) == 1:
            (node,) = component
            if G.has_edge(node, node):
                cycles.append([node])
            continue
        start = min(component)
        sub = G.subgraph(component)
        edges = nx.find_cycle(sub, source=start)
        cycle = [u for u, _ in edges]
        k = cycle.index(min(cycle))
        cycles.append(cycle[k:] + cycle[:k])
    return sorted(cycles)


def path_to_bidder(G: nx.DiGraph, party_id: str) -> list[str]:
    """Shortest supplies_to path, party first and bidder last; [] when there is none."""
    if party_id not in G or not G.nodes[party_id].get("reachable"):
        return []
    path = [party_id]
    node = party_id
    while (node := G.nodes[node]["next_hop"]) is not None:
        path.append(node)
    return path


def makers(G: nx.DiGraph, good_id: str) -> list[str]:
    """Ids of the parties that declare they make or assemble ``good_id`` (sorted)."""
    return list(G.graph.get("makers", {}).get(good_id, []))


def chain_of_good(G: nx.DiGraph, good_id: str) -> set[str]:
    """The makers of ``good_id`` plus every party upstream of them."""
    return upstream(G, makers(G, good_id))


def upstream(G: nx.DiGraph, party_ids: Iterable[str]) -> set[str]:
    """``party_ids`` plus all their (transitive) suppliers, by one BFS."""
    seen = {p for p in party_ids if p in G}
    queue = deque(seen)
    pred = G.pred
    while queue:
        for supplier in pred[queue.popleft()]:
            if supplier not in seen:
                seen.add(supplier)
                queue.append(supplier)
    return seen


def tiers(G: nx.DiGraph) -> dict[str, int | None]:
    """Tier of every party (None when it has no path to the bidder), in node order."""
    return {pid: data["tier"] for pid, data in G.nodes(data=True)}


def first_tier(G: nx.DiGraph) -> list[str]:
    """The first-tier subcontractors: parties at tier 1, sorted."""
    return sorted(pid for pid, data in G.nodes(data=True) if data["tier"] == 1)


__all__ = [
    "build_graph",
    "chain_of_good",
    "find_cycles",
    "first_tier",
    "makers",
    "path_to_bidder",
    "tiers",
    "upstream",
]
