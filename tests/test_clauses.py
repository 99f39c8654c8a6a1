"""The clause matrix v2 (rules.md): documentary and risk vocabularies, stage, dates, sources."""

from __future__ import annotations

import pytest
from assessment_bids import add_party, bid, example, party

import scrisk
from scrisk.assessment.clauses import CLAUSES, DOCUMENTARY_STATUSES, KINDS, RISK_STATUSES


def matrix(a) -> dict[str, str]:
    return {c.clause: c.status for c in a.clause_list}


def rows(a, lang: str = "en") -> dict[str, dict]:
    return {c["clause"]: c for c in a.to_dict(lang)["clauses"]}


def abroad(doc: dict, country: str = "BD") -> dict:
    """The bid with its fabric mill moved abroad (so the import prohibition applies)."""
    party(doc, "F1").update(country=country, name="Dhaka Weaving Ltd.", city="Gazipur")
    return doc


def test_clean_canadian_bid():
    a = scrisk.assess(example("clean_bid"))
    assert matrix(a) == {
        "A3006T": "pass",
        "POW": "pass",
        "PN150": "no_indicator",
        "CT9897": "not_applicable",  # made in Canada from fibre to garment: no import
        "CODE": "no_indicator",  # PSPC's revised Code applies from August 2021
        "S211": "not_applicable",  # closes before the first reports were due
    }
    note = rows(a)["CT9897"]["note"]
    assert "Canada" in note


def test_every_row_has_kind_source_and_a_status_of_its_vocabulary():
    for name in ("clean_bid", "glove_bid", "apparel_bid", "apparel_gaps_bid"):
        for lang in ("en", "fr"):
            doc = scrisk.assess(example(name)).to_dict(lang)
            assert [c["clause"] for c in doc["clauses"]] == list(CLAUSES)
            for c in doc["clauses"]:
                assert c["kind"] == KINDS[c["clause"]]
                vocabulary = DOCUMENTARY_STATUSES if c["kind"] == "documentary" else RISK_STATUSES
                assert c["status"] in vocabulary, (name, c)
                assert c["title"] and c["note"] and c["source"]
                assert "{" not in c["note"] + c["source"]


def test_sources_name_the_texts_the_clauses_rest_on():
    src = {k: v["source"] for k, v in rows(scrisk.assess(bid())).items()}
    assert "PN-132" in src["A3006T"] and "A3006T" in src["A3006T"] and "2023" in src["A3006T"]
    assert "annex 2.8" in src["A3006T"]
    assert "PN-150" in src["PN150"]
    assert "Customs Tariff" in src["CT9897"] and "9897.00.00" in src["CT9897"]
    assert "Code of Conduct" in src["CODE"] and "PSPC" in src["CODE"]
    assert "Supply Chains Act" in src["S211"]
    fr = {k: v["source"] for k, v in rows(scrisk.assess(bid()), "fr").items()}
    assert "Tarif des douanes" in fr["CT9897"] and "numéro tarifaire 9897.00.00" in fr["CT9897"]


# -- CODE: the department decides the date --------------------------------------------------


def test_code_of_conduct_pspc_from_august_2021_known_to_the_month():
    assert matrix(scrisk.assess(bid(closing_date="2021-07-31")))["CODE"] == "not_applicable"
    assert matrix(scrisk.assess(bid(closing_date="2021-08-01")))["CODE"] == "no_indicator"
    note = rows(scrisk.assess(bid(closing_date="2021-07-31")))["CODE"]["note"]
    assert "2021-08 (day not known)" in note
    fr = rows(scrisk.assess(bid(closing_date="2021-07-31")), "fr")["CODE"]["note"]
    assert "2021-08 (jour inconnu)" in fr


def test_code_of_conduct_other_departments_from_april_2023():
    dnd = {"procurement": {"department": "DND"}}
    assert matrix(scrisk.assess(bid(closing_date="2023-03-31"), policy=dnd))["CODE"] == (
        "not_applicable"
    )
    a = scrisk.assess(bid(closing_date="2023-04-01"), policy=dnd)
    assert matrix(a)["CODE"] == "no_indicator"
    assert "2023-04-01" in rows(a)["CODE"]["source"]


def test_a_department_with_its_own_code_date():
    policy = {"procurement": {"department": "DND"}, "clauses": {"CODE": {"DND": "2022-01-15"}}}
    assert matrix(scrisk.assess(bid(closing_date="2022-01-14"), policy=policy))["CODE"] == (
        "not_applicable"
    )
    a = scrisk.assess(bid(closing_date="2022-01-15"), policy=policy)
    assert matrix(a)["CODE"] == "no_indicator" and "DND" in rows(a)["CODE"]["source"]


def test_department_must_be_named():
    from scrisk.errors import PolicyError

    with pytest.raises(PolicyError, match=r"procurement\.department"):
        scrisk.assess(bid(), policy={"procurement": {"department": ""}})


# -- PN150: a contract clause, by instrument and date -----------------------------------------


@pytest.mark.parametrize(
    "closing,status", [("2021-11-03", "not_applicable"), ("2021-11-04", "no_indicator")]
)
def test_pn150_date_for_contracts(closing, status):
    assert matrix(scrisk.assess(bid(closing_date=closing)))["PN150"] == status


