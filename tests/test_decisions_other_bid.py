"""Decisions from another bid (#20) and an unanswered Review sheet (#24).

A decisions file is keyed by party id, but ids are local to a bid: "M1" in
another bid is another supplier. A decision clears a match only for the supplier
it was made about (name and country, normalised as the register does); the others
are listed as not applied. An unanswered Review sheet given to --decisions says so.
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

import scrisk
from scrisk.cli import main
from scrisk.report.excel.workbook import write_assessment_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
GLOVE = EXAMPLES / "glove_bid.json"
SUPERMAX = "CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro"
SUPERMAX_NAME = "Supermax Glove Manufacturing Sdn. Bhd."


def _watchlist(a) -> list[str]:
    return [f.severity for f in a.flag_list if f.rule == "WATCHLIST" and f.party == "M1"]


def _csv(tmp_path: Path, name: str, country: str) -> Path:
    path = tmp_path / "decisions.csv"
    path.write_text(
        "party,entry_id,decision,reviewer,date,name,country\n"
        f'M1,{SUPERMAX},not a match,R. Roy,2026-11-02,"{name}",{country}\n',
        encoding="utf-8",
    )
    return path


def test_csv_decision_about_another_supplier_does_not_clear_the_match(tmp_path: Path) -> None:
    a = scrisk.assess(GLOVE, decisions=_csv(tmp_path, "Harmless Gloves Co., Ltd.", "Viet Nam"))
    assert _watchlist(a) == ["critical"]
    [note] = a.to_dict()["decisions_unapplied"]
    assert (note["reason"], note["party"], note["name"], note["country"]) == (
        "other_supplier",
        "M1",
        "Harmless Gloves Co., Ltd.",
        "VN",
    )


def test_same_name_in_another_country_is_another_supplier(tmp_path: Path) -> None:
    a = scrisk.assess(GLOVE, decisions=_csv(tmp_path, SUPERMAX_NAME, "TH"))
    assert _watchlist(a) == ["critical"]


def test_csv_decision_about_this_supplier_still_applies(tmp_path: Path) -> None:
    """Name and country normalised as the register does: case, legal form, country name."""
    path = _csv(tmp_path, "SUPERMAX GLOVE MANUFACTURING SDN BHD", "Malaysia")
    a = scrisk.assess(GLOVE, decisions=path)
    assert _watchlist(a) == []
    assert a.to_dict().get("decisions_unapplied") in (None, [])


def _review_of_another_bid(tmp_path: Path) -> Path:
    """The glove bid's report, its Review row rewritten as another bid's would read: same
    party id, another supplier (name and country), answered 'not a match'."""
    path = tmp_path / "other_bid_report.xlsx"
    write_assessment_workbook(scrisk.assess(GLOVE), path, lang="en")
    wb = openpyxl.load_workbook(path)
    ws = wb["Review"]
    head = [c.value for c in ws[1]]
    for row in ws.iter_rows(min_row=2):
        if row[head.index("Entry id") if "Entry id" in head else 2].value == SUPERMAX:
            row[head.index("Party name")].value = "Harmless Gloves Co., Ltd."
            row[head.index("Country")].value = "VN"
            row[head.index("Decision")].value = "not a match"
    wb.save(path)
    return path


def test_review_sheet_of_another_bid_does_not_clear_the_match(tmp_path: Path) -> None:
    a = scrisk.assess(GLOVE, decisions=_review_of_another_bid(tmp_path))
    assert _watchlist(a) == ["critical"]
    assert [n["reason"] for n in a.to_dict()["decisions_unapplied"]] == ["other_supplier"]


def test_terminal_notes_the_decision_not_applied(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code = main(["assess", str(GLOVE), "--decisions", str(_review_of_another_bid(tmp_path))])
    out = capsys.readouterr().out
    assert code in (0, 1)
    assert "not applied" in out and "another supplier" in out


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_unanswered_review_sheet_is_a_warning_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], lang: str
) -> None:
    report = tmp_path / "unanswered.xlsx"
    write_assessment_workbook(scrisk.assess(GLOVE), report, lang=lang)
    json_out = tmp_path / "a.json"
    baseline = main(["assess", str(GLOVE), "--lang", lang, "--quiet"])
    capsys.readouterr()
    code = main(
        ["assess", str(GLOVE), "--lang", lang, "--quiet", "--decisions", str(report)]
        + ["--json", str(json_out)]
    )
    err = capsys.readouterr().err
    assert code == baseline  # a warning, not a failure
    assert str(report) in err and ("no answered decision" in err or "aucune décision" in err)
    assert "Traceback" not in err
    assert json.loads(json_out.read_text())["risk_level"] == "critical"
