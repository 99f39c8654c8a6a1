"""Small bid declarations for the assessment tests, built in the JSON shape.

``bid()`` is a clean Canadian apparel bid (bidder B, maker M1, fabric mill
F1, all in Canada, both certifications complete); tests change one thing
and look at what the rules say.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ALL_RIGHTS = [
    "child_labour",
    "forced_labour",
    "abuse_harassment",
    "discrimination",
    "freedom_of_association",
    "health_safety",
    "wages",
    "hours_of_work",
]

_BASE: dict[str, Any] = {
    "format": "scrisk-declaration/1",
    "solicitation": {
        "id": "W0000-000001/A",
        "title": "Work shirts",
        "category": "apparel",
        "closing_date": "2022-06-30",
        "goods": [
            {
                "id": "G1",
                "description": "Work shirts, woven cotton",
                "hs_code": "6205.20",
                "quantity": 10000,
                "unit": "pieces",
            }
        ],
    },
    "parties": [
        {
            "id": "B",
            "role": "bidder",
            "name": "Prairie Workwear Ltd.",
            "address": "12 Main St",
            "city": "Regina",
            "region": "Saskatchewan",
            "country": "CA",
        },
        {
            "id": "M1",
            "role": "manufacturer",
            "name": "Tamarack Sewing Inc.",
            "address": "400 Rue Industrielle",
            "city": "Drummondville",
            "region": "Québec",
            "country": "CA",
            "supplies_to": ["B"],
            "goods": ["G1"],
            "annual_capacity": 50000,
        },
        {
            "id": "F1",
            "role": "material_supplier",
            "name": "Beaver Valley Weaving Inc.",
            "address": "9 Mill Road",
            "city": "Cornwall",
            "region": "Ontario",
            "country": "CA",
            "supplies_to": ["M1"],
            "materials": ["cotton poplin fabric"],
        },
    ],
    "certifications": [
        {
            "party": "B",
            "type": "ethical_procurement",
            "signed_on": "2022-06-01",
            "rights": ALL_RIGHTS,
        },
        {
            "party": "M1",
            "type": "ethical_procurement",
            "signed_on": "2022-06-01",
            "rights": ALL_RIGHTS,
        },
    ],
    "audits": [],
}


def bid(**solicitation: Any) -> dict[str, Any]:
    """A fresh copy of the clean bid, with solicitation fields replaced."""
    doc = copy.deepcopy(_BASE)
    doc["solicitation"].update(solicitation)
    return doc


def party(doc: dict[str, Any], party_id: str) -> dict[str, Any]:
    return next(p for p in doc["parties"] if p["id"] == party_id)


def add_party(doc: dict[str, Any], **fields: Any) -> dict[str, Any]:
    doc["parties"].append(fields)
    return doc


def flags_of(assessment: Any, rule: str) -> list[Any]:
    return [f for f in assessment.flag_list if f.rule == rule]


def example(name: str) -> Path:
    return EXAMPLES / f"{name}.json"
