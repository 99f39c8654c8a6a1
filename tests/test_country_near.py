"""A misspelt country must not hide evidence or lower the verdict (issue 12, point 4).

Built from the inputs that showed the defect: a Bangladesh garment maker typed
``Bangaldesh`` scored 50.0 instead of 71.2 (its GOODS listing and tariff-item
exposure vanished); ``Malasia`` got no "did you mean Malaysia?".
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pycountry
from hypothesis import assume, given
from hypothesis import strategies as st
from openpyxl import load_workbook

from scrisk.assessment import assess
from scrisk.countries import fold, near_country, resolve_country

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
LEVELS = {"low": 0, "medium": 1, "high": 2, "critical": 3}


def _maker_bid(country: str) -> dict[str, Any]:
    """The apparel example cut to the bidder and its Bangladesh garment maker."""
    doc = json.loads((EXAMPLES / "apparel_bid.json").read_text(encoding="utf-8"))
    doc["parties"] = [p for p in doc["parties"] if p["id"] in ("B", "M1")]
    doc["parties"][1]["country"] = country
    return doc


def test_bangaldesh_is_read_as_bangladesh_with_a_note_and_the_same_verdict(tmp_path):
    right = assess(_maker_bid("Bangladesh"))
    typo = assess(_maker_bid("Bangaldesh"))
    assert (typo.score, typo.risk_level) == (right.score, right.risk_level) == (71.2, "high")
    assert {f.rule for f in typo.flag_list} >= {"GOODS", "CT9897"}
    doc = typo.to_dict()
    maker = next(p for p in doc["parties"] if p["id"] == "M1")
    assert (maker["country"], maker["country_declared"]) == ("BD", "Bangaldesh")
    assert maker["country_note"] == "read 'Bangaldesh' as Bangladesh"
    (note,) = [f for f in doc["flags"] if f["rule"] == "DATA_GAP"]
    assert "read as Bangladesh" in note["message"] and note["severity"] == "info"
    fr = typo.to_dict("fr")
    assert next(p for p in fr["parties"] if p["id"] == "M1")["country_note"] == (
        "«\u00a0Bangaldesh\u00a0» lu comme Bangladesh")  # OQLF spacing
    path = typo.to_excel(tmp_path / "r.xlsx")
    cells = [c for row in load_workbook(path).worksheets[2].iter_rows(values_only=True)
             for c in row]
    assert "Bangaldesh (read 'Bangaldesh' as Bangladesh)" in cells


def test_malasia_is_read_as_malaysia():
    assert near_country("Malasia").code == "MY"
    assert near_country("Malaisya").code == "MY"
    assert resolve_country("Malasia") is None  # the exact resolver still never guesses


def test_an_ambiguous_spelling_stays_unresolved_with_suggestions():
    near = near_country("Austrlia")
    assert near.code is None and set(near.suggestions) == {"AT", "AU"}
    a = assess(_maker_bid("Austrlia"))
    maker = next(p for p in a.to_dict()["parties"] if p["id"] == "M1")
    assert maker["country"] is None and maker["country_note"] is None
    (gap,) = [f for f in a.to_dict()["flags"] if f["rule"] == "DATA_GAP"]
    assert "did you mean Austria or Australia?" in gap["message"]
    assert set(near_country("Cokgo").suggestions) >= {"CD", "CG"}  # Congo is never guessed


def test_distant_or_short_text_is_never_corrected():
    for text in ("Xyzzy", "Atlantis", "ZZ", "USB", "Congo"):
        assert near_country(text).code is None


# -------------------------------------------------------------------- property
NAMES = sorted({c.name for c in pycountry.countries if len(fold(c.name)) >= 4})
LETTERS = "abcdefghijklmnopqrstuvwxyz"


@st.composite
def misspellings(draw: st.DrawFn) -> tuple[str, str]:
    """A country name and the same name with one letter wrong (two for 8+ letters)."""
    name = draw(st.sampled_from(NAMES))
    text = name
    edits = draw(st.integers(1, 2 if len(fold(name)) >= 8 else 1))
    for _ in range(edits):
        i = draw(st.integers(0, len(text) - 1))
        kind = draw(st.sampled_from(("substitute", "delete", "insert", "swap")))
        letter = draw(st.sampled_from(LETTERS))
        if kind == "substitute":
            text = text[:i] + letter + text[i + 1:]
        elif kind == "delete" and len(text) > 4:
            text = text[:i] + text[i + 1:]
        elif kind == "insert":
            text = text[:i] + letter + text[i:]
        elif i + 1 < len(text):
            text = text[:i] + text[i + 1] + text[i] + text[i + 2:]
    return name, text


@given(misspellings())
def test_a_misspelt_country_never_lowers_the_level_or_the_score(case: tuple[str, str]):
    name, typo = case
    assume(resolve_country(typo) is None)  # another country's real name is not a typo
    near = near_country(typo)
    # equally close to two countries: asked, not guessed (see the README's limits)
    assume(near.code is not None or not near.suggestions)
    right, wrong = assess(_maker_bid(name)), assess(_maker_bid(typo))
    assert wrong.score >= right.score
    assert LEVELS[wrong.risk_level] >= LEVELS[right.risk_level]
    assert near.code == resolve_country(name)
