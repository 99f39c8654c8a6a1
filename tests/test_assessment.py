"""The Assessment object: inputs accepted, document shape, DataFrames, graph, paths, Excel."""

from __future__ import annotations

from datetime import date

import pytest
from assessment_bids import add_party, bid, example, party

import scrisk
from scrisk.errors import ScriskError


def test_sources_accepted_and_as_of_forms():
    decl = scrisk.load_declaration(example("glove_bid"))
    by_path = scrisk.assess(example("glove_bid"), as_of="2024-01-01")
    by_decl = scrisk.assess(decl, as_of=date(2024, 1, 1))
    by_str_path = scrisk.assess(str(example("glove_bid")), as_of="2024-01-01")
    assert by_path.to_json() == by_decl.to_json() == by_str_path.to_json()
    assert scrisk.assess(bid()).as_of == date(2022, 6, 30)


def test_bad_as_of_is_a_clear_error():
    with pytest.raises(ScriskError, match="as_of"):
        scrisk.assess(bid(), as_of="next tuesday")


def test_policy_file_overrides_defaults(tmp_path):
    path = tmp_path / "ours.toml"
    path.write_text("[scoring]\nattenuation = 0.5\n", encoding="utf-8")
    a = scrisk.assess(example("apparel_bid"), policy=path)
    assert a.policy["scoring"]["attenuation"] == 0.5
    assert (
        a.graph.nodes["Y1"]["score"]
        < scrisk.assess(example("apparel_bid")).graph.nodes["Y1"]["score"]
    )


def test_document_keys_and_summary():
    doc = scrisk.assess(example("glove_bid")).to_dict()
    assert doc["format"] == "scrisk-assessment/1" and doc["lang"] == "en"
    for key in (
        "solicitation",
        "bidder",
        "as_of",
        "risk_level",
        "score",
        "summary",
        "flags",
        "parties",
        "paths",
        "clauses",
        "graph",
        "screening",
        "decisions",
        "data",
    ):
        assert key in doc
    assert doc["summary"]["parties"] == 3 and doc["summary"]["max_tier"] == 2
    assert sum(doc["summary"]["flags_by_severity"].values()) == len(doc["flags"])
    (good,) = doc["solicitation"]["goods"]
    assert good["makers"] == ["M1"] and "Rubber Gloves" in good["ilab_goods"]
    assert good["risk_level"] == "critical"
    ids = {d["id"] for d in doc["data"]}
    assert {"ilab_goods_2022", "cbp_wro_findings"} <= ids
    assert doc["screening"][0]["party"] == "M1" and doc["screening"][0]["class"] == "strong"


def test_dataframes():
    a = scrisk.assess(example("apparel_bid"))
    assert list(a.parties["id"]) == sorted(["B", "M1", "F1", "Y1", "C1"])
    assert {"tier", "score", "risk_level", "intrinsic_score"} <= set(a.parties.columns)
    assert len(a.flags) == len(a.flag_list)
    assert a.flags.iloc[0]["severity"] == "critical"
    assert list(a.clauses["clause"]) == ["A3006T", "POW", "PN150", "CT9897", "CODE", "S211"]
    assert {"kind", "source"} <= set(a.clauses.columns)
    frame = a.flags
    frame["rule"] = "changed"  # a copy: the assessment is unchanged
    assert set(a.flags["rule"]) != {"changed"}


def test_graph_carries_risk_on_nodes_and_edges():
    a = scrisk.assess(example("apparel_bid"))
    G = a.graph
    assert G.nodes["C1"]["intrinsic_score"] > 0 and G.nodes["B"]["intrinsic_score"] == 0
    assert G.nodes["B"]["score"] > 0 and G.nodes["C1"]["risk_level"] == "critical"
    assert G.edges["C1", "Y1"]["score"] > 0


def test_paths_are_riskiest_first_and_end_at_the_bidder():
    a = scrisk.assess(example("apparel_bid"))
    order = ["critical", "high", "medium", "unknown", "low"]
    keys = [(order.index(p.risk_level), -p.score) for p in a.paths]
    assert keys == sorted(keys)
    assert a.paths[0].source == "C1"  # the Xinjiang gin, four tiers up
    assert {p.source for p in a.paths} == {"C1", "Y1", "F1", "M1"}
    assert all(p.path[-1] == "B" and p.path[0] == p.source for p in a.paths)


def test_unreachable_party_and_cycle_are_reported_not_dropped():
    doc = add_party(bid(), id="Z1", role="agent", name="Lost Agent", country="CA")
    party(doc, "F1")["supplies_to"] = ["M1"]
    doc["parties"].append(
        {
            "id": "Y1",
            "role": "material_supplier",
            "name": "Loop Yarn",
            "address": "1 Rd",
            "country": "CA",
            "supplies_to": ["F1"],
            "materials": ["cotton yarn"],
        }
    )
    party(doc, "F1")["supplies_to"] = ["M1", "Y1"]  # F1 <-> Y1
    a = scrisk.assess(doc)
    out = a.to_dict()
    assert out["graph"]["unreachable"] == ["Z1"]
    assert out["graph"]["cycles"] == [["F1", "Y1"]]
    z1 = next(p for p in out["parties"] if p["id"] == "Z1")
    assert z1["tier"] is None and z1["reachable"] is False


