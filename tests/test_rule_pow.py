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


def test_severity_high_for_the_production_chain_medium_for_other_roles():
    # v2: the clause asks for the makers and the subcontractors of the production chain
    doc = add_party(
        bid(),
        id="Y1",
        role="material_supplier",
        name="Yarn Co",
        country="CA",
        supplies_to=["F1"],
        materials=["cotton yarn"],
    )  # no street address
    add_party(
        doc, id="S2", role="subcontractor", name="Cutting Co", country="CA", supplies_to=["M1"]
    )  # no street address either
    party(doc, "F1")["role"] = "material_supplier"
    party(doc, "F1")["address"] = ""
    severities = {f.party: f.severity for f in flags_of(scrisk.assess(doc), "POW")}
    assert severities == {"Y1": "medium", "F1": "medium", "S2": "high"}
    status = next(c.status for c in scrisk.assess(doc).clause_list if c.clause == "POW")
    assert status == "review"  # S2 is in the production chain: obtain before award (PN-132)
    after = scrisk.assess(doc, stage="contract", as_of="2023-01-10")
    assert next(c.status for c in after.clause_list if c.clause == "POW") == "fail"


def test_only_parties_outside_the_production_chain_is_review():
    doc = add_party(
        bid(),
        id="Y1",
        role="material_supplier",
        name="Yarn Co",
        country="CA",
        supplies_to=["F1"],
        materials=["cotton yarn"],
    )
    a = scrisk.assess(doc)
    assert [(f.party, f.severity) for f in flags_of(a, "POW")] == [("Y1", "medium")]
    assert next(c.status for c in a.clause_list if c.clause == "POW") == "review"


def test_a_maker_is_high_whatever_its_declared_role():
    doc = bid()
    party(doc, "M1").update(role="agent", address="")
    (flag,) = flags_of(scrisk.assess(doc), "POW")
    assert (flag.party, flag.severity) == ("M1", "high")  # it makes good G1
