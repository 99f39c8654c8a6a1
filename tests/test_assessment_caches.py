"""The assessment's process-wide caches never carry an answer over to an input that differs:
weights and ceilings by scoring and levels tables, rounded scores, CT9897's cited
records, the datasets past their horizon by date, and rule messages by declaration."""

from __future__ import annotations

from datetime import date

import networkx as nx
from assessment_bids import example, flags_of

import scrisk
from scrisk.assessment.engine import _score_ranks
from scrisk.assessment.propagation import annotate_graph, intrinsic_scores, kind_weights
from scrisk.assessment.rules import ct9897, data_horizon
from scrisk.assessment.rules._flag import flag
from scrisk.assessment.rules.spec import RuleSpec
from scrisk.findings import Evidence, Flag
from scrisk.policy import load_policy
from scrisk.reference import get_reference
from scrisk.reference.freshness import horizon_of
from scrisk.vocab import Rule


def _flag(party: str, severity: str, rule: str = "GOODS") -> Flag:
    return Flag(rule, severity, party, None, f"rule.{rule}.x")


def test_flag_weights_are_kept_per_scoring_table():
    usual = load_policy().scoring
    heavier = load_policy({"scoring": {"severity_weight": {"medium": 0.9}}}).scoring
    flags = [_flag("A", "medium")]
    first = intrinsic_scores(["A"], flags, usual)["A"]
    assert intrinsic_scores(["A"], flags, heavier)["A"] == 0.9 != first
    assert intrinsic_scores(["A"], flags, usual)["A"] == first  # the first table's again
    assert kind_weights(usual) is not kind_weights(heavier)


def test_score_levels_are_kept_per_thresholds():
    usual = load_policy().levels
    lower = load_policy({"levels": {"medium": 5.0}}).levels
    assert _score_ranks(usual) is not _score_ranks(lower)
    a = scrisk.assess(example("glove_bid"))
    b = scrisk.assess(example("glove_bid"), policy={"levels": {"critical": 99.9, "high": 99.0}})
    assert a.risk_level != b.risk_level or a.score != b.score or a.paths != b.paths
    assert scrisk.assess(example("glove_bid")).party_scores == a.party_scores


def test_rounded_scores_follow_the_attenuation():
    G = nx.DiGraph([("A", "B")])
    one = annotate_graph(G, {"A": 0.5}, {"A": 0.5, "B": 0.25}, {}, attenuation=0.5)
    assert G.edges["A", "B"]["score"] == 25.0
    two = annotate_graph(G, {"A": 0.5}, {"A": 0.5, "B": 0.35}, {}, attenuation=0.7)
    assert G.edges["A", "B"]["score"] == 35.0
    assert one["A"] == two["A"] and one["B"] != two["B"]
    assert (two["B"].score, two["B"].risk_level) == (35.0, "low")


def test_a_cited_record_is_kept_per_flag_party_path_labour_and_cap():
    e = Evidence("src", "2024", "rec", detail={"k": "v"})
    f = Flag(Rule.GOODS, "high", "P1", "G1", "rule.GOODS.forced", evidence=(e,), path=("P1", "B"))
    g = Flag(Rule.GOODS, "high", "P2", "G1", "rule.GOODS.forced", evidence=(e,), path=("P2", "B"))
    made = {
        (x.party, labour, cap): ct9897._cited(e, x, labour, cap)
        for x in (f, g)
        for labour in ("forced", "child")
        for cap in ("", "dated")
    }
    assert len({repr(m.detail) for m in made.values()}) == len(made) == 8
    assert made[("P1", "forced", "")].detail == {
        "k": "v",
        "rule": "GOODS",
        "party": "P1",
        "path": ["P1", "B"],
        "labour_type": "forced",
    }
    assert made[("P2", "child", "dated")].detail["at_most_high"] == "dated"


def test_ct9897_evidence_of_two_bids_on_other_paths_differs():
    first = flags_of(scrisk.assess(example("apparel_bid")), "CT9897")[0]
    again = flags_of(scrisk.assess(example("apparel_bid")), "CT9897")[0]
    assert [e.detail for e in first.evidence] == [e.detail for e in again.evidence]
    assert {e.detail["path"][0] for e in first.evidence} >= {"C1"}


def test_datasets_past_their_horizon_depend_on_the_date():
    ref = get_reference()
    early = data_horizon._past_horizon(ref, date(2000, 1, 1))
    late = data_horizon._past_horizon(ref, date(2999, 1, 1))
    dated = [d.id for d in ref.datasets if horizon_of(d) is not None]
    assert early == () and [d for d, _, _ in late] == dated and dated
    assert data_horizon._past_horizon(ref, date(2000, 1, 1)) == ()


def test_a_rule_message_is_kept_per_declaration():
    from scrisk.assessment.context import Context

    ctx = Context.__new__(Context)
    one = RuleSpec(Rule.AUDIT, messages=("a",))
    other = RuleSpec(Rule.AUDIT, messages=("a", "b"))
    assert flag(ctx, one, "low", "a", path=()).message_key == "rule.AUDIT.a"
    assert flag(ctx, other, "low", "b", path=()).message_key == "rule.AUDIT.b"
    try:
        flag(ctx, one, "low", "b", path=())
    except ValueError:
        pass
    else:  # pragma: no cover
        raise AssertionError("a message the rule does not declare was accepted")


