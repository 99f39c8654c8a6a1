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


def test_party_not_linked_to_the_bidder_is_a_gap_and_still_checked_for_place_of_work():
    doc = bid()
    doc["parties"].append({"id": "X1", "role": "manufacturer", "name": "", "address": ""})
    doc["parties"].append(
        {
            "id": "X2",
            "role": "material_supplier",
            "name": "Loop A",
            "address": "1 Rd",
            "country": "CA",
            "supplies_to": ["X3"],
        }
    )
    doc["parties"].append(
        {
            "id": "X3",
            "role": "material_supplier",
            "name": "Loop B",
            "address": "2 Rd",
            "country": "CA",
            "supplies_to": ["X2"],
        }
    )
    a = scrisk.assess(doc)
    gaps = {f.party: f for f in flags_of(a, "CHAIN_GAP")}
    assert {"X1", "X2", "X3"} <= set(gaps)
    assert gaps["X1"].message_key == "rule.CHAIN_GAP.unlinked" and gaps["X1"].path == ()
    (pow_flag,) = [f for f in flags_of(a, "POW") if f.party == "X1"]
    assert pow_flag.params["fields"]["en"] == "name, address, country"
    (gap,) = [f for f in flags_of(a, "DATA_GAP") if f.party == "X1"]
    assert gap.message_key == "rule.DATA_GAP.country_missing"
    pow_clause = a.clauses.set_index("clause").loc["POW", "status"]
    assert pow_clause == "review"  # a condition of award: obtained before award (v3)
    after = scrisk.assess(doc, stage="contract", as_of="2023-01-10")
    assert after.clauses.set_index("clause").loc["POW", "status"] == "fail"
