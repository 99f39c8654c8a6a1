"""REGION: parties located in the Xinjiang Uyghur Autonomous Region, in any spelling."""

from __future__ import annotations

import pytest
from assessment_bids import add_party, bid, example, flags_of

import scrisk


def test_aksu_cotton_gin_is_critical_with_the_matched_alias_as_evidence():
    a = scrisk.assess(example("apparel_bid"))
    (flag,) = flags_of(a, "REGION")
    assert (flag.severity, flag.party) == ("critical", "C1")
    assert flag.path == ("C1", "Y1", "F1", "M1", "B")
    aliases = {e.detail["alias"] for e in flag.evidence}
    assert "Aksu" in aliases
    assert all(e.source and e.edition and e.record.startswith("CN-XJ") for e in flag.evidence)


@pytest.mark.parametrize("city,region", [("Hotan", ""), ("乌鲁木齐", "新疆"), ("Kashgar", "XUAR")])
def test_other_spellings_of_the_region(city, region):
    doc = add_party(
        bid(),
        id="X1",
        role="material_supplier",
        name="Tianshan Fibre Co.",
        address="1 Renmin Road",
        city=city,
        region=region,
        country="China",
        supplies_to=["F1"],
        materials=["cotton"],
    )
    a = scrisk.assess(doc)
    assert [f.party for f in flags_of(a, "REGION")] == ["X1"]


def test_jiangsu_mill_is_not_in_the_region():
    a = scrisk.assess(example("apparel_bid"))
    assert {f.party for f in flags_of(a, "REGION")} == {"C1"}