def test_to_excel_writes_the_reviewer_workbook(tmp_path):
    from openpyxl import load_workbook

    out = scrisk.assess(example("glove_bid")).to_excel(tmp_path / "r.xlsx", lang="fr")
    wb = load_workbook(out, read_only=True)
    assert len(wb.sheetnames) >= 4


def test_french_document_has_french_messages():
    doc = scrisk.assess(example("glove_bid")).to_dict("fr")
    watch = next(f for f in doc["flags"] if f["rule"] == "WATCHLIST")
    assert "correspond à" in watch["message"] and doc["lang"] == "fr"


def test_document_is_a_fresh_copy():
    a = scrisk.assess(example("glove_bid"))
    doc = a.to_dict()
    doc["flags"][0]["evidence"][0]["record"] = "tampered"
    doc["paths"][0]["path"].append("X")
    assert "tampered" not in a.to_json() and a.paths[0].path[-1] == "B"


@pytest.mark.parametrize(
    "override,name",
    [
        ({"scoring": {"attenuation": 3}}, "scoring.attenuation"),
        ({"scoring": {"severity_weight": {"high": "a lot"}}}, "scoring.severity_weight.high"),
        ({"levels": {"high": 90}}, "levels.critical >= levels.high"),
        ({"levels": {"data_gap_floor": "unknown"}}, "levels.data_gap_floor"),
        ({"clauses": {"PN150": {"all": "soon"}}}, "clauses.PN150.all"),
        ({"rights": {"A3006T": ["wages", "fun"]}}, "rights.A3006T"),
        ({"rules": {"country_severity": {"high": "severe"}}}, "rules.country_severity.high"),
    ],
)
def test_unusable_policy_settings_are_named(override, name):
    from scrisk.errors import PolicyError

    with pytest.raises(PolicyError, match=name.replace(".", r"\.")):
        scrisk.assess(bid(), policy=override)


def test_json_policy_with_string_dates(tmp_path):
    path = tmp_path / "p.json"
    path.write_text('{"clauses": {"PN150": {"contract": "2021-11-11"}}}', encoding="utf-8")
    a = scrisk.assess(bid(closing_date="2021-11-05"), policy=path)
    assert next(c.status for c in a.clause_list if c.clause == "PN150") == "not_applicable"


def test_changing_an_assessments_policy_changes_nothing_else():
    a = scrisk.assess(bid())
    a.policy["levels"]["medium"] = 0.0
    assert a.policy["levels"]["medium"] == 25.0
    assert scrisk.assess(bid()).risk_level == "low"


VARIANTS = {
    "WATCHLIST": ("strong", "possible", "inactive", "not_yet", "unknown_status", "unverified"),
    "REGION": (
        "located",
        "cotton_order",
        "cotton_order_unknown",
        "cotton_order_outside",
        "documented",
    ),
    "GOODS": ("forced", "forced_child", "child", "tainted"),
    "COUNTRY": ("high", "medium", "low"),
    "DATA_GAP": (
        "country_unresolved",
        "no_profile",
        "profile_unknown",
        "good_unmapped",
        "material_unmapped",
    ),
    "EP_CERT": ("missing", "incomplete", "late", "undated", "not_covered", "tier1_missing"),
    "POW": ("missing", "unresolved"),
    "CHAIN_GAP": ("no_maker", "no_source"),
    "CAPACITY": ("exceeds",),
    "AUDIT": ("fail", "indicators"),
    "CT9897": (
        "entity",
        "region",
        "possible",
        "listing",
        "entity_unverified",
        "entity_ambiguous",
        "entity_outside",
        "region_order",
        "region_dated",
    ),
    "S211": ("no_report", "old_report", "filed_later", "not_said"),
}


def test_every_message_key_a_rule_can_raise_is_in_both_catalogues():
    from pathlib import Path

    from scrisk.assessment.rules import RULE_MODULES
    from scrisk.i18n import catalogue

    assert set(VARIANTS) == set(RULE_MODULES)
    folder = Path(scrisk.__file__).parent / "assessment" / "rules"
    en, fr = catalogue("en"), catalogue("fr")
    for rule, variants in VARIANTS.items():
        source = (folder / f"{RULE_MODULES[rule]}.py").read_text(encoding="utf-8")
        for v in variants:
            if rule != "COUNTRY":  # COUNTRY's variant is the profile's risk level
                assert f'"{v}"' in source, (rule, v)
            assert f"rule.{rule}.{v}" in en and f"rule.{rule}.{v}" in fr
