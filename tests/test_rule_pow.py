"""POW: name, street address and a resolvable country for every party of the production chain."""

from __future__ import annotations

from assessment_bids import add_party, bid, example, flags_of, party

import scrisk


def test_subcontractor_without_address():
    a = scrisk.assess(example("apparel_gaps_bid"))
    (flag,) = flags_of(a, "POW")
    assert (flag.severity, flag.party, flag.params["fields"]["en"]) == ("high", "S1", "address")
    assert "adresse" in next(f for f in a.to_dict("fr")["flags"] if f["rule"] == "POW")["message"]


def test_unresolvable_country():
    doc = bid()
    party(doc, "F1")["country"] = "Freedonia"
    (flag,) = flags_of(scrisk.assess(doc), "POW")
    assert (flag.party, flag.message_key) == ("F1", "rule.POW.unresolved")


def test_parties_outside_the_production_chain_are_not_checked():
    # a distributor downstream of the maker is not in the chain of the good
    doc = add_party(
        bid(), id="D1", role="distributor", name="Depot", country="CA", supplies_to=["B"]
    )
    party(doc, "M1")["supplies_to"] = ["D1"]
    a = scrisk.assess(doc)
    assert flags_of(a, "POW") == []


def test_missing_name_and_country_upstream():
    doc = add_party(
        bid(),
        id="Y1",
        role="material_supplier",
        address="1 Rue X",
        supplies_to=["F1"],
        materials=["cotton yarn"],
    )
    (flag,) = flags_of(scrisk.assess(doc), "POW")
    assert flag.party == "Y1" and flag.params["fields"]["en"] == "name, country"


def test_not_applicable_to_other_goods():
    doc = bid(category="other")
    party(doc, "F1")["address"] = ""
    assert flags_of(scrisk.assess(doc), "POW") == []


def test_evidence_points_at_the_row_to_fix():
    a = scrisk.assess(example("apparel_gaps_bid").with_suffix(".xlsx"))
    (flag,) = flags_of(a, "POW")
    assert flag.evidence[0].record == "sheet 'Parties', row 4, field 'address'"
    b = scrisk.assess(example("apparel_gaps_bid"))
    assert flags_of(b, "POW")[0].evidence[0].record.startswith("$.parties[")
