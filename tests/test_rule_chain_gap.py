"""CHAIN_GAP: goods with no maker; makers of high-risk goods with no source for risky inputs."""

from __future__ import annotations

from assessment_bids import bid, example, flags_of, party

import scrisk


def test_good_without_maker():
    doc = bid(
        goods=[
            {"id": "G1", "description": "Work shirts", "hs_code": "6205.20"},
            {"id": "G2", "description": "Work trousers", "hs_code": "6203.42"},
        ]
    )
    (flag,) = flags_of(scrisk.assess(doc), "CHAIN_GAP")
    assert (flag.severity, flag.party, flag.good, flag.message_key) == (
        "medium",
        None,
        "G2",
        "rule.CHAIN_GAP.no_maker",
    )


def test_garment_maker_with_no_fabric_or_fibre_source():
    doc = bid()
    doc["parties"] = [p for p in doc["parties"] if p["id"] != "F1"]
    (flag,) = flags_of(scrisk.assess(doc), "CHAIN_GAP")
    assert (flag.party, flag.good, flag.message_key) == ("M1", "G1", "rule.CHAIN_GAP.no_source")
    assert "Cotton" in flag.params["inputs"] or "Textiles" in flag.params["inputs"]


def test_source_declared_further_upstream_counts():
    doc = bid()
    party(doc, "F1").update(role="agent", materials=[])
    doc["parties"].append(
        {
            "id": "Y1",
            "role": "material_supplier",
            "name": "Fil Québec",
            "address": "1 Rue du Fil",
            "country": "CA",
            "supplies_to": ["F1"],
            "materials": ["cotton yarn"],
        }
    )
    assert flags_of(scrisk.assess(doc), "CHAIN_GAP") == []


def test_maker_declaring_its_own_fabric_counts():
    doc = bid()
    doc["parties"] = [p for p in doc["parties"] if p["id"] != "F1"]
    party(doc, "M1")["materials"] = ["cotton fabric"]
    assert flags_of(scrisk.assess(doc), "CHAIN_GAP") == []


def test_glove_maker_with_latex_source_has_no_gap():
    assert flags_of(scrisk.assess(example("glove_bid")), "CHAIN_GAP") == []
