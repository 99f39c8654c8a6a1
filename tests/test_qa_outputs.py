"""QA of what scrisk outputs, as a procurement officer, a reviewer and an analyst read it.

Each test pins a defect found by reading the outputs of constructed bids.
"""

from __future__ import annotations

from assessment_bids import bid, party

import scrisk


def _monaco_chair_bid() -> dict:
    """A bid for a good no reference list covers, made in a country with no usable profile."""
    doc = bid(
        category="other",
        goods=[
            {"id": "G1", "description": "Office chairs", "hs_code": "9401.30",
             "quantity": 100, "unit": "pieces"}
        ],
    )
    doc["parties"] = [p for p in doc["parties"] if p["id"] != "F1"]
    party(doc, "M1")["country"] = "MC"
    return doc


def test_good_with_unknown_maker_and_no_ilab_match_is_unknown_not_low():
    a = scrisk.assess(_monaco_chair_bid())
    assert a.graph.nodes["M1"]["risk_level"] == "unknown"
    (good,) = a.to_dict()["solicitation"]["goods"]
    assert good["risk_level"] == "unknown"
