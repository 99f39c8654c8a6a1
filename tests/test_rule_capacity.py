"""CAPACITY: quantity beyond the makers' declared capacity over the contract."""

from __future__ import annotations

from assessment_bids import bid, flags_of, party

import scrisk


def test_quantity_above_annual_capacity():
    doc = bid()
    doc["solicitation"]["goods"][0]["quantity"] = 60000  # M1 declares 50,000 a year
    (flag,) = flags_of(scrisk.assess(doc), "CAPACITY")
    assert (flag.severity, flag.good, flag.party) == ("medium", "G1", "M1")
    assert flag.path == ("M1", "B")


def test_longer_contract_fits():
    doc = bid()
    doc["solicitation"]["goods"][0]["quantity"] = 60000
    assert flags_of(scrisk.assess(doc, policy={"rules": {"contract_years": 2}}), "CAPACITY") == []


def test_unknown_capacity_is_not_checked_and_no_norm_is_invented():
    doc = bid()
    doc["solicitation"]["goods"][0]["quantity"] = 10**9
    party(doc, "M1").pop("annual_capacity")
    party(doc, "M1")["workers"] = 10
    assert flags_of(scrisk.assess(doc), "CAPACITY") == []
    # with a norm in the policy the headcount is used
    policy = {"rules": {"units_per_worker_year": {"Garments": 1000}}}
    (flag,) = flags_of(scrisk.assess(doc, policy=policy), "CAPACITY")
    assert flag.params["capacity"] == {"en": "10,000", "fr": "10\u202f000"}


def test_capacity_sums_over_makers():
    doc = bid()
    doc["solicitation"]["goods"][0]["quantity"] = 90000
    doc["parties"].append(
        {
            "id": "M2",
            "role": "manufacturer",
            "name": "Couture Nord",
            "address": "2 Rue B",
            "country": "CA",
            "supplies_to": ["B"],
            "goods": ["G1"],
            "annual_capacity": 50000,
        }
    )
    doc["certifications"].append({**doc["certifications"][1], "party": "M2"})
    assert flags_of(scrisk.assess(doc), "CAPACITY") == []