@pytest.mark.parametrize("instrument", ["standing_offer", "supply_arrangement"])
def test_pn150_not_assessed_for_an_instrument_without_a_date(instrument):
    doc = bid()
    doc["solicitation"]["instrument"] = instrument
    a = scrisk.assess(doc)
    assert matrix(a)["PN150"] == "not_applicable"
    assert f"clauses.PN150.{instrument}" in rows(a)["PN150"]["note"]
    assert instrument.replace("_", " ") in rows(a)["PN150"]["note"]
    # a date set in the policy for that instrument brings the clause in
    later = scrisk.assess(doc, policy={"clauses": {"PN150": {instrument: "2022-01-01"}}})
    assert matrix(later)["PN150"] == "no_indicator"


def test_pn150_bid_note_says_what_the_winning_bidder_will_be_bound_to():
    a = scrisk.assess(bid())
    assert "winning bidder will be bound" in rows(a)["PN150"]["note"]
    assert "soumissionnaire retenu sera tenu" in rows(a, "fr")["PN150"]["note"]
    c = scrisk.assess(bid(), stage="contract", as_of="2023-01-01")
    assert "contractor is bound" in rows(c)["PN150"]["note"]


# -- CT9897 and the risk vocabulary ----------------------------------------------------------


def test_named_entity_is_high_risk_for_ct9897_pn150_and_code():
    a = scrisk.assess(example("glove_bid"))
    assert (matrix(a)["CT9897"], matrix(a)["PN150"], matrix(a)["CODE"]) == (
        "high_risk",
        "high_risk",
        "high_risk",
    )


def test_listing_only_is_review():
    a = scrisk.assess(example("glove_bid"), as_of="2024-01-01")
    assert matrix(a) == {
        "A3006T": "pass",
        "POW": "pass",
        "PN150": "review",
        "CT9897": "review",
        "CODE": "review",
        "S211": "not_applicable",  # first reports were due 2024-05-31
    }


def test_a_chain_with_a_party_abroad_is_checked_and_may_show_no_indicator():
    a = scrisk.assess(abroad(bid(), "US"))
    assert matrix(a)["CT9897"] == "no_indicator"
    assert "not proof" in rows(a)["CT9897"]["note"]


def test_a_chain_gap_leaves_ct9897_to_review():
    a = scrisk.assess(example("apparel_gaps_bid"))
    assert matrix(a)["CT9897"] == "review" and matrix(a)["PN150"] == "review"


def test_failed_audit_is_high_risk_for_the_code_and_review_for_pn150():
    doc = bid(closing_date="2023-06-30")
    doc["audits"] = [
        {"party": "F1", "scheme": "SMETA", "date": "2023-01-10", "result": "fail", "indicators": []}
    ]
    a = scrisk.assess(doc)
    assert matrix(a)["CODE"] == "high_risk" and matrix(a)["PN150"] == "review"
    assert rows(a)["CODE"]["flags"] == ["AUDIT:F1:"]


# -- documentary clauses ---------------------------------------------------------------------


def test_other_category_has_no_certification_or_place_of_work_clause():
    a = scrisk.assess(bid(category="other"))
    assert matrix(a)["A3006T"] == "not_applicable" and matrix(a)["POW"] == "not_applicable"
    assert "other" in rows(a)["POW"]["note"]


def test_ppe_clauses_from_july_2020_known_to_the_month():
    a = scrisk.assess(bid(category="ppe", closing_date="2020-06-30"))
    assert matrix(a)["A3006T"] == "not_applicable"
    assert "2020-07 (day not known)" in rows(a)["A3006T"]["note"]
    july = scrisk.assess(bid(category="ppe", closing_date="2020-07-01"))
    assert matrix(july)["A3006T"] != "not_applicable"


def test_place_of_work_gap_of_a_maker_fails_and_of_a_material_supplier_is_review():
    doc = bid()
    party(doc, "M1")["country"] = "Freedonia"
    # a condition of award (PN-132, rules v3): obtained before award at the bid stage
    assert matrix(scrisk.assess(doc))["POW"] == "review"
    a = scrisk.assess(doc, stage="contract", as_of="2023-01-10")
    assert matrix(a)["POW"] == "fail"
    assert "Contract stage" in rows(a)["POW"]["note"]
    assert "Étape du contrat" in rows(a, "fr")["POW"]["note"]
    bid_note = rows(scrisk.assess(doc))["POW"]["note"]
    assert "before award" in bid_note and "PN-132" in bid_note
    doc = add_party(
        bid(),
        id="R1",
        role="material_supplier",
        name="Yarn Co",
        country="CA",
        supplies_to=["F1"],
        materials=["cotton yarn"],
    )
    a = scrisk.assess(doc)
    assert matrix(a)["POW"] == "review" and rows(a)["POW"]["flags"] == ["POW:R1:"]


def test_gaps_bid_place_of_work_fails_with_the_flags_behind():
    doc = rows(scrisk.assess(example("apparel_gaps_bid")))
    assert doc["POW"]["status"] == "review" and doc["POW"]["flags"] == ["POW:S1:"]
    doc = rows(scrisk.assess(example("apparel_gaps_bid"), stage="contract", as_of="2024-01-10"))
    assert doc["POW"]["status"] == "fail" and doc["POW"]["flags"] == ["POW:S1:"]
    # the bidder's certification covers its first-tier subcontractor S1
    assert doc["A3006T"]["status"] == "pass"
