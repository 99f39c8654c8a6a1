"""A realistic assessment document, shaped as docs/ARCHITECTURE.md fixes it.

Used by the workbook and decision tests so they do not depend on the
assessment engine; the real examples are assessed too where the engine is
available. Parties and list entries are those of examples/glove_bid.json and
the shipped CBP list.
"""

from __future__ import annotations

import copy
from typing import Any

# the sheets of an assessment workbook, in order, as a reviewer sees them
EN_SHEETS = ["Summary", "Clauses", "Flags", "Parties", "Paths", "Review", "Sources"]
FR_SHEETS = [
    "Résumé",
    "Clauses",
    "Signalements",
    "Parties",
    "Chemins",
    "Examen",
    "Sources de données",
]

SUPERMAX_ENTRY = "CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro"

HOSTILE_NAMES = (
    '=HYPERLINK("http://example.com","x")',
    "+cmd|' /C calc'!A0",
    "-2+3",
    "@SUM(A1:A2)",
    "#N/A",
)


def glove_document(lang: str = "en") -> dict[str, Any]:
    """A PPE bid: the bidder's manufacturer matches the CBP order against Supermax."""
    doc: dict[str, Any] = {
        "format": "scrisk-assessment/1",
        "lang": lang,
        "solicitation": {
            "id": "EN578-211087/A",
            "title": "Nitrile examination gloves, powder-free",
            "category": "ppe",
            "closing_date": "2021-12-10",
            "value_cad": 2160000,
            "goods": [
                {
                    "id": "G1",
                    "description": "Nitrile examination gloves",
                    "hs_code": "4015.19",
                    "quantity": 24000000,
                    "unit": "pieces",
                    "ilab_goods": ["Rubber Gloves"],
                    "makers": ["M1"],
                    "risk_level": "critical",
                    "score": 92.0,
                }
            ],
        },
        "bidder": {"id": "B", "name": "Northern Shield Medical Supply Inc."},
        "as_of": "2021-12-10",
        "risk_level": "critical",
        "score": 92.0,
        "summary": {
            "flags_by_severity": {"critical": 2, "high": 1, "medium": 1, "low": 0, "info": 0},
            "parties": 3,
            "max_tier": 2,
        },
        "flags": [
            {
                "rule": "CT9897",
                "severity": "critical",
                "party": None,
                "good": "G1",
                "title": "Import prohibition exposure (tariff item 9897.00.00)",
                "message": "Good G1 may be made wholly or in part by forced labour.",
                "evidence": [
                    {
                        "source": "CBP Withhold Release Orders and Findings",
                        "edition": "compiled to 2026-01-15",
                        "record": SUPERMAX_ENTRY,
                        "score": 97.5,
                    }
                ],
                "path": ["M1", "B"],
                "reviewed": None,
            },
            {
                "rule": "WATCHLIST",
                "severity": "critical",
                "party": "M1",
                "good": None,
                "title": "Party on a forced-labour enforcement list",
                "message": "M1 matches an active CBP Withhold Release Order.",
                "evidence": [
                    {
                        "source": "CBP Withhold Release Orders and Findings",
                        "edition": "compiled to 2026-01-15",
                        "record": SUPERMAX_ENTRY,
                        "score": 97.5,
                        "detail": {
                            "list": "CBP WRO/Findings",
                            "entity": "Supermax Corporation Bhd.",
                            "matched_name": "Supermax Glove Manufacturing",
                            "issued": "2021-10-21",
                        },
                    }
                ],
                "path": ["M1", "B"],
                "reviewed": None,
            },
            {
                "rule": "EP_CERT",
                "severity": "high",
                "party": "M1",
                "good": None,
                "title": "Ethical procurement certification missing or incomplete",
                "message": "First-tier subcontractor M1 has no certification.",
                "evidence": [],
                "path": ["M1", "B"],
                "reviewed": None,
            },
            {
                "rule": "CHAIN_GAP",
                "severity": "medium",
                "party": "R1",
                "good": "G1",
                "title": "Gap in the declared supply chain",
                "message": "R1 declares no upstream source for its latex.",
                "evidence": [],
                "path": ["R1", "M1", "B"],
                "reviewed": None,
            },
        ],
        "parties": [
            {
                "id": "B",
                "name": "Northern Shield Medical Supply Inc.",
                "role": "bidder",
                "address": "2250 Bristol Circle, Unit 4",
                "city": "Oakville",
                "region": "Ontario",
                "country": "CA",
                "country_declared": "CA",
                "tier": 0,
                "reachable": True,
                "supplies_to": [],
                "goods": [],
                "materials": [],
                "workers": None,
                "annual_capacity": None,
                "intrinsic_score": 0.0,
                "score": 92.0,
                "risk_level": "critical",
                "flags": 0,
            },
            {
                "id": "M1",
                "name": "Supermax Glove Manufacturing Sdn. Bhd.",
                "role": "manufacturer",
                "address": "Lot 1288, Jalan Meru Industri 3",
                "city": "Klang",
                "region": "Selangor",
                "country": "MY",
                "country_declared": "Malaysia",
                "tier": 1,
                "reachable": True,
                "supplies_to": ["B"],
                "goods": ["G1"],
                "materials": [],
                "workers": 3800,
                "annual_capacity": 6000000000,
                "intrinsic_score": 92.0,
                "score": 92.0,
                "risk_level": "critical",
                "flags": 3,
            },
            {
                "id": "R1",
                "name": "Semenanjung Polymer Latex Sdn. Bhd.",
                "role": "material_supplier",
                "address": "PLO 412, Jalan Tembaga 7",
                "city": "Pasir Gudang",
                "region": "Johor",
                "country": "MY",
                "country_declared": "MY",
                "tier": 2,
                "reachable": True,
                "supplies_to": ["M1"],
                "goods": [],
                "materials": ["nitrile butadiene rubber latex"],
                "workers": 260,
                "annual_capacity": None,
                "intrinsic_score": 35.0,
                "score": 35.0,
                "risk_level": "medium",
                "flags": 1,
            },
        ],
        "paths": [
            {"source": "M1", "path": ["M1", "B"], "score": 92.0, "risk_level": "critical"},
            {"source": "R1", "path": ["R1", "M1", "B"], "score": 35.0, "risk_level": "medium"},
        ],
        "clauses": [
            {
                "clause": "A3006T",
                "title": "A3006T Ethical procurement certification",
                "status": "review",
                "flags": ["EP_CERT:M1:"],
                "note": "",
            },
            {
                "clause": "POW",
                "title": "Place of work (origin of work) declaration",
                "status": "pass",
                "flags": [],
                "note": "",
            },
            {
                "clause": "PN150",
                "title": "PN-150 Anti-forced-labour contract clauses",
                "status": "review",
                "flags": ["CHAIN_GAP:R1:G1"],
                "note": "",
            },
            {
                "clause": "CT9897",
                "title": "Customs Tariff item 9897.00.00 import prohibition",
                "status": "high_risk",
                "flags": ["CT9897::G1", "WATCHLIST:M1:"],
                "note": "",
            },
            {
                "clause": "CODE",
                "title": "Code of Conduct for Procurement",
                "status": "not_applicable",
                "flags": [],
                "note": "in force from 2023-04-01",
            },
            {
                "clause": "S211",
                "title": "Supply Chains Act (S-211) report",
                "status": "not_applicable",
                "flags": [],
                "note": "in force from 2024-05-31",
            },
        ],
        "graph": {"cycles": [], "unreachable": []},
        "screening": [
            {
                "party": "M1",
                "entry_id": SUPERMAX_ENTRY,
                "list": "CBP WRO/Findings",
                "entity": "Supermax Corporation Bhd. and its wholly owned subsidiaries",
                "matched_name": "Supermax Glove Manufacturing",
                "score": 97.5,
                "class": "strong",
                "active": True,
                "features": {"token_set": 100.0},
            },
            {
                "party": "R1",
                "entry_id": "CBP-example-latex-wro",
                "list": "CBP WRO/Findings",
                "entity": "Example Latex",
                "matched_name": "Example Latex",
                "score": 81.0,
                "class": "possible",
                "active": True,
                "features": {"token_set": 81.0},
            },
        ],
        "decisions": [],
        "data": [
            {
                "id": "cbp_wro_findings",
                "source": "CBP Withhold Release Orders and Findings",
                "publisher": "U.S. Customs and Border Protection",
                "edition": "compiled to 2026-01-15",
                "date": "2026-01-15",
                "licence": "public domain",
            },
            {
                "id": "ilab_goods_2022",
                "source": "List of Goods Produced by Child Labor or Forced Labor",
                "publisher": "U.S. Department of Labor, ILAB",
                "edition": "2022",
                "date": "2022-09",
                "licence": "public domain",
            },
        ],
    }
    return copy.deepcopy(doc)


