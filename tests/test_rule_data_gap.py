"""DATA_GAP: a country that cannot be resolved, a good or material with no ILAB mapping."""

from __future__ import annotations

from assessment_bids import bid, flags_of, party

import scrisk


def test_unresolved_country_is_unknown_risk():
    doc = bid()
    party(doc, "F1")["country"] = "Freedonia"
    a = scrisk.assess(doc)
    keys = {(f.party, f.message_key) for f in flags_of(a, "DATA_GAP")}
    assert ("F1", "rule.DATA_GAP.country_unresolved") in keys
    assert a.risk_level != "low"
    f1 = next(p for p in a.to_dict()["parties"] if p["id"] == "F1")
    assert (f1["country"], f1["country_declared"]) == (None, "Freedonia")


def test_material_and_good_with_no_ilab_mapping():
    doc = bid(goods=[{"id": "G1", "description": "Quantum flux capacitors"}])
    party(doc, "F1")["materials"] = ["unobtainium"]
    a = scrisk.assess(doc)
    keys = {(f.party, f.good, f.message_key) for f in flags_of(a, "DATA_GAP")}
    assert (None, "G1", "rule.DATA_GAP.good_unmapped") in keys
    assert ("F1", None, "rule.DATA_GAP.material_unmapped") in keys
    assert all(f.severity == "info" for f in flags_of(a, "DATA_GAP"))


def test_data_gap_floor_can_be_switched_off():
    doc = bid()
    party(doc, "F1")["country"] = "Freedonia"
    # on a non-apparel bid POW does not apply, so the floor alone lifts the level
    doc["solicitation"]["category"] = "other"
    a = scrisk.assess(doc, policy={"levels": {"data_gap_floor": ""}})
    assert a.risk_level == "low"
    assert scrisk.assess(doc).risk_level == "medium"
