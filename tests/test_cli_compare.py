"""`scrisk compare`: bids ranked best first with why, in the terminal, JSON and Excel."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from openpyxl import load_workbook

from scrisk.cli import main
from scrisk.i18n import t

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
APPAREL = str(EXAMPLES / "apparel_bid.json")  # Xinjiang cotton in the chain
CLEAN = str(EXAMPLES / "clean_bid.json")
GAPS = str(EXAMPLES / "apparel_gaps_bid.json")
GLOVE = str(EXAMPLES / "glove_bid.json")  # another solicitation


def _compare_json(capsys, *argv: str) -> dict:
    assert main(["compare", *argv, "--json", "-"]) == 0
    out, err = capsys.readouterr()
    return json.loads(out)


def test_clean_bid_ranks_above_the_xinjiang_apparel_bid(capsys):
    doc = _compare_json(capsys, APPAREL, GAPS, CLEAN)
    assert doc["format"] == "scrisk-comparison/1"
    ranking = doc["ranking"]
    assert [r["rank"] for r in ranking] == [1, 2, 3]
    assert [Path(r["source"]).name for r in ranking] == [
        "clean_bid.json",
        "apparel_gaps_bid.json",
        "apparel_bid.json",
    ]
    worst = ranking[-1]
    assert worst["risk_level"] == "critical" and worst["critical"] >= 1
    assert "region US measures treat as high risk" in worst["why"]
    assert "tariff item 9897.00.00" in worst["why"] and "CT9897" not in worst["why"]
    assert ranking[0]["risk_level"] == "low" and ranking[0]["why"].startswith("no flag")
    # the documents follow the ranking, one per bid
    assert [d["bidder"]["name"] for d in doc["assessments"]] == [r["bidder_name"] for r in ranking]
    assert doc["as_of"] == "2022-03-31"  # the shared closing date


def test_terminal_table_lists_bids_best_first(capsys):
    assert main(["compare", APPAREL, CLEAN]) == 0
    out, err = capsys.readouterr()
    assert t("term.compare.title", "en") in out
    assert out.index("Laurentian") < out.index("Maple Ridge")
    assert err == ""  # same solicitation: no warning


def test_comparison_json_is_stable_and_in_french(capsys, tmp_path):
    one, two = tmp_path / "one.json", tmp_path / "two.json"
    assert main(["compare", APPAREL, CLEAN, "--json", str(one), "--lang", "fr"]) == 0
    out = capsys.readouterr().out
    assert "Soumissions classées, de la meilleure à la moins bonne" in out
    assert "Pourquoi" in out
    assert main(["compare", APPAREL, CLEAN, "--json", str(two), "--lang", "fr", "-q"]) == 0
    assert one.read_bytes() == two.read_bytes()
    doc = json.loads(one.read_text(encoding="utf-8"))
    assert doc["lang"] == "fr"
    assert doc["ranking"][0]["why"].startswith("aucun signalement")


def test_bids_for_different_solicitations_are_warned_about(capsys):
    doc = _compare_json(capsys, CLEAN, GLOVE)
    assert [r["same_solicitation"] for r in doc["ranking"]] == [True, False]
    assert doc["as_of"] is None  # two closing dates
    main(["compare", CLEAN, GLOVE, "--as-of", "2022-01-01"])
    out, err = capsys.readouterr()
    joined = " ".join(err.split())
    assert "different solicitations (EN578-211087/A, W8486-220315/A)" in joined


def test_as_of_is_recorded(capsys):
    doc = _compare_json(capsys, CLEAN, GLOVE, "--as-of", "2024-01-01")
    assert doc["as_of"] == "2024-01-01"
    assert {d["as_of"] for d in doc["assessments"]} == {"2024-01-01"}


def test_comparison_workbook(capsys, tmp_path):
    target = tmp_path / "ranking.xlsx"
    assert main(["compare", APPAREL, GAPS, CLEAN, "--excel", str(target)]) == 0
    assert str(target) in capsys.readouterr().out
    wb = load_workbook(target, read_only=True)
    assert wb.sheetnames[0] == t("excel.sheet.ranking", "en")
    assert len(wb.sheetnames) == 5 and wb.sheetnames[-1] == "Review"


def test_bad_inputs_exit_2_with_all_faults(capsys, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text("[1, 2", encoding="utf-8")
    assert main(["compare", CLEAN, str(bad), str(tmp_path / "absent.json")]) == 2
    out, err = capsys.readouterr()
    assert "Laurentian" in out and "Rank" in out  # the readable bid is still ranked
    assert str(bad) in err and str(tmp_path / "absent.json") in err
    assert "Traceback" not in err


def test_compare_help(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["compare", "--help"])
    assert stop.value.code == 0
    out = capsys.readouterr().out
    assert "--json" in out and "--excel" in out and "best first" in out