def hostile_document() -> dict[str, Any]:
    """The glove document with formula-like text in every declared string field."""
    doc = glove_document()
    for party, name in zip(doc["parties"], HOSTILE_NAMES[:3], strict=True):
        party["name"] = name
        party["address"] = HOSTILE_NAMES[3]
        party["materials"] = [HOSTILE_NAMES[1]]
        party["city"] = HOSTILE_NAMES[4]
    doc["bidder"]["name"] = HOSTILE_NAMES[0]
    doc["solicitation"]["title"] = HOSTILE_NAMES[2]
    doc["flags"][0]["message"] = HOSTILE_NAMES[1]
    doc["screening"][0]["matched_name"] = HOSTILE_NAMES[0]
    return doc


# ----------------------------------------------------------- reading a workbook back


def table(ws) -> list[dict]:
    rows = list(ws.iter_rows(values_only=True))
    head = rows[0]
    return [dict(zip(head, r, strict=True)) for r in rows[1:]]


def facts(ws) -> dict:
    """The Item / Value block of a summary sheet (from its "Item" header row), and the
    rows above it (verdict) by their label."""
    out = {}
    rows = list(ws.iter_rows(max_row=40, values_only=True))
    for a, b, *_ in rows[:6]:
        if a is not None and b is not None:
            out[a] = b
    start = next(i for i, r in enumerate(rows) if r[0] in ("Item", "Élément")) + 1
    for a, b, *_ in rows[start:]:
        if a is None:
            break
        out[a] = b
    return out


def row_with(ws, first: str) -> int:
    for row in ws.iter_rows():
        if row[0].value == first:
            return row[0].row
    raise AssertionError(f"no row starting with {first!r}")


def block(ws, title: str) -> list:
    """The rows of a summary section, below its title and header row, up to a blank row."""
    start = row_with(ws, title) + 2
    out = []
    for row in ws.iter_rows(min_row=start):
        if all(c.value is None for c in row[:3]):
            break
        out.append(row)
    return out
