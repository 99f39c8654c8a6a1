"""Graph: tiers by BFS, paths, goods chains, cycles and unreachable parties."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
from hypothesis import given, settings
from hypothesis import strategies as st

from scrisk.graph import (
    build_graph,
    chain_of_good,
    first_tier,
    makers,
    path_to_bidder,
    tiers,
)
from scrisk.readers import load_declaration

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _decl(parties: list[dict], goods=("G1",)):
    return load_declaration(
        {
            "solicitation": {
                "id": "S",
                "category": "apparel",
                "closing_date": "2022-03-31",
                "goods": [{"id": g, "description": g} for g in goods],
            },
            "parties": parties,
        }
    )


def test_apparel_example_tiers_and_path() -> None:
    G = build_graph(load_declaration(EXAMPLES / "apparel_bid.json"))
    assert tiers(G) == {"B": 0, "M1": 1, "F1": 2, "Y1": 3, "C1": 4}
    assert path_to_bidder(G, "C1") == ["C1", "Y1", "F1", "M1", "B"]
    assert path_to_bidder(G, "B") == ["B"]
    assert G.graph["bidder"] == "B"
    assert set(G.graph["goods"]) == {"G1"}
    assert makers(G, "G1") == ["M1"]
    assert chain_of_good(G, "G1") == {"M1", "F1", "Y1", "C1"}
    assert first_tier(G) == ["M1"]
    assert G.graph["cycles"] == [] and G.graph["unreachable"] == []
    node = G.nodes["C1"]
    assert node["region"] == "Xinjiang" and node["country_code"] == "CN"
    assert node["reachable"] is True and node["tier"] == 4
    assert G.has_edge("C1", "Y1") and not G.has_edge("Y1", "C1")  # u supplies v


def test_unreachable_party_is_kept_and_reported() -> None:
    G = build_graph(
        _decl(
            [
                {"id": "B", "role": "bidder"},
                {"id": "M1", "role": "manufacturer", "supplies_to": ["B"], "goods": ["G1"]},
                {"id": "X", "role": "agent"},
                {"id": "Y", "role": "material_supplier", "supplies_to": ["X"]},
            ]
        )
    )
    assert set(G.nodes) == {"B", "M1", "X", "Y"}
    assert G.graph["unreachable"] == ["X", "Y"]
    assert G.nodes["X"]["tier"] is None and G.nodes["X"]["reachable"] is False
    assert path_to_bidder(G, "Y") == []
    assert path_to_bidder(G, "nobody") == []


def test_cycle_is_reported_not_fatal() -> None:
    G = build_graph(
        _decl(
            [
                {"id": "B", "role": "bidder"},
                {"id": "M1", "role": "manufacturer", "supplies_to": ["B", "F1"], "goods": ["G1"]},
                {"id": "F1", "role": "material_supplier", "supplies_to": ["M1"]},
                {"id": "L", "role": "agent", "supplies_to": ["L"]},
            ]
        )
    )
    assert G.graph["cycles"] == [["F1", "M1"], ["L"]]
    assert tiers(G) == {"B": 0, "M1": 1, "F1": 2, "L": None}
    assert chain_of_good(G, "G1") == {"M1", "F1"}


def test_shortest_path_wins_and_ties_break_by_id() -> None:
    G = build_graph(
        _decl(
            [
                {"id": "B", "role": "bidder"},
                {"id": "M2", "role": "manufacturer", "supplies_to": ["B"]},
                {"id": "M1", "role": "manufacturer", "supplies_to": ["B"]},
                {"id": "A", "role": "agent", "supplies_to": ["M1"]},
                {"id": "R", "role": "material_supplier", "supplies_to": ["A", "M2", "M1"]},
            ]
        )
    )
    assert G.nodes["R"]["tier"] == 2
    assert path_to_bidder(G, "R") == ["R", "M1", "B"]


def test_good_without_maker_has_empty_chain() -> None:
    G = build_graph(_decl([{"id": "B", "role": "bidder"}], goods=("G1", "G2")))
    assert makers(G, "G2") == [] and chain_of_good(G, "G2") == set()


@settings(max_examples=60, deadline=None)
@given(
    st.integers(min_value=1, max_value=25).flatmap(
        lambda n: st.tuples(
            st.just(n),
            st.lists(st.tuples(st.integers(0, n - 1), st.integers(0, n - 1)), max_size=3 * n),
        )
    )
)
def test_tier_equals_networkx_shortest_path_length(case) -> None:
    n, pairs = case
    ids = [f"P{i}" for i in range(n)]
    supplies: dict[str, list[str]] = {pid: [] for pid in ids}
    for a, b in pairs:
        if ids[b] not in supplies[ids[a]]:
            supplies[ids[a]].append(ids[b])
    parties = [{"id": ids[0], "role": "bidder", "supplies_to": supplies[ids[0]]}]
    parties += [
        {"id": pid, "role": "subcontractor", "supplies_to": supplies[pid]} for pid in ids[1:]
    ]
    G = build_graph(_decl(parties))
    ref = nx.DiGraph()
    ref.add_nodes_from(ids)
    ref.add_edges_from((a, b) for a in ids for b in supplies[a])
    lengths = nx.single_target_shortest_path_length(ref, ids[0])
    expected = dict(lengths)
    for pid in ids:
        assert G.nodes[pid]["tier"] == expected.get(pid)
        path = path_to_bidder(G, pid)
        if pid in expected:
            assert len(path) == expected[pid] + 1 and path[-1] == ids[0]
            assert all(ref.has_edge(u, v) for u, v in zip(path, path[1:], strict=False))
        else:
            assert path == []
    assert G.graph["unreachable"] == sorted(set(ids) - set(expected))
    # every reported cycle is a real cycle
    for cycle in G.graph["cycles"]:
        ring = cycle + cycle[:1]
        assert all(ref.has_edge(u, v) for u, v in zip(ring, ring[1:], strict=False))
    has_cycle = not nx.is_directed_acyclic_graph(ref)
    assert bool(G.graph["cycles"]) == has_cycle


def test_node_data_reads_as_the_plain_dict_it_replaces() -> None:
    """Node data (PartyNode) holds what a dict of the party's fields, tier, reachable and
    next_hop would, and behaves like one: set, delete, copy, pickle, networkx copies."""
    import copy
    import pickle
    from dataclasses import asdict, fields

    decl = load_declaration(EXAMPLES / "apparel_bid.json")
    G = build_graph(decl)
    party = next(p for p in decl.parties if p.id == "C1")
    plain = {f.name: getattr(party, f.name) for f in fields(party)}
    plain |= {"tier": 4, "reachable": True, "next_hop": "Y1"}
    node = G.nodes["C1"]
    assert dict(node) == plain and node == plain and len(node) == len(plain)
    assert list(node) == list(plain)  # same keys, same order
    assert node.copy() == plain and type(node.copy()) is dict
    assert node.get("missing") is None and "missing" not in node and "tier" in node
    assert node | {"x": 1} == plain | {"x": 1} and {"x": 1} | node == {"x": 1} | plain
    node["score"] = 12.5  # a key the assessment writes
    node["note"] = "checked"  # any other key
    node[7] = "seven"  # a key a dict would take, text or not
    assert 7 in node and node[7] == "seven"
    del node[7]
    node["name"] = "Renamed"  # a party field: the party stays as declared
    assert node["name"] == "Renamed" and party.name != "Renamed"
    del node["region"]
    assert "region" not in node and node["score"] == 12.5 and node["note"] == "checked"
    expected = {k: v for k, v in plain.items() if k != "region"}
    expected |= {"name": "Renamed", "score": 12.5, "note": "checked"}
    assert dict(node) == expected
    assert pickle.loads(pickle.dumps(G)).nodes["C1"] == expected
    assert copy.deepcopy(G).nodes["C1"] == expected
    assert G.copy().nodes["C1"] == expected and G.subgraph(["C1"]).nodes["C1"] == expected
    assert nx.reverse_view(G).nodes["Y1"]["tier"] == 3
    assert asdict(party)["region"] == "Xinjiang"


def test_the_graph_is_the_one_networkx_would_build() -> None:
    """build_graph fills networkx's tables itself: the same nodes, edges, order and views."""
    decl = load_declaration(EXAMPLES / "apparel_bid.json")
    G = build_graph(decl)
    ref = nx.DiGraph()
    ref.add_nodes_from(p.id for p in decl.parties)
    ref.add_edges_from((p.id, t) for p in decl.parties for t in p.supplies_to)
    assert list(G.nodes) == list(ref.nodes) and list(G.edges) == list(ref.edges)
    assert list(G.pred.items()) == list(ref.pred.items())
    assert G.number_of_edges() == ref.number_of_edges() and nx.is_directed_acyclic_graph(G)
    u, v = next(iter(G.edges))
    G.edges[u, v]["note"] = "x"  # one data dict for both directions, as networkx keeps it
    assert G.pred[v][u]["note"] == "x" and G.copy().edges[u, v]["note"] == "x"
    assert nx.utils.graphs_equal(nx.DiGraph(G.edges), nx.DiGraph(ref.edges))
