"""The supply chain as a picture: layout by tier, colours by level, flagged paths,
cycles and unreachable parties, big chains summarised, same bytes every time."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import networkx as nx
import pytest
from assessment_bids import add_party, bid, party

from scrisk.assessment import assess
from scrisk.cli import main
from scrisk.report.picture.draw import figure, render
from scrisk.report.picture.layout import SUMMARY_DRAWN, flagged_edges, layout
from scrisk.report.picture.network import network

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


@pytest.fixture(scope="module")
def glove():
    return assess(EXAMPLES / "glove_bid.json").to_dict("en")


def _texts(fig) -> str:
    return "\n".join(t.get_text() for ax in [fig, *fig.axes] for t in ax.texts) + "\n".join(
        t.get_text() for legend in fig.legends for t in legend.get_texts()
    )


def test_sources_left_bidder_right_one_column_per_tier(glove):
    lay = layout(glove)
    x = {pid: pos[0] for pid, pos in lay.pos.items()}
    assert x["R1"] < x["M1"] < x["B"]  # tier 2, tier 1, bidder
    assert lay.hot == {("M1", "B"): "critical", ("R1", "M1"): "medium"}
    labels = _texts(figure(glove))
    # id, the whole name wrapped over lines (not cut), country
    assert "M1\nSupermax Glove\nManufacturing Sdn.\nBhd.\nMY" in labels
    for heading in ("Bidder", "Tier 1", "Tier 2", "critical", "unknown", "flagged path"):
        assert heading in labels


def test_same_document_same_bytes_and_no_date(glove):
    svg = render(glove, "svg")
    assert svg == render(glove, "svg") and svg.startswith(b"<?xml")
    assert b"<dc:date>" not in svg and b"Matplotlib v" not in svg
    png = render(glove, "png")
    assert png == render(glove, "png") and png[:8] == b"\x89PNG\r\n\x1a\n"
    assert b"Software" not in png[:200]


def _cyclic_bid() -> dict:
    doc = bid()
    add_party(
        doc,
        id="X1",
        role="subcontractor",
        name="Loose Thread Ltd.",
        address="1 Side St",
        city="Moncton",
        region="New Brunswick",
        country="CA",
    )  # supplies no one
    party(doc, "F1")["supplies_to"] = ["M1"]
    add_party(
        doc,
        id="F2",
        role="material_supplier",
        name="Loop Yarns Ltd.",
        address="2 Mill Rd",
        city="Sherbrooke",
        region="Quebec",
        country="CA",
        supplies_to=["F1"],
    )
    party(doc, "F1")["supplies_to"] = ["M1", "F2"]  # F1 <-> F2: a cycle
    party(doc, "F2")["materials"] = ["unobtainium"]  # no reference data: unknown
    return doc


def test_cycles_and_unreachable_parties_are_visible():
    doc = assess(_cyclic_bid()).to_dict("en")
    assert doc["graph"]["unreachable"] == ["X1"] and doc["graph"]["cycles"]
    lay = layout(doc)
    assert lay.unreachable == {"X1"} and lay.pos["X1"][0] == 0  # its own column, far left
    assert lay.cyclic == {("F1", "F2"), ("F2", "F1")}
    texts = _texts(figure(doc))
    assert "Not linked to the bidder" in texts and "supplies (in a cycle)" in texts


def test_unknown_is_drawn_apart_from_low():
    doc = assess(_cyclic_bid()).to_dict("en")
    levels = {p["id"]: p["risk_level"] for p in doc["parties"]}
    assert levels["F2"] == "unknown"
    fig = figure(doc)
    boxes = {round(p.get_x(), 3): p for p in fig.axes[0].patches if hasattr(p, "get_boxstyle")}
    hatched = [p for p in boxes.values() if p.get_hatch()]
    unknown = sum(1 for lv in levels.values() if lv == "unknown")
    assert len(hatched) >= 1 and unknown >= 1
    low = [p for p in fig.axes[0].patches if hasattr(p, "get_boxstyle") and not p.get_hatch()]
    assert all(p.get_facecolor() != hatched[0].get_facecolor() for p in low)


def _big(n: int) -> dict:
    """A synthetic document: n parties under the bidder, one in ten flagged critical."""
    parties = [
        {
            "id": "B",
            "name": "Bidder Inc.",
            "tier": 0,
            "supplies_to": [],
            "country": "CA",
            "risk_level": "low",
            "reachable": True,
        }
    ]
    flags = []
    for i in range(1, n):
        parent = "B" if i <= 10 else f"P{(i - 1) // 10}"
        tier = 1 if parent == "B" else next(p["tier"] for p in parties if p["id"] == parent) + 1
        level = "critical" if i % 10 == 3 else ("unknown" if i % 7 == 0 else "low")
        parties.append(
            {
                "id": f"P{i}",
                "name": f"Supplier {i}",
                "tier": tier,
                "country": "BD",
                "supplies_to": [parent],
                "risk_level": level,
                "reachable": True,
            }
        )
    by_id = {p["id"]: p for p in parties}
    for p in parties:
        if p["risk_level"] == "critical":
            path, cur = [p["id"]], p
            while cur["supplies_to"]:
                cur = by_id[cur["supplies_to"][0]]
                path.append(cur["id"])
            flags.append(
                {"rule": "WATCHLIST", "severity": "critical", "party": p["id"], "path": path}
            )
    return _complete(
        {
            "bidder": {"id": "B", "name": "Bidder Inc."},
            "solicitation": {"id": "S"},
            "parties": parties,
            "flags": flags,
            "paths": [],
            "graph": {},
        }
    )


def _complete(doc: dict) -> dict:
    """A whole assessment document around the parts a test sets (the picture reads the typed
    document, so every key is there); what the test leaves out is empty or unknown."""
    for p in doc["parties"]:
        for key in (
            "name",
            "address",
            "city",
            "region",
            "country",
            "country_declared",
            "workers",
            "annual_capacity",
        ):
            p.setdefault(key, None)
        p.setdefault("role", "material_supplier")
        for key in ("supplies_to", "goods", "materials"):
            p.setdefault(key, [])
        for key in ("intrinsic_score", "score", "flags"):
            p.setdefault(key, 0)
    for f in doc["flags"]:
        for key in ("good", "reviewed"):
            f.setdefault(key, None)
        f.setdefault("title", f["rule"])
        f.setdefault("message", "")
        f.setdefault("evidence", [])
    doc["solicitation"] = {
        "title": None,
        "category": "other",
        "closing_date": None,
        "value_cad": None,
        "goods": [],
        **doc["solicitation"],
    }
    doc["graph"] = {"cycles": [], "unreachable": [], **doc["graph"]}
    return {
        "format": "scrisk-assessment/1",
        "lang": "en",
        "as_of": "2026-01-01",
        "risk_level": "critical",
        "score": 0,
        "summary": {"flags_by_severity": {}, "parties": len(doc["parties"]), "max_tier": 0},
        "clauses": [],
        "screening": [],
        "decisions": [],
        "data": [],
        **doc,
    }


def test_three_hundred_parties_are_summarised_risky_paths_first():
    doc = _big(300)
    lay = layout(doc)
    assert len(lay.pos) <= SUMMARY_DRAWN
    assert sum(lay.left_out.values()) == 300 - len(lay.pos)
    drawn_hot = list(lay.hot)
    assert drawn_hot and all(lay.hot[e] == "critical" for e in drawn_hot)
    # every drawn critical party is drawn with its whole path to the bidder
    for pid in lay.pos:
        for target in next(p for p in doc["parties"] if p["id"] == pid)["supplies_to"]:
            assert target in lay.pos
    texts = _texts(figure(doc))
    assert f"{300 - len(lay.pos)} more parties not drawn" in texts
    assert render(doc, "svg") == render(doc, "svg")


def test_graphml_and_gexf_for_gephi_and_yed(glove, tmp_path):
    g = network(glove)
    assert set(g.nodes) == {"B", "M1", "R1"} and g.nodes["M1"]["risk_level"] == "critical"
    assert g.edges["M1", "B"]["flagged"] is True
    assert flagged_edges(glove)[("M1", "B")] == "critical"
    for suffix in ("graphml", "gexf", "svg", "png"):
        out = tmp_path / f"chain.{suffix}"
        assert (
            main(["assess", str(EXAMPLES / "glove_bid.json"), "--quiet", "--graph", str(out)]) == 0
        )
        first = out.read_bytes()
        main(["assess", str(EXAMPLES / "glove_bid.json"), "--quiet", "--graph", str(out)])
        assert out.read_bytes() == first, suffix
    back = nx.read_graphml(tmp_path / "chain.graphml")
    assert set(back.edges) == {("M1", "B"), ("R1", "M1")}
    meta = ET.parse(tmp_path / "chain.gexf").getroot()
    assert 'lastmodifieddate="2021-12-10"' in (tmp_path / "chain.gexf").read_text()
    assert meta is not None


def test_a_graph_path_with_an_unknown_suffix_is_a_usage_error(tmp_path, capsys):
    code = main(
        [
            "assess",
            str(EXAMPLES / "glove_bid.json"),
            "--quiet",
            "--graph",
            str(tmp_path / "chain.pdf"),
        ]
    )
    assert code == 2
    err = capsys.readouterr().err
    assert "chain.pdf" in err and ".svg" in err and "Traceback" not in err
    assert not (tmp_path / "chain.pdf").exists()


def test_several_inputs_give_one_numbered_file_each(tmp_path):
    out = tmp_path / "chain.svg"
    assert (
        main(
            [
                "assess",
                str(EXAMPLES / "glove_bid.json"),
                str(EXAMPLES / "clean_bid.json"),
                "--quiet",
                "--graph",
                str(out),
            ]
        )
        == 0
    )
    assert (tmp_path / "chain-1.svg").read_bytes() != (tmp_path / "chain-2.svg").read_bytes()
    assert not out.exists()
