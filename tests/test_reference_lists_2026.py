"""Done-when checks of the 2026 lists: every DHS name screens strong; as-of dates hold."""

from __future__ import annotations

import copy
import csv
import json
from datetime import date
from pathlib import Path

import pytest

import scrisk
from scrisk.reference import get_reference
from scrisk.reference.lists_uflpa import clean_name
from scrisk.screening import default_screener

FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def _dhs_names() -> list[dict[str, str]]:
    with (FIXTURES / "uflpa_dhs_names_2026-07.csv").open(encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_dhs_name_screens_strong_against_the_uflpa_list() -> None:
    rows = _dhs_names()
    assert len({r["entity_id"] for r in rows if r["entity_id"] != "aug-2026"}) == 144
    # the DHS name without its scope clause ("and its subsidiaries" is not part of a name)
    names = [clean_name(r["name"])[0] for r in rows]
    found = default_screener().match(names, [None] * len(names), date(2026, 9, 1))
    strong: dict[str, bool] = {}
    for row, matches in zip(rows, found, strict=True):
        key = row["entity_id"] if row["entity_id"] != "aug-2026" else row["name"]
        uflpa = [m for m in matches if m.entry.id.startswith("UFLPA-")]
        assert uflpa, row["name"]  # every row's name finds its entry
        strong[key] = strong.get(key, False) or any(m.cls == "strong" for m in uflpa)
    # every entity is a strong match by the name DHS gives it; XPCC's "(XPCC)" rows in
    # sections (ii)/(v) screen "possible" (a declared trailing short form lowers coverage)
    assert [k for k, ok in strong.items() if not ok] == []
    assert len(strong) == 144 + 5
    august = [n for r, n in zip(rows, names, strict=True) if r["entity_id"] == "aug-2026"]
    assert "TBEA Co., Ltd." in august and len(august) == 5


def test_hoshine_and_the_xpcc_now_screen_on_the_uflpa_list() -> None:
    names = [
        "Hoshine Silicon Industry (Shanshan) Co., Ltd",
        "Xinjiang Production and Construction Corps",
    ]
    frame = scrisk.screen(names, as_of="2026-06-01")
    assert list(frame["class"]) == ["strong", "strong"]
    for matches in default_screener().match(names, [None, None], date(2026, 6, 1)):
        assert any(m.entry.id.startswith("UFLPA-") and m.cls == "strong" for m in matches)


def _bid(closing: str, supplier: str) -> dict:
    decl = json.loads((EXAMPLES / "clean_bid.json").read_text(encoding="utf-8"))
    decl = copy.deepcopy(decl)
    decl["solicitation"]["closing_date"] = closing
    for cert in decl["certifications"]:
        cert["signed_on"] = closing
    f1 = next(p for p in decl["parties"] if p["id"] == "F1")
    f1.update(name=supplier, country="CN", address="", city="", region="")
    return decl


@pytest.mark.parametrize(
    ("entry_id", "in_force_2021"),
    [
        ("UFLPA-binzhou-chinatex-yintai-industrial-co-ltd", False),  # listed 2024-05-17
        ("CBP-hoshine-silicon-industry-co-ltd-and-its-subsidiaries-wro", True),  # 2021-06-23
    ],
)
def test_each_bid_sees_the_entries_in_force_on_its_own_date(entry_id, in_force_2021) -> None:
    entry = get_reference().list_entry(entry_id)
    name = entry.aliases[0] if entry_id.startswith("CBP-") else entry.entity
    seen = {}
    for closing in ("2021-12-10", "2026-06-01"):
        a = scrisk.assess(_bid(closing, name))
        hits = [
            f
            for f in a.flag_list
            if f.rule == "WATCHLIST" and f.evidence and f.evidence[0].record == entry_id
        ]
        assert hits, (closing, entry_id)
        seen[closing] = hits[0].severity
    assert seen["2026-06-01"] == "critical"
    assert (seen["2021-12-10"] == "critical") is in_force_2021
    if not in_force_2021:
        assert seen["2021-12-10"] == "info"  # listed later: kept for the record, not in force


def test_malaysian_glove_maker_on_the_enforcement_list_is_found() -> None:
    frame = scrisk.screen(["SUPERMAX GLOVE MFG SDN BHD"], countries=["MY"], as_of="2022-01-01")
    row = frame.iloc[0]
    assert row["class"] == "strong" and row["active"] is True
    assert row["entry_id"] == "CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro"