def test_the_day_of_a_text_is_kept_per_text_and_reading():
    import pytest

    from scrisk.dates import to_date

    assert to_date("2024-05") == date(2024, 5, 1)
    with pytest.raises(ValueError):
        to_date("2024-05", month=False)  # the same text, read another way
    assert to_date("2024-05-02T10:00") == date(2024, 5, 2)
    with pytest.raises(ValueError):
        to_date("2024-05-02T10:00", with_time=False)
    assert to_date("2024-05-03") == date(2024, 5, 3) != to_date("2024-05-04")
    assert to_date("  ") is None and to_date("") is None


def test_an_empty_graph_is_networkx_own():
    from scrisk.graph import new_digraph

    G, H = new_digraph(), nx.DiGraph()
    assert type(G) is nx.DiGraph and vars(G).keys() == vars(H).keys()
    assert G._succ is G._adj and G._succ is not new_digraph()._succ
    G.add_edge("A", "B")
    assert list(G.edges) == [("A", "B")] and list(G.predecessors("B")) == ["A"]


def test_a_flag_made_fast_is_the_one_the_class_makes():
    import dataclasses
    import pickle

    import pytest

    from scrisk.findings import new_evidence, new_flag

    e = new_evidence("src", "2024", "rec", detail={"a": 1})
    assert e == Evidence("src", "2024", "rec", detail={"a": 1}) and type(e) is Evidence
    args = (Rule.GOODS, "high", "P1", "G1", "rule.GOODS.forced")
    f, g = new_flag(*args, {"x": 1}, (e,), ("P1", "B")), Flag(*args, {"x": 1}, (e,), ("P1", "B"))
    assert f == g and type(f) is Flag and f.sort_key() == g.sort_key()
    assert new_flag(*args).params == {} and new_flag(*args).params is not new_flag(*args).params
    assert (new_flag(*args).weight, new_flag(*args, reviewed={"d": 1}).reviewed) == (None, {"d": 1})
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.party = "P2"  # type: ignore[misc]
    assert pickle.loads(pickle.dumps(f)) == f and dataclasses.replace(f, party="P2").party == "P2"


def test_the_scoring_pass_gives_the_intrinsic_scores():
    pol = load_policy()
    for name in ("glove_bid", "apparel_bid", "prison_labour_bid"):
        a = scrisk.assess(example(name))
        want = intrinsic_scores(a.graph.nodes, a.flag_list, pol.scoring, pol.levels)
        got = {n: s.intrinsic_score for n, s in a.party_scores.items()}
        assert got == {n: round(100.0 * v, 1) for n, v in want.items()}
        assert any(v > 0 for v in want.values())


def test_a_partys_ilab_goods_follow_the_solicitation_goods():
    from assessment_bids import bid, party

    def goods_flags(hs: str, description: str) -> set[str]:
        doc = bid(goods=[{"id": "G1", "description": description, "hs_code": hs, "quantity": 1}])
        party(doc, "M1").update(country="MY")
        return {f.params["ilab_good"]["en"] for f in flags_of(scrisk.assess(doc), "GOODS")}

    shirts = goods_flags("6205.20", "Work shirts, woven cotton")
    gloves = goods_flags("4015.19", "Nitrile examination gloves")
    assert shirts and gloves and shirts != gloves
    assert goods_flags("6205.20", "Work shirts, woven cotton") == shirts


def test_paths_and_clause_rows_made_fast_are_the_ones_the_classes_make():
    import dataclasses
    import pickle

    from scrisk.assessment.clauses import ClauseStatus, _new_status
    from scrisk.assessment.propagation import RiskPath, new_risk_path

    path = new_risk_path("A", ("A", "B"), 1.5, "low")
    assert path == RiskPath("A", ("A", "B"), 1.5, "low") and type(path) is RiskPath
    row = _new_status("POW", "pass", ("POW:A:",), "note", {"k": "v"}, "documentary", "src")
    assert row == ClauseStatus("POW", "pass", ("POW:A:",), "note", {"k": "v"}, "documentary", "src")
    assert _new_status("POW", "pass").note_params == {} and _new_status("POW", "pass").kind == (
        "documentary"
    )
    assert (
        pickle.loads(pickle.dumps(row)) == row and dataclasses.replace(path, score=2.0).score == 2
    )


def test_ceilings_are_kept_per_levels_table():
    from scrisk.assessment.propagation import ceilings

    usual, lower = load_policy().levels, load_policy({"levels": {"high": 40.0}}).levels
    assert ceilings(usual) is ceilings(usual)
    assert ceilings(lower)[2] == (40.0 - 0.1) / 100.0 != ceilings(usual)[2]
    flags = [_flag("A", "medium"), _flag("A", "medium"), _flag("A", "medium")]
    assert intrinsic_scores(["A"], flags, load_policy().scoring, lower)["A"] <= 0.399
