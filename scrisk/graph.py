"""The production chain as a networkx graph: parties, supplies_to edges, tiers.

An edge ``u -> v`` means *u supplies v*: flow runs toward the bidder. Tier is
derived, not declared: the length of the shortest supplies_to path from a
party to the bidder (bidder = 0, first-tier subcontractors = 1).

Everything is linear in the size of the declaration (one breadth-first search
from the bidder over reversed edges, one strongly-connected-components pass),
so a 100,000-party declaration builds in seconds. Parties with no path to the
bidder and cycles are *reported* in graph attributes, never dropped and never
fatal: the officer sees them in the assessment.

Node attributes (a :class:`PartyNode`, a mapping that reads the party rather than
copying it): every :class:`~scrisk.model.Party` field, plus ``tier``
(int, or None when unreachable), ``reachable`` (bool) and ``next_hop`` (the
next party on the shortest path to the bidder, None for the bidder and for
unreachable parties). Graph attributes: ``bidder`` (id), ``goods``
({good id: Good}), ``makers`` ({good id: [party ids]}), ``cycles`` (list of
id lists), ``unreachable`` (sorted ids).
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Mapping, MutableMapping
from dataclasses import fields
from typing import TYPE_CHECKING, Any

from scrisk.model import Declaration, Party

if TYPE_CHECKING:  # pragma: no cover
    import networkx as nx

_PARTY_FIELDS = tuple(f.name for f in fields(Party))
_IS_PARTY_FIELD = frozenset(_PARTY_FIELDS)
# keys kept in a PartyNode's own slots: where the party stands, then what the assessment
# writes on it (scrisk.assessment.propagation.annotate_graph)
_SLOT_OF = {
    "tier": "_tier",
    "reachable": "_reachable",
    "next_hop": "_next_hop",
    "intrinsic_score": "_intrinsic_score",
    "score": "_score",
    "risk_level": "_risk_level",
}


class _Unset:
    """The value of a PartyNode slot whose key is not set."""

    __slots__ = ()

    def __repr__(self) -> str:
        return "<unset>"


_UNSET: Any = _Unset()


class PartyNode(MutableMapping[str, Any]):
    """A party's node data: a mutable mapping like the dict networkx keeps by default, with
    the same keys (every :class:`~scrisk.model.Party` field, ``tier``, ``reachable``,
    ``next_hop``; the scores an assessment writes), whose party fields are read from
    the party rather than copied: a 100,000-party graph's node data is then a tenth of
    the size (28-key dicts are 768 bytes each) and is made in a fraction of the time.

    Setting or deleting a party field copies the party's fields in first (the party
    itself is frozen); any other key is kept beside them. ``copy()`` is a plain dict,
    and so is a pickled or deep-copied node's data.
    """

    __slots__ = (
        "_party",
        "_tier",
        "_reachable",
        "_next_hop",
        "_intrinsic_score",
        "_score",
        "_risk_level",
        "_more",
    )

    def __init__(
        self,
        party: Party | None = None,
        tier: int | None = _UNSET,
        reachable: bool = _UNSET,
        next_hop: str | None = _UNSET,
    ) -> None:
        self._party = party
        self._tier = tier
        self._reachable = reachable
        self._next_hop = next_hop
        self._intrinsic_score = self._score = self._risk_level = _UNSET
        self._more: dict[str, Any] | None = None

    def scored(self, intrinsic_score: float, score: float, risk_level: str) -> None:
        """The scores an assessment writes on the node (as three ``node[key] = value``)."""
        self._intrinsic_score = intrinsic_score
        self._score = score
        self._risk_level = risk_level

    def _materialise(self) -> dict[str, Any]:
        """The party's fields copied into the node's own keys (before one is changed)."""
        more = self._more or {}
        party = self._party
        if party is not None:
            more = {name: getattr(party, name) for name in _PARTY_FIELDS} | more
            self._party = None
        self._more = more
        return more

    def __getitem__(self, key: str) -> Any:
        more = self._more
        if more is not None and key in more:
            return more[key]
        slot = _SLOT_OF.get(key)
        if slot is not None:
            value = getattr(self, slot)
            if value is not _UNSET:
                return value
        elif self._party is not None and key in _IS_PARTY_FIELD:
            return getattr(self._party, key)
        raise KeyError(key)

    def get(self, key: str, default: Any = None) -> Any:
        try:
            return self[key]
        except KeyError:
            return default

    def __contains__(self, key: object) -> bool:
        try:
            self[key]  # type: ignore[index]  # any key a dict would take
        except KeyError:
            return False
        return True

    def __setitem__(self, key: str, value: Any) -> None:
        slot = _SLOT_OF.get(key)
        if slot is not None:
            setattr(self, slot, value)
        elif self._party is not None and key in _IS_PARTY_FIELD:
            self._materialise()[key] = value
        elif self._more is None:
            self._more = {key: value}
        else:
            self._more[key] = value

    def __delitem__(self, key: str) -> None:
        slot = _SLOT_OF.get(key)
        if slot is not None:
            if getattr(self, slot) is _UNSET:
                raise KeyError(key)
            setattr(self, slot, _UNSET)
            return
        if self._party is not None and key in _IS_PARTY_FIELD:
            self._materialise()
        if self._more is None:
            raise KeyError(key)
        del self._more[key]

    def __iter__(self) -> Iterator[str]:
        if self._party is not None:
            yield from _PARTY_FIELDS
        for key, slot in _SLOT_OF.items():
            if getattr(self, slot) is not _UNSET:
                yield key
        if self._more:
            yield from self._more

    def __len__(self) -> int:
        own = sum(getattr(self, slot) is not _UNSET for slot in _SLOT_OF.values())
        party = len(_PARTY_FIELDS) if self._party is not None else 0
        return party + own + len(self._more or ())

    def copy(self) -> dict[str, Any]:
        """The node's data as a plain dict (what networkx's ``G.copy()`` asks of it)."""
        return dict(self.items())

    def __or__(self, other: Mapping[str, Any]) -> dict[str, Any]:
        return self.copy() | dict(other)

    def __ror__(self, other: Mapping[str, Any]) -> dict[str, Any]:
        return dict(other) | self.copy()

    def __ior__(self, other: Mapping[str, Any]) -> PartyNode:
        self.update(other)
        return self

    def __repr__(self) -> str:
        return repr(self.copy())

    def __reduce__(self) -> tuple[Any, ...]:
        return (dict, (self.copy(),))


def build_graph(decl: Declaration) -> nx.DiGraph:
    """One node per party, supplies_to edges, tiers by BFS from the bidder."""
    G = new_digraph()
    # networkx's tables filled as add_nodes_from and add_edges_from fill them, without
    # their checks of each item (a party id is text, never None): suppliers and customers
    # of each party (one edge-data dict shared by both sides), then each node's data
    succ, pred, node = G._succ, G._pred, G._node
    for party in decl.parties:
        if party.id not in succ:
            succ[party.id] = {}
            pred[party.id] = {}
    for party in decl.parties:
        u, customers = party.id, succ[party.id]
        for t in party.supplies_to:
            # validation guarantees every target exists; a hand-built declaration may not
            if t in succ and t not in customers:
                customers[t] = pred[t][u] = {}

    bidder = next((p.id for p in decl.parties if p.role == "bidder"), None)
    tier, next_hop = _tiers_from(G, bidder)
    # each node's data: the party's fields, read from it, and where it stands (G.nodes[pid]
    # reads G._node)
    for party in decl.parties:
        pid = party.id
        # PartyNode(party, tier.get(pid), pid in tier, next_hop.get(pid)), its slots set
        # straight (no __init__ frame for each party)
        data = _NEW(PartyNode)
        data._party = party
        data._tier = tier.get(pid)
        data._reachable = pid in tier
        data._next_hop = next_hop.get(pid)
        data._intrinsic_score = data._score = data._risk_level = _UNSET
        data._more = None
        node[pid] = data

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


def new_digraph() -> nx.DiGraph:
    """An empty ``nx.DiGraph()``, made without networkx's backend dispatch of the class's
    ``__new__`` (some ten times the cost of the tables themselves, for each bid): its
    instance tables set straight, as ``DiGraph.__init__`` sets them (checked once against
    a graph networkx makes; any difference: ``nx.DiGraph()``)."""
    import networkx as nx

    if not _plain_digraph():
        return nx.DiGraph()
    G: nx.DiGraph = _NEW(nx.DiGraph)
    succ: dict[str, dict[str, dict[str, Any]]] = {}
    G.__dict__.update(graph={}, _node={}, _adj=succ, _succ=succ, _pred={}, __networkx_cache__={})
    return G


_NEW = object.__new__
_PLAIN: list[bool] = []  # whether new_digraph may set the tables straight, once known


def _plain_digraph() -> bool:
    """Whether ``nx.DiGraph()`` is an object with these tables only, all plain dicts
    (the successors' table under two names) and no other state."""
    if not _PLAIN:
        import networkx as nx

        G = nx.DiGraph()
        tables = vars(G)
        _PLAIN.append(
            type(G) is nx.DiGraph
            and set(tables) == {"graph", "_node", "_adj", "_succ", "_pred", "__networkx_cache__"}
            and all(type(v) is dict and not v for v in tables.values())
            and tables["_adj"] is tables["_succ"]
        )
    return _PLAIN[0]


def _tiers_from(G: nx.DiGraph, bidder: str | None) -> tuple[dict[str, int], dict[str, str]]:
    """BFS over reversed edges from the bidder: tier and next hop of every reachable party.

    Suppliers of a node are visited in sorted id order, so the shortest path
    chosen among equals does not depend on the order parties were declared.
    """
    if bidder is None or bidder not in G._pred:  # (its nodes: node data is set after)
        return {}, {}
    tier = {bidder: 0}
    next_hop: dict[str, str] = {}
    queue = deque([bidder])
    pred = G._pred  # suppliers by party (what G.pred views), read without a view per node
    while queue:
        node = queue.popleft()
        depth = tier[node] + 1
        suppliers = pred[node]
        for supplier in sorted(suppliers) if len(suppliers) > 1 else suppliers:
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

    if _acyclic(G):  # most chains: no component to look for
        return []
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


def _acyclic(G: nx.DiGraph) -> bool:
    """Whether ``G`` has no cycle (nor self-loop): Kahn's algorithm over its adjacency, every
    party taken once all its suppliers were."""
    pred, succ = G._pred, G._succ
    waiting = {n: len(suppliers) for n, suppliers in pred.items() if suppliers}
    ready = [n for n in pred if n not in waiting]
    while ready:
        for customer in succ[ready.pop()]:
            left = waiting[customer] - 1
            if left:
                waiting[customer] = left
            else:
                del waiting[customer]
                ready.append(customer)
    return not waiting


def path_to_bidder(G: nx.DiGraph, party_id: str) -> list[str]:
    """Shortest supplies_to path, party first and bidder last; [] when there is none."""
    nodes = G._node  # what G.nodes[...] reads, without its view
    data = nodes.get(party_id)
    if data is None or not data.get("reachable"):
        return []
    path = [party_id]
    node: str | None = party_id
    while (node := _next_hop(nodes[node])) is not None:
        path.append(node)
    return path


def _next_hop(data: MutableMapping[str, Any]) -> str | None:
    """A node's ``next_hop`` (a PartyNode's read from its slot)."""
    if type(data) is PartyNode:
        found = data._next_hop
        if found is not _UNSET:
            return found
    return data["next_hop"]  # type: ignore[no-any-return]


def next_hop(data: MutableMapping[str, Any]) -> str | None:
    """The next party on a reachable node's shortest path to the bidder, from its data
    (None for the bidder, an unreachable party, or data without the key)."""
    if type(data) is PartyNode:
        found = data._next_hop
        if data._reachable is True and found is not _UNSET:
            return found
    if not data.get("reachable"):
        return None
    return data.get("next_hop")


def _tier(data: MutableMapping[str, Any]) -> int | None:
    """A node's ``tier`` (a PartyNode's read from its slot)."""
    if type(data) is PartyNode:
        found = data._tier
        if found is not _UNSET:
            return found
    return data["tier"]  # type: ignore[no-any-return]


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
    pred = G._pred  # suppliers by party (what G.pred views), read without a view per node
    while queue:
        for supplier in pred[queue.popleft()]:
            if supplier not in seen:
                seen.add(supplier)
                queue.append(supplier)
    return seen


def tiers(G: nx.DiGraph) -> dict[str, int | None]:
    """Tier of every party (None when it has no path to the bidder), in node order."""
    out: dict[str, int | None] = {}
    for pid, data in G._node.items():  # _tier(data), inline: asked several times a bid
        found = data._tier if type(data) is PartyNode else _UNSET
        out[pid] = data["tier"] if found is _UNSET else found
    return out


def first_tier(G: nx.DiGraph) -> list[str]:
    """The first-tier subcontractors: parties at tier 1, sorted."""
    return sorted(pid for pid, data in G._node.items() if _tier(data) == 1)


__all__ = [
    "PartyNode",
    "build_graph",
    "chain_of_good",
    "find_cycles",
    "first_tier",
    "makers",
    "new_digraph",
    "path_to_bidder",
    "tiers",
    "upstream",
]
