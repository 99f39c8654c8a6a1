"""Every number is named for what it is, alike in JSON, terminal and workbook; plurals."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
from rich.console import Console

from scrisk.assessment import assess
from scrisk.cli import main
from scrisk.report.terminal.render import render_assessment

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"


def test_scores_are_named_in_the_json_the_terminal_and_the_workbook(tmp_path):
    a = assess(EXAMPLES / "glove_bid.json")
    doc = a.to_dict("en")
    r1 = next(p for p in doc["parties"] if p["id"] == "R1")
    assert r1["intrinsic_risk"] == r1["intrinsic_score"] and r1["party_risk"] == r1["score"]
    path = next(p for p in doc["paths"] if p["source"] == "R1")
    assert path["path_score"] == path["score"] < r1["party_risk"]  # attenuated on the way
    buffer = io.StringIO()
    render_assessment(doc, Console(file=buffer, width=120), lang="en")
    assert f"party risk {r1['party_risk']:.1f}" in buffer.getvalue()
    wb = openpyxl.load_workbook(a.to_excel(tmp_path / "g.xlsx"))
    parties = [c.value for c in wb["Parties"][1]]
    assert "Intrinsic risk (0-100, own findings)" in parties
    assert "Party risk (0-100, with its suppliers)" in parties
    assert "Path score (0-100): risk reaching the bidder" in [c.value for c in wb["Paths"][1]]


def test_one_name_screened_is_singular(tmp_path, capsys):
    names = tmp_path / "names.csv"
    names.write_text("name,country\nMaple Leaf Textiles,CA\n", encoding="utf-8")
    main(["screen", str(names)])
    assert "1 name screened" in capsys.readouterr().out
