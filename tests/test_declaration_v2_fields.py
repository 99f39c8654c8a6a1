"""Declaration fields of spec v2: solicitation.instrument, certifications[].covers,
parties[].s211 — read from JSON and from the workbook, and read back identically."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import openpyxl
import pytest
from assessment_bids import ALL_RIGHTS, bid, party

from scrisk.errors import DeclarationError
from scrisk.model import S211Report
from scrisk.readers import load_declaration
from scrisk.readers.excel_lang import header as field_of
from scrisk.template import write_declaration_workbook, write_template


def v2_bid() -> dict:
    doc = bid(instrument="standing_offer")
    party(doc, "B")["s211"] = {
        "reporting_entity": True,
        "year": 2024,
        "filed_on": "2025-05-28",
        "url": "https://example.org/s211-2024.pdf",
    }
    party(doc, "M1")["s211"] = {"reporting_entity": False}
    doc["certifications"][0]["covers"] = ["B", "M1"]
    return doc


def test_json_fields_are_typed():
    decl = load_declaration(v2_bid())
    assert decl.solicitation.instrument == "standing_offer"
    assert decl.party("B").s211 == S211Report(
        True, 2024, date(2025, 5, 28), "https://example.org/s211-2024.pdf"
    )
    assert decl.party("M1").s211 == S211Report(reporting_entity=False)
    assert decl.party("F1").s211 is None
    assert decl.certifications[0].covers == ("B", "M1")
    assert decl.certifications[1].covers is None  # not said: the default meaning applies


def test_to_dict_and_workbook_read_back_identically(tmp_path: Path):
    decl = load_declaration(v2_bid())
    assert load_declaration(decl.to_dict()) == decl
    path = write_declaration_workbook(decl, tmp_path / "v2.xlsx")
    back = load_declaration(path)
    assert back == decl and back.to_dict() == decl.to_dict()
    ws = openpyxl.load_workbook(path)["Parties"]
    heads = [field_of("parties", c.value) for c in ws[1]]
    row = [c.value for c in ws[2]]
    assert row[heads.index("s211_reporting_entity")] == "Y"
    assert row[heads.index("s211_year")] == 2024


def test_a_hand_filled_template_reads_the_new_columns(tmp_path: Path):
    path = write_template(tmp_path / "t.xlsx", category="apparel")
    wb = openpyxl.load_workbook(path)
    sol = wb["Solicitation"]
    fields = {field_of("solicitation", sol.cell(r, 1).value): r for r in range(2, 10)}
    for name, value in (
        ("id", "W1/A"),
        ("category", "apparel"),
        ("closing_date", date(2025, 6, 30)),
        ("instrument", "Supply arrangement"),
    ):
        sol.cell(fields[name], 2).value = value
    wb["Goods"].append(["G1", "Work shirts"])
    parties = wb["Parties"]
    heads = [field_of("parties", c.value) for c in parties[1]]
    for values in (
        {
            "id": "B",
            "role": "bidder",
            "name": "Prairie Ltd.",
            "address": "1 Main",
            "country": "CA",
            "s211_reporting_entity": "oui",
            "s211_year": 2024,
        },
        {
            "id": "M1",
            "role": "manufacturer",
            "name": "Sew Inc.",
            "address": "2 Rue",
            "country": "CA",
            "supplies_to": "B",
            "goods": "G1",
        },
    ):
        parties.append([values.get(h) for h in heads])
    certs = wb["Certifications"]
    heads = [field_of("certifications", c.value) for c in certs[1]]
    certs.append(
        [
            {
                "party": "B",
                "type": "ethical_procurement",
                "covers": "B, M1",
                **dict.fromkeys(ALL_RIGHTS, "Y"),
            }.get(h)
            for h in heads
        ]
    )
    wb.save(path)
    decl = load_declaration(path)
    assert decl.solicitation.instrument == "supply_arrangement"
    assert decl.party("B").s211 == S211Report(reporting_entity=True, year=2024)
    assert decl.party("M1").s211 is None
    assert decl.certifications[0].covers == ("B", "M1")


def test_bad_values_are_faults_named_by_path():
    doc = v2_bid()
    doc["solicitation"]["instrument"] = "framework"
    party(doc, "B")["s211"] = {"reporting_entity": "perhaps", "year": "last", "when": 1}
    doc["certifications"][0]["covers"] = ["B", "M9"]
    with pytest.raises(DeclarationError) as caught:
        load_declaration(doc)
    where = {(f.location.path, f.reason) for f in caught.value.faults}
    assert ("$.solicitation.instrument", "bad_value") in where
    assert ("$.parties[0].s211.reporting_entity", "bad_value") in where
    assert ("$.parties[0].s211.when", "unknown_key") in where
    assert any(p == "$.parties[0].s211.year" for p, _ in where)
    assert ("$.certifications[0].covers[1]", "unknown_id") in where
    assert len(caught.value.faults) == 5  # every fault in one pass


def test_s211_must_be_an_object():
    doc = bid()
    party(doc, "B")["s211"] = "yes"
    with pytest.raises(DeclarationError, match=r"s211 must be an object"):
        load_declaration(doc)
