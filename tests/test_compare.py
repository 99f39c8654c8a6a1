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
    assert "no clause to review" in why[0]
    assert "place of work" in why[1] and "PN-150" in why[1]  # names, never ids
    assert (
        "critical" in why[2]
        and "Party in a region US measures treat as high risk for forced labour" in why[2]
    )
    assert "tariff item 9897.00.00" in why[2]
    assert not any(key in w for w in why for key in ("POW", "REGION", "CT9897", "PN150"))
    assert frame.attrs == {}  # no assessments carried in the frame (pandas copies attrs)
    ranked = scrisk.compare_bids(items).assessments
    assert [a.declaration.bidder.name for a in ranked] == list(frame["bidder_name"])


def test_failed_clause_ranks_below_a_higher_score_without_one():
    from assessment_bids import party

    no_cert = bid()
    no_cert["certifications"] = no_cert["certifications"][:1]
    no_cert["certifications"][0]["covers"] = ["B"]  # M1 (tier 1) left uncovered
    listed = bid()
    party(listed, "M1").update(country="Bangladesh", name="Dhaka Knit Ltd.", city="Gazipur")
    # re-screened after award: a missing certification is a failed condition of award
    # Bangladeshi garments: forced labour listed from the 2022 edition (2022-09-28)
    a = scrisk.assess(no_cert, stage="contract", as_of="2022-10-01")
    b = scrisk.assess(listed, stage="contract", as_of="2022-10-01")
    assert a.score < b.score
    assert "fail" in {c.status for c in a.clause_list}
    assert "fail" not in {c.status for c in b.clause_list}
    frame = scrisk.compare([a, b])
    assert scrisk.compare_bids([a, b]).assessments == [b, a]
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
    assert "clauses" in frame.iloc[1]["why"] and "note " in frame.iloc[1]["why"]
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
    assert list(frame["score"]) == [0.0, 0.0]


def test_empty_comparison_is_an_error():
    with pytest.raises(ValueError):
        scrisk.compare([])


def test_comparison_is_typed_and_its_json_is_public(tmp_path):
    import json

    a, b = scrisk.assess(example("apparel_bid")), scrisk.assess(example("clean_bid"))
    c = scrisk.compare_bids([a, b], lang="fr")
    assert [bid.rank for bid in c.bids] == [1, 2] and [bid.index for bid in c.bids] == [1, 0]
    assert c.bids[0].assessment is b and "signalement(s) critique(s)" in c.bids[1].why
    doc = c.to_dict()
    assert doc["format"] == "scrisk-comparison/1" and doc["lang"] == "fr"
    assert doc["as_of"] == a.as_of.isoformat() == b.as_of.isoformat()
    assert [r["bidder_name"] for r in doc["ranking"]] == list(scrisk.compare([a, b])["bidder_name"])
    assert doc["assessments"] == [b.to_dict("fr"), a.to_dict("fr")]
    assert json.loads(c.to_json()) == doc
    assert c.to_json() == scrisk.compare_bids([a, b], lang="fr").to_json()  # same bytes
    # the CLI writes the same document
    from scrisk.cli import main

    out = tmp_path / "cmp.json"
    assert (
        main(
            [
                "compare",
                str(example("apparel_bid")),
                str(example("clean_bid")),
                "--lang",
                "fr",
                "--json",
                str(out),
                "-q",
            ]
        )
        == 0
    )
    written = json.loads(out.read_text(encoding="utf-8"))
    for row in written["ranking"]:
        row.pop("source")
    for row in doc["ranking"]:
        row.pop("source")
    assert written == doc


def test_documents_and_assessments_rank_alike():
    from scrisk.assessment.comparison import rank

    items = [scrisk.assess(example(n)) for n in ("apparel_bid", "apparel_gaps_bid", "clean_bid")]
    by_docs = rank([a.to_dict("en") for a in items], "en")
    by_assessments = scrisk.compare_bids(items)
    assert [bid.index for bid in by_docs.bids] == [bid.index for bid in by_assessments.bids]
    assert [bid.why for bid in by_docs.bids] == [bid.why for bid in by_assessments.bids]
    assert by_docs.assessments == []
