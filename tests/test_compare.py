"""compare(): competing bids ranked best first, critical issues first, with why."""

from __future__ import annotations

import warnings

import pytest
from assessment_bids import bid, example

import scrisk


def test_bids_for_one_solicitation_ranked_best_first():
    items = [example("apparel_bid"), example("apparel_gaps_bid"), example("clean_bid")]
    frame = scrisk.compare(items)
    assert list(frame["bidder_name"]) == [
        "Laurentian Workwear Inc.",
        "Fundy Coast Apparel Ltd.",
        "Maple Ridge Uniform Supply Ltd.",
    ]
    assert list(frame["rank"]) == [1, 2, 3]
    assert list(frame["risk_level"]) == ["low", "high", "critical"]
    assert frame["same_solicitation"].all()
    why = list(frame["why"])
    assert "every applicable clause passes" in why[0]
    assert "A3006T" in why[1] and "place of work" in why[1]  # names, never ids
    assert "critical" in why[2] and "Party in a region under forced-labour presumption" in why[2]
    assert "tariff item 9897.00.00" in why[2]
    assert not any(key in w for w in why for key in ("POW", "REGION", "CT9897", "PN150"))
    assessments = frame.attrs["assessments"]
    assert [a.declaration.bidder.name for a in assessments] == list(frame["bidder_name"])


def test_failed_clause_ranks_below_a_higher_score_without_one():
    from assessment_bids import party

    no_cert = bid()
    no_cert["certifications"] = no_cert["certifications"][:1]  # M1 (tier 1) uncertified
    listed = bid()
    party(listed, "M1").update(country="Bangladesh", name="Dhaka Knit Ltd.", city="Gazipur")
    a, b = scrisk.assess(no_cert), scrisk.assess(listed)
    assert a.score < b.score
    assert "fail" in {c.status for c in a.clause_list}
    assert "fail" not in {c.status for c in b.clause_list}
    frame = scrisk.compare([a, b])
    assert frame.attrs["assessments"] == [b, a]
    assert "A3006T" in frame.iloc[1]["why"]


def test_mixed_inputs_and_french_why():
    decl = scrisk.load_declaration(example("clean_bid"))
    frame = scrisk.compare(
        [
            scrisk.assess(example("apparel_bid")),
            decl,
            scrisk.load_declaration(example("apparel_gaps_bid")).to_dict(),
        ],
        lang="fr",
    )
    assert frame.iloc[0]["bidder_name"] == "Laurentian Workwear Inc."
    assert "clauses" in frame.iloc[1]["why"] and "pointage" in frame.iloc[1]["why"]
    assert "signalement" in frame.iloc[2]["why"]


def test_different_solicitations_warn_and_are_marked():
    with pytest.warns(UserWarning, match="different solicitations"):
        frame = scrisk.compare([example("clean_bid"), example("glove_bid")])
    row = frame.set_index("solicitation").loc["EN578-211087/A"]
    assert not row["same_solicitation"] and "WARNING" in row["why"]


def test_same_solicitation_does_not_warn_and_ties_keep_input_order():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        frame = scrisk.compare([bid(), bid()])
    assert [a for a in frame["score"]] == [0.0, 0.0]


def test_empty_comparison_is_an_error():
    with pytest.raises(ValueError):
        scrisk.compare([])
