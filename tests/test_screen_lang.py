"""`scrisk screen --lang fr`: the terminal report in French, the English one unchanged."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from scrisk.cli import main


@pytest.fixture
def names_csv(tmp_path: Path) -> Path:
    path = tmp_path / "parties.csv"
    path.write_text(
        "name,country\nSUPERMAX GLOVE MFG SDN. BHD.,Malaysia\n"
        "Maple Leaf Textiles,CA\nHetian Taida Apparel,China\n",
        encoding="utf-8",
    )
    return path


def test_screen_report_in_french(names_csv, capsys):
    assert main(["screen", str(names_csv), "--as-of", "2022-01-01", "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "3 noms vérifiés" in out and "Correspondances dans" in out
    assert "forte" in out and "note" in out and "en vigueur" in out
    assert "names screened" not in out and "Matches in" not in out
    # scores with a decimal comma, like every French report
    assert re.search(r"\b\d{2,3},\d\b", out) and not re.search(r"\b\d{2,3}\.\d\b", out)


def test_screen_report_in_english_by_default(names_csv, capsys):
    assert main(["screen", str(names_csv), "--as-of", "2022-01-01"]) == 0
    out = capsys.readouterr().out
    assert "3 names screened" in out and "Matches in" in out and "strong" in out
    assert "noms vérifiés" not in out


def test_json_is_the_same_whatever_the_language(names_csv, capsys):
    """Only the disclaimer follows --lang (issue 9: every output says it in its language)."""
    main(["screen", str(names_csv), "--as-of", "2022-01-01", "--json", "-"])
    en = json.loads(capsys.readouterr().out)
    main(["screen", str(names_csv), "--as-of", "2022-01-01", "--json", "-", "--lang", "fr"])
    fr = json.loads(capsys.readouterr().out)
    assert en.pop("disclaimer") != fr.pop("disclaimer")
    assert fr == en
