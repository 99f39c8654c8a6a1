"""The shipped example bids: load without faults in both forms, and say what they claim."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from scrisk.graph import build_graph, first_tier, path_to_bidder
from scrisk.readers import load_declaration
from scrisk.schema import RIGHTS

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
NAMES = ["glove_bid", "apparel_bid", "clean_bid", "apparel_gaps_bid"]


def _load(name: str):  # noqa: ANN202
    return load_declaration(EXAMPLES / f"{name}.json")


@pytest.mark.parametrize("name", NAMES)
def test_json_and_committed_workbook_are_the_same_bid(name: str) -> None:
    from_json = _load(name)
    assert load_declaration(EXAMPLES / f"{name}.xlsx") == from_json
    raw = json.loads((EXAMPLES / f"{name}.json").read_text(encoding="utf-8"))
    assert load_declaration(from_json.to_dict()) == from_json
    assert len(from_json.parties) == len(raw["parties"])


@pytest.mark.parametrize("name", NAMES)
def test_every_party_reaches_the_bidder_and_countries_resolve(name: str) -> None:
    decl = _load(name)
    G = build_graph(decl)
    assert G.graph["unreachable"] == [] and G.graph["cycles"] == []
    assert all(p.country_code for p in decl.parties)


def _full_certification(decl, party_id: str) -> bool:  # noqa: ANN001
    closing = decl.solicitation.closing_date
    return any(
        c.party == party_id
        and c.type == "ethical_procurement"
        and set(c.rights) == set(RIGHTS)
        and c.signed_on
        and c.signed_on <= closing
        for c in decl.certifications
    )


def test_glove_bid() -> None:
    decl = _load("glove_bid")
    sol = decl.solicitation
    assert (sol.category, sol.closing_date) == ("ppe", date(2021, 12, 10))
    assert sol.goods[0].hs_code == "401519"
    assert decl.bidder.country_code == "CA" and decl.bidder.region == "Ontario"
    G = build_graph(decl)
    (maker,) = first_tier(G)
    party = decl.party(maker)
    assert party.name == "Supermax Glove Manufacturing Sdn. Bhd."
    assert (party.country_code, party.region) == ("MY", "Selangor")
    latex = [p for p in decl.parties if "nitrile butadiene rubber latex" in p.materials]
    assert len(latex) == 1 and latex[0].country_code == "MY"
    assert path_to_bidder(G, latex[0].id) == [latex[0].id, maker, decl.bidder.id]
    assert _full_certification(decl, decl.bidder.id) and _full_certification(decl, maker)


def test_glove_maker_is_found_on_the_enforcement_list() -> None:
    """The real CBP data: Supermax's WRO (2021-10-21) was in force at closing."""
    screening = pytest.importorskip("scrisk.screening")
    decl = _load("glove_bid")
    names = [p.name or "" for p in decl.parties]
    matches = screening.Screener().match(
        names, [p.country_code for p in decl.parties], decl.solicitation.closing_date
    )
    hits = {name: m for name, m in zip(names, matches, strict=True) if m}
    assert list(hits) == ["Supermax Glove Manufacturing Sdn. Bhd."]
    best = hits["Supermax Glove Manufacturing Sdn. Bhd."][0]
    assert best.cls == "strong" and best.active is True
    assert "supermax" in best.entry.entity.casefold()


@pytest.mark.parametrize("name", ["apparel_bid", "clean_bid", "apparel_gaps_bid"])
def test_apparel_bids_answer_the_same_solicitation(name: str) -> None:
    assert _load(name).solicitation == _load("apparel_bid").solicitation
    sol = _load(name).solicitation
    assert (sol.category, sol.closing_date, sol.goods[0].hs_code) == (
        "apparel",
        date(2022, 3, 31),
        "620520",
    )


@pytest.mark.parametrize("name", ["apparel_bid", "clean_bid", "apparel_gaps_bid"])
def test_no_fictional_party_is_on_an_enforcement_list(name: str) -> None:
    screening = pytest.importorskip("scrisk.screening")
    decl = _load(name)
    matches = screening.Screener().match(
        [p.name or "" for p in decl.parties],
        [p.country_code for p in decl.parties],
        decl.solicitation.closing_date,
    )
    assert all(m == [] for m in matches)


def test_apparel_bid_traces_cotton_to_aksu_xinjiang() -> None:
    decl = _load("apparel_bid")
    G = build_graph(decl)
    (maker,) = first_tier(G)
    assert decl.party(maker).country_code in {"VN", "BD"}
    cotton = [p for p in decl.parties if p.city == "Aksu"]
    assert len(cotton) == 1 and cotton[0].region == "Xinjiang" and cotton[0].country_code == "CN"
    path = path_to_bidder(G, cotton[0].id)
    assert len(path) == 5  # cotton -> yarn -> fabric -> garment -> bidder
    mill = decl.party(path[2])
    assert (mill.region, mill.country_code) == ("Jiangsu", "CN")
    assert _full_certification(decl, decl.bidder.id) and _full_certification(decl, maker)


def test_clean_bid_is_made_in_canada_and_complete() -> None:
    decl = _load("clean_bid")
    G = build_graph(decl)
    assert {p.country_code for p in decl.parties} == {"CA"}
    assert all(p.name and p.address and p.city and p.region for p in decl.parties)
    for pid in [decl.bidder.id, *first_tier(G)]:
        assert _full_certification(decl, pid), pid
    maker = decl.party(first_tier(G)[0])
    assert maker.region == "Québec" and maker.goods == ("G1",)
    fibre = [p for p in decl.parties if any("fibre" in m for m in p.materials)]
    assert fibre and all(G.nodes[p.id]["reachable"] for p in fibre)


def test_gaps_bid_has_an_uncertified_tier1_subcontractor_without_address() -> None:
    decl = _load("apparel_gaps_bid")
    G = build_graph(decl)
    gaps = [
        pid
        for pid in first_tier(G)
        if not decl.party(pid).address
        and not _full_certification(decl, pid)
        and not any(c.party == pid for c in decl.certifications)
    ]
    assert len(gaps) == 1
    gap = decl.party(gaps[0])
    assert gap.role == "subcontractor" and gap.name and gap.country_code == "CA"
    assert _full_certification(decl, decl.bidder.id)
