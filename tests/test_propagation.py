"""Propagation on hand-built graphs: riskiest chain wins, attenuation per hop, cycles, scale."""

from __future__ import annotations

import networkx as nx
import pytest

from scrisk.assessment.propagation import (
    annotate_graph,
    floor_score,
    intrinsic_scores,
    level_of,
    propagate,
)
from scrisk.findings import Flag
from scrisk.policy import load_policy
from scrisk.vocab import at_least

SCORING = load_policy().scoring
LEVELS = load_policy().levels


def chain(*edges: tuple[str, str], cycles: bool = False) -> nx.DiGraph:
    G = nx.DiGraph(edges)
    G.graph["cycles"] = [list(c) for c in nx.simple_cycles(G)] if cycles else []
    return G


def flag(party: str, severity: str, rule: str = "GOODS") -> Flag:
    return Flag(rule, severity, party, None, f"rule.{rule}.x")


def test_intrinsic_is_noisy_or_of_flag_weights():
    w = SCORING.severity_weight
    got = intrinsic_scores(["A", "B"], [flag("A", "high"), flag("A", "medium")], SCORING)
    assert got["A"] == pytest.approx(1 - (1 - w["high"]) * (1 - w["medium"]))
    assert got["B"] == 0.0


def test_info_and_summary_flags_add_nothing():
    got = intrinsic_scores(
        ["A"], [flag("A", "info", "WATCHLIST"), flag("A", "critical", "CT9897")], SCORING
    )
    assert got["A"] == 0.0


def test_risk_flows_downstream_with_attenuation():
    G = chain(("C", "B"), ("B", "A"))  # C supplies B supplies A (bidder)
    score = propagate(G, {"C": 0.8}, attenuation=0.9)
    assert score["C"] == pytest.approx(0.8)
    assert score["B"] == pytest.approx(0.72)
    assert score["A"] == pytest.approx(0.648)


def test_riskiest_supplier_wins_and_clean_ones_do_not_dilute():
    G = chain(*[(f"S{i}", "A") for i in range(50)], ("BAD", "A"))
    score = propagate(G, {"BAD": 0.9}, attenuation=1.0)
    assert score["A"] == pytest.approx(0.9)


def test_own_risk_kept_when_higher_than_carried():
    G = chain(("C", "B"), ("B", "A"))
    score = propagate(G, {"C": 0.3, "B": 0.6}, attenuation=0.9)
    assert score["B"] == pytest.approx(0.6) and score["A"] == pytest.approx(0.54)


def test_upstream_risk_cannot_flow_against_the_edges():
    G = chain(("C", "B"), ("B", "A"))
    score = propagate(G, {"A": 0.9}, attenuation=0.9)
    assert score["B"] == 0.0 and score["C"] == 0.0


def test_cycle_members_share_risk_and_pass_it_on():
    # X and Y supply each other; Y supplies the bidder A; risk enters X from U
    G = chain(("U", "X"), ("X", "Y"), ("Y", "X"), ("Y", "A"), cycles=True)
    score = propagate(G, {"U": 1.0}, attenuation=0.5)
    assert score["X"] == pytest.approx(0.5)
    assert score["Y"] == pytest.approx(0.25)
    assert score["A"] == pytest.approx(0.125)


def test_self_loop_is_harmless():
    G = chain(("A", "A"), ("B", "A"), cycles=True)
    score = propagate(G, {"B": 0.5}, attenuation=1.0)
    assert score["A"] == pytest.approx(0.5)


def test_deep_chain_and_wide_graph_are_linear_and_recursion_free():
    n = 20_000
    G = chain(*[(f"P{i + 1}", f"P{i}") for i in range(n)])
    score = propagate(G, {f"P{n}": 1.0}, attenuation=1.0)
    assert score["P0"] == pytest.approx(1.0)


def test_levels_and_floors():
    assert [level_of(s, LEVELS) for s in (80, 60, 30, 10)] == ["critical", "high", "medium", "low"]
    assert at_least("low", "high") == "high" and at_least("critical", "medium") == "critical"
    assert floor_score(40.0, "high", LEVELS) == LEVELS.high
    assert floor_score(40.0, "low", LEVELS) == 40.0


def test_annotations_on_nodes_and_edges():
    G = chain(("C", "B"))
    score = propagate(G, {"C": 0.5}, attenuation=0.9)
    annotate_graph(G, {"C": 0.5}, score, {"C": "medium", "B": "medium"}, attenuation=0.9)
    assert G.nodes["C"]["intrinsic_score"] == 50.0 and G.nodes["B"]["score"] == 45.0
    assert G.edges["C", "B"]["score"] == 45.0


def test_many_high_flags_stay_below_critical_but_one_critical_reaches_it():
    flags = [flag("A", "high"), flag("A", "high", "COUNTRY"), flag("A", "high", "AUDIT")]
    capped = intrinsic_scores(["A"], flags, SCORING, LEVELS)["A"]
    assert level_of(100 * capped, LEVELS) == "high"
    assert intrinsic_scores(["A"], flags, SCORING)["A"] > capped  # uncapped noisy-OR is higher
    crit = intrinsic_scores(["A"], [*flags, flag("A", "critical", "REGION")], SCORING, LEVELS)
    assert level_of(100 * crit["A"], LEVELS) == "critical"


def test_cycle_found_even_when_the_graph_does_not_say():
    G = nx.DiGraph([("U", "X"), ("X", "Y"), ("Y", "X"), ("Y", "A")])  # no "cycles" attribute
    score = propagate(G, {"U": 1.0}, attenuation=0.5)
    assert score["A"] == pytest.approx(0.125)
