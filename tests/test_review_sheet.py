"""Multi-bid and comparison workbooks have the Review sheet their bid sheets point to,
and --decisions reads the reviewer's answers back from it."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest

from scrisk.assessment import assess
from scrisk.cli import main
from scrisk.decisions import load_decisions
from scrisk.report.excel.workbook import write_comparison_workbook

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SUPERMAX = "CBP-supermax-corporation-bhd-and-its-wholly-owned-subsidiaries-wro"


@pytest.mark.filterwarnings("ignore:bids for different solicitations")
@pytest.mark.parametrize("lang", ["en", "fr"])
def test_comparison_review_sheet_round_trips_through_decisions(tmp_path, lang):
    bids = [assess(EXAMPLES / f"{n}.json") for n in ("clean_bid", "glove_bid", "apparel_bid")]
    path = write_comparison_workbook(bids, tmp_path / "cmp.xlsx", lang=lang)
    wb = openpyxl.load_workbook(path)
    review = wb.worksheets[-1]
    assert review.title == ("Review" if lang == "en" else "Examen")
    head = [c.value for c in review[1]]
    rows = [dict(zip(head, r, strict=True)) for r in review.iter_rows(min_row=2, values_only=True)]
    col = {
        k: head.index(v) + 1
        for k, v in zip(
            ("party", "name", "country", "entry", "decision", "reviewer", "date", "bidder"),
            ("Party", "Party name", "Country", "Entry id", "Decision", "Reviewer", "Date", "Bidder")
            if lang == "en"
            else (
                "Partie",
                "Nom de la partie",
                "Pays",
                "Identifiant de l'inscription",
                "Décision",
                "Examinateur",
                "Date de l'examen",
                "Soumissionnaire",
            ),
            strict=True,
        )
    }
    supermax = next(i for i, r in enumerate(rows, start=2) if r[head[col["entry"] - 1]] == SUPERMAX)
    assert review.cell(supermax, col["name"]).value == "Supermax Glove Manufacturing Sdn. Bhd."
    assert review.cell(supermax, col["country"]).value == "MY"
    assert review.cell(supermax, col["bidder"]).value == "Northern Shield Medical Supply Inc."
    # the bid sheets send the reviewer to this sheet
    bid_sheets = "\n".join(
        str(c.value)
        for ws in wb.worksheets[1:-1]
        for row in ws.iter_rows()
        for c in row
        if isinstance(c.value, str)
    )
    assert review.title in bid_sheets
    # a reviewer answers in the workbook; --decisions reads it back
    review.cell(supermax, col["decision"]).value = (
        "not a match" if lang == "en" else "pas une correspondance"
    )
    review.cell(supermax, col["reviewer"]).value = "A. Tremblay"
    review.cell(supermax, col["date"]).value = "2026-11-30"
    wb.save(path)
    decisions = load_decisions(path)
    assert decisions[("M1", SUPERMAX)].decision == "not_a_match"
    again = assess(EXAMPLES / "glove_bid.json", decisions=decisions)
    assert not [f for f in again.flag_list if f.rule == "WATCHLIST"]
    assert (
        main(["assess", str(EXAMPLES / "glove_bid.json"), "--decisions", str(path), "--quiet"]) == 0
    )
